"""Recording that an English file is an up-to-date translation of its Japanese twin.

(Any translation of the original: the site's languages are mkdocs.yml's, the original first; a
path in the original's folder names its twin in every translation.)

    python -m scripts.translation mark docs/en/articles/06.md   # after updating the English
    python -m scripts.translation mark --all                     # every English file
    python -m scripts.translation status                         # which translations are stale

``mark`` writes one key into the English file's YAML front matter:

    translation_of: <sha256 of the Japanese twin's fingerprint>

and changes nothing else in the file. ``python -m scripts.verify`` warns (TRN001)
when the Japanese file no longer has that fingerprint, i.e. the Japanese changed
after the English was last brought up to date.

The fingerprint is the Japanese file's text without its front matter, in Unicode
NFC, with every whitespace character removed (spaces, ideographic spaces,
non-breaking spaces, line breaks). Japanese has no spaces between words, so
whitespace carries no meaning there: swapping an ideographic space for a normal
one or re-wrapping a line does not make the translation stale, while any change
of a character does. Front matter is left out because it holds page settings,
not policy text.

Files the build generates (their front matter opens with a ``# Generated …``
comment, such as the history pages) are not translations: they are skipped.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

from scripts.policy import settings
from scripts.policy.locale import english_name
from scripts.policy.reader import FRONT_MATTER, PolicyError, read_text, split_front_matter

KEY = "translation_of"
GENERATED = re.compile(r"\A---[ \t]*\r?\n#[ \t]*Generated\b")
EXIT_OK, EXIT_STALE, EXIT_ERROR = 0, 1, 2


def is_generated(path: Path) -> bool:
    """Whether the build writes this file (so it is no one's translation)."""
    try:
        with path.open(encoding="utf-8") as handle:
            return bool(GENERATED.match(handle.read(200)))
    except (OSError, UnicodeError):
        return False


def fingerprint(japanese: str) -> str:
    """sha256 (hex) of the Japanese text as the translation record compares it."""
    _, _, body = split_front_matter(japanese.replace("\r\n", "\n"), "<japanese>")
    text = re.sub(r"\s+", "", unicodedata.normalize("NFC", body))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read(path: Path) -> str:
    return read_text(path, str(path))


def japanese_fingerprint(path: Path) -> str:
    text = _read(path)
    try:
        return fingerprint(text)
    except PolicyError as err:
        raise PolicyError(str(path), err.line, err.message) from None


def with_record(english: str, digest: str, path: str) -> str:
    """``english`` with ``translation_of: digest`` in its front matter, nothing else changed
    (a byte-order mark before it is dropped: it would hide the front matter)."""
    english = english[1:] if english.startswith("\ufeff") else english
    split_front_matter(english, path)   # refuse to edit front matter that is not valid YAML
    line = f"{KEY}: {digest}"
    match = FRONT_MATTER.match(english)
    if not match:
        return f"---\n{line}\n---\n{english}"
    block = match[1] or ""
    key_line = re.compile(rf"^{KEY}[ \t]*:.*$", re.M)
    block = key_line.sub(line, block, count=1) if key_line.search(block) else block + line + "\n"
    closing = match.group(0)[len("---\n") + len(match[1] or ""):]
    return "---\n" + block + closing + english[match.end():]


def recorded(english: str, path: str) -> str | None:
    front_matter, _, _ = split_front_matter(english.replace("\r\n", "\n"), path)
    value = front_matter.get(KEY)
    return None if value is None else str(value)


def _write(path: Path, text: str) -> None:
    """Replace the file in one step, so an interrupted run never leaves half a file."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temp, path.stat().st_mode & 0o777)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def translation_files(paths: list[Path], docs: Path, every: bool, langs: tuple[str, ...]) -> list[Path]:
    """Translated files named by PATH (a translation's or the original's, files or folders), or all of them.

    ``langs``: the site's languages, the original first. A path in the original names its twin in
    every translation.
    """
    original, translations = docs / langs[0], [docs / lang for lang in langs[1:]]
    if every:
        paths = translations
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise PolicyError(str(path), 0, "no such file or folder")
        resolved = path.resolve()
        for lang_dir in (*translations, original):
            try:
                rel = resolved.relative_to(lang_dir.resolve())
                break
            except ValueError:
                continue
        else:
            raise PolicyError(str(path), 0, f"not under {' or '.join(str(d) for d in (*translations, original))}")
        targets = [lang_dir / rel] if lang_dir != original else [folder / rel for folder in translations]
        for target in targets:
            if path.is_dir():
                files += sorted(p for p in target.rglob("*.md") if p.is_file() and not is_generated(p)) \
                    if target.is_dir() else []
            elif path.suffix != ".md":
                raise PolicyError(str(path), 0, "not a Markdown (.md) file")
            else:
                files.append(target)
    return list(dict.fromkeys(files))


def _site_languages(docs: Path) -> tuple[str, ...]:
    """The languages of the site whose docs folder this is (its mkdocs.yml beside it; else ja, en)."""
    try:
        langs = settings.languages(docs.resolve().parent)
    except settings.SettingsError as err:
        raise PolicyError(err.path, err.line, err.message) from None
    if len(langs) < 2:
        raise PolicyError(str(docs), 0, f"the site has one language ({langs[0]}): there is no translation to mark")
    return langs


def _pairs(args: argparse.Namespace) -> list[tuple[Path, Path]]:
    if not args.docs.is_dir():
        raise PolicyError(str(args.docs), 0, "no such folder")
    langs = _site_languages(args.docs)
    if args.command == "mark" and not args.paths and not args.all:
        raise PolicyError("mark", 0, f"name the {english_name(langs[1]) if len(langs) == 2 else 'translated'} files to mark, or --all")
    original = english_name(langs[0])
    files = translation_files(args.paths, args.docs, args.all or not args.paths, langs)
    pairs = []
    for translated in files:
        lang = translated.relative_to(args.docs).parts[0]
        source = args.docs / langs[0] / translated.relative_to(args.docs / lang)
        if not translated.is_file():
            raise PolicyError(str(translated), 0, f"no {english_name(lang)} file for {source}")
        if not source.is_file():
            raise PolicyError(str(translated), 0, f"no {original} twin {source} to record")
        pairs.append((translated, source))
    return pairs


def mark(pairs: list[tuple[Path, Path]]) -> None:
    # Everything is read and checked before the first file is written.
    updates = []
    for english, japanese in pairs:
        text = _read(english)
        updated = with_record(text, japanese_fingerprint(japanese), str(english))
        updates.append((english, japanese, text, updated))
    for english, japanese, text, updated in updates:
        if updated == text:
            print(f"{english}: already marked as the translation of {japanese}")
        else:
            _write(english, updated)
            print(f"{english}: marked as the translation of {japanese}")


def status(pairs: list[tuple[Path, Path]], what: str = "English") -> int:
    stale = 0
    for english, japanese in pairs:
        value = recorded(_read(english), str(english))
        if value is None:
            print(f"{english}: not marked (run: python -m scripts.translation mark {english})")
        elif value != japanese_fingerprint(japanese):
            print(f"{english}: stale, {japanese} changed since it was marked")
        else:
            continue
        stale += 1
    print(f"{len(pairs) - stale} of {len(pairs)} {what} files up to date", file=sys.stderr)
    return EXIT_STALE if stale else EXIT_OK


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n(see --help for the options)\n")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = _Parser(prog="python -m scripts.translation", description=__doc__.split("\n\n")[0],
                     epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("mark", "status"),
                        help="mark: record that the English is up to date; status: list stale translations")
    parser.add_argument("paths", nargs="*", metavar="PATH", type=Path,
                        help="English (or Japanese) files or folders under docs/ (status: default all)")
    parser.add_argument("--all", action="store_true", help="every English file")
    parser.add_argument("--docs", type=Path, default=Path("docs"), metavar="DIR",
                        help="the policy's docs folder (default: docs)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        pairs = _pairs(args)
        if args.command == "status":
            langs = _site_languages(args.docs)
            return status(pairs, english_name(langs[1]) if len(langs) == 2 else "translated")
        mark(pairs)
    except PolicyError as err:
        where = f"{err.path}:{err.line}" if err.line else err.path
        print(f"{where}: {err.message}\nnothing was written", file=sys.stderr)
        return EXIT_ERROR
    except OSError as err:
        print(f"{err.filename}: cannot write: {err.strerror}\nnothing more was written", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


if __name__ == "__main__":
    from scripts.cli import run_command
    run_command(main, "scripts.translation")
