"""Change notices: what legal staff announce with a revision, one short file per revision and language.

    docs/ja/changes/2027-01-01.md      (the file name is the revision's effective date)
    ---
    change: material          # or: editorial
    announced: 2026-11-20     # the day the change is announced (the banner and feed entry appear then)
    ---
    開示請求の手数料を5,500円から1,000円に改めます。…   (改定の概要: the summary, in plain words)

A material change must be announced at least the notice period (``data/policy.yml``:
``notice_period_days``, default 30) before it takes effect; verify says so (NTC001).
Civil Code Art. 548-4 makes announcing a change of standard terms, with its content and
effective date, before that date a condition of the change.

Notices are not part of the policy text: ``reader.load_policy`` leaves ``changes/`` out,
and the site shows them on the history pages, the revision's pages and its feed entry.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import yamltext
from .reader import PolicyError, read_text

FOLDER = "changes"
MATERIAL = "material"
EDITORIAL = "editorial"
KINDS = (MATERIAL, EDITORIAL)
SETTINGS = Path("data") / "policy.yml"
DEFAULT_NOTICE_DAYS = 30

_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})\.md$")
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)


@dataclass
class Notice:
    path: str                   # as shown in findings
    lang: str
    name: str                   # the file's name without .md: the effective date as written
    date: dt.date | None        # the effective date (None when the name is not a real date)
    change: str                 # as written: 'material', 'editorial' or anything else (a finding)
    announced: dt.date | None
    announced_raw: str
    summary: str
    summary_line: int           # 1-based line where the summary starts
    lines: dict[str, int] = field(default_factory=dict)   # front matter key → line

    @property
    def material(self) -> bool:
        return self.change == MATERIAL

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def read_notice(path: Path, lang: str, display: str) -> Notice:
    """One notice file. Raises PolicyError when it cannot be read or its front matter is not YAML."""
    text = read_text(path, display).replace("\r\n", "\n")
    match = _FRONT.match(text)
    meta: dict = {}
    lines: dict[str, int] = {}
    body, body_line = text, 1
    if match:
        meta = yamltext.load(match[1], display, first_line=2, what="front matter is not valid YAML") or {}
        if not isinstance(meta, dict):
            raise PolicyError(display, 2, "front matter must be 'key: value' lines (change:, announced:)")
        for number, line in enumerate(match[1].split("\n"), start=2):
            key = line.split(":", 1)[0].strip()
            if key and key not in lines:
                lines[key] = number
        body = text[match.end():]
        body_line = text[:match.end()].count("\n") + 1
    stripped = body.strip()
    if stripped:
        body_line += len(body) - len(body.lstrip("\n"))  # blank lines before the summary
    name = path.name[:-3]
    named = _NAME.match(path.name)
    return Notice(display, lang, name, _date(named[1]) if named else None, str(meta.get("change", "")).strip(),
                  _date(meta.get("announced")), str(meta.get("announced", "") or ""), stripped, body_line, lines)


def notice_files(docs: Path, lang: str, document: str = "") -> list[Path]:
    """The notice files of one language (of one document's folder, on a site of several)."""
    folder = (docs / lang / document if document else docs / lang) / FOLDER
    return sorted(p for p in folder.glob("*.md") if p.is_file()) if folder.is_dir() else []


def load_notices(docs: Path, lang: str, root: Path | None = None, document: str = "") -> list[Notice]:
    out = []
    for path in notice_files(docs, lang, document):
        try:
            display = path.resolve().relative_to((root or docs.parent).resolve()).as_posix()
        except ValueError:
            display = str(path)
        out.append(read_notice(path, lang, display))
    return out


def by_date(docs: Path, lang: str, root: Path | None = None, document: str = "") -> dict[str, Notice]:
    """Notices keyed by effective date (``2027-01-01``); unreadable files are left to verify."""
    try:
        return {n.name: n for n in load_notices(docs, lang, root, document)}
    except PolicyError:
        return {}


def notice_days(root: Path) -> int:
    """The notice period in days: ``data/policy.yml`` ``notice_period_days``, default 30."""
    path = root / SETTINGS
    if not path.is_file():
        return DEFAULT_NOTICE_DAYS
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, ValueError, RecursionError, OSError, UnicodeDecodeError):
        return DEFAULT_NOTICE_DAYS
    value = data.get("notice_period_days", DEFAULT_NOTICE_DAYS) if isinstance(data, dict) else DEFAULT_NOTICE_DAYS
    return value if isinstance(value, int) and value >= 0 else DEFAULT_NOTICE_DAYS
