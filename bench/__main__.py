"""Run every benchmark module in this folder (bench_*.py) and print one table.

Each module has ``run() -> list[Result]``. A target that is missed is marked,
and the exit status is 1 when any is missed, so the run can gate a release.

    python -m bench [NAME ...]    # e.g. python -m bench verify
"""
from __future__ import annotations

import importlib
import pkgutil
import sys
import traceback
from pathlib import Path

from bench.result import Result, table


def main(argv: list[str]) -> int:
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])
                   if m.name.startswith("bench_"))
    wanted = [f"bench_{n}" if not n.startswith("bench_") else n for n in argv]
    results: list[Result] = []
    for name in names:
        if wanted and name not in wanted:
            continue
        print(f"running {name} …", file=sys.stderr, flush=True)
        try:
            results += importlib.import_module(f"bench.{name}").run()
        except Exception:  # a broken benchmark is reported as a failed row, the others still run
            traceback.print_exc()
            results.append(Result(name, "failed to run", "", False))
    print(table(results))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
