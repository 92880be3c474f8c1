"""Comparing two versions of the policy, clause by clause.

Everything that shows what changed (``python -m scripts.diff``, the history
pages of the site, the pull-request summary) asks this module, so they never
disagree about what a change is.

API
---
``compare_policies(old, new, whitespace=False) -> Comparison``
    ``old`` and ``new`` are :class:`~scripts.policy.model.Policy` objects of the
    same language (from ``reader.load_policy`` or built from ``parse_document``).

``Comparison``
    ``.documents``: a :class:`DocumentChange` per document, in reading order of
    the new policy (removed documents where they stood). ``.changed`` is True
    when anything differs; ``.changes()`` lists the clause changes that are not
    ``unchanged``; ``.changed_ids()`` the clause ids touched (both sides);
    ``.articles_added`` / ``.articles_removed`` the articles that appear or go.

``DocumentChange``
    ``.status``: ``added``, ``removed``, ``changed`` or ``unchanged``; ``.old`` and
    ``.new`` documents (one may be None); ``.title``; ``.clauses``: a
    :class:`ClauseChange` per clause, aligned.

``ClauseChange``
    ``.status``: ``unchanged``, ``changed``, ``inserted``, ``deleted`` or
    ``renumbered`` (same words under a new number, e.g. after an inserted item);
    ``.old_id`` / ``.new_id`` (``art-6-p2-i1``, '' on the missing side);
    ``.old_text`` / ``.new_text`` as written; ``.segments``: for a changed or
    renumbered clause, the word-level edit as :class:`Segment` runs
    (``equal``, ``delete``, ``insert``) that turn ``old_text`` into ``new_text``.
    ``.hunks()``: only the lines of the clause that differ, as :class:`Hunk`
    (``old_text``, ``new_text``, ``segments``), for quoting a long clause briefly.

How clauses are paired
----------------------
Within a document, clauses are aligned on their words without the numbering
marker (difflib over the clause sequence), so an inserted item shows as one
insertion and the items after it as renumbered, not as a cascade of changes.
Runs that differ are paired by similarity; a lone clause replaced by a lone
clause is a change. The appendix (附則), one clause, is compared line by line
(:func:`document_clauses`): a new revision line is an inserted line. Articles are paired the same way on their captions, so an
inserted article does not make every later article "changed".

Inside a changed clause the edit is computed over tokens (:func:`tokens`): a
number with its separators, currency sign and unit (``5,500円``, ``30日``), a date
(``2022年4月1日``), a clause number (``（７）``, ``第６条``) and a Latin-script word
each change as a whole, so ``5,500円`` → ``1,000円`` is one amount replaced by
another, never ``5,5[-5-]{+1,0+}00円``; other Japanese text changes character by
character (it has no spaces between words). The edit is then tidied so that one-
or two-character coincidences do not split a rewritten phrase into confetti.

``pair_documents(old, new)`` pairs the documents as ``compare_policies`` does;
``number_as_written(clause, doc)`` is the number a reader sees (``（７）``, ``第６条``),
which ``ClauseChange.old_number`` / ``.new_number`` carry (``.renumbered`` when they
differ): renderers name clauses by it, never by their internal ids.

Whitespace
----------
By default a difference of whitespace alone (an ideographic space for a normal
one, a non-breaking space, a re-wrapped line, a space between Japanese and
Latin text) is not a change: texts are compared after :func:`fold_whitespace`,
and edits that only touch whitespace are shown as equal. ``whitespace=True``
reports them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Callable, Sequence, TypeVar

from . import model

UNCHANGED = "unchanged"
CHANGED = "changed"
INSERTED = "inserted"
DELETED = "deleted"
RENUMBERED = "renumbered"

ADDED = "added"
REMOVED = "removed"

EQUAL = "equal"
DELETE = "delete"
INSERT = "insert"

# Pairing threshold: below this similarity two clauses are a deletion and an insertion.
SIMILAR = 0.4
# Equal runs this short between two edits are folded into the edit (readability).
CHAFF = 2

T = TypeVar("T")

_SPACES = re.compile(r"\s+")
# A space next to a character outside ASCII (Japanese text, full-width signs) carries no meaning.
_SPACE_BY_WIDE = re.compile(r" (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) ")


@lru_cache(maxsize=16384)
def fold_whitespace(text: str) -> str:
    """The text as compared when whitespace does not count.

    Every run of whitespace (including U+3000 and U+00A0, and line breaks) becomes
    one space, and a space beside a non-ASCII character is dropped, so
    '当社は、\\n当社' equals '当社は、当社' and 'Google Analytics を' equals
    'Google Analyticsを', while 'data processing' still differs from 'dataprocessing'.
    """
    return _SPACE_BY_WIDE.sub("", _SPACES.sub(" ", text)).strip()


@dataclass(frozen=True)
class Segment:
    op: str      # EQUAL, DELETE, INSERT
    text: str


@dataclass
class ClauseChange:
    status: str
    old: model.Clause | None
    new: model.Clause | None
    old_text: str = ""
    new_text: str = ""
    segments: list[Segment] = field(default_factory=list)
    old_number: str = ""   # the clause's number as written: '（７）', '２．', '第６条' ('' if none)
    new_number: str = ""

    @property
    def renumbered(self) -> bool:
        """Whether the clause stands under another number than before."""
        return bool(self.old and self.new and self.old_number != self.new_number)

    @property
    def old_id(self) -> str:
        return self.old.id if self.old else ""

    @property
    def new_id(self) -> str:
        return self.new.id if self.new else ""

    @property
    def id(self) -> str:
        """The id a reader follows: the new one, or the old one for a deletion."""
        return self.new_id or self.old_id

    @property
    def line(self) -> int:
        """Where to look: the first line that differs in a changed clause of several lines
        (a line added to the appendix is on its own line, not on the heading's), else where
        the clause starts."""
        clause = self.new or self.old
        if self.status != CHANGED or not (self.old and self.new):
            return clause.line
        numbers = [block.line + offset for block in self.new.blocks for offset, _ in enumerate(block.text.split("\n"))]
        seen = 0  # new lines passed
        for old, new in align(self.old_text.split("\n"), self.new_text.split("\n"), lambda t: _key(t, False)):
            if old is None or new is None or fold_whitespace(old) != fold_whitespace(new):
                return numbers[min(seen, len(numbers) - 1)] if numbers else clause.line
            seen += 1
        return clause.line

    @property
    def old_marker(self) -> str:
        return self.old.marker if self.old else ""

    @property
    def new_marker(self) -> str:
        return self.new.marker if self.new else ""

    def hunks(self, whitespace: bool = False) -> list[Hunk]:
        """The lines of the clause that differ, each with its character-level edit.

        A clause of several lines (a paragraph with its address block, the appendix)
        is quoted only where it changed.
        """
        if self.status == UNCHANGED:
            return []
        old_lines = self.old_text.split("\n") if self.old else []
        new_lines = self.new_text.split("\n") if self.new else []
        hunks: list[Hunk] = []
        joined = False  # whether the previous line pair differed: neighbouring lines form one hunk
        for old, new in align(old_lines, new_lines, lambda line: _key(line, whitespace)):
            old_part, new_part = old or "", new or ""
            same = old is not None and new is not None and (
                old_part == new_part or (not whitespace and fold_whitespace(old_part) == fold_whitespace(new_part)))
            if same:
                joined = False
                continue
            if joined:
                last = hunks.pop()
                old_part = "\n".join(([last.old_text] if last.old_text else []) + ([old_part] if old is not None else []))
                new_part = "\n".join(([last.new_text] if last.new_text else []) + ([new_part] if new is not None else []))
            hunks.append(Hunk(old_part, new_part, []))
            joined = True
        return [Hunk(h.old_text, h.new_text, char_diff(h.old_text, h.new_text, whitespace)) for h in hunks]


@dataclass(frozen=True)
class Hunk:
    """Consecutive lines of a clause that differ: before, after, and the edit between them."""

    old_text: str
    new_text: str
    segments: list[Segment]


@dataclass
class DocumentChange:
    status: str
    old: model.Document | None
    new: model.Document | None
    clauses: list[ClauseChange] = field(default_factory=list)

    @property
    def title(self) -> str:
        return (self.new or self.old).title

    @property
    def rel(self) -> str:
        return (self.new or self.old).rel

    @property
    def kind(self) -> str:
        return (self.new or self.old).kind

    @property
    def article_number(self) -> int | None:
        return (self.new or self.old).article_number

    def changes(self) -> list[ClauseChange]:
        return [c for c in self.clauses if c.status != UNCHANGED]


@dataclass
class Comparison:
    lang: str
    old: model.Policy
    new: model.Policy
    documents: list[DocumentChange]
    whitespace: bool = False

    @property
    def changed(self) -> bool:
        return any(d.status != UNCHANGED for d in self.documents)

    def changes(self) -> list[ClauseChange]:
        return [c for d in self.documents for c in d.changes()]

    def changed_documents(self) -> list[DocumentChange]:
        return [d for d in self.documents if d.status != UNCHANGED]

    def changed_ids(self) -> set[str]:
        return {i for c in self.changes() for i in (c.old_id, c.new_id) if i}

    @property
    def articles_added(self) -> list[DocumentChange]:
        return [d for d in self.documents if d.status == ADDED and d.kind == model.ARTICLE]

    @property
    def articles_removed(self) -> list[DocumentChange]:
        return [d for d in self.documents if d.status == REMOVED and d.kind == model.ARTICLE]

    def changed_articles(self) -> list[str]:
        """Titles of the documents that changed (the new title where there is one): for lists and feeds."""
        return [d.title for d in self.changed_documents()]


# --- texts -----------------------------------------------------------------

def clause_text(clause: model.Clause) -> str:
    """The clause as written, without the Markdown heading sign."""
    lines = []
    for block in clause.blocks:
        text = block.text
        if block.kind == model.HEADING:
            text = text.lstrip("#").strip()
        lines.append(text)
    return "\n".join(lines)


def number_as_written(clause: model.Clause, doc: model.Document) -> str:
    """A clause's number as the text writes it: '（７）', '２．', '(7)', '第６条' / 'Article 6'."""
    if clause.kind == model.ARTICLE:
        return doc.article_numeral or ""
    return clause.marker.strip()


def clause_words(clause: model.Clause, doc: model.Document) -> str:
    """The clause without its own number, for pairing: renumbering alone is not rewording."""
    if not clause.blocks:
        return ""
    first = doc.caption if clause.kind == model.ARTICLE else clause.blocks[0].body
    return "\n".join([first] + [b.text for b in clause.blocks[1:]])


def _key(text: str, whitespace: bool) -> str:
    return text if whitespace else fold_whitespace(text)


# --- word-level edit ------------------------------------------------------------

# A number is one token with what makes it a quantity: its thousands separators and
# decimals, a currency sign before it and a unit after it, and a whole date
# (2022年4月1日, 2022-04-01) is one token. So 5,500円 → 1,000円 reads as one amount
# replaced by another, never as digits spliced into a different amount.
_DIGIT = "0-9０-９"
_NUM = f"[{_DIGIT}]+(?:[,，.．][{_DIGIT}]+)*"
_KANJI_NUM = "[〇一二三四五六七八九十百千万]+"
_UNIT = ("(?:円|万円|億円|千円|ドル|ユーロ|年|か月|ヶ月|ケ月|カ月|箇月|月|週間|営業日|日間|日|時間|時|分|秒|"
         "歳|才|件|回|名|人|通|部|枚|倍|割|％|%|パーセント|条|項|号|ページ|頁|GB|MB|KB|TB)")
_TOKEN = re.compile("|".join([
    # dates: 2022年4月1日, 令和4年4月1日, 2022-04-01, 2022/4/1
    f"(?:令和|平成|昭和)?(?:[{_DIGIT}]+|元)年[{_DIGIT}]+月(?:[{_DIGIT}]+日)?",
    f"[{_DIGIT}]{{4}}[-/／][{_DIGIT}]{{1,2}}[-/／][{_DIGIT}]{{1,2}}",
    # numbers written as they are read in legal text: 第６条, 第1項, （７）, (7)
    f"第(?:[{_DIGIT}]+|{_KANJI_NUM})[条項号章節款]",
    f"[（(](?:[{_DIGIT}]+|{_KANJI_NUM})[）)]",
    # amounts and quantities: ¥5,500, 5,500円, 30日以内 → 30日, 10.5%
    f"[¥￥$＄€£]?{_NUM}{_UNIT}?",
    # English (and other Latin-script) words, with inner apostrophes and hyphens
    r"[A-Za-zÀ-ɏ]+(?:['’\-][A-Za-zÀ-ɏ]+)*",
    r"\s+",
    r".",
]), re.S)


def tokens(text: str) -> list[str]:
    """The units a change is made of: whole numbers with their units and dates, whole
    Latin-script words, runs of whitespace, and otherwise single characters (Japanese
    has no spaces between words, so its words are compared character by character)."""
    return _TOKEN.findall(text)


def char_diff(old: str, new: str, whitespace: bool = False) -> list[Segment]:
    """Runs of equal, deleted and inserted text turning ``old`` into ``new``.

    The edit is computed over :func:`tokens`, so an amount, a date, a clause number or
    an English word changes as a whole; Japanese text changes character by character.
    """
    return list(_token_diff(old, new, whitespace))


@lru_cache(maxsize=4096)
def _token_diff(old: str, new: str, whitespace: bool) -> tuple[Segment, ...]:
    # Cached: the history compares the same clause texts for many pairs of revisions.
    a, b = tokens(old), tokens(new)
    # The common beginning and end are equal whatever the matcher says: matching only
    # the middle keeps a long clause with one change (the appendix) fast.
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    mid_a, mid_b = a[head:len(a) - tail], b[head:len(b) - tail]
    raw: list[_Run] = [_Run(EQUAL, b[:head])]
    # A space never anchors a match on its own (it would pair 'following cases' with
    # 'cases below' at their spaces); matches still run through spaces between words.
    matcher = SequenceMatcher(str.isspace, mid_a, mid_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            raw.append(_Run(EQUAL, mid_b[j1:j2]))
            continue
        gone, came = "".join(mid_a[i1:i2]), "".join(mid_b[j1:j2])
        if not whitespace and fold_whitespace(gone) == fold_whitespace(came) and _only_space(gone + came):
            raw.append(_Run(EQUAL, mid_b[j1:j2]))  # a whitespace-only edit shows as the new text
            continue
        if i2 > i1:
            raw.append(_Run(DELETE, mid_a[i1:i2]))
        if j2 > j1:
            raw.append(_Run(INSERT, mid_b[j1:j2]))
    raw.append(_Run(EQUAL, b[len(b) - tail:]))
    return tuple(Segment(run.op, "".join(run.tokens)) for run in _tidy(raw))


@dataclass
class _Run:
    op: str
    tokens: list[str]

    @property
    def text(self) -> str:
        return "".join(self.tokens)


_BREAK_AFTER = "。．.!?！？\n"
_SOFT_AFTER = "、，,;；:：）)」』 \u3000"


def _boundary_score(before: str, edit: str, after: str) -> int:
    """How well an edit sits on sentence and phrase boundaries (higher is better)."""
    score = 0
    for char in (before[-1:] or "\n", edit[-1:]):
        score += 2 if char in _BREAK_AFTER else 1 if char in _SOFT_AFTER else 0
    if edit[:1] in " \u3000":
        score += 1
    return score


def _slide(runs: list[_Run]) -> list[_Run]:
    """Shift a lone insertion or deletion along repeated text onto a sentence boundary.

    'いた[-します。なお…とし-]ます。' and 'いたします。[-なお…とします。-]' are the same edit;
    the second is what a reader expects. The shift moves whole tokens.
    """
    out = list(runs)
    for i in range(1, len(out) - 1):
        before, edit, after = out[i - 1], out[i], out[i + 1]
        if before.op != EQUAL or after.op != EQUAL or edit.op == EQUAL or not edit.tokens:
            continue
        a, d, b = list(before.tokens), list(edit.tokens), list(after.tokens)
        # Leftmost position first, then every shift to the right.
        while a and a[-1] == d[-1]:
            a, d, b = a[:-1], [a[-1]] + d[:-1], [d[-1]] + b
        best = (a, d, b)
        best_score = _boundary_score("".join(a), "".join(d), "".join(b))
        while b and b[0] == d[0]:
            a, d, b = a + [d[0]], d[1:] + [b[0]], b[1:]
            score = _boundary_score("".join(a), "".join(d), "".join(b))
            if score > best_score:
                best, best_score = (a, d, b), score
        out[i - 1], out[i], out[i + 1] = _Run(EQUAL, best[0]), _Run(edit.op, best[1]), _Run(EQUAL, best[2])
    return [run for run in out if run.tokens]


def _only_space(text: str) -> bool:
    return not text.strip()


def _tidy(runs: list[_Run]) -> list[_Run]:
    """Fold short equal runs between edits into the edits, and merge neighbours."""
    out = _merge(runs)
    changed = True
    while changed:
        changed = False
        for i in range(1, len(out) - 1):
            run = out[i]
            if (run.op == EQUAL and len(run.text) <= CHAFF and "\n" not in run.text
                    and out[i - 1].op != EQUAL and out[i + 1].op != EQUAL):
                out = _merge(out[:i] + [_Run(DELETE, run.tokens), _Run(INSERT, run.tokens)] + out[i + 1:])
                changed = True
                break
    return _slide(out)


def _merge(runs: list[_Run]) -> list[_Run]:
    """Neighbouring edits become one deletion followed by one insertion."""
    out: list[_Run] = []
    i = 0
    while i < len(runs):
        if runs[i].op == EQUAL:
            if out and out[-1].op == EQUAL:
                out[-1] = _Run(EQUAL, out[-1].tokens + runs[i].tokens)
            elif runs[i].tokens:
                out.append(runs[i])
            i += 1
            continue
        deleted: list[str] = []
        inserted: list[str] = []
        while i < len(runs) and runs[i].op != EQUAL:
            (deleted if runs[i].op == DELETE else inserted).extend(runs[i].tokens)
            i += 1
        if deleted:
            out.append(_Run(DELETE, deleted))
        if inserted:
            out.append(_Run(INSERT, inserted))
    return out


# --- alignment ---------------------------------------------------------------

@lru_cache(maxsize=65536)
def _similarity(a: str, b: str) -> float:
    # Cached: the history pairs the same differing clauses in many comparisons of versions.
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0.0
    return matcher.ratio()


def align(old: Sequence[T], new: Sequence[T], key: Callable[[T], str]) -> list[tuple[T | None, T | None]]:
    """Pairs (old, new) in order; None on the side where an element has no partner."""
    old_keys, new_keys = [key(x) for x in old], [key(x) for x in new]
    shorter = min(len(old_keys), len(new_keys))
    if old_keys[:shorter] == new_keys[:shorter]:
        # One is the other with units added at the end (the appendix of a later revision, compared
        # with every earlier one): what the matcher finds, without its work on every pair.
        return list(zip(old, new)) + [(x, None) for x in old[shorter:]] + [(None, y) for y in new[shorter:]]
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    pairs: list[tuple[T | None, T | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += list(zip(old[i1:i2], new[j1:j2]))
        elif tag == "delete":
            pairs += [(x, None) for x in old[i1:i2]]
        elif tag == "insert":
            pairs += [(None, y) for y in new[j1:j2]]
        else:
            pairs += _pair_similar(old[i1:i2], new[j1:j2], old_keys[i1:i2], new_keys[j1:j2])
    return pairs


def _pair_similar(old, new, old_keys, new_keys):
    """Best order-keeping pairing of two differing runs by similarity (small DP)."""
    if len(old) == 1 and len(new) == 1:
        return [(old[0], new[0])]
    m, n = len(old), len(new)
    if m * n > 2500:
        # A rewrite this large gains nothing from fine pairing: pair in order.
        k = min(m, n)
        return list(zip(old[:k], new[:k])) + [(x, None) for x in old[k:]] + [(None, y) for y in new[k:]]
    sim = [[_similarity(a, b) for b in new_keys] for a in old_keys]
    # best[i][j]: best total similarity pairing old[i:] with new[j:]
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            options = [best[i + 1][j], best[i][j + 1]]
            if sim[i][j] >= SIMILAR:
                options.append(sim[i][j] + best[i + 1][j + 1])
            best[i][j] = max(options)
    pairs, i, j = [], 0, 0
    while i < m and j < n:
        if sim[i][j] >= SIMILAR and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            pairs.append((old[i], new[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append((old[i], None))
            i += 1
        else:
            pairs.append((None, new[j]))
            j += 1
    pairs += [(x, None) for x in old[i:]] + [(None, y) for y in new[j:]]
    return pairs


# --- documents and policies --------------------------------------------------

def document_clauses(doc: model.Document | None) -> list[model.Clause]:
    """The units a document is compared in: its clauses; the appendix line by line.

    The appendix is one clause that grows by a revision line each time: compared whole, the
    comparison of any two revisions would be a new edit of the whole record; line by line, an
    added line is an inserted unit and the lines before it are unchanged (folded as （略）).
    """
    if doc is None:
        return []
    if doc.kind == model.APPENDIX and len(doc.clauses) == 1 and len(doc.clauses[0].blocks) > 1:
        whole = doc.clauses[0]
        return [model.Clause(whole.id, whole.kind, "", None, block.line, [block]) for block in whole.blocks]
    return doc.clauses


@dataclass
class _Units:
    """A document as compared: its units, and each unit's text, words and number as written."""

    clauses: list[model.Clause]
    texts: dict[int, str]     # id(clause) → text
    words: dict[int, str]     # id(clause) → words without the number, folded unless whitespace counts
    numbers: dict[int, str]
    # In order: each unit's words, and its text as the comparison of two units reads it.
    keys: list[str] = field(default_factory=list)
    text_keys: list[str] = field(default_factory=list)


_UNITS: dict[tuple[int, bool], tuple[model.Document, _Units]] = {}


def _units(doc: model.Document | None, whitespace: bool) -> _Units:
    """Computed once per document: the history compares each version with many others."""
    if doc is None:
        return _Units([], {}, {}, {})
    known = _UNITS.get((id(doc), whitespace))
    if known is not None and known[0] is doc:
        return known[1]
    clauses = document_clauses(doc)
    units = _Units(clauses, {id(c): clause_text(c) for c in clauses},
                   {id(c): _key(clause_words(c, doc), whitespace) for c in clauses},
                   {id(c): number_as_written(c, doc) for c in clauses})
    units.keys = [units.words[id(c)] for c in clauses]
    units.text_keys = [_key(units.texts[id(c)], whitespace) for c in clauses]
    if len(_UNITS) > 4096:
        _UNITS.clear()
    _UNITS[(id(doc), whitespace)] = (doc, units)   # the entry holds the document: its id stays its own
    return units


def appended(old: model.Document | None, new: model.Document | None,
             whitespace: bool = False) -> tuple[int, int] | None:
    """When ``new`` is ``old`` with units added at its end (a later appendix): how many units they
    share and how many ``new`` has. :func:`compare_documents` finds the shared ones unchanged and
    the others inserted. Else None."""
    if old is None or new is None:
        return None
    before, after = _units(old, whitespace), _units(new, whitespace)
    shared, total = len(before.clauses), len(after.clauses)
    if shared >= total or before.keys != after.keys[:shared] or before.text_keys != after.text_keys[:shared]:
        return None
    return shared, total


def compare_documents(old: model.Document | None, new: model.Document | None,
                      whitespace: bool = False) -> DocumentChange:
    before, after = _units(old, whitespace), _units(new, whitespace)
    texts = before.texts | after.texts
    words = before.words | after.words
    changes = [_clause_change(a, b, texts, words, whitespace)
               for a, b in align(before.clauses, after.clauses, lambda c: words[id(c)])]
    for change in changes:
        change.old_number = before.numbers[id(change.old)] if change.old else ""
        change.new_number = after.numbers[id(change.new)] if change.new else ""
    if old is None:
        status = ADDED
    elif new is None:
        status = REMOVED
    elif any(c.status in (CHANGED, INSERTED, DELETED) for c in changes):
        status = CHANGED
    else:
        status = RENUMBERED if any(c.status == RENUMBERED for c in changes) else UNCHANGED
    return DocumentChange(status, old, new, changes)


def _clause_change(old, new, texts: dict[int, str], words: dict[int, str], whitespace: bool) -> ClauseChange:
    if old is None:
        text = texts[id(new)]
        return ClauseChange(INSERTED, None, new, "", text, [Segment(INSERT, text)])
    if new is None:
        text = texts[id(old)]
        return ClauseChange(DELETED, old, None, text, "", [Segment(DELETE, text)])
    old_text, new_text = texts[id(old)], texts[id(new)]
    if words[id(old)] == words[id(new)]:
        if _key(old_text, whitespace) == _key(new_text, whitespace):
            return ClauseChange(UNCHANGED, old, new, old_text, new_text, [Segment(EQUAL, new_text)])
        status = RENUMBERED
    else:
        status = CHANGED
    return ClauseChange(status, old, new, old_text, new_text, char_diff(old_text, new_text, whitespace))


def _documents(policy: model.Policy) -> list[model.Document]:
    return policy.ordered()


def pair_documents(old: model.Policy, new: model.Policy,
                   whitespace: bool = False) -> list[tuple[model.Document | None, model.Document | None]]:
    """The documents of two policies paired as :func:`compare_policies` pairs them, in reading order."""
    def caption(doc: model.Document) -> str:
        if doc.kind != model.ARTICLE:
            return f"\0{doc.kind}"  # preamble and appendix pair with their own kind only
        return _key(doc.caption or doc.title, whitespace)

    pairs: list[tuple[model.Document | None, model.Document | None]] = []
    for a, b in align(_documents(old), _documents(new), caption):
        if a is not None and b is not None and a.kind != b.kind:
            # Never compare the appendix with an article: show one removed, one added.
            pairs += [(a, None), (None, b)]
            continue
        pairs.append((a, b))
    return pairs


def compare_policies(old: model.Policy, new: model.Policy, whitespace: bool = False) -> Comparison:
    """Align the documents of two policies of one language and compare each pair."""
    documents = [compare_documents(a, b, whitespace) for a, b in pair_documents(old, new, whitespace)]
    return Comparison(new.lang or old.lang, old, new, documents, whitespace)
