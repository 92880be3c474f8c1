"""The real policy's site, held only to what every revision of it must satisfy.

Nothing here names the policy's wording: the expected articles, dates and contact blocks
are read from docs/ itself, so a correct revision (or another organisation's policy) passes.
"""
import datetime as dt
import re

from bs4 import BeautifulSoup

from scripts.policy.contact import policy_contacts
from scripts.policy.dates import format_date
from scripts.policy.reader import load_policy
from tests.conftest import BUILD_TODAY, ROOT

TODAY = dt.date.fromisoformat(BUILD_TODAY)


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def policy(lang):
    return load_policy(ROOT / "docs", lang, root=ROOT)


def lang_root(site, lang):
    return site / "en" if lang == "en" else site


def test_every_article_has_its_page_with_its_heading_in_both_languages(built_site):
    for lang in ("ja", "en"):
        for article in policy(lang).articles:
            page = soup(lang_root(built_site, lang) / article.rel.removesuffix(".md") / "index.html")
            assert page.html["lang"] == lang
            assert page.find("h1")["id"] == f"art-{article.article_number}", article.rel


def test_clause_anchors_are_the_same_in_both_languages(built_site):
    for article in policy("ja").articles:
        rel = article.rel.removesuffix(".md") + "/index.html"
        ids = [[t["id"] for t in soup(lang_root(built_site, lang) / rel).find_all(id=re.compile(r"^art-\d"))]
               for lang in ("ja", "en")]
        assert ids[0] == ids[1] and len(ids[0]) == len(set(ids[0])) and ids[0], rel


def test_the_effective_date_shown_is_the_one_in_force_on_the_build_day(built_site):
    for lang in ("ja", "en"):
        in_force = policy(lang).effective_date(TODAY)
        for article in policy(lang).articles:
            time = soup(lang_root(built_site, lang) / article.rel.removesuffix(".md") / "index.html") \
                .select_one(".policy-effective time")
            assert (time["datetime"], time.get_text()) == (in_force.isoformat(), format_date(in_force, lang))


def test_a_banner_shows_exactly_when_a_revision_is_upcoming(built_site):
    upcoming = any(r.date > TODAY for r in policy("ja").revisions)
    for lang in ("ja", "en"):
        page = soup(lang_root(built_site, lang) / "index.html")
        assert (page.select_one(".md-banner") is not None) == upcoming


def test_the_full_text_holds_every_article(built_site):
    for lang in ("ja", "en"):
        page = soup(lang_root(built_site, lang) / "full-text/index.html")
        ids = {t["id"] for t in page.find_all(id=re.compile(r"^art-\d+$"))}
        assert ids == {f"art-{a.article_number}" for a in policy(lang).articles}


def test_contact_blocks_are_addresses(built_site):
    for lang in ("ja", "en"):
        contacts = policy_contacts(policy(lang))
        assert contacts, lang
        for contact in contacts:
            rel = contact.path.split(f"docs/{lang}/", 1)[1].removesuffix(".md") + "/index.html"
            blocks = soup(lang_root(built_site, lang) / rel).select("address.policy-contact")
            assert blocks and contact.name.text in " ".join(b.get_text() for b in blocks), contact.path
