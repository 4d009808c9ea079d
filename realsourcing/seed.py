"""A believable demo marketplace for `make run`: loaded once, only into an empty database."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from sqlmodel import Session, select

from realsourcing.accounts.models import Role, User
from realsourcing.accounts.passwords import hash_password
from realsourcing.config import get_settings
from realsourcing.core import divisions, responsive
from realsourcing.core.uploads import webp_derivatives
from realsourcing.db import id_of, session_scope, utcnow
from realsourcing.meetings.models import AvailabilityRule, AvailabilitySettings, DateOverride, MeetingType
from realsourcing.orders.models import ShippingRate
from realsourcing.profile import bank_details
from realsourcing.profile.catalog_models import Product, ProductStatus
from realsourcing.profile.factories import reindex_all
from realsourcing.profile.models import (
    DocumentKind,
    Factory,
    FactoryBankDetails,
    FactoryBankDetailsChange,
    FactoryDocument,
    FactoryMember,
    MediaAsset,
    MemberRole,
    ReviewStatus,
)
from realsourcing.webinars.models import Webinar, WebinarKind, WebinarProduct, WebinarStatus

DEMO_PASSWORD = "realsourcing-demo"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    note: str


@dataclass(frozen=True)
class DemoFactory:
    slug: str
    name_en: str
    name_zh: str
    province: str  # division codes (core/divisions)
    city: str
    category: str
    founded: int
    staff: int
    area: int
    markets: tuple[str, ...]
    products: tuple[tuple[str, str, int, int], ...]  # name_en, name_zh, sample price (USD cents), MOQ
    certificates: tuple[str, ...]
    license_status: str
    colour: tuple[int, int, int]


FACTORIES: tuple[DemoFactory, ...] = (
    DemoFactory(
        "shenzhen-brightwave-electronics",
        "Brightwave Electronics",
        "深圳亮波电子",
        "440000",  # 广东
        "440300",  # 深圳
        "electronics",
        2009,
        320,
        12000,
        ("North America", "Europe"),
        (
            ("Bluetooth speaker BW-20", "蓝牙音箱 BW-20", 2500, 500),
            ("USB-C charging hub", "USB-C 扩展坞", 1800, 1000),
            ("Wireless earbuds Pro", "无线耳机 Pro", 3200, 500),
        ),
        ("iso_9001", "ce", "fcc", "rohs"),
        "approved",
        (32, 96, 160),
    ),
    DemoFactory(
        "ningbo-harbor-home",
        "Harbor Home Goods",
        "宁波港湾家居",
        "330000",  # 浙江
        "330200",  # 宁波
        "home_kitchen",
        2004,
        450,
        20000,
        ("Europe", "Australia"),
        (
            ("Borosilicate glass food box", "高硼硅玻璃保鲜盒", 900, 2000),
            ("Bamboo cutting board", "竹制砧板", 700, 1000),
            ("Stainless steel bottle 750 ml", "不锈钢保温杯 750ml", 1100, 1000),
        ),
        ("iso_9001", "bsci", "fda"),
        "approved",
        (30, 130, 110),
    ),
    DemoFactory(
        "yiwu-sunny-toys",
        "Sunny Toys",
        "义乌阳光玩具",
        "330000",  # 浙江
        "330700",  # 金华  # 义乌 is a county-level city of 金华
        "toys",
        2012,
        160,
        6000,
        ("North America",),
        (("Wooden stacking rainbow", "木制彩虹叠叠乐", 1200, 500), ("Plush bear 30 cm", "毛绒熊 30 厘米", 800, 1000)),
        ("ce", "iso_9001"),
        "approved",
        (220, 140, 30),
    ),
    DemoFactory(
        "dongguan-peak-apparel",
        "Peak Apparel",
        "东莞巅峰服饰",
        "440000",  # 广东
        "441900",  # 东莞
        "apparel",
        2001,
        800,
        25000,
        ("Europe", "North America", "Japan"),
        (
            ("Organic cotton T-shirt", "有机棉 T 恤", 1500, 300),
            ("Recycled fleece hoodie", "再生抓绒卫衣", 2600, 300),
            ("Yoga leggings", "瑜伽裤", 1900, 500),
        ),
        ("gots", "oeko_tex", "bsci", "sedex"),
        "approved",
        (120, 50, 140),
    ),
    DemoFactory(
        "xiamen-greenleaf-packaging",
        "Greenleaf Packaging",
        "厦门绿叶包装",
        "350000",  # 福建
        "350200",  # 厦门
        "packaging",
        2015,
        120,
        8000,
        ("Europe", "North America"),
        (("Kraft mailer box", "牛皮纸邮寄盒", 300, 3000), ("Compostable pouch", "可降解自立袋", 250, 5000)),
        ("iso_14001", "iso_9001"),
        "approved",
        (60, 140, 60),
    ),
    DemoFactory(
        "suzhou-silkline-textiles",
        "Silkline Textiles",
        "苏州丝路纺织",
        "320000",  # 江苏
        "320500",  # 苏州
        "textiles",
        1998,
        260,
        15000,
        ("Europe", "Middle East"),
        (("Mulberry silk pillowcase", "桑蚕丝枕套", 2200, 200), ("Silk scrunchie set", "真丝发圈套装", 900, 500)),
        ("oeko_tex",),
        "approved",
        (170, 60, 90),
    ),
    DemoFactory(
        "foshan-oakcraft-furniture",
        "Oakcraft Furniture",
        "佛山橡木工坊家具",
        "440000",  # 广东
        "440600",  # 佛山
        "furniture",
        2006,
        380,
        30000,
        ("Australia", "North America"),
        (("Solid oak side table", "实木橡木边几", 9500, 50), ("Rattan lounge chair", "藤编休闲椅", 12000, 30)),
        ("iso_9001", "iso_14001"),
        "approved",
        (140, 90, 50),
    ),
    DemoFactory(
        "qingdao-blueocean-outdoor",
        "Blue Ocean Outdoor",
        "青岛蓝海户外",
        "370000",  # 山东
        "370200",  # 青岛
        "sports_outdoor",
        2010,
        210,
        11000,
        ("Europe", "North America"),
        (
            ("Ultralight camping tent", "超轻露营帐篷", 6500, 100),
            ("Dry bag 20 L", "防水袋 20L", 900, 500),
            ("Trekking poles", "登山杖", 1400, 300),
        ),
        ("iso_9001", "ce"),
        "approved",
        (20, 110, 170),
    ),
    DemoFactory(
        "guangzhou-lumiere-cosmetics",
        "Lumière Cosmetics",
        "广州光韵化妆品",
        "440000",  # 广东
        "440100",  # 广州
        "beauty",
        2014,
        150,
        7000,
        ("Europe", "Southeast Asia"),
        (("Vitamin C serum 30 ml", "维C精华 30ml", 800, 1000), ("Clay face mask", "泥膜", 600, 1000)),
        ("iso_9001", "fda"),
        "pending",
        (200, 80, 120),
    ),
    DemoFactory(
        "wenzhou-steplight-shoes",
        "Steplight Footwear",
        "温州步光鞋业",
        "330000",  # 浙江
        "330300",  # 温州
        "footwear",
        2003,
        520,
        18000,
        ("Europe", "Russia"),
        (("Leather chelsea boot", "皮质切尔西靴", 4200, 300), ("Knit running shoe", "飞织跑鞋", 3000, 500)),
        ("bsci",),
        "pending",
        (90, 90, 90),
    ),
    DemoFactory(
        "chengdu-pandapet-supplies",
        "PandaPet Supplies",
        "成都熊猫宠物用品",
        "510000",  # 四川
        "510100",  # 成都
        "pet_supplies",
        2017,
        90,
        4000,
        ("North America", "Japan"),
        (("Orthopedic dog bed", "记忆棉狗窝", 3500, 200), ("Silicone slow feeder", "硅胶慢食碗", 500, 1000)),
        ("ce",),
        "pending",
        (180, 120, 40),
    ),
    DemoFactory(
        "hefei-voltmax-batteries",
        "VoltMax Power",
        "合肥伏特麦克斯电源",
        "340000",  # 安徽
        "340100",  # 合肥
        "electronics",
        2011,
        600,
        28000,
        ("Europe", "North America", "India"),
        (
            ("20000 mAh power bank", "20000mAh 移动电源", 2400, 500),
            ("LiFePO4 camping battery", "磷酸铁锂户外电源", 18000, 20),
        ),
        ("iso_9001", "ce", "rohs", "fcc"),
        "approved",
        (50, 60, 150),
    ),
    DemoFactory(
        "jinhua-evergreen-garden",
        "Evergreen Garden Tools",
        "金华常青园林工具",
        "330000",  # 浙江
        "330700",  # 金华
        "garden",
        2008,
        140,
        9000,
        ("Europe",),
        (("Pruning shears SK5", "SK5 修枝剪", 700, 1000), ("Galvanised watering can", "镀锌浇水壶", 1300, 500)),
        ("iso_9001",),
        "rejected",
        (60, 120, 40),
    ),
)

BUYERS = (
    ("maya@example.com", "Maya Thompson", "Northwind Goods (USA)", "America/New_York"),
    ("lukas@example.com", "Lukas Becker", "Heimwerk GmbH (Germany)", "Europe/Berlin"),
    ("olivia@example.com", "Olivia Nguyen", "Koala Home Co. (Australia)", "Australia/Sydney"),
)
ADMIN = ("admin@example.com", "Ada Platform", "RealSourcing")


def demo_accounts() -> list[DemoAccount]:
    accounts = [DemoAccount(ADMIN[0], Role.ADMIN.value, "platform admin (verification)")]
    accounts += [DemoAccount(email, Role.BUYER.value, f"buyer, {company}") for email, _n, company, _tz in BUYERS]
    accounts += [
        DemoAccount(f"owner@{f.slug}.example.com", Role.FACTORY.value, f"factory owner, {f.name_en}") for f in FACTORIES
    ]
    return accounts


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _picture(
    path: Path, label: str, sub: str, colour: tuple[int, int, int], size: tuple[int, int], seed: int
) -> tuple[int, int]:
    """A generated 'photo': a shaded gradient with simple shapes and a caption (no downloads)."""
    rnd = random.Random(seed)
    w, h = size
    img = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(img)
    for y in range(h):  # vertical gradient
        k = y / h
        draw.line([(0, y), (w, y)], fill=tuple(int(c * (1 - 0.45 * k) + 30 * k) for c in colour))
    for _ in range(6):  # machines / shelves
        x0, y0 = rnd.randint(0, w - 80), rnd.randint(h // 3, h - 60)
        draw.rectangle(
            [x0, y0, x0 + rnd.randint(60, 200), y0 + rnd.randint(30, 90)],
            fill=tuple(min(255, c + 40) for c in colour),
            outline=(255, 255, 255),
        )
    draw.rectangle([0, h - 70, w, h], fill=(0, 0, 0))
    draw.text((20, h - 62), label, fill=(255, 255, 255), font=_font(28))
    draw.text((20, h - 28), sub, fill=(200, 200, 200), font=_font(18))
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=85)
    return size


def _document_pdf(path: Path, title: str, number: str, factory: str) -> int:
    img = Image.new("RGB", (850, 1100), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    draw.rectangle([30, 30, 820, 1070], outline=(120, 30, 30), width=6)
    draw.text((80, 120), title, fill=(120, 30, 30), font=_font(40))
    draw.text((80, 220), factory, fill=(0, 0, 0), font=_font(28))
    draw.text((80, 280), f"No. {number}", fill=(0, 0, 0), font=_font(24))
    draw.text((80, 1000), "DEMO DOCUMENT - generated for the RealSourcing demo", fill=(150, 150, 150), font=_font(18))
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "PDF")
    return path.stat().st_size


def _media(
    db: Session,
    factory_id: int,
    spec: DemoFactory,
    index: int,
    caption: str,
    product_id: int | None = None,
    *,
    cover: bool = False,
) -> None:
    media_dir = get_settings().media_dir
    key = f"factories/{factory_id}/{uuid.uuid4().hex}.jpg"
    thumb = key.replace(".jpg", "_thumb.jpg")
    w, h = _picture(media_dir / key, caption, spec.name_en, spec.colour, (1200, 800), seed=factory_id * 100 + index)
    with Image.open(media_dir / key) as im:
        derivatives = webp_derivatives(im)  # as an upload gets them (core/responsive.py)
        im.thumbnail((400, 400))
        im.save(media_dir / thumb, "JPEG", quality=80)
    for derivative_width, content in derivatives:
        (media_dir / responsive.derivative_key(key, derivative_width)).write_bytes(content)
    db.add(
        MediaAsset(
            factory_id=factory_id,
            product_id=product_id,
            storage_key=key,
            thumbnail_key=thumb,
            content_type="image/jpeg",
            size_bytes=(media_dir / key).stat().st_size + sum(len(content) for _, content in derivatives),
            width=w,
            height=h,
            derivative_widths=responsive.record([width for width, _ in derivatives]),
            caption_en=caption,
            position=index,
            is_cover=cover,
        )
    )


def _seed_factory(db: Session, spec: DemoFactory, n: int, password_hash: str, admin_id: int, now: datetime) -> None:
    owner = User(
        email=f"owner@{spec.slug}.example.com",
        password_hash=password_hash,
        full_name=f"{spec.name_en.split()[0]} Owner",
        company_name=spec.name_en,
        role=Role.FACTORY.value,
        language="zh",
        timezone="Asia/Shanghai",
    )
    db.add(owner)
    db.flush()
    owner_id = id_of(owner)
    verified = spec.license_status == ReviewStatus.APPROVED.value
    city_en, city_zh = divisions.city_name(spec.city, "en"), divisions.city_name(spec.city, "zh")
    factory = Factory(
        slug=spec.slug,
        legal_name_en=f"{spec.name_en} Co., Ltd.",
        legal_name_zh=f"{spec.name_zh}有限公司",
        display_name_en=spec.name_en,
        display_name_zh=spec.name_zh,
        founded_year=spec.founded,
        province=spec.province,
        city=spec.city,
        address=f"No. {10 + n} Industrial Road, {city_en}",
        staff_count=spec.staff,
        floor_area_m2=spec.area,
        main_markets=list(spec.markets),
        export_share_pct=60 + n % 35,
        category=spec.category,
        categories=[spec.category],
        production_lines=3 + n % 6,
        monthly_capacity=f"{(n + 2) * 20000:,} units",
        typical_moq=spec.products[0][3],
        lead_time_days=20 + n % 15,
        languages=["Chinese", "English"],
        contact_name=owner.full_name,
        contact_email=owner.email,
        about_en=f"{spec.name_en} has manufactured {spec.category.replace('_', ' ')} products "
        f"in {city_en} since {spec.founded}, "
        f"exporting to {', '.join(spec.markets)}.",
        about_zh=f"{spec.name_zh}自{spec.founded}年起在{city_zh}生产，产品出口至海外多个市场。",
        is_verified=verified,
    )
    db.add(factory)
    db.flush()
    factory_id = id_of(factory)
    db.add(FactoryMember(factory_id=factory_id, user_id=owner_id, role=MemberRole.OWNER.value))

    private_dir = get_settings().private_dir
    docs = [(DocumentKind.BUSINESS_LICENSE.value, spec.license_status)] + [
        (kind, ReviewStatus.APPROVED.value if (i + n) % 3 else ReviewStatus.PENDING.value)
        for i, kind in enumerate(spec.certificates)
    ]
    for i, (kind, status) in enumerate(docs):
        key = f"documents/{factory_id}/{uuid.uuid4().hex}.pdf"
        number = f"{kind.upper().replace('_', '')}-{factory_id:03d}{i:02d}"
        expired = kind != DocumentKind.BUSINESS_LICENSE.value and n % 5 == 0 and i == len(docs) - 1
        licensed = kind == DocumentKind.BUSINESS_LICENSE.value and status == ReviewStatus.APPROVED.value
        db.add(
            FactoryDocument(
                factory_id=factory_id,
                kind=kind,
                certificate_number=number,
                issuing_body="Market Supervision Administration" if kind == "business_license" else "SGS / TÜV (demo)",
                valid_from=date(2022, 1, 1),
                valid_until=date(2025, 6, 30) if expired else date(2028, 12, 31),
                storage_key=key,
                original_filename=f"{kind}.pdf",
                content_type="application/pdf",
                size_bytes=_document_pdf(private_dir / key, kind.replace("_", " ").upper(), number, spec.name_en),
                status=status,
                uploaded_by_id=owner_id,
                rejection_reason="The licence photo is unreadable; please upload a clear scan."
                if status == "rejected"
                else "",
                reviewed_by_id=admin_id if status != "pending" else None,
                reviewed_at=now - timedelta(days=3) if status != "pending" else None,
                licensed_name_en=factory.legal_name_en if licensed else "",
                licensed_name_zh=factory.legal_name_zh if licensed else "",
            )
        )
    if verified:  # a verified factory takes bank transfers, into the licensed company's account
        bank = FactoryBankDetails(
            factory_id=factory_id,
            account_holder=factory.legal_name_en,
            bank_name=f"Bank of China, {spec.city} Branch",
            account_number=str(6217_8500_0000_0000_000 + n * 7919),
            swift_bic="BKCHCNBJ",
            bank_address=f"No. 1 Zhongshan Road, {spec.city}, China",
            currency="USD",
            updated_by_id=owner_id,
            updated_at=now,
        )
        db.add(bank)
        db.add(
            FactoryBankDetailsChange(
                factory_id=factory_id,
                changed_by_id=owner_id,
                changed_at=now,
                details={name: getattr(bank, name) for name in bank_details.FIELDS},
            )
        )

    for i, caption in enumerate(("Production floor", "Quality control station", "Warehouse and packing")):
        _media(db, factory_id, spec, i, caption, cover=i == 0)

    product_ids: list[int] = []
    for i, (name_en, name_zh, sample_cents, moq) in enumerate(spec.products):
        product = Product(
            factory_id=factory_id,
            name_en=name_en,
            name_zh=name_zh,
            category=spec.category,
            description_en=f"{name_en} made in our {city_en} factory. OEM/ODM welcome.",
            description_zh=f"{name_zh}，{city_zh}工厂生产，支持 OEM/ODM。",
            specifications={"Material": "See datasheet", "Packaging": "Retail box", "Origin": f"{city_en}, China"},
            price_min_cents=sample_cents // 3,
            price_max_cents=sample_cents // 2,
            moq=moq,
            sample_price_cents=sample_cents,
            sample_max_qty=3,
            sample_lead_time_days=5 + i * 2,
            customization=["oem", "logo", "packaging"] + (["odm"] if i == 0 else []),
            status=ProductStatus.PUBLISHED.value,
        )
        db.add(product)
        db.flush()
        product_ids.append(id_of(product))
        _media(db, factory_id, spec, 10 + i, name_en, product_id=product_ids[-1])

    db.add(AvailabilitySettings(factory_id=factory_id, auto_confirm=n % 2 == 0, min_notice_hours=12))
    for weekday in range(5):
        db.add(AvailabilityRule(factory_id=factory_id, weekday=weekday, start_minute=9 * 60, end_minute=12 * 60))
        db.add(
            AvailabilityRule(factory_id=factory_id, weekday=weekday, start_minute=13 * 60 + 30, end_minute=17 * 60 + 30)
        )
    db.add(DateOverride(factory_id=factory_id, day=date(2027, 2, 6), closed=True, note="Chinese New Year"))
    db.add(
        MeetingType(
            factory_id=factory_id,
            name_en="Deep factory audit",
            name_zh="深度验厂",
            duration_min=60,
            description="A live walk through the production lines, QC and warehouse.",
        )
    )
    db.add(
        MeetingType(
            factory_id=factory_id,
            name_en="Sample discussion",
            name_zh="样品沟通",
            duration_min=30,
            description="Specifications, customisation and sample terms.",
        )
    )
    for region, label, fee in (
        ("north_america", "DHL Express, 4-6 days", 4500),
        ("europe", "DHL Express, 3-5 days", 4000),
        ("asia_pacific", "SF Express, 2-4 days", 2500),
        ("rest_of_world", "EMS, 7-12 days", 5500),
    ):
        db.add(ShippingRate(factory_id=factory_id, region=region, label=label, fee_cents=fee))

    # One past webinar and one upcoming (times on the hour, Shanghai afternoon / Europe morning).
    base = now.replace(minute=0, second=0, microsecond=0)
    for kind, starts_at, status in (
        (WebinarKind.WORKSHOP_TOUR.value, base - timedelta(days=10 + n), WebinarStatus.ENDED.value),
        (
            WebinarKind.PRODUCT_LAUNCH.value,
            base + timedelta(days=2 + n % 10, hours=n % 5),
            WebinarStatus.SCHEDULED.value,
        ),
    ):
        webinar = Webinar(
            factory_id=factory_id,
            kind=kind,
            starts_at=starts_at,
            duration_min=45,
            status=status,
            capacity=200,
            title_en=("Live workshop tour: " if kind == WebinarKind.WORKSHOP_TOUR.value else "New collection launch: ")
            + spec.name_en,
            title_zh=("车间直播参观：" if kind == WebinarKind.WORKSHOP_TOUR.value else "新品发布：") + spec.name_zh,
            description=f"See how {spec.name_en} works, and ask the owner your questions live.",
            language="en",
            created_by_id=owner_id,
            ended_at=starts_at + timedelta(minutes=45) if status == WebinarStatus.ENDED.value else None,
        )
        db.add(webinar)
        db.flush()
        webinar.room_name = f"webinar-{id_of(webinar)}"
        db.add(WebinarProduct(webinar_id=id_of(webinar), product_id=product_ids[0]))


def seed_demo_data() -> bool:
    """Load the demo marketplace into an empty database. Returns False (and does nothing) otherwise."""
    with session_scope() as db:
        if db.exec(select(User.id).limit(1)).first() is not None:
            return False
        password_hash = hash_password(DEMO_PASSWORD)
        now = utcnow()
        admin = User(
            email=ADMIN[0],
            password_hash=password_hash,
            full_name=ADMIN[1],
            company_name=ADMIN[2],
            role=Role.ADMIN.value,
        )
        db.add(admin)
        for email, name, company, tz in BUYERS:
            db.add(
                User(
                    email=email,
                    password_hash=password_hash,
                    full_name=name,
                    company_name=company,
                    role=Role.BUYER.value,
                    timezone=tz,
                )
            )
        db.flush()
        for n, spec in enumerate(FACTORIES):
            _seed_factory(db, spec, n, password_hash, id_of(admin), now)
    reindex_all()
    return True
