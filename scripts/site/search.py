"""Site search: which pages are indexed, and the Pagefind index built from the finished site.

Pagefind reads each page's ``<html lang>`` and writes one index per language, so a
Japanese page only finds Japanese pages; its extended binary segments Japanese at
index time. Only policy text is indexed: the theme wraps it in ``data-pagefind-body``
(see ``overrides/main.html``), so pages without it (404, full text, history, past
revisions) are left out without each having to opt out.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

# Pages whose text is elsewhere already (the full text repeats every article) or that
# are not policy text at all are not indexed.
_NOT_INDEXED_KINDS = {"full-text"}
# Text that is chrome inside the body: permalink signs and the effective-date line.
EXCLUDE_SELECTORS = ".headerlink, .clause-link, .policy-effective, .policy-prevails, [data-search-exclude]"
BUNDLE = "pagefind"


class SearchIndexError(Exception):
    """The search index could not be built; the message says why."""


def indexable(page) -> bool:
    """True for pages whose text visitors should find: the preamble, articles, appendix."""
    meta = page.meta or {}
    if meta.get("page") in _NOT_INDEXED_KINDS:
        return False
    search = meta.get("search")
    if isinstance(search, dict) and search.get("exclude"):
        return False
    if meta.get("noindex") or meta.get("revision"):
        return False
    uri = page.file.src_uri
    rel = uri.split("/", 1)[1] if "/" in uri else uri
    return rel == "index.md" or rel == "appendix.md" or re.fullmatch(r"articles/\d+\.md", rel) is not None


_LAST_LIST = re.compile(r"<ul>(?![\s\S]*<ul>)")


def ignore_article_list(page_html: str) -> str:
    """The home page ends with links to every article: titles found there are not the article."""
    return _LAST_LIST.sub("<ul data-pagefind-ignore>", page_html, count=1)


def executable() -> Path:
    try:
        import pagefind_bin_extended
    except ImportError:
        raise SearchIndexError("the search indexer is not installed: pip install -r requirements.txt "
                               "(pagefind[extended])") from None
    return Path(pagefind_bin_extended.get_executable())


def build_index(site_dir: Path) -> None:
    """Write the per-language index into ``site_dir/pagefind``, replacing any older one."""
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        raise SearchIndexError(f"no built site at {site_dir} to index")
    command = [str(executable()), "--site", str(site_dir), "--output-subdir", BUNDLE,
               "--exclude-selectors", EXCLUDE_SELECTORS, "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    except OSError as err:
        raise SearchIndexError(f"cannot run the search indexer {command[0]}: {err}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise SearchIndexError("the search indexer failed: " + " / ".join(detail))
