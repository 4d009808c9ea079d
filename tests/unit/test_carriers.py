"""A buyer follows the parcel on the carrier's own tracking page; unknown carriers get no guessed link."""

from __future__ import annotations

import pytest

from realsourcing.orders import carriers
from realsourcing.orders.events import OrderEventKind, message


@pytest.mark.parametrize(
    ("carrier", "expected_start"),
    [
        ("dhl", "https://www.dhl.com/"),
        ("fedex", "https://www.fedex.com/"),
        ("ups", "https://www.ups.com/"),
        ("sf", "https://www.sf-express.com/"),
        ("ems", "https://www.ems.com.cn/"),
        ("4px", "https://track.4px.com/"),
        ("yanwen", "https://track.yw56.com.cn/"),
        ("cainiao", "https://global.cainiao.com/"),
    ],
)
def test_every_known_carrier_links_to_its_own_tracking_page(carrier: str, expected_start: str):
    link = carriers.tracking_link(carrier, "JD0146000038")
    assert link.startswith(expected_start)
    assert "JD0146000038" in link


def test_carriers_are_found_by_code_or_by_either_name():
    assert carriers.find("DHL") is carriers.BY_CODE["dhl"]
    assert carriers.find("  sf  express ") is carriers.BY_CODE["sf"]
    assert carriers.find("顺丰速运") is carriers.BY_CODE["sf"]
    assert carriers.find("Blue Dart") is None
    assert carriers.find("") is None


def test_an_unknown_carrier_gets_no_link_and_keeps_its_typed_name():
    assert carriers.tracking_link("Blue Dart", "123456") == ""
    assert carriers.display_name("Blue Dart", "zh") == "Blue Dart"
    assert carriers.tracking_link("dhl", "   ") == ""


def test_a_tracking_number_cannot_change_the_link_it_is_put_in():
    link = carriers.tracking_link("ups", "1Z 99/../?x=<script>")
    assert link.startswith("https://www.ups.com/track?tracknum=")
    assert "<" not in link and " " not in link and "/../" not in link


def test_known_carriers_are_named_in_the_readers_language():
    assert carriers.display_name("sf", "zh") == "顺丰速运"
    assert carriers.display_name("sf", "en") == "SF Express"
    assert all(c.name_zh and c.name_en for c in carriers.CARRIERS)


def test_the_shipped_timeline_line_names_the_carrier_for_its_reader():
    data = {"carrier": "sf", "tracking_number": "SF1234567890"}
    assert message(OrderEventKind.SHIPPED, data, "zh")[1]["carrier"] == "顺丰速运"
    assert message(OrderEventKind.SHIPPED, data, "en")[1]["carrier"] == "SF Express"
    assert (
        message(OrderEventKind.SHIPPED, {"carrier": "Blue Dart", "tracking_number": "1"}, "en")[1]["carrier"]
        == "Blue Dart"
    )
