"""PDFs printed on release: fonts embedded, text extractable, company/document/date/page on every page; on the site."""
import json
import re
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from tests.conftest import build_site, org_project, run_module
from tests.history.conftest import HISTORY

PDFTOTEXT = shutil.which("pdftotext")


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """The fixture's first revision archived, docs/ at its second (the fee 1,100円 → 1,000円), released with PDFs."""
    root = org_project(tmp_path_factory.mktemp("pdf") / "project")
    shutil.rmtree(root / "revisions")
    (root / "revisions").mkdir()
    shutil.copytree(HISTORY / "2024-04-01", root / "revisions" / "2024-04-01")
    lines = [line for line in (HISTORY / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
             if line.split("  ", 1)[1].startswith("2024-04-01/")]
    (root / "revisions" / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for lang in ("ja", "en"):
        for path in (HISTORY / "2025-07-01" / lang).rglob("*.md"):
            shutil.copy2(path, root / "docs" / lang / path.relative_to(HISTORY / "2025-07-01" / lang))
    result = run_module("scripts.release", "2025-07-01", cwd=root)
    assert result.returncode == 0, result.stderr
    return root


def text_of(path, *args):
    assert PDFTOTEXT, "pdftotext is needed (apt-get install poppler-utils)"
    return subprocess.run([PDFTOTEXT, *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_table_pdf_holds_both_fees_and_every_page_its_header_and_number(released):
    folder = released / "revisions/2025-07-01"
    pages = text_of(folder / "ja/pdf/table.pdf", "-layout").split("\f")
    pages = [p for p in pages if p.strip()]
    text = "".join(pages)
    assert "1,100円" in text and "1,000円" in text and "改正後" in text and "（新設）" in text
    # Each page: the organisation, the document (its site name) and the revision.
    for number, page in enumerate(pages, start=1):
        assert "株式会社こもれび工房" in page and "個人情報の取扱方針" in page and "2025年7月1日版" in page
        assert f"{number}/{len(pages)}" in page.replace(" ", "")
    english = text_of(folder / "en/pdf/table.pdf")
    assert "1,100" in english and "1,000" in english and "Revised" in english and "Komorebi Kobo, Inc." in english
    full = text_of(folder / "ja/pdf/policy.pdf")
    assert "1,000円" in full and "1,100円" not in full and "第５条（開示等の請求）" in full


def test_the_fonts_are_embedded(released):
    fonts = subprocess.run(["pdffonts", str(released / "revisions/2025-07-01/ja/pdf/policy.pdf")],
                           capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the 'emb' column


def test_pdfs_are_hash_locked_and_published_with_links(released, tmp_path):
    manifest = (released / "revisions/SHA256SUMS").read_text(encoding="utf-8")
    assert "2025-07-01/ja/pdf/table.pdf" in manifest and "2025-07-01/en/pdf/policy.pdf" in manifest
    assert "2024-04-01/ja/pdf" not in manifest  # released before PDFs: nothing is added to it
    result = build_site(released, tmp_path / "site", "2026-11-25")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert (site / "history/2025-07-01/pdf/table.pdf").read_bytes() == (
        released / "revisions/2025-07-01/ja/pdf/table.pdf").read_bytes()
    assert (site / "en/history/2025-07-01/pdf/policy.pdf").is_file()
    for page, href in (("history/index.html", "2025-07-01/pdf/table.pdf"),
                       ("history/2025-07-01/index.html", "pdf/policy.pdf"),
                       ("history/2025-07-01/diff/index.html", "../pdf/table.pdf"),
                       ("history/2025-07-01/table/index.html", "../pdf/table.pdf")):
        links = [a["href"] for a in BeautifulSoup((site / page).read_text(encoding="utf-8"),
                                                  "html.parser").select(".history-pdf a")]
        assert href in links, (page, links)
    index = json.loads((site / "en/history/index.json").read_text(encoding="utf-8"))
    revision = next(r for r in index["revisions"] if r["date"] == "2025-07-01")
    assert revision["pdf"]["table"].endswith("/en/history/2025-07-01/pdf/table.pdf")
    assert revision["pdf"]["full_text"].endswith("/en/history/2025-07-01/pdf/policy.pdf")


def test_the_margins_are_legible_and_laid_out(released):
    """The header and the page number in print size, across the page (not Chromium's 2pt default in a corner)."""
    boxes = text_of(released / "revisions/2025-07-01/ja/pdf/table.pdf", "-bbox", "-f", "1", "-l", "1")
    words = [(float(x0), float(y0), float(x1), float(y1), w) for x0, y0, x1, y1, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', boxes)]
    width = float(re.search(r'<page width="([\d.]+)"', boxes)[1])
    company = next(w for w in words if "株式会社こもれび工房" in w[4])
    assert company[3] - company[1] >= 6 and company[0] >= 20, company     # 7.5pt, inside the 12mm margin
    date = next(w for w in words if w[1] < 60 and "2025" in w[4])
    assert date[2] > width * 0.7, date                                    # the date at the right
    bottom = max(w[3] for w in words)
    footer = [w for w in words if abs(w[3] - bottom) < 1]   # the last line of the page
    assert footer and all(width * 0.3 < w[0] < width * 0.7 for w in footer), footer   # the page number centred
