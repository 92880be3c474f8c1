"""The version history in the MkDocs build: the few calls ``scripts/mkdocs_hooks.py`` makes.

- ``prepare(config, today)`` (on_config): the tamper check (the build fails naming each
  archived file that no longer matches its sha256) and the page stubs;
- ``page_markdown(page, lang, config, today)`` (on_page_markdown): a history page's Markdown;
- ``page_content(html, page)`` / ``post_page(output, page)``: the search and robots markers
  of revision pages;
- ``upcoming(lang, today, config)``: the banner of an announced revision, for every page;
- ``write_outputs(site_dir, config, today)`` (on_post_build): feeds, JSON index and data.
"""
from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..policy.dates import format_date
from ..policy.reader import PolicyError, load_policy
from ..site.strings import strings
from . import archive, feeds, pages, timeline


class HistoryError(PluginError):
    """The archive cannot be published as it is; the message names the files (fails the build)."""


def project_root(config) -> Path:
    """The folder of mkdocs.yml: the archive lives beside docs/."""
    path = config.get("config_file_path")
    return Path(path).resolve().parent if path else Path(config["docs_dir"]).resolve().parent


def load(config, today: dt.date) -> timeline.Timeline:
    try:
        return timeline.load(project_root(config), today)
    except archive.ArchiveError as err:
        raise HistoryError(str(err)) from None


# docs_dir -> the archived revision in force, when docs/ holds a revision not yet in force.
_in_force: dict[str, Path | None] = {}


def prepare(config, today: dt.date) -> None:
    root = project_root(config)
    findings = archive.check(root)
    if findings:
        raise HistoryError("published revisions are immutable; the archive does not match "
                           f"{archive.ARCHIVE}/{archive.MANIFEST}:\n" + "\n".join(str(f) for f in findings))
    docs_dir = Path(config["docs_dir"])
    history = load(config, today)
    pages.sync_stubs(docs_dir, history)
    _in_force[str(docs_dir)] = _in_force_folder(docs_dir, history, today)


def _in_force_folder(docs_dir: Path, history: timeline.Timeline, today: dt.date) -> Path | None:
    """The archived revision to show when ``docs/`` already holds a revision dated after today.

    A revision is released (and merged) before its date; until that date the site shows
    the text in force, and announces the new one.
    """
    try:
        newest = max((r.date for r in load_policy(docs_dir, "ja").revisions), default=None)
    except PolicyError:
        return None  # the build reports unreadable files itself
    current = history.current
    if newest is None or newest <= today or current is None:
        return None
    return current.revision.folder


def in_force_dir(config) -> Path | None:
    """Where the policy in force today is read from, when that is not ``docs/``."""
    return _in_force.get(str(Path(config["docs_dir"])))


def in_force_markdown(page, lang: str, config) -> str | None:
    """The in-force text of a policy page while ``docs/`` holds an upcoming revision, else None."""
    folder = in_force_dir(config)
    if folder is None:
        return None
    uri = page.file.src_uri
    rel = uri.split("/", 1)[1] if uri.startswith(f"{lang}/") else uri
    path = folder / lang / rel
    return path.read_text(encoding="utf-8").replace("\r\n", "\n") if path.is_file() else None


def watch(server, config) -> None:
    """`mkdocs serve` rebuilds when a revision is released, not only when docs/ change."""
    folder = archive.archive_dir(project_root(config))
    if folder.is_dir():
        server.watch(str(folder))


def page_markdown(page, lang: str, config, today: dt.date) -> str | None:
    meta = page.meta or {}
    if meta.get("page") != "history":
        return None
    try:
        return pages.markdown(meta, load(config, today), lang, page.url)
    except archive.ArchiveError as err:
        raise HistoryError(str(err)) from None


def is_revision_page(page) -> bool:
    meta = page.meta or {}
    return meta.get("page") == "history" and meta.get("history") in (pages.REVISION, pages.DIFF)


def page_context(context: dict, page) -> dict:
    """A revision's pages show that revision's effective date, not today's."""
    if is_revision_page(page):
        date = dt.date.fromisoformat(str(page.meta["revision"]))
        context["policy_effective"] = format_date(date, context.get("policy_lang", "ja"))
        context["policy_effective_iso"] = date.isoformat()
    return context


def page_content(page_html: str, page) -> str:
    """Revision and diff pages are not policy text in force: out of any site search index."""
    if not is_revision_page(page):
        return page_html
    return f'<div class="history-archived" data-pagefind-ignore="all">\n{page_html}\n</div>'


def post_page(output: str, page) -> str:
    if (page.meta or {}).get("noindex") and '<meta name="robots"' not in output:
        output = output.replace("</head>", '  <meta name="robots" content="noindex">\n  </head>', 1)
    return output


def upcoming(lang: str, today: dt.date, config) -> dict | None:
    """The nearest announced revision: its date in words and the path of its diff page.

    ``path`` is relative to the site's root (``history/…`` or ``en/history/…``).
    """
    try:
        entries = load(config, today).upcoming
    except HistoryError:
        return None
    if not entries:
        return None
    entry = entries[0]
    ui = strings(lang)
    path = feeds.prefix(lang) + f"{pages.FOLDER}/{entry.name}/" + ("diff/" if entry.previous else "")
    return {"date": entry.name, "text": ui["upcoming"].format(date=format_date(entry.date, lang)),
            "link_text": ui["upcoming_link"], "path": path}


def write_outputs(site_dir: Path, config, today: dt.date) -> None:
    history = load(config, today)
    feeds.write(Path(site_dir), history, config.get("site_url") or "/")
    prune_sitemap(Path(site_dir), history)


_URL = re.compile(r"\s*<url>\s*<loc>([^<]*)</loc>.*?</url>", re.S)


def prune_sitemap(site_dir: Path, history: timeline.Timeline) -> None:
    """Pages marked noindex (past and upcoming revisions) are not offered in the sitemap."""
    hidden = {f"{pages.FOLDER}/{e.name}/" for e in history.entries if e.status != timeline.CURRENT}
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
