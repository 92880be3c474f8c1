"""The version history in the MkDocs build: the few calls the site's plugin (``scripts/site/plugin.py``) makes.

- ``prepare(root, docs_dir, today, …)`` (on_config): the tamper check (the build fails naming each
  archived file that no longer matches its sha256), the page stubs, the revision in force;
- ``page_markdown(page, lang, history)`` (on_page_markdown): a history page's Markdown;
- ``page_content(html, page)`` / ``post_page(output, page)``: the search and robots markers
  of revision pages;
- ``upcoming(lang, history, original)``: the banner of an announced revision, for every page;
- ``write_outputs(site_dir, history, …)`` (on_post_build): feeds, JSON index and data.
"""
from __future__ import annotations

import datetime as dt
import gzip
import html
import re
from pathlib import Path
from typing import Callable

from mkdocs.exceptions import PluginError

from ..policy.dates import format_date
from ..policy.reader import PolicyError, load_policy
from ..site.nav import lang_rel
from ..site.strings import strings
from . import archive, feeds, pages, timeline
from .words import words


class HistoryError(PluginError):
    """The archive cannot be published as it is; the message names the files (fails the build)."""


def project_root(config) -> Path:
    """The folder of mkdocs.yml: the archive lives beside docs/."""
    path = config.get("config_file_path")
    return Path(path).resolve().parent if path else Path(config["docs_dir"]).resolve().parent


def load(root: Path, today: dt.date, folder: str = archive.ARCHIVE,
         langs: tuple[str, ...] | None = None, document: str = "") -> timeline.Timeline:
    """The timeline of the site's languages ``langs`` (the original first; default: mkdocs.yml's),
    of the document in ``document`` (its folder, on a site of several)."""
    try:
        return timeline.load(root, today, folder, langs, document)
    except archive.ArchiveError as err:
        raise HistoryError(str(err)) from None


def prepare(root: Path, docs_dir: Path, today: dt.date, folder: str = archive.ARCHIVE,
            langs: tuple[str, ...] | None = None, document: str = "") -> Path | None:
    """Check the archive, write the page stubs; return the archived revision in force, when
    ``docs/`` already holds a revision dated after today (else None).

    ``folder`` is the document's archive, ``document`` its folder in each language (on a site
    of several documents; '' for a site of one)."""
    try:
        langs = timeline.languages(root, langs)
    except archive.ArchiveError as err:
        raise HistoryError(str(err)) from None
    findings = archive.check(root, folder, langs)
    if findings:
        raise HistoryError("published revisions are immutable; the archive does not match "
                           f"{folder}/{archive.MANIFEST}:\n" + "\n".join(str(f) for f in findings))
    history = load(root, today, folder, langs, document)
    pages.sync_stubs(docs_dir, history, langs, document)
    return _in_force_folder(docs_dir, history, today, langs[0], document)


def _in_force_folder(docs_dir: Path, history: timeline.Timeline, today: dt.date, original: str,
                     document: str = "") -> Path | None:
    """The archived revision to show when ``docs/`` already holds a revision dated after today.

    A revision is released (and merged) before its date; until that date the site shows
    the text in force, and announces the new one.
    """
    try:
        newest = max((r.date for r in load_policy(docs_dir, original, folder=document).revisions), default=None)
    except PolicyError:
        return None  # the build reports unreadable files itself
    current = history.current
    if newest is None or newest <= today or current is None:
        return None
    return current.revision.folder


def in_force_markdown(page, lang: str, folder: Path | None, document_prefix: str = "") -> str | None:
    """The in-force text of a policy page while ``docs/`` holds an upcoming revision, else None."""
    if folder is None:
        return None
    rel = lang_rel(page.file.src_uri, lang)
    rel = rel[len(document_prefix):] if document_prefix and rel.startswith(document_prefix) else rel
    path = folder / lang / rel
    return path.read_text(encoding="utf-8").replace("\r\n", "\n") if path.is_file() else None


def watch(server, root: Path, folder: str = archive.ARCHIVE) -> None:
    """`mkdocs serve` rebuilds when a revision is released, not only when docs/ change."""
    path = archive.archive_dir(root, folder)
    if path.is_dir():
        server.watch(str(path))


def page_markdown(page, lang: str, history: Callable[[], timeline.Timeline]) -> str | None:
    """A history page's Markdown (``history`` gives the timeline, read only when needed), else None."""
    meta = page.meta or {}
    if meta.get("page") != "history":
        return None
    try:
        return pages.markdown(meta, history(), lang)
    except archive.ArchiveError as err:
        raise HistoryError(str(err)) from None


def is_revision_page(page) -> bool:
    meta = page.meta or {}
    return meta.get("page") == "history" and meta.get("history") in (pages.REVISION, pages.DIFF, pages.TABLE)


def page_context(context: dict, page, today: dt.date) -> dict:
    """A revision's pages show that revision's effective date, not today's; an upcoming
    revision's date is one it will take effect on, not one it took effect on."""
    if is_revision_page(page):
        date = dt.date.fromisoformat(str(page.meta["revision"]))
        lang = context.get("policy_lang", "ja")
        context["policy_effective"] = format_date(date, lang)
        context["policy_effective_iso"] = date.isoformat()
        if date > today:
            context["policy_effective_label"] = strings(lang)["takes_effect"]
    return context


_CLAUSE_OPEN = re.compile(r'<p class="clause[^"]*" id="((?:art|sec)-[0-9a-z-]+)">')


def clause_history(page_html: str, page, lang: str, history: Callable[[], timeline.Timeline],
                   original: str, document_prefix: str = "") -> str:
    """Under each clause of a policy page, the revisions that changed it, linked to their 新旧対照表.

    Revision and history pages are left alone; a clause no revision changed gets no line.
    """
    if (page.meta or {}).get("page") == "history":
        return page_html
    try:
        changed = history().clause_revisions(lang)
    except HistoryError:
        return page_html
    if not changed:
        return page_html
    ui = words(lang)
    to_root = "../" * page.url.strip("/").count("/") + ("../" if page.url.strip("/") else "")
    if feeds.prefix(lang, original):
        to_root = to_root[3:] if to_root.startswith("../") else to_root  # /en/ is the English root
    out, last = [], 0
    for match in _CLAUSE_OPEN.finditer(page_html):
        entries = changed.get(match[1])
        if not entries:
            continue
        end = page_html.find("</p>", match.end())
        if end < 0:
            continue
        links = ui["link_separator"].join(
            f'<a href="{to_root}{document_prefix}{pages.FOLDER}/{e.name}/table/">{html.escape(format_date(e.date, lang))}'
            f'{html.escape(ui["clause_upcoming"]) if e.status == timeline.UPCOMING else ""}</a>' for e in entries)
        out += [page_html[last:end],
                f' <span class="clause-history" data-pagefind-ignore="all">{html.escape(ui["clause_changed"])}'
                f"{links}</span>"]
        last = end
    return "".join(out) + page_html[last:]


def page_content(page_html: str, page) -> str:
    """Revision and diff pages are not policy text in force: out of any site search index."""
    if not is_revision_page(page):
        return page_html
    return f'<div class="history-archived" data-pagefind-ignore="all">\n{page_html}\n</div>'


def post_page(output: str, page) -> str:
    if (page.meta or {}).get("noindex") and '<meta name="robots"' not in output:
        output = output.replace("</head>", '  <meta name="robots" content="noindex">\n  </head>', 1)
    return output


def upcoming(lang: str, history: Callable[[], timeline.Timeline], original: str, site_url: str = "",
             document_prefix: str = "") -> dict | None:
    """The nearest announced revision: its date in words and the path of its diff page.

    ``path`` is relative to the site's root (``history/…`` or ``en/history/…``); ``print`` says
    the same in words with the page's full address (``site_url``), for the printed page.
    """
    try:
        entries = history().upcoming
    except HistoryError:
        return None
    if not entries:
        return None
    entry = entries[0]
    ui = strings(lang)
    path = feeds.prefix(lang, original) + document_prefix + f"{pages.FOLDER}/{entry.name}/" + ("diff/" if entry.previous else "")
    text = ui["upcoming"].format(date=format_date(entry.date, lang))
    url = (site_url or "/").rstrip("/") + "/" + path
    return {"date": entry.name, "text": text, "link_text": ui["upcoming_link"], "path": path,
            "print": ui["upcoming_print"].format(text=text, url=url)}


def write_outputs(site_dir: Path, history: timeline.Timeline, site_url: str, langs: tuple[str, ...],
                  authors: dict[str, str], time_zone: str, document_prefix: str = "") -> None:
    """Feeds, JSON index and revision data of every language (``langs``: the original first)
    of one document (under ``document_prefix``, 'terms/', on a site of several)."""
    feeds.write(Path(site_dir), history, site_url or "/", langs, authors, time_zone, document_prefix)
    prune_sitemap(Path(site_dir), history, document_prefix)


_URL = re.compile(r"\s*<url>\s*<loc>([^<]*)</loc>.*?</url>", re.S)


def prune_sitemap(site_dir: Path, history: timeline.Timeline, document_prefix: str = "") -> None:
    """Pages marked noindex (past and upcoming revisions) are not offered in the sitemap."""
    hidden = {f"{document_prefix}{pages.FOLDER}/{e.name}/" for e in history.entries if e.status != timeline.CURRENT}
    sitemap = site_dir / "sitemap.xml"
    if not hidden or not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")

    def keep(match: re.Match) -> str:
        loc = match[1]
        return "" if any(loc.endswith("/" + path) for path in hidden) else match[0]

    pruned = _URL.sub(keep, text)
    if pruned != text:
        sitemap.write_text(pruned, encoding="utf-8")
        packed = sitemap.with_name("sitemap.xml.gz")
        if packed.is_file():
            packed.write_bytes(gzip.compress(pruned.encode("utf-8"), mtime=0))
