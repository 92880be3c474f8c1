"""One measured figure against its target, and the table that prints them."""
from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str
    measured: str
    target: str
    ok: bool


def table(results: list[Result]) -> str:
    rows = [("benchmark", "measured", "target", "ok")] + [
        (r.name, r.measured, r.target, "yes" if r.ok else "NO") for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def timed(command: list[str], repeat: int = 3, **kwargs) -> float:
    """Best wall-clock seconds of a whole process over ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best
