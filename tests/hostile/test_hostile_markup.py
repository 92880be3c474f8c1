"""Raw HTML in the policy is never published active: the build's output (Chromium: tests/browser/test_browser_hostile.py).

The build is run directly (as `mkdocs build` would be after a verify that was skipped or
wrong), so this holds whatever verify said.
"""
from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup

from scripts.site import headers
from tests.browser.conftest import build_and_serve
from tests.conftest import org_project
from tests.hostile.conftest import CAPTION_BREAKOUT, DESCRIPTION_BREAKOUT, TITLE_BREAKOUT, VECTORS

BANNED = ("script", "iframe", "object", "embed", "base", "link", "style", "meta", "svg", "math", "input", "video",
          "source", "noscript", "img")


def inject(project):
    for lang in ("ja", "en"):
        path = project / "docs" / lang / "articles" / "03.md"
        path.write_text(path.read_text(encoding="utf-8") + "\n" + "\n\n".join(VECTORS) + "\n", encoding="utf-8")
    ja = project / "docs/ja/articles/02.md"
    text = ja.read_text(encoding="utf-8")
    ja.write_text(re.sub(r"^# (第２条)（[^）]*）", lambda m: f"# {m[1]}{CAPTION_BREAKOUT}", text, count=1, flags=re.M),
                  encoding="utf-8")
    for lang in ("ja", "en"):
        path = project / "docs" / lang / "articles" / "04.md"
        text = path.read_text(encoding="utf-8")
        front = yaml.safe_dump({"title": TITLE_BREAKOUT}, allow_unicode=True, width=1000)
        path.write_text(text.replace("---\n", "---\n" + front, 1) if text.startswith("---\n") else f"---\n{front}---\n{text}",
                        encoding="utf-8")
    en = project / "docs/en/articles/02.md"
    en.write_text(en.read_text(encoding="utf-8").replace("---\n", f"---\ndescription: '{DESCRIPTION_BREAKOUT}'\n", 1),
                  encoding="utf-8")


def serve_hostile(tmp_path_factory, name: str):
    """The fixture organisation with every vector injected, built and served (its URL, with the site)."""
    base = tmp_path_factory.mktemp(name)
    project = org_project(base / "project")
    inject(project)
    with build_and_serve(project, base / "site") as url:
        yield base / "site", url


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    yield from serve_hostile(tmp_path_factory, "hostile-site")


def _csp_hashes(site) -> set[str]:
    csp = re.search(r"script-src ([^;\n]*)", (site / "_headers").read_text(encoding="utf-8"))[1]
    return set(re.findall(r"'(sha256-[^']+)'", csp))


def test_the_injected_text_reaches_the_pages_as_text(hostile_site):
    site, _ = hostile_site
    article = BeautifulSoup((site / "articles/03/index.html").read_text(encoding="utf-8"), "lxml")
    text = article.select_one("article").get_text()
    assert "javascript link" in text and "attribute list on a link" in text and "send" in text


def test_no_page_carries_active_markup_from_the_policy(hostile_site):
    site, _ = hostile_site
    allowed = _csp_hashes(site)
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "lxml")
        # The templates' scripts are the only inline scripts, and each is in the CSP.
        assert {headers.script_hash(body) for body in headers.inline_scripts(html)} <= allowed, page
        article = soup.select_one("article.md-content__inner") or soup.body
        for tag in article.find_all(True):
            assert tag.name not in BANNED, (page, str(tag)[:120])
        # The templates' own parts too (navigation, header, table of contents): no handler, no script link.
        for tag in soup.body.find_all(True):
            assert tag.name not in ("img", "iframe", "object", "embed", "base"), (page, str(tag)[:120])
            for name, value in tag.attrs.items():
                assert not name.startswith("on") and name not in ("style", "srcdoc", "formaction"), (page, str(tag)[:120])
                if name in ("href", "src", "action", "data"):
                    assert not str(value).strip().lower().startswith(("javascript:", "data:", "vbscript:")), (page, value)
        for meta in soup.find_all("meta"):
            assert (meta.get("http-equiv") or "").lower() != "refresh", page
        assert not soup.find("base"), page


def test_a_caption_or_description_stays_inside_its_attribute_and_title(hostile_site):
    site, _ = hostile_site
    ja = BeautifulSoup((site / "articles/02/index.html").read_text(encoding="utf-8"), "lxml")
    # The heading's markup is dropped, its text kept: the quotation mark ends nothing.
    assert '見出し">alert(21)' in ja.title.get_text() and not ja.title.find_all(True)
    assert ja.find("meta", attrs={"name": "description"}) is not None
    en = BeautifulSoup((site / "en/articles/02/index.html").read_text(encoding="utf-8"), "lxml")
    assert en.find("meta", attrs={"name": "description"})["content"] == DESCRIPTION_BREAKOUT
    ja4 = BeautifulSoup((site / "articles/04/index.html").read_text(encoding="utf-8"), "lxml")
    # The title is shown as the text it is, in the header, the navigation and <title>.
    assert TITLE_BREAKOUT in ja4.select_one(".md-header").get_text() and TITLE_BREAKOUT in ja4.title.get_text()
    for soup in (ja, en, ja4):
        assert len(soup.head.find_all("script", src=False)) == len(
            [s for s in soup.head.find_all("script", src=False) if headers.script_hash(s.string or "") in _csp_hashes(site)])
