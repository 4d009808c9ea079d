"""UI text in English and Simplified Chinese.

Every visible string has a key here; pages show it with `components.i18n.t(key)` (switches in the
browser without a round trip) and services/emails with `translate(key, lang)`. A test checks that
every key has both languages and the same {placeholders}.
"""

from __future__ import annotations

LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"

MESSAGES: dict[str, dict[str, str]] = {
    # brand and navigation
    "brand.tagline": {"en": "Meet the factory before you order", "zh": "下单之前，先见工厂"},
    "nav.home": {"en": "Home", "zh": "首页"},
    "nav.login": {"en": "Log in", "zh": "登录"},
    "nav.signup": {"en": "Sign up", "zh": "注册"},
    "nav.logout": {"en": "Log out", "zh": "退出登录"},
    "nav.account": {"en": "My account", "zh": "我的账户"},
    "nav.dashboard": {"en": "Factory dashboard", "zh": "工厂后台"},
    "nav.admin": {"en": "Admin", "zh": "平台管理"},
    "nav.menu": {"en": "Menu", "zh": "菜单"},
    "nav.language": {"en": "中文", "zh": "English"},
    "nav.language_label": {"en": "Switch language to Chinese", "zh": "切换为英文"},
    "nav.theme": {"en": "Toggle dark mode", "zh": "切换深色模式"},
    "common.loading": {"en": "Loading…", "zh": "加载中…"},
    "common.save": {"en": "Save", "zh": "保存"},
    "common.name": {"en": "Name", "zh": "姓名"},
    "common.back_home": {"en": "Back to the home page", "zh": "返回首页"},
    "footer.note": {
        "en": "RealSourcing — verified factories, live video, paid samples.",
        "zh": "RealSourcing —— 认证工厂、视频直连、样品在线支付。",
    },
    # landing page
    "home.title": {"en": "Trust a Chinese factory before your first sample", "zh": "第一次打样之前，先建立对工厂的信任"},
    "home.subtitle": {
        "en": "Verified trust profiles, live online open days and 1:1 video audits — then order your "
        "first sample and pay online, in one place.",
        "zh": "认证的工厂档案、在线开放日直播、一对一视频验厂——然后在同一个平台下单打样、在线支付。",
    },
    "home.cta_buyer": {"en": "I'm a buyer — create an account", "zh": "我是买家——创建账户"},
    "home.cta_factory": {"en": "I run a factory — join", "zh": "我是工厂——入驻平台"},
    "home.how": {"en": "How it works", "zh": "使用流程"},
    "home.step1": {"en": "Check the profile", "zh": "查看工厂档案"},
    "home.step1_text": {
        "en": "Business licence and certificates reviewed by our team, with validity dates.",
        "zh": "营业执照和各类认证由平台审核，有效期一目了然。",
    },
    "home.step2": {"en": "Join an open day", "zh": "参加在线开放日"},
    "home.step2_text": {
        "en": "Watch a live workshop tour or product launch and ask questions.",
        "zh": "观看车间直播或新品发布，现场提问。",
    },
    "home.step3": {"en": "Book a 1:1 video call", "zh": "预约一对一视频会议"},
    "home.step3_text": {
        "en": "A deep factory audit or sample discussion, booked in your own time zone.",
        "zh": "深度验厂或样品沟通，按您所在时区预约。",
    },
    "home.step4": {"en": "Order a paid sample", "zh": "在线下单打样"},
    "home.step4_text": {
        "en": "Pay online right after the call and track the sample to your door.",
        "zh": "会后立即在线支付，全程跟踪样品物流。",
    },
    "home.factories": {"en": "Factories on RealSourcing", "zh": "平台上的工厂"},
    "home.factories_empty": {
        "en": "No factories yet. Factory owners can join in two minutes.",
        "zh": "暂时还没有工厂。工厂入驻只需两分钟。",
    },
    "home.verified": {"en": "Verified", "zh": "已认证"},
    "home.not_verified": {"en": "Verification pending", "zh": "认证审核中"},
    "home.products_count": {"en": "products", "zh": "个产品"},
    "home.since": {"en": "since", "zh": "成立于"},
    "home.welcome": {"en": "Welcome back,", "zh": "欢迎回来，"},
    # log in
    "login.title": {"en": "Log in to RealSourcing", "zh": "登录 RealSourcing"},
    "login.email": {"en": "Email", "zh": "邮箱"},
    "login.password": {"en": "Password", "zh": "密码"},
    "login.submit": {"en": "Log in", "zh": "登录"},
    "login.working": {"en": "Logging in…", "zh": "正在登录…"},
    "login.no_account": {"en": "New here?", "zh": "还没有账户？"},
    "login.create": {"en": "Create an account", "zh": "创建账户"},
    "login.or": {"en": "or", "zh": "或"},
    "login.with_oidc": {"en": "Continue with", "zh": "使用以下方式继续："},
    "login.need_login": {"en": "Please log in to continue.", "zh": "请先登录后继续。"},
    # sign up
    "signup.title": {"en": "Create your RealSourcing account", "zh": "创建 RealSourcing 账户"},
    "signup.i_am": {"en": "I am", "zh": "我是"},
    "signup.buyer": {"en": "A buyer (brand, retailer, importer)", "zh": "买家（品牌、零售商、进口商）"},
    "signup.factory": {"en": "A factory (manufacturer)", "zh": "工厂（生产商）"},
    "signup.full_name": {"en": "Your full name", "zh": "您的姓名"},
    "signup.company": {"en": "Company (optional)", "zh": "公司（选填）"},
    "signup.email": {"en": "Work email", "zh": "工作邮箱"},
    "signup.password": {"en": "Password (at least 10 characters)", "zh": "密码（至少 10 个字符）"},
    "signup.factory_name_en": {"en": "Factory name (English)", "zh": "工厂名称（英文）"},
    "signup.factory_name_zh": {"en": "Factory name (Chinese, optional)", "zh": "工厂名称（中文，选填）"},
    "signup.city": {"en": "City", "zh": "城市"},
    "signup.province": {"en": "Province (optional)", "zh": "省份（选填）"},
    "signup.submit": {"en": "Create account", "zh": "创建账户"},
    "signup.working": {"en": "Creating your account…", "zh": "正在创建账户…"},
    "signup.have_account": {"en": "Already have an account?", "zh": "已有账户？"},
    # account
    "account.title": {"en": "My account", "zh": "我的账户"},
    "account.profile": {"en": "Profile", "zh": "个人资料"},
    "account.type": {"en": "Account type", "zh": "账户类型"},
    "account.type_buyer": {"en": "Buyer", "zh": "买家"},
    "account.type_factory": {"en": "Factory", "zh": "工厂"},
    "account.type_admin": {"en": "Platform admin", "zh": "平台管理员"},
    "account.sessions": {"en": "Where you're logged in", "zh": "已登录的设备"},
    "account.sessions_help": {
        "en": "Every browser where your account is signed in. End any you don't recognise.",
        "zh": "您的账户已登录的所有浏览器。如有不认识的，请立即退出。",
    },
    "account.this_device": {"en": "This browser", "zh": "当前浏览器"},
    "account.last_seen": {"en": "Last active", "zh": "最近活动"},
    "account.signed_in": {"en": "Signed in", "zh": "登录时间"},
    "account.end_session": {"en": "Log out this browser", "zh": "退出该浏览器"},
    "account.logout_everywhere": {"en": "Log out everywhere", "zh": "退出所有设备"},
    "account.logout_everywhere_help": {
        "en": "Ends every session, including this one.",
        "zh": "结束所有会话，包括当前会话。",
    },
    "account.method_password": {"en": "password", "zh": "密码"},
    "account.method_oidc": {"en": "single sign-on", "zh": "单点登录"},
    # factory dashboard (issue 3 grows it)
    "dash.title": {"en": "Factory dashboard", "zh": "工厂后台"},
    "dash.team": {"en": "Team", "zh": "团队成员"},
    "dash.role_owner": {"en": "Owner", "zh": "所有者"},
    "dash.role_staff": {"en": "Staff", "zh": "员工"},
    "dash.public_status": {"en": "Verification", "zh": "认证状态"},
    "dash.products": {"en": "Published products", "zh": "已上架产品"},
    "dash.documents": {"en": "Approved documents", "zh": "已审核证件"},
    "dash.location": {"en": "Location", "zh": "所在地"},
    # admin
    "admin.title": {"en": "Platform overview", "zh": "平台概览"},
    "admin.users": {"en": "Accounts", "zh": "账户"},
    "admin.buyers": {"en": "Buyers", "zh": "买家"},
    "admin.factory_users": {"en": "Factory members", "zh": "工厂成员"},
    "admin.factories": {"en": "Factories", "zh": "工厂"},
    "admin.verified": {"en": "Verified factories", "zh": "已认证工厂"},
    "admin.pending_docs": {"en": "Documents waiting for review", "zh": "待审核证件"},
    "admin.active_sessions": {"en": "Active sessions", "zh": "活跃会话"},
    "admin.failed_logins": {"en": "Failed log-ins (24 h)", "zh": "登录失败（24 小时）"},
    # 404 and errors
    "notfound.title": {"en": "We couldn't find that page", "zh": "找不到该页面"},
    "notfound.text": {
        "en": "The link may be old, or the page may have moved.",
        "zh": "链接可能已失效，或页面已移动。",
    },
    "error.backend": {
        "en": "Something went wrong on our side. Please try again in a moment.",
        "zh": "服务器出了点问题，请稍后再试。",
    },
    "denied.title": {"en": "This page isn't for your account", "zh": "您的账户无权访问此页面"},
    # field and domain errors (shown through translate())
    "err.required": {"en": "This field is required.", "zh": "此项为必填。"},
    "err.too_long": {"en": "That is too long.", "zh": "内容过长。"},
    "err.whole_number": {"en": "Enter a whole number.", "zh": "请输入整数。"},
    "err.out_of_range": {"en": "That number is outside the allowed range.", "zh": "数值超出允许范围。"},
    "err.choose_category": {"en": "Choose at least one category.", "zh": "请至少选择一个类目。"},
    "err.unknown_category": {"en": "Choose categories from the list.", "zh": "请从列表中选择类目。"},
    "err.unknown_option": {"en": "Choose options from the list.", "zh": "请从列表中选择。"},
    "err.money": {"en": "Enter an amount like 12.50.", "zh": "请输入金额，例如 12.50。"},
    "err.max_below_min": {"en": "The highest price is below the lowest.", "zh": "最高价低于最低价。"},
    "err.sample_qty_required": {"en": "Say how many samples a buyer may order (1–100).", "zh": "请填写样品可订购数量（1–100）。"},
    "err.specifications": {
        "en": "Write one specification per line as “Name: value” (at most 20).",
        "zh": "每行一项规格，格式为“名称: 值”（最多 20 项）。",
    },
    "err.date": {"en": "Enter a date as YYYY-MM-DD.", "zh": "请按 YYYY-MM-DD 格式输入日期。"},
    "err.document_kind": {"en": "Choose the kind of document.", "zh": "请选择证件类型。"},
    "err.until_after_from": {"en": "“Valid until” must be after “valid from”.", "zh": "有效期截止日须晚于起始日。"},
    "err.already_expired": {"en": "This document has already expired.", "zh": "该证件已过期。"},
    "err.reason_required": {"en": "Tell the factory why (at least 5 characters).", "zh": "请说明驳回原因（至少 5 个字符）。"},
    "err.gallery_full": {"en": "The gallery is full. Remove some items first.", "zh": "相册已满，请先删除部分内容。"},
    "err.cover_must_be_photo": {"en": "Only a workshop photo can be the cover.", "zh": "只有车间照片可以设为封面。"},
    "err.upload_empty": {"en": "That file is empty.", "zh": "文件为空。"},
    "err.upload_too_large": {"en": "That file is too large (at most {limit_mb} MB).", "zh": "文件过大（最大 {limit_mb} MB）。"},
    "err.upload_wrong_type": {
        "en": "That kind of file isn't accepted here. Use the formats listed.",
        "zh": "不支持该文件类型，请使用列出的格式。",
    },
    "err.upload_image_too_big": {"en": "That image has too many pixels (at most 40 megapixels).", "zh": "图片像素过多（最多 4000 万像素）。"},
    "err.upload_unreadable": {"en": "That file is damaged or not what it claims to be.", "zh": "文件已损坏或格式与内容不符。"},
    "err.fix_fields": {"en": "Please correct the highlighted fields.", "zh": "请修改标红的字段。"},
    "err.permission_denied": {"en": "You don't have access to that.", "zh": "您没有权限执行此操作。"},
    "err.not_found": {"en": "That no longer exists.", "zh": "该内容已不存在。"},
    "err.email_required": {"en": "Enter your email address.", "zh": "请输入邮箱地址。"},
    "err.email_invalid": {
        "en": "That doesn't look like an email address (example: name@company.com).",
        "zh": "邮箱格式不正确（例如：name@company.com）。",
    },
    "err.email_taken": {
        "en": "An account with this email already exists. Log in instead?",
        "zh": "该邮箱已注册，请直接登录。",
    },
    "err.password_required": {"en": "Enter your password.", "zh": "请输入密码。"},
    "err.password_too_short": {"en": "Use at least 10 characters.", "zh": "密码至少需要 10 个字符。"},
    "err.password_too_long": {"en": "Use at most 128 characters.", "zh": "密码最多 128 个字符。"},
    "err.password_is_email": {"en": "Don't use your email as your password.", "zh": "请勿使用邮箱作为密码。"},
    "err.password_too_simple": {
        "en": "Too simple: mix more different characters.",
        "zh": "密码过于简单，请使用更多不同的字符。",
    },
    "err.name_required": {"en": "Enter your name.", "zh": "请输入姓名。"},
    "err.account_type": {"en": "Choose buyer or factory.", "zh": "请选择买家或工厂。"},
    "err.factory_name_required": {"en": "Enter your factory's name in English.", "zh": "请输入工厂英文名称。"},
    "err.city_required": {"en": "Enter the city where the factory is.", "zh": "请输入工厂所在城市。"},
    "err.wrong_credentials": {"en": "Wrong email or password.", "zh": "邮箱或密码错误。"},
    "err.too_many_attempts": {
        "en": "Too many failed attempts. Try again in {minutes} min.",
        "zh": "失败次数过多，请 {minutes} 分钟后再试。",
    },
    "err.oidc_failed": {
        "en": "Sign-in with your provider didn't complete. Please try again.",
        "zh": "第三方登录未完成，请重试。",
    },
    "err.oidc_no_email": {
        "en": "Your provider didn't share an email address, so we can't sign you in.",
        "zh": "第三方账户未提供邮箱，无法登录。",
    },
    "err.oidc_email_unverified": {
        "en": "Your provider hasn't verified your email address. Verify it there, or log in with a password.",
        "zh": "第三方账户的邮箱尚未验证。请先验证，或使用密码登录。",
    },
    "err.account_disabled": {"en": "This account is disabled.", "zh": "该账户已停用。"},
    "msg.logged_out_everywhere": {"en": "Logged out on {count} browser(s).", "zh": "已退出 {count} 个浏览器。"},
    "msg.session_ended": {"en": "That browser is logged out.", "zh": "该浏览器已退出登录。"},
}


def supported(language: str | None) -> str:
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def translate(key: str, language: str | None = None, **params: object) -> str:
    """The text for key in language (English when missing), with {placeholders} filled."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(supported(language)) or entry[DEFAULT_LANGUAGE]
    return text.format(**params) if params else text


def from_accept_language(header: str | None) -> str:
    """The best supported language for an Accept-Language header (zh-CN, zh-TW… count as zh)."""
    best, best_q = DEFAULT_LANGUAGE, -1.0
    for part in (header or "").split(","):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()
        q = 1.0
        for p in pieces[1:]:
            if p.strip().startswith("q="):
                try:
                    q = float(p.strip()[2:])
                except ValueError:
                    q = 0.0
        primary = tag.split("-")[0]
        if primary in LANGUAGES and q > best_q:
            best, best_q = primary, q
    return best
