"""The fixed vocabularies of the catalogue, with their English and Chinese names."""

from __future__ import annotations

CATEGORIES: dict[str, tuple[str, str]] = {
    "electronics": ("Electronics", "电子产品"),
    "home_kitchen": ("Home & kitchen", "家居厨房"),
    "toys": ("Toys", "玩具"),
    "apparel": ("Apparel", "服装"),
    "textiles": ("Textiles", "纺织品"),
    "footwear": ("Footwear", "鞋类"),
    "furniture": ("Furniture", "家具"),
    "packaging": ("Packaging", "包装"),
    "sports_outdoor": ("Sports & outdoor", "运动户外"),
    "beauty": ("Beauty & personal care", "美妆个护"),
    "pet_supplies": ("Pet supplies", "宠物用品"),
    "garden": ("Garden", "园艺"),
    "tools_hardware": ("Tools & hardware", "五金工具"),
    "jewelry_accessories": ("Jewellery & accessories", "饰品配件"),
    "health_medical": ("Health & medical", "医疗保健"),
    "auto_parts": ("Auto parts", "汽车配件"),
}

DOCUMENT_KINDS: dict[str, tuple[str, str]] = {
    "business_license": ("Business licence", "营业执照"),
    "iso_9001": ("ISO 9001", "ISO 9001"),
    "iso_14001": ("ISO 14001", "ISO 14001"),
    "iso_45001": ("ISO 45001", "ISO 45001"),
    "bsci": ("amfori BSCI", "amfori BSCI"),
    "sedex": ("Sedex / SMETA", "Sedex / SMETA"),
    "ce": ("CE", "CE"),
    "fcc": ("FCC", "FCC"),
    "rohs": ("RoHS", "RoHS"),
    "fda": ("FDA", "FDA"),
    "gots": ("GOTS", "GOTS"),
    "oeko_tex": ("OEKO-TEX", "OEKO-TEX"),
    "other": ("Other certificate", "其他证书"),
}
CERTIFICATE_KINDS = tuple(k for k in DOCUMENT_KINDS if k != "business_license")

CUSTOMIZATION: dict[str, tuple[str, str]] = {
    "oem": ("OEM", "OEM 代工"),
    "odm": ("ODM", "ODM 设计"),
    "logo": ("Custom logo", "定制 Logo"),
    "packaging": ("Custom packaging", "定制包装"),
}
