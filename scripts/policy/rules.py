"""The rules verify and the build apply: each finding code with its severity, scope and explanation.

Each check declares its own rules beside its code (a module-level ``RULES`` list, as yamllint's
and markdownlint's rules do); the legal profile declares the rules of the disclosures it requires
(scripts/policy/profiles/). ``scripts.verify.codes`` gathers them into the one registry that
``--list-codes``, the README table and CONTRIBUTING's tables are checked against. A site may set a
code's severity, or turn it off, in its rules file (scripts/policy/settings.py).

Codes are stable: a code is never reused for another problem.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .finding import ERROR, WARNING, Finding

OFF = "off"
SEVERITIES = (ERROR, WARNING)

# What a rule reads, as --list-codes shows it.
EACH_LANGUAGE = "each language"            # every document of every language on its own
TRANSLATIONS = "translations"              # each translation against the original (both must be checked)
ARCHIVE = "archive"                        # the text against revisions/, or revisions/ itself
COMPANY = "company data"                   # the text against the company data file
CONFIGURATION = "configuration"            # the site's own settings
SCOPES = (EACH_LANGUAGE, TRANSLATIONS, ARCHIVE, COMPANY, CONFIGURATION)


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str              # the default: error or warning
    scope: str                 # one of SCOPES
    explanation: str           # one line, as --list-codes and the README show it
    document_type: str = ""    # '' = every document; else only documents of this type (privacy-policy …)

    @property
    def applies_to(self) -> str:
        """The scope as --list-codes shows it: what the rule reads, and the document type it is for."""
        return f"{self.scope} ({self.document_type})" if self.document_type else self.scope

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.code}: severity {self.severity!r} is not one of {SEVERITIES}")
        if self.scope not in SCOPES:
            raise ValueError(f"{self.code}: scope {self.scope!r} is not one of {SCOPES}")


def rule(code: str, severity: str, scope: str, explanation: str, document_type: str = "") -> Rule:
    return Rule(code, severity, scope, explanation, document_type)


def index(rules: list[Rule]) -> dict[str, Rule]:
    """The rules by code; a code declared twice is a programming error, caught by the tests."""
    table: dict[str, Rule] = {}
    for item in rules:
        if item.code in table:
            raise ValueError(f"{item.code} is declared twice")
        table[item.code] = item
    return table


def apply(findings: list[Finding], severities: dict[str, str]) -> list[Finding]:
    """The findings with the site's severities: a code set to ``off`` is dropped."""
    out = []
    for found in findings:
        wanted = severities.get(found.code)
        if wanted == OFF:
            continue
        out.append(dataclasses.replace(found, severity=wanted) if wanted else found)
    return out
