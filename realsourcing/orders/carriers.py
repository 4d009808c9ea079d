"""The carriers sample orders ship with, and where a buyer follows a parcel.

Rules:
- The factory picks a known carrier (or "other" and types its name); the order keeps the carrier's
  code for known ones, so the buyer's page can link the tracking number to the carrier's own
  tracking page.
- A tracking number is put into the link URL-encoded; an unknown carrier gets no link, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Carrier:
    code: str
    name_en: str
    name_zh: str
    tracking_url: str  # with {number}

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


CARRIERS: tuple[Carrier, ...] = (
    Carrier("dhl", "DHL Express", "DHL 快递", "https://www.dhl.com/global-en/home/tracking.html?tracking-id={number}"),
    Carrier("fedex", "FedEx", "联邦快递 FedEx", "https://www.fedex.com/fedextrack/?trknbr={number}"),
    Carrier("ups", "UPS", "UPS 快递", "https://www.ups.com/track?tracknum={number}"),
    Carrier("sf", "SF Express", "顺丰速运", "https://www.sf-express.com/chn/en/waybill/waybill-detail/{number}"),
    Carrier("ems", "EMS / China Post", "EMS / 中国邮政", "https://www.ems.com.cn/qps/yjcx?mailNum={number}"),
    Carrier("4px", "4PX", "递四方 4PX", "https://track.4px.com/#/result/0/{number}"),
    Carrier("yanwen", "Yanwen", "燕文物流", "https://track.yw56.com.cn/en/querydel?nums={number}"),
    Carrier("cainiao", "Cainiao", "菜鸟", "https://global.cainiao.com/detail.htm?mailNoList={number}"),
)
BY_CODE = {c.code: c for c in CARRIERS}
OTHER = "other"


def find(carrier: str) -> Carrier | None:
    """The known carrier an order's carrier field names: by code, or by either of its names."""
    wanted = " ".join(carrier.split()).casefold()
    if not wanted:
        return None
    if wanted in BY_CODE:
        return BY_CODE[wanted]
    for c in CARRIERS:
        if wanted in (c.name_en.casefold(), c.name_zh.casefold(), c.code):
            return c
    return None


def display_name(carrier: str, lang: str) -> str:
    """The carrier as the reader knows it (a known carrier in their language, else as the factory typed it)."""
    known = find(carrier)
    return known.name(lang) if known else carrier


def tracking_link(carrier: str, number: str) -> str:
    """The carrier's own tracking page for this parcel, or "" when the carrier is not one we know."""
    known = find(carrier)
    number = number.strip()
    if known is None or not number:
        return ""
    return known.tracking_url.format(number=quote(number, safe=""))
