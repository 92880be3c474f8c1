"""Synthetic version history for benchmarks: N revisions generated from the real policy.

    python -m bench.history_revisions OUT --count 50

Writes a project to OUT (the build's files, the real policy as the first revision) and
N-1 further revisions, each editing the previous one in both languages: a phrase
changed, an item added at the end of a list, or an item removed, plus its line in
the 附則 / Supplementary Provisions. The archive is written directly (files and
SHA256SUMS, as ``scripts.release`` writes it); ``docs/`` holds the newest revision.
Revisions are 60 days apart from 2022-04-01, so with 50 some lie after the build day.
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
from pathlib import Path

from scripts.policy.dates import format_date

ROOT = Path(__file__).resolve().parent.parent
FIRST = dt.date(2022, 4, 1)
STEP = dt.timedelta(days=60)
LANGS = ("ja", "en")
ITEM = {"ja": re.compile(r"^（([０-９]+)）"), "en": re.compile(r"^\(([0-9]+)\)")}
FULL = str.maketrans("0123456789", "０１２３４５６７８９")
HALF = str.maketrans("０１２３４５６７８９", "0123456789")


def _item_runs(blocks: list[str], lang: str) -> list[list[int]]:
    """Indexes of consecutive item blocks (one list of items)."""
    runs, current = [], []
    for index, block in enumerate(blocks):
        if ITEM[lang].match(block):
            current.append(index)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _item_marker(number: int, lang: str) -> str:
    return f"（{str(number).translate(FULL)}）" if lang == "ja" else f"({number})"


def _edit(texts: dict[str, str], rng: random.Random, number: int) -> dict[str, str]:
    """One revision's edit of an article, the same in both languages."""
    blocks = {lang: texts[lang].rstrip("\n").split("\n\n") for lang in LANGS}
    runs = {lang: _item_runs(blocks[lang], lang) for lang in LANGS}
    choice = rng.choice(["change", "change", "add", "remove"])
    if choice != "change" and runs["ja"] and len(runs["ja"]) == len(runs["en"]):
        which = rng.randrange(len(runs["ja"]))
        if choice == "remove" and len(runs["ja"][which]) > 1:
            for lang in LANGS:
                del blocks[lang][runs[lang][which][-1]]
            return {lang: "\n\n".join(blocks[lang]) + "\n" for lang in LANGS}
        for lang in LANGS:
            last = runs[lang][which][-1]
            count = int(ITEM[lang].match(blocks[lang][last])[1].translate(HALF))
            text = (f"改定第{number}号により追加された事項" if lang == "ja"
                    else f"Matters added by revision No. {number}")
            blocks[lang].insert(last + 1, _item_marker(count + 1, lang) + text)
        return {lang: "\n\n".join(blocks[lang]) + "\n" for lang in LANGS}
    body = [i for i, b in enumerate(blocks["ja"]) if i > 0 and not b.startswith("#")]
    index = rng.choice(body)
    suffix = {"ja": f"（改定第{number}号）", "en": f" (as amended by revision No. {number})"}
    for lang in LANGS:
        if index < len(blocks[lang]):
            blocks[lang][index] = blocks[lang][index] + suffix[lang]
    return {lang: "\n\n".join(blocks[lang]) + "\n" for lang in LANGS}


def _appendix_line(date: dt.date, lang: str) -> str:
    return f"{format_date(date, 'ja')}　改定・施行" if lang == "ja" else f"{format_date(date, 'en')}: Revised and effective"


def generate(out: Path, count: int, seed: int = 4) -> list[dt.date]:
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
    docs = out / "docs"
    archive = out / "revisions"
    rng = random.Random(seed)
    manifest: list[str] = []
    dates = []
    for number in range(count):
        date = FIRST + STEP * number
        if number:
            article = f"articles/{rng.randint(1, 12):02d}.md"
            texts = {lang: (docs / lang / article).read_text(encoding="utf-8") for lang in LANGS}
            for lang, text in _edit(texts, rng, number).items():
                (docs / lang / article).write_text(text, encoding="utf-8")
            for lang in LANGS:
                appendix = docs / lang / "appendix.md"
                appendix.write_text(appendix.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
                                    + _appendix_line(date, lang) + "\n", encoding="utf-8")
        dates.append(date)
        for lang in LANGS:
            for path in sorted((docs / lang).rglob("*.md")):
                rel = path.relative_to(docs / lang).as_posix()
                if rel in ("full-text.md",) or rel.startswith("history/"):
                    continue
                target = archive / date.isoformat() / lang / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
                digest = hashlib.sha256(target.read_bytes()).hexdigest()
                manifest.append(f"{digest}  {date.isoformat()}/{lang}/{rel}")
    (archive / "SHA256SUMS").write_text("".join(line + "\n" for line in sorted(
        manifest, key=lambda line: line.split("  ", 1)[1])), encoding="utf-8")
    return dates


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
