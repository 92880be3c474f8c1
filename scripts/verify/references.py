"""Check 4: cross-references inside the policy point at something that exists.

Its finding codes are declared in ``RULES`` below.

Japanese: 第N条, 前条, 次条, 第M項, 前項, 次項, 第K号, 前号, 次号, 前各号 and their
combinations (前条第2項, 第3条第1項第2号); references to a law (法律第５７号,
個人情報保護法第２７条) are not the policy's own and are skipped. English:
"Article 3, paragraph (1), item (ii)", "paragraph (2) of the preceding Article",
"the preceding paragraph", "paragraph (1)", "item (iii)", "the preceding items".
Each reference is resolved from the clause it stands in, by clause id.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from scripts.policy import locale, model
from scripts.policy.finding import ERROR, Finding, quote
from scripts.policy.locale import english_name
from scripts.policy.numbering import to_int
from scripts.policy.rules import EACH_LANGUAGE, TRANSLATIONS, rule

from .source import PolicyInput, finding

RULES = [
    rule('REF001', ERROR, EACH_LANGUAGE, 'a cross-reference points at an article that does not exist'),
    rule('REF002', ERROR, EACH_LANGUAGE, 'a cross-reference points at a paragraph that does not exist'),
    rule('REF003', ERROR, EACH_LANGUAGE, 'a cross-reference points at an item that does not exist'),
    rule('REF004', ERROR, TRANSLATIONS, "a clause's Japanese and English cross-references point at different places"),
]

_N = r"(?:\d+|[一二三四五六七八九十百]+)"


@dataclass(frozen=True)
class Numbered:
    """A language's numbered cross-references (第3条第2項, 前項 …), from its locale entry's words."""

    words: dict
    pattern: re.Pattern
    law_before: re.Pattern     # a reference right after a law's name is to that law, not to this policy

    @property
    def separator(self) -> str:
        """Between the parts of a reference as verify names it: 第3条第2項, 제3조 제2항."""
        return " " if " " in self.words["joiner"] else ""

    def name(self, part: str, number: int | str) -> str:
        return f"{self.words['numbered']}{number}{self.words[part]}"


@lru_cache(maxsize=None)
def numbered(lang: str) -> Numbered | None:
    """The numbered reference grammar of ``lang``, or None when it writes references otherwise."""
    refs = locale.load(lang).grammar["references"]
    if refs["style"] != "numbered":
        return None
    w = {key: str(value) for key, value in refs.items()}
    e = {key: re.escape(value) for key, value in w.items()}

    def part(name: str, kind: str, *extra: str) -> str:
        forms = [rf"{e['numbered']}{_N}{e[kind]}", *extra, rf"{e['preceding']}{e[kind]}", rf"{e['following']}{e[kind]}"]
        return rf"(?P<{name}>{'|'.join(forms)})"

    def art(name: str) -> str:
        return part(name, "article")

    def para(name: str) -> str:
        return part(name, "paragraph")

    def item(name: str) -> str:
        return part(name, "item", e["preceding_items"])

    j = w["joiner"]
    pattern = re.compile(rf"{art('art')}(?:{j}{para('para')})?(?:{j}{item('item')})?"
                         rf"|{para('para2')}(?:{j}{item('item2')})?|{item('item3')}")
    return Numbered(w, pattern, re.compile(w["law_before"]))


def _style(lang: str) -> str:
    return locale.load(lang).grammar["references"]["style"]


_ROMAN = r"[ivxlc]+"
_ITEMNO = rf"(\d+|{_ROMAN})"
EN_REF = re.compile(
    rf"(?:item\s+\((?P<item>{_ITEMNO})\)\s+of\s+)?(?:paragraph\s+\((?P<para>\d+)\)\s+of\s+)?"
    rf"(?P<art>the\s+preceding\s+Article|the\s+following\s+Article|"
    rf"Article\s+(?P<artn>\d+)(?:,\s*paragraph\s+\((?P<para2>\d+)\))?(?:,\s*item\s+\((?P<item2>{_ITEMNO})\))?)"
    rf"|(?:item\s+\((?P<item3>{_ITEMNO})\)\s+of\s+)?(?P<relp>the\s+preceding\s+paragraph|the\s+following\s+paragraph|"
    rf"paragraph\s+\((?P<para3>\d+)\))"
    rf"|(?P<reli>the\s+preceding\s+items|the\s+preceding\s+item|the\s+following\s+item\b|item\s+\((?P<item4>{_ITEMNO})\))",
    re.I)
# How far before a reference a law's name is looked for (law_before ends where the reference starts).
LAW_NAME = 100
# The law an English reference is to ("Article 27 of the Act on …"), matched where the reference
# ends (at a position: a copy of the rest of the text for each reference would be quadratic).
LAW_AFTER = re.compile(r"\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,8}?(?:Act|Order|Law|Rules|Regulations|Guidelines)\b")


@dataclass(frozen=True)
class Target:
    article: int
    paragraph: int | None = None
    item: int | None = None
    all_before: bool = False    # 前各号: every item before the reference


@dataclass(frozen=True)
class Position:
    article: int
    paragraph: int
    item: int | None


def _roman(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    text = text.lower()
    if text.isdigit():
        return int(text)
    total = 0
    for index, char in enumerate(text):
        value = values[char]
        total += -value if index + 1 < len(text) and values[text[index + 1]] > value else value
    return total


def _position(doc: model.Document, block: model.Block) -> Position:
    match = re.match(r"(?:art|sec)-\d+(?:-p(\d+))?(?:-i(\d+))?", block.clause_id or "")
    paragraph = int(match[1]) if match and match[1] else 1
    item = int(match[2]) if match and match[2] else None
    return Position(doc.article_number or 0, paragraph, item)


def _number(reference: str) -> int:
    """'第2項' → 2, '第十二条' → 12."""
    return to_int(re.search(_N, reference)[0])


def _relative(word: str, current: int | None, preceding: str = "the preceding") -> int | None:
    if current is None:
        return None
    return current - 1 if word.startswith((preceding, "the preceding")) else current + 1


def _ja_target(match: re.Match, here: Position, grammar: Numbered) -> Target | None:
    """The target of a numbered reference (第3条第2項, 前項, 前各号 … in ``grammar``'s words)."""
    first, before = grammar.words["numbered"], grammar.words["preceding"]
    art_text = match["art"]
    para_text = match["para"] or match["para2"]
    item_text = match["item"] or match["item2"] or match["item3"]
    article = here.article
    if art_text:
        article = _number(art_text) if art_text.startswith(first) else _relative(art_text, here.article, before)
    same = article == here.article and not art_text
    paragraph = None
    if para_text:
        if para_text.startswith(first):
            paragraph = _number(para_text)
        else:
            paragraph = _relative(para_text, here.paragraph, before) if same else None
    elif item_text and same:
        paragraph = here.paragraph
    elif item_text:
        paragraph = 1
    if item_text == grammar.words["preceding_items"]:
        return Target(article, paragraph if paragraph is not None else here.paragraph, None, all_before=True)
    item = None
    if item_text:
        if item_text.startswith(first):
            item = _number(item_text)
        else:
            # 前号 / 次号 outside an item, or after another article's name, has nothing to point at.
            item = (_relative(item_text, here.item, before) or 0) if same and not para_text else 0
    return Target(article, paragraph, item)


def _en_target(match: re.Match, here: Position) -> Target | None:
    if match["art"]:
        art = match["art"].lower()
        if match["artn"]:
            article = int(match["artn"])
        else:
            article = _relative(art, here.article)
        para = match["para"] or match["para2"]
        item = match["item"] or match["item2"]
        return Target(article, int(para) if para else (1 if item else None), _roman(item) if item else None)
    if match["relp"]:
        relp = match["relp"].lower()
        paragraph = int(match["para3"]) if match["para3"] else _relative(relp, here.paragraph)
        item = match["item3"]
        return Target(here.article, paragraph, _roman(item) if item else None)
    reli = match["reli"].lower()
    if reli == "the preceding items":
        return Target(here.article, here.paragraph, None, all_before=True)
    if match["item4"]:
        return Target(here.article, here.paragraph, _roman(match["item4"]))
    return Target(here.article, here.paragraph, _relative(reli, here.item) if here.item is not None else 0)


def _name(target: Target, lang: str) -> str:
    grammar = numbered(lang)
    if grammar is not None:
        sep = grammar.separator
        if target.paragraph is not None and target.paragraph < 1:
            first = grammar.name("article", target.article) + sep + grammar.name("paragraph", 1)
            return f"{first}の前" if lang == "ja" else f"before {first}"
        return (grammar.name("article", target.article)
                + (sep + grammar.name("paragraph", target.paragraph) if target.paragraph else "")
                + (sep + grammar.name("item", target.item) if target.item is not None else ""))
    if target.paragraph is not None and target.paragraph < 1:
        return f"before paragraph (1) of Article {target.article}"
    return (f"Article {target.article}" + (f", paragraph ({target.paragraph})" if target.paragraph else "")
            + (f", item ({target.item})" if target.item is not None else ""))


@dataclass
class _Article:
    """What a reference is resolved against, read once per article (not once per reference)."""

    doc: model.Document
    ids: set[str]
    paragraphs: int
    first_item: dict[str, int]   # paragraph id → line of its first item (or sub-item)


def _index(policy: model.Policy) -> dict[int | None, _Article]:
    out = {}
    for doc in policy.articles:
        first_item: dict[str, int] = {}
        for clause in doc.clauses:
            if "-i" in clause.id:
                paragraph = clause.id[:clause.id.index("-i", len(doc.unit_id))]
                first_item[paragraph] = min(first_item.get(paragraph, clause.line), clause.line)
        out[doc.article_number] = _Article(doc, {c.id for c in doc.clauses},
                                           sum(1 for c in doc.clauses if c.kind == model.PARAGRAPH) or 1, first_item)
    return out


def _resolve(index: dict[int | None, _Article], target: Target, block: model.Block,
             lang: str) -> tuple[str, str] | None:
    """(code, why) when the target does not exist; None when it does."""
    entry = index.get(target.article)
    if entry is None:
        return "REF001", f"{_name(Target(target.article), lang)}, which does not exist"
    doc, ids = entry.doc, entry.ids
    if target.paragraph is not None:
        para_id = f"{doc.unit_id}-p{target.paragraph}"
        article = _name(Target(target.article), lang)
        if target.paragraph < 1:
            # 前項 / "the preceding paragraph" in a first paragraph: the article exists, the
            # paragraph before does not (the message once said the article did not exist).
            meant = numbered(lang).name("paragraph", "N") if numbered(lang) else "paragraph (N)"
            return "REF002", (f"the paragraph before it, but it stands in the first paragraph of {article}; "
                              f"name the paragraph meant ({meant}) or the article")
        if para_id not in ids:
            count = entry.paragraphs
            return "REF002", (f"{_name(Target(target.article, target.paragraph), lang)}, which does not exist: "
                              f"{article} has {count} paragraph{'s' if count > 1 else ''}")
        if target.all_before:
            if entry.first_item.get(para_id, block.line) >= block.line:
                return "REF003", f"the items before it in {_name(Target(target.article, target.paragraph), lang)}, " \
                                 "but there are none"
            return None
        if target.item is not None and target.item < 1:
            return "REF003", "an item before it, but there is none"
        if target.item is not None and f"{para_id}-i{target.item}" not in ids:
            return "REF003", f"{_name(target, lang)}, which does not exist"
    return None


@dataclass(frozen=True)
class Reference:
    """One cross-reference as written in a clause, and what it points at."""

    clause_id: str
    target: Target
    written: str
    line: int


def _references(doc: model.Document) -> list[tuple[Reference, model.Block]]:
    out = []
    if _style(doc.lang) == "none":
        return out   # a language whose references verify does not read
    for block in doc.blocks:
        if block.kind == model.HEADING:
            continue
        here = _position(doc, block)
        written = block.body if block.marker else block.text
        text = unicodedata.normalize("NFKC", written)
        # Quote the reference as written; NFKC keeps full-width text the same length.
        source = written if len(written) == len(text) else text
        grammar = numbered(doc.lang)
        pattern = grammar.pattern if grammar else EN_REF
        line, counted = block.line, 0    # the newlines before each match, counted once
        for match in pattern.finditer(text):
            # A law's name stands right before its reference: only the text just before it is read.
            if grammar and grammar.law_before.search(text, max(0, match.start() - LAW_NAME), match.start()):
                continue
            if not grammar and LAW_AFTER.match(text, match.end()):
                continue
            try:
                target = _ja_target(match, here, grammar) if grammar else _en_target(match, here)
            except (ValueError, KeyError):
                continue
            if target is None:
                continue
            line, counted = line + text.count("\n", counted, match.start()), match.start()
            out.append((Reference(block.clause_id, target, source[match.start():match.end()], line), block))
    return out


def _check_document(policy: model.Policy, doc: model.Document,
                    index: dict[int | None, _Article] | None = None) -> list[Finding]:
    """The references of ``doc`` resolved in ``policy`` (``index``: its articles, read once for all documents)."""
    index = index if index is not None else _index(policy)
    out: list[Finding] = []
    for reference, block in _references(doc):
        problem = _resolve(index, reference.target, block, doc.lang)
        if problem:
            code, why = problem
            out.append(finding(doc.path, reference.line, code, f"{quote(reference.written)} refers to {why}"))
    return out


def _compare_languages(ja: model.Document, en: model.Document) -> list[Finding]:
    """REF004: clause by clause, the translation ``en`` must point where the original ``ja`` points."""
    def by_clause(doc: model.Document) -> dict[str, list[Reference]]:
        out: dict[str, list[Reference]] = {}
        for reference, _ in _references(doc):
            out.setdefault(reference.clause_id, []).append(reference)
        return out

    ja_refs, en_refs = by_clause(ja), by_clause(en)
    en_clauses = {c.id: c for c in reversed(en.clauses)}   # the first clause of an id, as en.clause() finds
    findings = []
    for clause_id in sorted(set(ja_refs) | set(en_refs)):
        ja_list, en_list = ja_refs.get(clause_id, []), en_refs.get(clause_id, [])
        if sorted(map(repr, (r.target for r in ja_list))) == sorted(map(repr, (r.target for r in en_list))):
            continue
        ja_names = ", ".join(f"{quote(r.written)} ({_name(r.target, ja.lang)})" for r in ja_list) or "nothing"
        en_names = ", ".join(f"{quote(r.written)} ({_name(r.target, en.lang)})" for r in en_list) or "nothing"
        clause = en_clauses.get(clause_id)
        line = en_list[0].line if en_list else (clause.line if clause else en.title_line or 1)
        findings.append(finding(en.path, line, "REF004",
                                f"{clause_id}: the {english_name(en.lang)} refers to {en_names}, "
                                f"the {english_name(ja.lang)} "
                                f"({ja.path}) to {ja_names}"))
    return findings


def check(src: PolicyInput) -> list[Finding]:
    out = []
    for policy in src.policies.values():
        index = _index(policy)
        out += [f for doc in policy.articles for f in _check_document(policy, doc, index)]
    for original, translation in src.translations():
        translated = {d.rel: d for d in translation.articles}
        if "none" in (_style(original.lang), _style(translation.lang)):
            continue
        for ja in original.articles:
            if ja.rel in translated:
                out += _compare_languages(ja, translated[ja.rel])
    return out
