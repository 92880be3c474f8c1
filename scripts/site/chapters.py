"""Chapters and documents in the navigation.

The policy core reads a chapter from each article's front matter (``chapter: 第1章　総則``);
consecutive articles of one chapter become one navigation section. On a site of several
documents, each document's pages are one section under the document's name, its chapters in it.
"""
from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..policy import model
from ..policy.documents import SiteDocument
from .nav import lang_rel


def group_nav(nav: Navigation, policy: model.Policy, lang: str) -> Navigation:
    nav.items = _chapters(nav.items, policy, lang, "", None)
    return nav


def group_documents(nav: Navigation, lang: str,
                    documents: list[tuple[SiteDocument, str, model.Policy]]) -> Navigation:
    """Each document's pages under its title (``documents``: the document, its title, its policy)."""
    items: list = []
    sections: dict[str, Section] = {}
    for item in nav.items:
        rel = _rel(item, lang)
        found = next(((doc, title) for doc, title, _ in documents if rel and rel.startswith(doc.prefix)), None)
        if found is None:
            items.append(item)
            continue
        doc, title = found
        if doc.id not in sections:
            sections[doc.id] = Section(title, [])
            items.append(sections[doc.id])
        item.parent = sections[doc.id]
        sections[doc.id].children.append(item)
    for doc, _, policy in documents:
        if doc.id in sections:
            section = sections[doc.id]
            section.children = _chapters(section.children, policy, lang, doc.prefix, section)
    nav.items = items
    return nav


def _chapters(items: list, policy: model.Policy, lang: str, prefix: str, parent) -> list:
    chapters = {prefix + doc.rel: doc.chapter for doc in policy.articles if doc.chapter}
    if not chapters:
        return items
    out: list = []
    for item in items:
        rel = _rel(item, lang)
        chapter = chapters.get(rel) if rel else None
        if chapter is None:
            out.append(item)
            continue
        if not (out and isinstance(out[-1], Section) and out[-1].title == chapter):
            out.append(Section(chapter, []))
            out[-1].parent = parent
        section = out[-1]
        item.parent = section
        section.children.append(item)
    return out


def _rel(item, lang: str) -> str | None:
    return lang_rel(item.file.src_uri, lang) if isinstance(item, Page) else None
