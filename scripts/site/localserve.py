"""Serve a built site on 127.0.0.1 the way Netlify does, for browser tests and benchmarks.

What matters to a visitor is reproduced: a missing page gets the 404 of its language
(``/en/…`` → ``/en/404.html``), text is gzip-compressed when the browser accepts it,
and the headers in the site's ``_headers`` file (written at build time) are sent.
"""
from __future__ import annotations

import fnmatch
import gzip
import http.server
import mimetypes
import threading
from pathlib import Path

LANG_PREFIXES = ("en",)  # languages served under /<lang>/, each with its own 404.html

_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
_TYPES = {".js": "application/javascript", ".mjs": "application/javascript", ".json": "application/json",
          ".pagefind": "application/wasm", ".pf_meta": "application/octet-stream",
          ".pf_index": "application/octet-stream", ".pf_fragment": "application/octet-stream",
          ".xml": "application/xml", ".webmanifest": "application/manifest+json"}


def read_headers_file(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """Netlify's ``_headers`` format: a path pattern, then indented ``Name: value`` lines."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    if not path.is_file():
        return rules
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules and ":" in line:
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules, url_path: str) -> list[tuple[str, str]]:
    found = []
    for pattern, values in rules:
        if fnmatch.fnmatchcase(url_path, pattern.replace(":splat", "*")):
            found += values
    return found


def not_found_page(root: Path, url_path: str, langs=LANG_PREFIXES) -> Path:
    """The 404 of the language a missing URL belongs to (``/en/…`` → ``/en/404.html``)."""
    for lang in langs:
        page = Path(root) / lang / "404.html"
        if url_path.startswith(f"/{lang}/") and page.is_file():
            return page
    return Path(root) / "404.html"


def serve_language_404(server, langs=LANG_PREFIXES) -> None:
    """Make ``mkdocs serve`` answer like Netlify: its error page is the root 404.html for
    every URL, so ``/en/…`` showed the Japanese one. The request's path is kept per thread
    for the error handler, which MkDocs calls with the status code only."""
    request = threading.local()
    app = server.get_app()

    def remember_path(environ, start_response):
        request.path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "ignore")
        return app(environ, start_response)

    def error_page(code: int) -> bytes | None:
        if code != 404:
            return None
        page = not_found_page(Path(server.root), getattr(request, "path", "/"), tuple(langs))
        return page.read_bytes() if page.is_file() else None

    server.set_app(remember_path)
    server.error_handler = error_page


class _Handler(http.server.BaseHTTPRequestHandler):
    root: Path
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet: tests read pages, not logs
        pass

    def _resolve(self, url_path: str) -> tuple[Path | None, int]:
        rel = url_path.split("?", 1)[0].split("#", 1)[0]
        candidate = (self.root / rel.lstrip("/")).resolve()
        if self.root not in candidate.parents and candidate != self.root:
            return None, 404
        if candidate.is_dir():
            if not rel.endswith("/"):
                return candidate, 301
            candidate = candidate / "index.html"
        if candidate.is_file():
            return candidate, 200
        return None, 404

    def _send(self, head_only: bool) -> None:
        from urllib.parse import unquote
        url_path = unquote(self.path.split("?", 1)[0])
        target, status = self._resolve(url_path)
        if status == 301:
            self.send_response(301)
            self.send_header("Location", url_path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if target is None:
            target = not_found_page(self.root, url_path)
        body = target.read_bytes()
        ctype = _TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if ctype.startswith(_COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        for name, value in headers_for(read_headers_file(self.root / "_headers"), url_path):
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head_only:
            self.wfile.write(body)

    def do_GET(self) -> None:
        self._send(head_only=False)

    def do_HEAD(self) -> None:
        self._send(head_only=True)


class SiteServer:
    """``with SiteServer(site) as url:`` serves ``site`` on a free port of 127.0.0.1."""

    def __init__(self, site: Path, port: int = 0) -> None:
        root = Path(site).resolve()
        handler = type("Handler", (_Handler,), {"root": root})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self._thread.start()
        return self.url

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
