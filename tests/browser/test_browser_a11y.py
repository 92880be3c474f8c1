"""axe-core on every page type in both languages: no WCAG 2.1 A/AA violation."""
from __future__ import annotations

import json

import pytest

from tests.browser.conftest import page_urls, run_axe

def test_every_page_type_has_no_axe_violations(site_dir, visit, axe_source):
    urls = page_urls(site_dir)
    failures = {}
    for name, path in urls.items():
        v = visit("en-US" if name.endswith("-en") else "ja-JP", bypass_csp=True)
        page = v.goto(path)
        violations = run_axe(page, axe_source)
        if violations:
            failures[name] = violations
    assert failures == {}, json.dumps(failures, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("lang,path", [("ja", "/articles/02/"), ("en", "/en/articles/02/")])
def test_the_open_search_results_have_no_axe_violations(visit, axe_source, lang, path):
    v = visit("ja-JP" if lang == "ja" else "en-US", bypass_csp=True)
    page = v.goto(path)
    page.locator("#policy-search-input").click()
    page.keyboard.type("analytics")
    page.wait_for_selector(".policy-search__link")
    assert run_axe(page, axe_source) == []
