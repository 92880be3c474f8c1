"""The site's settings from mkdocs.yml, and its rules file, as verify and the build read them."""
from __future__ import annotations

import re

import pytest

from scripts.policy import settings
from scripts.verify.codes import registry
from tests.conftest import ROOT, org_project

KNOWN = set(registry())
ORG = ROOT / "tests/fixtures/org"


def test_the_real_site_settings_are_its_mkdocs_options(monkeypatch):
    """What verify and release read of mkdocs.yml is what MkDocs itself reads for the build."""
    from mkdocs.config import load_config
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site = settings.load(ROOT)
    config = load_config(str(ROOT / "mkdocs.yml"))
    i18n, policy = config.plugins["i18n"].config, config.plugins["policy"].config
    built = [lang.locale for lang in i18n.languages if lang.build]
    default = next(lang.locale for lang in i18n.languages if lang.default)
    assert site.original == default and sorted(site.languages) == sorted(built)
    assert (site.company, site.archive, site.time_zone, site.legal_profile, site.rules) == \
        (policy.company, policy.archive, policy.time_zone, policy.legal_profile, policy.rules)
    assert [doc.id for doc in site.documents] == [entry["id"] for entry in policy.documents]
    for doc in site.documents:
        for lang in site.languages:
            assert doc.lang_dir(ROOT / "docs", lang).is_dir(), (doc.id, lang)


def test_the_fixture_organisations_settings_are_its_mkdocs_options(tmp_path):
    site = settings.load(org_project(tmp_path / "org"))
    assert site.languages == ("ja", "en") and site.original == "ja"
    assert (site.company, site.archive, site.time_zone, site.legal_profile, site.rules) == \
        ("data/company.yml", "revisions", "Asia/Tokyo", "appi", "rules.yml")
    assert site.document_types == ("privacy-policy",)


def test_without_mkdocs_yml_the_defaults_apply(tmp_path):
    site = settings.load(tmp_path)
    assert (site.languages, site.company, site.legal_profile) == (("ja", "en"), "data/company.yml", "appi")


def test_the_default_language_comes_first_and_env_tags_give_their_default(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_url: !ENV [URL, 'http://127.0.0.1:8000/']\n"
        "hooks_like: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - search\n  - i18n:\n      languages:\n        - locale: en\n        - locale: ko\n"
        "        - locale: ja\n          default: true\n"
        "  - policy:\n      company: data/org.yml\n      legal_profile: appi\n"
        "      documents:\n        - id: privacy\n          folder: privacy\n          type: privacy-policy\n"
        "        - id: terms\n          folder: terms\n",
        encoding="utf-8")
    site = settings.load(tmp_path)
    assert site.languages == ("ja", "en", "ko")
    assert site.company == "data/org.yml"
    assert site.document_types == ("privacy-policy", "terms")
    assert [(d.id, d.folder) for d in site.documents] == [("privacy", "privacy"), ("terms", "terms")]
    assert site.document("terms").lang_dir(tmp_path / "docs", "en") == tmp_path / "docs/en/terms"
    assert site.document("terms").archive("revisions") == "revisions/terms"


def test_several_documents_need_a_folder_each(tmp_path):
    base = ("plugins:\n  - i18n:\n      languages:\n        - locale: ja\n          default: true\n"
            "  - policy:\n      documents:\n")
    for documents, line, fragment in (
            ("        - id: privacy\n        - id: terms\n          folder: terms\n", 8, "'privacy'"),
            ("        - id: a\n          folder: same\n        - id: b\n          folder: same\n", 10, "another document's"),
            ("        - id: a\n          folder: history\n        - id: b\n          folder: b\n", 8, "are taken"),
            ("        - folder: x\n", 7, "needs an id")):
        (tmp_path / "mkdocs.yml").write_text(base + documents, encoding="utf-8")
        with pytest.raises(settings.SettingsError) as err:
            settings.load(tmp_path)
        assert err.value.line == line and fragment in err.value.message, (documents, err.value)


def test_the_only_document_needs_no_name_and_an_unknown_one_is_named(tmp_path):
    site = settings.load(tmp_path)
    assert site.document(None).folder == "" and site.document(None).archive("revisions") == "revisions"
    with pytest.raises(settings.SettingsError) as err:
        site.document("terms")
    assert "no document 'terms'" in err.value.message and "privacy-policy" in err.value.message


def test_a_documents_name_is_its_title_else_the_site_name(tmp_path):
    site = settings.load(org_project(tmp_path / "org"))
    # One document with no title: the site's name in each language, as its header shows it.
    assert site.titles(site.document(None)) == {"ja": "個人情報の取扱方針", "en": "Privacy Policy"}
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: 規約\nplugins:\n  - i18n:\n      languages:\n        - locale: ja\n          default: true\n"
        "        - locale: en\n        - locale: ko\n  - policy:\n      documents:\n"
        "        - id: privacy\n          folder: privacy\n          title: {ja: 個人情報の取扱方針, en: Privacy Notice}\n"
        "        - id: terms\n          folder: terms\n          title: {ja: 利用規約, en: Terms, ko: 이용약관}\n",
        encoding="utf-8")
    site = settings.load(tmp_path)
    # A language the title leaves out reads the original's name, never a bare id.
    assert site.titles(site.document("privacy")) == {"ja": "個人情報の取扱方針", "en": "Privacy Notice", "ko": "個人情報の取扱方針"}
    assert site.titles(site.by_folder("terms"))["ko"] == "이용약관"


def test_a_title_that_is_not_one_name_per_language_is_named(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "plugins:\n  - policy:\n      documents:\n        - id: privacy\n          folder: privacy\n"
        "        - id: terms\n          folder: terms\n          title: 利用規約\n", encoding="utf-8")
    with pytest.raises(settings.SettingsError) as err:
        settings.load(tmp_path)
    assert err.value.line == 6 and "title: {ja: 利用規約, en: Terms of Service}" in err.value.message


def test_a_broken_mkdocs_yml_is_named_with_its_line(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - i18n: [\n", encoding="utf-8")
    with pytest.raises(settings.SettingsError) as caught:
        settings.load(tmp_path)
    assert caught.value.path == "mkdocs.yml" and caught.value.line >= 3
    assert "not valid YAML" in caught.value.message


def _rules(tmp_path, text):
    (tmp_path / "rules.yml").write_text(text, encoding="utf-8")
    return settings.severities(tmp_path, "rules.yml", KNOWN)


def test_no_rules_file_changes_nothing(tmp_path):
    assert settings.severities(tmp_path, "rules.yml", KNOWN) == ({}, [])


def test_the_readme_example_is_a_valid_rules_file(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Site rules", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.S)[1]
    chosen, findings = _rules(tmp_path, example)
    assert findings == []
    assert chosen == {"ADDR001": "off", "ADDR002": "off", "STY001": "error"}


@pytest.mark.parametrize("text, code, line, fragment", [
    ("STY001: warning\nADDR010: off\n", "CFG001", 2, "「ADDR010」 is not a verify code"),
    ("HIST001: off\n", "CFG001", 1, "checked by the build and cannot be changed"),
    ("# a comment\nSTY001: fatal\n", "CFG002", 2, "STY001 is set to 「fatal」"),
    ("- ADDR001\n", "CFG003", 1, "not a mapping"),
    ("ADDR001: [off\n", "CFG003", 2, "not valid YAML"),
])
def test_a_wrong_setting_is_a_finding_with_its_line(tmp_path, text, code, line, fragment):
    chosen, findings = _rules(tmp_path, text)
    assert [(f.path, f.line, f.code) for f in findings] == [("rules.yml", line, code)]
    assert fragment in findings[0].message
    assert "ADDR001" not in chosen and "HIST001" not in chosen


def test_an_inherited_configuration_gives_its_languages_and_the_child_replaces_a_list(tmp_path):
    # As MkDocs' INHERIT: mappings merge, a list (the plugins) the child replaces.
    (tmp_path / "mkdocs.base.yml").write_text(
        "plugins:\n  - i18n:\n      languages:\n        - locale: ja\n          default: true\n        - locale: en\n"
        "theme:\n  name: material\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: mkdocs.base.yml\nsite_name: X\n", encoding="utf-8")
    assert settings.languages(tmp_path) == ("ja", "en")
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: mkdocs.base.yml\nplugins:\n  - i18n:\n      languages:\n        - locale: ja\n          default: true\n"
        "        - locale: en\n        - locale: ko\n        - locale: fr\n          build: false\n", encoding="utf-8")
    assert settings.languages(tmp_path) == ("ja", "en", "ko")


def test_a_configuration_that_inherits_itself_is_named(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nINHERIT: mkdocs.yml\n", encoding="utf-8")
    with pytest.raises(settings.SettingsError, match=r"mkdocs.yml:2: INHERIT: mkdocs.yml inherits itself"):
        settings.load(tmp_path)
