"""Check 7: the disclosures APPI Article 32 and its Cabinet Order require the policy to carry.

APPI001  the operator's name, address and representative (Art. 32(1)(i))
APPI002  the purposes of use (Art. 32(1)(ii))
APPI003  how to request disclosure, correction and suspension of use (Art. 32(1)(iii))
APPI004  the fee for disclosure (Art. 32(1)(iii), Art. 38(2))
APPI005  the security control measures (Art. 32(1)(iv), Cabinet Order Art. 10(i))
APPI006  where to lodge complaints (Art. 32(1)(iv), Cabinet Order Art. 10(ii))

Each requirement is met when one article (or the preamble) carries all the words of
one of its parts, e.g. 開示 + 請求 + 郵送/手続/フォーム for how to request disclosure,
以下の目的 for the purposes of use (a mere mention of 利用目的 does not state them).
The operator's details are looked up as the data file writes them. A missing
requirement is reported on the policy's first page (index.md), naming it and its article.
This is a floor, not legal advice: it catches a disclosure that was deleted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.policy import model
from scripts.policy.finding import Finding
from scripts.policy.postal import fold

from .source import PolicyInput, finding


@dataclass(frozen=True)
class Part:
    what: str                    # as the message names it
    ja: tuple[str, ...]          # every pattern must match the same article
    en: tuple[str, ...]
    hint_ja: str
    hint_en: str


REQUIREMENTS: list[tuple[str, str, list[Part]]] = [
    ("APPI002", "APPI Art. 32(1)(ii)", [
        Part("the purposes of use", (r"(以下|次|下記)の(利用)?目的|目的(は|として)(以下|次|下記)|の目的で利用",),
             (r"(following|below) purposes|purposes? of use (are|is) as follows",),
             "以下の目的で利用します", "use … for the following purposes")]),
    ("APPI003", "APPI Art. 32(1)(iii)", [
        Part("how to request disclosure", (r"開示", r"請求|求め", r"請求書|郵送|手続|フォーム|窓口|申請"),
             (r"disclos", r"request", r"form|mail|procedure|contact"),
             "開示の請求は所定の請求書を郵送", "requests for disclosure … by mail / the form"),
        Part("how to request correction", (r"訂正",), (r"correct",), "訂正", "correction"),
        Part("how to request suspension of use", (r"利用の?停止|消去",), (r"suspen|cessation|eras",),
             "利用停止等", "suspension of use")]),
    ("APPI004", "APPI Art. 32(1)(iii), Art. 38(2)", [
        Part("the fee for disclosure", (r"手数料",), (r"\bfees?\b",), "1回の請求につき…円の手数料",
             "a fee of … yen per request")]),
    ("APPI005", "APPI Art. 32(1)(iv), Cabinet Order Art. 10(i)", [
        Part("the security control measures", (r"安全管理措置",), (r"security (?:control )?measures",),
             "安全管理措置", "security control measures")]),
    ("APPI006", "APPI Art. 32(1)(iv), Cabinet Order Art. 10(ii)", [
        Part("where to lodge complaints", (r"苦情",), (r"complain",), "苦情の申出先", "complaints"),
        Part("a contact point for complaints", (r"問い?合わ?せ|窓口|連絡",), (r"inquir|contact",),
             "お問い合わせ窓口", "contact point")]),
]


def _texts(policy: model.Policy) -> list[str]:
    return [fold("\n".join(b.text for b in doc.blocks)) for doc in policy.ordered()]


def _met(texts: list[str], patterns: tuple[str, ...]) -> bool:
    return any(all(re.search(p, text, re.I) for p in patterns) for text in texts)


def _anchor(src: PolicyInput, policy: model.Policy) -> tuple[str, int]:
    first = policy.preamble or (policy.articles[0] if policy.articles else None)
    if first is None:
        return src.display(src.docs / policy.lang), 0
    return first.path, first.title_line or 1


def _operator(src: PolicyInput, policy: model.Policy, texts: list[str]) -> list[str]:
    """What of the operator's name, address and representative the policy does not state."""
    data = (src.company or {}).get(policy.lang) or {}
    compact = [re.sub(r"\s+", "", t).lower() for t in texts]
    wanted = [("name", str(data.get("name", ""))),
              ("address", str(data.get("town", "")) if policy.lang == "en"
               else str(data.get("prefecture", "")) + str(data.get("city", "")) + str(data.get("town", ""))),
              ("representative", str(data.get("representative", "")))]
    return [what for what, value in wanted
            if not value or not any(re.sub(r"\s+", "", fold(value)).lower() in t for t in compact)]


def check(src: PolicyInput) -> list[Finding]:
    out: list[Finding] = []
    for policy in src.policies.values():
        texts = _texts(policy)
        path, line = _anchor(src, policy)
        missing = _operator(src, policy, texts)
        if missing:
            out.append(finding(path, line, "APPI001",
                               f"the policy does not state the operator's {', '.join(missing)} as in "
                               f"{src.company_path} (APPI Art. 32(1)(i))"))
        for code, law, parts in REQUIREMENTS:
            for part in parts:
                patterns = part.ja if policy.lang == "ja" else part.en
                if not _met(texts, patterns):
                    hint = part.hint_ja if policy.lang == "ja" else part.hint_en
                    out.append(finding(path, line, code,
                                       f"the policy does not state {part.what} ({law}); e.g. {hint}"))
    return out
