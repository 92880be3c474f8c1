"""Check 2: the contact and address blocks against the company data file and Japan Post's data.

Its finding codes are declared in ``RULES`` below.

A postal address may leave out the building name (Japan Post delivers by block
number and room); when the building is written it must be the data file's.
"""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from scripts.policy.contact import Contact, policy_contacts
from scripts.policy.finding import ERROR, Finding, quote
from scripts.policy.locale import english_name
from scripts.policy.numbering import KANJI, to_int
from scripts.policy.postal import area_matches, codes_for_address, find_postal_code, fold, lookup
from scripts.policy.reader import PolicyError
from scripts.policy.rules import COMPANY, TRANSLATIONS, rule

from .source import PolicyInput, finding

RULES = [
    rule('ADDR001', ERROR, COMPANY, "a postal code does not exist in Japan Post's data"),
    rule('ADDR002', ERROR, COMPANY, 'a postal code does not match the prefecture, city and town of the address'),
    rule('ADDR003', ERROR, COMPANY, 'a postal code differs from the company data file (data/company.yml)'),
    rule('ADDR004', ERROR, COMPANY, 'the company name differs from the company data file'),
    rule('ADDR005', ERROR, COMPANY, "the representative's title or name differs from the company data file"),
    rule('ADDR006', ERROR, COMPANY, 'the address (prefecture, city, town, block numbers, building, room) differs from the company data file'),
    rule('ADDR007', ERROR, COMPANY, 'the contact URL is not a well-formed https:// URL or differs from the company data file'),
    rule('ADDR008', ERROR, TRANSLATIONS, 'the Japanese and English contact blocks carry different postal codes or numbers'),
    rule('ADDR009', ERROR, COMPANY, "a contact block is missing: 第６条's ＜宛先＞ / 第１２条's company information (or its English twin)"),
    rule('DATA001', ERROR, COMPANY, "a value of the company data file is still a TODO (as scripts.new_site drafts what the policy does not give): write it"),
]

# How scripts.new_site writes a detail it could not read from the policy.
TODO = "TODO:"

_BLANKS = re.compile(r"\s+")
_BLOCKS = (("address", "＜宛先＞ / [Address] postal address block"),
           ("company", "company information block (事業者名：… / Company name: …)"))


def _company(src: PolicyInput, lang: str) -> dict:
    """One language's part of the company data file, with every key the legal profile requires
    (optional keys such as the room are '' when the organisation has none)."""
    data = src.company or {}
    part = data.get(lang)
    required = src.profile.company_required
    missing = [k for k in required if not isinstance(part, dict) or not str(part.get(k, "") or "").strip()]
    missing += [k for k in src.profile.company_shared if not str(data.get(k, "") or "").strip()]
    if missing:
        keys = ", ".join(f"{lang}.{k}" if k in required else k for k in missing)
        raise PolicyError(src.company_path, 1, f"the company data file lacks {keys}")
    values = {k: "" for k in src.profile.company_optional}
    values.update({k: "" if v is None else str(v) for k, v in part.items()})
    return values


def _compact(text: str) -> str:
    return _BLANKS.sub("", fold(text)).lower()


def _spaced(text: str) -> str:
    return _BLANKS.sub(" ", fold(text)).strip().lower()


def _numbers(text: str) -> list[str]:
    """Every number of an address, kanji block numbers (四丁目) included, as its digits without
    leading zeros (a run of thousands of digits is no int)."""
    def kanji(match: re.Match) -> str:
        try:
            return str(to_int(match[1]))
        except ValueError:
            return match[0]   # 十十丁目: no number, and not one to compare
    folded = re.sub(rf"({KANJI})(?=丁目|番|号)", kanji, fold(text))
    return [n.lstrip("0") or "0" for n in re.findall(r"\d+", folded)]


def _ja_address_problem(text: str, data: dict) -> str:
    compact = _compact(text)
    head = _compact(data["prefecture"] + data["city"] + data["town"])
    if not compact.startswith(head):
        return f"does not start with {data['prefecture']}{data['city']}{data['town']}"
    rest = compact[len(head):]
    block = _numbers(data["block"])
    match = re.match(rf"^((?:\d+|{KANJI})丁目(?:\d+|{KANJI})番地?(?:(?:\d+|{KANJI})号?)?|\d+(?:-\d+){{1,2}})", rest)
    if not match or _numbers(match[1]) != block:
        return f"block number is not {data['block']}"
    rest = rest[len(match[1]):].lstrip("-")
    building = _compact(data["building"]) if data.get("building") else ""
    if building and rest.startswith(building):
        rest = rest[len(building):]
    if not _compact(data["room"]):
        return f"names {quote(rest)}, which the data file's address does not have" if rest else ""
    room = re.fullmatch(r"(\d+)(?:号室|号|室)?", rest)
    if not room:
        if not rest:
            return f"room {data['room']} is missing"
        return (f"building and room {quote(rest)} are not {data.get('building', '')} {data['room']}")
    if room[1] != _compact(data["room"]):
        return f"room {room[1]} is not {data['room']}"
    return ""


def _en_address_problem(text: str, data: dict) -> str:
    spaced = _spaced(text)
    rest = spaced
    building = _spaced(data.get("building", ""))
    if building:
        rest = rest.replace(building, " ")
    parts = [data["town"], data["prefecture"], *data["city"].split(",")]
    for part in sorted((_spaced(p) for p in parts if p.strip()), key=len, reverse=True):
        if not re.search(rf"(?<![a-z]){re.escape(part)}(?![a-z])", rest):
            return f"does not name {part.strip()}"
        rest = re.sub(rf"(?<![a-z]){re.escape(part)}(?![a-z])", " ", rest)
    expected = Counter(_numbers(data["block"]) + _numbers(data["room"]))
    if Counter(_numbers(text)) != expected:
        room = f" and room {data['room']}" if data["room"] else ""
        return f"the numbers are not {data['block']}{room}"
    # A number is read from its first digit only (from each digit, a long run would be reread).
    leftover = re.sub(r"\b(room|rm|no|japan|floor)\b\.?|(?<!\d)\d+(?:st|nd|rd|th|f)?\b|[^a-z]", " ", rest)
    if leftover.strip():
        return f"names {quote(leftover.strip())}, which is not in the address of the data file"
    return ""


def _url_problem(url: str, expected: str) -> str:
    parts = urlsplit(url)
    if parts.scheme != "https" or "." not in parts.netloc or re.search(r"\s", url):
        return f"{quote(url)} is not a well-formed https:// URL"
    if url.rstrip("/") != expected.rstrip("/"):
        return f"{quote(url)} differs from the data file's {expected}"
    return ""


def _postal(src: PolicyInput, path: str, line: int, written: str, code: str, address: str) -> list[Finding]:
    """The code exists and covers the Japanese address."""
    areas = lookup(code)
    if areas and any(area_matches(area, address) for area in areas):
        return []
    right = codes_for_address(address)
    hint = f"Japan Post: {' / '.join(right)}" if right else "Japan Post has no code for this address"
    if not areas:
        return [finding(path, line, "ADDR001",
                        f"postal code {quote(written)} does not exist in Japan Post's data ({hint})")]
    known = " / ".join(str(a) for a in areas)
    return [finding(path, line, "ADDR002",
                    f"postal code {quote(written)} does not match the address {quote(address)} "
                    f"({hint}; {code} is {known})")]


def _data_file(src: PolicyInput) -> list[Finding]:
    data, ja = src.company, _company(src, "ja")
    path = src.company_path
    out = []
    code = find_postal_code("〒" + str(data["postal_code"]))
    address = ja["prefecture"] + ja["city"] + ja["town"] + ja["block"]
    if code is None:
        out.append(finding(path, src.company_line("postal_code"), "ADDR001",
                           f"postal code {quote(str(data['postal_code']))} is not of the form NNN-NNNN"))
    else:
        out += _postal(src, path, src.company_line("postal_code"), str(data["postal_code"]), code, address)
    parts = urlsplit(str(data["contact_url"]))
    if parts.scheme != "https" or "." not in parts.netloc:
        out.append(finding(path, src.company_line("contact_url"), "ADDR007",
                           f"{quote(str(data['contact_url']))} is not a well-formed https:// URL"))
    return out


def _check_contact(src: PolicyInput, contact: Contact, data: dict) -> list[Finding]:
    path, lang = contact.path, contact.lang
    out: list[Finding] = []
    what = "＜宛先＞ address block" if contact.kind == "address" else "company information"
    if lang != "ja":
        what = "[Address] block" if contact.kind == "address" else "company information"

    def missing(field: str) -> None:
        out.append(finding(path, contact.line, "ADDR009", f"the {what} has no {field}"))

    if contact.name is None:
        missing("company name")
    elif _compact(contact.name.text) != _compact(data["name"]):
        out.append(finding(path, contact.name.line, "ADDR004",
                           f"company name {quote(contact.name.text)} differs from the data file's {data['name']}"))
    if contact.address is None:
        missing("address")
    else:
        problem = (_ja_address_problem if lang == "ja" else _en_address_problem)(contact.address.text, data)
        if problem:
            out.append(finding(path, contact.address.line, "ADDR006", f"address {quote(contact.address.text)}: {problem} "
                               f"(data file: {_data_address(data, lang)})"))
    expected_code = find_postal_code("〒" + str(src.company["postal_code"]))
    if contact.postal_code is None:
        if contact.kind == "address":
            missing("postal code (〒NNN-NNNN)")
    else:
        written = contact.postal_written or contact.postal_code.text
        if contact.postal_code.text != expected_code:
            out.append(finding(path, contact.postal_code.line, "ADDR003",
                               f"postal code {quote(written)} differs from the data file's {src.company['postal_code']}"))
        if lang == "ja" and contact.address is not None:
            out += _postal(src, path, contact.postal_code.line, written, contact.postal_code.text, contact.address.text)
        elif lang != "ja" and not lookup(contact.postal_code.text):
            out.append(finding(path, contact.postal_code.line, "ADDR001",
                               f"postal code {quote(written)} does not exist in Japan Post's data"))
    if contact.kind == "company":
        if contact.representative is None:
            missing("representative (代表取締役：… / Representative Director: …)")
        else:
            title, name = contact.representative_title, contact.representative
            if _compact(title.text) != _compact(data["representative_title"]):
                out.append(finding(path, title.line, "ADDR005", f"representative's title {quote(title.text)} differs "
                                   f"from the data file's {data['representative_title']}"))
            if _compact(name.text) != _compact(data["representative"]):
                out.append(finding(path, name.line, "ADDR005", f"representative {quote(name.text)} differs "
                                   f"from the data file's {data['representative']}"))
        if contact.url is None:
            missing("contact URL")
    if contact.url is not None:
        problem = _url_problem(contact.url.text, str(src.company["contact_url"]))
        if problem:
            out.append(finding(path, contact.url.line, "ADDR007", f"contact URL {problem}"))
    return out


def _data_address(data: dict, lang: str) -> str:
    if lang == "ja":
        return f"{data['prefecture']}{data['city']}{data['town']}{data['block']} {data.get('building', '')}{data['room']}"
    return f"{data.get('building', '')} {data['room']}, {data['block']} {data['town']}, {data['city']}, {data['prefecture']}"


def _listed(numbers: Counter) -> str:
    """'[3, 7, 21]': the numbers in order (digits without leading zeros sort by length, then digits)."""
    shown = [n if len(n) <= 12 else n[:12] + "…" for n in sorted(numbers.elements(), key=lambda n: (len(n), n))]
    return "[" + ", ".join(shown) + "]"


def _block_numbers(contact: Contact) -> Counter:
    """Numbers of a block, postal code and URL left out (they are compared on their own)."""
    numbers: Counter = Counter()
    for value in (contact.address, contact.name):
        if value is not None:
            numbers.update(_numbers(value.text))
    return numbers


def _compare(ja: list[Contact], en: list[Contact], original: str) -> list[Finding]:
    """The translation's blocks ``en`` against the original's ``ja`` (in the language ``original``)."""
    out: list[Finding] = []
    name = english_name(original)
    for kind in ("address", "company"):
        pairs = zip([c for c in ja if c.kind == kind], [c for c in en if c.kind == kind])
        for jc, ec in pairs:
            j_code = jc.postal_code.text if jc.postal_code else None
            e_code = ec.postal_code.text if ec.postal_code else None
            if j_code != e_code:
                line = ec.postal_code.line if ec.postal_code else ec.line
                out.append(finding(ec.path, line, "ADDR008",
                                   f"postal code {quote(ec.postal_written or 'none')} differs from the {name} "
                                   f"{quote(jc.postal_written or 'none')} ({jc.path}:{jc.postal_code.line if jc.postal_code else jc.line})"))
            j_numbers, e_numbers = _block_numbers(jc), _block_numbers(ec)
            if j_numbers != e_numbers:
                line = ec.address.line if ec.address else ec.line
                out.append(finding(ec.path, line, "ADDR008",
                                   f"the numbers {_listed(e_numbers)} differ from the {name} "
                                   f"{_listed(j_numbers)} ({jc.path}:{jc.address.line if jc.address else jc.line})"))
    return out


def _todo_line(text: str, lang: str | None, key: str) -> int:
    """The data file's line of ``key`` (under ``lang:`` when given), for a finding about it."""
    inside = lang is None
    for number, line in enumerate(text.splitlines(), start=1):
        if lang is not None and not line.startswith((" ", "\t")) and line.strip():
            inside = line.split(":")[0].strip() == lang
        elif inside and line.strip().startswith(f"{key}:") and (lang is None) == (not line.startswith((" ", "\t"))):
            return number
    return 1


def _todos(src: PolicyInput) -> list[Finding]:
    """A finding for each value still written as a TODO, at its line."""
    data, out = src.company or {}, []
    places = [(None, key, value) for key, value in data.items() if not isinstance(value, dict)]
    places += [(lang, key, value) for lang, part in data.items() if isinstance(part, dict) for key, value in part.items()]
    for lang, key, value in places:
        if isinstance(value, str) and value.strip().startswith(TODO):
            name = f"{lang}.{key}" if lang else key
            out.append(finding(src.company_path, _todo_line(src.company_text, lang, key), "DATA001",
                               f"{name} is still to be written: {quote(value.strip())}; write the value "
                               "the policy's contact blocks give (they must agree with it)"))
    return out


def check(src: PolicyInput) -> list[Finding]:
    todos = _todos(src)
    if todos:
        # The policy is compared with the data file once the file is written: until then each
        # comparison would only repeat a TODO. The contact blocks the policy lacks are named still.
        return todos + [finding(src.display(src.docs / lang / "articles"), 0, "ADDR009", f"no {label} in the {lang} policy")
                        for lang, policy in src.policies.items()
                        for kind, label in _BLOCKS
                        if not any(c.kind == kind for c in policy_contacts(policy, src.profile.contacts))]
    out = _data_file(src) if "ja" in src.policies else []
    contacts: dict[str, list[Contact]] = {}
    for lang, policy in src.policies.items():
        data = _company(src, lang)
        contacts[lang] = policy_contacts(policy, src.profile.contacts)
        folder = src.display(src.lang_dir(lang) / "articles")
        # The blocks the law requires of the legal profile's document (a privacy policy); terms
        # of service and the like are checked only for the blocks they have.
        required = src.has_document_type(src.profile.document_type)
        for kind, label in _BLOCKS:
            if required and not any(c.kind == kind for c in contacts[lang]):
                out.append(finding(folder, 0, "ADDR009", f"no {label} in the {lang} policy"))
        for contact in contacts[lang]:
            out += _check_contact(src, contact, data)
    for original, translation in src.translations():
        out += _compare(contacts[original.lang], contacts[translation.lang], original.lang)
    return out
