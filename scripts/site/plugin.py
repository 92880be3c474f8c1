"""The MkDocs plugin of the policy site: the build reads the policy through the same core as every tool.

Registered as ``policy`` (entry point ``mkdocs.plugins`` in pyproject.toml) and configured in
mkdocs.yml after the i18n plugin::

    plugins:
      - i18n: {...}
      - policy:
          company: data/company.yml
          archive: revisions
          time_zone: Asia/Tokyo
          legal_profile: appi

mkdocs-static-i18n builds the default language first and, from its ``on_post_build``, builds
every other language with the same config and the same plugin instances. The plugin tells the
two apart by asking the i18n plugin (``building`` is set only while the other languages are
built), so per-build state is reset once and the site-wide outputs (404 pages, feeds, search
index, headers) are written once, after the last language. The event methods stay thin: the
work is done by ``scripts.site`` and ``scripts.history``.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape as markup_escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from ..history import site as history
from ..policy import locale, model, profile
from ..policy.documents import SiteDocument, from_config
from ..policy.documents import titles as document_titles
from ..policy.files import LINK, outside
from ..policy.company import names, read_company
from ..policy.dates import format_date
from ..policy.reader import PolicyError, load_policy, parse_document, policy_today
from . import headers as site_headers
from . import localserve as site_localserve
from . import nav as site_nav
from . import robots as site_robots
from . import search as site_search
from .sanitize import sanitize
from .annotate import (absolute_alternates, add_clause_links, annotate, article_list,
                       chapter_line, description, drop_alternates, full_text, wrap_contacts)
from .chapters import group_documents, group_nav
from .strings import strings



class DocumentConfig(base.Config):
    """One document of the site: its id, and its folder under ``docs/<lang>/`` ('' = all of it)."""

    id = c.Type(str)
    folder = c.Type(str, default="")
    # Which verify rules apply (the legal profile's disclosures are for its type): default, the id.
    type = c.Type(str, default="")
    # Its name in each language, for the navigation and the home page of a site of several.
    title = c.Type(dict, default={})


class PolicyPluginConfig(base.Config):
    # The organisation's details (name, address, contact), per language; verify checks the text against it.
    company = c.Type(str, default="data/company.yml")
    # The documents the site publishes: one (the whole of each language folder), or several,
    # each in its own folder (scripts/policy/documents.py).
    documents = c.ListOfItems(c.SubConfig(DocumentConfig), default=[])
    # Every published revision, as published (beside docs/).
    archive = c.Type(str, default="revisions")
    # Whose 'today' decides which revision is in force (an IANA zone name).
    time_zone = c.Type(str, default="Asia/Tokyo")
    # The law whose disclosures and address grammar verify applies.
    legal_profile = c.Choice(profile.available(), default=profile.DEFAULT)
    # The site's severities of verify's codes (optional; scripts/policy/settings.py, README).
    rules = c.Type(str, default="rules.yml")


@dataclass
class Languages:
    """The languages the i18n plugin builds, the default (original) one first."""

    default: str
    codes: tuple[str, ...]
    names: dict[str, str]

    def home(self, lang: str) -> str:
        return "/" if lang == self.default else f"/{lang}/"


@dataclass
class BuildState:
    """What one `mkdocs build` (every language) reads once and collects."""

    today: dt.date
    # Per document (its id): the archived revision in force while docs/ holds an upcoming one.
    in_force: dict[str, Path | None] = field(default_factory=dict)
    policies: dict[tuple[str, str, str], model.Policy] = field(default_factory=dict)
    not_found: dict[str, str] = field(default_factory=dict)
    base_urls: set[str] = field(default_factory=set)   # every page depth, for the CSP's script hashes


def build_epoch(today: dt.date) -> int:
    """Midnight UTC of the build day, as seconds since the epoch."""
    return int(dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc).timestamp())


class PolicyPlugin(BasePlugin[PolicyPluginConfig]):
    def __init__(self) -> None:
        self.state: BuildState | None = None
        self.languages: Languages | None = None
        self.root: Path | None = None
        self.authors: dict[str, str] = {}
        self.documents: list[SiteDocument] = []
        self.titles: dict[str, dict[str, str]] = {}   # document id → lang → its name

    # --- the i18n plugin's view of the build --------------------------------------------

    def _i18n(self, config):
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError("the policy plugin needs the i18n plugin (mkdocs-static-i18n) listed before it")
        return i18n

    def _nested(self, config) -> bool:
        """True while static-i18n builds a language other than the first, inside the first's build."""
        return bool(getattr(self._i18n(config), "building", False))

    def _lang(self, config) -> str:
        return self._i18n(config).current_language or self.languages.default

    def _read_languages(self, config) -> Languages:
        i18n = self._i18n(config)
        built = [lang for lang in i18n.config.languages if lang.build]
        default = i18n.default_language
        if default is None:
            raise PluginError("the i18n plugin names no default language (default: true)")
        codes = tuple([default] + [lang.locale for lang in built if lang.locale != default])
        return Languages(default, codes, {lang.locale: lang.name or lang.locale for lang in built})

    # --- events -------------------------------------------------------------------------

    def on_config(self, config):
        if self._nested(config):
            return config
        self.root = history.project_root(config)
        self.languages = self._read_languages(config)
        try:
            locale.check(self.languages.codes)
        except locale.LocaleError as err:
            raise PluginError(f"policy: {err}") from None
        entries = [{"id": d.id, "folder": d.folder, "type": d.type, "title": d.title} for d in self.config.documents]
        documents, problems = from_config(entries, lambda word: 0)
        if problems:
            raise PluginError(f"policy: documents: {problems[0][1]}")
        self.documents = documents
        # Each document's name per language, as the tools read it (scripts/policy/documents.py).
        site_names = {lang.locale: lang.site_name or config.site_name for lang in self._i18n(config).config.languages}
        self.titles = {doc.id: document_titles(doc, self.languages.codes, site_names, self.several)
                       for doc in self.documents}
        try:
            self.authors = names(read_company(self.root / self.config.company, self.config.company)[0])
        except PolicyError as err:
            raise PluginError(str(err)) from None
        self.state = BuildState(self._today())
        # Reproducible builds: MkDocs dates the pages, the sitemap and its gzip header by
        # SOURCE_DATE_EPOCH when set, else by the files' times. The build day is the date it
        # already judges "in force" by, so two builds of one commit on one day are byte-identical.
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(build_epoch(self.state.today)))
        # Before MkDocs lists the files: the archive must be intact and the history pages exist.
        for doc in self.documents:
            self.state.in_force[doc.id] = history.prepare(
                self.root, Path(config["docs_dir"]), self.state.today, doc.archive(self.config.archive),
                self.languages.codes, doc.folder)
        if config.nav is None:
            lang_dir = Path(config["docs_dir"]) / self.languages.default
            try:
                if self.several:
                    # The home page, then each document's pages (grouped per document in on_nav).
                    config.nav = ["index.md"] + [f"{doc.prefix}{rel}" for doc in self.documents
                                                 for rel in site_nav.navigation(lang_dir, doc.folder)]
                else:
                    config.nav = site_nav.navigation(lang_dir)
            except PolicyError as err:
                raise PluginError(str(err)) from None
        return config

    @property
    def several(self) -> bool:
        return len(self.documents) > 1

    def _rel(self, page, lang: str) -> str:
        return site_nav.lang_rel(page.file.src_uri, lang)

    def _document(self, page, lang: str) -> SiteDocument | None:
        """The document a page belongs to; None for the home page of a site of several."""
        if not self.several:
            return self.documents[0]
        first = self._rel(page, lang).split("/", 1)[0]
        return next((doc for doc in self.documents if doc.folder == first), None)

    def _title(self, doc: SiteDocument, lang: str) -> str:
        return self.titles[doc.id][lang]

    def on_files(self, files, config):
        # Only the repository's own files are published: a symlink in docs/ or overrides/ (to
        # /proc/self/environ, a key, another checkout) stops the build, naming it.
        base = Path(os.path.abspath(config.get("config_file_path") or config["docs_dir"])).parent
        folders = [Path(config["docs_dir"])] + ([Path(config["theme"].custom_dir)] if config["theme"].custom_dir else [])
        for folder in folders:
            if outside(folder, base):
                raise PluginError(f"policy: {folder}: {LINK}")
        for file in files:
            if not file.abs_src_path:
                continue
            src = Path(file.abs_src_path)
            for folder in folders:
                if Path(os.path.abspath(src)).is_relative_to(os.path.abspath(folder)) and outside(src, folder):
                    shown = Path(os.path.relpath(src, base)).as_posix()
                    raise PluginError(f"policy: {shown}: {LINK}")
        return files

    def _today(self) -> dt.date:
        try:
            return policy_today(self.config.time_zone)
        except PolicyError as err:
            raise PluginError(str(err)) from None

    def on_serve(self, server, config, builder):
        for doc in self.documents:
            history.watch(server, self.root, doc.archive(self.config.archive))
        site_localserve.serve_language_404(server, [lang for lang in self.languages.codes
                                                    if lang != self.languages.default])
        return server

    def _policy(self, config, lang: str, doc: SiteDocument) -> model.Policy:
        # Until an upcoming revision's date, the policy in force is its archived predecessor.
        in_force = self.state.in_force.get(doc.id)
        docs_dir, folder = (in_force, "") if in_force else (Path(config["docs_dir"]), doc.folder)
        key = (str(docs_dir), folder, lang)
        if key not in self.state.policies:
            try:
                self.state.policies[key] = load_policy(docs_dir, lang, root=self.root, folder=folder)
            except PolicyError as err:
                raise PluginError(str(err)) from None
        return self.state.policies[key]

    def _timeline(self, doc: SiteDocument):
        return lambda: history.load(self.root, self.state.today, doc.archive(self.config.archive),
                                    self.languages.codes, doc.folder)

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        try:
            return self._page_markdown(markdown, page, config)
        except PolicyError as err:
            # The editor's slip, with its file and line, never a traceback.
            raise PluginError(str(err)) from None

    def _page_markdown(self, markdown: str, page, config) -> str:
        lang = self._lang(config)
        document = self._document(page, lang)
        if document is None:
            return self._home_markdown(markdown, page, config, lang)
        generated = history.page_markdown(page, lang, self._timeline(document))
        if generated is not None:
            return generated
        markdown = history.in_force_markdown(page, lang, self.state.in_force.get(document.id),
                                             document.prefix) or markdown
        rel = self._rel(page, lang)[len(document.prefix):]
        doc = parse_document(markdown, page.file.src_path, rel, lang)
        page.meta.setdefault("description", description(doc, config.get("site_description") or ""))
        # The theme prints the description raw into an attribute: escaped once, as Markup (which
        # later escaping leaves as it is), so quotation marks in the text do not break the tag.
        page.meta["description"] = markup_escape(page.meta["description"])
        if isinstance(page.meta.get("title"), str):
            # A front-matter title is printed raw by the theme (navigation, header): escaped once too.
            page.meta["title"] = markup_escape(page.meta["title"])
        if page.meta.get("page") == "full-text":
            return full_text(self._policy(config, lang, document), doc.title or strings(lang)["full_text"])
        if doc.kind == model.PREAMBLE:
            return annotate(doc) + "\n" + article_list(self._policy(config, lang, document))
        return chapter_line(doc) + annotate(doc)

    def _home_markdown(self, markdown: str, page, config, lang: str) -> str:
        """The home page of a site of several documents: its own text, then each document with its date."""
        page.meta.setdefault("description", markup_escape(config.get("site_description") or ""))
        lines = [markdown.rstrip(), ""]
        ui = strings(lang)
        for doc in self.documents:
            # The original is authoritative for dates, as on every page of the document.
            effective = self._policy(config, self.languages.default, doc).effective_date(self.state.today)
            when = ui["effective_after"].format(label=ui["effective"], date=format_date(effective, lang)) if effective else ""
            lines.append(f"- [{self._title(doc, lang)}]({doc.prefix}index.md){when}")
        return "\n".join(lines) + "\n"

    def on_nav(self, nav, config, files):
        lang = self._lang(config)
        if not self.several:
            return group_nav(nav, self._policy(config, lang, self.documents[0]), lang)
        return group_documents(nav, lang, [(doc, self._title(doc, lang), self._policy(config, lang, doc))
                                           for doc in self.documents])

    def on_page_content(self, html: str, page, config, files) -> str:
        # Markdown has just made HTML of the page's text: only inert markup goes on.
        html = sanitize(html)
        html = add_clause_links(wrap_contacts(html), strings(self._lang(config))["clause_link"])
        document = self._document(page, self._lang(config))
        if document is not None:
            html = history.clause_history(html, page, self._lang(config), self._timeline(document),
                                          self.languages.default, document.prefix)
        first_page = page.is_homepage if not self.several else \
            document is not None and self._rel(page, self._lang(config)) == f"{document.prefix}index.md"
        if first_page:
            # A document's first page ends with the list of its articles: not their text.
            html = site_search.ignore_article_list(html)
        return history.page_content(html, page)

    def on_post_page(self, output: str, page, config) -> str:
        output = history.post_page(output, page)
        return absolute_alternates(output, page.url, config.get("site_url") or "",
                                   self.languages.codes, self.languages.default)

    def _context(self, context: dict, config, document: SiteDocument | None) -> dict:
        lang = self._lang(config)
        # The original is authoritative for dates; every language shows its date.
        effective = self._policy(config, self.languages.default, document).effective_date(self.state.today) \
            if document else None
        context["policy_lang"] = lang
        ui = dict(strings(lang))
        # The 404's way home names the site, in the language's own site name.
        ui["home"] = ui["home"].format(site=config.site_name)
        context["policy_ui"] = ui
        context["policy_effective"] = format_date(effective, lang) if effective else ""
        context["policy_effective_iso"] = effective.isoformat() if effective else ""
        context["policy_upcoming"] = history.upcoming(lang, self._timeline(document), self.languages.default,
                                                      config.get("site_url") or "", document.prefix) \
            if document else None
        # The document's name beside the company's in the header, on a site of several.
        context["policy_document"] = self._title(document, lang) if document and self.several else ""
        # The organisation, named in the header and every <title> (from the company data file).
        context["policy_company"] = self.authors.get(lang, "")
        return context

    def on_page_context(self, context, page, config, nav):
        self.state.base_urls.add(context.get("base_url", ""))
        document = self._document(page, self._lang(config))
        context["policy_indexed"] = document is not None and site_search.indexable(page, document.prefix)
        # static-i18n's other languages have no `is_homepage`: their preamble is their home.
        context["policy_home_page"] = page.is_homepage or page.file.src_uri == f"{self._lang(config)}/index.md"
        return history.page_context(self._context(context, config, self._document(page, self._lang(config))),
                                    page, self.state.today)

    def on_template_context(self, context, template_name, config):
        if template_name == "404.html":
            self.state.base_urls.add(context.get("base_url", ""))
            # The 404 page has no twin page: its switcher leads to each language's home.
            alternates = [{"name": self.languages.names[lang], "link": self.languages.home(lang), "lang": lang}
                          for lang in self.languages.codes]
            # static-i18n sets the switcher (as an attribute of `extra`, which the template reads
            # before the key) only in page contexts; a 404 is no page, so left alone it showed the
            # last page built's alternates (a history page). Both are set, so either lookup finds it.
            context["config"].extra["alternate"] = alternates
            setattr(context["config"].extra, "alternate", alternates)
        context = self._context(context, config, None if self.several else self.documents[0])
        context["policy_home"] = self.languages.home(self._lang(config))
        return context

    def on_post_template(self, output: str, template_name: str, config):
        if template_name == "404.html":
            # A 404 is served at any URL: it names no alternates of its own.
            output = drop_alternates(output)
            self.state.not_found[self._lang(config)] = output
        return output

    @event_priority(-200)
    def on_post_build(self, config) -> None:
        # After i18n's own on_post_build (-100): in the first language's build it has built the
        # others by then, so the whole site is on disk.
        if self._nested(config):
            return
        site = Path(config["site_dir"])
        # Each language build writes the root 404.html; the last one would win.
        for lang, output in self.state.not_found.items():
            target = site / "404.html" if lang == self.languages.default else site / lang / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(output, encoding="utf-8")
        for doc in self.documents:
            history.write_outputs(site, self._timeline(doc)(), config.get("site_url") or "",
                                  self.languages.codes, self.authors, self.config.time_zone, doc.prefix)
        # The search index and the CSP hashes read the finished pages of every language.
        try:
            site_search.build_index(site)
        except site_search.SearchIndexError as err:
            raise PluginError(str(err)) from None
        site_headers.write_headers(site, site_headers.template_script_hashes(
            config["theme"].get_env(), config, self.state.base_urls))
        site_robots.write_robots(site, config.get("site_url") or "")
