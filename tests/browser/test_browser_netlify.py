"""The built site served by the Netlify CLI's local emulator, offline: the headers and
redirects of netlify.toml and the build's _headers, as Netlify applies them.

`netlify dev --offline --internal-disable-edge-functions --dir site` (npm netlify-cli,
pinned in package.json). With no Accept-Language the emulator treats a request as English.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import CSP_LISTENER, NODE_MODULES, Visit, _free_port
from tests.conftest import ROOT

NETLIFY = NODE_MODULES / ".bin" / "netlify"
CONFIG = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))


def _get(url: str) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers={"Accept-Language": "ja"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read().decode()


@pytest.fixture(scope="module")
def netlify_url(site_dir, tmp_path_factory):
    if not NETLIFY.is_file():
        pytest.fail(f"the Netlify CLI is not installed at {NETLIFY}: run `npm ci` in tests/browser "
                    "(as .ci/run does)", pytrace=False)
    project = tmp_path_factory.mktemp("netlify")
    shutil.copy2(ROOT / "netlify.toml", project / "netlify.toml")
    (project / "site").symlink_to(site_dir)
    port, static_port = _free_port(), _free_port()
    env = {**os.environ, "NETLIFY_TELEMETRY_DISABLED": "1", "BROWSER": "none", "HOME": str(project)}
    log = (project / "netlify.log").open("w")
    process = subprocess.Popen(
        [str(NETLIFY), "dev", "--offline", "--internal-disable-edge-functions", "--dir", "site", "--no-open",
         "--skip-gitignore", "--port", str(port), "--target-port", str(static_port)],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if _get(url + "/")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("netlify dev did not start:\n" + (project / "netlify.log").read_text(), pytrace=False)
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def test_security_headers_and_the_hashed_csp_are_served(netlify_url):
    status, headers, _ = _get(netlify_url + "/articles/06/")
    assert status == 200
    csp = headers["content-security-policy"]
    script_src = csp.split("script-src", 1)[1].split(";", 1)[0]
    assert "'unsafe-inline'" not in script_src and "'sha256-" in script_src
    assert "frame-ancestors 'none'" in csp
    assert "max-age=" in headers["strict-transport-security"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] and headers["permissions-policy"]
    assert headers["x-frame-options"] == "DENY"


def test_missing_pages_get_the_404_of_their_language(netlify_url):
    status, _, body = _get(netlify_url + "/en/no-such-page/")
    assert status == 404 and '<html lang="en"' in body and "Page not found" in body
    status, _, body = _get(netlify_url + "/no-such-page/")
    assert status == 404 and '<html lang="ja"' in body and "ページが見つかりません" in body


def test_every_redirect_rule_in_netlify_toml_works(netlify_url, site_dir):
    rules = CONFIG.get("redirects", [])
    assert rules
    for rule in rules:
        source = rule["from"].replace("*", "no-such-page/").replace(":splat", "x")
        status, headers, body = _get(netlify_url + source)
        assert status == rule.get("status", 301), (rule, status)
        if status in (301, 302):
            assert headers["location"].endswith(rule["to"]), (rule, headers.get("location"))
        elif status in (200, 404):
            target = site_dir / rule["to"].lstrip("/")
            assert body == target.read_text(encoding="utf-8"), rule


def test_pages_under_the_real_headers_have_no_csp_violation(browser, netlify_url):
    for locale, path in (("ja-JP", "/articles/06/"), ("en-US", "/en/"), ("ja-JP", "/history/")):
        v = Visit(browser, netlify_url, locale)
        try:
            v.context.add_init_script(CSP_LISTENER)
            page = v.goto(path)
            page.locator("#policy-search-input").click()
            page.keyboard.type("analytics")
            page.wait_for_selector(".policy-search__link", timeout=15_000)
            assert page.evaluate("() => window.__csp") == [], path
            assert v.errors == [] and v.offsite == [], (path, v.errors, v.offsite)
        finally:
            v.close()
