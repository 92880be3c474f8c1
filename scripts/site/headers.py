"""The ``_headers`` file Netlify serves: a Content-Security-Policy that names each inline script.

The theme's templates write small inline scripts into every page (one of them changes with the
page's depth), so the policy cannot simply forbid inline scripts, nor allow them all with
``'unsafe-inline'``. The build allows exactly the scripts the templates emit: it renders the
partials listed in ``TEMPLATE_SCRIPTS`` for every page depth of the site and hashes their scripts.
Nothing found in a page is trusted for being there: a script that came with the policy text
(which the build removes anyway, scripts/site/sanitize.py) would have no hash and be blocked.
netlify.toml keeps the headers that never change; this file adds the CSP, which browsers
enforce together with the one there.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# The theme's partials whose inline scripts our pages carry: the base script (its scope is the
# page's base URL) and the content script from the theme's base.html, the palette script from
# overrides/partials/header.html, the announcement script beside the announce block.
TEMPLATE_SCRIPTS = (
    "partials/javascripts/base.html",
    "partials/javascripts/content.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/announce.html",
)

# An executable inline script: no src, and no data type such as application/json.
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?(?!(?:text|application)/(?:java|ecma)script|module)""", re.I)

HEADERS_FILE = "_headers"

# Caching by content: only a name that carries its content's hash may be cached for good (a new
# version gets a new name): the theme's bundles (bundle.a5f9d56c.min.js, main.57a0d79d.min.css,
# and their maps) and Pagefind's chunks (en_0a9dfe3.pf_fragment). Every other file (the site's
# own scripts and styles, Pagefind's loader, the lunr files) is revalidated, as Netlify does by
# default, so a returning visitor never runs an old script against new pages.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?$|/[a-z]+(?:-[a-z]+)?_[0-9a-f]{7,}\.pf_(?:fragment|index|meta)$")
IMMUTABLE = "public, max-age=31536000, immutable"


def fingerprinted(site_dir: Path) -> list[str]:
    """The URL path of every file of the site whose name carries its content hash."""
    site_dir = Path(site_dir)
    paths = ("/" + p.relative_to(site_dir).as_posix() for p in sorted(site_dir.rglob("*")) if p.is_file())
    return [path for path in paths if FINGERPRINTED.search(path)]


def inline_scripts(html: str) -> list[str]:
    """The text of each executable inline script in ``html``."""
    out = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"] or ""
        if re.search(r"\bsrc\s*=", attrs) or _DATA_TYPE.search(attrs):
            continue
        out.append(match["body"])
    return out


def script_hash(body: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")


def template_script_hashes(env, config, base_urls) -> list[str]:
    """``sha256-…`` of every script the listed partials emit, rendered for each base URL of the site."""
    features = config["theme"].get("features", []) if hasattr(config["theme"], "get") else []
    hashes = set()
    for name in TEMPLATE_SCRIPTS:
        template = env.get_template(name)
        for base_url in sorted(base_urls):
            text = template.render(config=config, base_url=base_url, features=features)
            hashes.update(script_hash(body) for body in inline_scripts(text))
    return sorted(hashes)


def page_script_hashes(site_dir: Path) -> set[str]:
    """``sha256-…`` of every inline script found in the built pages (for checking, never for the CSP)."""
    return {script_hash(body) for page in sorted(Path(site_dir).rglob("*.html"))
            for body in inline_scripts(page.read_text(encoding="utf-8"))}


def content_security_policy(hashes: list[str]) -> str:
    scripts = " ".join(f"'{h}'" for h in hashes)
    directives = [
        "default-src 'self'",
        # The search engine runs as WebAssembly: compiling it needs 'wasm-unsafe-eval'
        # (WebAssembly only; JavaScript eval stays forbidden).
        f"script-src 'self' 'wasm-unsafe-eval' {scripts}".rstrip(),
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def headers_file(hashes: list[str], cached: list[str] = ()) -> str:
    lines = ["# Written by the build (scripts/site/headers.py); do not edit.",
             "/*", f"  Content-Security-Policy: {content_security_policy(hashes)}"]
    for path in cached:
        lines += [path, f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"


def write_headers(site_dir: Path, hashes: list[str]) -> Path:
    target = Path(site_dir) / HEADERS_FILE
    target.write_text(headers_file(hashes, fingerprinted(site_dir)), encoding="utf-8")
    return target
