"""A property-based fuzz of the policy core: whatever an editor writes, the core reads it or says why.

Text is drawn from the pieces policies are made of (headings, numerals in every form, dates in
every calendar, front matter, brackets, markup) and from arbitrary characters; the reader, the
date and numeral readers, the markup check and the comparison engine either return or raise
the project's own PolicyError (file and line), never anything else.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from scripts.policy import model
from scripts.policy.compare import compare_policies
from scripts.policy.dates import find_dates, read_date, read_events
from scripts.policy.errors import PolicyError
from scripts.policy.numbering import to_int
from scripts.policy.reader import parse_document
from scripts.verify import markup

PIECES = [
    "# ", "第", "条", "項", "号", "章", "の", "（", "）", "(", ")", "１", "２", "１０", "0", "9", "十", "十十", "百", "千",
    "〇", "二〇二二", "①", "⑳", "イ", "ロ", "ア", "．", ".", "、", "。", "附則", "以上", "令和", "平成", "元", "年",
    "月", "日", "2022", "13", "32", "施行", "制定", "改定", "Article ", "Supplementary Provisions", "---\n",
    "chapter: ", "title: ", ": ", "!!int ", "[", "]", "{", "}", "{: ", "<", ">", "<script>", "&#8203;", "&", "`",
    "＜宛先＞", "〒", "100-0001", "円", "5,500", "https://", "\n", "\n\n", " ", "\u3000", "\t", "\ufeff", "\r\n",
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=60).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(text: str, rel: str, lang: str) -> model.Document | None:
    try:
        return parse_document(text, f"docs/{lang}/{rel}", rel, lang)
    except PolicyError as err:
        assert err.path == f"docs/{lang}/{rel}" and err.line >= 0 and err.message
        return None


@SETTINGS
@given(TEXT, st.sampled_from(["articles/03.md", "index.md", "appendix.md", "sections/02.md", "full-text.md"]),
       st.sampled_from(["ja", "en"]))
def test_the_reader_reads_any_text_or_names_the_line(text, rel, lang):
    doc = _read(text, rel, lang)
    if doc is not None:
        assert all(block.line >= 1 for block in doc.blocks)
        markup.check_document(doc)


@SETTINGS
@given(TEXT)
def test_dates_and_numerals_are_read_or_refused_plainly(text):
    for line in text.split("\n"):
        read_date(line)
        read_events(line)
        find_dates(line)
    try:
        to_int(text[:12])
    except ValueError:
        pass


@SETTINGS
@given(TEXT, TEXT)
def test_any_two_versions_of_an_article_compare(old, new):
    policies = []
    for text in (old, new):
        doc = _read("# 第３条（提供）\n\n" + text, "articles/03.md", "ja")
        policies.append(model.Policy("ja", [doc] if doc else []))
    compare_policies(*policies)
