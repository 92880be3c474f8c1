"""From source lines to the policy's Markdown files.

The policy starts at its preamble heading (はじめに, 前文) or, without one, at
its first chapter or article; it ends with the revision lines of its appendix
(附則). What lies outside is site chrome and is left out (and said so). Inside,
a line that cannot be placed in the numbering stops the import: we say which
text it is rather than guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ..policy import model
from ..policy.dates import read_date
from ..policy.structure import (APPENDIX_TITLE, CAPTION_ONLY, article_heading, chapter_heading,
                                classify)
from .language import closing, title_words, writing
from .source import Line


@dataclass
class Problem:
    line: Line
    code: str
    message: str
    warning: bool = False   # reported, but the text still has its place


@dataclass
class Part:
    """One file to write: its path under the language folder, title and body lines."""

    rel: str
    title: str
    lines: list[Line] = field(default_factory=list)
    subheadings: set[int] = field(default_factory=set)   # indexes of lines written as '## '
    chapter: str = ""
    heading: Line | None = None   # where the heading stands in the source


@dataclass
class Imported:
    parts: list[Part]
    problems: list[Problem]
    skipped_before: list[Line]
    skipped_after: list[Line]
    kept_elsewhere: list[Line] = field(default_factory=list)   # chapters and captions: in front matter, titles


def _is_article(line: Line, lang: str) -> bool:
    return article_heading(line.text, lang) is not None


def _policy_span(lines: list[Line], lang: str, whole: bool = False) -> tuple[int, int]:
    start = next((i for i, l in enumerate(lines) if writing(lang).opens_policy(l.text)), None)
    if start is None:
        first = next((i for i, l in enumerate(lines)
                      if _is_article(l, lang) or chapter_heading(l.text, lang)), None)
        if first is None:
            return 0, -1
        start = first - 1 if first > 0 and CAPTION_ONLY.match(lines[first - 1].text) else first
        # Without はじめに, the document's title (and the text under it) opens the policy.
        title = _title_before(lines, start)
        if title is not None:
            start = title
    end = len(lines)
    appendix = next((i for i in range(start, len(lines)) if APPENDIX_TITLE.match(lines[i].text)
                     and len(lines[i].text) <= 30), None)
    if appendix is not None and whole:
        # One document of several on a page: the appendix runs on to the next document.
        end = len(lines)
    elif appendix is not None:
        end = appendix + 1
        while end < len(lines) and (read_date(lines[end].text).written or closing().match(lines[end].text)
                                    or _provision_text(lines[end].text, lang)):
            end += 1
            if closing().match(lines[end - 1].text):
                break
    return start, end


def _provision_text(text: str, lang: str) -> bool:
    """A numbered provision or a sentence of the appendix ('１ この定款は、…から施行する。')."""
    return classify(text, lang)[0] != model.TEXT or "。" in text


def _title_before(lines: list[Line], first: int) -> int | None:
    """A heading (or a short line naming the document) above the first article, over prose only."""
    index = first - 1
    while index >= 0:
        line = lines[index]
        if line.heading or (len(line.text) <= 40 and "。" not in line.text and title_words().search(line.text)):
            return index
        if "。" not in line.text and len(line.text) <= 60:
            return None
        index -= 1
    return None


def split_policy(lines: list[Line], lang: str, whole: bool = False) -> Imported:
    start, end = _policy_span(lines, lang, whole)
    problems: list[Problem] = []
    if end < 0:
        return Imported([], [], lines, [])
    body = [_list_item(line, lang) for line in lines[start:end]]
    # The source lines written with an item marker are kept, in their new form.
    kept: list[Line] = [old for old, new in zip(lines[start:end], body) if old is not new]
    parts: list[Part] = []
    current: Part | None = None
    chapter = ""
    pending_caption: Line | None = None
    for index, line in enumerate(body):
        nxt = body[index + 1] if index + 1 < len(body) else None
        if CAPTION_ONLY.match(line.text) and nxt is not None and _is_article(nxt, lang):
            heading = article_heading(nxt.text, lang)
            if not heading.caption:
                pending_caption = line   # '（目的）' above '第1条　…'
                kept.append(line)
                continue
        heading = article_heading(line.text, lang)
        if heading:
            caption = heading.caption
            if pending_caption is not None:
                caption = CAPTION_ONLY.match(pending_caption.text)[1]
                pending_caption = None
            # As the language writes a heading: 第１条（…）, Article 6 (…), 제1조(…).
            title = writing(lang).heading(heading.numeral, caption, line.text)
            rest = heading.rest
            if not caption and rest and len(rest) <= 20 and not re.search(r"[。、.,]", rest):
                # '第１条　入会手続': a caption without brackets, kept as written.
                title, rest = line.text, ""
            current = Part(f"articles/{heading.number:02d}.md", title, chapter=chapter, heading=line)
            if rest:
                current.lines.append(Line(rest, line.line, line.col))
            parts.append(current)
            continue
        chap = chapter_heading(line.text, lang)
        if chap and len(line.text) <= 40 and "。" not in line.text:
            chapter = line.text
            kept.append(line)
            continue
        if APPENDIX_TITLE.match(line.text) and len(line.text) <= 30:
            current = Part("appendix.md", line.text, heading=line)
            parts.append(current)
            continue
        if current is None:
            current = Part("index.md", line.text, heading=line)
            parts.append(current)
            continue
        if current.rel == "index.md" and _looks_like_heading(line.text, lang):
            current.subheadings.add(len(current.lines))
        current.lines.append(line)
    problems += _check_numbering(parts, lang)
    return Imported(parts, problems, lines[:start], lines[end:], kept)


_LIST_NUMBER = re.compile(r"^([0-9０-９]+)[.．)）]\s*(?=\S)")


def _list_item(line: Line, lang: str) -> Line:
    """A numbered list item inside an article (<ol><li>, a Markdown '1.' list) is an item of the
    paragraph it stands in, not a paragraph: it is written with the item marker, '（1）' / '(1)'."""
    if not line.depth:
        return line
    match = _LIST_NUMBER.match(line.text)
    if not match:
        return line
    marker = writing(lang).item(match[1])
    return Line(marker + line.text[match.end():], line.line, line.col, line.heading, line.depth)


def _looks_like_heading(text: str, lang: str) -> bool:
    """A short line without sentence punctuation, such as 個人情報保護方針."""
    return writing(lang).is_subheading(text)


def _check_numbering(parts: list[Part], lang: str) -> list[Problem]:
    """Numbers that go back or repeat: we cannot tell where such text belongs.

    A number that skips ahead (（１） then （３）) still has its place, by its number; it is
    reported as a warning (IMP005), as published policies do skip numbers.
    """
    problems = []
    expected_article = None
    for part in parts:
        if not part.rel.startswith("articles/"):
            continue
        number = int(part.rel[len("articles/"):-len(".md")])
        if expected_article is not None and number != expected_article:
            problems.append(Problem(part.heading or Line(part.title, 0), "IMP002",
                                    f"article {part.title!r} follows article {expected_article - 1}"))
        expected_article = number + 1
        paragraph = item = None
        for line in part.lines:
            kind, marker, value = classify(line.text, lang)
            if kind == model.PARAGRAPH:
                # The first paragraph may go unnumbered (Japanese statute style): then numbering starts at 2.
                allowed = {1, 2} if paragraph is None else {paragraph + 1}
                if value not in allowed:
                    placeable = value > (paragraph or 1)
                    problems.append(Problem(line, "IMP003" if not placeable else "IMP005",
                                            f"{'could not place' if not placeable else 'numbering skips at'} "
                                            f"{_quote(line.text)}: paragraph {marker} "
                                            f"does not follow paragraph {paragraph or '(none)'}",
                                            warning=placeable))
                paragraph, item = value, None
            elif kind == model.ITEM:
                allowed = {1} if item is None else {item + 1}
                if value not in allowed:
                    placeable = value > (item or 0)
                    problems.append(Problem(line, "IMP004" if not placeable else "IMP005",
                                            f"{'could not place' if not placeable else 'numbering skips at'} "
                                            f"{_quote(line.text)}: item {marker} "
                                            f"does not follow item {item or '(none)'}", warning=placeable))
                item = value
    return problems


def _quote(text: str, width: int = 40) -> str:
    return "“" + (text if len(text) <= width else text[:width] + "…") + "”"


# Markdown that must not be read as markup: bullets, headings, quotes, raw HTML. A paragraph
# number such as '2. ' stays as written: the policy core reads it as a paragraph and the
# build keeps it from becoming a list, so editors see the numbering they wrote.
_LEADING = re.compile(r"^([#>]|[-+*] )")


def escape_markdown(text: str) -> str:
    text = text.replace("\\", "\\\\").replace("<", "\\<").replace("*", "\\*").replace("`", "\\`")
    if _LEADING.match(text):
        text = "\\" + text
    return text


def render(part: Part, markdown: bool = False) -> str:
    """The file's Markdown. A Markdown source is Markdown already: its text is kept as written
    (links, emphasis), with only what would turn into a heading or a quote escaped."""
    def text(value: str) -> str:
        if not markdown:
            return escape_markdown(value)
        return "\\" + value if re.match(r"^[#>]", value) else value

    out = []
    if part.chapter:
        # Written by the YAML library: a caption with ': ', '#' or quotes stays one string.
        out += ["---", yaml.safe_dump({"chapter": part.chapter}, allow_unicode=True, width=1_000_000).rstrip("\n"),
                "---", ""]
    out.append(f"# {text(part.title)}")
    for index, line in enumerate(part.lines):
        out.append("")
        prefix = "## " if index in part.subheadings else ""
        out.append(prefix + text(line.text))
    return "\n".join(out) + "\n"
