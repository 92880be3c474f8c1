"""The few interface sentences the templates show, per language."""

STRINGS = {
    "ja": {
        "effective": "施行日",
        "takes_effect": "施行予定日",
        "prevails": "",
        "clause_link": "この箇所へのリンク",
        "policy_heading": "個人情報保護方針",
        "full_text": "全文",
        "not_found_title": "ページが見つかりません",
        "not_found_body": "お探しのページは移動または削除された可能性があります。",
        "home": "プライバシーポリシーのトップへ",
        "upcoming": "{date}に改定されます",
        "upcoming_link": "変更点を見る",
        "upcoming_print": "{text}。変更点：{url}",
    },
    "en": {
        "effective": "Effective date",
        "takes_effect": "Takes effect on",
        "prevails": ("This is an English translation for reference. The Japanese original prevails "
                     "in case of any discrepancy."),
        "clause_link": "Link to this clause",
        "policy_heading": "Personal Information Protection Policy",
        "full_text": "Full text",
        "not_found_title": "Page not found",
        "not_found_body": "The page you are looking for may have been moved or removed.",
        "home": "Go to the Privacy Policy",
        "upcoming": "This policy will change on {date}",
        "upcoming_link": "See what changes",
        "upcoming_print": "{text}. Changes: {url}",
    },
}


def strings(lang: str) -> dict:
    return STRINGS.get(lang, STRINGS["en"])
