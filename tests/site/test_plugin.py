"""The policy plugin: registered from pyproject.toml, configured in mkdocs.yml, nav from the model."""
from __future__ import annotations

import re
import shutil
from importlib.metadata import entry_points
from pathlib import Path

import yaml

from scripts.site.nav import navigation
from scripts.site.plugin import PolicyPlugin
from tests.conftest import BUILD_TODAY, ROOT, build_site, org_project


def _config(project: Path) -> dict:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml uses the !ENV tag; its value does not matter here."""


_Loader.add_constructor("!ENV", lambda loader, node: None)


# The fixture organisation's project keeps the generator's build configuration, plugins included,
# in mkdocs.base.yml (tests/conftest.py: org_project).
BUILD_CONFIG = "mkdocs.base.yml"


def _set_plugin_options(project: Path, **options) -> None:
    path = project / BUILD_CONFIG
    text = path.read_text(encoding="utf-8")
    for key, value in options.items():
        text, count = re.subn(rf"(?m)^(      {key}: ).*$", rf"\g<1>{value}", text)
        assert count == 1, key
    path.write_text(text, encoding="utf-8")


def test_the_plugin_is_registered_by_the_project_install():
    [plugin] = [ep for ep in entry_points(group="mkdocs.plugins") if ep.name == "policy"]
    assert plugin.load() is PolicyPlugin


def test_mkdocs_yml_configures_the_plugin_after_i18n_and_lists_no_pages():
    config = _config(ROOT)
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert names.index("i18n") < names.index("policy")
    assert "nav" not in config and "hooks" not in config
    assert not (ROOT / "scripts" / "mkdocs_hooks.py").exists()


def _policy_files(lang_dir: Path) -> list[str]:
    return sorted(p.relative_to(lang_dir).as_posix() for p in lang_dir.rglob("*.md")
                  if not p.relative_to(lang_dir).as_posix().startswith("history/"))


def test_navigation_lists_every_policy_file_in_reading_order(tmp_path):
    project = org_project(tmp_path / "project")
    lang_dir = project / "docs" / "ja"
    nav = navigation(lang_dir)
    assert sorted(n for n in nav if not n.startswith("history/")) == _policy_files(lang_dir)
    articles = [n for n in nav if n.startswith("articles/")]
    assert nav[0] == "index.md" and nav[len(articles) + 1] == "appendix.md"
    assert articles == sorted(articles)


def test_a_new_article_file_is_in_the_navigation_without_configuration(tmp_path):
    project = org_project(tmp_path / "project")
    count = len(list((project / "docs" / "ja" / "articles").glob("*.md")))
    number = count + 1
    for lang, heading in (("ja", f"# 第{number}条（追加）"), ("en", f"# Article {number} (Added)")):
        (project / "docs" / lang / "articles" / f"{number:02d}.md").write_text(
            f"{heading}\n\nText.\n", encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    for prefix in ("", "en/"):
        assert (site / prefix / "articles" / f"{number:02d}" / "index.html").is_file()
        # The navigation of every page links to it.
        assert f'href="articles/{number:02d}/"' in (site / prefix / "index.html").read_text(encoding="utf-8")


def test_an_unknown_time_zone_stops_the_build_naming_it(tmp_path):
    project = org_project(tmp_path / "project")
    _set_plugin_options(project, time_zone="Mars/Olympus")
    result = build_site(project, tmp_path / "site", today="")
    assert result.returncode != 0
    assert "'Mars/Olympus' is not a known time zone" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_legal_profile_is_a_configuration_error(tmp_path):
    project = org_project(tmp_path / "project")
    _set_plugin_options(project, legal_profile="gdpr-xx")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "legal_profile" in result.stderr and "gdpr-xx" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_archive_folder_is_an_option(tmp_path):
    project = org_project(tmp_path / "project")
    shutil.move(project / "revisions", project / "published")
    _set_plugin_options(project, archive="published")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    assert (site / "history" / "index.json").is_file()
    dates = sorted(p.name for p in (project / "published").iterdir() if p.is_dir())
    assert all((site / "history" / date / "index.html").is_file() for date in dates)


def test_feed_author_is_the_organisation_named_in_the_company_file(tmp_path):
    project = org_project(tmp_path / "project")
    company = project / "data" / "company.yml"
    data = yaml.safe_load(company.read_text(encoding="utf-8"))
    data["ja"]["name"], data["en"]["name"] = "架空商事株式会社", "Kaku Trading K.K."
    company.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    assert "<name>架空商事株式会社</name>" in (site / "history" / "atom.xml").read_text(encoding="utf-8")
    assert "<name>Kaku Trading K.K.</name>" in (site / "en" / "history" / "atom.xml").read_text(encoding="utf-8")


def test_a_build_without_the_i18n_plugin_says_what_is_missing(tmp_path):
    project = org_project(tmp_path / "project")
    path = project / BUILD_CONFIG
    text = path.read_text(encoding="utf-8")
    start, end = text.index("  - i18n:"), text.index("  # After i18n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    result = build_site(project, tmp_path / "site", BUILD_TODAY)
    assert result.returncode != 0
    assert "needs the i18n plugin" in result.stderr
    assert "Traceback" not in result.stderr
