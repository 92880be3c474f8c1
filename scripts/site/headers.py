"""The ``_headers`` file Netlify serves: a Content-Security-Policy that names each inline script.

The theme writes small inline scripts into every page (their text changes with the page's
depth), so the policy cannot simply forbid inline scripts, nor allow them all with
``'unsafe-inline'``: the build hashes each distinct inline script it finds in the
finished site and allows exactly those. A script added later without a hash is blocked.
netlify.toml keeps the headers that never change; this file adds the CSP, which
browsers enforce together with the one there.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# An executable inline script: no src, and no data type such as application/json.
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?(?!(?:text|application)/(?:java|ecma)script|module)""", re.I)

HEADERS_FILE = "_headers"


def inline_script_hashes(site_dir: Path) -> list[str]:
    """``sha256-…`` of every distinct executable inline script in the site's pages."""
    hashes = set()
    for page in sorted(Path(site_dir).rglob("*.html")):
        for match in _INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8")):
            attrs = match["attrs"] or ""
            if re.search(r"\bsrc\s*=", attrs) or _DATA_TYPE.search(attrs):
                continue
            digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
            hashes.add("sha256-" + base64.b64encode(digest).decode("ascii"))
    return sorted(hashes)


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


def headers_file(hashes: list[str]) -> str:
    return ("# Written by the build (scripts/site/headers.py); do not edit.\n"
            "/*\n"
            f"  Content-Security-Policy: {content_security_policy(hashes)}\n")


def write_headers(site_dir: Path) -> Path:
    target = Path(site_dir) / HEADERS_FILE
    target.write_text(headers_file(inline_script_hashes(site_dir)), encoding="utf-8")
    return target
