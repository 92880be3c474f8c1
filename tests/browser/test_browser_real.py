"""The real site in a browser, held only to what every revision satisfies, in each of its
languages (mkdocs.yml's) and for each of its documents.

Its queries come from its own text: each article's heading (第６条（…） / Article 6 (…)), typed as a visitor types it,
finds that article in the first three results, in each language.
"""
from __future__ import annotations

import json

import pytest

from scripts.policy import settings
from scripts.policy.reader import load_policy
from tests.browser.conftest import Visit, home_paths, page_urls, run_axe
from tests.browser.test_browser_search import type_query
from tests.conftest import ROOT

SITE = settings.load(ROOT)
HOME = home_paths(SITE.languages)
HEADINGS = [(lang, article.title, HOME[lang] + doc.prefix + article.rel.removesuffix(".md") + "/")
            for lang in SITE.languages for doc in SITE.documents
            for article in load_policy(ROOT / "docs", lang, folder=doc.folder).articles]


def locale(lang: str) -> str:
    """The browser's language for a page in ``lang``."""
    return {"ja": "ja-JP", "en": "en-US"}.get(lang, lang)


@pytest.fixture(scope="module")
def real_pages(browser, served_real_site):
    _, url = served_real_site
    visits = {lang: Visit(browser, url, locale(lang)) for lang in SITE.languages}
    for lang, v in visits.items():
        v.goto(HOME[lang])
    yield {lang: v.page for lang, v in visits.items()}
    for v in visits.values():
        v.close()


@pytest.mark.parametrize("lang,heading,target", HEADINGS, ids=[f"{c[0]}-{c[2]}" for c in HEADINGS])
def test_each_articles_heading_finds_that_article(real_pages, lang, heading, target):
    links = type_query(real_pages[lang], heading)
    hrefs = [links.nth(i).get_attribute("href") for i in range(min(3, links.count()))]
    assert any(h.split("#")[0] == target for h in hrefs), (heading, hrefs)


def test_every_page_type_loads_without_errors_and_has_no_axe_violations(browser, served_real_site, axe_source):
    site, url = served_real_site
    failures = {}
    for name, path in page_urls(site, SITE.languages).items():
        v = Visit(browser, url, locale(name.rsplit("-", 1)[1]), bypass_csp=True)
        try:
            page = v.goto(path)
            page.wait_for_load_state("networkidle")
            problems = [e for e in v.errors if not (name.startswith("404") and "404" in e)] + v.offsite
            violations = run_axe(page, axe_source)
            if problems or violations:
                failures[name] = {"errors": problems, "axe": violations}
        finally:
            v.close()
    assert failures == {}, json.dumps(failures, ensure_ascii=False, indent=1)
