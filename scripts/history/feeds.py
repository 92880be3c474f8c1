"""What others read without scraping: an Atom feed and a JSON index per language, and the
per-revision JSON that the compare page's script reads.

Written into the built site, per language (``/history/…`` and ``/en/history/…``):

- ``atom.xml``: one entry per revision (newest first), linking to its diff page;
  dated by the revision's date (midnight in the site's time zone), so an announced revision
  carries its future date;
- ``index.json``: ``{"lang", "today", "current", "revisions": [{"date", "status",
  "url", "diff_url", "data_url", "sha256", "changed_articles", "changed_clauses", "table_url", "pdf"}]}``,
  newest first (``changed_clauses``: the ids of the clauses the revision changed);
- ``data/<date>.json``: the revision's documents and clauses (id, number, text, and
  the key the comparison aligns on);
- ``data/pairs/`` and ``data/versions/``: every comparison the compare page shows, rendered
  here (``scripts/history/pairs.py``).
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator

from ..policy import model
from ..policy.compare import clause_text, clause_words, fold_whitespace
from ..policy.dates import format_date
from . import pairs
from .pages import FOLDER
from .timeline import Entry, Timeline
from .words import words

def prefix(lang: str, original: str) -> str:
    """The original language is at the site's root, each translation in its own folder."""
    return "" if lang == original else f"{lang}/"


def _url(site_url: str, prefix: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + prefix + path


def _moment(date: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, tzinfo=zone)


def index(timeline: Timeline, lang: str, site_url: str, prefix: str = "") -> dict:
    current = timeline.current
    revisions = []
    for entry in timeline.newest_first:
        revisions.append({
            "date": entry.name,
            "status": entry.status,
            "url": _url(site_url, prefix, f"{FOLDER}/{entry.name}/"),
            "diff_url": _url(site_url, prefix, f"{FOLDER}/{entry.name}/diff/") if entry.previous else None,
            "data_url": _url(site_url, prefix, f"{FOLDER}/data/{entry.name}.json"),
            "sha256": entry.revision.sha256,
            "changed_articles": timeline.changed_articles(entry, lang),
            "changed_clauses": timeline.changed_clauses(entry, lang),
            "table_url": _url(site_url, prefix, f"{FOLDER}/{entry.name}/table/") if entry.previous else None,
            "pdf": {key: _url(site_url, prefix, f"{FOLDER}/{entry.name}/pdf/{name}")
                    for name, key in (("policy.pdf", "full_text"), ("table.pdf", "table"))
                    if name in entry.revision.pdfs(lang)},
        })
    return {"lang": lang, "today": timeline.today.isoformat(),
            "current": current.name if current else None, "revisions": revisions}


def revision_data(timeline: Timeline, entry: Entry, lang: str) -> dict:
    documents = []
    for doc in timeline.policy(entry, lang).ordered():
        key = f"\0{doc.kind}" if doc.kind != model.ARTICLE else fold_whitespace(doc.caption or doc.title)
        documents.append({
            "key": key, "title": doc.title, "kind": doc.kind, "article": doc.article_number,
            "clauses": [{"id": c.id, "marker": c.marker, "text": clause_text(c),
                         "key": fold_whitespace(clause_words(c, doc))} for c in doc.clauses],
        })
    return {"date": entry.name, "status": entry.status, "lang": lang, "documents": documents}


def atom(timeline: Timeline, lang: str, site_url: str, prefix: str, author: str, zone: ZoneInfo) -> bytes:
    """Dated by each revision's date at midnight in the site's time zone."""
    w = words(lang)
    feed = FeedGenerator()
    history_url = _url(site_url, prefix, f"{FOLDER}/")
    feed.id(history_url)
    feed.title(w["feed_title"].format(document=timeline.title(lang)))
    feed.language(lang)
    feed.link(href=history_url, rel="alternate", type="text/html")
    feed.link(href=_url(site_url, prefix, f"{FOLDER}/atom.xml"), rel="self", type="application/atom+xml")
    feed.author({"name": author})
    feed.generator("scripts.history")
    newest = timeline.newest_first
    feed.updated(_moment(newest[0].date, zone) if newest else _moment(timeline.today, zone))
    for entry in newest:
        item = feed.add_entry(order="append")
        page = f"{FOLDER}/{entry.name}/" + ("diff/" if entry.previous else "")
        item.id(_url(site_url, prefix, f"{FOLDER}/{entry.name}/"))
        item.title(w["feed_entry"].format(date=format_date(entry.date, lang), status=w[entry.status]))
        item.link(href=_url(site_url, prefix, page), rel="alternate", type="text/html")
        item.updated(_moment(entry.date, zone))
        item.published(_moment(entry.date, zone))
        articles = timeline.changed_articles(entry, lang)
        summary = w["first"] if entry.previous is None else w["feed_changes"].format(
            articles=w["list_separator"].join(articles) or w["none"])
        notice = timeline.notice(entry, lang)
        if notice is not None and notice.summary:
            # The change notice (改定の概要), as legal staff wrote it, before the list of articles.
            summary = f"{w['summary_heading']}{w['colon']}{notice.summary}\n\n{summary}"
            if notice.announced:
                item.published(_moment(notice.announced, zone))
        item.summary(summary)
    return feed.atom_str(pretty=True)


def write(site_dir: Path, timeline: Timeline, site_url: str, langs: tuple[str, ...],
          authors: dict[str, str], time_zone: str, document_prefix: str = "") -> list[Path]:
    """The outputs of every language; ``langs`` starts with the original (at the site's root).

    ``authors``: the organisation's name per language (the feeds' author); a language the
    data file gives no name in uses the original's.
    """
    written = []
    zone = ZoneInfo(time_zone)
    for lang in langs:
        path_prefix = prefix(lang, langs[0]) + document_prefix
        author = authors.get(lang) or authors.get(langs[0]) or ""
        folder = site_dir / path_prefix / FOLDER
        (folder / "data").mkdir(parents=True, exist_ok=True)
        outputs = {
            folder / "index.json": json.dumps(index(timeline, lang, site_url, path_prefix), ensure_ascii=False, indent=1).encode(),
            folder / "atom.xml": atom(timeline, lang, site_url, path_prefix, author, zone),
        }
        for entry in timeline.entries:
            outputs[folder / "data" / f"{entry.name}.json"] = json.dumps(
                revision_data(timeline, entry, lang), ensure_ascii=False, separators=(",", ":")).encode()
        for path, data in outputs.items():
            path.write_bytes(data)
            written.append(path)
        written += pairs.write(folder / "data", timeline, lang)
        for entry in timeline.entries:
            # The PDFs printed on release, as archived (hash-locked in SHA256SUMS).
            for name, source in entry.revision.pdfs(lang).items():
                target = folder / entry.name / "pdf" / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                written.append(target)
    return written
