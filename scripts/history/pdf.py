"""PDFs of a published revision, made once at release time and kept in the archive.

For each language: ``<lang>/pdf/policy.pdf`` (the revision's full text, A4 portrait) and,
from the second revision on, ``<lang>/pdf/table.pdf`` (its 新旧対照表 against the revision
before, A4 landscape, column headings repeated). Every page names the company, the
document and the revision date at the top and carries its page number at the foot.

Engine: the Chromium the browser tests already use (``/usr/bin/chromium``, driven by
Playwright, no browser download). It lays out Japanese as the site does, embeds the
subset of the system font it uses (Debian's fonts-noto-cjk, installed by ``.ci/run``),
and keeps the text selectable and searchable. Printing takes a few seconds, so it is
done on release (``scripts.release``), hash-locked in ``SHA256SUMS`` with the rest of the
revision, and the site build only copies the files: a build never launches a browser.
"""
from __future__ import annotations

import html
from pathlib import Path

from ..policy import model
from ..policy.company import names, read_company
from ..policy.compare import clause_text, compare_policies
from ..policy.dates import format_date
from ..policy.errors import PolicyError
from . import table
from .words import words

CHROMIUM = Path("/usr/bin/chromium")
FOLDER = "pdf"
FULL_TEXT = "policy.pdf"
TABLE = "table.pdf"
FONTS = '"Noto Sans CJK JP", "Noto Sans JP", "Noto Sans", sans-serif'


class PdfError(Exception):
    """The PDFs cannot be printed (no Chromium, no Playwright): the message says what to install."""


def company_name(root: Path, lang: str) -> str:
    """The organisation's name for the page margins; none when the data file cannot be read
    (verify, which runs before every release, reports why)."""
    try:
        data, _ = read_company(root / "data" / "company.yml", "data/company.yml")
    except PolicyError:
        return ""
    return names(data).get(lang, "")


def _page(lang: str, title: str, body: str, landscape: bool) -> str:
    size = "A4 landscape" if landscape else "A4"
    return "\n".join([
        "<!doctype html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        f"<style>@page {{ size: {size}; margin: 18mm 12mm 16mm; }}\n"
        f"body {{ font-family: {FONTS}; font-size: 10pt; line-height: 1.7; margin: 0; }}\n"
        "h1 { font-size: 15pt; } h2 { font-size: 12pt; margin: 1.2em 0 .4em; } p { margin: .3em 0; }\n"
        f"{table.stylesheet()}</style>", "</head>", "<body>", body, "</body>", "</html>", ""])


def full_text_html(policy: model.Policy, lang: str, title: str) -> str:
    out = [f"<h1>{html.escape(title)}</h1>"]
    for doc in policy.ordered():
        for clause in doc.clauses:
            text = clause_text(clause)
            if clause.kind == model.ARTICLE or (clause.blocks and clause.blocks[0].kind == model.HEADING):
                head, _, rest = text.partition("\n")
                out.append(f"<h2>{html.escape(head)}</h2>")
                text = rest
            for line in text.split("\n"):
                if line.strip():
                    out.append(f"<p>{html.escape(line)}</p>")
    return _page(lang, title, "\n".join(out), landscape=False)


def table_html(old: model.Policy, new: model.Policy, lang: str, title: str) -> str:
    # Unchanged runs print as （略） in both columns, as the published tables do.
    body = f"<h1>{html.escape(title)}</h1>\n" + table.html_table(compare_policies(old, new), lang)
    return _page(lang, title, body, landscape=True)


def _margins(company: str, document: str, date_text: str) -> tuple[str, str]:
    # Escaped: the font names' quotation marks would otherwise end the attribute, and Chromium would
    # draw the margins in its default template size (about 2pt), crammed into the corner.
    style = html.escape(f"font-family: {FONTS}; font-size: 7.5pt; width: 100%; margin: 0 12mm; color: #000;")
    header = (f'<div style="{style} display: flex; justify-content: space-between;">'
              f"<span>{html.escape(company)}</span><span>{html.escape(document)}</span>"
              f"<span>{html.escape(date_text)}</span></div>")
    footer = (f'<div style="{style} text-align: center;"><span class="pageNumber"></span> / '
              f'<span class="totalPages"></span></div>')
    return header, footer


def print_pdfs(jobs: dict[str, tuple[str, str, str, str, bool]]) -> dict[str, bytes]:
    """Print each job ``rel → (html, company, document, date text, landscape)`` in one browser."""
    if not CHROMIUM.is_file():
        raise PdfError(f"printing the PDFs needs Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise PdfError("printing the PDFs needs Playwright (pip install -r requirements-dev.txt)") from None
    out: dict[str, bytes] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                 args=["--no-sandbox", "--disable-gpu"])
            try:
                page = browser.new_page()
                for rel, (document_html, company, document, date_text, landscape) in jobs.items():
                    page.set_content(document_html, wait_until="load")
                    header, footer = _margins(company, document, date_text)
                    out[rel] = page.pdf(format="A4", landscape=landscape, print_background=False,
                                        display_header_footer=True, header_template=header,
                                        footer_template=footer,
                                        margin={"top": "18mm", "bottom": "16mm", "left": "12mm", "right": "12mm"})
            finally:
                browser.close()
    except Error as err:
        raise PdfError(f"Chromium could not print the PDFs: {str(err).splitlines()[0]}") from None
    return out


def revision_pdfs(root: Path, date, policies: dict[str, model.Policy],
                  previous: dict[str, model.Policy] | None, titles: dict[str, str]) -> dict[str, bytes]:
    """The PDFs of a revision, keyed by their path in the revision (``ja/pdf/policy.pdf``);
    ``titles``: the document's name in each language, printed in every page's header."""
    jobs = {}
    for lang, policy in policies.items():
        w = words(lang)
        company = company_name(root, lang)
        date_text = w["revision_title"].format(date=format_date(date, lang))
        document = titles[lang]
        jobs[f"{lang}/{FOLDER}/{FULL_TEXT}"] = (full_text_html(policy, lang, f"{document} {date_text}"),
                                                company, document, date_text, False)
        if previous is not None and lang in previous:
            title = w["table_page_title"].format(date=format_date(date, lang))
            jobs[f"{lang}/{FOLDER}/{TABLE}"] = (table_html(previous[lang], policy, lang, title),
                                                company, f"{document} {w['table_title']}", date_text, True)
    return print_pdfs(jobs)
