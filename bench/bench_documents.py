"""A site of several documents at scale: the test site (two documents × three languages) with 20
and with 40 revisions per document.

Target (issue: version history): doubling the revisions takes at most 2.2 times the build
(nothing grows with the square of the revisions, the documents or the languages). The site
is ``three_language_project`` of tests/conftest.py; each document's revisions are generated
by bench/history_revisions.py, a month apart from its first, so some of the 40 lie after
the build day.
"""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from bench.bench_history import strict_build
from bench.history_revisions import revise
from bench.result import Result
from scripts.policy import settings
from tests.conftest import three_language_project

COUNTS = (20, 40)
STEP = dt.timedelta(days=30)


def project(target: Path, count: int) -> Path:
    """The test site with ``count`` revisions of each of its documents."""
    three_language_project(target)
    for document in settings.load(target).documents:
        revise(target, count, document.id, step=STEP)
    return target


def run() -> list[Result]:
    times, pages = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in COUNTS:
            built = project(Path(tmp) / f"revisions-{count}", count)
            times[count] = strict_build(built)
            pages[count] = len(list((built / "site-0").rglob("index.html")))
    small, large = COUNTS
    ratio = times[large] / times[small]
    return [
        Result(f"documents: 2 documents × 3 languages, {small} revisions each", f"{times[small]:.1f} s ({pages[small]} pages)",
               "(reference)", True),
        Result(f"documents: 2 documents × 3 languages, {large} revisions each", f"{times[large]:.1f} s ({pages[large]} pages)",
               "(measured)", True),
        Result(f"documents: build time {large} / {small} revisions", f"{ratio:.2f}×", "≤ 2.2×", ratio <= 2.2),
    ]
