"""The compare-any-two page in Chromium: its script over the per-revision JSON, under the site's CSP."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.browser.conftest import FLAGS, build_and_serve
from tests.history.conftest import history_project


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    base = tmp_path_factory.mktemp("compare-site")
    project = history_project(base / "project")
    with build_and_serve(project, base / "site") as url:
        yield url


@pytest.fixture
def open_page(served):
    """Run ``check(page, errors)`` on a page in Chromium, in a thread of its own.

    Playwright's sync API allows one instance per thread, and the browser tests keep theirs
    open for the whole session: a separate thread keeps the two apart.
    """
    from tests.browser.conftest import CHROMIUM
    assert CHROMIUM.is_file(), f"Chromium is needed at {CHROMIUM} (apt-get install chromium)"

    def run(path: str, check) -> None:
        from playwright.sync_api import sync_playwright
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
            try:
                context = browser.new_context(service_workers="block")
                page = context.new_page()
                errors: list[str] = []
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto(served.rstrip("/") + path, wait_until="load")
                check(page, errors)
            finally:
                browser.close()

    def open_(path: str, check) -> None:
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(run, path, check).result()
    return open_


def result_clause(page, clause_id):
    return page.locator(f'#history-compare-result .history-clause[data-clause="{clause_id}"]')


def test_compares_two_chosen_revisions_clause_by_clause(open_page):
    def check(page, errors):
        page.wait_for_selector("#history-compare-result .history-legend")
        assert page.locator("select[name=old]").input_value() == "2024-04-01"
        assert page.locator("select[name=new]").input_value() == "2027-01-01"
        inserted = result_clause(page, "art-2-p1-i2")
        assert "history-inserted" in inserted.get_attribute("class")
        assert inserted.locator("ins").inner_text() == "（２）お客様の好みに合わせたキットの選定"
        assert "［追加］" in inserted.inner_text()
        changed = result_clause(page, "art-3-p1")
        assert changed.locator("del").all_inner_texts() == ["次"]
        assert changed.locator("ins").all_inner_texts() == ["以下"]
        sentence = result_clause(page, "art-5-p4")
        assert sentence.locator("del").all_inner_texts() == ["、書面により"]
        renumbered = result_clause(page, "art-2-p1-i3")
        assert "history-renumbered" in renumbered.get_attribute("class")
        assert "旧（２）" in renumbered.inner_text() and "art-2" not in renumbered.inner_text()
        assert renumbered.locator("del").all_inner_texts() == ["（２）"]
        # A re-wrapped line (whitespace only) is not a change.
        article1 = page.locator("#history-compare-result section", has_text="第１条（この方針で使う言葉）")
        assert "history-unchanged" in article1.get_attribute("class")
        assert errors == []
    open_page("/history/compare/#old=2024-04-01&new=2027-01-01", check)


def test_choosing_other_revisions_and_the_same_one(open_page):
    def check(page, errors):
        # By default: the revision before the newest against the newest.
        page.wait_for_selector("#history-compare-result .history-legend")
        assert page.locator("select[name=old]").input_value() == "2025-07-01"
        assert "except in any of the" in result_clause(page, "art-3-p1").inner_text()
        page.select_option("select[name=old]", "2027-01-01")
        page.click("#history-compare button")
        page.wait_for_selector("#history-compare-result .history-nochange")
        assert page.locator("#history-compare-result").inner_text().strip() == "No change to the policy."
        assert page.url.endswith("#old=2027-01-01&new=2027-01-01")
        assert errors == []
    open_page("/en/history/compare/", check)


def test_the_fee_change_reads_as_two_whole_amounts_on_the_diff_and_compare_pages(open_page):
    """1,100円 → 1,000円: deleted and inserted as whole amounts, in the page text as well."""
    seen = {}

    def grab(name):
        def check(page, errors):
            page.wait_for_selector(".history-clause[data-clause='art-5-p3']")
            fee = page.locator(".history-clause[data-clause='art-5-p3']")
            seen[name] = (fee.locator("del").all_inner_texts(), fee.locator("ins").all_inner_texts(),
                          fee.inner_text(), page.locator(".history-doc").evaluate_all(
                              "nodes => nodes.map(n => n.outerHTML)"))
            assert errors == []
        return check
    open_page("/history/2025-07-01/diff/", grab("diff"))
    open_page("/history/compare/#old=2024-04-01&new=2025-07-01", grab("compare"))
    open_page("/en/history/compare/#old=2024-04-01&new=2025-07-01", grab("en"))
    for name in ("diff", "compare"):
        deleted, inserted, text, _ = seen[name]
        assert (deleted, inserted) == (["1,100円"], ["1,000円"]), name
        assert "1,100円1,000円（税込）" in text and "1,1,000" not in text
    assert seen["en"][:2] == (["1,100"], ["1,000"]) and "1,1,000" not in seen["en"][2]
    # The compare page shows exactly the diff page's sections.
    assert seen["compare"][3] == seen["diff"][3]
