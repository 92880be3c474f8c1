"""The policy's contact and address blocks, read into plain data.

Two kinds of block carry the company's details:

* the postal address for requests (第６条's ``＜宛先＞``, English ``[Address]``):
  a postal-code line ``〒542-0081``, an address line and the company name;
* the company information (第１２条): ``事業者名：…``, ``代表取締役：…``, ``住所：…``,
  ``お問い合わせページ：https://…`` (English ``Company name: …``, ``Representative
  Director: …``, ``Address: …``, ``Contact page: …``).

Every value keeps the file line it was read from, so a finding can point at it.
The text is only read, never rewritten.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import model, profile
from .postal import find_postal_code

URL = re.compile(r"https?://[^\s<>「」（）()、。，]+|[a-z][a-z0-9+.-]*://\S+|www\.\S+", re.I)

_COLON = re.compile("[：:]")
# The key of a 'key：value' line is at most this long (longer text before a colon is a sentence).
KEY_WIDTH = 40


def key_value(line: str) -> tuple[str, str] | None:
    """(key, value) of a 'key：value' line, each without its surrounding blanks, or None.

    Split at the first colon rather than matched by one pattern: blanks that may belong to
    the key or around the value make such a pattern rescan a long run of them many times.
    """
    colon = _COLON.search(line)
    if colon is None:
        return None
    key, value = line[:colon.start()].strip(), line[colon.end():].strip()
    if not 1 <= len(key) <= KEY_WIDTH or not value:
        return None
    return key, value


@dataclass(frozen=True)
class Value:
    """One detail as written, with the file line it stands on."""

    text: str
    line: int


@dataclass
class Contact:
    """A contact or address block of one document."""

    path: str
    lang: str
    kind: str                   # 'address' (＜宛先＞) or 'company' (company information lines)
    line: int                   # where the block starts
    clause_id: str = ""
    name: Value | None = None
    representative_title: Value | None = None
    representative: Value | None = None
    address: Value | None = None
    postal_code: Value | None = None   # normalised 'NNN-NNNN'; the line is where it is written
    postal_written: str = ""           # the code as written, for quoting
    url: Value | None = None
    lines: list[Value] = field(default_factory=list)   # every line of the block, as written

    @property
    def last_line(self) -> int:
        return max([v.line for v in self.lines] or [self.line])


def _lines(block: model.Block) -> list[Value]:
    return [Value(text.strip(), block.line + offset)
            for offset, text in enumerate(block.text.split("\n")) if text.strip()]


def _address_block(doc: model.Document, start: int, words: profile.ContactWords) -> Contact:
    label = doc.blocks[start]
    contact = Contact(doc.path, doc.lang, "address", label.line, label.clause_id)
    for block in doc.blocks[start + 1:]:
        # The block ends at the next label, note, heading or numbered clause.
        if block.kind not in (model.TEXT,):
            break
        for value in _lines(block):
            contact.lines.append(value)
            code = find_postal_code(value.text)
            if code and contact.postal_code is None and re.match(r"^\s*(〒|\d{3}\D\d{4}\s*$)", value.text):
                contact.postal_code, contact.postal_written = Value(code, value.line), _postal_text(value.text)
                rest = re.sub(r"^〒?\s*[0-9０-９]{3}\D?[0-9０-９]{4}\s*", "", value.text)
                if rest:
                    contact.address = contact.address or Value(rest, value.line)
            elif words.corporate.search(value.text) and contact.name is None:
                contact.name = value
            elif URL.search(value.text) and contact.url is None:
                contact.url = Value(URL.search(value.text)[0], value.line)
            elif contact.address is None:
                contact.address = value
    return contact


# Blanks start a code only after 〒 (so a long run of them is not rescanned from each blank).
_WRITTEN_CODE = re.compile(r"(?:〒\s*)?[0-9０-９]{3}\D?[0-9０-９]{4}")


def _postal_text(text: str) -> str:
    match = _WRITTEN_CODE.search(text)
    return match[0] if match else text


def _company_block(doc: model.Document, first: int, words: profile.ContactWords) -> Contact | None:
    contact = Contact(doc.path, doc.lang, "company", doc.blocks[first].line, doc.blocks[first].clause_id)
    found = False
    for block in doc.blocks[first:]:
        if block.kind not in (model.TEXT, model.NOTE):
            if found:
                break
            continue
        for value in _lines(block):
            pair = key_value(value.text)
            key = next((name for name, pattern in words.keys if pair and pattern.match(pair[0])), None)
            if key is None:
                continue
            found = True
            contact.lines.append(value)
            text = Value(pair[1], value.line)
            if key == "representative":
                contact.representative_title = Value(pair[0], value.line)
                contact.representative = text
            elif key == "address":
                contact.address = text
                code = find_postal_code(pair[1])
                if code and contact.postal_code is None:
                    contact.postal_code, contact.postal_written = Value(code, value.line), _postal_text(pair[1])
                    rest = re.sub(r"^〒?\s*[0-9０-９]{3}\D?[0-9０-９]{4}\s*", "", pair[1])
                    contact.address = Value(rest, value.line)
            elif key == "postal_code":
                code = find_postal_code(pair[1]) or find_postal_code("〒" + pair[1])
                contact.postal_code = Value(code or pair[1], value.line)
                contact.postal_written = pair[1]
            elif key == "url":
                match = URL.search(pair[1])
                contact.url = Value(match[0] if match else pair[1], value.line)
            else:
                setattr(contact, key, text)
    if not found:
        return None
    contact.line = contact.lines[0].line
    return contact


def extract_contacts(doc: model.Document, words: profile.ContactWords | None = None) -> list[Contact]:
    """The address blocks (＜宛先＞ / [Address]) and the company information block of ``doc``,
    as the legal profile's contact words (default: the default profile's) recognise them."""
    words = words or profile.load().contacts
    contacts = []
    for index, block in enumerate(doc.blocks):
        if block.kind == model.LABEL and words.address_label.match(block.text.strip()):
            contacts.append(_address_block(doc, index, words))
    # Company information: the first run of 'key：value' lines naming the company.
    for index, block in enumerate(doc.blocks):
        if block.kind != model.TEXT:
            continue
        pair = key_value(block.text.split("\n")[0])
        if pair and words.keys[0][1].match(pair[0]):
            company = _company_block(doc, index, words)
            if company:
                contacts.append(company)
            break
    return contacts


def policy_contacts(policy: model.Policy, words: profile.ContactWords | None = None) -> list[Contact]:
    return [c for doc in policy.ordered() for c in extract_contacts(doc, words)]
