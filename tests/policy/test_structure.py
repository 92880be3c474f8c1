import pytest

from scripts.policy import model
from scripts.policy.numbering import to_int
from scripts.policy.structure import article_heading, chapter_heading, classify


@pytest.mark.parametrize("text, lang, expected", [
    ("１．当社は", "ja", (model.PARAGRAPH, "１．", 1)),
    ("2　当社は", "ja", (model.PARAGRAPH, "2", 2)),
    ("2 会社は", "ja", (model.PARAGRAPH, "2", 2)),
    ("（１０）従業員", "ja", (model.ITEM, "（１０）", 10)),
    ("(1) 法令に基づく場合", "ja", (model.ITEM, "(1)", 1)),
    ("二　個人データ", "ja", (model.ITEM, "二", 2)),
    ("③代理人の場合", "ja", (model.SUBITEM, "③", 3)),
    ("ロ　その他", "ja", (model.SUBITEM, "ロ", 2)),
    ("＜宛先＞", "ja", (model.LABEL, "", None)),
    ("※必要書類", "ja", (model.NOTE, "", None)),
    ("2022年4月1日　改定・施行", "ja", (model.TEXT, "", None)),
    ("5,500円", "ja", (model.TEXT, "", None)),
    ("一切含まれません。", "ja", (model.TEXT, "", None)),
    ("2. When a User", "en", (model.PARAGRAPH, "2.", 2)),
    ("(11) Where", "en", (model.ITEM, "(11)", 11)),
    ("[Address]", "en", (model.LABEL, "", None)),
    ("5,500 yen", "en", (model.TEXT, "", None)),
])
def test_classify(text, lang, expected):
    assert classify(text, lang) == expected


def test_article_headings_in_house_styles():
    assert article_heading("第１２条（当社の情報・お問い合わせ窓口）", "ja").number == 12
    heading = article_heading("第3条(取得の方法)　会社は、", "ja")
    assert (heading.numeral, heading.caption, heading.rest) == ("第3条", "取得の方法", "会社は、")
    assert article_heading("第十二条　当社は", "ja").number == 12
    assert article_heading("Article 6 (Disclosure of Personal Information)", "en").caption == \
        "Disclosure of Personal Information"
    assert article_heading("第三者に提供", "ja") is None
    assert chapter_heading("第1章　総則", "ja") == (1, "総則")


@pytest.mark.parametrize("numeral, value", [("１２", 12), ("十二", 12), ("二十", 20), ("二〇二二", 2022),
                                            ("⑫", 12), ("ハ", 3)])
def test_to_int(numeral, value):
    assert to_int(numeral) == value


def test_to_int_rejects_words():
    with pytest.raises(ValueError):
        to_int("元")


def test_korean_legal_numbering_is_read_from_its_locale_entry():
    heading = article_heading("제3조(제3자 제공)", "ko")
    assert (heading.numeral, heading.number, heading.caption) == ("제3조", 3, "제3자 제공")
    assert chapter_heading("제2장 총칙", "ko") == (2, "총칙")
    assert classify("② 전항에도 불구하고", "ko")[:3] == ("paragraph", "②", 2)
    assert classify("3. 문의에 대한 답변", "ko")[:3] == ("item", "3.", 3)
    assert classify("나. 본인 확인 서류", "ko")[:3] == ("subitem", "나.", 2)


def test_a_latin_style_language_needs_only_its_locale_entry(tmp_path, monkeypatch):
    import shutil

    from scripts.policy import locale, structure

    for code in locale.available():
        shutil.copy2(locale.FOLDER / f"{code}.yml", tmp_path / f"{code}.yml")
    # A French entry: English numbering, its own words for the heading.
    text = (locale.FOLDER / "en.yml").read_text(encoding="utf-8")
    (tmp_path / "fr.yml").write_text(text.replace(r"'^(Article\s+", r"'^((?:Article|Art\.)\s+"), encoding="utf-8")
    monkeypatch.setattr(locale, "FOLDER", tmp_path)
    locale.load.cache_clear()
    structure.grammar.cache_clear()
    try:
        heading = article_heading("Art. 3 (Communication à des tiers)", "fr")
        assert (heading.number, heading.caption) == (3, "Communication à des tiers")
        assert classify("2. Nonobstant le paragraphe précédent", "fr")[:3] == ("paragraph", "2.", 2)
        assert classify("(1) Lorsque la loi l'exige", "fr")[:3] == ("item", "(1)", 1)
    finally:
        locale.load.cache_clear()
        structure.grammar.cache_clear()


def test_an_entry_without_its_grammar_is_an_error_naming_the_file_and_the_key(tmp_path, monkeypatch):
    from tests.policy.test_locale import refused

    refused(tmp_path, monkeypatch, lambda data: data["grammar"].pop("item"),
            r"xx\.yml lacks grammar \(grammar:\): item")
