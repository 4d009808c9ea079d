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
    "home.title": {
        "en": "Trust a Chinese factory before your first sample",
        "zh": "第一次打样之前，先建立对工厂的信任",
    },
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
    "admin.oldest_pending": {"en": "Oldest document waiting (days)", "zh": "最早待审证件（天）"},
    "admin.webinars_week": {"en": "Webinars this week", "zh": "本周直播"},
    "admin.meetings": {"en": "Meetings booked", "zh": "已预约会议"},
    "admin.orders": {"en": "Sample orders", "zh": "样品订单"},
    "admin.gmv": {"en": "GMV (USD, paid)", "zh": "成交额（美元，已付款）"},
    "admin.failed_emails": {"en": "Emails failing", "zh": "发送失败的邮件"},
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
    "err.sample_qty_required": {
        "en": "Say how many samples a buyer may order (1–100).",
        "zh": "请填写样品可订购数量（1–100）。",
    },
    "err.specifications": {
        "en": "Write one specification per line as “Name: value” (at most 20).",
        "zh": "每行一项规格，格式为“名称: 值”（最多 20 项）。",
    },
    "err.date": {"en": "Enter a date as YYYY-MM-DD.", "zh": "请按 YYYY-MM-DD 格式输入日期。"},
    "err.document_kind": {"en": "Choose the kind of document.", "zh": "请选择证件类型。"},
    "err.until_after_from": {"en": "“Valid until” must be after “valid from”.", "zh": "有效期截止日须晚于起始日。"},
    "err.already_expired": {"en": "This document has already expired.", "zh": "该证件已过期。"},
    "err.reason_required": {
        "en": "Tell the factory why (at least 5 characters).",
        "zh": "请说明驳回原因（至少 5 个字符）。",
    },
    "err.gallery_full": {"en": "The gallery is full. Remove some items first.", "zh": "相册已满，请先删除部分内容。"},
    "err.cover_must_be_photo": {"en": "Only a workshop photo can be the cover.", "zh": "只有车间照片可以设为封面。"},
    "err.upload_empty": {"en": "That file is empty.", "zh": "文件为空。"},
    "err.upload_too_large": {
        "en": "That file is too large (at most {limit_mb} MB).",
        "zh": "文件过大（最大 {limit_mb} MB）。",
    },
    "err.upload_wrong_type": {
        "en": "That kind of file isn't accepted here. Use the formats listed.",
        "zh": "不支持该文件类型，请使用列出的格式。",
    },
    "err.upload_image_too_big": {
        "en": "That image has too many pixels (at most 40 megapixels).",
        "zh": "图片像素过多（最多 4000 万像素）。",
    },
    "err.upload_unreadable": {
        "en": "That file is damaged or not what it claims to be.",
        "zh": "文件已损坏或格式与内容不符。",
    },
    "err.video_unavailable": {
        "en": "Video is unavailable right now (the video server did not answer). Everything else on this page still works.",
        "zh": "视频暂时不可用（视频服务器无响应），页面其他功能仍可正常使用。",
    },
    "err.webinar_overlap": {"en": "This overlaps another of your webinars.", "zh": "与您的另一场直播时间冲突。"},
    "err.meeting_overlap": {"en": "This overlaps a confirmed meeting.", "zh": "与已确认的会议时间冲突。"},
    "err.duration": {"en": "A webinar lasts 15 to 240 minutes.", "zh": "直播时长需在 15–240 分钟之间。"},
    "err.datetime": {"en": "Choose a date and a time.", "zh": "请选择日期和时间。"},
    "err.start_in_future": {"en": "The start must be in the future.", "zh": "开始时间必须晚于当前时间。"},
    "err.webinar_not_editable": {"en": "This webinar can no longer be edited.", "zh": "该直播已无法编辑。"},
    "err.webinar_bad_transition": {
        "en": "That isn't possible in the webinar's current state.",
        "zh": "直播当前状态下无法执行此操作。",
    },
    "err.too_early": {"en": "The room opens 15 minutes before the start.", "zh": "直播间在开始前 15 分钟开放。"},
    "err.webinar_not_live": {"en": "The webinar is not live.", "zh": "直播尚未开始。"},
    "err.login_required": {"en": "Please log in first.", "zh": "请先登录。"},
    "err.own_webinar": {"en": "You host this webinar.", "zh": "这是您主办的直播。"},
    "err.webinar_full": {"en": "This webinar is full.", "zh": "该直播名额已满。"},
    "err.register_first": {"en": "Register for this webinar to join the room.", "zh": "请先报名才能进入直播间。"},
    "err.webinar_over": {"en": "This webinar has ended.", "zh": "该直播已结束。"},
    "err.slot_taken": {
        "en": "This time was just taken. Here are the times still free.",
        "zh": "该时间刚刚被预约，以下是仍可预约的时间。",
    },
    "err.too_many_pending": {
        "en": "You already have {limit} requests waiting for this factory's answer.",
        "zh": "您已有 {limit} 个请求在等待该工厂回复。",
    },
    "err.own_factory": {"en": "You can't book your own factory.", "zh": "不能预约自己的工厂。"},
    "err.meeting_bad_transition": {
        "en": "That isn't possible in the meeting's current state.",
        "zh": "会议当前状态下无法执行此操作。",
    },
    "err.not_your_meeting": {"en": "This is not your meeting.", "zh": "这不是您的会议。"},
    "err.meeting_not_confirmed": {"en": "The meeting isn't confirmed yet.", "zh": "会议尚未确认。"},
    "err.meeting_over": {"en": "This meeting has ended.", "zh": "该会议已结束。"},
    "err.timezone": {"en": "Choose a time zone from the list.", "zh": "请从列表中选择时区。"},
    "err.hours": {
        "en": "Write hours like 09:00-12:00, 13:30-17:30 (no overlaps).",
        "zh": "请按 09:00-12:00, 13:30-17:30 的格式填写（不可重叠）。",
    },
    "err.meeting_duration": {"en": "A meeting lasts 15 to 90 minutes.", "zh": "会议时长需在 15–90 分钟之间。"},
    "err.order_empty": {"en": "Choose at least one sample.", "zh": "请至少选择一件样品。"},
    "err.no_samples": {"en": "This product doesn't offer samples.", "zh": "该产品不提供样品。"},
    "err.sample_limit": {"en": "More than the factory sends as samples.", "zh": "超过工厂的样品数量上限。"},
    "err.quantity_number": {"en": "Enter a whole number.", "zh": "请输入整数。"},
    "err.no_shipping": {
        "en": "The factory doesn't ship samples to this country yet.",
        "zh": "工厂暂不向该国家寄送样品。",
    },
    "err.country": {"en": "Choose the country from the list.", "zh": "请从列表中选择国家/地区。"},
    "err.phone": {
        "en": "Enter a phone number that works in that country, with its area code — the courier calls it.",
        "zh": "请填写该国家/地区可拨通的电话（含区号），快递员会拨打此号码。",
    },
    "err.order_bad_transition": {
        "en": "That isn't possible in the order's current state.",
        "zh": "订单当前状态下无法执行此操作。",
    },
    "err.tracking_required": {"en": "Enter the carrier and the tracking number.", "zh": "请填写物流公司和运单号。"},
    "err.payment_unavailable": {
        "en": "Card payment is unavailable right now. Choose bank transfer or try again later.",
        "zh": "银行卡支付暂不可用，请选择银行转账或稍后再试。",
    },
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
    # meetings: history lines, rendered from typed meeting events (meetings.events.describe)
    "meet.event_booked": {"en": "Meeting booked", "zh": "已预约会议"},
    "meet.event_confirmed": {"en": "Confirmed by the factory", "zh": "工厂已确认"},
    "meet.event_declined": {"en": "Declined: {reason}", "zh": "已拒绝：{reason}"},
    "meet.event_cancelled": {"en": "Cancelled: {reason}", "zh": "已取消：{reason}"},
    "meet.event_rescheduled": {"en": "Moved to {when}", "zh": "已改期至 {when}"},
    "meet.event_moved_from": {"en": "Moved from {when}", "zh": "由 {when} 改期而来"},
    "meet.event_completed": {"en": "Both sides joined", "zh": "双方均已加入会议"},
    "meet.event_no_show": {"en": "Not everyone joined", "zh": "有一方未加入会议"},
}

MESSAGES.update(
    {
        # dashboard sections
        "dash.overview": {"en": "Overview", "zh": "概览"},
        "dash.profile": {"en": "Profile", "zh": "工厂资料"},
        "dash.documents_tab": {"en": "Documents & certificates", "zh": "证件与认证"},
        "dash.media": {"en": "Photos & videos", "zh": "照片与视频"},
        "dash.products_tab": {"en": "Products", "zh": "产品"},
        "dash.view_public": {"en": "View public page", "zh": "查看公开主页"},
        "dash.completeness": {"en": "Profile completeness", "zh": "资料完整度"},
        "dash.next_steps": {"en": "Next steps buyers look for", "zh": "买家最关注的下一步"},
        "dash.all_done": {
            "en": "Your profile is complete. Buyers see everything they look for.",
            "zh": "资料已完整，买家可以看到所需的全部信息。",
        },
        "dash.upcoming_webinars": {"en": "Upcoming webinars", "zh": "即将举行的直播"},
        "dash.no_webinars": {"en": "No webinars scheduled.", "zh": "暂无已安排的直播。"},
        "dash.meetings": {"en": "Meeting requests", "zh": "会议请求"},
        "dash.open_orders": {"en": "Open sample orders", "zh": "进行中的样品订单"},
        "dash.none_yet": {
            "en": "None yet — they appear here when buyers book or order.",
            "zh": "暂无——买家预约或下单后会显示在这里。",
        },
        "step.licence": {"en": "Upload your business licence and get it approved", "zh": "上传营业执照并通过审核"},
        "step.names": {"en": "Add your Chinese and legal names", "zh": "填写中文名称和法定名称"},
        "step.location": {"en": "Add the full factory address", "zh": "填写完整的工厂地址"},
        "step.size": {"en": "Add founding year, staff and floor area", "zh": "填写成立年份、员工人数和厂房面积"},
        "step.capacity": {"en": "Add categories, capacity, MOQ and lead time", "zh": "填写类目、产能、起订量和交期"},
        "step.story": {"en": "Tell your story in English (80+ characters)", "zh": "用英文介绍工厂（80 字符以上）"},
        "step.contact": {"en": "Name a contact person with an email", "zh": "填写联系人及邮箱"},
        "step.logo": {"en": "Upload your logo", "zh": "上传 Logo"},
        "step.certificate": {
            "en": "Add at least one certificate (ISO, BSCI, CE…)",
            "zh": "至少添加一项认证（ISO、BSCI、CE 等）",
        },
        "step.photos": {"en": "Show your workshop: 3 photos or more", "zh": "展示车间：至少 3 张照片"},
        "step.products": {"en": "Publish your first product", "zh": "发布第一个产品"},
        # profile form
        "profile.title": {"en": "Factory profile", "zh": "工厂资料"},
        "profile.identity": {"en": "Names", "zh": "名称"},
        "profile.legal_name_en": {"en": "Legal name (English)", "zh": "法定名称（英文）"},
        "profile.legal_name_zh": {"en": "Legal name (Chinese)", "zh": "法定名称（中文）"},
        "profile.display_name_en": {"en": "Display name (English)", "zh": "展示名称（英文）"},
        "profile.display_name_zh": {"en": "Display name (Chinese)", "zh": "展示名称（中文）"},
        "profile.logo": {"en": "Logo", "zh": "Logo"},
        "profile.logo_help": {"en": "JPEG, PNG or WebP, up to 15 MB.", "zh": "JPEG、PNG 或 WebP，最大 15 MB。"},
        "profile.upload_logo": {"en": "Upload logo", "zh": "上传 Logo"},
        "profile.location": {"en": "Location", "zh": "地址"},
        "profile.province": {"en": "Province", "zh": "省份"},
        "profile.city": {"en": "City", "zh": "城市"},
        "profile.address": {"en": "Street address", "zh": "详细地址"},
        "profile.size": {"en": "Size and history", "zh": "规模与历史"},
        "profile.founded_year": {"en": "Founded (year)", "zh": "成立年份"},
        "profile.staff_count": {"en": "Staff", "zh": "员工人数"},
        "profile.floor_area_m2": {"en": "Factory floor area (m²)", "zh": "厂房面积（平方米）"},
        "profile.trade": {"en": "Markets and production", "zh": "市场与生产"},
        "profile.main_markets": {"en": "Main markets (comma-separated)", "zh": "主要市场（逗号分隔）"},
        "profile.export_share_pct": {"en": "Export share (%)", "zh": "出口占比（%）"},
        "profile.categories": {
            "en": "Main categories (up to 5; the first is your main one)",
            "zh": "主营类目（最多 5 个，第一个为主类目）",
        },
        "profile.production_lines": {"en": "Production lines", "zh": "生产线数量"},
        "profile.monthly_capacity": {"en": "Monthly capacity", "zh": "月产能"},
        "profile.typical_moq": {"en": "Typical MOQ (units)", "zh": "常规起订量（件）"},
        "profile.lead_time_days": {"en": "Typical lead time (days)", "zh": "常规交期（天）"},
        "profile.languages": {"en": "Languages spoken (comma-separated)", "zh": "可用语言（逗号分隔）"},
        "profile.story": {"en": "About us", "zh": "工厂介绍"},
        "profile.about_en": {"en": "Our story (English)", "zh": "工厂介绍（英文）"},
        "profile.about_zh": {"en": "Our story (Chinese)", "zh": "工厂介绍（中文）"},
        "profile.contact": {"en": "Contact person", "zh": "联系人"},
        "profile.contact_name": {"en": "Name", "zh": "姓名"},
        "profile.contact_email": {"en": "Email", "zh": "邮箱"},
        "profile.contact_phone": {"en": "Phone", "zh": "电话"},
        "profile.unsaved": {"en": "You have unsaved changes.", "zh": "您有未保存的修改。"},
        "profile.discard": {"en": "Discard", "zh": "放弃修改"},
        "profile.saved": {"en": "Profile saved.", "zh": "资料已保存。"},
        # documents
        "docs.title": {"en": "Documents & certificates", "zh": "证件与认证"},
        "docs.help": {
            "en": "Upload your business licence and certificates as PDF, JPEG or PNG (up to 15 MB). Our team reviews each one; "
            "your factory shows as Verified once the licence is approved.",
            "zh": "上传营业执照和认证证书（PDF、JPEG 或 PNG，最大 15 MB）。平台会逐一审核；营业执照通过后，工厂将显示为“已认证”。",
        },
        "docs.add": {"en": "Add a document", "zh": "添加证件"},
        "docs.kind": {"en": "Document", "zh": "证件类型"},
        "docs.number": {"en": "Certificate / registration number", "zh": "证书编号 / 统一社会信用代码"},
        "docs.issuer": {"en": "Issuing body", "zh": "发证机构"},
        "docs.valid_from": {"en": "Valid from", "zh": "有效期起"},
        "docs.valid_until": {"en": "Valid until", "zh": "有效期至"},
        "docs.file": {"en": "File", "zh": "文件"},
        "docs.choose_file": {"en": "Choose or drop a PDF, JPEG or PNG", "zh": "选择或拖入 PDF、JPEG 或 PNG 文件"},
        "docs.submit": {"en": "Upload for review", "zh": "上传并提交审核"},
        "docs.uploaded": {"en": "Uploaded. Our team will review it.", "zh": "已上传，等待平台审核。"},
        "docs.none": {
            "en": "No documents yet. Start with your business licence.",
            "zh": "还没有证件，请先上传营业执照。",
        },
        "docs.status_pending": {"en": "Pending review", "zh": "待审核"},
        "docs.status_approved": {"en": "Verified", "zh": "已认证"},
        "docs.status_rejected": {"en": "Rejected", "zh": "已驳回"},
        "docs.status_expired": {"en": "Expired", "zh": "已过期"},
        "docs.view": {"en": "View file", "zh": "查看文件"},
        "docs.remove": {"en": "Remove", "zh": "删除"},
        "docs.no_file": {"en": "Choose a file first.", "zh": "请先选择文件。"},
        "docs.reason": {"en": "Reason", "zh": "原因"},
        # media
        "media.title": {"en": "Photos & videos", "zh": "照片与视频"},
        "media.help": {
            "en": "Workshop photos (JPEG, PNG, WebP up to 15 MB) and short videos (MP4 or WebM up to 100 MB). Location and other hidden data are removed from photos and videos.",
            "zh": "车间照片（JPEG、PNG、WebP，最大 15 MB）和短视频（MP4 或 WebM，最大 100 MB）。照片和视频中的位置等隐藏信息会被自动删除。",
        },
        "media.drop": {"en": "Drop photos or videos here, or click to choose", "zh": "拖入照片或视频，或点击选择"},
        "media.upload": {"en": "Upload", "zh": "上传"},
        "media.uploading": {"en": "Uploading…", "zh": "上传中…"},
        "media.added": {"en": "Added to your gallery.", "zh": "已添加到相册。"},
        "media.empty": {
            "en": "No photos yet. Buyers trust what they can see: show your production floor.",
            "zh": "还没有照片。买家更信任看得见的工厂：展示您的车间吧。",
        },
        "media.caption_en": {"en": "Caption (English)", "zh": "说明（英文）"},
        "media.caption_zh": {"en": "Caption (Chinese)", "zh": "说明（中文）"},
        "media.cover": {"en": "Cover", "zh": "封面"},
        "media.make_cover": {"en": "Make cover", "zh": "设为封面"},
        "media.earlier": {"en": "Move earlier", "zh": "前移"},
        "media.later": {"en": "Move later", "zh": "后移"},
        "media.remove": {"en": "Remove", "zh": "删除"},
        "media.selected": {"en": "Selected:", "zh": "已选择："},
        # products
        "prod.title": {"en": "Products", "zh": "产品"},
        "prod.details": {"en": "Product details", "zh": "产品信息"},
        "prod.new": {"en": "New product", "zh": "新建产品"},
        "prod.empty": {
            "en": "No products yet. Add the ones buyers can order samples of.",
            "zh": "还没有产品。添加买家可以打样的产品吧。",
        },
        "prod.published": {"en": "Published", "zh": "已上架"},
        "prod.draft": {"en": "Draft", "zh": "草稿"},
        "prod.edit": {"en": "Edit", "zh": "编辑"},
        "prod.duplicate": {"en": "Duplicate", "zh": "复制"},
        "prod.publish": {"en": "Publish", "zh": "上架"},
        "prod.unpublish": {"en": "Unpublish", "zh": "下架"},
        "prod.delete": {"en": "Delete", "zh": "删除"},
        "prod.deleted": {"en": "Product deleted. Orders that name it keep it.", "zh": "产品已删除，相关订单仍会保留。"},
        "prod.saved": {"en": "Product saved.", "zh": "产品已保存。"},
        "prod.name_en": {"en": "Name (English)", "zh": "名称（英文）"},
        "prod.name_zh": {"en": "Name (Chinese)", "zh": "名称（中文）"},
        "prod.category": {"en": "Category", "zh": "类目"},
        "prod.description_en": {"en": "Description (English)", "zh": "描述（英文）"},
        "prod.description_zh": {"en": "Description (Chinese)", "zh": "描述（中文）"},
        "prod.bulk": {"en": "Bulk terms (USD per unit)", "zh": "批量条款（美元/件）"},
        "prod.price_min": {"en": "Lowest price", "zh": "最低价"},
        "prod.price_max": {"en": "Highest price", "zh": "最高价"},
        "prod.moq": {"en": "MOQ (units)", "zh": "起订量（件）"},
        "prod.sample_terms": {"en": "Sample terms", "zh": "样品条款"},
        "prod.sample_price": {
            "en": "Sample price (USD, empty: no samples)",
            "zh": "样品价格（美元，留空表示不提供样品）",
        },
        "prod.sample_max_qty": {"en": "Samples per order (max)", "zh": "每单样品上限"},
        "prod.sample_lead_time_days": {"en": "Sample lead time (days)", "zh": "样品交期（天）"},
        "prod.customization": {"en": "Customisation", "zh": "定制服务"},
        "prod.specifications": {
            "en": "Specifications (one “Name: value” per line)",
            "zh": "规格参数（每行一项“名称: 值”）",
        },
        "prod.images": {"en": "Product images", "zh": "产品图片"},
        "prod.images_after_save": {
            "en": "Save the product first, then add images.",
            "zh": "请先保存产品，再添加图片。",
        },
        "prod.back": {"en": "All products", "zh": "全部产品"},
        "prod.no_samples": {"en": "No samples", "zh": "不提供样品"},
        "prod.sample": {"en": "Sample", "zh": "样品"},
        # admin verification
        "review.title": {"en": "Document verification", "zh": "证件审核"},
        "review.nav": {"en": "Verification", "zh": "证件审核"},
        "review.empty": {"en": "Nothing waiting for review.", "zh": "暂无待审核证件。"},
        "review.approve": {"en": "Approve", "zh": "通过"},
        "review.reject": {"en": "Reject", "zh": "驳回"},
        "review.reason_placeholder": {"en": "Reason the factory will see", "zh": "工厂可见的驳回原因"},
        "review.approved": {"en": "Approved.", "zh": "已通过。"},
        "review.rejected": {"en": "Rejected; the factory sees your reason.", "zh": "已驳回，工厂可以看到原因。"},
        "review.waiting_since": {"en": "Uploaded", "zh": "上传于"},
        # directory and public pages
        "nav.factories": {"en": "Factories", "zh": "工厂"},
        "dir.title": {"en": "Find a factory you can trust", "zh": "找到值得信赖的工厂"},
        "dir.search": {"en": "Search factories, products, cities…", "zh": "搜索工厂、产品、城市…"},
        "dir.search_button": {"en": "Search", "zh": "搜索"},
        "dir.all_categories": {"en": "All categories", "zh": "全部类目"},
        "dir.all_provinces": {"en": "All provinces", "zh": "全部省份"},
        "dir.any_certification": {"en": "Any certification", "zh": "任意认证"},
        "dir.verified_only": {"en": "Verified only", "zh": "仅看已认证"},
        "dir.max_moq": {"en": "MOQ up to", "zh": "起订量不超过"},
        "dir.any_moq": {"en": "Any MOQ", "zh": "不限起订量"},
        "dir.sort": {"en": "Sort", "zh": "排序"},
        "dir.sort_relevance": {"en": "Verified first", "zh": "已认证优先"},
        "dir.sort_newest": {"en": "Newest", "zh": "最新入驻"},
        "dir.sort_name": {"en": "Name", "zh": "名称"},
        "dir.sort_established": {"en": "Longest established", "zh": "成立最早"},
        "dir.results": {"en": "factories", "zh": "家工厂"},
        "dir.none": {
            "en": "No factory matches. Try fewer words or filters.",
            "zh": "没有匹配的工厂，请减少关键词或筛选条件。",
        },
        "dir.clear": {"en": "Clear filters", "zh": "清除筛选"},
        "dir.previous": {"en": "Previous", "zh": "上一页"},
        "dir.next": {"en": "Next", "zh": "下一页"},
        "dir.page": {"en": "Page", "zh": "第"},
        "dir.of": {"en": "of", "zh": "页，共"},
        "fac.years": {"en": "years in business", "zh": "年经营"},
        "fac.book": {"en": "Book a 1:1 video meeting", "zh": "预约一对一视频会议"},
        "fac.follow": {"en": "Follow", "zh": "关注"},
        "fac.unfollow": {"en": "Following", "zh": "已关注"},
        "fac.book_soon": {
            "en": "Booking opens with the meetings feature; for now, join a webinar below.",
            "zh": "会议预约功能即将上线；目前可先报名下方的直播。",
        },
        "fac.trust": {"en": "Trust panel", "zh": "信任档案"},
        "fac.verified_docs": {"en": "Verified documents", "zh": "已审核证件"},
        "fac.no_docs": {"en": "No documents verified yet.", "zh": "暂无已审核的证件。"},
        "fac.number": {"en": "No.", "zh": "编号"},
        "fac.issued_by": {"en": "Issued by", "zh": "发证机构"},
        "fac.valid_until": {"en": "Valid until", "zh": "有效期至"},
        "fac.no_expiry": {"en": "no expiry", "zh": "长期有效"},
        "fac.signals": {"en": "Measured on RealSourcing", "zh": "平台实测数据"},
        "fac.not_enough": {"en": "not enough data yet", "zh": "数据不足"},
        "fac.gallery": {"en": "Inside the factory", "zh": "走进工厂"},
        "fac.no_gallery": {"en": "No photos yet.", "zh": "暂无照片。"},
        "fac.products": {"en": "Products", "zh": "产品"},
        "fac.no_products": {"en": "No published products yet.", "zh": "暂无上架产品。"},
        "fac.webinars": {"en": "Upcoming open days", "zh": "即将举行的开放日"},
        "fac.no_upcoming": {"en": "No open days scheduled.", "zh": "暂无已安排的开放日。"},
        "fac.facts": {"en": "Factory facts", "zh": "工厂概况"},
        "fac.staff": {"en": "Staff", "zh": "员工"},
        "fac.area": {"en": "Floor area", "zh": "厂房面积"},
        "fac.markets": {"en": "Main markets", "zh": "主要市场"},
        "fac.export": {"en": "Export share", "zh": "出口占比"},
        "fac.lines": {"en": "Production lines", "zh": "生产线"},
        "fac.capacity": {"en": "Monthly capacity", "zh": "月产能"},
        "fac.moq": {"en": "Typical MOQ", "zh": "常规起订量"},
        "fac.lead_time": {"en": "Lead time", "zh": "交期"},
        "fac.days": {"en": "days", "zh": "天"},
        "fac.languages": {"en": "Languages", "zh": "语言"},
        "fac.about": {"en": "About", "zh": "工厂介绍"},
        "trust.response_rate": {"en": "Response rate to meeting requests", "zh": "会议请求回复率"},
        "trust.response_time": {"en": "Median response time", "zh": "回复时间中位数"},
        "trust.meetings_held": {"en": "1:1 meetings held", "zh": "已完成的一对一会议"},
        "trust.webinars_hosted": {"en": "Webinars hosted", "zh": "已举办的直播"},
        "trust.on_time_shipping": {"en": "Sample orders shipped on time", "zh": "样品按时发货率"},
        "product.sample_terms": {"en": "Sample terms", "zh": "样品条款"},
        "product.sample_price": {"en": "Sample price", "zh": "样品价格"},
        "product.sample_max": {"en": "Up to", "zh": "每单最多"},
        "product.units": {"en": "units per order", "zh": "件"},
        "product.sample_lead": {"en": "Ships within", "zh": "发货时间"},
        "product.bulk": {"en": "Bulk price", "zh": "批量价格"},
        "product.moq": {"en": "MOQ", "zh": "起订量"},
        "product.specs": {"en": "Specifications", "zh": "规格参数"},
        "product.customization": {"en": "Customisation", "zh": "定制服务"},
        "product.order_sample": {"en": "Order a sample", "zh": "订购样品"},
        "product.by": {"en": "Made by", "zh": "生产商"},
    }
)

MESSAGES.update(
    {
        "nav.webinars": {"en": "Webinars", "zh": "直播"},
        "web.title": {"en": "Webinars", "zh": "直播"},
        "web.new": {"en": "New webinar", "zh": "新建直播"},
        "web.none_yet": {
            "en": "No webinars yet. Host an online open day: a workshop tour or a product launch.",
            "zh": "还没有直播。举办一场在线开放日吧：车间参观或新品发布。",
        },
        "web.square_title": {"en": "Online open days", "zh": "在线开放日"},
        "web.square_subtitle": {
            "en": "Watch factories live, ask questions, then book a 1:1 meeting.",
            "zh": "观看工厂直播、现场提问，再预约一对一会议。",
        },
        "web.any_language": {"en": "Any language", "zh": "任意语言"},
        "web.live_now": {"en": "Live now", "zh": "正在直播"},
        "web.upcoming": {"en": "Upcoming", "zh": "即将开始"},
        "web.past": {"en": "Past", "zh": "往期"},
        "web.none_live": {"en": "Nothing live right now.", "zh": "当前没有直播。"},
        "web.none_upcoming": {"en": "No upcoming webinars match.", "zh": "没有符合条件的直播。"},
        "web.none_past": {"en": "No past webinars match.", "zh": "没有符合条件的往期直播。"},
        "web.live": {"en": "Live", "zh": "直播中"},
        "web.scheduled": {"en": "Scheduled", "zh": "已安排"},
        "web.ended": {"en": "Ended", "zh": "已结束"},
        "web.cancelled": {"en": "Cancelled", "zh": "已取消"},
        "web.draft": {"en": "Draft", "zh": "草稿"},
        "web.kind_workshop_tour": {"en": "Workshop tour", "zh": "车间参观"},
        "web.kind_product_launch": {"en": "Product launch", "zh": "新品发布"},
        "web.kind_process": {"en": "Process explained", "zh": "工艺讲解"},
        "web.kind_live_qa": {"en": "Live Q&A", "zh": "直播问答"},
        "web.your_time_zone": {"en": "Your time zone", "zh": "您所在时区"},
        "web.utc": {"en": "In UTC:", "zh": "UTC 时间："},
        "web.register": {"en": "Register", "zh": "报名"},
        "web.registered": {"en": "You're registered", "zh": "已报名"},
        "web.unregister": {"en": "Cancel my registration", "zh": "取消报名"},
        "web.enter_room": {"en": "Enter the room", "zh": "进入直播间"},
        "web.add_to_calendar": {"en": "Add to calendar (.ics)", "zh": "添加到日历（.ics）"},
        "web.seats": {"en": "Registered / seats", "zh": "已报名 / 名额"},
        "web.you_host": {"en": "You host this webinar", "zh": "您是主办方"},
        "web.featured": {"en": "Featured products", "zh": "重点产品"},
        "web.host_controls": {"en": "Host controls", "zh": "主持控制"},
        "web.go_live": {"en": "Go live", "zh": "开始直播"},
        "web.end": {"en": "End webinar for everyone", "zh": "结束直播"},
        "web.audience": {"en": "Registered buyers", "zh": "已报名的买家"},
        "web.stage": {"en": "Invite on stage", "zh": "邀请上台"},
        "web.unstage": {"en": "Off stage", "zh": "请下台"},
        "web.mute": {"en": "Mute", "zh": "静音"},
        "web.remove": {"en": "Remove", "zh": "移出"},
        "web.done": {"en": "Done.", "zh": "已完成。"},
        "web.factory_profile": {"en": "Factory profile", "zh": "工厂主页"},
        "web.registrations": {"en": "Registrations", "zh": "报名"},
        "web.attended": {"en": "Attended", "zh": "参加"},
        "web.schedule": {"en": "Schedule", "zh": "发布"},
        "web.open_room": {"en": "Open room", "zh": "打开直播间"},
        "web.cancel": {"en": "Cancel webinar", "zh": "取消直播"},
        "web.cancel_help": {
            "en": "Registered buyers are told, with your reason.",
            "zh": "已报名的买家会收到通知及取消原因。",
        },
        "web.scheduled_ok": {"en": "Scheduled: it is on the webinar square.", "zh": "已发布到直播广场。"},
        "web.cancelled_ok": {"en": "Cancelled; registered buyers are told.", "zh": "已取消，已通知报名买家。"},
        "web.saved": {"en": "Webinar saved.", "zh": "直播已保存。"},
        "web.details": {"en": "Details", "zh": "基本信息"},
        "web.title_en": {"en": "Title (English)", "zh": "标题（英文）"},
        "web.title_zh": {"en": "Title (Chinese)", "zh": "标题（中文）"},
        "web.kind": {"en": "Type", "zh": "类型"},
        "web.language": {"en": "Language", "zh": "语言"},
        "web.description": {"en": "What buyers will see", "zh": "直播内容介绍"},
        "web.when": {"en": "When", "zh": "时间"},
        "web.start": {"en": "Start (factory time)", "zh": "开始时间（工厂当地时间）"},
        "web.factory_zone": {"en": "Factory time zone", "zh": "工厂时区"},
        "web.duration": {"en": "Duration (minutes, 15–240)", "zh": "时长（分钟，15–240）"},
        "web.capacity": {"en": "Capacity (viewers)", "zh": "人数上限"},
        "web.no_products": {"en": "Publish products to feature them.", "zh": "上架产品后可在直播中展示。"},
        "web.verified_docs": {"en": "verified documents", "zh": "份已审核证件"},
        "web.cover": {"en": "Cover image", "zh": "封面图片"},
        "web.cover_after_save": {
            "en": "Save the webinar first, then add a cover image.",
            "zh": "请先保存直播，再添加封面。",
        },
        "web.upload_cover": {"en": "Upload cover", "zh": "上传封面"},
        "web.schedule_now": {"en": "Publish on the webinar square now", "zh": "立即发布到直播广场"},
    }
)

MESSAGES.update(
    {
        "nav.meetings": {"en": "Meetings", "zh": "会议"},
        "meet.title": {"en": "My meetings", "zh": "我的会议"},
        "meet.book_title": {"en": "Book a 1:1 video meeting", "zh": "预约一对一视频会议"},
        "meet.no_types": {"en": "This factory doesn't offer meetings yet.", "zh": "该工厂暂未开放会议预约。"},
        "meet.type": {"en": "Meeting", "zh": "会议类型"},
        "meet.your_zone": {"en": "Your time zone", "zh": "您的时区"},
        "meet.free_times": {"en": "Free times", "zh": "可预约时间"},
        "meet.times_in": {"en": "Times in", "zh": "时间按"},
        "meet.factory_time": {"en": "factory:", "zh": "工厂："},
        "meet.no_slots": {
            "en": "No free times on this day. Pick a highlighted day.",
            "zh": "当天没有可预约时间，请选择高亮日期。",
        },
        "meet.agenda": {"en": "Agenda", "zh": "会议议程"},
        "meet.agenda_help": {
            "en": "What you want to see or discuss (moulds, QC, packaging…)",
            "zh": "您想了解或讨论的内容（模具、质检、包装等）",
        },
        "meet.products": {"en": "Products of interest", "zh": "感兴趣的产品"},
        "meet.confirm": {"en": "Request this time", "zh": "预约该时间"},
        "meet.choose_time": {"en": "Choose a time first.", "zh": "请先选择时间。"},
        "meet.booked": {"en": "Requested. The factory has been told.", "zh": "已提交预约，已通知工厂。"},
        "meet.none_upcoming": {
            "en": "No upcoming meetings. Book one from a factory's page.",
            "zh": "暂无即将进行的会议，可在工厂主页预约。",
        },
        "meet.none_past": {"en": "No past meetings.", "zh": "暂无过往会议。"},
        "meet.status_requested": {"en": "Requested", "zh": "待确认"},
        "meet.status_confirmed": {"en": "Confirmed", "zh": "已确认"},
        "meet.status_completed": {"en": "Completed", "zh": "已完成"},
        "meet.status_no_show": {"en": "No-show", "zh": "未出席"},
        "meet.status_declined": {"en": "Declined", "zh": "已拒绝"},
        "meet.status_cancelled": {"en": "Cancelled", "zh": "已取消"},
        "meet.status_rescheduled": {"en": "Rescheduled", "zh": "已改期"},
        "meet.enter_room": {"en": "Enter the meeting room", "zh": "进入会议室"},
        "meet.confirm_request": {"en": "Confirm this meeting", "zh": "确认会议"},
        "meet.reschedule": {"en": "Propose another time", "zh": "改期"},
        "meet.reason": {"en": "Reason", "zh": "原因"},
        "meet.decline": {"en": "Decline", "zh": "拒绝"},
        "meet.cancel": {"en": "Cancel meeting", "zh": "取消会议"},
        "meet.updated": {"en": "Updated; the other side has been told.", "zh": "已更新，并已通知对方。"},
        "meet.in_your_zone": {"en": "(your time zone)", "zh": "（您的时区）"},
        "meet.history": {"en": "History", "zh": "记录"},
        "meet.not_yours": {"en": "This is not your meeting.", "zh": "这不是您的会议。"},
        "meet.create_order": {"en": "Create a sample order", "zh": "创建样品订单"},
        "meet.details": {"en": "Meeting details", "zh": "会议详情"},
        "avail.title": {"en": "Meetings & availability", "zh": "会议与可预约时间"},
        "avail.tab": {"en": "Availability", "zh": "可预约时间"},
        "avail.weekly": {"en": "Weekly hours", "zh": "每周时间"},
        "avail.timezone": {"en": "Factory time zone", "zh": "工厂时区"},
        "avail.hours_help": {
            "en": "Per weekday, ranges like 09:00-12:00, 13:30-17:30. Empty: closed.",
            "zh": "每天可填多个时段，如 09:00-12:00, 13:30-17:30；留空表示休息。",
        },
        "avail.mon": {"en": "Monday", "zh": "周一"},
        "avail.tue": {"en": "Tuesday", "zh": "周二"},
        "avail.wed": {"en": "Wednesday", "zh": "周三"},
        "avail.thu": {"en": "Thursday", "zh": "周四"},
        "avail.fri": {"en": "Friday", "zh": "周五"},
        "avail.sat": {"en": "Saturday", "zh": "周六"},
        "avail.sun": {"en": "Sunday", "zh": "周日"},
        "avail.limits": {"en": "Buffers and limits", "zh": "间隔与限制"},
        "avail.buffer_before": {"en": "Buffer before (min)", "zh": "会前间隔（分钟）"},
        "avail.buffer_after": {"en": "Buffer after (min)", "zh": "会后间隔（分钟）"},
        "avail.min_notice": {"en": "Minimum notice (hours)", "zh": "最少提前（小时）"},
        "avail.horizon": {"en": "Bookable up to (days ahead)", "zh": "最多提前预约（天）"},
        "avail.max_per_day": {"en": "Meetings per day (max, 0 = no limit)", "zh": "每日会议上限（0 为不限）"},
        "avail.auto_confirm": {"en": "Confirm requests automatically", "zh": "自动确认预约"},
        "avail.overrides": {"en": "Closed days and extra hours", "zh": "休息日与加开时段"},
        "avail.closed": {"en": "Closed", "zh": "休息"},
        "avail.extra_hours": {"en": "Extra hours", "zh": "加开时段"},
        "avail.date": {"en": "Date", "zh": "日期"},
        "avail.note": {"en": "Note (e.g. Chinese New Year)", "zh": "备注（如春节）"},
        "avail.add": {"en": "Add", "zh": "添加"},
        "avail.types": {"en": "Meeting types", "zh": "会议类型"},
        "avail.type_name_en": {"en": "Name (English)", "zh": "名称（英文）"},
        "avail.type_name_zh": {"en": "Name (Chinese)", "zh": "名称（中文）"},
        "avail.duration": {"en": "Minutes (15–90)", "zh": "分钟（15–90）"},
        "avail.offered": {"en": "Offered", "zh": "开放"},
        "avail.preview": {"en": "Preview: the next 7 days (factory time)", "zh": "预览：未来 7 天（工厂时间）"},
        "avail.saved": {"en": "Saved.", "zh": "已保存。"},
    }
)

MESSAGES.update(
    {
        "nav.orders": {"en": "Orders", "zh": "订单"},
        "order.title": {"en": "Sample orders", "zh": "样品订单"},
        "order.title_factory": {"en": "Sample orders and shipping fees", "zh": "样品订单与运费"},
        "order.new_title": {"en": "Order samples", "zh": "订购样品"},
        "order.samples": {"en": "Samples", "zh": "样品"},
        "order.max": {"en": "max", "zh": "最多"},
        "order.quantity": {"en": "Quantity", "zh": "数量"},
        "order.ship_to": {"en": "Ship to", "zh": "收货地址"},
        "order.saved_addresses": {"en": "Use a saved address", "zh": "使用已保存的地址"},
        "order.ship_name": {"en": "Name", "zh": "收件人"},
        "order.ship_company": {"en": "Company", "zh": "公司"},
        "order.ship_country": {"en": "Country", "zh": "国家/地区"},
        "order.choose_country": {"en": "Choose a country…", "zh": "请选择国家/地区…"},
        "order.phone_example": {"en": "With the area code, e.g. {example}", "zh": "请含区号，例如 {example}"},
        "order.phone_help": {"en": "With the country and area code", "zh": "请含国家和区号"},
        "order.ship_line1": {"en": "Address", "zh": "地址"},
        "order.ship_line2": {"en": "Address line 2", "zh": "地址第二行"},
        "order.ship_city": {"en": "City", "zh": "城市"},
        "order.ship_region": {"en": "State / region", "zh": "州/省"},
        "order.ship_postal_code": {"en": "Postal code", "zh": "邮编"},
        "order.ship_phone": {"en": "Phone", "zh": "电话"},
        "order.save_address": {"en": "Save this address", "zh": "保存该地址"},
        "order.notes": {"en": "Options and notes", "zh": "规格与备注"},
        "order.notes_help": {"en": "Colour, logo, packaging…", "zh": "颜色、Logo、包装等"},
        "order.summary": {"en": "Summary", "zh": "订单汇总"},
        "order.summary_help": {
            "en": "Choose samples and a country to see the price.",
            "zh": "选择样品和国家后显示价格。",
        },
        "order.subtotal": {"en": "Samples", "zh": "样品"},
        "order.shipping": {"en": "Shipping", "zh": "运费"},
        "order.total": {"en": "Total", "zh": "合计"},
        "order.ships_within": {"en": "Ships within", "zh": "发货时间"},
        "order.pay_with": {"en": "Pay with", "zh": "付款方式"},
        "order.card": {"en": "Card or wallet (Stripe Checkout)", "zh": "银行卡或钱包（Stripe）"},
        "order.bank": {"en": "Bank transfer (T/T)", "zh": "银行转账（T/T）"},
        "order.place": {"en": "Place order", "zh": "提交订单"},
        "order.none": {"en": "No sample orders yet.", "zh": "暂无样品订单。"},
        "order.all": {"en": "All orders", "zh": "全部订单"},
        "order.late": {"en": "Shipping late", "zh": "发货延迟"},
        "order.status_awaiting_payment": {"en": "Awaiting payment", "zh": "待付款"},
        "order.status_paid": {"en": "Paid", "zh": "已付款"},
        "order.status_accepted": {"en": "Accepted", "zh": "已接单"},
        "order.status_shipped": {"en": "Shipped", "zh": "已发货"},
        "order.status_delivered": {"en": "Delivered", "zh": "已送达"},
        "order.status_completed": {"en": "Completed", "zh": "已完成"},
        "order.status_cancelled": {"en": "Cancelled", "zh": "已取消"},
        "order.status_refunded": {"en": "Refunded", "zh": "已退款"},
        "order.confirming": {
            "en": "Confirming your payment… this page updates when Stripe tells us.",
            "zh": "正在确认付款……收到 Stripe 通知后页面会更新。",
        },
        "order.bank_help": {"en": "Pay by bank transfer to:", "zh": "请银行转账至："},
        "order.reference_help": {"en": "Write this reference on the transfer:", "zh": "转账备注请填写："},
        "order.tracking": {"en": "Tracking", "zh": "运单号"},
        "order.carrier": {"en": "Carrier", "zh": "物流公司"},
        "order.carrier_other": {"en": "Another carrier…", "zh": "其他物流公司…"},
        "order.carrier_name": {"en": "Carrier's name", "zh": "物流公司名称"},
        "order.not_yours": {"en": "This is not your order.", "zh": "这不是您的订单。"},
        "order.item": {"en": "Item", "zh": "产品"},
        "order.unit_price": {"en": "Unit price", "zh": "单价"},
        "order.line_total": {"en": "Line total", "zh": "小计"},
        "order.buyer_notes": {"en": "Buyer's notes", "zh": "买家备注"},
        "order.cancel_title": {"en": "Cancel this order?", "zh": "确定取消此订单？"},
        "order.cancel_text": {
            "en": "The other side is told at once, with your reason. A cancelled order cannot be reopened.",
            "zh": "对方会立即收到通知和您填写的原因。订单取消后无法恢复。",
        },
        "order.cancel_reason": {"en": "Reason", "zh": "原因"},
        "order.cancel_reason_help": {"en": "e.g. ordered the wrong colour", "zh": "例如：颜色选错了"},
        "order.keep": {"en": "Keep the order", "zh": "保留订单"},
        "order.cancel_confirm": {"en": "Cancel order", "zh": "取消订单"},
        "order.cancelled_toast": {
            "en": "The order is cancelled; the other side was told.",
            "zh": "订单已取消，已通知对方。",
        },
        "err.cancel_reason_required": {
            "en": "Say why you cancel (at least 3 characters).",
            "zh": "请填写取消原因（至少 3 个字）。",
        },
        "order.pay_again": {"en": "Pay by card", "zh": "银行卡支付"},
        "order.mark_paid": {"en": "Bank transfer received", "zh": "已收到银行转账"},
        "order.accept": {"en": "Accept order", "zh": "接单"},
        "order.ship": {"en": "Mark shipped", "zh": "确认发货"},
        "order.refund": {"en": "Refund", "zh": "退款"},
        "order.delivered": {"en": "Mark delivered", "zh": "确认送达"},
        "order.complete": {"en": "Complete order", "zh": "完成订单"},
        "order.cancel": {"en": "Cancel order", "zh": "取消订单"},
        "order.promised": {"en": "Promised to ship by", "zh": "承诺发货日期"},
        "order.timeline": {"en": "Timeline", "zh": "订单记录"},
        "order.rates": {"en": "Sample shipping fees (USD)", "zh": "样品运费（美元）"},
        "order.rates_help": {
            "en": "Empty fee: you don't ship samples to that region.",
            "zh": "运费留空表示不向该地区寄样。",
        },
        "order.region_north_america": {"en": "North America", "zh": "北美"},
        "order.region_europe": {"en": "Europe", "zh": "欧洲"},
        "order.region_asia_pacific": {"en": "Asia-Pacific", "zh": "亚太"},
        "order.region_rest_of_world": {"en": "Rest of world", "zh": "其他地区"},
        "order.tab": {"en": "Orders", "zh": "订单"},
    }
)

MESSAGES.update(
    {
        "notif.title": {"en": "Notifications", "zh": "通知"},
        "ins.title": {"en": "Last 90 days", "zh": "近 90 天"},
        "pipe.title": {"en": "My sourcing pipeline", "zh": "我的采购进展"},
        "pipe.webinars": {"en": "Webinars I registered for", "zh": "已报名的直播"},
        "pipe.meetings": {"en": "Upcoming meetings", "zh": "即将进行的会议"},
        "pipe.orders": {"en": "Open sample orders", "zh": "进行中的样品订单"},
        "pipe.factories": {"en": "Factories I'm talking to", "zh": "正在沟通的工厂"},
        "pipe.none_webinars": {"en": "None yet — see the webinar square.", "zh": "暂无——去直播广场看看。"},
        "pipe.none_meetings": {"en": "None yet — book from a factory's page.", "zh": "暂无——可在工厂主页预约。"},
        "pipe.none_orders": {"en": "None open.", "zh": "暂无进行中的订单。"},
        "pipe.none_factories": {"en": "None yet.", "zh": "暂无。"},
        "ins.views": {"en": "Profile views per week", "zh": "每周主页浏览"},
        "ins.webinars": {"en": "Webinar registrations and attendance", "zh": "直播报名与出席"},
        "ins.meetings": {"en": "Meeting requests, confirmed, held", "zh": "会议请求、确认、完成"},
        "ins.orders": {"en": "Sample orders and revenue", "zh": "样品订单与收入"},
        "ins.empty": {
            "en": "No activity yet in the last 90 days. Charts appear as buyers view, register, book and order.",
            "zh": "近 90 天暂无数据。买家浏览、报名、预约和下单后将显示图表。",
        },
        "account.emails": {"en": "Emails", "zh": "邮件通知"},
        "account.webinar_emails": {"en": "Webinar reminders and updates", "zh": "直播提醒与更新"},
        "account.emails_help": {
            "en": "Emails about your own meetings and sample orders always reach you.",
            "zh": "与您本人会议和样品订单相关的邮件始终会发送。",
        },
        "notif.mark_all": {"en": "Mark all read", "zh": "全部标为已读"},
        "notif.none": {"en": "Nothing here yet.", "zh": "暂无内容。"},
        "notif.outbox": {"en": "Email outbox", "zh": "邮件发件箱"},
        "notif.outbox_help": {
            "en": "Every email the platform sends. Without SMTP configured, they wait here (status pending) and are not sent.",
            "zh": "平台发送的所有邮件。未配置 SMTP 时，邮件在此等待（待发送），不会真正发出。",
        },
        "notif.to": {"en": "To", "zh": "收件人"},
        "notif.attempts": {"en": "attempts", "zh": "尝试次数"},
        "notif.body": {"en": "Message", "zh": "正文"},
        "notif.body_hidden": {
            "en": "Not shown: this email carries a one-time sign-in link only its recipient may use.",
            "zh": "不显示：此邮件含一次性登录链接，仅收件人本人可使用。",
        },
    }
)

# orders: the timeline, told from each event's kind and data (orders/events.py)
MESSAGES.update(
    {
        "order.event_placed": {"en": "Order placed", "zh": "已下单"},
        "order.event_checkout_started": {
            "en": "Card checkout opened (attempt {attempt})",
            "zh": "已打开银行卡支付页面（第 {attempt} 次）",
        },
        "order.event_payment_processing": {"en": "Card payment processing", "zh": "银行卡付款处理中"},
        "order.event_payment_failed": {"en": "Card payment failed", "zh": "银行卡付款失败"},
        "order.event_checkout_expired": {"en": "Card checkout expired", "zh": "银行卡支付页面已过期"},
        "order.event_paid_by_card": {"en": "Paid by card", "zh": "已用银行卡付款"},
        "order.event_bank_transfer_received": {"en": "Bank transfer received", "zh": "已收到银行转账"},
        "order.event_accepted": {"en": "Accepted by the factory", "zh": "工厂已接单"},
        "order.event_shipped": {
            "en": "Shipped: {carrier} {tracking_number}",
            "zh": "已发货：{carrier} {tracking_number}",
        },
        "order.event_delivered": {"en": "Delivered", "zh": "已送达"},
        "order.event_completed": {"en": "Completed", "zh": "已完成"},
        "order.event_cancelled": {"en": "Cancelled", "zh": "已取消"},
        "order.event_refund_requested": {"en": "Refund requested from Stripe", "zh": "已向 Stripe 申请退款"},
        "order.event_refunded_by_card": {"en": "Refunded to the card", "zh": "已退款至银行卡"},
        "order.event_refunded_by_bank": {"en": "Refunded by bank transfer", "zh": "已通过银行转账退款"},
        "order.event_note": {"en": "Note", "zh": "备注"},
        "order.by_buyer": {"en": "Buyer", "zh": "买家"},
        "order.by_factory": {"en": "Factory", "zh": "工厂"},
        "order.by_payment": {"en": "Stripe", "zh": "Stripe"},
        "order.by_system": {"en": "RealSourcing", "zh": "RealSourcing"},
    }
)

# Stages (accounts, profile, webinars, notifications, admin): amounts shown with their currency.
MESSAGES.update(
    {
        "ins.revenue": {"en": "Paid revenue", "zh": "已付款收入"},
    }
)

# payments reconcile (issue 11): the admin's payment anomalies and the late-payment refund on the timeline
MESSAGES.update(
    {
        "order.event_late_payment_refunded": {
            "en": "Paid after the cancellation: refunded to the card automatically",
            "zh": "取消后收到付款：已自动退回银行卡",
        },
        "admin.payments": {"en": "Payment anomalies", "zh": "支付异常"},
        "admin.payments_help": {
            "en": "Payment events that changed nothing because they did not match an order (checkout session, "
            "payment intent, amount, currency, payment method), with each event exactly as Stripe sent it.",
            "zh": "因与订单不符（支付会话、付款意图、金额、币种、付款方式）而未改变任何订单的支付事件，"
            "并附 Stripe 发送的原始事件。",
        },
        "admin.no_anomalies": {"en": "No payment anomalies.", "zh": "暂无支付异常。"},
        "admin.anomaly_event": {"en": "Stripe event", "zh": "Stripe 事件"},
        "admin.raw_event": {"en": "Event as received", "zh": "收到的原始事件"},
        "admin.anomaly_unknown_session": {"en": "Unknown checkout session", "zh": "未知的支付会话"},
        "admin.anomaly_unknown_payment_intent": {"en": "Unknown payment intent", "zh": "未知的付款意图"},
        "admin.anomaly_order_mismatch": {"en": "Names another order", "zh": "指向其他订单"},
        "admin.anomaly_not_a_card_order": {"en": "Not a card order", "zh": "非银行卡订单"},
        "admin.anomaly_amount_mismatch": {"en": "Wrong amount", "zh": "金额不符"},
        "admin.anomaly_currency_mismatch": {"en": "Wrong currency", "zh": "币种不符"},
        "admin.anomaly_partial_refund": {"en": "Partial refund", "zh": "部分退款"},
        "admin.anomaly_no_payment_intent": {"en": "Payment without a payment intent", "zh": "付款缺少付款意图"},
        "admin.anomaly_second_payment": {"en": "Paid twice", "zh": "重复付款"},
        "admin.anomaly_refund_after_shipping": {"en": "Refunded after shipping", "zh": "发货后退款"},
        "admin.anomaly_refund_failed": {"en": "Automatic refund failed", "zh": "自动退款失败"},
    }
)


# exactly once from the browser (issue 11): a submit whose form state was lost (core/idempotency.py)
MESSAGES.update(
    {
        "err.form_expired": {
            "en": "This form has expired. Reload the page and try again.",
            "zh": "此表单已过期，请刷新页面后重试。",
        },
    }
)

# Browser edge (issue 11): the HttpOnly session cookie handed over at /auth/session.
MESSAGES.update(
    {
        "err.sign_in_handoff": {
            "en": "Signing you in didn't complete (the link was used or had expired). Please log in again.",
            "zh": "登录未完成（链接已使用或已过期），请重新登录。",
        },
    }
)


# Uploads (issue 11): the per-factory storage quota, its refusals and the meter on the dashboard.
MESSAGES.update(
    {
        "err.storage_quota_reached": {
            "en": "Your factory's storage is full: {used} of {quota} used, and this file needs {size}. Remove files you no longer need, then try again.",
            "zh": "工厂存储空间已满：已用 {used}，共 {quota}，此文件需要 {size}。请删除不再需要的文件后重试。",
        },
        "err.document_limit_reached": {
            "en": "Your factory already holds {count} of {limit} documents. Remove one you no longer need before adding another.",
            "zh": "工厂已有 {count} 份证书文件（上限 {limit} 份）。请先删除不再需要的文件，再添加新的。",
        },
        "storage.title": {"en": "Storage", "zh": "存储空间"},
        "storage.meter": {
            "en": "{used} of {quota} used · {documents} of {limit} documents",
            "zh": "已用 {used}，共 {quota} · 证书文件 {documents}/{limit} 份",
        },
    }
)


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


# Accounts hardening (issue 11): sign-up by emailed link, "email me a sign-in link", the link page.
MESSAGES.update(
    {
        "login.email_link": {"en": "Email me a sign-in link instead", "zh": "改用邮件登录链接"},
        "login.link_title": {"en": "Sign in with an emailed link", "zh": "通过邮件链接登录"},
        "login.link_intro": {
            "en": "Enter your account's email. We'll send a link that signs you in once, within 15 minutes; "
            "no password needed.",
            "zh": "请输入账户邮箱。我们会发送一个登录链接，15 分钟内可使用一次，无需密码。",
        },
        "login.link_submit": {"en": "Email me a sign-in link", "zh": "发送登录链接到我的邮箱"},
        "login.link_sent": {
            "en": "If an account uses this address, a sign-in link is on its way. Open it within 15 minutes.",
            "zh": "如果该邮箱已注册，登录链接已发出，请在 15 分钟内打开。",
        },
        "login.use_password": {"en": "Log in with your password", "zh": "使用密码登录"},
        "login.throttled_help": {
            "en": "You can still get in: we can email you a one-time sign-in link.",
            "zh": "您仍可登录：我们可以向您的邮箱发送一次性登录链接。",
        },
        "signup.check_title": {"en": "Check your email", "zh": "请查收邮件"},
        "signup.check_sent_to": {"en": "We sent a message to", "zh": "我们已发送邮件至"},
        "signup.check_body": {
            "en": "Open the link in it within 15 minutes to finish. Nothing arrived? Check your spam folder, "
            "or try again.",
            "zh": "请在 15 分钟内打开邮件中的链接完成注册。没有收到？请检查垃圾邮件，或重新提交。",
        },
        "signup.use_other_email": {"en": "Use another email", "zh": "使用其他邮箱"},
        "link.checking": {"en": "Checking your link…", "zh": "正在检查链接…"},
        "link.signup_title": {"en": "Finish creating your account", "zh": "完成创建账户"},
        "link.signup_body": {
            "en": "Confirm to create your RealSourcing account for",
            "zh": "确认后，将为以下邮箱创建 RealSourcing 账户：",
        },
        "link.signup_confirm": {"en": "Create my account", "zh": "创建我的账户"},
        "link.sign_in_title": {"en": "Sign in to RealSourcing", "zh": "登录 RealSourcing"},
        "link.sign_in_body": {"en": "Confirm to sign in as", "zh": "确认后，将以此账户登录："},
        "link.sign_in_confirm": {"en": "Sign me in", "zh": "确认登录"},
        "link.why_click": {
            "en": "The link works only after this click, so mail scanners that open links can't use it.",
            "zh": "只有点击确认后链接才会生效，因此自动打开链接的邮件扫描程序无法使用它。",
        },
        "link.invalid_title": {"en": "This link no longer works", "zh": "此链接已失效"},
        "link.invalid_body": {
            "en": "A link works once, within 15 minutes. Ask for a new one:",
            "zh": "每个链接只能使用一次，且 15 分钟内有效。请重新获取：",
        },
        "link.new_sign_in": {"en": "Email me a new sign-in link", "zh": "重新发送登录链接"},
        "link.sign_up_again": {"en": "Sign up again", "zh": "重新注册"},
        "err.link_invalid": {
            "en": "This link no longer works (it was used or has expired).",
            "zh": "此链接已失效（已使用或已过期）。",
        },
        "err.too_many_signups": {
            "en": "Too many sign-ups from your network. Try again in {minutes} min.",
            "zh": "您所在网络的注册次数过多，请 {minutes} 分钟后再试。",
        },
    }
)


# Time zones shown to people (issue 13).
MESSAGES.update(
    {
        "account.timezone": {"en": "Time zone", "zh": "时区"},
        "account.timezone_help": {
            "en": "Every time on RealSourcing and in our emails is shown in this zone. We took it from your browser; change it if you travel.",
            "zh": "RealSourcing 页面和邮件中的所有时间都按此时区显示。默认取自您的浏览器，出差时可以修改。",
        },
        "account.timezone_saved": {"en": "Times are now shown for {zone}.", "zh": "时间现在按 {zone} 显示。"},
        "err.unknown_timezone": {"en": "Choose a time zone from the list.", "zh": "请从列表中选择时区。"},
        "meet.your_time": {"en": "Your time:", "zh": "您的时间："},
        "meet.factory_side_time": {"en": "Factory's time:", "zh": "工厂时间："},
        "meet.buyer_side_time": {"en": "Buyer's time:", "zh": "买家时间："},
        "meet.add_to_calendar": {"en": "Add to calendar:", "zh": "添加到日历："},
        "meet.calendar_file": {"en": "Calendar file (.ics)", "zh": "日历文件（.ics）"},
    }
)


# Edge hardening (issue 11): the websocket rate limit's notice to a tab that sends too many events.
MESSAGES.update(
    {
        "edge.event_flood": {
            "en": "This tab is sending too many actions at once, so some were ignored. Please slow down; if it keeps happening, reload the page.",
            "zh": "此标签页短时间内发送的操作过多，部分操作已被忽略。请放慢速度；如果持续出现，请刷新页面。",
        },
    }
)


# Push, not poll (issue 12): the bell's count as screen readers hear it.
MESSAGES.update(
    {
        "notif.unread": {"en": "unread", "zh": "条未读"},
    }
)


# Notifications and webinars that never went live (issue 13).
MESSAGES.update(
    {
        "web.not_held": {"en": "Did not take place", "zh": "未举行"},
        "web.not_held_note": {
            "en": "This webinar did not take place: the factory never went live. You can still visit the factory or book a 1:1 meeting.",
            "zh": "本场直播未举行：工厂没有开播。您仍可查看工厂主页或预约一对一会议。",
        },
        "web.not_held_note_host": {
            "en": "This webinar did not take place: it never went live before its planned end. Anyone who registered is told, in the app and by email.",
            "zh": "本场直播未举行：在计划结束前没有开播。已报名的买家会收到站内通知和邮件。",
        },
    }
)


# Switching the payment method while awaiting payment (issue 13): the order page, its timeline and refusals.
MESSAGES.update(
    {
        "order.event_switched_to_bank_transfer": {
            "en": "Switched to bank transfer",
            "zh": "已改为银行转账付款",
        },
        "order.event_switched_to_card": {"en": "Switched to card payment", "zh": "已改为银行卡付款"},
        "order.event_card_payment_after_switch": {
            "en": "An earlier card checkout was paid after the switch: back to card payment",
            "zh": "改为银行转账后，之前的银行卡支付已完成：改回银行卡付款",
        },
        "order.pay_by_bank_instead": {"en": "Pay by bank transfer instead", "zh": "改用银行转账付款"},
        "order.pay_by_card_instead": {"en": "Pay by card instead", "zh": "改用银行卡付款"},
        "order.switch_help": {
            "en": "You can change how you pay until the payment arrives.",
            "zh": "收到付款之前，您可以随时更改付款方式。",
        },
        "order.checkout_cancelled": {
            "en": "The card payment was not completed. Try again, or pay by bank transfer instead.",
            "zh": "银行卡付款未完成。您可以重试，或改用银行转账付款。",
        },
        "order.switched_toast": {
            "en": "Payment method changed; the factory has been told.",
            "zh": "付款方式已更改，并已通知工厂。",
        },
        "err.card_payment_under_way": {
            "en": "Your card payment has already gone through and is being confirmed, so you can no longer switch.",
            "zh": "您的银行卡付款已完成，正在确认中，因此无法再更改付款方式。",
        },
        "err.order_changed": {
            "en": "This order changed in the meantime. Look at it again and retry.",
            "zh": "此订单刚刚发生了变化，请查看后重试。",
        },
    }
)


# Server-sent page heads (core/page_head.py): titles, descriptions and main text for crawlers.
MESSAGES.update(
    {
        "head.factory": {"en": "Factory", "zh": "工厂"},
        "head.verified_factory": {"en": "Verified factory", "zh": "认证工厂"},
        "head.products": {"en": "products", "zh": "产品"},
        "head.china": {"en": "China", "zh": "中国"},
        "head.factory_summary": {
            "en": "{name} — {what} making {category} in {place}. Meet them on live video and order a paid sample on RealSourcing.",
            "zh": "{name}——位于{place}的{category}{what}。在 RealSourcing 视频连线工厂，在线支付打样。",
        },
        "head.product_summary": {
            "en": "{name} by {factory}. Order a paid sample or meet the factory on live video on RealSourcing.",
            "zh": "{factory} 的 {name}。在 RealSourcing 在线支付打样，或视频连线工厂。",
        },
        "head.webinar_summary": {
            "en": "{kind} by {factory}, {when}. An online open day on RealSourcing: watch live and ask questions.",
            "zh": "{factory} 的{kind}，{when}。RealSourcing 线上开放日：观看直播并现场提问。",
        },
        "head.facts": {"en": "Facts", "zh": "基本信息"},
        "head.fact_place": {"en": "Location: {place}", "zh": "所在地：{place}"},
        "head.fact_founded": {"en": "Founded in {year}", "zh": "成立于 {year} 年"},
        "head.fact_staff": {"en": "{count} staff", "zh": "员工 {count} 人"},
        "head.fact_area": {"en": "Floor area {area} m²", "zh": "厂房面积 {area} 平方米"},
        "head.fact_lines": {"en": "{count} production lines", "zh": "生产线 {count} 条"},
        "head.fact_moq": {"en": "Minimum order {moq} units", "zh": "起订量 {moq} 件"},
        "head.fact_lead": {"en": "Lead time {days} days", "zh": "交期 {days} 天"},
        "head.fact_sample": {"en": "Sample price {price}", "zh": "样品价格 {price}"},
        "head.fact_sample_lead": {"en": "Sample ready in {days} days", "zh": "样品 {days} 天内可发出"},
        "head.credentials": {"en": "Verified documents", "zh": "已认证文件"},
        "head.products_heading": {"en": "Products", "zh": "产品"},
        "head.open_days": {"en": "Upcoming open days", "zh": "即将举行的开放日"},
        "head.specifications": {"en": "Specifications", "zh": "规格参数"},
        "head.made_by": {"en": "Made by", "zh": "生产工厂"},
        "head.sample_offer": {"en": "Paid sample", "zh": "付费样品"},
        "head.directory_title": {"en": "Verified Chinese factories", "zh": "认证中国工厂"},
        "head.directory_description": {
            "en": "Find Chinese factories with verified licences and certificates, meet them on live video and order a paid sample.",
            "zh": "寻找营业执照与证书经过认证的中国工厂，视频连线工厂，在线支付打样。",
        },
        "head.factories": {"en": "Factories", "zh": "工厂"},
        "head.about_webinar": {"en": "About this open day", "zh": "关于本次开放日"},
        "head.hosted_by": {"en": "Hosted by", "zh": "主办工厂"},
        "dir.filter_category": {"en": "Category", "zh": "类目"},
        "dir.filter_province": {"en": "Province", "zh": "省份"},
        "dir.filter_cert": {"en": "Certification", "zh": "认证"},
        "dir.filter_moq": {"en": "Minimum order quantity", "zh": "起订量"},
        "head.square_description": {
            "en": "Online open days of verified Chinese factories: workshop tours, product launches and live Q&A. Register and watch live.",
            "zh": "认证中国工厂的在线开放日：车间参观、新品发布与直播答疑。立即报名，观看直播。",
        },
    }
)


# Proforma invoice and receipt (PDF) for a sample order (issue 13)
MESSAGES.update(
    {
        "order.invoice_title_proforma": {"en": "Proforma Invoice", "zh": "形式发票"},
        "order.invoice_title_receipt": {"en": "Receipt", "zh": "收据"},
        "order.invoice_number": {"en": "Document no.", "zh": "单据编号"},
        "order.invoice_issue_date": {"en": "Issue date", "zh": "开具日期"},
        "order.invoice_order_number": {"en": "Order no.", "zh": "订单号"},
        "order.invoice_order_date": {"en": "Order date", "zh": "下单日期"},
        "order.invoice_status": {"en": "Order status", "zh": "订单状态"},
        "order.invoice_zone_note": {
            "en": "Dates are days in the seller's time zone ({zone})",
            "zh": "日期按卖方所在时区（{zone}）计",
        },
        "order.invoice_seller": {"en": "Seller", "zh": "卖方"},
        "order.invoice_buyer": {"en": "Buyer", "zh": "买方"},
        "order.invoice_contact": {"en": "Contact", "zh": "联系人"},
        "order.invoice_line_no": {"en": "No.", "zh": "序号"},
        "order.invoice_product": {"en": "Product", "zh": "产品"},
        "order.invoice_amount": {"en": "Amount", "zh": "金额"},
        "order.invoice_options": {"en": "Options", "zh": "规格要求"},
        "order.invoice_subtotal": {"en": "Samples subtotal", "zh": "样品小计"},
        "order.invoice_currency": {"en": "Currency", "zh": "币种"},
        "order.invoice_payment": {"en": "Payment", "zh": "付款信息"},
        "order.invoice_payment_method": {"en": "Payment method", "zh": "付款方式"},
        "order.invoice_method_card": {"en": "Card (Stripe)", "zh": "银行卡（Stripe）"},
        "order.invoice_payee_bank": {"en": "Payee bank details", "zh": "收款银行信息"},
        "order.invoice_bank_missing": {
            "en": "The factory has not entered its bank details yet; ask it for them",
            "zh": "工厂尚未填写收款银行信息，请向工厂索取",
        },
        "order.invoice_bank_beneficiary": {"en": "Beneficiary", "zh": "收款人"},
        "order.invoice_bank_name": {"en": "Bank", "zh": "开户银行"},
        "order.invoice_bank_account": {"en": "Account no.", "zh": "银行账号"},
        "order.invoice_bank_swift": {"en": "SWIFT / BIC", "zh": "SWIFT 代码"},
        "order.invoice_bank_address": {"en": "Bank address", "zh": "银行地址"},
        "order.invoice_payment_reference": {"en": "Payment reference", "zh": "付款附言"},
        "order.invoice_reference_help": {
            "en": "Write the order number on the transfer so the factory can match it",
            "zh": "请在转账附言中填写订单号，以便工厂核对",
        },
        "order.invoice_how_to_pay": {"en": "How to pay", "zh": "付款方法"},
        "order.invoice_card_help": {
            "en": "Pay online by card on the order's page on RealSourcing",
            "zh": "请在 RealSourcing 的订单页面在线刷卡付款",
        },
        "order.invoice_amount_due": {"en": "Amount due", "zh": "应付金额"},
        "order.invoice_already_paid": {"en": "Paid on {day}", "zh": "已于 {day} 付款"},
        "order.invoice_cancelled_not_payable": {
            "en": "This order was cancelled: nothing is to be paid",
            "zh": "此订单已取消，无需付款",
        },
        "order.invoice_payment_received": {"en": "Payment received", "zh": "收款信息"},
        "order.invoice_paid_on": {"en": "Paid on", "zh": "付款日期"},
        "order.invoice_amount_received": {"en": "Amount received", "zh": "实收金额"},
        "order.invoice_provider_reference": {"en": "Payment record", "zh": "付款凭证"},
        "order.invoice_card_by_stripe": {
            "en": "Card payment through Stripe, payment ID",
            "zh": "通过 Stripe 银行卡付款，支付编号",
        },
        "order.invoice_bank_confirmed": {
            "en": "Bank transfer confirmed by the factory on {day}",
            "zh": "工厂已于 {day} 确认收到银行转账",
        },
        "order.invoice_refunded": {
            "en": "REFUNDED: this payment was returned to the buyer",
            "zh": "已退款：该笔款项已退还买方",
        },
        "order.invoice_refunded_on": {
            "en": "REFUNDED on {day}: this payment was returned to the buyer",
            "zh": "已于 {day} 退款：该笔款项已退还买方",
        },
        "order.invoice_footer_proforma": {
            "en": "A proforma invoice states the price and how to pay before payment; it is not a tax invoice.",
            "zh": "形式发票用于付款前确认价格及付款方式，不作为税务发票。",
        },
        "order.invoice_footer_receipt": {
            "en": "This receipt confirms the payment for the order named above.",
            "zh": "本收据确认上述订单的款项已收到。",
        },
        "order.invoice_generated": {"en": "Generated {at} by RealSourcing", "zh": "由 RealSourcing 于 {at} 生成"},
        "order.invoice_page": {"en": "Page {n}", "zh": "第 {n} 页"},
        "order.invoice_err_totals": {
            "en": "This order's amounts do not add up, so no document is made. Please contact support.",
            "zh": "此订单的金额核对不一致，无法生成单据，请联系客服。",
        },
        "order.invoice_err_not_paid": {
            "en": "This order is not paid yet, so there is no receipt. The proforma invoice is available.",
            "zh": "此订单尚未付款，因此没有收据。可下载形式发票。",
        },
        "order.invoice_err_login": {
            "en": "Log in to download this document.",
            "zh": "请登录后下载此单据。",
        },
        "order.download_proforma": {"en": "Download proforma invoice (PDF)", "zh": "下载形式发票（PDF）"},
        "order.download_receipt": {"en": "Download receipt (PDF)", "zh": "下载收据（PDF）"},
        "order.documents": {"en": "Documents", "zh": "单据"},
    }
)


# Meetings (issue 13): a reschedule is a proposal the other side answers; the 1:1 room's own name.
MESSAGES.update(
    {
        "meet.event_time_proposed": {
            "en": "{name} proposed moving this meeting from {from_when} to {to_when}",
            "zh": "{name} 提议将本次会议从 {from_when} 改到 {to_when}",
        },
        "meet.event_time_accepted": {
            "en": "{name} accepted moving this meeting from {from_when} to {to_when}",
            "zh": "{name} 已接受将本次会议从 {from_when} 改到 {to_when}",
        },
        "meet.event_time_declined": {
            "en": "{name} declined moving this meeting from {from_when} to {to_when}",
            "zh": "{name} 拒绝将本次会议从 {from_when} 改到 {to_when}",
        },
        "meet.event_time_withdrawn": {
            "en": "{name} withdrew the proposal to move this meeting from {from_when} to {to_when}",
            "zh": "{name} 撤回了将本次会议从 {from_when} 改到 {to_when} 的提议",
        },
        "meet.event_time_dropped": {
            "en": "The proposed new time ({to_when}) lapsed with the meeting",
            "zh": "提议的新时间（{to_when}）已随会议一并作废",
        },
        "meet.status_proposed": {"en": "Proposed", "zh": "提议中"},
        "meet.status_withdrawn": {"en": "Withdrawn", "zh": "已撤回"},
        "meet.rescheduling_title": {"en": "Rescheduling {title}", "zh": "改期：{title}"},
        "meet.propose_time": {"en": "Propose another time", "zh": "提议新时间"},
        "meet.propose_title": {"en": "Propose a new time", "zh": "提议新的会议时间"},
        "meet.propose_for": {
            "en": "{title} with {name}, now at {when}. The meeting stays as it is until {name} accepts the new time.",
            "zh": "与 {name} 的 {title}，当前时间 {when}。在 {name} 接受新时间之前，原会议保持不变。",
        },
        "meet.propose_confirm": {"en": "Propose this time", "zh": "提议该时间"},
        "meet.proposed_toast": {"en": "New time proposed. We told {name}.", "zh": "已提议新时间，并已通知 {name}。"},
        "meet.told_toast": {"en": "Done. We told {name}.", "zh": "已完成，并已通知 {name}。"},
        "meet.buyer_time": {"en": "buyer:", "zh": "买家："},
        "meet.proposal_by": {"en": "{name} proposed a new time:", "zh": "{name} 提议了新时间："},
        "meet.proposal_you": {"en": "You proposed a new time:", "zh": "您提议了新时间："},
        "meet.proposal_waiting": {
            "en": "Until {name} accepts, this meeting stays at its time.",
            "zh": "在 {name} 接受之前，会议仍按原时间进行。",
        },
        "meet.proposal_answer": {
            "en": "This meeting stays at its time unless you accept.",
            "zh": "除非您接受，会议仍按原时间进行。",
        },
        "meet.accept_time": {"en": "Accept the new time", "zh": "接受新时间"},
        "meet.decline_time": {"en": "Decline", "zh": "拒绝新时间"},
        "meet.withdraw_time": {"en": "Withdraw the proposal", "zh": "撤回提议"},
        "meet.open_proposal": {"en": "Open the proposal →", "zh": "查看提议 →"},
        "meet.moved_to": {"en": "This meeting was moved to {when}.", "zh": "本次会议已改到 {when}。"},
        "meet.open_new": {"en": "Open the new meeting →", "zh": "查看新的会议 →"},
        "meet.proposal_for_meeting": {
            "en": "A new time proposed for the meeting now at {when}.",
            "zh": "这是为原定于 {when} 的会议提议的新时间。",
        },
        "meet.proposal_closed": {
            "en": "This proposal is closed: the meeting stays at {when}.",
            "zh": "此提议已结束，会议仍在 {when} 举行。",
        },
        "meet.open_original": {"en": "Open the meeting →", "zh": "查看原会议 →"},
        "meet.list_proposed": {"en": "New time proposed: {when}", "zh": "已提议新时间：{when}"},
        "meet.room_title": {"en": "Meeting room", "zh": "视频会议室"},
        "meet.enter_video_room": {"en": "Enter the meeting room", "zh": "进入视频会议室"},
        "err.meeting_room_too_early": {
            "en": "The meeting room opens 15 minutes before the start.",
            "zh": "视频会议室在会议开始前 15 分钟开放。",
        },
        "err.meeting_reason_required": {
            "en": "Tell the other side why (at least 5 characters).",
            "zh": "请向对方说明原因（至少 5 个字）。",
        },
        "err.proposal_pending": {
            "en": "A new time is already proposed for this meeting. Wait for the answer, or withdraw it first.",
            "zh": "该会议已有一个待回复的新时间。请等待对方回复，或先撤回该提议。",
        },
        "err.proposal_same_time": {
            "en": "That is the meeting's current time. Choose another one.",
            "zh": "这是会议的当前时间，请选择其他时间。",
        },
        "err.proposal_passed": {"en": "The proposed time has already passed.", "zh": "提议的时间已经过去。"},
        "meet.previous_month": {"en": "Previous month", "zh": "上个月"},
        "meet.next_month": {"en": "Next month", "zh": "下个月"},
        "meet.type_label": {"en": "Type of meeting", "zh": "会议类型"},
        "meet.times_shown_in": {"en": "Times in", "zh": "显示时区："},
        "err.not_your_answer": {
            "en": "Only the other side can answer this proposal.",
            "zh": "只有对方可以回复此提议。",
        },
    }
)


# Accounts (issue 13): change password, forgot password, change email, delete account.
MESSAGES.update(
    {
        "login.forgot": {"en": "Forgot your password?", "zh": "忘记密码？"},
        "forgot.title": {"en": "Forgot your password?", "zh": "忘记密码？"},
        "forgot.intro": {
            "en": "Enter the email of your account. We'll send you a link to choose a new password.",
            "zh": "请输入您账户的邮箱，我们会发送一个链接，供您设置新密码。",
        },
        "forgot.submit": {"en": "Email me a reset link", "zh": "发送重置链接"},
        "forgot.sent_title": {"en": "Check your email", "zh": "请查收邮件"},
        "forgot.sent_body": {
            "en": "If an account uses this address, we've sent it a link to choose a new password. It works once, within 1 hour. Nothing arrived? Check your spam folder or try again in a few minutes.",
            "zh": "如果有账户使用此邮箱，我们已向其发送设置新密码的链接，仅可使用一次，1 小时内有效。没有收到？请查看垃圾邮件，或几分钟后再试。",
        },
        "forgot.back_to_login": {"en": "Back to log in", "zh": "返回登录"},
        "link.reset_again": {"en": "Reset my password again", "zh": "重新重置密码"},
        "link.invalid_body_any": {
            "en": "A link works once, for a limited time (15 minutes; a password reset link 1 hour). Ask for a new one:",
            "zh": "链接仅可使用一次，且有时效（15 分钟；密码重置链接为 1 小时）。请重新获取：",
        },
        "link.reset_title": {"en": "Choose a new password", "zh": "设置新密码"},
        "link.reset_body": {"en": "For the account", "zh": "账户："},
        "link.reset_confirm": {"en": "Save the new password", "zh": "保存新密码"},
        "link.reset_signs_out": {
            "en": "Every browser signed in to this account will be signed out; this one is signed in with the new password.",
            "zh": "所有已登录此账户的浏览器都将退出登录；当前浏览器将使用新密码登录。",
        },
        "link.email_change_title": {"en": "Confirm your new email address", "zh": "确认新的邮箱地址"},
        "link.email_change_body": {
            "en": "Your account will use this address from now on:",
            "zh": "确认后，您的账户将改用此邮箱：",
        },
        "link.email_change_confirm": {"en": "Use this address", "zh": "使用此邮箱"},
        "link.email_changed_title": {"en": "Your email address was changed", "zh": "邮箱地址已更改"},
        "link.email_changed_body": {"en": "Your account now uses", "zh": "您的账户现在使用"},
        "account.password": {"en": "Password", "zh": "密码"},
        "account.current_password": {"en": "Current password", "zh": "当前密码"},
        "account.new_password": {"en": "New password", "zh": "新密码"},
        "account.confirm_password": {"en": "New password again", "zh": "再次输入新密码"},
        "account.password_rules": {
            "en": "At least 10 characters, with several different ones; not your email.",
            "zh": "至少 10 个字符，包含多种不同字符，且不能与邮箱相同。",
        },
        "account.change_password": {"en": "Change password", "zh": "修改密码"},
        "account.change_password_help": {
            "en": "Other browsers signed in to your account are signed out, and we email you that the password changed.",
            "zh": "修改后，其他已登录您账户的浏览器将退出登录，我们也会发邮件通知您密码已更改。",
        },
        "account.password_changed": {
            "en": "Password changed. Other browsers signed out: {count}.",
            "zh": "密码已修改，已退出其他浏览器：{count} 个。",
        },
        "account.no_password": {
            "en": "You sign in through your organisation's account and have no password here. Set one to also log in with your email.",
            "zh": "您通过所在机构的账户登录，在本站还没有密码。设置密码后，也可以用邮箱登录。",
        },
        "account.set_password": {"en": "Email me a link to set a password", "zh": "发送设置密码的链接"},
        "account.first_password_sent": {
            "en": "We've emailed you a link to set your password. It works once, within 1 hour.",
            "zh": "我们已向您的邮箱发送设置密码的链接，仅可使用一次，1 小时内有效。",
        },
        "account.email_address": {"en": "Email address", "zh": "邮箱地址"},
        "account.new_email": {"en": "New email", "zh": "新邮箱"},
        "account.email_password": {"en": "Your password", "zh": "您的密码"},
        "account.change_email": {"en": "Change email", "zh": "更改邮箱"},
        "account.change_email_help": {
            "en": "We send a link to the new address. Your account keeps its current email until you open that link and confirm; the current address is told too.",
            "zh": "我们会向新邮箱发送一个链接。在您打开链接并确认之前，账户仍使用当前邮箱；我们也会通知当前邮箱。",
        },
        "account.email_pending": {"en": "We've sent a confirmation link to", "zh": "我们已将确认链接发送至"},
        "account.email_pending_keep": {
            "en": "Until you confirm it, your account keeps its current email.",
            "zh": "在您确认之前，账户仍使用当前邮箱。",
        },
        "account.email_needs_password": {
            "en": "Set a password first: changing your email asks for it.",
            "zh": "请先设置密码：更改邮箱时需要输入密码。",
        },
        "account.delete_heading": {"en": "Delete account", "zh": "删除账户"},
        "account.delete_help": {
            "en": "Deleting your account removes your name, email, saved addresses and sign-ins at once; it cannot be undone. Orders and meetings stay on record without your personal details (an order keeps the delivery name and address it was shipped to).",
            "zh": "删除账户会立即移除您的姓名、邮箱、已保存的地址和登录记录，且无法恢复。订单和会议记录会保留，但不含您的个人信息（订单保留当时的收件人姓名和地址）。",
        },
        "account.delete": {"en": "Delete my account", "zh": "删除我的账户"},
        "account.delete_title": {"en": "Delete your account for good?", "zh": "确定永久删除您的账户吗？"},
        "account.delete_what": {
            "en": "Your account is deleted now and you are signed out everywhere. To confirm, enter your password and type DELETE.",
            "zh": "账户将立即删除，所有设备都会退出登录。请输入密码并输入“删除”以确认。",
        },
        "account.delete_password": {"en": "Your password", "zh": "您的密码"},
        "account.delete_word": {"en": "Type DELETE to confirm", "zh": "输入“删除”以确认"},
        "account.delete_keep": {"en": "Keep my account", "zh": "保留账户"},
        "account.delete_confirm": {"en": "Delete for good", "zh": "永久删除"},
        "msg.account_deleted": {"en": "Your account was deleted.", "zh": "您的账户已删除。"},
        "msg.password_reset_done": {
            "en": "Your new password is saved; every other browser was signed out.",
            "zh": "新密码已保存，其他浏览器均已退出登录。",
        },
        "err.password_mismatch": {"en": "The two passwords differ.", "zh": "两次输入的密码不一致。"},
        "err.password_reused": {
            "en": "That is your current password: choose a new one.",
            "zh": "这是您当前的密码，请设置一个新密码。",
        },
        "err.current_password_wrong": {"en": "That is not your current password.", "zh": "当前密码不正确。"},
        "err.no_password_yet": {
            "en": "Your account has no password yet: set one first.",
            "zh": "您的账户还没有密码，请先设置密码。",
        },
        "err.account_changed": {
            "en": "Your account changed in the meantime. Reload the page and try again.",
            "zh": "您的账户刚刚发生了变化，请刷新页面后重试。",
        },
        "err.email_same": {"en": "That is already your email.", "zh": "这已经是您的邮箱。"},
        "err.email_in_use": {"en": "Another account uses this email.", "zh": "该邮箱已被其他账户使用。"},
        "err.email_taken_meanwhile": {
            "en": "Another account took this address in the meantime; your account keeps its current email.",
            "zh": "该邮箱刚刚已被其他账户使用，您的账户仍使用原邮箱。",
        },
        "err.too_many_resets": {
            "en": "Too many reset requests from your network. Try again in {minutes} min.",
            "zh": "您所在网络的重置请求过多，请 {minutes} 分钟后再试。",
        },
        "err.confirm_word": {"en": "Type DELETE (or 删除) to confirm.", "zh": "请输入“删除”（或 DELETE）以确认。"},
        "err.sole_owner": {
            "en": "You are the only owner of {factory}. Add another owner to the factory (or ask us to close it) before deleting your account.",
            "zh": "您是 {factory} 唯一的所有者。删除账户前，请先为工厂添加另一位所有者（或联系我们关闭工厂）。",
        },
    }
)


# The factory team (issue 13): invitations, roles, removal (profile/team.py, /dashboard/team, /invite).
MESSAGES.update(
    {
        "dash.team_intro_owner": {
            "en": "Owners can do everything. Staff can do everything except the bank details and the team.",
            "zh": "所有者拥有全部权限；员工可以处理除银行信息和团队管理以外的所有事务。",
        },
        "dash.team_intro_staff": {
            "en": "Only an owner can invite, remove or change the role of team members.",
            "zh": "只有所有者可以邀请、移除成员或更改成员角色。",
        },
        "dash.team_members": {"en": "Members", "zh": "成员"},
        "dash.team_open": {"en": "Team page", "zh": "团队页面"},
        "dash.team_you": {"en": "you", "zh": "我"},
        "dash.team_invite_title": {"en": "Invite someone", "zh": "邀请成员"},
        "dash.team_invite_email": {"en": "Their email", "zh": "对方邮箱"},
        "dash.team_invite_role": {"en": "Role", "zh": "角色"},
        "dash.team_invite_send": {"en": "Send invitation", "zh": "发送邀请"},
        "dash.team_invite_sent": {"en": "Invitation sent to {email}.", "zh": "邀请已发送至 {email}。"},
        "dash.team_invite_help": {
            "en": "They get an email with a link that works once, within 7 days.",
            "zh": "对方会收到一封邮件，其中的链接仅可使用一次，7 天内有效。",
        },
        "dash.team_pending": {"en": "Invitations", "zh": "邀请"},
        "dash.team_no_pending": {"en": "No open invitations.", "zh": "暂无待处理的邀请。"},
        "dash.team_status_pending": {"en": "Pending", "zh": "待接受"},
        "dash.team_status_expired": {"en": "Expired", "zh": "已过期"},
        "dash.team_sent": {"en": "Sent", "zh": "发送时间"},
        "dash.team_expires": {"en": "Expires", "zh": "有效期至"},
        "dash.team_expired_on": {"en": "Expired", "zh": "过期时间"},
        "dash.team_by": {"en": "by", "zh": "邀请人"},
        "dash.team_resend": {"en": "Resend", "zh": "重新发送"},
        "dash.team_revoke": {"en": "Revoke", "zh": "撤销"},
        "dash.team_resent": {
            "en": "A new invitation was sent; the old link no longer works.",
            "zh": "已重新发送邀请，旧链接已失效。",
        },
        "dash.team_revoked": {"en": "Invitation revoked: its link no longer works.", "zh": "邀请已撤销，链接已失效。"},
        "dash.team_remove": {"en": "Remove", "zh": "移除"},
        "dash.team_remove_title": {"en": "Remove this member?", "zh": "确定移除该成员吗？"},
        "dash.team_remove_text": {
            "en": "They lose access to this factory's dashboard at once and are told by email.",
            "zh": "对方将立即失去该工厂管理后台的访问权限，并会收到邮件通知。",
        },
        "dash.team_remove_confirm": {"en": "Remove from the team", "zh": "移出团队"},
        "dash.team_removed": {"en": "{name} was removed from the team.", "zh": "已将 {name} 移出团队。"},
        "dash.team_make_owner": {"en": "Make owner", "zh": "设为所有者"},
        "dash.team_make_staff": {"en": "Make staff", "zh": "设为员工"},
        "dash.team_role_title": {"en": "Change this member's role?", "zh": "确定更改该成员的角色吗？"},
        "dash.team_to_owner_text": {
            "en": "As an owner they can also edit the bank details and manage the team, including you.",
            "zh": "成为所有者后，对方还可以修改银行信息并管理团队（包括您）。",
        },
        "dash.team_to_staff_text": {
            "en": "As staff they can no longer edit the bank details or manage the team.",
            "zh": "成为员工后，对方将无法再修改银行信息或管理团队。",
        },
        "dash.team_role_confirm": {"en": "Change the role", "zh": "更改角色"},
        "dash.team_role_changed": {"en": "Role changed; they have been told.", "zh": "角色已更改，并已通知对方。"},
        "dash.team_keep": {"en": "Keep as is", "zh": "保持不变"},
        "dash.invite_checking": {"en": "Checking the invitation…", "zh": "正在核对邀请…"},
        "dash.invite_title": {"en": "Join the team of", "zh": "加入团队："},
        "dash.invite_from": {"en": "Invited by", "zh": "邀请人"},
        "dash.invite_for": {"en": "Invitation for", "zh": "受邀邮箱"},
        "dash.invite_as": {"en": "Role", "zh": "角色"},
        "dash.invite_join": {"en": "Join the team", "zh": "加入团队"},
        "dash.invite_signup_intro": {
            "en": "Create your account to join: this email is confirmed by the link you opened.",
            "zh": "创建账户即可加入团队：您打开的链接已验证此邮箱。",
        },
        "dash.invite_password": {"en": "Choose a password", "zh": "设置密码"},
        "dash.invite_signup_submit": {"en": "Create my account and join", "zh": "创建账户并加入"},
        "dash.invite_log_in_intro": {
            "en": "This email already has a RealSourcing account. Log in with it to accept the invitation.",
            "zh": "此邮箱已有 RealSourcing 账户。请使用该账户登录后接受邀请。",
        },
        "dash.invite_log_in": {"en": "Log in to accept", "zh": "登录并接受"},
        "dash.invite_other_account": {
            "en": "You are signed in with another email. This invitation is for the address above: "
            "log out, then open the link again.",
            "zh": "您当前登录的是另一个邮箱，而此邀请发给上面的地址。请先退出登录，再重新打开链接。",
        },
        "dash.invite_signed_in_as": {"en": "Signed in as", "zh": "当前登录"},
        "dash.invite_log_out": {"en": "Log out", "zh": "退出登录"},
        "dash.invite_cannot_join": {"en": "You can't join this team", "zh": "您无法加入此团队"},
        "dash.invite_expired_title": {"en": "This invitation has expired", "zh": "此邀请已过期"},
        "dash.invite_expired_body": {
            "en": "Invitations work for 7 days. Ask the factory's owner to send you a new one.",
            "zh": "邀请有效期为 7 天，请联系工厂所有者重新发送。",
        },
        "dash.invite_unknown_title": {"en": "This invitation link doesn't work", "zh": "此邀请链接无效"},
        "dash.invite_unknown_body": {
            "en": "It was withdrawn, replaced by a newer invitation, or already used. Use the link in the latest "
            "email, or ask the factory's owner to invite you again.",
            "zh": "该链接可能已被撤销、已被新的邀请取代或已使用过。请使用最新邮件中的链接，或请工厂所有者重新邀请您。",
        },
        "dash.invite_accepted_title": {"en": "This invitation was accepted", "zh": "此邀请已被接受"},
        "dash.invite_go_dashboard": {"en": "Open the dashboard", "zh": "打开管理后台"},
        "dash.invite_joined": {"en": "Welcome to the team!", "zh": "欢迎加入团队！"},
        "err.team_owner_only": {
            "en": "Only an owner of the factory can do this.",
            "zh": "只有工厂所有者可以执行此操作。",
        },
        "err.team_last_owner": {
            "en": "A factory needs at least one owner: make someone else owner first.",
            "zh": "工厂至少需要一位所有者，请先将其他成员设为所有者。",
        },
        "err.team_already_yours": {"en": "You are already in this team.", "zh": "您已是该团队的成员。"},
        "err.team_other_factory": {
            "en": "Your account already belongs to another factory, and a person can belong to one factory only. "
            "Ask that factory's owner to remove you first, or accept with another email.",
            "zh": "您的账户已属于另一家工厂，每人只能加入一家工厂。请先请该工厂的所有者将您移出，或使用其他邮箱接受邀请。",
        },
        "err.team_buyer_account": {
            "en": "This email belongs to a buyer account, which cannot join a factory team. "
            "Ask the owner to invite another email address.",
            "zh": "此邮箱属于采购商账户，无法加入工厂团队。请让所有者邀请另一个邮箱。",
        },
        "err.team_role": {"en": "Choose Owner or Staff.", "zh": "请选择“所有者”或“员工”。"},
        "err.team_already_member": {"en": "This person is already in your team.", "zh": "此人已是您的团队成员。"},
        "err.team_already_invited": {
            "en": "This email already has a pending invitation: resend it below instead.",
            "zh": "此邮箱已有待接受的邀请，请在下方重新发送。",
        },
        "err.team_invites_per_day": {
            "en": "Your factory sent {limit} invitations in the last 24 hours, the most allowed. Try again later.",
            "zh": "您的工厂在过去 24 小时内已发送 {limit} 封邀请，已达上限，请稍后再试。",
        },
        "err.team_invite_closed": {
            "en": "This invitation was already accepted, revoked or resent.",
            "zh": "此邀请已被接受、撤销或重新发送。",
        },
        "err.team_invite_unusable": {
            "en": "This invitation can no longer be used: it expired, was withdrawn or was already used.",
            "zh": "此邀请已无法使用：已过期、已撤销或已被使用。",
        },
        "err.team_invite_other_account": {
            "en": "This invitation is for {email}: log out and open the link again.",
            "zh": "此邀请是发给 {email} 的，请退出登录后重新打开链接。",
        },
        "err.team_invite_log_in": {
            "en": "This email has an account now: log in with it to accept.",
            "zh": "此邮箱现已有账户，请登录后接受邀请。",
        },
    }
)


MESSAGES.update(
    {
        "err.document_number_short": {
            "en": "Enter the number as printed on the document (at least 3 characters).",
            "zh": "请按证件上印的内容填写编号（至少 3 个字符）。",
        },
        "err.issuer_short": {
            "en": "Enter the issuing body's name (at least 2 characters).",
            "zh": "请填写发证机构的名称（至少 2 个字符）。",
        },
        "review.expired_on": {"en": "Expired on {date}", "zh": "已于{date}过期"},
        "fac.not_verified_yet": {"en": "Not verified yet", "zh": "尚未认证"},
        "prod.delete_ask": {"en": "Delete “", "zh": "删除“"},
        "prod.delete_ask_end": {"en": "”?", "zh": "”？"},
        "prod.delete_consequences": {
            "en": "Buyers will no longer find it on your profile, in search or when ordering samples. "
            "Orders that already name it keep it. You can't undo this.",
            "zh": "买家将无法再在您的工厂主页、搜索结果或样品下单时看到该产品。已包含该产品的订单不受影响。此操作无法撤销。",
        },
        "prod.keep": {"en": "Keep it", "zh": "保留"},
        "prod.delete_product": {"en": "Delete product", "zh": "删除产品"},
        "home.welcome_first": {"en": "Welcome,", "zh": "欢迎您，"},
        "home.first_buyer_hint": {
            "en": "Start by looking at a verified factory's profile, or join an open day to see a factory live.",
            "zh": "您可以先查看经过认证的工厂档案，或参加在线开放日，实时看看工厂。",
        },
        "home.first_buyer_factories": {"en": "Browse factories", "zh": "浏览工厂"},
        "home.first_buyer_webinars": {"en": "See open days", "zh": "查看开放日"},
        "home.first_factory_hint": {
            "en": "Next: complete your factory profile and send your business licence for verification.",
            "zh": "下一步：完善工厂档案，并提交营业执照进行认证。",
        },
        "home.first_factory_cta": {"en": "Go to your dashboard", "zh": "进入工厂后台"},
        "err.upload_too_many": {
            "en": "Too many files at once: choose at most {count}.",
            "zh": "一次选择的文件过多，最多 {count} 个。",
        },
    }
)


MESSAGES.update(
    {
        "place.province": {"en": "Province", "zh": "省份"},
        "place.city": {"en": "City", "zh": "城市"},
        "place.choose_province": {"en": "Choose a province", "zh": "请选择省份"},
        "place.choose_province_first": {"en": "Choose the province first", "zh": "请先选择省份"},
        "place.choose_city": {"en": "Choose a city", "zh": "请选择城市"},
        "err.choose_province": {"en": "Choose the province where the factory is.", "zh": "请选择工厂所在的省份。"},
        "err.choose_city": {
            "en": "Choose the city where the factory is, in the province chosen.",
            "zh": "请在所选省份中选择工厂所在的城市。",
        },
    }
)


# Issue 13 "Money": the factory's bank details (T/T payee), checked against its licence; shown on T/T orders.
MESSAGES.update(
    {
        "dash.bank": {"en": "Bank details", "zh": "收款账户"},
        "bank.title": {"en": "Bank details for bank transfers (T/T)", "zh": "银行转账（T/T）收款账户"},
        "bank.intro": {
            "en": "Buyers who pay by bank transfer see these details on their order. Until you set them, "
            "buyers cannot choose bank transfer.",
            "zh": "选择银行转账的买家会在订单上看到这些信息。设置之前，买家无法选择银行转账。",
        },
        "bank.fraud_warning": {
            "en": "Why the account must be in your company's name: the commonest fraud in sourcing is payee "
            "diversion — a buyer is told to pay into someone else's account. So the account holder must be the "
            "company on your approved business licence, every change needs the owner's password, and every "
            "buyer with an unpaid bank-transfer order is told when the details change.",
            "zh": "为什么账户必须是贵公司名下：采购中最常见的诈骗是“收款人调包”——买家被引导把货款付到别人的账户。"
            "因此，账户名必须是已审核营业执照上的公司，每次修改都需要所有者输入密码，"
            "并且所有待付款的银行转账订单的买家都会收到变更通知。",
        },
        "bank.account_holder": {"en": "Account holder", "zh": "账户名"},
        "bank.bank_name": {"en": "Bank name", "zh": "开户银行"},
        "bank.account_number": {"en": "Account number", "zh": "银行账号"},
        "bank.iban": {"en": "IBAN", "zh": "IBAN"},
        "bank.account_or_iban": {"en": "Account number or IBAN", "zh": "银行账号或 IBAN"},
        "bank.swift_bic": {"en": "SWIFT / BIC", "zh": "SWIFT / BIC 代码"},
        "bank.bank_address": {"en": "Bank address", "zh": "银行地址"},
        "bank.currency": {"en": "Account currency", "zh": "账户币种"},
        "bank.holder_help": {
            "en": "Exactly as on your approved business licence: {names}",
            "zh": "须与已审核营业执照上的名称一致：{names}",
        },
        "bank.account_help": {
            "en": "Type the full number each time you save (it is shown masked afterwards).",
            "zh": "每次保存都需要输入完整账号（保存后只显示末 4 位）。",
        },
        "bank.password": {"en": "Your password", "zh": "您的登录密码"},
        "bank.password_help": {
            "en": "Bank details change only with the owner's password.",
            "zh": "修改收款账户需要所有者的登录密码。",
        },
        "bank.fresh_help": {
            "en": "Your account signs in without a password, so a recent sign-in (within the last {minutes} "
            "minutes) confirms it is you. If you signed in earlier, sign in again first.",
            "zh": "您的账户无需密码登录，因此需要最近 {minutes} 分钟内的登录来确认是您本人。若登录时间较早，请先重新登录。",
        },
        "bank.sign_in_again": {"en": "Sign in again", "zh": "重新登录"},
        "bank.save": {"en": "Save bank details", "zh": "保存收款账户"},
        "bank.saved": {"en": "Bank details saved.", "zh": "收款账户已保存。"},
        "bank.unchanged": {
            "en": "Nothing changed: these are the details already saved.",
            "zh": "没有变化：与已保存的信息相同。",
        },
        "bank.none_yet": {
            "en": "No bank details yet: buyers cannot choose bank transfer.",
            "zh": "尚未设置收款账户：买家无法选择银行转账。",
        },
        "bank.current": {"en": "Saved details", "zh": "已保存的信息"},
        "bank.last_changed": {"en": "Last changed {when} by {who}", "zh": "最近修改：{when}，操作人 {who}"},
        "bank.owner_only_note": {
            "en": "Only the factory's owner ({owner}) can change the bank details.",
            "zh": "只有工厂所有者（{owner}）可以修改收款账户。",
        },
        "bank.no_licence_note": {
            "en": "You can set bank details once your business licence is approved: the account holder is "
            "checked against the company named on it.",
            "zh": "营业执照审核通过后才能设置收款账户：账户名将与执照上的公司名称核对。",
        },
        "bank.go_documents": {"en": "Upload or check your licence", "zh": "上传或查看营业执照"},
        "bank.edit": {"en": "Set or change the details", "zh": "设置或修改收款信息"},
        "bank.history": {"en": "History", "zh": "修改记录"},
        "bank.history_set": {"en": "{when}: set by {who}", "zh": "{when}：{who} 设置"},
        "bank.history_changed": {"en": "{when}: changed by {who}", "zh": "{when}：{who} 修改"},
        "err.owner_only": {
            "en": "Only the factory's owner can do this.",
            "zh": "只有工厂所有者可以进行此操作。",
        },
        "err.bank_no_licence": {
            "en": "Your business licence must be approved first: the account holder is checked against it.",
            "zh": "请先让营业执照通过审核：账户名需要与执照核对。",
        },
        "err.bank_holder_not_licensed": {
            "en": "This is not the company on your approved business licence. Buyers may only be asked to pay "
            "the licensed company: paying into an account in another name is the commonest sourcing fraud.",
            "zh": "该名称与已审核营业执照上的公司不一致。只能让买家向持照公司付款：付款到其他名义的账户是采购中最常见的诈骗。",
        },
        "err.bank_iban_invalid": {
            "en": "This IBAN is not valid (check the country code, the length and the digits).",
            "zh": "IBAN 无效（请检查国家代码、长度和数字）。",
        },
        "err.bank_account_invalid": {
            "en": "An account number has digits only (or type an IBAN, starting with its country code).",
            "zh": "银行账号只能包含数字（或填写以国家代码开头的 IBAN）。",
        },
        "err.bank_account_length": {
            "en": "An account number has 5 to 34 digits.",
            "zh": "银行账号应为 5 到 34 位数字。",
        },
        "err.bank_bic_invalid": {
            "en": "A SWIFT/BIC code has 8 or 11 letters and digits, e.g. BKCHCNBJ.",
            "zh": "SWIFT/BIC 代码由 8 位或 11 位字母和数字组成，例如 BKCHCNBJ。",
        },
        "err.bank_currency": {"en": "Choose the account's currency.", "zh": "请选择账户币种。"},
        "err.reauth_wrong_password": {"en": "That password is not right.", "zh": "密码不正确。"},
        "err.reauth_sign_in_again": {
            "en": "Please sign in again first: a change of bank details needs a sign-in from the last few minutes.",
            "zh": "请先重新登录：修改收款账户需要最近几分钟内的登录。",
        },
        "err.bank_transfer_not_offered": {
            "en": "This factory does not take bank transfers yet: it has not set its bank details.",
            "zh": "该工厂尚未设置收款账户，暂不接受银行转账。",
        },
        "review.legal_names": {
            "en": "Legal names (approving records them; bank accounts must be in one of them):",
            "zh": "法定名称（审核通过即记录；收款账户必须使用其中之一）：",
        },
        "step.shipping": {"en": "Set your sample shipping fees", "zh": "设置样品运费"},
        "step.bank": {"en": "Add bank details for bank transfers", "zh": "添加银行转账收款账户"},
        "order.bank_changed": {
            "en": "The factory changed its bank details on {when}; pay only to the details below.",
            "zh": "工厂已于 {when} 更改收款银行信息；请只付款到下方的账户。",
        },
        "order.bank_reference": {
            "en": "Use order number {reference} as the payment reference.",
            "zh": "请在转账附言中填写订单号 {reference}。",
        },
        "order.bank_not_set": {
            "en": "The factory has no bank details at the moment: do not pay by bank transfer until they show here.",
            "zh": "工厂目前没有收款账户：在此处显示账户之前，请不要银行转账。",
        },
        "order.bank_holder_note": {
            "en": "The account holder is the company on the factory's verified business licence.",
            "zh": "账户名为该工厂已认证营业执照上的公司。",
        },
        "order.bank_unavailable": {
            "en": "Bank transfer is not offered: this factory has not set its bank details yet.",
            "zh": "暂不支持银行转账：该工厂尚未设置收款账户。",
        },
        "order.no_payment": {
            "en": "This factory cannot take payments yet. Come back later or ask it in a meeting.",
            "zh": "该工厂暂时无法收款。请稍后再来，或在会议中询问工厂。",
        },
    }
)


# The first deal in the browser (issue 13): the dashboard's next step without which no buyer can book.
MESSAGES.update(
    {
        "step.meetings": {
            "en": "Open your calendar: weekly hours and a meeting type buyers can book",
            "zh": "开放会议预约：设置每周可约时间和会议类型",
        },
    }
)


# Reviews from paid sample orders (issue 16, orders/reviews.py).
MESSAGES.update(
    {
        "err.review_refunded": {
            "en": "A refunded order cannot be reviewed.",
            "zh": "已退款的订单不能评价。",
        },
        "err.review_not_completed": {
            "en": "You can review this order once you have completed it.",
            "zh": "订单完成后才能评价。",
        },
        "err.review_not_paid": {
            "en": "Only paid sample orders can be reviewed.",
            "zh": "只有已付款的样品订单才能评价。",
        },
        "err.review_rating": {"en": "Choose a rating from 1 to 5.", "zh": "请选择 1 到 5 分。"},
        "err.review_text_short": {
            "en": "Write at least a few words.",
            "zh": "请至少写几个字。",
        },
        "err.review_text_long": {
            "en": "At most 2000 characters.",
            "zh": "最多 2000 个字符。",
        },
        "err.review_exists": {
            "en": "This order has already been reviewed.",
            "zh": "该订单已评价过。",
        },
        "err.review_answered": {
            "en": "This review has already been answered: a factory answers once.",
            "zh": "该评价已回复过：工厂只能回复一次。",
        },
        "review.rate_title": {"en": "Rate this sample", "zh": "评价此样品"},
        "review.rate_help": {
            "en": "Your review appears on the factory's page as a review from a paid sample order. "
            "You can review each order once.",
            "zh": "您的评价将作为“已付款样品订单的评价”显示在工厂主页上。每个订单只能评价一次。",
        },
        "review.matched": {"en": "Sample matched the description", "zh": "样品与描述相符"},
        "review.communication": {"en": "Communication", "zh": "沟通"},
        "review.shipping": {"en": "Shipping time", "zh": "发货时效"},
        "review.text": {"en": "Your review", "zh": "您的评价"},
        "review.text_help": {
            "en": "What was the sample like? Up to 2000 characters.",
            "zh": "样品怎么样？最多 2000 个字符。",
        },
        "review.submit": {"en": "Publish review", "zh": "发表评价"},
        "review.published": {"en": "Thank you: your review is published.", "zh": "感谢：您的评价已发表。"},
        "review.yours": {"en": "Your review", "zh": "您的评价"},
        "review.buyers": {"en": "The buyer's review", "zh": "买家的评价"},
        "review.from_order": {
            "en": "from a paid sample order of {product}, {month}",
            "zh": "来自 {product} 的已付款样品订单，{month}",
        },
        "review.written_in_en": {"en": "Written in English", "zh": "原文为英文"},
        "review.written_in_zh": {"en": "Written in Chinese", "zh": "原文为中文"},
        "review.answer": {"en": "The factory's answer", "zh": "工厂的回复"},
        "review.answer_title": {"en": "Answer this review", "zh": "回复此评价"},
        "review.answer_help": {
            "en": "You can answer once; your answer is shown under the review on your factory page.",
            "zh": "您只能回复一次；回复将显示在工厂主页的该评价下方。",
        },
        "review.answer_submit": {"en": "Publish answer", "zh": "发表回复"},
        "review.answered_toast": {"en": "Your answer is published.", "zh": "您的回复已发表。"},
        "review.section": {"en": "Reviews from paid sample orders", "zh": "已付款样品订单的评价"},
        "review.none": {
            "en": "No reviews yet. Only buyers who completed a paid sample order can review.",
            "zh": "暂无评价。只有完成已付款样品订单的买家才能评价。",
        },
        "review.out_of_5": {"en": "out of 5", "zh": "（满分 5 分）"},
        "trust.review_matched": {"en": "Sample matched the description", "zh": "样品与描述相符"},
        "trust.review_communication": {"en": "Communication", "zh": "沟通"},
        "trust.review_shipping": {"en": "Shipping time", "zh": "发货时效"},
        "trust.reviews": {"en": "Reviews from paid sample orders", "zh": "已付款样品订单的评价"},
    }
)
