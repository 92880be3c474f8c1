"""Section-style policies: numbered or unnumbered headings instead of 第N条.

Sections are found in one of two ways. Where the source marks headings
(Markdown ``##``, HTML ``<h3>``), the section level is the heading level of the
numbered headings (or, if none is numbered, the most frequent level below the
title); deeper headings become sub-sections. Where it does not (``<p>１．適正な取得</p>``,
captured text), a short line without a sentence that carries the next section
number (1, 2, 3 …) is a heading; a numbered line inside a list of the same
style is an item of that list.

Files: ``index.md`` (title and preamble), ``sections/NN.md`` (one per section;
unnumbered headings are numbered by position, a leading unnumbered section such
as 総則 before section 1 is section 0), ``appendix.md`` (the revision record).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..policy.structure import outline_marker, section_heading
from .endings import is_ending_line, is_revision_line, is_signature
from .language import appendix_heading, title_words, writing
from .source import Line

_HEADING_STYLES = ("n.", "n ", "decimal")


@dataclass
class Section:
    number: int
    heading: Line
    lines: list[Line] = field(default_factory=list)


@dataclass
class Outline:
    """One section-style document, split but not yet written."""

    title: Line | None
    preamble: list[Line]
    sections: list[Section]
    sublevel: int                       # heading level of the sections (0: found in text)
    ending: list[Line] = field(default_factory=list)
    appendix_heading: Line | None = None


def _prose(text: str) -> bool:
    return "。" in text or len(text) > 60 or bool(re.search(r"[.!?]\s*$", text) and len(text.split()) > 6)


def _heading_like(text: str) -> bool:
    """A short line without a sentence: '１．適正な取得', '1 目的'."""
    number, numeral, caption = section_heading(text)
    width = 80 if caption.isascii() else 40
    return (number is not None and 0 < len(caption) <= width and "。" not in caption
            and not (caption.isascii() and caption.endswith((".", ";")))
            and not caption.endswith(("、", ",", "：", ":")) and not is_revision_line(text))


def section_level(lines: list[Line]) -> int:
    """The heading level that carries the sections, or 0 when headings are not marked."""
    headings = [l for l in lines if l.heading and not appendix_heading().match(l.text)]
    numbered = Counter(l.heading for l in headings if section_heading(l.text)[0] is not None)
    if numbered:
        level, count = numbered.most_common(1)[0]
        if count >= 2:
            return level
    if _find_sections(lines, 0):
        # Numbered headings written as plain lines (<p>１．…</p>): the tags are titles.
        return 0
    levels = Counter(l.heading for l in headings)
    if not levels:
        return 0
    top = min(levels)
    if levels[top] == 1 and len(levels) > 1:
        del levels[top]          # the title
    level, count = max(levels.items(), key=lambda kv: (kv[1], -kv[0]))
    return level if count >= 2 else 0


def _find_sections(lines: list[Line], level: int) -> list[int]:
    """Indexes of the section headings."""
    if level:
        return [i for i, l in enumerate(lines) if l.heading == level and not appendix_heading().match(l.text)]
    out, expected = [], 1
    list_style, list_number = None, 0
    for index, line in enumerate(lines):
        marker = outline_marker(line.text)
        if marker is None or line.depth:
            continue
        if _heading_like(line.text) and marker.style in _HEADING_STYLES and marker.number == expected \
                and not (list_style == marker.style and marker.number == list_number + 1):
            if marker.number == 1 and out:
                continue
            out.append(index)
            expected += 1
            list_style, list_number = None, 0
        elif out:
            if marker.style == list_style:
                list_number = marker.number or list_number + 1
            else:
                list_style, list_number = marker.style, marker.number or 1
    return out if len(out) >= 2 else []


def _title_index(lines: list[Line], before: int, level: int) -> int | None:
    """The document's title above its first section: a marked heading if there is one, else a
    short line naming the document (プライバシーポリシー, 利用規約)."""
    for index in range(before - 1, -1, -1):
        line = lines[index]
        if line.heading and (not level or line.heading < level):
            return index
    for index in range(before - 1, -1, -1):
        line = lines[index]
        if not _prose(line.text) and title_words().search(line.text) and len(line.text) <= 40:
            return index
    return None


def _ending_start(lines: list[Line]) -> tuple[int, int]:
    """(start, stop) of the closing revision record; (len, len) when there is none.

    A captured page may carry a few menu lines after it (会社概要, ©…): they end before
    ``stop`` and are left out.
    """
    end = len(lines)
    stop = end
    while stop > 0 and end - stop < 8 and _chrome_like(lines[stop - 1]):
        stop -= 1
    index = stop
    # Signature lines (company, representative) may follow the dates.
    while index > 0 and is_signature(lines[index - 1].text) and stop - index < 3:
        index -= 1
    signed = index
    while index > 0 and is_ending_line(lines[index - 1].text) and not lines[index - 1].heading:
        index -= 1
    if index == signed:
        return end, end
    return index, stop


def _chrome_like(line: Line) -> bool:
    """A menu entry of a captured page: short, no sentence, no date, no numbering."""
    text = line.text
    return (not line.heading and len(text) <= 20 and "。" not in text and not is_ending_line(text)
            and not is_signature(text) and outline_marker(text) is None)


def outline(lines: list[Line]) -> Outline | None:
    """Split one section-style document; None when it has no sections."""
    level = section_level(lines)
    heads = _find_sections(lines, level)
    if not heads:
        return None
    first = heads[0]
    title_at = _title_index(lines, first, level)
    if title_at is None and len(heads) >= 3 and title_words().search(lines[first].text) \
            and not any(_prose(l.text) for l in lines[:first]):
        # Headings of one kind throughout (bold lines): the first, naming the document, is its title.
        title_at, heads = first, heads[1:]
        first = heads[0]
    start = title_at if title_at is not None else 0
    title = lines[title_at] if title_at is not None else None
    preamble = lines[start + 1 if title is not None else start:first]
    # The revision record: an appendix heading, or the dated lines at the very end.
    appendix_at = next((i for i in range(first, len(lines)) if appendix_heading().match(lines[i].text)), None)
    if appendix_at is not None:
        body_end, ending = appendix_at, lines[appendix_at + 1:]
    else:
        start_at, stop_at = _ending_start(lines[first:])
        body_end, ending = first + start_at, lines[first + start_at:first + stop_at]
    out = Outline(title, preamble, [], level, ending, lines[appendix_at] if appendix_at is not None else None)
    numbers = _numbers(lines, heads)
    for position, (index, number) in enumerate(zip(heads, numbers)):
        stop = heads[position + 1] if position + 1 < len(heads) else body_end
        out.sections.append(Section(number, lines[index], lines[index + 1:stop]))
    return out


def _numbers(lines: list[Line], heads: list[int]) -> list[int]:
    """Section numbers: as written, or by position; a leading unnumbered one before 1 is 0."""
    written = [section_heading(lines[i].text)[0] for i in heads]
    if all(n is None for n in written):
        return list(range(1, len(heads) + 1))
    out = []
    for position, number in enumerate(written):
        if number is None:
            later = next((n for n in written[position + 1:] if n is not None), None)
            earlier = out[-1] if out else None
            number = (earlier + 1) if earlier is not None else ((later - 1) if later is not None else position + 1)
        out.append(number)
    return out


def documents(lines: list[Line]) -> list[list[Line]]:
    """A page's section-style documents: a revision record followed by a new title starts the next."""
    level = section_level(lines)
    out: list[list[Line]] = []
    current: list[Line] = []
    has_sections = numbered = False
    index = 0
    while index < len(lines):
        line = lines[index]
        if has_sections and is_ending_line(line.text) and not line.heading:
            run = index + 1
            while run < len(lines) and not lines[run].heading and (
                    is_ending_line(lines[run].text) or is_signature(lines[run].text)):
                run += 1
            following = lines[run:]
            if following and (_starts_document(following, level) or outline(following) is not None):
                out.append(current + lines[index:run])
                current, has_sections, numbered = [], False, False
                index = run
                continue
        heading = (level and line.heading == level) or (not level and not line.depth and _heading_like(line.text))
        if heading and has_sections and numbered and section_heading(line.text)[0] == 1:
            # Numbering starts again at 1 without a revision record between: a second document,
            # from its title (a heading above the section level) if it has one.
            title = next((i for i in range(len(current) - 1, 0, -1)
                          if current[i].heading and (not level or current[i].heading < level)), None)
            cut = title if title is not None else len(current)
            out.append(current[:cut])
            current, has_sections, numbered = current[cut:], False, False
        if heading:
            has_sections = True
            numbered = numbered or section_heading(line.text)[0] is not None
        current.append(line)
        index += 1
    if current:
        out.append(current)
    return out


def _starts_document(lines: list[Line], level: int) -> bool:
    head = lines[0]
    return bool(head.heading and (not level or head.heading < level))



# Writing: one Markdown file per section, blocks separated by blank lines.

_BULLET_TEXT = re.compile(r"^([-*+])\s+(.*)$", re.S)


@dataclass
class File:
    """A file to write, and for each of its lines the source line it came from."""

    rel: str
    lines: list[str] = field(default_factory=list)
    origin: dict[int, Line] = field(default_factory=dict)   # 1-based line in the file → source

    def add(self, text: str, source: Line | None) -> None:
        if self.lines:
            self.lines.append("")
        if source is not None:
            self.origin[len(self.lines) + 1] = source
        self.lines.append(text)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _text(line: Line, markdown: bool, escape) -> str:
    text = line.text
    bullet = _BULLET_TEXT.match(text)
    inner = outline_marker(bullet[2]) if bullet else None
    if inner is not None and inner.style != "bullet":
        # '* ア 請求書', '* 2.1 …': the item names itself; the bullet was only its layout.
        return bullet[2] if markdown else escape(bullet[2])
    if bullet and (line.depth or not markdown):
        body = bullet[2] if markdown else escape(bullet[2])
        return "  " * max(line.depth - 1, 0) + "- " + body
    if markdown:
        # Already Markdown: only what would change its meaning at the start of a line.
        return "\\" + text if re.match(r"^(#|>|\+ |\d+\.\S)", text) and not outline_marker(text) else text
    return escape(text)


def _heading(prefix: str, line: Line, markdown: bool, escape) -> str:
    return f"{prefix} {line.text if markdown else escape(line.text)}"


def render_outline(doc: Outline, lang: str, markdown: bool, escape) -> tuple[list[File], list[tuple[Line, str]]]:
    """(files, problems): problems name a source line that cannot be placed."""
    files: list[File] = []
    problems: list[tuple[Line, str]] = []
    revisions = [l for l in doc.preamble if is_revision_line(l.text)]
    preamble = File("index.md")
    preamble.add(_heading("#", doc.title, markdown, escape) if doc.title else f"# {writing(lang).preamble_title}",
                 doc.title)
    for line in doc.preamble:
        if line not in revisions:
            preamble.add(_line(line, 0, markdown, escape), line)
    files.append(preamble)
    seen: dict[int, Section] = {}
    previous = None
    for section in doc.sections:
        if section.number in seen:
            problems.append((section.heading, f"section {_quote(section.heading.text)} repeats the number of "
                                              f"{_quote(seen[section.number].heading.text)} (line "
                                              f"{seen[section.number].heading.line})"))
            continue
        if previous is not None and section.number != previous + 1:
            problems.append((section.heading, f"could not place {_quote(section.heading.text)}: section "
                                              f"{section.number} follows section {previous}"))
        seen[section.number] = section
        previous = section.number
        out = File(f"sections/{section.number:02d}.md")
        out.add(_heading("#", section.heading, markdown, escape), section.heading)
        for line in section.lines:
            out.add(_line(line, doc.sublevel, markdown, escape), line)
        files.append(out)
    ending = [l for l in doc.ending]
    if ending or revisions:
        appendix = File("appendix.md")
        head = doc.appendix_heading
        appendix.add(_heading("#", head, markdown, escape) if head else f"# {writing(lang).appendix_title}", head)
        for line in revisions + ending:
            appendix.add(_line(line, 0, markdown, escape), line)
        files.append(appendix)
    return files, problems


def _line(line: Line, level: int, markdown: bool, escape) -> str:
    if line.heading:
        depth = line.heading - level + 1 if level else 2
        return _heading("#" * min(max(depth, 2), 6), line, markdown, escape)
    return _text(line, markdown, escape)


def _quote(text: str, width: int = 40) -> str:
    return "“" + (text if len(text) <= width else text[:width] + "…") + "”"
