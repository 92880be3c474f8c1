"""The real policy's site, held only to what every revision of it must satisfy.

Nothing here names the policy's wording: the expected articles, dates and contact blocks
are read from docs/ itself, so a correct revision (or another organisation's policy) passes.
"""
import datetime as dt
import re

from bs4 import BeautifulSoup

from scripts.policy import settings
from scripts.policy.contact import policy_contacts
from scripts.policy.dates import format_date
from tests.conftest import BUILD_TODAY, ROOT, site_policies

TODAY = dt.date.fromisoformat(BUILD_TODAY)
# The site's languages and documents are its mkdocs.yml's: the original at /, the others at /<lang>/.
SITE = settings.load(ROOT)


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def document_root(site, doc, lang):
    """Where one document's pages of one language are in the built site."""
    root = site if lang == SITE.original else site / lang
    return root / doc.folder if doc.folder else root


def page(site, doc, lang, rel):
    """The built page of a policy file (``articles/01.md``: articles/01/index.html)."""
    folder = document_root(site, doc, lang)
    return soup(folder / "index.html" if rel == "index.md" else folder / rel.removesuffix(".md") / "index.html")


def by_document():
    """{document id: (document, {lang: policy})}, the original first."""
    out: dict = {}
    for doc, lang, policy in site_policies():
        out.setdefault(doc.id, (doc, {}))[1][lang] = policy
    return list(out.values())


def test_every_article_has_its_page_with_its_heading_in_every_language(built_site):
    for doc, lang, policy in site_policies():
        assert policy.articles, (doc.id, lang)
        for article in policy.articles:
            found = page(built_site, doc, lang, article.rel)
            assert found.html["lang"] == lang
            assert found.find("h1")["id"] == f"art-{article.article_number}", (doc.id, lang, article.rel)


def test_clause_anchors_are_the_same_in_every_language(built_site):
    for doc, policies in by_document():
        for article in policies[SITE.original].articles:
            ids = [[t["id"] for t in page(built_site, doc, lang, article.rel).find_all(id=re.compile(r"^art-\d"))]
                   for lang in policies]
            assert all(other == ids[0] for other in ids) and len(ids[0]) == len(set(ids[0])) and ids[0], article.rel


def test_the_effective_date_shown_is_the_one_in_force_on_the_build_day(built_site):
    for doc, lang, policy in site_policies():
        in_force = policy.effective_date(TODAY)
        for article in policy.articles:
            time = page(built_site, doc, lang, article.rel).select_one(".policy-effective time")
            assert (time["datetime"], time.get_text()) == (in_force.isoformat(), format_date(in_force, lang))


def test_a_banner_shows_exactly_when_a_revision_is_upcoming(built_site):
    for doc, policies in by_document():
        upcoming = any(r.date > TODAY for r in policies[SITE.original].revisions)
        for lang in policies:
            assert (page(built_site, doc, lang, "index.md").select_one(".md-banner") is not None) == upcoming, lang


def test_the_full_text_holds_every_article(built_site):
    for doc, lang, policy in site_policies():
        found = page(built_site, doc, lang, "full-text.md")
        ids = {t["id"] for t in found.find_all(id=re.compile(r"^art-\d+$"))}
        assert ids == {f"art-{a.article_number}" for a in policy.articles}, (doc.id, lang)


def test_contact_blocks_are_addresses(built_site):
    for doc, lang, policy in site_policies():
        contacts = policy_contacts(policy)
        assert contacts or doc.type != "privacy-policy", (doc.id, lang)
        for contact in contacts:
            rel = contact.path.split(f"docs/{lang}/{doc.prefix}", 1)[1]
            blocks = page(built_site, doc, lang, rel).select("address.policy-contact")
            assert blocks and contact.name.text in " ".join(b.get_text() for b in blocks), contact.path
