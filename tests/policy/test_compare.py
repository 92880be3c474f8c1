"""Clause-by-clause comparison: alignment, character-level edits, whitespace."""

from scripts.policy import compare, model
from scripts.policy.compare import compare_policies, fold_whitespace
from scripts.policy.reader import load_policy, parse_document
from tests.conftest import ROOT, site_policies

ARTICLE = """# 第２条（個人情報の取得）

１．当社は、以下に定める個人情報を取得するものとします。

（１）氏名、住所

（２）ログイン履歴

（３）問い合わせの内容

２．当社は、取得した個人情報を利用します。なお、目的の範囲を超えて利用しません。
"""


def policy(*articles: str, lang: str = "ja") -> model.Policy:
    docs = [parse_document(text, f"docs/{lang}/articles/{n:02d}.md", f"articles/{n:02d}.md", lang)
            for n, text in enumerate(articles, start=1)]
    return model.Policy(lang, docs)


def changes(old: str, new: str, **kwargs) -> list[compare.ClauseChange]:
    return compare_policies(policy(old), policy(new), **kwargs).changes()


def test_the_real_policy_equals_itself():
    for doc, lang, policy in site_policies():
        result = compare_policies(policy, load_policy(ROOT / "docs", lang, folder=doc.folder))
        assert not result.changed and result.changes() == []
        assert len(result.documents) == len(policy.ordered()), (doc.id, lang)


def test_an_inserted_item_is_inserted_and_the_items_after_it_renumbered():
    new = ARTICLE.replace("（２）ログイン履歴\n\n（３）問い合わせの内容",
                          "（２）位置情報\n\n（３）ログイン履歴\n\n（４）問い合わせの内容")
    found = changes(ARTICLE, new)
    assert [(c.status, c.old_id, c.new_id) for c in found] == [
        ("inserted", "", "art-2-p1-i2"),
        ("renumbered", "art-2-p1-i2", "art-2-p1-i3"),
        ("renumbered", "art-2-p1-i3", "art-2-p1-i4"),
    ]
    assert found[0].new_text == "（２）位置情報"
    assert (found[1].old_marker, found[1].new_marker) == ("（２）", "（３）")


def test_a_deleted_sentence_is_one_deletion_on_the_sentence_boundary():
    new = ARTICLE.replace("なお、目的の範囲を超えて利用しません。", "")
    [change] = changes(ARTICLE, new)
    assert change.status == compare.CHANGED and change.id == "art-2-p2"
    assert [(s.op, s.text) for s in change.segments] == [
        ("equal", "２．当社は、取得した個人情報を利用します。"),
        ("delete", "なお、目的の範囲を超えて利用しません。"),
    ]


def test_a_changed_phrase_is_marked_character_by_character():
    [change] = changes(ARTICLE, ARTICLE.replace("以下に定める", "次に掲げる"))
    assert change.status == compare.CHANGED and change.id == "art-2-p1"
    edits = [(s.op, s.text) for s in change.segments if s.op != "equal"]
    assert edits == [("delete", "以下に定め"), ("insert", "次に掲げ")]  # the final る is common
    assert "".join(s.text for s in change.segments if s.op != "insert") == change.old_text
    assert "".join(s.text for s in change.segments if s.op != "delete") == change.new_text


def test_a_deleted_item_is_deleted():
    found = changes(ARTICLE, ARTICLE.replace("（３）問い合わせの内容\n\n", ""))
    assert [(c.status, c.old_id) for c in found] == [("deleted", "art-2-p1-i3")]


def test_a_rewritten_item_in_place_is_changed_not_deleted_and_inserted():
    found = changes(ARTICLE, ARTICLE.replace("（２）ログイン履歴", "（２）まったく別の内容になった項目"))
    assert [(c.status, c.id) for c in found] == [("changed", "art-2-p1-i2")]


def test_whitespace_alone_is_not_a_change_unless_asked():
    variants = [
        ARTICLE.replace("当社は、以下に", "当社は、\n以下に"),          # re-wrapped line
        ARTICLE.replace("（１）氏名、住所", "（１）　氏名、住所"),       # ideographic space
        ARTICLE.replace("（１）氏名、住所", "（１） 氏名、住所"),        # normal space
    ]
    for variant in variants:
        assert changes(ARTICLE, variant) == [], variant
        assert changes(ARTICLE, variant, whitespace=True), variant
    english = "# Article 1 (Purpose)\n\nThe Company uses Google Analytics on this site.\n"
    for variant in (english.replace("uses Google", "uses\u00a0Google"), english.replace("on this", "on\nthis"),
                    english.replace("uses", "uses  ")):
        result = compare_policies(policy(english, lang="en"), policy(variant, lang="en"))
        assert not result.changed, variant
    real = compare_policies(policy(english, lang="en"), policy(english.replace("this site", "thissite"), lang="en"))
    assert real.changed


def test_fold_whitespace():
    assert fold_whitespace("当社は、\n当社") == "当社は、当社"
    assert fold_whitespace("Google Analytics を") == "Google Analyticsを"
    assert fold_whitespace("a\u00a0b\u3000c\n d") == "a b c d"
    assert fold_whitespace("data processing") != fold_whitespace("dataprocessing")


def test_an_inserted_article_is_added_and_later_articles_keep_their_pairing():
    first = "# 第１条（目的）\n\nこの方針の目的を定めます。\n"
    second = "# 第２条（定義）\n\n用語を定義します。\n"
    third_old = "# 第３条（開示）\n\n開示の手続を定めます。\n"
    new_second = "# 第２条（新設）\n\n新しく設けた条です。\n"
    result = compare_policies(policy(first, second, third_old),
                              policy(first, new_second, second.replace("第２条", "第３条"),
                                     third_old.replace("第３条", "第４条")))
    assert [d.title for d in result.articles_added] == ["第２条（新設）"]
    assert result.articles_removed == []
    statuses = {d.title: d.status for d in result.documents}
    assert statuses["第３条（定義）"] == compare.RENUMBERED
    assert statuses["第１条（目的）"] == compare.UNCHANGED
    removed = compare_policies(policy(first, second), policy(first))
    assert [d.title for d in removed.articles_removed] == ["第２条（定義）"]
    assert removed.changed_ids() == {"art-2", "art-2-p1"}


def test_hunks_quote_only_the_changed_lines_of_a_long_clause():
    old = "# 第６条（開示）\n\n１．請求書を郵送してください。\n\n＜宛先＞\n\n〒542-0081\n\nアズポケット株式会社\n"
    [change] = changes(old, old.replace("〒542-0081", "〒542-0082"))
    [hunk] = change.hunks()
    assert (hunk.old_text, hunk.new_text) == ("〒542-0081", "〒542-0082")
    assert [s.op for s in hunk.segments] == ["equal", "delete", "insert"]


def test_appendix_pairs_with_appendix_only():
    appendix_old = parse_document("# 附則\n\n2022年4月1日　改定・施行\n", "a", "appendix.md", "ja")
    appendix_new = parse_document("# 附則\n\n2022年4月1日　改定・施行\n\n2027年1月1日　改定・施行\n",
                                  "a", "appendix.md", "ja")
    result = compare_policies(model.Policy("ja", [appendix_old]), model.Policy("ja", [appendix_new]))
    [change] = result.changes()
    assert change.id == "appendix"
    assert [(h.old_text, h.new_text) for h in change.hunks()] == [("", "2027年1月1日　改定・施行")]


def test_a_later_appendix_is_the_earlier_with_its_lines_added():
    """What the history takes without comparing each pair of revisions' appendices line by line."""
    earlier = "# 附則\n\n2022年4月1日　改定・施行\n"
    later = earlier + "\n2027年1月1日　改定・施行\n"
    old, new = (parse_document(text, "a", "appendix.md", "ja") for text in (earlier, later))
    assert compare.appended(old, new) == (1, 2)
    assert [c.status for c in compare.compare_documents(old, new).clauses] == [compare.UNCHANGED, compare.INSERTED]
    edited = parse_document(later.replace("2022年4月1日", "2022年4月2日"), "a", "appendix.md", "ja")
    assert compare.appended(old, edited) is None and compare.appended(new, old) is None
    assert compare.appended(old, old) is None


def test_neighbouring_changed_lines_form_one_hunk():
    old = "# 第６条（開示）\n\n１．請求書を郵送してください。\n\n＜宛先＞\n\nアズポケット株式会社\n"
    new = old.replace("＜宛先＞\n\n", "＜送付先＞\n\n〒542-0081\n\n")
    [change] = changes(old, new)
    [hunk] = change.hunks()
    assert (hunk.old_text, hunk.new_text) == ("＜宛先＞", "＜送付先＞\n〒542-0081")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TEXT = st.text(alphabet="当社は、個人情報をしまする。 　abc.\n", max_size=40)


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
def test_a_character_edit_always_rebuilds_both_texts(old, new):
    segments = compare.char_diff(old, new, whitespace=True)
    assert "".join(s.text for s in segments if s.op != compare.INSERT) == old
    assert "".join(s.text for s in segments if s.op != compare.DELETE) == new
    assert all(s.text for s in segments)
    # Whitespace-only edits are shown as the new text: the new text is always rebuilt.
    folded = compare.char_diff(old, new)
    assert "".join(s.text for s in folded if s.op != compare.DELETE) == new


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from("abcde"), max_size=12), st.lists(st.sampled_from("abcdef"), max_size=12))
def test_alignment_keeps_every_element_once_and_in_order(old, new):
    pairs = compare.align(old, new, lambda x: x)
    assert [a for a, _ in pairs if a is not None] == old
    assert [b for _, b in pairs if b is not None] == new


def test_a_change_is_reported_at_the_line_that_changed():
    def appendix(text: str) -> model.Policy:
        return model.Policy("ja", [parse_document(text, "docs/ja/appendix.md", "appendix.md", "ja")])

    old = "# 附則\n\n2022年4月1日　改定・施行\n"
    new = old + "\n2027年1月1日　改定・施行\n"
    (change,) = compare_policies(appendix(old), appendix(new)).changes()
    assert change.line == 5 == new.split("\n").index("2027年1月1日　改定・施行") + 1
    # A one-line clause is reported where it starts.
    (edit,) = changes(ARTICLE, ARTICLE.replace("ログイン履歴", "ログインの履歴"))
    assert edit.line == ARTICLE.split("\n").index("（２）ログイン履歴") + 1


# --- whole tokens -------------------------------------------------------------------

def edits(old: str, new: str) -> list[tuple[str, str]]:
    return [(s.op, s.text) for s in compare.char_diff(old, new) if s.op != compare.EQUAL]


def test_amounts_dates_and_clause_numbers_change_as_whole_tokens():
    assert edits("1回につき5,500円（税込）", "1回につき1,000円（税込）") == [
        (compare.DELETE, "5,500円"), (compare.INSERT, "1,000円")]
    assert edits("2022年4月1日に施行", "2027年1月1日に施行") == [
        (compare.DELETE, "2022年4月1日"), (compare.INSERT, "2027年1月1日")]
    assert edits("（７）当社", "（８）当社") == [(compare.DELETE, "（７）"), (compare.INSERT, "（８）")]
    assert edits("第６条に定める", "第７条に定める") == [(compare.DELETE, "第６条"), (compare.INSERT, "第７条")]
    assert edits("30日以内に", "14日以内に") == [(compare.DELETE, "30日"), (compare.INSERT, "14日")]
    # Japanese words still change by character: no dictionary, no spaces between words.
    assert edits("次に掲げる場合", "以下の場合") == [(compare.DELETE, "次に掲げる"), (compare.INSERT, "以下の")]


def test_english_changes_by_word():
    assert edits("a fee of 5,500 yen", "a fee of 1,000 yen") == [
        (compare.DELETE, "5,500"), (compare.INSERT, "1,000")]
    assert edits("will notify without delay.", "will notify within 30 days.") == [
        (compare.DELETE, "without delay"), (compare.INSERT, "within 30 days")]
    assert edits("the quick brown fox", "the slow brown fox") == [
        (compare.DELETE, "quick"), (compare.INSERT, "slow")]


def test_a_renumbered_clause_carries_its_numbers_as_written():
    new = ARTICLE.replace("（１）氏名、住所\n\n", "（１）電話番号\n\n（２）氏名、住所\n\n").replace(
        "（２）ログイン履歴", "（３）ログイン履歴").replace("（３）問い合わせ", "（４）問い合わせ")
    renumbered = [c for c in changes(ARTICLE, new) if c.status == compare.RENUMBERED]
    assert [(c.old_number, c.new_number) for c in renumbered] == [("（１）", "（２）"), ("（２）", "（３）"),
                                                                ("（３）", "（４）")]
    assert all(c.renumbered for c in renumbered)
