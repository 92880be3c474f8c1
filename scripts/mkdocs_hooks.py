"""MkDocs hooks: the build reads the policy through the same core as every other tool.

Each language is a separate MkDocs build under mkdocs-static-i18n, so every hook
runs once per language and reads the current one from the i18n plugin.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    # MkDocs loads this file by path; the core lives in the package beside it.
    sys.path.insert(0, str(ROOT))

from scripts.policy import model  # noqa: E402
from scripts.policy.dates import format_date  # noqa: E402
from scripts.policy.reader import PolicyError, load_policy, parse_document, policy_today  # noqa: E402
from scripts.site.annotate import (ALTERNATE_LINK, absolute_alternates, add_clause_links, annotate,  # noqa: E402
                                   article_list, chapter_line, description, full_text, wrap_contacts)
from scripts.site.chapters import group_nav  # noqa: E402
from scripts.site.strings import strings  # noqa: E402
from scripts.history import site as history  # noqa: E402
from scripts.site import search as site_search  # noqa: E402
from scripts.site import headers as site_headers  # noqa: E402
from scripts.site import robots as site_robots  # noqa: E402

_state: dict = {"policies": {}, "not_found": {}, "depth": 0}
LANGS = ("ja", "en")
DEFAULT_LANG = "ja"


def _lang(config) -> str:
    i18n = config.plugins.get("i18n")
    return (getattr(i18n, "current_language", None) or config.theme.get("language") or "ja")


def build_date() -> dt.date:
    """'Today' for the build: POLICY_TODAY=YYYY-MM-DD makes builds reproducible and testable."""
    try:
        return policy_today()
    except PolicyError as err:
        raise PluginError(str(err)) from None


def _policy(config, lang: str) -> model.Policy:
    # Until an upcoming revision's date, the policy in force is its archived predecessor.
    docs_dir = history.in_force_dir(config) or Path(config["docs_dir"])
    key = (str(docs_dir), lang)
    if key not in _state["policies"]:
        try:
            _state["policies"][key] = load_policy(docs_dir, lang, root=ROOT)
        except PolicyError as err:
            raise PluginError(str(err)) from None
    return _state["policies"][key]


def on_config(config):
    # Before MkDocs lists the files: the archive must be intact and the history pages exist.
    history.prepare(config, build_date())
    return config


def on_serve(server, config, builder):
    history.watch(server, config)
    return server


def on_pre_build(config) -> None:
    # static-i18n nests the other languages' builds inside the default one: count the depth
    # so that per-run state is reset once, and 404 pages are placed once all are built.
    if _state["depth"] == 0:
        # `mkdocs serve` rebuilds in the same process: read the files again each build.
        _state["policies"].clear()
        _state["not_found"].clear()
    _state["depth"] += 1


def on_build_error(error) -> None:
    _state["depth"] = 0


def _effective(config) -> dt.date | None:
    # The Japanese original is authoritative for dates; both languages show its date.
    return _policy(config, "ja").effective_date(build_date())


def on_page_markdown(markdown: str, page, config, files) -> str:
    lang = _lang(config)
    generated = history.page_markdown(page, lang, config, build_date())
    if generated is not None:
        return generated
    markdown = history.in_force_markdown(page, lang, config) or markdown
    rel = page.file.src_uri.split("/", 1)[1] if page.file.src_uri.startswith(f"{lang}/") else page.file.src_uri
    doc = parse_document(markdown, page.file.src_path, rel, lang)
    ui = strings(lang)
    page.meta.setdefault("description", description(doc, config.get("site_description") or ""))
    if page.meta.get("page") == "full-text":
        return full_text(_policy(config, lang), doc.title or ui["full_text"])
    if doc.kind == model.PREAMBLE:
        return annotate(doc) + "\n" + article_list(_policy(config, lang))
    return chapter_line(doc) + annotate(doc)


def on_nav(nav, config, files):
    return group_nav(nav, _policy(config, _lang(config)), _lang(config))


def on_page_content(html: str, page, config, files) -> str:
    html = add_clause_links(wrap_contacts(html), strings(_lang(config))["clause_link"])
    if page.is_homepage:
        html = site_search.ignore_article_list(html)
    return history.page_content(html, page)


def on_post_page(output: str, page, config) -> str:
    output = history.post_page(output, page)
    return absolute_alternates(output, page.url, config.get("site_url") or "", LANGS, DEFAULT_LANG)


def _context(context: dict, config) -> dict:
    lang = _lang(config)
    effective = _effective(config)
    context["policy_lang"] = lang
    context["policy_ui"] = strings(lang)
    context["policy_effective"] = format_date(effective, lang) if effective else ""
    context["policy_effective_iso"] = effective.isoformat() if effective else ""
    context["policy_upcoming"] = history.upcoming(lang, build_date(), config)
    return context


def on_page_context(context, page, config, nav):
    context["policy_indexed"] = site_search.indexable(page)
    return history.page_context(_context(context, config), page)


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        # The 404 page has no twin page: its switcher leads to each language's home.
        names = {"ja": "日本語", "en": "English"}
        context["config"].extra["alternate"] = [
            {"name": names[lang], "link": home(lang), "lang": lang} for lang in LANGS]
    context = _context(context, config)
    context["policy_home"] = home(_lang(config))
    return context


def home(lang: str) -> str:
    return "/" if lang == DEFAULT_LANG else f"/{lang}/"


def on_post_template(output: str, template_name: str, config):
    if template_name == "404.html":
        # A 404 is served at any URL: it names no alternates of its own.
        output = ALTERNATE_LINK.sub("", output)
        _state["not_found"][_lang(config)] = output
    return output


@event_priority(-200)
def on_post_build(config) -> None:
    # Each language build writes the root 404.html; the last one would win.
    # Put each language's 404 in its own folder once all languages are built.
    _state["depth"] -= 1
    if _state["depth"] > 0:
        return
    site = Path(config["site_dir"])
    for lang, output in _state["not_found"].items():
        target = site / "404.html" if lang == DEFAULT_LANG else site / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
    history.write_outputs(site, config, build_date())
    # The search index and the CSP hashes read the finished pages of every language.
    try:
        site_search.build_index(site)
    except site_search.SearchIndexError as err:
        raise PluginError(str(err)) from None
    site_headers.write_headers(site)
    site_robots.write_robots(site, config.get("site_url") or "")
