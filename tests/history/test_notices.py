"""Change notices: the summary on the history pages and in the feed, shown from the announcement date."""
import datetime as dt

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from scripts.history import timeline
from scripts.policy import notices
from tests.conftest import build_site
from tests.history.conftest import history_project

ATOM = "{http://www.w3.org/2005/Atom}"
JA = "---\nchange: material\nannounced: 2026-12-02\n---\n\n開示請求の手数料の記載を改め、第３条の文言を整理します。2027年1月1日から適用します。\n"
EN = ("---\nchange: material\nannounced: 2026-12-02\n---\n\nWe reword Article 3. "
      "The change applies from January 1, 2027.\n")


def with_notices(target):
    project = history_project(target)
    for lang, text in (("ja", JA), ("en", EN)):
        folder = project / "docs" / lang / "changes"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "2027-01-01.md").write_text(text, encoding="utf-8")
    return project


def test_a_notice_is_read_with_its_kind_date_and_summary(tmp_path):
    project = with_notices(tmp_path / "p")
    [notice] = notices.load_notices(project / "docs", "ja", project)
    assert (notice.name, notice.change, notice.announced) == ("2027-01-01", "material", dt.date(2026, 12, 2))
    assert notice.summary.startswith("開示請求の手数料") and notice.summary_line == 6 and notice.material
    assert notice.path == "docs/ja/changes/2027-01-01.md"


def test_an_upcoming_revision_is_shown_from_its_announcement_date(tmp_path):
    project = with_notices(tmp_path / "p")
    before = timeline.build(project, dt.date(2026, 12, 1))
    assert [e.name for e in before.entries] == ["2024-04-01", "2025-07-01"] and before.upcoming == []
    on = timeline.build(project, dt.date(2026, 12, 2))
    assert [e.name for e in on.upcoming] == ["2027-01-01"]
    effective = timeline.build(project, dt.date(2027, 1, 1))
    assert effective.current.name == "2027-01-01"


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    base = tmp_path_factory.mktemp("notices")
    project = with_notices(base / "project")
    out = {}
    for day in ("2026-12-01", "2026-12-02"):
        result = build_site(project, base / day, day)
        assert result.returncode == 0, result.stderr
        out[day] = base / day
    return out


def page(site, path):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def feed_titles(site, prefix=""):
    root = etree.fromstring((site / prefix / "history/atom.xml").read_bytes())
    return [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")], root


def test_before_the_announcement_nothing_of_the_revision_shows(sites):
    site = sites["2026-12-01"]
    assert page(site, "articles/01/index.html").select_one(".policy-upcoming") is None
    titles, _ = feed_titles(site)
    assert not any("2027" in t for t in titles)
    assert "2027年1月1日" not in page(site, "history/index.html").select_one("article").get_text()
    assert not (site / "docs").exists() and not (site / "changes").exists()


def test_from_the_announcement_the_banner_feed_entry_and_summary_show(sites):
    site = sites["2026-12-02"]
    assert "2027年1月1日" in page(site, "articles/01/index.html").select_one(".md-banner").get_text()
    titles, root = feed_titles(site)
    assert titles[0].startswith("2027年1月1日版")
    entry = next(root.iter(f"{ATOM}entry"))
    assert "改定の概要：開示請求の手数料の記載を改め" in entry.findtext(f"{ATOM}summary")
    assert entry.findtext(f"{ATOM}published").startswith("2026-12-02")
    history = page(site, "history/index.html").select_one(".history-summary.history-material")
    assert "改定の概要（重要な変更・2026年12月2日告知）" in history.get_text()
    for path in ("history/2027-01-01/index.html", "history/2027-01-01/diff/index.html",
                 "history/2027-01-01/table/index.html"):
        assert "第３条の文言を整理します" in page(site, path).select_one(".history-summary").get_text(), path
    english = page(site, "en/history/index.html").select_one(".history-summary")
    assert "Summary of changes (Material change, announced on December 2, 2026)" in english.get_text()
    en_titles, _ = feed_titles(site, "en")
    assert en_titles[0].startswith("Version of January 1, 2027")
    # Notices are not pages of their own.
    assert not (site / "changes").exists() and not (site / "en/changes").exists()
