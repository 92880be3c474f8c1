"""The site's navigation, from the policy model: no list of pages to keep in step by hand."""
from __future__ import annotations

from pathlib import Path

from ..history.pages import FOLDER
from ..policy import model
from ..policy.reader import load_policy


def lang_rel(src_uri: str, lang: str) -> str:
    """A page's path inside its language folder: 'en/articles/06.md' → 'articles/06.md'."""
    return src_uri.split("/", 1)[1] if src_uri.startswith(f"{lang}/") else src_uri


def navigation(lang_dir: Path, folder: str = "") -> list[str]:
    """Preamble (the home page), articles by number, appendix, the other pages, then the history.

    Paths are relative to the language folder, as static-i18n's folder structure expects, or
    to the document's ``folder`` in it, on a site of several documents.
    """
    policy = load_policy(lang_dir.parent, lang_dir.name, folder=folder)
    lang_dir = lang_dir / folder if folder else lang_dir
    nav = [doc.rel for doc in policy.ordered()]
    pages = sorted(doc.rel for doc in policy.documents
                   if doc.kind == model.PAGE and not doc.rel.startswith(f"{FOLDER}/"))
    nav += pages
    if (lang_dir / FOLDER / "index.md").is_file():
        nav.append(f"{FOLDER}/index.md")
    return nav
