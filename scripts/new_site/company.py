"""A first data/company.yml, read from the imported policy's contact blocks.

Verify compares the policy's ＜宛先＞ and company information blocks with the data file
(scripts/verify/contacts.py); here the same blocks are read the other way, into the file's keys
(the legal profile lists them: company › required, optional, shared). A value the policy does not
give, or gives in a form that cannot be split (an address without a block number), is written as
a ``TODO:`` line saying what to write, which verify reports (DATA001) with its line, so the
first ``make build`` names what is left to fill in.
"""
from __future__ import annotations

import json
import re

import yaml

from scripts.policy import locale, model, profile
from scripts.policy.contact import Contact, policy_contacts
from scripts.policy.numbering import KANJI
from scripts.policy.postal import fold, lookup
from scripts.verify.contacts import TODO   # what verify reports as still to be written (DATA001)


# What to write for each key, as the TODO says it.
WHAT = {
    "name": "the organisation's name as the policy writes it",
    "representative_title": "the representative's title (代表取締役 / Representative Director)",
    "representative": "the representative's name as the policy writes it",
    "prefecture": "the prefecture of the address (東京都 / Tokyo)",
    "city": "the city and ward of the address (千代田区 / Chiyoda-ku)",
    "town": "the town of the address (神田神保町 / Kanda Jimbocho)",
    "block": "the block number of the address (1丁目1番1号 / 1-1-1)",
    "building": "the building name, or '' if there is none",
    "room": "the room number, or '' if there is none",
    "postal_code": "the postal code, NNN-NNNN",
    "contact_url": "the https:// address of the contact page",
}

_PREFECTURE = re.compile(r"^(東京都|北海道|(?:京都|大阪)府|.{2,3}県)")
_CITY = re.compile(r"^(.+?郡.+?[町村]|.+?市.+?区|.+?[市区町村])")
_BLOCK = re.compile(rf"^((?:\d+|{KANJI})丁目(?:\d+|{KANJI})番地?(?:(?:\d+|{KANJI})号)?|\d+(?:[-ー－‐]\d+){{1,2}}|\d+番地?)")
_ROOM = re.compile(r"^(.*?)[\s\u3000]*(\d+)(?:号室|号|室)?$")
_EN_CITY = re.compile(r"-(shi|ku|cho|machi|mura|son|gun)$|\b(city|ward|town|village)\b", re.I)
_EN_BLOCK = re.compile(r"^(\d+(?:-\d+){1,2})\s+(.+)$")
_EN_ROOM = re.compile(r"^(?:(?:room|rm\.?|no\.?)\s*(\d+)|(.*?)\s*(\d+)(?:f|st|nd|rd|th)?)$", re.I)


def _first(contacts: list[Contact], attribute: str, kind: str = "") -> str:
    for contact in sorted(contacts, key=lambda c: c.kind != (kind or c.kind)):
        value = getattr(contact, attribute)
        if value is not None and value.text.strip():
            return value.text.strip()
    return ""


def _ja_address(text: str, postal_code: str) -> dict[str, str]:
    """prefecture, city, town, block, building and room of a Japanese address, as far as they can be told apart."""
    text = text.strip()
    parts: dict[str, str] = {}
    areas = lookup(postal_code) if postal_code else ()
    compact = re.sub(r"[\s\u3000]", "", text)
    rest = compact
    for area in areas:
        if fold(compact).startswith(fold(str(area))) and area.town:
            parts.update(prefecture=area.prefecture, city=area.city, town=area.town)
            rest = compact[len(str(area)):]
            break
    else:
        prefecture = _PREFECTURE.match(rest)
        if prefecture:
            parts["prefecture"], rest = prefecture[1], rest[len(prefecture[1]):]
            city = _CITY.match(rest)
            if city:
                parts["city"], rest = city[1], rest[len(city[1]):]
                town = re.match(rf"^(\D+?)(?=\d|{KANJI}丁目)", rest)
                if town:
                    parts["town"], rest = town[1], rest[len(town[1]):]
    if "town" not in parts:
        return parts
    block = _BLOCK.match(fold(rest))
    if not block:
        return parts
    # The written form, not the folded one: the same number of characters (NFKC keeps digits one to one).
    parts["block"], rest = rest[:len(block[1])], rest[len(block[1]):].lstrip("-ー－‐ ")
    # The building and room, from what follows the block number in the original spacing.
    tail = text[len(text) - len(rest):] if rest and text.endswith(rest) else rest
    room = _ROOM.match(fold(tail).strip()) if tail else None
    if not tail:
        parts.update(building="", room="")
    elif room:
        parts.update(building=room[1].strip(), room=room[2])
    else:
        parts.update(building=tail.strip(), room="")
    return parts


def _en_address(text: str) -> dict[str, str]:
    """The parts of an English address written smallest first: 'Room 201, 1-1-1 Kanda Jimbocho, Chiyoda-ku, Tokyo'."""
    pieces = [p.strip() for p in fold(text).split(",") if p.strip()]
    pieces = [p for p in pieces if p.lower() != "japan" and not re.fullmatch(r"\d{3}-\d{4}", p)]
    block_at = next((i for i, p in enumerate(pieces) if _EN_BLOCK.match(p)), None)
    if block_at is None or block_at == len(pieces) - 1:
        return {}
    block = _EN_BLOCK.match(pieces[block_at])
    cities = pieces[block_at + 1:-1]
    if not cities or not all(_EN_CITY.search(c) for c in cities):
        return {}
    parts = {"block": block[1], "town": block[2], "prefecture": pieces[-1],
             # Japan Post's order, larger first: 'Nagoya-shi, Naka-ku'.
             "city": ", ".join(reversed(cities))}
    before = " ".join(pieces[:block_at])
    room = _EN_ROOM.match(before) if before else None
    if not before:
        parts.update(building="", room="")
    elif room and room[1]:
        parts.update(building="", room=room[1])
    elif room and room[3]:
        parts.update(building=room[2].strip(), room=room[3])
    else:
        parts.update(building=before, room="")
    return parts


_SPACED_BLOCK = re.compile(r"^\d+(?:-\d+){1,2}$")


def _largest_first_address(text: str) -> dict[str, str]:
    """The parts of an address written largest first with spaces between them, as Korean writes a
    Japanese one: '아이치현 나고야시 나카구 사카에 3-7-21 사카에 테라스 501' (prefecture, cities,
    town, block, then the building and room)."""
    words = [w for w in fold(text).split() if not re.fullmatch(r"〒?\d{3}-\d{4}", w)]
    block_at = next((i for i, w in enumerate(words) if _SPACED_BLOCK.match(w)), None)
    if block_at is None or block_at < 3:
        return {}
    parts = {"prefecture": words[0], "city": ", ".join(words[1:block_at - 1]), "town": words[block_at - 1],
             "block": words[block_at]}
    rest = words[block_at + 1:]
    if rest and rest[-1].isdigit():
        parts.update(building=" ".join(rest[:-1]), room=rest[-1])
    else:
        parts.update(building=" ".join(rest), room="")
    return parts


# Each way of writing an address (the locale entry's address:), read into the data file's keys.
_READERS = {"japanese": _ja_address, "smallest_first": lambda text, _: _en_address(text),
            "largest_first": lambda text, _: _largest_first_address(text)}


def _part(policy: model.Policy, words: profile.ContactWords, postal_code: str) -> dict[str, str]:
    contacts = policy_contacts(policy, words)
    values = {"name": _first(contacts, "name", "company"),
              "representative_title": _first(contacts, "representative_title"),
              "representative": _first(contacts, "representative")}
    # The company information's address first (it names the building), then the ＜宛先＞ block's.
    read = _READERS[locale.load(policy.lang).address]
    readings = [read(c.address.text, postal_code)
                for kind in ("company", "address") for c in contacts if c.kind == kind and c.address is not None]
    if readings:
        values.update(max(readings, key=lambda parts: ("block" in parts, len(parts))))
    return values


def draft(policies: dict[str, model.Policy], legal: profile.Profile) -> dict:
    """The data file's values, per language; a value left empty is one the policy does not give."""
    contacts = [c for policy in policies.values() for c in policy_contacts(policy, legal.contacts)]
    postal_code = _first(contacts, "postal_code")
    url = _first(contacts, "url", "company")
    data: dict = {"postal_code": postal_code, "contact_url": url}
    for lang, policy in policies.items():
        data[lang] = _part(policy, legal.contacts, postal_code)
    return data


def scalar(text: str) -> str:
    """A YAML value as written by hand when it reads back the same, else double-quoted."""
    try:
        plain = bool(text) and yaml.safe_load(text) == text and not re.search(r"#|: |^[\s'\"]|\s$", text)
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def _value(text: str, key: str, known: bool) -> str:
    return scalar(text) if known else json.dumps(f"{TODO} {WHAT.get(key, key)}", ensure_ascii=False)


def render(data: dict, legal: profile.Profile, langs: tuple[str, ...]) -> str:
    """data/company.yml as text: every key the legal profile names; one the policy does not give is a TODO."""
    lines = ["# The organisation's details, in each language of the site. The policy's contact and address",
             "# blocks must agree with this file: `make verify` checks them and names every TODO value",
             "# still to be written. Drafted by scripts.new_site from the imported policy."]
    for key in legal.company_shared:
        value = str(data.get(key) or "")
        lines.append(f"{key}: {_value(value, key, bool(value))}")
    for lang in langs:
        part = data.get(lang) or {}
        lines.append(f"{lang}:")
        for key in (*legal.company_required, *legal.company_optional):
            value = str(part.get(key) or "")
            # An optional key (building, room) read as absent is known to be empty.
            lines.append(f"  {key}: {_value(value, key, bool(value) or (key in legal.company_optional and key in part))}")
    return "\n".join(lines) + "\n"
