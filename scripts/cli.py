"""How every command of the project ends: with its exit status, never with a traceback.

A legal editor running a command must get a one-line message and a non-zero status for
anything unexpected, not a Python traceback. Each command's own errors (a bad date, an
unreadable file) are reported by the command itself; this is the last resort.
"""
from __future__ import annotations

import os
import sys
from typing import Callable, NoReturn

UNEXPECTED = 2
INTERRUPTED = 130


def run_command(main: Callable[[], int], prog: str) -> NoReturn:
    try:
        status = main()
    except KeyboardInterrupt:
        status = INTERRUPTED
    except BrokenPipeError:
        # The reader of the output went away (`… | head`): what was asked for was printed.
        # Point stdout at devnull so the interpreter's final flush does not fail again.
        sys.stdout = open(os.devnull, "w")
        status = 0
    except Exception as err:  # noqa: BLE001 - the last resort described above
        print(f"{prog}: unexpected problem, nothing was changed: {type(err).__name__}: {err}", file=sys.stderr)
        status = UNEXPECTED
    sys.exit(status)
