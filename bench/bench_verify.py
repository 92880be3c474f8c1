"""Whole-process time of `python -m scripts.verify` on the real policy (target: under 1 s)."""
from __future__ import annotations

import sys
from pathlib import Path

from bench.result import Result, timed

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.0


def run() -> list[Result]:
    seconds = timed([sys.executable, "-m", "scripts.verify"], repeat=5, cwd=ROOT)
    return [Result("scripts.verify, whole process, real policy", f"{seconds:.2f} s", f"< {TARGET:.0f} s",
                   seconds < TARGET)]
