"""Check 10: raw HTML, comments, character references, attribute lists and script links are reported."""
from __future__ import annotations

from pathlib import Path

import pytest

from scripts.policy import model
from scripts.policy.reader import parse_document
from scripts.verify import markup
from scripts.verify.source import PolicyInput
from tests.hostile.conftest import CAPTION_BREAKOUT, DESCRIPTION_BREAKOUT, VECTORS


def codes(text: str, rel: str = "articles/03.md") -> list[tuple[int, str]]:
    doc = parse_document(text, f"docs/ja/{rel}", rel, "ja")
    return [(f.line, f.code) for f in markup.check_document(doc)]


@pytest.mark.parametrize("vector", VECTORS)
def test_every_hostile_vector_is_reported(vector):
    found = codes(f"# 第３条（第三者への提供）\n\n１．本文です。\n\n{vector}\n")
    assert found and all(line >= 5 for line, _ in found), found


def test_a_breakout_in_a_caption_or_the_front_matter_is_reported_on_its_line():
    assert codes(f"# 第３条{CAPTION_BREAKOUT}\n\n１．本文です。\n") == [(1, "HTML001")]
    assert codes(f"---\ntitle: 表題\ndescription: '{DESCRIPTION_BREAKOUT}'\n---\n# 第３条（提供）\n") == [(3, "HTML001")]


def test_plain_markdown_is_not_markup():
    text = ("# 第３条（提供）\n\n１．お問い合わせは <https://example.org/contact> 又は <privacy@example.org> へ。\n\n"
            "（１）[窓口](https://example.org/a)、[メール](mailto:a@example.org)、[電話](tel:+81-3-0000-0000)\n\n"
            "（２）料金は5,000円 & 税、3 < 5、`<code>` の表記、{この括弧} は本文です。\n")
    assert codes(text) == []


def test_each_kind_has_its_code():
    assert codes("# 第３条（提供）\n\n１．本文<br>です。\n") == [(3, "HTML001")]
    assert codes("# 第３条（提供）\n\n１．本文<!-- メモ -->です。\n") == [(3, "HTML002")]
    assert codes("# 第３条（提供）\n\n１．本&nbsp;文です。\n") == [(3, "HTML003")]
    assert codes("# 第３条（提供）\n\n１．本文です。\n{#art-9 .big }\n") == [(4, "HTML004")]
    assert codes("# 第３条（提供）\n\n[x]: data:text/html,hi\n") == [(3, "HTML005")]


def test_generated_history_pages_are_not_checked():
    doc = parse_document("---\npage: history\nhistory: compare\n---\n<div>x</div>\n", "docs/ja/history/compare.md",
                         "history/compare.md", "ja")
    src = PolicyInput(Path("."), Path("docs"), {"ja": model.Policy("ja", [doc])})
    assert markup.check(src) == []
