"""Shared fixtures: the repository, the fixture organisation's project, one site build of each per session.

Tests that need fixed wording use the fixture organisation (tests/fixtures/org/, ``org_project``);
the real policy in docs/ is held only to what every revision must satisfy.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The captured live page this site's Japanese policy was imported from (see README): this site's
# content, read only by tests/importer/test_seed.py, which a new site does not get.
SEED = ROOT / "sources" / "privacy-policy-ja.txt"
BUILD_TODAY = "2026-11-25"
# A fictional organisation's policy, with its own company data, archive and query set.
ORG = FIXTURES / "org"
CODE = ("scripts", "overrides")


def run_module(module: str, *args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m module`` as a user would, capturing its output."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", module, *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=300)


def build_site(project: Path, site_dir: Path, today: str = BUILD_TODAY) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICY_TODAY": today}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


def site_policies(root: Path = ROOT) -> list:
    """The site's own policy as (document, language, policy): each document it publishes in each
    of its languages (mkdocs.yml), the original first. Tests of the real site iterate over these,
    so they hold for any organisation's site, whatever its languages and documents."""
    from scripts.policy import settings
    from scripts.policy.reader import load_policy
    site = settings.load(root)
    return [(doc, lang, load_policy(root / "docs", lang, root=root, folder=doc.folder))
            for doc in site.documents for lang in site.languages]


def unreleased_documents(root: Path = ROOT) -> list:
    """The site's documents with no revision in their archive yet: a new organisation's site
    before its first release (its 附則 names a revision that ``make release`` has still to archive)."""
    from scripts.policy import settings
    site = settings.load(root)
    return [doc for doc in site.documents
            if not any(p.is_dir() and p.name[:1].isdigit() for p in (root / doc.archive(site.archive)).glob("*"))]


def first_release_findings(root: Path = ROOT) -> list[tuple[str, str]]:
    """(path, code) of what verify must say of a site before a document's first release: its
    original's newest revision line has no archived revision (REV007), and nothing else."""
    from scripts.policy import settings
    site = settings.load(root)
    return sorted((f"docs/{site.original}/{doc.prefix}appendix.md", "REV007") for doc in unreleased_documents(root))


def copy_project(target: Path) -> Path:
    """A copy of what this site's build reads (its own policy and archive): only for tests of this
    site's own content; a test that needs fixed content uses ``org_project``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "overrides", "scripts", "data", "revisions"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


# The languages of the fixture organisation's build configuration: (code, site name, description).
ORG_LANGUAGES = [("ja", "個人情報の取扱方針", "株式会社こもれび工房の個人情報の取扱方針"),
                 ("en", "Privacy Policy", "Privacy Policy of Komorebi Kobo, Inc. (English translation)")]


def base_config() -> str:
    """The generator's build configuration with the fixture organisation's languages: the template
    a new site's mkdocs.yml is made from (scripts/new_site/templates/), which renders this site's own
    mkdocs.yml exactly (tests/test_new_site.py). So a change to the build configuration reaches the
    fixtures, and they keep their two languages in a site that publishes other ones."""
    from scripts.new_site.command import render_mkdocs
    return render_mkdocs(ORG_LANGUAGES, "Komorebi Kobo, Inc.")


def org_project(target: Path) -> Path:
    """The project's code with the fixture organisation's policy, data, archive and site settings.

    The organisation's mkdocs.yml inherits the generator's build configuration (``base_config``,
    as mkdocs.base.yml).
    """
    target.mkdir(parents=True, exist_ok=True)
    for name in CODE:
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("docs", "data", "revisions", "sources"):
        shutil.copytree(ORG / name, target / name)
    (target / "mkdocs.base.yml").write_text(base_config(), encoding="utf-8")
    shutil.copy2(ORG / "mkdocs.yml", target / "mkdocs.yml")
    return target


# The fixture organisation's terms of service, a second document beside its privacy policy.
TERMS = FIXTURES / "terms"
DOCUMENTS_CONFIG = """\
# The fixture organisation's site of two documents (tests/conftest.py: documents_project).
INHERIT: mkdocs.base.yml
site_name: 株式会社こもれび工房の規約と方針
site_description: 株式会社こもれび工房の個人情報の取扱方針と利用規約
copyright: "© Komorebi Kobo, Inc."
plugins:
  - i18n:
      docs_structure: folder
      reconfigure_material: true
      reconfigure_search: false
      languages:
        - locale: ja
          name: 日本語
          default: true
          build: true
        - locale: en
          name: English
          build: true
          site_name: "Komorebi Kobo, Inc.: policies and terms"
  - policy:
      documents:
        - id: privacy-policy
          folder: privacy
          title: {ja: 個人情報の取扱方針, en: Personal Information Policy}
        - id: terms
          folder: terms
          type: terms-of-service
          title: {ja: 利用規約, en: Terms of Service}
"""
HOME = {"ja": "# 規約と方針\n\n株式会社こもれび工房が公開している規約と方針です。\n",
        "en": "# Policies and terms\n\nThe policies and terms Komorebi Kobo, Inc. publishes.\n"}


def documents_project(target: Path) -> Path:
    """The fixture organisation with two documents: its privacy policy (docs/<lang>/privacy/,
    revisions/privacy/) and its terms of service (docs/<lang>/terms/, revisions/terms/)."""
    org_project(target)
    for lang in ("ja", "en"):
        lang_dir = target / "docs" / lang
        moved = target / "privacy-moving"
        shutil.move(lang_dir, moved)
        lang_dir.mkdir()
        shutil.move(moved, lang_dir / "privacy")
        shutil.copytree(TERMS / "docs" / lang, lang_dir / "terms")
        (lang_dir / "index.md").write_text(HOME[lang], encoding="utf-8")
    archive = target / "revisions"
    shutil.move(archive, target / "privacy-archive")
    archive.mkdir()
    shutil.move(target / "privacy-archive", archive / "privacy")
    shutil.copytree(TERMS / "revisions", archive / "terms")
    (target / "mkdocs.yml").write_text(DOCUMENTS_CONFIG, encoding="utf-8")
    return target


def revise(project: Path, folder: str, date: str, announced: str, changes: dict[str, tuple[str, str, str, str]]) -> None:
    """A revision of the document in ``folder``, ready to release, as CONTRIBUTING says: in each
    language (``changes``: lang → old text, new text, its 附則 line, the change notice's summary)
    the text changed, the line added, the notice written; then every translation marked."""
    for lang, (old, new, line, summary) in changes.items():
        document = project / "docs" / lang / folder
        changed = [path for path in sorted((document / "articles").glob("*.md")) if old in path.read_text(encoding="utf-8")]
        assert len(changed) == 1, (lang, old, changed)
        changed[0].write_text(changed[0].read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        appendix = document / "appendix.md"
        appendix.write_text(appendix.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{line}\n", encoding="utf-8")
        notice = document / "changes" / f"{date}.md"
        notice.parent.mkdir(parents=True, exist_ok=True)
        notice.write_text(f"---\nchange: material\nannounced: {announced}\n---\n\n{summary}\n", encoding="utf-8")
    marked = run_module("scripts.translation", "mark", "--all", cwd=project)
    assert marked.returncode == 0, marked.stderr


# The monthly fee of the terms of service (第２条), raised on 2027-01-01, in each language the site has.
TERMS_FEE = {
    "ja": ("3,300円", "3,850円", "2027年1月1日　改定・施行", "第２条の月額料金を3,300円から3,850円に改めます。"),
    "en": ("3,300 yen", "3,850 yen", "January 1, 2027: Revised and effective",
           "The monthly fee of Article 2 goes from 3,300 yen to 3,850 yen."),
    "ko": ("3,300엔", "3,850엔", "2027년 1월 1일 개정·시행", "제2조의 월 이용 요금을 3,300엔에서 3,850엔으로 변경합니다."),
}


def revise_the_terms(project: Path) -> None:
    """The terms of service of ``documents_project`` revised on 2027-01-01 (announced 2026-11-20), ready to release."""
    langs = [lang for lang in TERMS_FEE if (project / "docs" / lang / "terms").is_dir()]
    revise(project, "terms", "2027-01-01", "2026-11-20", {lang: TERMS_FEE[lang] for lang in langs})


# The fixture organisation in Korean too (tests/fixtures/third-language/: its privacy policy and
# its part of the company data file; tests/fixtures/terms/docs/ko/: its terms of service).
KOREAN = FIXTURES / "third-language"
KOREAN_ENTRY = """        - locale: ko
          name: 한국어
          build: true
          site_name: "주식회사 고모레비 공방의 약관과 방침"
"""
KOREAN_HOME = "# 약관과 방침\n\n주식회사 고모레비 공방이 공개하는 약관과 방침입니다.\n"


def three_language_project(target: Path) -> Path:
    """The site of two documents (``documents_project``) in Japanese, English and Korean: the
    language and each document's Korean name in mkdocs.yml, the Korean files of both documents."""
    documents_project(target)
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("\n  - policy:\n", "\n" + KOREAN_ENTRY + "  - policy:\n", 1)
    text = text.replace("en: Personal Information Policy}", "en: Personal Information Policy, ko: 개인정보처리방침}")
    text = text.replace("en: Terms of Service}", "en: Terms of Service, ko: 이용약관}")
    config.write_text(text, encoding="utf-8")
    korean = target / "docs" / "ko"
    shutil.copytree(KOREAN / "docs" / "ko", korean / "privacy")
    shutil.copytree(TERMS / "docs" / "ko", korean / "terms")
    (korean / "index.md").write_text(KOREAN_HOME, encoding="utf-8")
    company = target / "data" / "company.yml"
    company.write_text(company.read_text(encoding="utf-8") + (KOREAN / "company-ko.yml").read_text(encoding="utf-8"),
                       encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def org_site(tmp_path_factory) -> Path:
    """The fixture organisation's site, built once."""
    base = tmp_path_factory.mktemp("org-site")
    project = org_project(base / "project")
    result = build_site(project, base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site
