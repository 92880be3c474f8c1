"""Version history at scale: the site with 25 and 50 synthetic revisions, and scripts.diff.

Targets (issue: version history): the 50-revision site builds in under 20 s; it takes at
most 2.2 times the 25-revision build (nothing grows with the square of the revisions);
``python -m scripts.diff`` between two revisions, as a whole process, under 0.5 s.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.history_revisions import generate
from bench.result import Result

BUILD_DAY = "2026-11-25"


def strict_build(project: Path, repeat: int = 2) -> float:
    """Best of ``repeat`` strict builds, in seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICY_TODAY": BUILD_DAY}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    best = float("inf")
    for attempt in range(repeat):
        site = project / f"site-{attempt}"
        start = time.perf_counter()
        subprocess.run([str(mkdocs), "build", "--strict", "-q", "--site-dir", str(site)], cwd=project, env=env,
                       check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def run() -> list[Result]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        times = {}
        for count in (25, 50):
            project = Path(tmp) / f"revisions-{count}"
            dates = generate(project, count)
            times[count] = strict_build(project)
            if count == 50:
                pages = len(list((project / "site-0" / "history").rglob("index.html")))
                results.append(Result("history: site build, 50 revisions", f"{times[50]:.1f} s ({pages} ja history pages)",
                                      "< 20 s", times[50] < 20))
                env = {**os.environ, "PYTHONPATH": str(project)}
                diff = _diff_time(project, dates[10].isoformat(), dates[40].isoformat(), env)
                results.append(Result("history: scripts.diff between two revisions", f"{diff:.2f} s (whole process)",
                                      "< 0.5 s", diff < 0.5))
        ratio = times[50] / times[25]
        results.insert(0, Result("history: site build, 25 revisions", f"{times[25]:.1f} s", "(reference)", True))
        results.append(Result("history: build time 50 / 25 revisions", f"{ratio:.2f}×", "≤ 2.2×", ratio <= 2.2))
    return results


def _diff_time(project: Path, old: str, new: str, env: dict) -> float:
    """Best wall-clock time of the diff command (exit 1 = differences, as expected here)."""
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "scripts.diff", old, new, "--lang", "both"], cwd=project,
                                env=env, capture_output=True)
        elapsed = time.perf_counter() - start
        if result.returncode != 1:
            raise RuntimeError(f"scripts.diff {old} {new} exited {result.returncode}: {result.stderr.decode()}")
        best = min(best, elapsed)
    return best
