"""Chapters in the navigation: the articles of each chapter grouped under its title.

The policy core reads a chapter from each article's front matter (``chapter: 第1章　総則``);
consecutive articles of one chapter become one navigation section.
"""
from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..policy import model


def group_nav(nav: Navigation, policy: model.Policy, lang: str) -> Navigation:
    chapters = {doc.rel: doc.chapter for doc in policy.articles if doc.chapter}
    if not chapters:
        return nav
    items = []
    for item in nav.items:
        rel = _rel(item, lang)
        chapter = chapters.get(rel) if rel else None
        if chapter is None:
            items.append(item)
            continue
        if not (items and isinstance(items[-1], Section) and items[-1].title == chapter):
            items.append(Section(chapter, []))
        section = items[-1]
        item.parent = section
        section.children.append(item)
    nav.items = items
    return nav


def _rel(item, lang: str) -> str | None:
    if not isinstance(item, Page):
        return None
    uri = item.file.src_uri
    return uri.split("/", 1)[1] if uri.startswith(f"{lang}/") else uri
