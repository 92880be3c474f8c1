"""The importer writes each language as its locale entry says, in forms that language's grammar reads back."""
from __future__ import annotations

import pytest

from scripts.importer.language import languages, writing
from scripts.policy import locale, model
from scripts.policy.structure import article_heading, classify, grammar


def _numeral(code: str) -> str:
    """Article 3 as the language writes it, from its locale entry's heading_example ('# 제N조(…)')."""
    example = grammar(code).heading_example.removeprefix("# ").replace("N", "3").replace("…", "x")
    return article_heading(example, code).numeral


@pytest.mark.parametrize("code", languages())
def test_what_the_importer_writes_is_read_back_by_the_grammar(code):
    heading = article_heading(writing(code).heading(_numeral(code), "목적 Purpose 目的", ""), code)
    assert (heading.number, heading.caption, heading.rest) == (3, "목적 Purpose 目的", "")
    assert classify(writing(code).item("2") + "text", code)[::2] == (model.ITEM, 2)


def test_every_registry_language_is_read():
    assert {"ja", "en", "ko"} <= set(languages())
    assert languages() == locale.available()


@pytest.mark.parametrize("code, numeral, source, title", [
    ("ja", "第１条", "第１条（目的）", "第１条（目的）"),
    ("ja", "第3条", "第3条(取得の方法)", "第3条(取得の方法)"),     # half-width as the source writes it
    ("ja", "第1条", "第1条", "第1条（目的）"),                     # the caption on the line above
    ("en", "Article 6", "Article 6（Disclosure）", "Article 6 (Disclosure)"),
    ("ko", "제1조", "제1조(목적)", "제1조(목적)"),
    ("ko", "제1조", "제1조（목적）", "제1조（목적）"),
])
def test_an_articles_heading_is_the_languages_own(code, numeral, source, title):
    caption = title[len(numeral):].strip(" （()）")
    assert writing(code).heading(numeral, caption, source) == title


def test_a_heading_without_a_caption_is_its_numeral():
    assert writing("ko").heading("제2조", "", "제2조") == "제2조"


@pytest.mark.parametrize("code, text, expected", [
    ("ja", "個人情報保護方針", True),
    ("ja", "当社は、個人情報を大切にします。", False),
    ("en", "Our Commitment", True),
    ("en", "our commitment", False),
    ("ko", "개인정보 보호방침", True),
    ("ko", "회사는 개인정보를 소중히 다룹니다.", False),
])
def test_a_preamble_subheading_is_a_short_line_without_sentence_punctuation(code, text, expected):
    assert writing(code).is_subheading(text) is expected


def test_each_language_names_the_headings_that_open_a_policy():
    assert writing("ja").opens_policy("はじめに") and writing("en").opens_policy("Introduction")
    assert writing("ko").opens_policy("들어가며") and not writing("ko").opens_policy("はじめに")
    assert (writing("ko").appendix_title, writing("en").preamble_title) == ("부칙", "Preamble")


def test_a_language_without_an_entry_is_an_error_naming_it():
    with pytest.raises(locale.LocaleError, match="'fr' has no locale entry"):
        writing("fr")


def test_a_pages_parts_are_recognised_in_every_language_of_the_registry():
    from scripts.importer.endings import is_revision_line
    from scripts.importer.language import appendix_heading, title_words

    # A Japanese page may be titled in English: the words of every entry are read in any page.
    assert all(title_words().search(text) for text in ("個人情報保護方針", "Privacy Policy", "개인정보 처리방침"))
    assert all(appendix_heading().match(text) for text in ("附　則", "Supplementary Provisions", "부칙"))
    assert all(is_revision_line(text) for text in ("2024年4月1日　制定・施行", "Last updated: April 1, 2024",
                                                   "2024년 4월 1일 제정·시행", "2025년 4월 1일 개정"))
    assert not is_revision_line("2024년 4월 1일 전에 취득한 개인정보에도 적용됩니다.")
