"""Contact and address blocks read into plain data, with the lines they stand on."""
from __future__ import annotations

from scripts.policy.contact import extract_contacts, policy_contacts
from scripts.policy.reader import load_policy, parse_document
from scripts.policy import settings
from tests.conftest import ORG, ROOT, site_policies


def by_kind(contacts):
    return {c.kind: c for c in contacts}


def test_the_fixture_organisations_japanese_blocks():
    contacts = by_kind(policy_contacts(load_policy(ORG / "docs", "ja", root=ORG)))
    address, company = contacts["address"], contacts["company"]
    assert address.path == "docs/ja/articles/05.md"
    assert (address.postal_code.text, address.postal_written) == ("460-0008", "〒460-0008")
    assert address.address.text == "愛知県名古屋市中区栄3丁目7番21号501"
    assert address.name.text == "株式会社こもれび工房"
    assert address.postal_code.line < address.address.line < address.name.line
    assert company.path == "docs/ja/articles/06.md"
    assert company.name.text == "株式会社こもれび工房"
    assert (company.representative_title.text, company.representative.text) == ("代表取締役", "森山　葉子")
    assert company.address.text.startswith("愛知県名古屋市中区栄3丁目7番21号")
    assert company.url.text == "https://www.komorebi-kobo.example/contact"
    assert company.postal_code is None


def test_the_fixture_organisations_english_blocks():
    contacts = by_kind(policy_contacts(load_policy(ORG / "docs", "en", root=ORG)))
    assert contacts["address"].postal_code.text == "460-0008"
    assert contacts["address"].name.text == "Komorebi Kobo, Inc."
    assert contacts["company"].representative_title.text == "Representative Director"
    assert contacts["company"].representative.text == "Yoko Moriyama"
    assert contacts["company"].url.text == "https://www.komorebi-kobo.example/contact"


def test_the_real_privacy_policy_has_both_blocks_in_every_language():
    site = settings.load(ROOT)
    for doc, lang, policy in site_policies():
        if doc.type == "privacy-policy":
            kinds = {c.kind for c in policy_contacts(policy)}
            assert kinds >= {"address", "company"}, (doc.id, lang)
    assert "privacy-policy" in site.document_types


def test_other_ways_editors_write_the_blocks():
    text = ("# 第１２条（お問い合わせ窓口）\n\n＜宛先＞\n\n〒５４２－００８１　大阪府大阪市中央区南船場四丁目10番5号\n\n"
            "アズポケット株式会社　個人情報お問い合わせ係\n\n"
            "会社名：アズポケット株式会社\n代表者：伊丹浩\n所在地：〒542-0081 大阪府大阪市中央区南船場4-10-5\n"
            "お問い合わせ：https://example.co.jp/contact\n")
    doc = parse_document(text, "x.md", "articles/12.md", "ja")
    contacts = by_kind(extract_contacts(doc))
    address = contacts["address"]
    assert address.postal_code.text == "542-0081" and address.postal_code.line == 5
    assert address.address.text == "大阪府大阪市中央区南船場四丁目10番5号"
    assert address.name.line == 7
    company = contacts["company"]
    assert (company.name.line, company.representative.line, company.address.line, company.url.line) == (9, 10, 11, 12)
    assert company.postal_code.text == "542-0081"
    assert company.address.text == "大阪府大阪市中央区南船場4-10-5"
    assert company.representative_title.text == "代表者"


def test_a_document_without_blocks_has_no_contacts():
    doc = parse_document("# 第１条（目的）\n\n当社は、個人情報を保護します。\n", "x.md", "articles/01.md", "ja")
    assert extract_contacts(doc) == []
