"""One real build, one local server and one Chromium for every browser test of a session.

The browser is Debian's Chromium (/usr/bin/chromium), driven by Playwright without any
browser download. It is never skipped: a machine without it fails here, saying how to
install it (`.ci/run` does). Every request off 127.0.0.1 is blocked and recorded.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts.site.localserve import SiteServer
from tests.conftest import BUILD_TODAY, ORG, ROOT, org_project

CHROMIUM = Path(os.environ.get("POLICY_CHROMIUM", "/usr/bin/chromium"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
CSP_LISTENER = """window.__csp = []; document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""


def home_paths(languages: tuple[str, ...]) -> dict[str, str]:
    """Each language's home: the original (the first) at /, a translation at /<lang>/."""
    return {lang: "/" if n == 0 else f"/{lang}/" for n, lang in enumerate(languages)}


def page_urls(site: Path, languages: tuple[str, ...] = ("ja", "en")) -> dict[str, str]:
    """Every page type to check in each language (the fixture sites': ja and en), its article and
    full text those of the first document as built; history pages join once the build has them."""
    urls = {}
    for lang, prefix in home_paths(languages).items():
        root = site / prefix.lstrip("/")
        urls[f"home-{lang}"] = prefix
        urls[f"404-{lang}"] = prefix + "no-such-page/"
        # A site of one document has its articles in the language folder; of several, in each document's.
        articles = sorted(root.glob("articles/*/index.html")) or sorted(
            p for p in root.glob("*/articles/*/index.html") if p.relative_to(root).parts[0] not in languages)
        assert articles, f"no article page built under {root}"
        document = articles[0].parent.parent.parent
        rel = document.relative_to(site).as_posix()
        at = "/" if rel == "." else f"/{rel}/"
        urls[f"article-{lang}"] = at + f"articles/{articles[0].parent.name}/"
        urls[f"full-text-{lang}"] = at + "full-text/"
        history = document / "history"
        if not (history / "index.html").is_file():
            continue
        urls[f"history-{lang}"] = at + "history/"
        if (history / "compare" / "index.html").is_file():
            urls[f"compare-{lang}"] = at + "history/compare/"
        revisions = sorted(p.parent for p in history.glob("[0-9]*/index.html"))
        past = [r for r in revisions if "noindex" in (r / "index.html").read_text(encoding="utf-8")]
        if past:
            urls[f"revision-{lang}"] = at + f"history/{past[-1].name}/"
        diffs = sorted(p.parent.parent.name for p in history.glob("[0-9]*/diff/index.html"))
        if diffs:
            urls[f"diff-{lang}"] = at + f"history/{diffs[-1]}/diff/"
    return urls


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium is needed for the browser tests and is not at {CHROMIUM}: "
                    "apt-get install chromium (as .ci/run does)", pytrace=False)
    return CHROMIUM


def build_and_serve(project: Path, site: Path):
    """Build ``project`` with its public URL set to the local server that then serves it,
    so that links, canonical URLs and hreflang alternates all stay on 127.0.0.1."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICY_TODAY": BUILD_TODAY,
           "URL": f"http://127.0.0.1:{port}/"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(site)], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return SiteServer(site, port=port)


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The fixture organisation's site: every browser test that needs fixed wording uses it."""
    base = tmp_path_factory.mktemp("browser-site")
    project = org_project(base / "project")
    with build_and_serve(project, base / "site") as url:
        yield base / "site", url


@pytest.fixture(scope="session")
def served_real_site(tmp_path_factory):
    """The real site, held only to what every revision satisfies (test_browser_real.py)."""
    site = tmp_path_factory.mktemp("browser-real-site") / "site"
    with build_and_serve(ROOT, site) as url:
        yield site, url


@pytest.fixture(scope="session")
def history_served(tmp_path_factory):
    """The three-revision fixture archive (tests/history), built and served like the real site:
    it has the past revision, diff and upcoming pages the real policy does not have yet."""
    from tests.history.conftest import history_project
    base = tmp_path_factory.mktemp("browser-history")
    project = history_project(base / "project")
    with build_and_serve(project, base / "site") as url:
        yield base / "site", url


@pytest.fixture(scope="session")
def site_dir(served_site) -> Path:
    return served_site[0]


@pytest.fixture(scope="session")
def base_url(served_site) -> str:
    return served_site[1]


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(chromium_path), args=FLAGS, headless=True)
        yield chromium
        chromium.close()


class Visit:
    """A page in a fresh context, with what went wrong on it recorded."""

    def __init__(self, browser, base_url: str, locale: str, bypass_csp: bool = False) -> None:
        self.base_url = base_url
        self.context = browser.new_context(locale=locale, service_workers="block", bypass_csp=bypass_csp)
        self.offsite: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def _route(self, route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.offsite.append(route.request.url)
            route.abort()

    def goto(self, path: str):
        self.page.goto(self.base_url + path, wait_until="load")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, base_url):
    opened = []

    def open_visit(locale: str = "ja-JP", bypass_csp: bool = False) -> Visit:
        v = Visit(browser, base_url, locale, bypass_csp)
        opened.append(v)
        return v
    yield open_visit
    for v in opened:
        v.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = NODE_MODULES / "axe-core" / "axe.min.js"
    if not path.is_file():
        pytest.fail(f"axe-core is not installed at {path}: run `npm ci` in tests/browser (as .ci/run does)",
                    pytrace=False)
    return path.read_text(encoding="utf-8")


def load_queries() -> dict:
    return json.loads((ORG / "queries.json").read_text(encoding="utf-8"))


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def run_axe(page, axe_source: str) -> list:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now (the first nodes of each)."""
    page.add_script_tag(content=axe_source)
    return page.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return r.violations.map(v => ({id: v.id, impact: v.impact,
          nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
    }""", AXE_TAGS)
