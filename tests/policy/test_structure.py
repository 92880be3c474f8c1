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
