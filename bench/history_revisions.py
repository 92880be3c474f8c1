"""Synthetic version history for benchmarks: N revisions of a document, generated from its text.

    python -m bench.history_revisions OUT --count 50

Writes a project to OUT (the build's files, the real policy as the first revision) and
N-1 further revisions. ``revise(project, count, document)`` does the same for any
project, document and languages (mkdocs.yml's): each revision edits the previous one
in every language alike (a phrase appended to a paragraph, an item added at the end
of a list, or an item removed), adds its line to the 附則 / Supplementary Provisions of
each language, written as that language's newest line is, and marks the translations.
The archive is written directly (files and SHA256SUMS, as ``scripts.release`` writes
it); ``docs/`` holds the newest revision. Revisions are 60 days apart (from 2022-04-01
for the real policy), so with 50 some lie after the build day.
Deterministic: the same N gives the same files.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from scripts.history import archive
from scripts.policy import model, settings
from scripts.policy.dates import format_date, read_date
from scripts.policy.reader import load_policy
from scripts.translation import fingerprint, with_record

ROOT = Path(__file__).resolve().parent.parent
STEP = dt.timedelta(days=60)
FULL = str.maketrans("0123456789", "０１２３４５６７８９")
HALF = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True)
class Writing:
    """How a language writes what a synthetic revision adds."""

    item: re.Pattern                 # an item of a list, its number in group 1
    marker: Callable[[int], str]     # an item's marker, with what follows it before the text
    added: str                       # an added item's text ({number}: the revision's)
    amended: str                     # appended to a changed paragraph
    enacted: tuple[str, str]         # an enacting line's word → a revising line's


WRITING = {
    "ja": Writing(re.compile(r"^（([０-９]+)）"), lambda n: f"（{str(n).translate(FULL)}）",
                  "改定第{number}号により追加された事項", "（改定第{number}号）", ("制定", "改定")),
    "en": Writing(re.compile(r"^\(([0-9]+)\) "), lambda n: f"({n}) ",
                  "Matters added by revision No. {number}", " (as amended by revision No. {number})",
                  ("Enacted", "Revised")),
    "ko": Writing(re.compile(r"^([0-9]+)\. "), lambda n: f"{n}. ",
                  "{number}차 개정으로 추가된 사항", " ({number}차 개정)", ("제정", "개정")),
}


def _writing(lang: str) -> Writing:
    if lang not in WRITING:
        raise ValueError(f"bench/history_revisions.py does not know how {lang} writes a list's items: "
                         f"add it to WRITING (known: {', '.join(WRITING)})")
    return WRITING[lang]


def _item_runs(blocks: list[str], lang: str) -> list[list[int]]:
    """Indexes of consecutive item blocks (one list of items)."""
    runs, current = [], []
    for index, block in enumerate(blocks):
        if _writing(lang).item.match(block):
            current.append(index)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _edit(texts: dict[str, str], rng: random.Random, number: int) -> dict[str, str]:
    """One revision's edit of an article, the same in every language (the original first)."""
    langs = list(texts)
    original = langs[0]
    blocks = {lang: texts[lang].rstrip("\n").split("\n\n") for lang in langs}
    runs = {lang: _item_runs(blocks[lang], lang) for lang in langs}
    choice = rng.choice(["change", "change", "add", "remove"])
    if choice != "change" and runs[original] and all(len(runs[lang]) == len(runs[original]) for lang in langs):
        which = rng.randrange(len(runs[original]))
        if choice == "remove" and len(runs[original][which]) > 1:
            for lang in langs:
                del blocks[lang][runs[lang][which][-1]]
            return {lang: "\n\n".join(blocks[lang]) + "\n" for lang in langs}
        for lang in langs:
            writing = _writing(lang)
            last = runs[lang][which][-1]
            count = int(writing.item.match(blocks[lang][last])[1].translate(HALF))
            blocks[lang].insert(last + 1, writing.marker(count + 1) + writing.added.format(number=number))
        return {lang: "\n\n".join(blocks[lang]) + "\n" for lang in langs}
    body = [i for i, b in enumerate(blocks[original]) if i > 0 and not b.startswith("#")]
    index = rng.choice(body)
    for lang in langs:
        if index < len(blocks[lang]):
            blocks[lang][index] = blocks[lang][index] + _writing(lang).amended.format(number=number)
    return {lang: "\n\n".join(blocks[lang]) + "\n" for lang in langs}


def _appendix_form(text: str, lang: str) -> str:
    """The form of a revision line in ``lang``: its appendix's newest line, the date as '{date}',
    an enactment written as a revision ('2024年4月1日　制定・施行' → '{date}　改定・施行')."""
    for line in reversed(text.splitlines()):
        reading = read_date(line)
        if reading.date is not None and format_date(reading.date, lang) in line:
            enacted, revised = _writing(lang).enacted
            return line.replace(format_date(reading.date, lang), "{date}").replace(enacted, revised)
    raise ValueError(f"no revision line dated as the site writes {lang} dates ({format_date(dt.date(2024, 4, 1), lang)})")


def _policy_files(project: Path, lang: str, folder: str) -> list[str]:
    """The files a release archives: the policy's own documents, not the pages the build generates."""
    return sorted(doc.rel for doc in load_policy(project / "docs", lang, folder=folder).documents
                  if doc.kind != model.PAGE)


def revise(project: Path, count: int, document: str | None = None, first: dt.date | None = None,
           step: dt.timedelta = STEP, seed: int = 4) -> list[dt.date]:
    """Revisions of ``document`` (its id; None on a site of one) up to ``count`` in all, the archived
    ones included: its newest archived revision (else ``docs/`` as it is, archived dated ``first`` or its
    appendix's newest line) is the first, the others ``step`` apart. Returns every revision's date."""
    site = settings.load(project)
    doc = site.document(document)
    langs = site.languages
    dirs = {lang: doc.lang_dir(project / "docs", lang) for lang in langs}
    folder = archive.archive_dir(project, doc.archive(site.archive))
    manifest_path = folder / archive.MANIFEST
    manifest = manifest_path.read_text(encoding="utf-8").splitlines() if manifest_path.is_file() else []
    archived = sorted({dt.date.fromisoformat(line.split("  ", 1)[1].split("/", 1)[0]) for line in manifest})
    forms = {lang: _appendix_form((dirs[lang] / "appendix.md").read_text(encoding="utf-8"), lang) for lang in langs}
    files = {lang: _policy_files(project, lang, doc.folder) for lang in langs}
    original = dirs[langs[0]]
    articles = sorted(p.relative_to(original).as_posix() for p in (original / "articles").glob("*.md"))
    rng = random.Random(seed)
    start = archived[-1] if archived else first or max(
        r.date for r in load_policy(project / "docs", langs[0], folder=doc.folder).revisions)
    dates = archived[:-1]
    for number in range(count - len(dates)):
        date = start + step * number
        dates.append(date)
        if archived and number == 0:
            continue   # released already
        if number:
            article = articles[rng.randint(1, len(articles)) - 1]
            texts = {lang: (dirs[lang] / article).read_text(encoding="utf-8") for lang in langs}
            for lang, text in _edit(texts, rng, number).items():
                (dirs[lang] / article).write_text(text, encoding="utf-8")
            for lang in langs:
                appendix = dirs[lang] / "appendix.md"
                appendix.write_text(appendix.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
                                    + forms[lang].format(date=format_date(date, lang)) + "\n", encoding="utf-8")
            for lang in langs[1:]:
                for rel in (article, "appendix.md"):
                    path = dirs[lang] / rel
                    digest = fingerprint((original / rel).read_text(encoding="utf-8"))
                    path.write_text(with_record(path.read_text(encoding="utf-8"), digest, str(path)), encoding="utf-8")
        for lang in langs:
            for rel in files[lang]:
                target = folder / date.isoformat() / lang / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(dirs[lang] / rel, target)
                digest = hashlib.sha256(target.read_bytes()).hexdigest()
                manifest.append(f"{digest}  {date.isoformat()}/{lang}/{rel}")
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text("".join(line + "\n" for line in sorted(
        manifest, key=lambda line: line.split("  ", 1)[1])), encoding="utf-8")
    return dates


def generate(out: Path, count: int, seed: int = 4) -> list[dt.date]:
    """The real site with ``count`` revisions (its policy in docs/ the first) in ``out``."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "overrides", "scripts", "data"):
        source = ROOT / name
        if source.is_dir():
            ignored = ("__pycache__", "history") if name == "docs" else ("__pycache__",)
            shutil.copytree(source, out / name, ignore=shutil.ignore_patterns(*ignored))
        else:
            shutil.copy2(source, out / name)
    return revise(out, count, seed=seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.history_revisions", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the project to (replaced if it exists)")
    parser.add_argument("--count", type=int, default=50, help="number of revisions, the real policy included")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    dates = generate(args.out, args.count)
    print(f"{len(dates)} revisions, {dates[0]} … {dates[-1]}, in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
