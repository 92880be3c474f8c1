"""Whole-process time of `python -m scripts.verify` on the real policy (target: under 1 s), and on
the fixture organisation with a 2 MB article (verify's time is linear in the size of the policy)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.result import Result, timed

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.0
# A quadratic step takes minutes here; linear, a few seconds.
LARGE_TARGET = 15.0


def _large_policy(target: Path) -> Path:
    """The fixture organisation with about 2 MB of ordinary items in article 3 of each language."""
    sys.path.insert(0, str(ROOT))
    from tests.conftest import org_project
    from tests.hostile.test_slow_input import _a_long_article

    project = org_project(target)
    _a_long_article(project)
    return project


def _best(command: list[str], cwd: Path, repeat: int = 3) -> float:
    """Best wall-clock seconds; the large policy has findings (its text is not released), so any exit."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, env={**os.environ, "POLICY_TODAY": "2026-11-25"})
        best = min(best, time.perf_counter() - start)
    return best


def run() -> list[Result]:
    seconds = timed([sys.executable, "-m", "scripts.verify"], repeat=5, cwd=ROOT)
    results = [Result("scripts.verify, whole process, real policy", f"{seconds:.2f} s", f"< {TARGET:.0f} s",
                      seconds < TARGET)]
    with tempfile.TemporaryDirectory() as folder:
        project = _large_policy(Path(folder) / "p")
        large = _best([sys.executable, "-m", "scripts.verify"], project)
    results.append(Result("scripts.verify, a 2 MB article", f"{large:.2f} s", f"< {LARGE_TARGET:.0f} s",
                          large < LARGE_TARGET))
    return results
