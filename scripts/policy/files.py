"""Only the repository's own files: no symbolic link, nothing that resolves outside its folder.

A pull request can add a symlink as easily as a file, and ``docs/ja/history/leak.md ->
/proc/self/environ`` would otherwise be read, quoted in findings and published. The reader, the
build, the archive and the importer's output ask these two questions before they read or write.
"""
from __future__ import annotations

import os
from pathlib import Path

WHY = "the site publishes only the repository's own files"


def links_under(folder: Path) -> list[Path]:
    """Every symbolic link inside ``folder`` (files and folders; a linked folder is not entered)."""
    found = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(current) / name
            if path.is_symlink():
                found.append(path)
    return sorted(found)


def outside(path: Path, folder: Path) -> bool:
    """True when ``path`` is, or resolves to, something outside ``folder`` (or a link on the way)."""
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
    except ValueError:
        return True
    # A link inside the folder that points back inside is still a link: refuse it too.
    try:
        rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(folder))
    except ValueError:
        return True
    current = Path(os.path.abspath(folder))
    for part in rel.parts:
        current = current / part
        if current.is_symlink():
            return True
    return False


LINK = ("a symbolic link, or a path that resolves outside its folder: replace it with the file itself "
        f"({WHY})")
