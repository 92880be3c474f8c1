"""Section-style documents: ids from the numbering of headings, clauses, items and bullets."""
from pathlib import Path

from scripts.policy import model
from scripts.policy.reader import load_policy, read_document
from scripts.site.annotate import annotate, full_text

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "styles" / "model"


def read(rel):
    return read_document(FIXTURE / "ja" / rel, rel, "ja")


def test_subsections_items_and_nested_bullets_get_ids_by_level():
    doc = read("sections/05.md")
    assert doc.kind == model.ARTICLE and doc.style == model.SECTION_STYLE
    assert (doc.article_number, doc.article_numeral, doc.caption) == (5, "5.", "開示等の請求")
    ids = [c.id for c in doc.clauses]
    assert ids == ["sec-5", "sec-5-p1", "sec-5-p1-i1", "sec-5-p1-i2", "sec-5-p2",
                   "sec-5-p2-i1", "sec-5-p2-i1-s1", "sec-5-p2-i1-s2", "sec-5-p2-i2",
                   "sec-5-p2-i2-s1", "sec-5-p2-i2-s1-s1", "sec-5-p2-i2-s2"]
    assert doc.clause("sec-5-p2-i2").marker == "- イ"
    # The lead text belongs to the section itself; text after an item to that item.
    assert "次のとおり" in doc.clause("sec-5").text
    assert "手数料" in doc.clause("sec-5-p1-i2").text


def test_decimal_clauses_and_unnumbered_headings():
    doc = read("sections/02.md")
    assert [c.id for c in doc.clauses] == ["sec-2", "sec-2-p1", "sec-2-p2", "sec-2-p3", "sec-2-p4"]
    assert doc.chapter == "第1章　総則"
    unnumbered = read("sections/03.md")
    # No number in the heading: the file's position gives it.
    assert unnumbered.article_number == 3 and unnumbered.caption == "連絡の方法"
    assert [c.id for c in unnumbered.clauses] == ["sec-3", "sec-3-p1", "sec-3-p2"]


def test_site_markdown_keeps_bullets_as_paragraphs_with_their_depth():
    markdown = annotate(read("sections/05.md"))
    assert "## (1) 開示 { #sec-5-p1 }" in markdown
    assert "\\- 運転免許証\n{: #sec-5-p2-i2-s1-s1 .clause .level-3 }" in markdown
    assert "1\\. 生命" in markdown


def test_full_text_puts_chapters_above_their_sections():
    policy = load_policy(FIXTURE, "ja")
    text = full_text(policy, "全文")
    assert text.index("## 第1章　総則") < text.index("### 2 会費")


def test_cross_references_resolve_inside_sections():
    from scripts.verify import references
    policy = load_policy(FIXTURE, "ja")
    doc = policy.document("sections/02.md")
    found = [(f.line, f.code) for f in references._check_document(policy, doc)]
    # 前項 / 第1項 / 本項 exist; 第5項 does not; 前条 (section 1) does not exist either.
    assert found == [(12, "REF002"), (12, "REF001")]
