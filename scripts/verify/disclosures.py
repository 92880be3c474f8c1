"""Check 7: the disclosures the legal profile requires (APPI Article 32 and its Cabinet Order).

The disclosures, their codes and their words are data: scripts/policy/profiles/<profile>.yml.

Each requirement is met when one article (or the preamble) carries all the words of
one of its parts, e.g. 開示 + 請求 + 郵送/手続/フォーム for how to request disclosure,
以下の目的 for the purposes of use (a mere mention of 利用目的 does not state them).
The operator's details are looked up as the data file writes them. A missing
requirement is reported on the policy's first page (index.md), naming it and its article.
This is a floor, not legal advice: it catches a disclosure that was deleted.
"""
from __future__ import annotations

import re

from scripts.policy import model
from scripts.policy.finding import Finding
from scripts.policy.postal import fold

from .source import PolicyInput


def _texts(policy: model.Policy) -> list[str]:
    return [fold("\n".join(b.text for b in doc.blocks)) for doc in policy.ordered()]


def _met(texts: list[str], patterns: tuple[str, ...]) -> bool:
    return any(all(re.search(p, text, re.I) for p in patterns) for text in texts)


def _anchor(src: PolicyInput, policy: model.Policy) -> tuple[str, int]:
    first = policy.preamble or (policy.articles[0] if policy.articles else None)
    if first is None:
        return src.display(src.lang_dir(policy.lang)), 0
    return first.path, first.title_line or 1


def _operator(src: PolicyInput, policy: model.Policy, texts: list[str]) -> list[str]:
    """What of the operator's name, address and representative the policy does not state."""
    data = (src.company or {}).get(policy.lang) or {}
    compact = [re.sub(r"\s+", "", t).lower() for t in texts]
    wanted = [("name", str(data.get("name", ""))),
              ("address", str(data.get("town", "")) if policy.lang != "ja"
               else str(data.get("prefecture", "")) + str(data.get("city", "")) + str(data.get("town", ""))),
              ("representative", str(data.get("representative", "")))]
    return [what for what, value in wanted
            if not value or not any(re.sub(r"\s+", "", fold(value)).lower() in t for t in compact)]


def check(src: PolicyInput) -> list[Finding]:
    out: list[Finding] = []
    legal = src.profile
    if not src.has_document_type(legal.document_type):
        return out
    for policy in src.policies.values():
        texts = _texts(policy)
        path, line = _anchor(src, policy)
        for disclosure in legal.disclosures:
            # The severity is the site's profile's own (the registry's default lists the default profile).
            severity = legal.severity(disclosure.code)
            if disclosure.operator:
                missing = _operator(src, policy, texts)
                if missing:
                    out.append(Finding(path, line, disclosure.code, severity,
                                       f"the policy does not state the operator's {', '.join(missing)} as in "
                                       f"{src.company_path} ({disclosure.law})"))
                continue
            for part in disclosure.parts:
                patterns = part.patterns.get(policy.lang)
                if patterns and not _met(texts, patterns):
                    hint = part.example.get(policy.lang, "")
                    out.append(Finding(path, line, disclosure.code, severity,
                                       f"the policy does not state {part.what} ({disclosure.law})"
                                       + (f"; e.g. {hint}" if hint else "")))
    return out
