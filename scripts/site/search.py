"""Site search: which pages are indexed, and the Pagefind index built from the finished site.

Pagefind reads each page's ``<html lang>`` and writes one index per language, so a
Japanese page only finds Japanese pages. Only policy text is indexed: the theme wraps
it in ``data-pagefind-body`` (see ``overrides/main.html``), so pages without it (404,
full text, history, past revisions) are left out without each having to opt out.

Pagefind's standard binary indexes the pages as :mod:`scripts.site.search_text` rewrites
them (Japanese as pairs of characters, see :mod:`scripts.site.segment`), in a temporary
folder; the published pages are not changed. Its extended binary would segment Japanese
itself, but loads a dictionary for about 1 s on every build, more than the rest of the
build takes.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from scripts.site.search_text import BODY_MARK, index_page

# Pages whose text is elsewhere already (the full text repeats every article) or that
# are not policy text at all are not indexed.
_NOT_INDEXED_KINDS = {"full-text"}
BUNDLE = "pagefind"


class SearchIndexError(Exception):
    """The search index could not be built; the message says why."""


def indexable(page, document_prefix: str = "") -> bool:
    """True for pages whose text visitors should find: the preamble, articles, appendix (of the
    document under ``document_prefix``, 'terms/', on a site of several)."""
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
    if not rel.startswith(document_prefix):
        return False
    rel = rel[len(document_prefix):]
    return rel == "index.md" or rel == "appendix.md" or re.fullmatch(r"articles/\d+\.md", rel) is not None


_LAST_LIST = re.compile(r"<ul>(?![\s\S]*<ul>)")


def ignore_article_list(page_html: str) -> str:
    """The home page ends with links to every article: titles found there are not the article."""
    return _LAST_LIST.sub("<ul data-pagefind-ignore>", page_html, count=1)


def executable() -> Path:
    try:
        import pagefind_bin
    except ImportError:
        raise SearchIndexError("the search indexer is not installed: pip install -r requirements.txt "
                               "(pagefind-bin)") from None
    return Path(pagefind_bin.get_executable())


def write_index_pages(site_dir: Path, target: Path) -> int:
    """Write the indexer's version of every indexed page of ``site_dir`` under ``target``."""
    count = 0
    for path in site_dir.rglob("*.html"):
        page = index_page(path.read_text(encoding="utf-8"))
        if page is None:
            continue
        out = target / path.relative_to(site_dir)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(page, encoding="utf-8")
        count += 1
    return count


def build_index(site_dir: Path) -> None:
    """Write the per-language index into ``site_dir/pagefind``, replacing any older one."""
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        raise SearchIndexError(f"no built site at {site_dir} to index")
    output = site_dir / BUNDLE
    with tempfile.TemporaryDirectory(prefix="policy-search-") as tmp:
        if not write_index_pages(site_dir, Path(tmp)):
            raise SearchIndexError(f"no page of {site_dir} has text to index ({BODY_MARK})")
        shutil.rmtree(output, ignore_errors=True)
        command = [str(executable()), "--site", tmp, "--output-path", str(output), "--silent"]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=300)
        except OSError as err:
            raise SearchIndexError(f"cannot run the search indexer {command[0]}: {err}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise SearchIndexError("the search indexer failed: " + " / ".join(detail))
    normalise_entry(output / ENTRY)


ENTRY = "pagefind-entry.json"


def normalise_entry(path: Path) -> None:
    """Pagefind writes its entry file's languages in no fixed order: sorted, two builds of one
    commit are byte-identical (the other files are named by their content)."""
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
