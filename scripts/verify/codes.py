"""The registry of every finding code, gathered from where each is declared.

Each check declares its rules (code, default severity, scope, explanation) in a ``RULES`` list
beside its code; the legal profile declares its disclosure rules as data (scripts/policy/profiles/);
the settings declare the rules file's own codes; the archive check declares HIST001–004.
``--list-codes`` prints this registry, the README's table is generated from it and CONTRIBUTING's
tables are tested against it. Codes are stable: a code is never reused for another problem.
"""
from __future__ import annotations

from functools import lru_cache

from scripts.policy import profile, rules, settings


def _modules():
    # Imported here: the check modules import source.py, which asks this registry for severities.
    from . import archived, contacts, figures, freshness, markup, notices, references, revisions, structure, style
    return [revisions, contacts, structure, references, freshness, figures, style, notices, markup], [archived]


@lru_cache(maxsize=None)
def registry(legal_profile: str = profile.DEFAULT) -> dict[str, rules.Rule]:
    """Every code, in the order --list-codes shows them: the text checks', the profile's, the archive's, the settings'."""
    from scripts.history import archive

    text_checks, archive_checks = _modules()
    declared = [r for module in text_checks for r in module.RULES]
    declared += profile.load(legal_profile).rules
    declared += [r for module in archive_checks for r in module.RULES]
    return rules.index(declared + archive.RULES + settings.RULES)


def listing(legal_profile: str = profile.DEFAULT) -> str:
    """The code table as plain text, one code a line."""
    return "\n".join(f"{r.code:<8} {r.severity:<8} {r.applies_to:<31} {r.explanation}"
                     for r in registry(legal_profile).values())


def _cell(text: str) -> str:
    """Text for a Markdown table cell: a tag or an entity it mentions shows as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def markdown(legal_profile: str = profile.DEFAULT) -> str:
    """The code table as the README shows it (generated: python -m scripts.verify --list-codes --format markdown)."""
    rows = ["| Code | Severity | Checks | Meaning |", "| --- | --- | --- | --- |"]
    rows += [f"| `{r.code}` | {r.severity} | {r.applies_to} | {_cell(r.explanation)} |" for r in registry(legal_profile).values()]
    return "\n".join(rows)
