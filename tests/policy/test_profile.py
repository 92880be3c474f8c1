"""The legal profile is data: its disclosures, contact words and company keys, read from its file."""
from __future__ import annotations

import pytest

from scripts.policy import profile
from scripts.policy.contact import extract_contacts
from scripts.policy.reader import parse_document


def test_appi_is_available_and_declares_its_disclosures():
    appi = profile.load("appi")
    assert profile.available() == ("appi",)
    assert [d.code for d in appi.disclosures] == [f"APPI00{n}" for n in range(1, 7)]
    assert appi.document_type == "privacy-policy"
    assert "room" in appi.company_optional and "room" not in appi.company_required


def test_an_unknown_profile_is_a_configuration_error():
    with pytest.raises(profile.ProfileError, match="no legal profile 'gdpr'"):
        profile.load("gdpr")


def test_other_house_labels_are_contact_blocks():
    doc = parse_document("# 第５条（お問い合わせ）\n\n＜お問い合わせ先＞\n\n〒460-0008\n愛知県名古屋市中区栄三丁目1番1号\n"
                              "一般社団法人こもれび\n\n法人名：一般社団法人こもれび\n代表理事：山田　花子\n"
                              "所在地：愛知県名古屋市中区栄三丁目1番1号\n",
                         "docs/ja/articles/05.md", "articles/05.md", "ja")
    contacts = extract_contacts(doc)
    assert [c.kind for c in contacts] == ["address", "company"]
    address, company = contacts
    assert address.postal_code.text == "460-0008" and address.name.text == "一般社団法人こもれび"
    assert company.name.text == "一般社団法人こもれび"
    assert (company.representative_title.text, company.representative.text) == ("代表理事", "山田　花子")
