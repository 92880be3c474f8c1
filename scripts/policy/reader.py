"""Reading the policy's Markdown files into the model.

Blocks are Markdown paragraphs (runs of non-blank lines). Clause ids come from
the numbering alone, so Japanese and English get the same ids:
``art-N`` for the article, ``art-N-pM`` for paragraph M (text before the first
numbered paragraph is paragraph 1), ``art-N-pM-iK`` for item K, ``…-sJ`` for
sub-item J. A label line (＜宛先＞) returns to the paragraph level.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


from . import model, yamltext
from .errors import PolicyError
from .files import LINK, links_under, outside
from .numbering import NumeralError
from .dates import read_date, read_events
from .sections import assign_clauses as assign_section_clauses, section_number
from .structure import APPENDIX_TITLE, BULLET, article_heading, atx_heading, chapter_heading, classify, outline_marker

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(text: str, path: str) -> tuple[dict, int, str]:
    """(front matter, lines it takes, the rest). Broken YAML is a PolicyError."""
    # A byte-order mark (saved by some Windows editors) is no part of the text.
    text = text[1:] if text.startswith("\ufeff") else text
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, 0, text
    data = yamltext.load(match[1] or "", path, first_line=2, what="front matter is not valid YAML") or {}
    if not isinstance(data, dict):
        raise PolicyError(path, 2, "front matter must be a mapping of 'key: value' lines")
    consumed = match.group(0)
    return data, consumed.count("\n"), text[len(consumed):]


def _blocks(body: str, first_line: int, split_items: bool = False) -> list[tuple[int, str]]:
    """Markdown paragraphs with the file line of their first line.

    With ``split_items`` (section-style documents) each list item starts a block of its
    own, as a hand-written Markdown list has no blank lines between its items.
    """
    out: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for offset, line in enumerate(body.split("\n")):
        if line.strip():
            if current and split_items and _starts_item(line):
                out.append((start, "\n".join(current)))
                current = []
            if not current:
                start = first_line + offset
            current.append(line.rstrip())
            if line.lstrip().startswith("#"):
                # An ATX heading is a block of its own even without a blank line after it.
                out.append((start, "\n".join(current)))
                current = []
        elif current:
            out.append((start, "\n".join(current)))
            current = []
    if current:
        out.append((start, "\n".join(current)))
    return out


def _starts_item(line: str) -> bool:
    stripped = line.lstrip(" \t")
    return bool(BULLET.match(stripped)) or (outline_marker(stripped) is not None and stripped[:1] != "#")


def is_section_file(rel: str) -> bool:
    return rel.startswith("sections/")


def _kind(rel: str, title: str, front_matter: dict, lang: str) -> str:
    if front_matter.get("page"):
        return model.PAGE
    if is_section_file(rel) and title:
        return model.ARTICLE
    if article_heading(title, lang):
        return model.ARTICLE
    if APPENDIX_TITLE.match(title):
        return model.APPENDIX
    if rel == "index.md":
        return model.PREAMBLE
    return model.PAGE


def parse_document(text: str, path: str, rel: str, lang: str) -> model.Document:
    """One file of the policy; a numeral that cannot be read (十十) is a PolicyError on its line."""
    line = 1
    try:
        return _parse_document(text, path, rel, lang)
    except NumeralError as err:
        numbered = [n for n, written in enumerate(text.split("\n"), start=1) if err.numeral in written]
        line = numbered[0] if numbered else line
        raise PolicyError(path, line, str(err)) from None


def _parse_document(text: str, path: str, rel: str, lang: str) -> model.Document:
    front_matter, fm_lines, body = split_front_matter(text, path)
    raw_blocks = _blocks(body, fm_lines + 1, split_items=is_section_file(rel))
    title, title_line = "", 0
    blocks: list[model.Block] = []
    for line, raw in raw_blocks:
        heading = atx_heading(raw)
        if heading and not title and len(heading[0]) == 1:
            title, title_line = heading[1], line
            blocks.append(model.Block(model.HEADING, raw, line))
            continue
        if heading:
            blocks.append(model.Block(model.HEADING, raw, line))
            continue
        kind, marker, number = classify(raw, lang)
        if chapter_heading(raw, lang) and kind == model.TEXT:
            kind = model.CHAPTER
        blocks.append(model.Block(kind, raw, line, marker, number))
    kind = _kind(rel, title, front_matter, lang)
    doc = model.Document(path=path, rel=rel, lang=lang, kind=kind, title=title,
                         title_line=title_line, front_matter=front_matter,
                         front_matter_lines=fm_lines, blocks=blocks,
                         chapter=str(front_matter.get("chapter", "") or ""))
    if kind == model.ARTICLE and is_section_file(rel):
        doc.style = model.SECTION_STYLE
        doc.article_number, doc.article_numeral, doc.caption = section_number(rel, title)
        if doc.article_number is None:
            doc.article_number = 0
        assign_section_clauses(doc)
    elif kind == model.ARTICLE:
        heading = article_heading(title, lang)
        doc.article_number, doc.article_numeral, doc.caption = heading.number, heading.numeral, heading.caption
        _assign_clauses(doc)
    elif kind in (model.PREAMBLE, model.APPENDIX):
        _single_clause(doc, "preamble" if kind == model.PREAMBLE else "appendix")
    if kind == model.APPENDIX:
        doc.revisions = _revisions(doc)
    return doc


def _single_clause(doc: model.Document, clause_id: str) -> None:
    body = [b for b in doc.blocks if b.kind != model.HEADING or b.line != doc.title_line]
    clause = model.Clause(clause_id, doc.kind, "", None, doc.title_line or 1)
    for block in body:
        block.clause_id = clause_id
        clause.blocks.append(block)
    if body:
        body[0].opens_clause = True
    doc.clauses.append(clause)


def _assign_clauses(doc: model.Document) -> None:
    art = f"art-{doc.article_number}"
    paragraph = item = None
    current: model.Clause | None = None

    def open_clause(clause_id: str, kind: str, block: model.Block) -> model.Clause:
        clause = model.Clause(clause_id, kind, block.marker, block.number, block.line, [block])
        block.clause_id, block.opens_clause = clause_id, True
        doc.clauses.append(clause)
        return clause

    paragraph_clause: model.Clause | None = None
    for block in doc.blocks:
        if block.kind == model.HEADING and block.line == doc.title_line:
            current = open_clause(art, model.ARTICLE, block)
            block.marker, block.number = doc.article_numeral, doc.article_number
            continue
        if block.kind == model.PARAGRAPH:
            paragraph, item = block.number, None
            current = paragraph_clause = open_clause(f"{art}-p{paragraph}", model.PARAGRAPH, block)
            continue
        if paragraph is None and block.kind not in (model.CHAPTER,):
            # Text or items before any numbered paragraph belong to an implicit paragraph 1.
            paragraph = 1
            if block.kind in (model.TEXT, model.NOTE, model.LABEL, model.HEADING):
                current = paragraph_clause = open_clause(f"{art}-p1", model.PARAGRAPH, block)
                continue
        if block.kind == model.ITEM:
            item = block.number
            current = open_clause(f"{art}-p{paragraph}-i{item}", model.ITEM, block)
            continue
        if block.kind == model.SUBITEM:
            parent = f"{art}-p{paragraph}" + (f"-i{item}" if item is not None else "")
            current = open_clause(f"{parent}-s{block.number}", model.SUBITEM, block)
            continue
        if block.kind == model.LABEL:
            item = None
            current = paragraph_clause or current
        if current is None:
            continue
        block.clause_id = current.id
        current.blocks.append(block)


def _revisions(doc: model.Document) -> list[model.Revision]:
    revisions = []
    for block in doc.blocks:
        if block.kind == model.HEADING:
            continue
        reading = read_date(block.text)
        if reading.date is None and not reading.written:
            continue  # a line with no date at all, such as 以上
        block.kind = model.REVISION
        if reading.date is not None:
            revisions.append(model.Revision(reading.date, read_events(block.text), block.text, block.line))
    # A record that names no 施行 is read as in force on its dates when it is a closing record
    # of the kinds real policies use: with a 制定 line, or closed by 以上 ('以上' then '2023年7月1日改訂').
    # Revisions alone (改定 lines, no 制定, no 以上) still leave nothing in force (REV005).
    closed = any(re.match(r"^\W*以上\W*$", b.text) for b in doc.blocks if b.kind != model.HEADING)
    if revisions and not any("effective" in r.events for r in revisions) and (
            closed or any("enacted" in r.events for r in revisions)):
        for revision in revisions:
            revision.implied_effective = True
    return revisions


def read_text(path: Path, display: str, missing: str = "file not found") -> str:
    """A UTF-8 text file, or a PolicyError that says plainly why it cannot be read."""
    if path.is_symlink():
        raise PolicyError(display, 0, LINK)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyError(display, 0, missing) from None
    except UnicodeDecodeError as err:
        raise PolicyError(display, 1, f"not UTF-8 text ({err.reason} at byte {err.start})") from None
    except OSError as err:
        raise PolicyError(display, 0, f"cannot read: {err.strerror}") from None
    # A byte-order mark (saved by some Windows editors) is no part of the text.
    return text[1:] if text.startswith("\ufeff") else text


def policy_today(time_zone: str | None = None) -> dt.date:
    """'Today' for every tool: POLICY_TODAY=YYYY-MM-DD (reproducible builds, tests), else the date
    in ``time_zone`` (an IANA name such as Asia/Tokyo; None: the machine's local date)."""
    value = os.environ.get("POLICY_TODAY", "").strip()
    if not value:
        if time_zone is None:
            return dt.date.today()
        try:
            zone = ZoneInfo(time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise PolicyError("time_zone", 0, f"{time_zone!r} is not a known time zone (e.g. Asia/Tokyo, Europe/Paris)") from None
        return dt.datetime.now(zone).date()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PolicyError("POLICY_TODAY", 0, f"{value!r} is not a date in the form YYYY-MM-DD") from None


def read_document(path: Path, rel: str, lang: str, display: str | None = None) -> model.Document:
    display = display or str(path)
    text = read_text(path, display)
    return parse_document(text.replace("\r\n", "\n"), display, rel, lang)


# Change notices (scripts/policy/notices.py) sit beside the policy but are not part of its text.
NOT_POLICY = ("changes",)


def policy_files(lang_dir: Path) -> list[Path]:
    return sorted(p for p in lang_dir.rglob("*.md")
                  if p.is_file() and p.relative_to(lang_dir).parts[0] not in NOT_POLICY)


def load_policy(docs_dir: Path, lang: str, root: Path | None = None, folder: str = "") -> model.Policy:
    """Every Markdown file under ``docs_dir/lang`` (pages included, kind PAGE), or under
    ``docs_dir/lang/folder`` for one document of a site of several (scripts/policy/documents.py)."""
    lang_dir = docs_dir / lang / folder if folder else docs_dir / lang
    if not lang_dir.is_dir():
        raise PolicyError(str(lang_dir), 0, "no such folder")
    if outside(lang_dir, docs_dir):
        raise PolicyError(_display(lang_dir, root), 0, LINK)
    links = links_under(lang_dir)
    if links:
        raise PolicyError(_display(links[0], root), 0, LINK)
    documents = []
    for path in policy_files(lang_dir):
        rel = path.relative_to(lang_dir).as_posix()
        documents.append(read_document(path, rel, lang, _display(path, root)))
    return model.Policy(lang, documents)


def _display(path: Path, root: Path | None) -> str:
    # Not resolved: a symlink is named as written, never by what it points at.
    if root is not None:
        for shown, base in ((Path(os.path.abspath(path)), Path(os.path.abspath(root))), (path.resolve(), root.resolve())):
            try:
                return shown.relative_to(base).as_posix()
            except ValueError:
                pass
    return str(path)
