"""A legal profile: what the law requires a document to disclose and how its contact blocks are written.

Profiles are data (``scripts/policy/profiles/<name>.yml``); this module reads one into plain data,
so verify's disclosure check, the contact reader and the company data file share one vocabulary.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .finding import ERROR
from .rules import EACH_LANGUAGE, Rule

FOLDER = Path(__file__).parent / "profiles"
DEFAULT = "appi"
DEFAULT_TYPE = "privacy-policy"     # the type of a document whose configuration names none


class ProfileError(Exception):
    """A profile that is missing or malformed: a configuration error, named with its file."""


@dataclass(frozen=True)
class Part:
    """One thing a disclosure must say: every pattern of a language in the same article."""

    what: str
    patterns: dict[str, tuple[str, ...]]
    example: dict[str, str]


@dataclass(frozen=True)
class Disclosure:
    code: str
    law: str
    parts: tuple[Part, ...]
    operator: bool = False      # checked against the company data file, not by patterns


@dataclass(frozen=True)
class ContactWords:
    address_label: re.Pattern
    corporate: re.Pattern
    keys: tuple[tuple[str, re.Pattern], ...]     # (detail, key pattern); 'name' first


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    document_type: str
    rules: tuple[Rule, ...]
    disclosures: tuple[Disclosure, ...]
    contacts: ContactWords
    company_required: tuple[str, ...]
    company_optional: tuple[str, ...] = ()
    company_shared: tuple[str, ...] = ()

    def severity(self, code: str) -> str:
        """The default severity the profile declares for one of its codes."""
        return next(r.severity for r in self.rules if r.code == code)


def available() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in FOLDER.glob("*.yml")))


def _words(words: list[str]) -> str:
    # Longest first, so 代表取締役社長 is not read as 代表取締役 + 社長.
    return "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))


def _contacts(data: dict) -> ContactWords:
    labels = _words(data["address_labels"])
    label = re.compile(rf"^(?:[＜<]\s*(?:{labels})\s*[＞>]|\\?\[\s*(?:{labels})\s*\\?\])\s*$", re.I)
    forms = sorted((str(w) for w in data["corporate_forms"]), key=len, reverse=True)
    ascii_forms = "|".join(re.escape(w) for w in forms if w.isascii())
    other_forms = "|".join(re.escape(w) for w in forms if not w.isascii())
    corporate = re.compile(rf"{other_forms}|\b(?:{ascii_forms})\b\.?", re.I)
    keys = tuple((detail, re.compile(rf"^(?:{_words(words)})$", re.I)) for detail, words in data["keys"].items())
    if not keys or keys[0][0] != "name":
        raise ProfileError("contacts › keys must list 'name' first")
    return ContactWords(label, corporate, keys)


def _disclosure(item: dict, document_type: str) -> tuple[Rule, Disclosure]:
    parts = tuple(Part(str(p["what"]), {lang: tuple(map(str, pats)) for lang, pats in p["patterns"].items()},
                       {lang: str(text) for lang, text in (p.get("example") or {}).items()})
                  for p in item.get("parts") or [])
    rule = Rule(str(item["code"]), str(item.get("severity", ERROR)), EACH_LANGUAGE, str(item["explanation"]),
                document_type)
    return rule, Disclosure(rule.code, str(item["law"]), parts, bool(item.get("operator")))


@lru_cache(maxsize=None)
def load(name: str = DEFAULT) -> Profile:
    path = FOLDER / f"{name}.yml"
    if not path.is_file():
        raise ProfileError(f"no legal profile {name!r} (scripts/policy/profiles/ has: {', '.join(available())})")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        pairs = [_disclosure(item, str(data["document_type"])) for item in data["disclosures"]]
        rules = tuple(r for r, _ in pairs)
        company = data["company"]
        return Profile(str(data["name"]), str(data["title"]), str(data["document_type"]), rules,
                       tuple(d for _, d in pairs), _contacts(data["contacts"]),
                       tuple(company["required"]), tuple(company.get("optional") or ()),
                       tuple(company.get("shared") or ()))
    except (yaml.YAMLError, KeyError, TypeError, ValueError, re.error) as err:
        raise ProfileError(f"{path.name}: {err}") from None
