"""Check 5: each English file is an up-to-date translation of its Japanese twin.

Its finding codes are declared in ``RULES`` below.

Both are warnings (errors with ``--strict``). After updating the English, record it with
``python -m scripts.translation mark docs/en/…``; see scripts/translation.py for the fingerprint.
Pages the build generates (front matter opening with ``# Generated …``) are skipped.
"""
from __future__ import annotations

import re

from scripts.policy import model
from scripts.policy.locale import english_name
from scripts.policy.finding import WARNING, Finding
from scripts.translation import KEY, is_generated, japanese_fingerprint
from scripts.policy.rules import TRANSLATIONS, rule

from .source import PolicyInput, finding

RULES = [
    rule('TRN001', WARNING, TRANSLATIONS, 'the Japanese text changed after its English translation was last marked up to date'),
    rule('TRN002', WARNING, TRANSLATIONS, 'an English file does not record which Japanese text it translates (run scripts.translation mark)'),
]

SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _key_line(src: PolicyInput, doc: model.Document) -> int:
    """The front-matter line holding the record, for the finding."""
    try:
        text = (src.root / doc.path).read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return 1
    for number, line in enumerate(text.splitlines()[:doc.front_matter_lines], start=1):
        if line.startswith(f"{KEY}:"):
            return number
    return 1


def check(src: PolicyInput) -> list[Finding]:
    out: list[Finding] = []
    for original, translation in src.translations():
        out += _translation(src, original, translation)
    return out


def _translation(src: PolicyInput, ja: model.Policy, en: model.Policy) -> list[Finding]:
    """Each file of the translation ``en`` against its twin in the original ``ja``."""
    out: list[Finding] = []
    original, translated = english_name(ja.lang), english_name(en.lang)
    for en_doc in en.documents:
        ja_doc = ja.document(en_doc.rel)
        if ja_doc is None or is_generated(src.root / en_doc.path):
            continue   # the structure check names a file without a twin; the build's own pages are no translation
        command = f"python -m scripts.translation mark {en_doc.path}"
        value = en_doc.front_matter.get(KEY)
        if value is None:
            out.append(finding(en_doc.path, 1, "TRN002",
                               f"no '{KEY}:' record of the {original} text {ja_doc.path} it translates; "
                               f"once the {translated} is up to date, run: {command}"))
            continue
        current = japanese_fingerprint(src.lang_dir(ja.lang) / ja_doc.rel)
        if not SHA256.match(str(value)):
            out.append(finding(en_doc.path, _key_line(src, en_doc), "TRN001",
                               f"'{KEY}: {value}' is not a sha256 record; run: {command}"))
        elif str(value) != current:
            out.append(finding(en_doc.path, _key_line(src, en_doc), "TRN001",
                               f"stale translation: {ja_doc.path} changed after this {translated} text was marked "
                               f"up to date; update the {translated}, then run: {command}"))
    return out
