"""The site as a visitor gets it: Lighthouse scores, page weight, search speed, build time.

Lighthouse 12 (mobile, the default) runs on the system Chromium against the built site
served locally with gzip like Netlify (scripts/site/localserve.py). The build time is
compared with a stock Material + static-i18n build of the same Markdown in the same run.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.result import Result
from scripts.site.localserve import SiteServer

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "tests" / "browser" / "node_modules"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
STOCK_CONFIG = """site_name: Privacy Policy
docs_dir: docs
theme:
  name: material
  language: ja
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - {locale: ja, name: 日本語, default: true, build: true}
        - {locale: en, name: English, build: true}
"""
SEARCHES = {"ja": ["運転免許証", "IPアドレス", "5,500円", "アクセスログ"], "en": ["disclosure", "cookies", "purposes"]}


def _env(url: str = "") -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICY_TODAY": os.environ.get("POLICY_TODAY", "2026-11-25")}
    if url:
        env["URL"] = url
    return env


def _build(cwd: Path, site: Path, strict: bool = True, url: str = "") -> float:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    command = [str(mkdocs), "build", "-q", "--site-dir", str(site)] + (["--strict"] if strict else [])
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=_env(url), check=True, capture_output=True)
    return time.perf_counter() - start


def build_times(work: Path) -> tuple[float, float]:
    stock = work / "stock"
    shutil.copytree(ROOT / "docs", stock / "docs")
    (stock / "mkdocs.yml").write_text(STOCK_CONFIG, encoding="utf-8")
    ours = min(_build(ROOT, work / f"ours{i}") for i in range(3))
    theirs = min(_build(stock, stock / f"site{i}", strict=False) for i in range(3))
    return ours, theirs


def lighthouse(url: str, out: Path) -> dict:
    cli = NODE / "lighthouse" / "cli" / "index.js"
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(["node", str(cli), url, "--quiet", "--output=json", f"--output-path={out}",
                    "--only-categories=" + ",".join(CATEGORIES), "--chrome-flags=" + " ".join(FLAGS)],
                   env=env, check=True, capture_output=True, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    scores["bytes"] = report["audits"]["total-byte-weight"]["numericValue"]
    return scores


def search_latency(base_url: str) -> tuple[float, float]:
    """Median ms from the last keystroke to the rendered answer (index already loaded)."""
    from playwright.sync_api import sync_playwright
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for lang, queries in SEARCHES.items():
            page = browser.new_page()
            page.goto(base_url + ("/" if lang == "ja" else "/en/") + "articles/01/")
            box = page.locator("#policy-search-input")
            box.click()
            page.keyboard.type("a")
            page.wait_for_selector("#policy-search-results:not([hidden])")
            for query in queries:
                box.fill("")
                box.click()
                page.keyboard.type(query[:-1])
                page.wait_for_timeout(400)
                start = time.perf_counter()
                page.keyboard.type(query[-1])
                page.wait_for_function("(q) => document.getElementById('policy-search-results').dataset.query === q",
                                       arg=query)
                times.append((time.perf_counter() - start) * 1000)
            page.close()
        browser.close()
    return statistics.median(times), max(times)


def stock_search_hits(stock_site: Path) -> tuple[int, int]:
    """Queries derived from the real policy (each article's heading, as tests/browser/test_browser_real.py
    types them) typed into the stock theme's search, for the README's comparison of engines: how many
    find their page in the first three hits."""
    from playwright.sync_api import sync_playwright

    from scripts.policy.reader import load_policy
    queries = {lang: [{"q": a.title, "page": a.rel.removesuffix(".md") + "/"}
                      for a in load_policy(ROOT / "docs", lang).articles] for lang in ("ja", "en")}
    found = total = 0
    with SiteServer(stock_site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for lang in ("ja", "en"):
            prefix = "/" if lang == "ja" else "/en/"
            page = browser.new_page()
            page.goto(url + prefix + "articles/01/")
            for item in queries[lang]:
                box = page.locator(".md-search__input")
                box.click()
                box.fill("")
                page.keyboard.type(item["q"])  # the stock search reacts to key events only
                page.wait_for_timeout(500)
                hrefs = page.locator(".md-search-result__link").evaluate_all(
                    "els => els.slice(0, 3).map(e => new URL(e.href).pathname)")
                total += 1
                found += any(h == prefix + item["page"] for h in hrefs)
                page.keyboard.press("Escape")
            page.close()
        browser.close()
    return found, total


def run() -> list[Result]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours, stock = build_times(work)
        ratio = ours / stock
        results.append(Result("site: build vs stock Material+i18n", f"{ours:.2f} s vs {stock:.2f} s = {ratio:.2f}x",
                              "<= 1.5x", ratio <= 1.5))
        # Of which the search index (Japanese as pairs of characters, then Pagefind's standard binary).
        from scripts.site.search import build_index
        start = time.perf_counter()
        build_index(work / "ours0")
        indexing = time.perf_counter() - start
        results.append(Result("site: of which search indexing", f"{indexing:.2f} s", "(part of the build)", True))
        found, total = stock_search_hits(work / "stock" / "site0")
        results.append(Result("site: query set in stock theme search (top 3)", f"{found}/{total}",
                              "for comparison", True))
        server = SiteServer(work / "served")
        url = server.url
        _build(ROOT, work / "served", url=url + "/")
        with server:
            pages = {"home": "", "article": "articles/06/", "full text": "full-text/"}
            if (work / "served" / "history" / "index.html").is_file():
                pages["history"] = "history/"
            for lang, prefix in (("ja", "/"), ("en", "/en/")):
                for name, path in pages.items():
                    scores = lighthouse(f"{url}{prefix}{path}", work / "lh.json")
                    low = {c: s for c, s in scores.items() if c != "bytes" and s < 100}
                    shown = "/".join(str(scores[c]) for c in CATEGORIES)
                    results.append(Result(f"lighthouse {lang} {name} (perf/a11y/bp/seo)", shown, "100/100/100/100",
                                          not low))
                    if name == "article":
                        kib = scores["bytes"] / 1024
                        results.append(Result(f"site: {lang} article transfer (gzip)", f"{kib:.1f} KiB", "<= 64 KiB",
                                              kib <= 64))
            median, worst = search_latency(url)
            results.append(Result("site: search answer after last key", f"{median:.0f} ms (max {worst:.0f})",
                                  "<= 300 ms", worst <= 300))
    return results
