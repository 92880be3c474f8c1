"""Caching by content: every file of the built site is cached for good only if its name carries its hash."""
from __future__ import annotations

import fnmatch
import tomllib

from scripts.site import headers
from scripts.site.localserve import headers_for, read_headers_file
from tests.conftest import ROOT

NETLIFY = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))


def cache_control(site, url_path: str) -> str:
    """The Cache-Control Netlify would send: netlify.toml's rules, then the build's _headers."""
    values = [h["values"].get("Cache-Control", "") for h in NETLIFY.get("headers", [])
              if fnmatch.fnmatchcase(url_path, h["for"])]
    values += [v for name, v in headers_for(read_headers_file(site / "_headers"), url_path) if name == "Cache-Control"]
    return ", ".join(v for v in values if v)


def checked_files(site) -> dict[bool, int]:
    """How many files of the built site are immutable, and how many revalidated, each as its name says."""
    checked = {True: 0, False: 0}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        url = "/" + path.relative_to(site).as_posix()
        immutable = "immutable" in cache_control(site, url)
        assert immutable == bool(headers.FINGERPRINTED.search(url)), url
        checked[immutable] += 1
    return checked


def test_every_file_is_immutable_exactly_when_its_name_carries_a_hash(org_site, built_site):
    # The fixture organisation's site: two languages and an archive, every kind of page.
    assert sum(checked_files(org_site).values()) > 100
    # This site, whatever it publishes: both kinds of file are there and each is cached as named.
    assert all(checked_files(built_site).values())


def test_the_sites_own_scripts_and_styles_are_revalidated(built_site):
    own = [p for p in (built_site / "assets").rglob("*") if p.is_file() and p.name.startswith(("policy", "history", "shinkyu"))]
    assert own and all("immutable" not in cache_control(built_site, "/" + p.relative_to(built_site).as_posix())
                       for p in own)
    for loader in ("/pagefind/pagefind.js", "/pagefind/pagefind-entry.json", "/pagefind/wasm.en.pagefind"):
        assert "immutable" not in cache_control(built_site, loader)


def test_the_theme_bundles_and_search_chunks_are_immutable(built_site):
    cached = headers.fingerprinted(built_site)
    assert any("/assets/stylesheets/main." in p for p in cached)
    assert any(p.endswith(".pf_fragment") for p in cached) and any(p.endswith(".pf_index") for p in cached)


def test_a_name_without_a_hash_never_matches():
    for url in ("/assets/javascripts/policy-search.js", "/assets/javascripts/lunr/min/lunr.ja.min.js",
                "/assets/policy.css", "/pagefind/pagefind-ui.js", "/index.html", "/history/index.json"):
        assert not headers.FINGERPRINTED.search(url), url
