"""What verify reads: the policy in each language, the company data file and "today".

Anything that cannot be read at all is a ``PolicyError`` (exit status 2); nothing here writes.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from scripts.policy import model
from scripts.policy import profile as profiles
from scripts.history.archive import ARCHIVE
from scripts.policy.company import read_company
from scripts.policy.documents import SiteDocument
from scripts.policy.finding import Finding
from scripts.policy.reader import PolicyError, load_policy, policy_today

from . import codes

COMPANY_FILE = Path("data") / "company.yml"


@dataclass
class PolicyInput:
    root: Path                      # the repository: paths are shown relative to it
    docs: Path
    policies: dict[str, model.Policy]   # every language checked, the original first
    company: dict | None = None
    company_path: str = ""
    company_text: str = ""
    today: dt.date = field(default_factory=dt.date.today)
    profile: profiles.Profile = field(default_factory=profiles.load)
    document_types: tuple[str, ...] = (profiles.DEFAULT_TYPE,)
    languages: tuple[str, ...] = ()      # the site's languages, the original first (default: those checked)
    document: SiteDocument = field(default_factory=lambda: SiteDocument("privacy-policy"))
    archive: str = ARCHIVE          # the document's archive folder beside docs/
    several: bool = False           # the site publishes several documents: commands name this one

    def lang_dir(self, lang: str) -> Path:
        """The checked document's folder in one language (docs/ja/, or docs/ja/terms/ on a site of several)."""
        return self.document.lang_dir(self.docs, lang)

    def has_document_type(self, kind: str) -> bool:
        return kind in self.document_types

    @property
    def site_languages(self) -> tuple[str, ...]:
        return self.languages or tuple(self.policies)

    @property
    def original(self) -> str:
        return self.site_languages[0]

    @property
    def compared(self) -> bool:
        """Every language is checked, so each translation can be compared with the original."""
        return len(self.site_languages) > 1 and all(lang in self.policies for lang in self.site_languages)

    def translations(self) -> list[tuple[model.Policy, model.Policy]]:
        """(original, translation) for each translation, in the site's order; none unless ``compared``."""
        if not self.compared:
            return []
        return [(self.policies[self.original], self.policies[lang]) for lang in self.site_languages[1:]]

    def display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def company_line(self, key: str) -> int:
        """The data file's line that holds ``key`` (first match), for findings about it."""
        for number, line in enumerate(self.company_text.splitlines(), start=1):
            if line.strip().startswith(f"{key}:"):
                return number
        return 1


def finding(path: str, line: int, code: str, message: str) -> Finding:
    """A finding with the code's registered severity."""
    return Finding(path, line, code, codes.registry()[code].severity, message)


def today() -> dt.date:
    """The build's 'today', so verify judges what is in force exactly as the build does."""
    return policy_today()


def load(root: Path, docs: Path, langs: tuple[str, ...], company: Path | None,
         legal: profiles.Profile | None = None, document_types: tuple[str, ...] | None = None,
         site_languages: tuple[str, ...] | None = None, document: SiteDocument | None = None,
         archive: str = ARCHIVE, several: bool = False) -> PolicyInput:
    """What verify reads of one document (the site's only one by default) in ``langs``."""
    if not docs.is_dir():
        raise PolicyError(str(docs), 0, "no such folder: the policy's docs folder is missing")
    document = document or SiteDocument("privacy-policy")
    policies = {lang: load_policy(docs, lang, root=root, folder=document.folder) for lang in langs}
    source = PolicyInput(root, docs, policies, today=today(), languages=tuple(site_languages or langs),
                         document=document, archive=archive, several=several)
    if legal is not None:
        source.profile = legal
    if document_types is not None:
        source.document_types = document_types
    company = company or root / COMPANY_FILE
    source.company_path = source.display(company)
    source.company, source.company_text = read_company(company, source.company_path)
    return source
