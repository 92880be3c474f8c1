"""The /history/ pages, the banner, feeds and JSON in a real build of the three-revision fixture."""
import hashlib
import json
import re

from bs4 import BeautifulSoup
from lxml import etree

from tests.conftest import build_site
from tests.history.conftest import HISTORY, history_project

ATOM = "{http://www.w3.org/2005/Atom}"


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def content(path):
    return soup(path).select_one("article.md-content__inner")


def test_history_page_lists_revisions_newest_first_with_status_and_changes(history_site):
    page = content(history_site / "history/index.html")
    headings = [h.get_text().rstrip("§").strip() for h in page.find_all("h2")]
    assert headings == ["2027年1月1日（改定予定）", "2025年7月1日（現行）", "2024年4月1日（過去の版）"]
    items = [ul.get_text(" ", strip=True) for ul in page.find_all("ul")]
    assert "第３条（第三者への提供）" in items[0] and "第２条" not in items[0]
    assert "第２条（個人情報の利用目的）、第５条（開示等の請求）" in items[1]
    assert "最初に公開された版" in items[2]
    links = [a["href"] for a in page.find_all("a")]
    for href in ("2027-01-01/", "2027-01-01/diff/", "2025-07-01/diff/", "2024-04-01/", "compare/", "atom.xml",
                 "index.json"):
        assert href in links
    english = content(history_site / "en/history/index.html")
    assert [h.get_text().rstrip("§").strip() for h in english.find_all("h2")] == [
        "January 1, 2027 (Upcoming)", "July 1, 2025 (Current)", "April 1, 2024 (Past)"]


def test_history_is_in_the_navigation(history_site):
    nav = soup(history_site / "articles/01/index.html").select_one("nav.md-nav--primary")
    assert "改定履歴" in nav.get_text()
    nav = soup(history_site / "en/articles/01/index.html").select_one("nav.md-nav--primary")
    assert "Version history" in nav.get_text()


def test_a_past_revision_is_its_full_text_with_a_banner_noindex_and_out_of_search(history_site):
    path = history_site / "history/2024-04-01/index.html"
    page = soup(path)
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    banner = page.select_one(".history-banner.history-past")
    assert "過去の版" in banner.get_text() and "現在の版ではありません" in banner.get_text()
    assert banner.find("a")["href"] == "../../"
    assert page.select_one('[data-pagefind-ignore="all"]') is not None
    assert page.select_one("[data-pagefind-body]") is None
    body = content(path)
    assert body.find(id="art-5-p4") is not None
    assert "、書面により" in body.get_text()  # as published then
    assert "好みに合わせた" not in body.get_text()
    english = soup(history_site / "en/history/2024-04-01/index.html")
    assert "It is not the current version" in english.select_one(".history-banner").get_text()
    # The date shown is that revision's, not the one in force today.
    assert page.select_one(".policy-effective time")["datetime"] == "2024-04-01"
    assert english.select_one(".policy-effective time").get_text() == "April 1, 2024"


def test_noindex_pages_are_not_in_the_sitemap(history_site):
    import gzip
    text = (history_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]*)</loc>", text)
    assert not [loc for loc in locs if loc.endswith(("/history/2024-04-01/", "/history/2027-01-01/"))]
    assert any(loc.endswith("/history/2025-07-01/") for loc in locs)
    assert any(loc.endswith("/history/2027-01-01/diff/") for loc in locs)
    assert gzip.decompress((history_site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == text
    etree.fromstring(text.encode("utf-8"))  # still well-formed


def test_the_current_revision_page_is_not_noindex_but_stays_out_of_search(history_site):
    page = soup(history_site / "history/2025-07-01/index.html")
    assert page.find("meta", attrs={"name": "robots"}) is None
    assert "現在施行されている版" in page.select_one(".history-banner").get_text()
    assert page.select_one("[data-pagefind-body]") is None
    upcoming = soup(history_site / "history/2027-01-01/index.html")
    assert upcoming.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def clause(page, clause_id):
    return page.select_one(f'.history-clause[data-clause="{clause_id}"]')


def test_diff_page_aligns_clauses_inserted_renumbered_deleted_sentence(history_site):
    page = content(history_site / "history/2025-07-01/diff/index.html")
    assert "凡例" in page.select_one(".history-legend").get_text()
    inserted = clause(page, "art-2-p1-i2")
    assert "history-inserted" in inserted["class"]
    assert inserted.find("ins").get_text() == "（２）お客様の好みに合わせたキットの選定"
    assert "［追加］" in inserted.get_text()
    renumbered = clause(page, "art-2-p1-i3")
    assert "history-renumbered" in renumbered["class"]
    # The number changes as a whole and the old one is named as written, never as an id.
    assert (renumbered.find("del").get_text(), renumbered.find("ins").get_text()) == ("（２）", "（３）")
    assert "［番号の変更 旧（２）］" in renumbered.get_text() and "art-2" not in renumbered.get_text()
    assert "history-unchanged" in clause(page, "art-2-p1-i1")["class"]
    changed = clause(page, "art-5-p4")
    assert "history-changed" in changed["class"] and "［変更］" in changed.get_text()
    assert [d.get_text() for d in changed.find_all("del")] == ["、書面により"]
    assert changed.find("ins") is None
    unchanged_articles = [s.find("h2").get_text() for s in page.select("section.history-unchanged")]
    assert any(t.startswith("第１条") for t in unchanged_articles)
    assert clause(page, "art-1-p1") is None  # unchanged articles are not repeated in full


def test_diff_page_ignores_whitespace_only_changes(history_site):
    page = content(history_site / "history/2027-01-01/diff/index.html")
    first = next(s for s in page.select("section.history-doc") if s.find("h2").get_text().startswith("第１条"))
    assert "history-unchanged" in first["class"]
    changed = clause(page, "art-3-p1")
    assert [d.get_text() for d in changed.find_all("del")] == ["次"]
    assert [i.get_text() for i in changed.find_all("ins")] == ["以下"]
    english = content(history_site / "en/history/2027-01-01/diff/index.html")
    assert "Legend:" in english.select_one(".history-legend").get_text()
    assert "[Changed]" not in english.get_text() and "［Changed］" in english.get_text()


def test_the_first_revision_has_no_diff_page(history_site):
    assert not (history_site / "history/2024-04-01/diff/index.html").exists()


def test_upcoming_banner_on_every_page_in_both_languages(history_site):
    checked = 0
    for path in list(history_site.rglob("index.html")) + [history_site / "404.html", history_site / "en/404.html"]:
        if "pagefind" in path.parts:
            continue
        page = soup(path)
        banner = page.select_one(".md-banner .policy-upcoming")
        assert banner is not None, path
        english = page.html["lang"] == "en"
        expected = "This policy will change on January 1, 2027" if english else "2027年1月1日に改定されます"
        assert expected in banner.get_text(), path
        link = banner.find("a")["href"]
        if path.name == "404.html":
            assert link == ("/en/" if english else "/") + "history/2027-01-01/diff/"
        else:
            target = (path.parent / link).resolve() / "index.html"
            assert target == (history_site / ("en" if english else "") / "history/2027-01-01/diff/index.html").resolve()
        checked += 1
    assert checked > 30


def test_until_its_date_the_site_shows_the_text_in_force(history_site, history_site_later):
    before = content(history_site / "articles/03/index.html").get_text()
    assert "次の各号のいずれか" in before and "以下の各号のいずれか" not in before
    assert "2025年7月1日" in soup(history_site / "index.html").select_one(".policy-effective").get_text()
    full = content(history_site / "en/full-text/index.html").get_text()
    assert "except in any of the following cases" in full
    after = content(history_site_later / "articles/03/index.html").get_text()
    assert "以下の各号のいずれか" in after
    assert soup(history_site_later / "index.html").select_one(".policy-upcoming") is None
    page = content(history_site_later / "history/index.html")
    assert page.find("h2").get_text().rstrip("§").strip() == "2027年1月1日（現行）"


def test_compare_page_has_two_selectors_and_an_external_script(history_site):
    for path, base in ((history_site / "history/compare/index.html", history_site),
                       (history_site / "en/history/compare/index.html", history_site)):
        page = soup(path)
        form = page.select_one("form#history-compare")
        selects = form.find_all("select")
        assert [s["name"] for s in selects] == ["old", "new"]
        assert [o["value"] for o in selects[0].find_all("option")] == ["2027-01-01", "2025-07-01", "2024-04-01"]
        # The script only assembles what the build rendered: the legend and sections come with the page.
        assert BeautifulSoup(form["data-legend"], "html.parser").select_one(".history-legend")
        assert BeautifulSoup(form["data-nochange"], "html.parser").select_one(".history-nochange")
        assert not content(path).find_all("script")   # the page's text carries no script: the template loads it
        scripts = [s for s in page.find_all("script", src=True) if "history-compare" in s["src"]]
        assert len(scripts) == 1 and not scripts[0].string
        script = (path.parent / scripts[0]["src"]).resolve()
        assert script == (base / "assets/javascripts/history-compare.js").resolve() and script.is_file()
        assert (path.parent / form["data-index"]).resolve().is_file()
        for date in ("2024-04-01", "2025-07-01", "2027-01-01"):
            assert (path.parent / form["data-data"] / f"{date}.json").resolve().is_file()
        pairs = json.loads((path.parent / form["data-data"] / "pairs/2024-04-01.json").read_text(encoding="utf-8"))
        assert set(pairs["to"]) == {"2025-07-01", "2027-01-01"} and pairs["to"]["2025-07-01"]["changed"]
        changed = [pairs["sections"][i] for i in pairs["to"]["2025-07-01"]["docs"] if len(pairs["sections"][i]) > 1]
        assert changed
        for section in changed:   # the versions the script fetches: the old one only for deleted clauses
            for way, *_ in section[3]:
                version = section[2] if way == "-" else section[1]
                assert (path.parent / form["data-data"] / "versions" / f"{version}.json").resolve().is_file()
        assert page.find("meta", attrs={"name": "robots"}) is None


def test_revision_data_for_the_compare_page(history_site):
    data = json.loads((history_site / "history/data/2025-07-01.json").read_text(encoding="utf-8"))
    assert data["date"] == "2025-07-01" and data["lang"] == "ja"
    article2 = next(d for d in data["documents"] if d["article"] == 2)
    ids = [c["id"] for c in article2["clauses"]]
    assert ids[:4] == ["art-2", "art-2-p1", "art-2-p1-i1", "art-2-p1-i2"]
    item = article2["clauses"][3]
    assert item["text"] == "（２）お客様の好みに合わせたキットの選定" and item["key"] == "お客様の好みに合わせたキットの選定"
    english = json.loads((history_site / "en/history/data/2025-07-01.json").read_text(encoding="utf-8"))
    assert english["lang"] == "en"


def manifest_digest(date: str) -> str:
    lines = [line for line in (HISTORY / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
             if line.split("  ")[1].startswith(date + "/")]
    return hashlib.sha256("".join(line + "\n" for line in lines).encode()).hexdigest()


def test_json_index(history_site):
    data = json.loads((history_site / "history/index.json").read_text(encoding="utf-8"))
    assert data["lang"] == "ja" and data["current"] == "2025-07-01" and data["today"] == "2026-11-25"
    revisions = data["revisions"]
    assert [(r["date"], r["status"]) for r in revisions] == [
        ("2027-01-01", "upcoming"), ("2025-07-01", "current"), ("2024-04-01", "past")]
    for revision in revisions:
        assert revision["sha256"] == manifest_digest(revision["date"])
        assert revision["url"].endswith(f"/history/{revision['date']}/")
        assert revision["data_url"].endswith(f"/history/data/{revision['date']}.json")
    assert revisions[0]["changed_articles"] == ["第３条（第三者への提供）", "附則"]
    assert revisions[2]["diff_url"] is None and revisions[1]["diff_url"].endswith("/history/2025-07-01/diff/")
    english = json.loads((history_site / "en/history/index.json").read_text(encoding="utf-8"))
    assert english["revisions"][0]["url"].endswith("/en/history/2027-01-01/")
    assert "Article 3 (Provision to Third Parties)" in english["revisions"][0]["changed_articles"]


def test_atom_feeds_are_valid(history_site):
    for lang, path in (("ja", history_site / "history/atom.xml"), ("en", history_site / "en/history/atom.xml")):
        root = etree.fromstring(path.read_bytes())
        assert root.tag == f"{ATOM}feed"
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        for required in ("id", "title", "updated"):
            assert root.find(f"{ATOM}{required}") is not None and root.find(f"{ATOM}{required}").text
        assert root.find(f"{ATOM}author/{ATOM}name").text
        self_link = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
        assert self_link and self_link[0].get("href").endswith("/history/atom.xml")
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) == 3
        ids = [e.find(f"{ATOM}id").text for e in entries]
        assert len(set(ids)) == 3 and all(i.startswith("http") for i in ids)
        for entry in entries:
            assert entry.find(f"{ATOM}title").text
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00\+09:00", entry.find(f"{ATOM}updated").text)
            assert entry.find(f"{ATOM}link").get("href").startswith("http")
        assert entries[0].find(f"{ATOM}updated").text.startswith("2027-01-01")
        assert root.find(f"{ATOM}updated").text.startswith("2027-01-01")
    ja = etree.fromstring((history_site / "history/atom.xml").read_bytes())
    first = ja.find(f"{ATOM}entry")
    assert first.find(f"{ATOM}title").text == "2027年1月1日版（改定予定）"
    assert first.find(f"{ATOM}link").get("href").endswith("/history/2027-01-01/diff/")
    assert "第３条" in first.find(f"{ATOM}summary").text


def test_a_tampered_archive_fails_the_build_naming_the_file(tmp_path):
    project = history_project(tmp_path / "project")
    archived = project / "revisions/2025-07-01/en/articles/06.md"
    archived.write_text(archived.read_text(encoding="utf-8").replace("Company", "company"), encoding="utf-8")
    result = build_site(project, tmp_path / "site", "2026-11-25")
    assert result.returncode != 0
    assert "revisions/2025-07-01/en/articles/06.md:0: HIST001 error" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_fixture_organisation_has_its_first_revision_as_current(org_site):
    data = json.loads((org_site / "history/index.json").read_text(encoding="utf-8"))
    assert [(r["date"], r["status"]) for r in data["revisions"]] == [("2024-04-01", "current")]
    assert soup(org_site / "index.html").select_one(".policy-upcoming") is None
    page = content(org_site / "history/index.html")
    assert "2024年4月1日（現行）" in page.get_text()


def test_the_real_site_lists_every_archived_revision_with_the_one_in_force_current(built_site):
    import datetime as dt

    from scripts.history import archive
    from tests.conftest import BUILD_TODAY, ROOT
    data = json.loads((built_site / "history/index.json").read_text(encoding="utf-8"))
    archived = [r.name for r in archive.read_archive(ROOT)]
    assert sorted(r["date"] for r in data["revisions"]) == archived
    in_force = [d for d in archived if dt.date.fromisoformat(d) <= dt.date.fromisoformat(BUILD_TODAY)]
    if not in_force:
        # Before the first release (or before the first revision takes effect): none is current.
        assert data["current"] is None
        assert [r for r in data["revisions"] if r["status"] == "current"] == []
        return
    assert data["current"] == max(in_force)
    assert [r["date"] for r in data["revisions"] if r["status"] == "current"] == [max(in_force)]
