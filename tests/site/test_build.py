"""A real `mkdocs build` of the fixture organisation, then checks on the HTML a visitor gets.

The real policy is held to what any revision satisfies: tests/site/test_real_site.py.
"""
import re
from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BUILD_TODAY, build_site, org_project

ARTICLES = [f"articles/{n:02d}/index.html" for n in range(1, 8)]


@pytest.fixture(scope="module")
def built_site(org_site):
    """In this module: the fixture organisation's site."""
    return org_site


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pages(site, lang):
    root = site / "en" if lang == "en" else site
    found = [p for p in root.rglob("index.html") if lang == "en" or "en" not in p.relative_to(site).parts[:1]]
    return sorted(found)


def test_seven_articles_per_language(built_site):
    for lang_root in (built_site, built_site / "en"):
        for article in ARTICLES:
            assert (lang_root / article).is_file(), article


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_html_lang_and_titles(built_site, lang):
    root = built_site / "en" if lang == "en" else built_site
    page = soup(root / "articles/01/index.html")
    assert page.html["lang"] == lang
    title = "第１条（この方針で使う言葉）" if lang == "ja" else "Article 1 (Words Used in This Policy)"
    assert page.find("h1").get_text().strip().rstrip("§").strip() == title
    assert page.find("h1")["id"] == "art-1"


def test_hreflang_alternates_with_x_default_on_every_page(built_site):
    for lang in ("ja", "en"):
        for path in pages(built_site, lang):
            links = {l["hreflang"]: l["href"] for l in soup(path).find_all("link", rel="alternate")}
            assert set(links) == {"ja", "en", "x-default"}, path
            assert links["x-default"] == links["ja"]
            assert links["en"].replace("/en/", "/", 1) == links["ja"]
            assert links["ja"].startswith("http")


def test_switcher_leads_to_the_same_article(built_site):
    page = soup(built_site / "articles/06/index.html")
    switch = [a["href"] for a in page.select(".md-select__link") if a.get("hreflang") == "en"]
    assert switch and switch[0].rstrip("/").endswith("en/articles/06")


def clause_ids(path):
    return [tag["id"] for tag in soup(path).find_all(id=re.compile(r"^art-\d"))]


def test_clause_anchors_are_identical_in_both_languages(built_site):
    total = 0
    for article in ARTICLES + ["full-text/index.html"]:
        ja, en = clause_ids(built_site / article), clause_ids(built_site / "en" / article)
        assert ja == en, article
        assert len(ja) == len(set(ja))
        total += len(ja)
    assert "art-2-p1-i3" in clause_ids(built_site / "articles/02/index.html")
    from scripts.policy.reader import load_policy
    from tests.conftest import ORG
    core = [c.id for c in load_policy(ORG / "docs", "ja").clauses() if c.id.startswith("art-")]
    assert total == 2 * len(core)


def test_each_clause_has_a_link_to_itself(built_site):
    page = soup(built_site / "articles/02/index.html")
    clauses = page.select("p.clause")
    assert clauses
    for clause in clauses:
        link = clause.find("a", class_="clause-link")
        assert link["href"] == "#" + clause["id"]
        assert link["aria-label"]


def test_english_paragraph_numbers_are_not_turned_into_lists(built_site):
    page = soup(built_site / "en/articles/05/index.html")
    assert page.select("article ol") == []
    assert page.find(id="art-5-p2").get_text().lstrip("§").startswith("2. Requests")


def test_effective_date_on_every_page(built_site):
    for lang, text in (("ja", "2024年4月1日"), ("en", "April 1, 2024")):
        for path in pages(built_site, lang) + [built_site / ("en/404.html" if lang == "en" else "404.html")]:
            time = soup(path).select_one(".policy-effective time")
            assert time is not None, path
            assert time.get_text() == text and time["datetime"] == "2024-04-01"


def test_english_pages_say_the_japanese_prevails(built_site):
    for path in pages(built_site, "en"):
        assert "Japanese original prevails" in soup(path).select_one(".policy-prevails").get_text()
    assert soup(built_site / "articles/01/index.html").select_one(".policy-prevails") is None


def test_full_text_page_holds_every_article(built_site):
    for lang_root, heading in ((built_site, "全文"), (built_site / "en", "Full text")):
        page = soup(lang_root / "full-text/index.html")
        assert page.find("h1").get_text().strip().rstrip("§").strip() == heading
        ids = {tag["id"] for tag in page.find_all(id=re.compile(r"^art-\d+$"))}
        assert ids == {f"art-{n}" for n in range(1, 8)}


def test_home_lists_the_articles(built_site):
    page = soup(built_site / "index.html")
    links = [a["href"] for a in page.select("article a") if "articles/" in a.get("href", "")]
    assert len([l for l in links if re.search(r"articles/\d\d/$", l)]) == 7


def test_per_language_404(built_site):
    ja, en = soup(built_site / "404.html"), soup(built_site / "en/404.html")
    assert ja.html["lang"] == "ja" and "ページが見つかりません" in ja.get_text()
    assert en.html["lang"] == "en" and "Page not found" in en.get_text()
    assert en.find("a", string="Go to the Privacy Policy")["href"] == "/en/"


def test_each_404_switcher_leads_to_each_languages_home(built_site):
    """A 404 has no twin page: whichever page its language's build rendered before it, the switcher
    names the homes, and the page names no alternates of its own."""
    for page in (soup(built_site / "404.html"), soup(built_site / "en/404.html")):
        switcher = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link")}
        assert switcher == {"ja": "/", "en": "/en/"}
        assert not page.select('link[rel="alternate"]')


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "video", "audio") and attrs.get("src"):
            self.refs.append((tag, attrs["src"]))
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("alternate", "canonical"):
            self.refs.append((tag, attrs["href"]))


def test_no_off_site_scripts_styles_fonts_or_images(built_site):
    offsite = []
    for path in built_site.rglob("*.html"):
        parser = _Refs()
        parser.feed(path.read_text(encoding="utf-8"))
        offsite += [(path.name, tag, ref) for tag, ref in parser.refs if re.match(r"^(https?:)?//", ref)]
    for css in built_site.rglob("*.css"):
        offsite += [(css.name, "css", ref) for ref in re.findall(r"url\((?:['\"])?((?:https?:)?//[^)'\"]+)", css.read_text())]
    assert offsite == []


def test_print_stylesheet_hides_everything_but_the_policy(built_site):
    css = (built_site / "assets/policy.css").read_text()
    block = css[css.index("@media print"):]
    for selector in (".md-header", ".md-sidebar", ".md-footer", ".md-search", ".clause-link"):
        assert selector in block


def test_build_reports_a_broken_front_matter_with_its_file(tmp_path):
    project = org_project(tmp_path / "project")
    broken = project / "docs/ja/articles/03.md"
    broken.write_text("---\ntitle: [oops\n---\n" + broken.read_text(encoding="utf-8"), encoding="utf-8")
    result = build_site(project, tmp_path / "site", BUILD_TODAY)
    assert result.returncode != 0
    assert "articles/03.md" in result.stderr


def test_contact_blocks_are_shown_as_addresses(built_site):
    for lang_root, company in ((built_site, "株式会社こもれび工房"), (built_site / "en", "Komorebi Kobo, Inc.")):
        info = soup(lang_root / "articles/06/index.html").select("address.policy-contact")
        assert len(info) == 1 and company in info[0].get_text()
        assert len(info[0].find_all("p")) == 4
        mail = soup(lang_root / "articles/05/index.html").select_one("address.policy-contact")
        assert "〒460-0008" in mail.get_text() and company in mail.get_text()


def test_no_announcement_banner_without_an_upcoming_revision(built_site):
    for lang_root in (built_site, built_site / "en"):
        assert soup(lang_root / "articles/01/index.html").select_one(".md-banner") is None


def test_urls_are_links_even_right_after_japanese_text(built_site):
    for lang_root in (built_site, built_site / "en"):
        info = soup(lang_root / "articles/06/index.html").select_one("address.policy-contact")
        assert info.find("a", href="https://www.komorebi-kobo.example/contact") is not None
    links = [a["href"] for a in soup(built_site / "articles/02/index.html").select("article a[href^='https://']")]
    assert "https://analytics.example.net/privacy" in links
