import datetime as dt

import pytest

from scripts.policy import model
from scripts.policy.reader import PolicyError, load_policy, parse_document
from tests.conftest import ORG, site_policies


@pytest.fixture(scope="module", params=["org", "real"])
def documents(request):
    """Each document's policy in each language ({lang: policy}, the original first): the fixture
    organisation's, and the real site's (held only to what any revision satisfies)."""
    if request.param == "org":
        return [{lang: load_policy(ORG / "docs", lang, root=ORG) for lang in ("ja", "en")}]
    by_document: dict = {}
    for doc, lang, policy in site_policies():
        by_document.setdefault(doc.id, {})[lang] = policy
    return list(by_document.values())


@pytest.fixture(scope="module")
def org_policies():
    return {lang: load_policy(ORG / "docs", lang, root=ORG) for lang in ("ja", "en")}


def test_articles_are_numbered_from_one_with_a_preamble_and_an_appendix(documents):
    for policy in (policy for policies in documents for policy in policies.values()):
        numbers = [d.article_number for d in policy.articles]
        assert numbers == list(range(1, len(numbers) + 1)) and numbers
        assert policy.preamble is not None and policy.appendix is not None


def test_the_fixture_organisation_has_seven_articles(org_policies):
    for policy in org_policies.values():
        assert [d.article_number for d in policy.articles] == list(range(1, 8))


def test_clause_ids_are_identical_in_every_language(documents):
    for policies in documents:
        original, *translations = policies.values()
        ids = [c.id for c in original.clauses()]
        assert ids and len(ids) == len(set(ids))
        for translation in translations:
            assert [c.id for c in translation.clauses()] == ids, translation.lang


def test_items_and_sub_items_get_their_ids(org_policies):
    ids = [c.id for c in org_policies["ja"].clauses()]
    assert "art-2-p1-i3" in ids and "art-5-p2-s2" in ids and "art-4-p1-i3" in ids


def test_effective_date_comes_from_the_appendix(org_policies):
    for policy in org_policies.values():
        assert policy.effective_date() == dt.date(2024, 4, 1)
        assert policy.effective_date(dt.date(2024, 3, 31)) is None


def test_text_before_numbered_paragraphs_is_paragraph_one():
    doc = parse_document("# 第３条（第三者提供）\n\n次の場合を除きます。\n\n（１）同意がある場合\n\n（２）法令\n",
                         "x.md", "articles/03.md", "ja")
    assert [c.id for c in doc.clauses] == ["art-3", "art-3-p1", "art-3-p1-i1", "art-3-p1-i2"]
    assert doc.clauses[1].line == 3


def test_a_label_returns_to_the_paragraph_level():
    doc = parse_document("# 第６条（開示）\n\n２．郵送します。\n\n①請求書\n\n＜宛先＞\n\n〒542-0081\n",
                         "x.md", "articles/06.md", "ja")
    assert doc.clause("art-6-p2").text == "２．郵送します。\n＜宛先＞\n〒542-0081"


def test_blocks_keep_file_line_numbers_after_front_matter():
    doc = parse_document("---\ntranslation: x\n---\n# Article 1 (A)\n\n1. Text\n", "x.md", "articles/01.md", "en")
    assert doc.clause("art-1-p1").line == 6


def test_broken_front_matter_is_a_policy_error():
    with pytest.raises(PolicyError) as err:
        parse_document("---\nkey: [unclosed\n---\n# 第１条\n", "docs/ja/articles/01.md", "articles/01.md", "ja")
    assert err.value.path == "docs/ja/articles/01.md"
    assert "not valid YAML" in err.value.message


def test_a_missing_language_folder_is_a_policy_error(tmp_path):
    with pytest.raises(PolicyError):
        load_policy(tmp_path, "ja")


def test_page_kinds(documents):
    for policy in (policy for policies in documents for policy in policies.values()):
        kinds = {d.rel: d.kind for d in policy.documents}
        assert kinds["index.md"] == model.PREAMBLE
        assert kinds["appendix.md"] == model.APPENDIX
        assert kinds["full-text.md"] == model.PAGE
