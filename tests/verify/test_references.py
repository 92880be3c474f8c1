"""Cross-references resolved from the clause they stand in, in both languages."""
from __future__ import annotations

import pytest

from scripts.policy import model
from scripts.policy.reader import parse_document
from scripts.verify.references import _check_document

JA = {
    "articles/01.md": "# 第１条（目的）\n\n１．当社は…\n\n（１）甲\n\n（２）乙\n\n２．前項各号のほか…\n",
    "articles/02.md": "# 第２条（手続）\n\n１．当社は…\n\n２．REF\n\n（１）丙\n\n（２）丁\n\n３．当社は…\n",
}
EN = {
    "articles/01.md": "# Article 1 (Purpose)\n\n1. The Company …\n\n(1) A\n\n(2) B\n\n2. Besides …\n",
    "articles/02.md": "# Article 2 (Procedure)\n\n1. The Company …\n\n2. REF\n\n(1) C\n\n(2) D\n\n3. The Company …\n",
}


def findings(lang: str, reference: str):
    texts = JA if lang == "ja" else EN
    docs = [parse_document(text.replace("REF", reference), f"docs/{lang}/{rel}", rel, lang)
            for rel, text in texts.items()]
    policy = model.Policy(lang, docs)
    return [f for doc in policy.articles for f in _check_document(policy, doc)]


@pytest.mark.parametrize("reference", ["前条第1項第2号に定める", "前項に基づき", "第３項のとおり", "次項のとおり",
                                       "第1条第2項", "第１条第１項第１号", "前条", "個人情報保護法第２７条第５項",
                                       "平成１５年法律第５７号", "第三者に"])
def test_japanese_references_that_resolve(reference):
    assert findings("ja", reference) == []


@pytest.mark.parametrize("reference, code", [
    ("前条第3項", "REF002"), ("次条", "REF001"), ("第５条", "REF001"), ("第４項", "REF002"),
    ("前条第1項第3号", "REF003"), ("前各号", "REF003"), ("第1条第1項第9号", "REF003"), ("前号", "REF003"),
])
def test_japanese_references_that_do_not(reference, code):
    found = findings("ja", reference)
    assert [f.code for f in found] == [code]
    assert found[0].path == "docs/ja/articles/02.md" and found[0].line == 5
    assert f"「{reference}」" in found[0].message


@pytest.mark.parametrize("reference", ["item (2) of paragraph (1) of the preceding Article",
                                       "the preceding paragraph", "paragraph (3)", "the following paragraph",
                                       "Article 1, paragraph (1), item (ii)", "paragraph (2) of the preceding Article",
                                       "Article 32 of the Act on the Protection of Personal Information"])
def test_english_references_that_resolve(reference):
    assert findings("en", reference) == []


@pytest.mark.parametrize("reference, code", [
    ("paragraph (3) of the preceding Article", "REF002"), ("the following Article", "REF001"),
    ("Article 7", "REF001"), ("paragraph (4)", "REF002"), ("Article 1, paragraph (1), item (iii)", "REF003"),
    ("the preceding items", "REF003"),
])
def test_english_references_that_do_not(reference, code):
    assert [f.code for f in findings("en", reference)] == [code]
