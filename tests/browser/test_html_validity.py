"""The W3C Nu HTML Checker (vnu.jar from the npm package vnu-jar, pinned in package.json)
on every page type in both languages: no error but the theme's two checkboxes.

The theme (Material 9.8.2) marks its drawer and search toggles, checkboxes, with
``autocomplete="off"`` on purpose, so that Firefox does not restore them open after a
reload; the checker allows ``autocomplete`` on text-like inputs only. A stock Material build
has these two errors on every page. Everything else it reports is ours.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import NODE_MODULES, page_urls

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AUTOCOMPLETE = "Attribute “autocomplete” is only allowed when the input type is"
# The theme's two toggles, as it writes them; each page has one of each.
THEME_TOGGLE = re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
                          r'id="__(drawer|search)" autocomplete="off">')
KINDS = ("home", "article", "full-text", "404", "history", "compare", "revision", "diff")


def page_file(site: Path, path: str) -> Path:
    if "no-such-page" in path:
        return site / path.split("no-such-page")[0].lstrip("/") / "404.html"
    return site / path.lstrip("/") / "index.html"


def theme_toggle(message: dict) -> str | None:
    """'drawer' or 'search' when ``message`` is the theme's checkbox error, else None."""
    match = THEME_TOGGLE.search(message.get("extract") or "")
    if message.get("message", "").startswith(AUTOCOMPLETE) and match and match[1] == match[2]:
        return match[1]
    return None


def check(files: list[Path]) -> dict[str, list[dict]]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is needed for the HTML checker: apt-get install default-jre-headless "
                    "(as .ci/run does)", pytrace=False)
    if not VNU.is_file():
        pytest.fail(f"the HTML checker is not installed at {VNU}: run `npm ci` in tests/browser "
                    "(make test does)", pytrace=False)
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    # vnu exits 1 when it reports errors; its report is on stderr either way.
    report = json.loads(result.stderr)
    by_file: dict[str, list[dict]] = {str(f): [] for f in files}
    for message in report["messages"]:
        assert message.get("type") != "non-document-error", message
        by_file[str(Path(message["url"].removeprefix("file:")))].append(message)
    return by_file


@pytest.fixture(scope="module")
def pages(site_dir, history_served) -> dict[str, Path]:
    """Each page type in each language: the real site, and the history fixture for what the
    real policy does not have yet (a past revision, a diff)."""
    found = {}
    for site in (site_dir, history_served[0]):
        for name, path in page_urls(site).items():
            found.setdefault(name, page_file(site, path))
    assert {f"{kind}-{lang}" for kind in KINDS for lang in ("ja", "en")} <= set(found), sorted(found)
    return found


@pytest.fixture(scope="module")
def reports(pages) -> dict[str, list[dict]]:
    by_file = check(sorted(set(pages.values())))
    return {name: by_file[str(path)] for name, path in pages.items()}


def test_no_page_has_an_error_of_ours(reports):
    ours = {name: [f"{m.get('lastLine')}: {m['message']} {(m.get('extract') or '').strip()[:120]}"
                   for m in messages if theme_toggle(m) is None]
            for name, messages in reports.items()}
    assert {name: errors for name, errors in ours.items() if errors} == {}


def test_the_theme_errors_are_exactly_its_two_checkboxes(reports):
    # If the theme stops writing them (or writes others), this says so, and the allowance goes.
    for name, messages in reports.items():
        assert sorted(t for m in messages if (t := theme_toggle(m))) == ["drawer", "search"], name


def test_the_checker_finds_errors_of_ours(tmp_path):
    # A label for a control that is not on the page, and a broken attribute: both reported.
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
                    '<meta name="description" content="a "quoted" word"></head>'
                    '<body><label for="__toc">x</label></body></html>', encoding="utf-8")
    messages = check([page])[str(page)]
    assert messages and not [m for m in messages if theme_toggle(m)]
    assert any("label" in m["message"] for m in messages) and any("attribute" in m["message"] for m in messages)
