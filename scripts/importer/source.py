"""Reading a source page into lines of text, each with where it came from.

Sources: captured page text (menus and all), Markdown files (kramdown attributes
such as ``{:target="_blank"}`` dropped), whole HTML pages, and HTML inside PHP or
Blade templates (the template code is dropped, line numbers kept). CRLF is read
as LF.

A captured page may be a single line (the browser's copy of the page): its
blocks are then told apart by the ASCII spaces between them. A space between
two Latin letters or digits ('Google Analytics') stays inside a line;
ideographic spaces ('森山　葉子') always stay.

Each line says whether it was a heading (its level) and how deep in a list it
stood, which is all the structure the importer needs from the markup.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction


class SourceError(Exception):
    pass


@dataclass(frozen=True)
class Line:
    text: str
    line: int
    col: int = 1
    heading: int = 0    # 1–6 for a heading (Markdown '#', HTML <h1>…), else 0
    depth: int = 0      # list nesting: 1 for a top-level list item, 2 inside it …

    def where(self, source: str) -> str:
        return f"{source}:{self.line}:{self.col}" if self.col > 1 else f"{source}:{self.line}"


# A block boundary in one-line captures: an ASCII space not between two Latin word characters.
_SPLIT = re.compile(r"(?<![A-Za-z0-9.,&()]) +| +(?![A-Za-z0-9(])")

CHROME_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside",
               "button", "svg", "template", "iframe")
CHROME_HINT = re.compile(r"(^|[-_ ])(nav|menu|footer|header|coupon|modal|popup|banner|breadcrumb|"
                         r"sidebar|cookie|skip)", re.I)
BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "td", "th",
              "address", "pre", "blockquote", "div", "section", "article", "main", "caption")


def split_capture(text: str, line_no: int = 1) -> list[Line]:
    out = []
    pos = 0
    for match in _SPLIT.finditer(text):
        piece = text[pos:match.start()]
        if piece.strip():
            out.append(Line(piece.strip(), line_no, pos + 1))
        pos = match.end()
    if text[pos:].strip():
        out.append(Line(text[pos:].strip(), line_no, pos + 1))
    return out


def text_lines(text: str) -> list[Line]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    nonblank = [(i, line) for i, line in enumerate(raw, start=1) if line.strip()]
    if len(nonblank) <= 2:
        # A one-line capture: split it into its blocks.
        return [piece for i, line in nonblank for piece in split_capture(line, i)]
    return [Line(line.strip(), i, heading=MARKED_HEADING if marked_heading(line.strip()) else 0)
            for i, line in nonblank]


# A heading told apart only by a mark or by bold type ('■個人情報の利用目的', '【お問い合わせ】',
# <p><strong>…</strong></p>): a level below every real one, so real headings win.
MARKED_HEADING = 7
_MARK = re.compile(r"^(?:[■□●◆◇▼▽▶▷◎]\s*[^\s■□●◆◇].{0,38}|【[^】]{1,30}】)$")


def marked_heading(text: str) -> bool:
    return bool(_MARK.match(text)) and "。" not in text and not re.search(r"(?<![0-9０-９])[0-9０-９]+\s*年", text)


def _bold_only(tag) -> bool:
    strong = tag.find(("strong", "b"), recursive=False)
    if strong is None:
        return False
    text = tag.get_text(strip=True)
    return bool(text) and text == strong.get_text(strip=True) and len(text) <= 40 and "。" not in text


_POLICY_TEXT = re.compile(r"。|第\s*[0-9０-９一二三四五六七八九十]+\s*条|[0-9０-９]\s*年\s*[0-9０-９]+\s*月|[.!?]\s+[A-Z]")


def _is_chrome(tag) -> bool:
    if tag.name in CHROME_TAGS:
        return True
    if tag.name in ("input", "select", "textarea", "label", "option"):
        return True
    if tag.get("role") in ("navigation", "banner", "contentinfo", "dialog") or tag.get("aria-hidden") == "true":
        return True
    attrs = " ".join([tag.get("id") or ""] + list(tag.get("class") or []))
    if attrs and CHROME_HINT.search(attrs):
        # A class such as 'menu' or 'priv_footer' may wrap the policy itself (or its
        # revision lines): only what holds no sentence, article or date is chrome.
        return not _POLICY_TEXT.search(tag.get_text(" "))
    return False


# Template code around the HTML: PHP blocks, Blade directives, echoes and comments.
_PHP = re.compile(r"<\?(?:php|=)?.*?(?:\?>|\Z)", re.S)
_BLADE_COMMENT = re.compile(r"\{\{--.*?--\}\}", re.S)
_BLADE_ECHO = re.compile(r"\{\{.*?\}\}", re.S)
_BLADE_RAW_ECHO = re.compile(r"\{!!.*?!!\}", re.S)
# What closes each of them: an opening with no closing after it matches nothing.
_CLOSING = {_BLADE_COMMENT: "--}}", _BLADE_ECHO: "}}", _BLADE_RAW_ECHO: "!!}"}
_BLADE_DIRECTIVE = re.compile(r"^[ \t]*@[A-Za-z]+(?:[ \t]*\((?:[^()\n]|\([^()\n]*\))*\))?[ \t]*$", re.M)


def strip_template(text: str) -> str:
    """HTML without its PHP or Blade code; each removed piece keeps its newlines."""
    def blank(match: re.Match) -> str:
        return "\n" * match[0].count("\n")
    for pattern in (_PHP, _BLADE_COMMENT, _BLADE_ECHO, _BLADE_RAW_ECHO, _BLADE_DIRECTIVE):
        closing = _CLOSING.get(pattern)
        if closing is None:
            text = pattern.sub(blank, text)
            continue
        # Only up to the last closing: past it each opening would scan to the end and fail,
        # once per opening.
        end = text.rfind(closing) + len(closing) if closing in text else 0
        text = pattern.sub(blank, text[:end]) + text[end:]
    return text


_SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_LISTS = ("ul", "ol")
_MARKED = re.compile(r"^\s*(?:[（(]?[0-9０-９一二三四五六七八九十]+[）).．、]|[①-⑳⑴-⒇]|[ア-ン][ 　．.、]|[-*・•])")


class _Walker:
    """Text of an HTML tree, one line per block element or <br>, each with its source line."""

    def __init__(self):
        self.out: list[Line] = []
        self.buffer: list[str] = []
        self.line = 1
        self.cursor = 1      # the source line the walk has reached
        self.heading = 0
        self.depth = 0
        self.prefix = ""

    def flush(self):
        text = re.sub(r"[ \t\r\n\f\v]+", " ", "".join(self.buffer)).strip()
        self.buffer = []
        if text:
            prefix, self.prefix = self.prefix, ""
            if prefix and _MARKED.match(text):
                prefix = ""
            self.out.append(Line(prefix + text, self.line, heading=self.heading, depth=self.depth))

    def walk(self, node):
        for child in node.children:
            if isinstance(child, _SKIPPED_STRINGS):
                continue
            if isinstance(child, NavigableString):
                text = str(child)
                if not "".join(self.buffer).strip() and text.strip():
                    # The line where this text starts: newlines before it within the node count.
                    self.line = self.cursor + text[: len(text) - len(text.lstrip())].count("\n")
                self.cursor += text.count("\n")
                self.buffer.append(text)
                continue
            if child.name == "br":
                self.flush()
                continue
            if child.sourceline:
                self.cursor = child.sourceline
            if child.name in BLOCK_TAGS or child.name in _LISTS or child.name in ("dl", "table", "tr", "ul"):
                self.flush()
                saved = (self.heading, self.depth)
                if child.sourceline:
                    self.line = self.cursor = child.sourceline
                if re.fullmatch(r"h[1-6]", child.name):
                    self.heading = int(child.name[1])
                elif not self.heading and child.name in ("p", "div", "dt") and (
                        _bold_only(child) or marked_heading(child.get_text(strip=True))):
                    self.heading = MARKED_HEADING
                if child.name in _LISTS:
                    self.depth += 1
                if child.name == "li":
                    parent = child.find_parent(_LISTS)
                    if parent is not None and parent.name == "ol":
                        index = len(child.find_previous_siblings("li")) + int(parent.get("start") or 1)
                        self.prefix = f"{index}. "
                    else:
                        self.prefix = "- "
                self.walk(child)
                self.flush()
                self.heading, self.depth = saved
                continue
            self.walk(child)


def html_lines(html: str) -> list[Line]:
    soup = BeautifulSoup(strip_template(html), "html.parser")
    for tag in list(soup.find_all(True)):
        if tag.decomposed:
            continue
        if _is_chrome(tag):
            tag.decompose()
    root = soup.body or soup
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    return walker.out


_KRAMDOWN = re.compile(r"\{:[^{}\n]*\}")
# The opening of an ATX heading; its closing #s are stripped, not matched (a pattern of blanks,
# #s and blanks after a lazy title rescans a long run of blanks from each of its blanks).
_MD_HEADING = re.compile(r"(#{1,6})[ \t]+")
_MD_ITEM = re.compile(r"^([ \t]*)([-*+]|\d+[.)])[ \t]+(.*)$")


def markdown_lines(text: str) -> list[Line]:
    """A Markdown file: headings keep their level, list items their depth (from indentation)."""
    out: list[Line] = []
    indents: list[int] = []      # indentation of the open list levels
    counters: dict[int, int] = {}   # depth → the number an ordered list shows there
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        raw = _KRAMDOWN.sub("", raw).rstrip()
        if not raw.strip():
            continue
        heading = _MD_HEADING.match(raw)
        if heading:
            indents, counters = [], {}
            title = raw[heading.end():].rstrip(" \t").rstrip("#").rstrip(" \t")
            out.append(Line(title.strip(), number, heading=len(heading[1])))
            continue
        item = _MD_ITEM.match(raw)
        if item:
            indent = len(item[1].expandtabs(4))
            while indents and indent < indents[-1]:
                indents.pop()
            if not indents or indent > indents[-1]:
                indents.append(indent)
            depth = len(indents)
            for deeper in [d for d in counters if d > depth]:
                del counters[deeper]
            marker = "-"
            if item[2][0].isdigit():
                # Markdown numbers an ordered list itself ('1.' written for every item):
                # the number a reader sees is the one kept.
                shown = counters[depth] + 1 if depth in counters else int(item[2][:-1])
                counters[depth] = shown
                marker = f"{shown}{item[2][-1]}"
            else:
                counters.pop(depth, None)
            out.append(Line(f"{marker} {item[3].strip()}", number, depth=depth))
            continue
        indent = len(raw) - len(raw.lstrip())
        if indent == 0:
            indents, counters = [], {}
        out.append(Line(raw.strip(), number, depth=len(indents) if indent else 0))
    return out


def looks_like_markdown(path: Path, text: str) -> bool:
    if path.suffix.lower() in (".md", ".markdown"):
        return True
    return bool(re.search(r"^#{1,6} \S", text, re.M)) and bool(re.search(r"^(#{2,6} |[ \t]*[-*] \S)", text, re.M))


def looks_like_html(path: Path, text: str) -> bool:
    if path.suffix.lower() in (".html", ".htm", ".php", ".blade.php", ".tpl"):
        return True
    return bool(re.match(r"\s*(<(!doctype|html|\?php)|@extends)", text, re.I)) or \
        len(re.findall(r"</(p|div|h[1-6]|li|dd|td)>", text, re.I)) >= 3


def read_source(path: Path) -> list[Line]:
    return _lines(path, _read(path))[1]


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a folder, not a file") from None
    except OSError as err:
        raise SourceError(f"{path}: cannot read: {err.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise SourceError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    if not text.strip():
        raise SourceError(f"{path}: the file is empty")
    return text


def _lines(path: Path, text: str) -> tuple[str, list[Line]]:
    if looks_like_html(path, text):
        return "html", html_lines(text)
    if looks_like_markdown(path, text):
        return "markdown", markdown_lines(text)
    return "text", text_lines(text)


def load_source(path: Path) -> tuple[str, list[Line]]:
    """(kind of source: 'html', 'markdown' or 'text', its lines)."""
    return _lines(path, _read(path))
