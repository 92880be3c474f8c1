"""netlify.toml: what Netlify needs to publish the site safely."""
import tomllib

from tests.conftest import ROOT

CONFIG = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))


def test_build_publishes_the_site_folder_with_a_recent_python():
    assert CONFIG["build"]["command"] == "make build"
    assert CONFIG["build"]["publish"] == "site"
    major, minor = map(int, CONFIG["build"]["environment"]["PYTHON_VERSION"].split(".")[:2])
    assert (major, minor) >= (3, 11)


def test_english_visitors_get_the_english_404():
    rule = next(r for r in CONFIG["redirects"] if r["from"] == "/en/*")
    assert rule["to"] == "/en/404.html" and rule["status"] == 404


def test_security_headers_on_every_page():
    headers = next(h["values"] for h in CONFIG["headers"] if h["for"] == "/*")
    assert "max-age=" in headers["Strict-Transport-Security"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"]
    assert headers["Permissions-Policy"]
    # The CSP comes from the build's site/_headers (tests/site/test_search_index.py); one set here would win.
    assert "Content-Security-Policy" not in headers


def test_no_folder_is_cached_for_good_here():
    # Only names with a content hash are immutable, listed one by one in site/_headers (tests/site/test_caching.py).
    assert [h["for"] for h in CONFIG["headers"] if "Cache-Control" in h["values"]] == []
