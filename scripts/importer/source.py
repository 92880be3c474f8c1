"""Reading a source page into lines of text, each with where it came from.

A captured page may be a single line (the browser's copy of the page): its
blocks are then told apart by the ASCII spaces between them. A space between
two Latin letters or digits ('Google Analytics') stays inside a line;
ideographic spaces ('伊丹　浩') always stay.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup


class SourceError(Exception):
    pass


@dataclass(frozen=True)
class Line:
    text: str
    line: int
    col: int = 1

    def where(self, source: str) -> str:
        return f"{source}:{self.line}:{self.col}" if self.col > 1 else f"{source}:{self.line}"


# A block boundary in one-line captures: an ASCII space not between two Latin word characters.
_SPLIT = re.compile(r"(?<![A-Za-z0-9.,&()]) +| +(?![A-Za-z0-9(])")

CHROME_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
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
    return [Line(line.strip(), i) for i, line in nonblank]


def _is_chrome(tag) -> bool:
    if tag.name in CHROME_TAGS:
        return True
    attrs = " ".join([tag.get("id") or ""] + list(tag.get("class") or []))
    if attrs and CHROME_HINT.search(attrs):
        return True
    return tag.get("role") in ("navigation", "banner", "contentinfo", "dialog") or tag.get("aria-hidden") == "true"


def html_lines(html: str) -> list[Line]:
    soup = BeautifulSoup(html, "html.parser")
    for tag in list(soup.find_all(True)):
        if tag.decomposed:
            continue
        if _is_chrome(tag):
            tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    root = soup.find("main") or soup.find("article") or soup.body or soup
    out: list[Line] = []
    for element in root.find_all(BLOCK_TAGS):
        if element.find(BLOCK_TAGS):
            # Only leaf blocks carry text lines; a container's own loose text is rare in policies.
            continue
        line_no = element.sourceline or 1
        for part in element.get_text().split("\n"):
            part = re.sub(r"[ \t\r\f\v]+", " ", part).strip()
            if part:
                out.append(Line(part, line_no))
    return out


def read_source(path: Path) -> list[Line]:
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
    looks_html = path.suffix.lower() in (".html", ".htm") or re.match(r"\s*<(!doctype|html)", text, re.I)
    return html_lines(text) if looks_html else text_lines(text)
