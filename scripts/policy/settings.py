"""The site's settings, read once from mkdocs.yml, so verify, release and the build agree on them.

The build reads the same options through the MkDocs plugin (scripts/site/plugin.py); the tools
read them here: the languages (the i18n plugin's, the default one first: the original), and the
policy plugin's company data file, archive folder, time zone, legal profile and rules file.
Without mkdocs.yml (a bare docs/ folder, as in the tests' fixture copies) the defaults apply.

The rules file (``rules.yml`` beside mkdocs.yml, optional) sets the severity of verify's codes
for this site, or turns a code off::

    # An organisation outside Japan Post's data: its postal codes are not looked up.
    ADDR001: off
    STY002: error
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .documents import SiteDocument, from_config
from .documents import titles as document_titles

from .finding import ERROR, Finding, quote
from .rules import CONFIGURATION, OFF, SEVERITIES, rule

CONFIG = "mkdocs.yml"
DEFAULTS = {"company": "data/company.yml", "archive": "revisions", "time_zone": "Asia/Tokyo",
            "legal_profile": "appi", "rules": "rules.yml"}

RULES = [
    rule("CFG001", ERROR, CONFIGURATION, "the rules file (rules.yml) names a code verify does not have"),
    rule("CFG002", ERROR, CONFIGURATION, "the rules file sets a severity other than error, warning or off"),
    rule("CFG003", ERROR, CONFIGURATION, "the rules file is not a YAML mapping of codes to severities"),
]
# The archive's integrity is checked by the build itself and is not the site's to relax.
FIXED_PREFIXES = ("HIST",)


class SettingsError(Exception):
    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass(frozen=True)
class Settings:
    root: Path
    languages: tuple[str, ...]          # the original first
    company: str
    archive: str
    time_zone: str
    legal_profile: str
    rules: str
    documents: tuple[SiteDocument, ...]  # what the site publishes (scripts/policy/documents.py)
    site_names: tuple[tuple[str, str], ...] = ()   # (language, its site_name)

    @property
    def original(self) -> str:
        return self.languages[0]

    @property
    def document_types(self) -> tuple[str, ...]:
        """Each document's type (privacy-policy, terms-of-service …)."""
        return tuple(doc.type for doc in self.documents)

    def titles(self, doc: SiteDocument) -> dict[str, str]:
        """The document's name in each of the site's languages (scripts/policy/documents.py)."""
        return document_titles(doc, self.languages, dict(self.site_names), len(self.documents) > 1)

    def by_folder(self, folder: str) -> SiteDocument:
        """The document kept in ``folder`` ('' on a site of one), or a bare one for a folder not configured."""
        return next((doc for doc in self.documents if doc.folder == folder), SiteDocument(folder or "policy", folder))

    def document(self, ident: str | None, naming: str = "--document") -> SiteDocument:
        """The document named ``ident``; None: the only one (a SettingsError when there are several,
        saying how to name one: ``naming``)."""
        if ident is None and len(self.documents) == 1:
            return self.documents[0]
        for doc in self.documents:
            if doc.id == ident:
                return doc
        names = ", ".join(d.id for d in self.documents)
        what = f"no document {ident!r}" if ident else "the site publishes several documents"
        raise SettingsError(CONFIG, 1, f"{what}: name one with {naming} ({names})")


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as data: ``!ENV [NAME, default]`` gives the default, ``!!python/name:`` nothing."""


def _env(loader: _Loader, node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if values else None
    return None


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _plugin(plugins, name: str) -> dict:
    for entry in plugins or []:
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
        if entry == name:
            return {}
    return {}


# Without mkdocs.yml (a bare docs/ folder): Japanese, the original, and English.
DEFAULT_LANGUAGES = ("ja", "en")


def _merge(parent: dict, child: dict) -> dict:
    """MkDocs' INHERIT: mappings merge key by key, anything else (a list) the child replaces."""
    out = dict(parent)
    for key, value in child.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _read(root: Path, config: str, seen: tuple[str, ...] = ()) -> dict:
    path = root / config
    data: dict = {}
    if path.is_file():
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            raise SettingsError(config, mark.line + 1 if mark else 1, f"not valid YAML: {err.problem}") from None
        except (yaml.YAMLError, UnicodeDecodeError) as err:
            raise SettingsError(config, 1, f"cannot be read: {err}") from None
        if not isinstance(data, dict):
            raise SettingsError(config, 1, "is not a mapping of settings")
        parent = data.pop("INHERIT", None)
        if parent:
            name = (Path(config).parent / str(parent)).as_posix()
            if name in seen:
                raise SettingsError(config, _line_of(path.read_text(encoding="utf-8"), "INHERIT"),
                                    f"INHERIT: {parent} inherits itself")
            # A parent that does not exist is MkDocs' to report when it builds; the file's own
            # settings (and the defaults) still apply.
            data = _merge(_read(root, name, (*seen, config)), data)
    return data


def load(root: Path, config: str = CONFIG) -> Settings:
    data = _read(root, config)
    i18n = _plugin(data.get("plugins"), "i18n")
    # As the build: a language set to ``build: false`` is not published.
    languages = [str(lang.get("locale")) for lang in i18n.get("languages") or []
                 if isinstance(lang, dict) and lang.get("build", True) is not False]
    default = next((str(lang.get("locale")) for lang in i18n.get("languages") or []
                    if isinstance(lang, dict) and lang.get("default")), languages[0] if languages else DEFAULT_LANGUAGES[0])
    ordered = (tuple([default] + [lang for lang in languages if lang != default]) if languages
               else DEFAULT_LANGUAGES)
    policy = _plugin(data.get("plugins"), "policy")
    options = {**DEFAULTS, **{k: v for k, v in policy.items() if k in DEFAULTS}}
    path = root / config
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines() if path.is_file() else []
    documents, problems = from_config(policy.get("documents"),
                                      lambda word: next((n for n, line in enumerate(lines, 1) if word in line), 1))
    if problems:
        line, message = problems[0]
        raise SettingsError(config, line, f"policy plugin, documents: {message}")
    # static-i18n: a language's own site_name, else the configuration's.
    site_names = {str(lang.get("locale")): str(lang.get("site_name") or data.get("site_name") or "")
                  for lang in i18n.get("languages") or [] if isinstance(lang, dict)}
    return Settings(root, ordered, str(options["company"]), str(options["archive"]), str(options["time_zone"]),
                    str(options["legal_profile"]), str(options["rules"]), tuple(documents),
                    tuple((lang, name) for lang, name in site_names.items() if name))


def languages(root: Path, config: str = CONFIG) -> tuple[str, ...]:
    """The site's languages, the original first (a SettingsError when mkdocs.yml cannot be read)."""
    return load(root, config).languages


def _line_of(text: str, code: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.split("#")[0].strip().startswith(f"{code}:"):
            return number
    return 1


def severities(root: Path, rules_file: str, known: set[str]) -> tuple[dict[str, str], list[Finding]]:
    """The site's severity of each code it sets, and a finding for each setting that is wrong."""
    path = root / rules_file
    if not path.is_file():
        return {}, []
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return {}, [Finding(rules_file, mark.line + 1 if mark else 1, "CFG003", ERROR,
                            f"the rules file is not valid YAML ({getattr(err, 'problem', err)}): write one "
                            "'CODE: error|warning|off' a line")]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [Finding(rules_file, 1, "CFG003", ERROR,
                            "the rules file is not a mapping: write one 'CODE: error|warning|off' a line")]
    chosen, findings = {}, []
    for code, value in data.items():
        code_text, line = str(code), _line_of(text, str(code))
        wanted = "off" if value is False else str(value).lower()   # YAML reads a bare off as false
        if code_text.startswith(FIXED_PREFIXES):
            findings.append(Finding(rules_file, line, "CFG001", ERROR,
                                    f"{quote(code_text)} is checked by the build and cannot be changed: remove the line"))
        elif code_text not in known:
            findings.append(Finding(rules_file, line, "CFG001", ERROR,
                                    f"{quote(code_text)} is not a verify code: see python -m scripts.verify --list-codes"))
        elif wanted not in (*SEVERITIES, OFF):
            findings.append(Finding(rules_file, line, "CFG002", ERROR,
                                    f"{code_text} is set to {quote(str(value))}: write error, warning or off"))
        else:
            chosen[code_text] = wanted
    return chosen, findings
