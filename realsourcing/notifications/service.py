"""Notifications: an in-app row and an email in the outbox per event, delivered by a worker.

Rules:
- Every feature notifies through `notify()`: one Notification (in-app) and one OutboxMessage
  (email, rendered in the recipient's language) per recipient, in the caller's transaction.
- Nobody is told of their own act: `notify()` takes who acted (`actor_id`) and skips that recipient;
  the other side, and the acting factory member's colleagues, are still told.
- Every notification links to what it is about: its link has the shape its kind says (LINK_SHAPES);
  a link of another shape is a programming error, refused before anything is stored.
- `deliver_due()` claims due messages atomically (an UPDATE that only one worker can win), sends
  them over SMTP, and retries failures with exponential backoff; after MAX_ATTEMPTS a message is
  "dead" (visible to admins). With no SMTP_HOST configured, messages stay in the outbox.
"""

from __future__ import annotations

import logging
import re
import smtplib
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import User
from realsourcing.admin.service import require_admin
from realsourcing.config import get_settings
from realsourcing.core import timefmt
from realsourcing.core.errors import ValidationFailed
from realsourcing.db import get_existing, id_of, session_scope, utcnow
from realsourcing.notifications import push
from realsourcing.notifications.models import EmailPreference, Notification, OutboxMessage, OutboxStatus

logger = logging.getLogger("realsourcing.notifications")
MAX_ATTEMPTS = 6
BASE_BACKOFF = timedelta(minutes=1)

# Subject and first line of each email, in both languages; {placeholders} come from the payload.
TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "meeting_requested": {
        "en": (
            "New meeting request: {title}",
            "{buyer} asked for a {meeting_type} on {when}. Confirm or decline it: {link}",
        ),
        "zh": ("新的会议请求：{title}", "{buyer} 预约了 {meeting_type}，时间 {when}。请确认或拒绝：{link}"),
    },
    "meeting_confirmed": {
        "en": (
            "Meeting confirmed: {title}",
            "Your {meeting_type} with {other} is confirmed for {when}. Room: {link}",
        ),
        "zh": (
            "会议已确认：{title}",
            "您与 {other} 的 {meeting_type} 已确认，时间 {when}。视频会议室：{link}",
        ),
    },
    "meeting_declined": {
        "en": (
            "Meeting declined: {title}",
            "{by} declined the {meeting_type} with {other} on {when}. Reason: {reason}",
        ),
        "zh": ("会议被拒绝：{title}", "{by} 拒绝了与 {other} 在 {when}的 {meeting_type}。原因：{reason}"),
    },
    "meeting_cancelled": {
        "en": (
            "Meeting cancelled: {title}",
            "The {meeting_type} with {other} on {when} was cancelled by {by}. Reason: {reason}",
        ),
        "zh": ("会议已取消：{title}", "与 {other} 在 {when}的 {meeting_type} 已被 {by} 取消。原因：{reason}"),
    },
    "meeting_rescheduled": {
        "en": (
            "Meeting moved: {title}",
            "The {meeting_type} with {other} moved to {when}, by {by}. Details: {link}",
        ),
        "zh": ("会议时间已变更：{title}", "与 {other} 的 {meeting_type} 已由 {by} 改到 {when}。详情：{link}"),
    },
    # A reschedule is a proposal (meetings.lifecycle): {from_when} the meeting's time, {when} the new one.
    "meeting_time_proposed": {
        "en": (
            "New time proposed: {title}",
            "{by} proposed moving the {meeting_type} with {other} from {from_when} to {when}. "
            "Accept or decline it: {link}",
        ),
        "zh": (
            "对方提议了新时间：{title}",
            "{by} 提议将与 {other} 的 {meeting_type} 从 {from_when} 改到 {when}。请接受或拒绝：{link}",
        ),
    },
    "meeting_time_accepted": {
        "en": (
            "Meeting moved: {title}",
            "{by} accepted the new time: the {meeting_type} with {other} moved from {from_when} to {when}. "
            "Details: {link}",
        ),
        "zh": (
            "会议时间已变更：{title}",
            "{by} 接受了新时间：与 {other} 的 {meeting_type} 已从 {from_when} 改到 {when}。详情：{link}",
        ),
    },
    "meeting_time_declined": {
        "en": (
            "New time declined: {title}",
            "{by} declined moving the {meeting_type} with {other} to {when}. It stays on {from_when}: {link}",
        ),
        "zh": (
            "新时间被拒绝：{title}",
            "{by} 拒绝将与 {other} 的 {meeting_type} 改到 {when}，会议仍在 {from_when} 举行：{link}",
        ),
    },
    "meeting_time_withdrawn": {
        "en": (
            "Proposed time withdrawn: {title}",
            "{by} withdrew the proposal to move the {meeting_type} with {other} to {when}. "
            "It stays on {from_when}: {link}",
        ),
        "zh": (
            "提议的新时间已撤回：{title}",
            "{by} 撤回了将与 {other} 的 {meeting_type} 改到 {when} 的提议，会议仍在 {from_when} 举行：{link}",
        ),
    },
    "order_awaiting_payment": {
        "en": (
            "Sample order {reference}: awaiting payment",
            "Sample order {reference} with {factory} ({total}) is waiting for payment: {link}",
        ),
        "zh": ("样品订单 {reference}：待付款", "与 {factory} 的样品订单 {reference}（{total}）等待付款：{link}"),
    },
    "order_paid": {
        "en": (
            "Sample order {reference}: paid",
            "Payment for sample order {reference} ({total}) is confirmed. The factory will accept and ship it.",
        ),
        "zh": ("样品订单 {reference}：已付款", "样品订单 {reference}（{total}）已确认付款，工厂将接单并发货。"),
    },
    "order_accepted": {
        "en": (
            "Sample order {reference}: accepted",
            "{factory} accepted sample order {reference} and is preparing it.",
        ),
        "zh": ("样品订单 {reference}：已接单", "{factory} 已接受样品订单 {reference}，正在准备。"),
    },
    "order_shipped": {
        "en": ("Sample order {reference}: shipped", "Sample order {reference} is on its way: {tracking}"),
        "zh": ("样品订单 {reference}：已发货", "样品订单 {reference} 已发货：{tracking}"),
    },
    "order_delivered": {
        "en": ("Sample order {reference}: delivered", "Sample order {reference} was delivered."),
        "zh": ("样品订单 {reference}：已送达", "样品订单 {reference} 已送达。"),
    },
    "order_completed": {
        "en": ("Sample order {reference}: completed", "Sample order {reference} is complete. Thank you!"),
        "zh": ("样品订单 {reference}：已完成", "样品订单 {reference} 已完成，感谢！"),
    },
    "order_cancelled": {
        "en": ("Sample order {reference}: cancelled", "Sample order {reference} was cancelled."),
        "zh": ("样品订单 {reference}：已取消", "样品订单 {reference} 已取消。"),
    },
    "order_refunded": {
        "en": ("Sample order {reference}: refunded", "Sample order {reference} ({total}) was refunded."),
        "zh": ("样品订单 {reference}：已退款", "样品订单 {reference}（{total}）已退款。"),
    },
    "order_late_payment_refunded": {
        "en": (
            "Sample order {reference}: payment after cancellation refunded",
            "A card payment ({total}) arrived after sample order {reference} was cancelled. "
            "It has been refunded to the card automatically; nothing else changes.",
        ),
        "zh": (
            "样品订单 {reference}：取消后的付款已退回",
            "样品订单 {reference} 取消后收到一笔银行卡付款（{total}），已自动原路退回，订单其他信息不变。",
        ),
    },
    "order_switched_to_bank_transfer": {
        "en": (
            "Sample order {reference}: to be paid by bank transfer",
            "The buyer will pay sample order {reference} ({total}) by bank transfer instead of by card. "
            "Bank details and the payment reference: {link}",
        ),
        "zh": (
            "样品订单 {reference}：改为银行转账付款",
            "买家将改用银行转账支付样品订单 {reference}（{total}），不再使用银行卡。银行信息和转账备注：{link}",
        ),
    },
    "order_switched_to_card": {
        "en": (
            "Sample order {reference}: to be paid by card",
            "The buyer will pay sample order {reference} ({total}) by card instead of by bank transfer: {link}",
        ),
        "zh": (
            "样品订单 {reference}：改为银行卡付款",
            "买家将改用银行卡支付样品订单 {reference}（{total}），不再使用银行转账：{link}",
        ),
    },
    "order_bank_details_changed": {
        "en": (
            "Sample order {reference}: {factory} changed its bank details",
            "{factory} changed its bank details on {when}. Pay sample order {reference} only to the details "
            "now on the order page: {link}. If anyone asks you by email or chat to pay another account, do not: "
            "that is how payments are diverted.",
        ),
        "zh": (
            "样品订单 {reference}：{factory} 更改了收款银行信息",
            "{factory} 于 {when} 更改了收款银行信息。请仅按订单页面上现在显示的信息支付样品订单 {reference}：{link}。"
            "如有人通过邮件或聊天要求您付款到其他账户，请不要付款：这正是骗取货款的常见手法。",
        ),
    },
    "bank_details_changed": {
        "en": (
            "Your factory's bank details were changed",
            "{by} changed the bank details of {factory} on {when}. If this was not your team, sign in and check "
            "them now: {link}",
        ),
        "zh": (
            "贵厂的收款银行信息已更改",
            "{by} 于 {when} 更改了 {factory} 的收款银行信息。如非贵厂人员操作，请立即登录核查：{link}",
        ),
    },
    "account_created": {
        "en": (
            "Welcome to RealSourcing",
            "Your account is ready. Meet factories live, book 1:1 video meetings and order samples: {link}",
        ),
        "zh": ("欢迎加入 RealSourcing", "您的账户已开通。在线看厂、预约一对一视频会议、订购样品：{link}"),
    },
    # Accounts (issue 11): links that prove the mailbox is the reader's. {link} works once, 15 minutes.
    "signup_confirm": {
        "en": (
            "Confirm your email to finish signing up",
            "Hello {name},\n\nOpen this link and confirm to create your RealSourcing account "
            "(it works once, within 15 minutes): {link}\n\n"
            "If you didn't sign up, ignore this email: no account is created.",
        ),
        "zh": (
            "请确认邮箱以完成注册",
            "{name}，您好：\n\n请打开以下链接并确认，以创建您的 RealSourcing 账户"
            "（仅可使用一次，15 分钟内有效）：{link}\n\n"
            "如果您没有注册，请忽略此邮件，不会创建任何账户。",
        ),
    },
    "signup_existing_account": {
        "en": (
            "You already have a RealSourcing account",
            "Hello {name},\n\nSomeone (probably you) tried to sign up with this email, but it already has an "
            "account. Log in here: {login_link}\n\nForgot your password? Sign in with this one-time link instead "
            "(it works once, within 15 minutes): {link}\n\n"
            "If it wasn't you, ignore this email: nothing has changed.",
        ),
        "zh": (
            "您已有 RealSourcing 账户",
            "{name}，您好：\n\n有人（可能是您）尝试用此邮箱注册，但该邮箱已有账户。请在此登录：{login_link}\n\n"
            "忘记密码？可使用以下一次性登录链接（仅可使用一次，15 分钟内有效）：{link}\n\n"
            "如果不是您本人操作，请忽略此邮件，您的账户没有任何变化。",
        ),
    },
    "sign_in_link": {
        "en": (
            "Your RealSourcing sign-in link",
            "Hello {name},\n\nOpen this link and confirm to sign in (it works once, within 15 minutes): {link}\n\n"
            "If you didn't ask for it, ignore this email: your account stays as it is.",
        ),
        "zh": (
            "您的 RealSourcing 登录链接",
            "{name}，您好：\n\n请打开以下链接并确认登录（仅可使用一次，15 分钟内有效）：{link}\n\n"
            "如果不是您本人请求，请忽略此邮件，您的账户不会有任何变化。",
        ),
    },
    # Account changes (issue 13). Sent by accounts.password_reset / account_changes / account_deletion.
    "password_reset_link": {
        "en": (
            "Reset your RealSourcing password",
            "Hello {name},\n\nSomeone (probably you) asked to reset the password of your account. Open this link "
            "to choose a new one (it works once, within 1 hour): {link}\n\n"
            "If you didn't ask for it, ignore this email: your password stays as it is.",
        ),
        "zh": (
            "重置您的 RealSourcing 密码",
            "{name}，您好：\n\n有人（可能是您）请求重置您账户的密码。请打开以下链接设置新密码"
            "（仅可使用一次，1 小时内有效）：{link}\n\n"
            "如果不是您本人请求，请忽略此邮件，您的密码不会改变。",
        ),
    },
    "password_set_link": {
        "en": (
            "Set a password for your RealSourcing account",
            "Hello {name},\n\nOpen this link to set a password, so you can also log in with your email "
            "(it works once, within 1 hour): {link}\n\n"
            "If you didn't ask for it, ignore this email: nothing changes.",
        ),
        "zh": (
            "为您的 RealSourcing 账户设置密码",
            "{name}，您好：\n\n请打开以下链接设置密码，之后也可以用邮箱和密码登录"
            "（仅可使用一次，1 小时内有效）：{link}\n\n"
            "如果不是您本人请求，请忽略此邮件，不会有任何变化。",
        ),
    },
    "password_changed": {
        "en": (
            "Your RealSourcing password was changed",
            "Hello {name},\n\nThe password of your account was just changed, and every other browser "
            "signed in to it was signed out.\n\nIf it wasn't you, reset your password now at {reset_link} "
            "and tell us by replying to this email.",
        ),
        "zh": (
            "您的 RealSourcing 密码已更改",
            "{name}，您好：\n\n您账户的密码刚刚已更改，其他已登录的浏览器均已退出登录。\n\n"
            "如果不是您本人操作，请立即在 {reset_link} 重置密码，并回复此邮件告诉我们。",
        ),
    },
    "email_change_confirm": {
        "en": (
            "Confirm your new email address",
            "Hello {name},\n\nOpen this link and confirm to use this address for your RealSourcing account "
            "(it works once, within 15 minutes): {link}\n\n"
            "If you didn't ask for it, ignore this email: nothing changes.",
        ),
        "zh": (
            "请确认您的新邮箱地址",
            "{name}，您好：\n\n请打开以下链接并确认，将此邮箱用于您的 RealSourcing 账户"
            "（仅可使用一次，15 分钟内有效）：{link}\n\n"
            "如果不是您本人请求，请忽略此邮件，不会有任何变化。",
        ),
    },
    "email_change_requested": {
        "en": (
            "Someone asked to move your RealSourcing account to another email",
            "Hello {name},\n\nYour account asked to use {new_email} instead of this address. Nothing changes "
            "until a link sent there is confirmed.\n\nIf it wasn't you, reset your password now at {reset_link}: "
            "it signs out every browser and the pending change stops working.",
        ),
        "zh": (
            "有人请求将您的 RealSourcing 账户改用其他邮箱",
            "{name}，您好：\n\n您的账户请求改用 {new_email} 代替此邮箱。"
            "在发往该邮箱的链接被确认之前，不会有任何变化。\n\n"
            "如果不是您本人操作，请立即在 {reset_link} 重置密码：所有浏览器都会退出登录，待确认的更改也会失效。",
        ),
    },
    "email_changed": {
        "en": (
            "Your RealSourcing account now uses another email",
            "Hello {name},\n\nYour account now uses {new_email}; this address no longer signs in to it.\n\n"
            "If it wasn't you, reply to this email at once so we can help you get your account back.",
        ),
        "zh": (
            "您的 RealSourcing 账户已改用其他邮箱",
            "{name}，您好：\n\n您的账户现在使用 {new_email}，此邮箱已不能再登录该账户。\n\n"
            "如果不是您本人操作，请立即回复此邮件，我们会帮助您找回账户。",
        ),
    },
    "document_approved": {
        "en": (
            "Document verified: {document}",
            "Our team approved your {document}. It now shows as verified on your public page.",
        ),
        "zh": ("证件已通过审核：{document}", "您的 {document} 已通过平台审核，已在公开主页显示为已认证。"),
    },
    "document_rejected": {
        "en": (
            "Document not approved: {document}",
            "Our team could not approve your {document}. Reason: {reason}. Please upload it again: {link}",
        ),
        "zh": ("证件未通过审核：{document}", "您的 {document} 未通过审核。原因：{reason}。请重新上传：{link}"),
    },
    "webinar_registered": {
        "en": (
            "You're registered: {title}",
            "You're registered for “{title}” on {when}. The room opens 15 minutes before: {link}",
        ),
        "zh": ("报名成功：{title_zh}", "您已报名直播“{title_zh}”，时间 {when}。直播间提前 15 分钟开放：{link}"),
    },
    "webinar_reminder_24h": {
        "en": ("Tomorrow: {title}", "The webinar “{title}” starts in 24 hours ({when}). Join from: {link}"),
        "zh": ("明天直播：{title_zh}", "直播“{title_zh}”将在 24 小时后开始（{when}）。入口：{link}"),
    },
    "webinar_reminder_15m": {
        "en": (
            "Starting in 15 minutes: {title}",
            "The webinar “{title}” starts in 15 minutes. The room is open: {link}",
        ),
        "zh": ("15 分钟后开始：{title_zh}", "直播“{title_zh}”将在 15 分钟后开始，直播间已开放：{link}"),
    },
    "meeting_reminder_1h": {
        "en": ("Your meeting starts in 1 hour", "Your 1:1 meeting starts at {when}. Room: {link}"),
        "zh": ("会议将在 1 小时后开始", "您的一对一视频会议将于 {when} 开始。视频会议室：{link}"),
    },
    "webinar_cancelled": {
        "en": ("Webinar cancelled: {title}", "The webinar “{title}” was cancelled. Reason: {reason}"),
        "zh": ("直播已取消：{title_zh}", "直播“{title_zh}”已取消。原因：{reason}"),
    },
    "webinar_did_not_take_place": {
        "en": (
            "Webinar did not take place: {title}",
            "The webinar “{title}” planned for {when} did not take place: the factory never went live. "
            "You can still visit the factory or book a 1:1 meeting: {link}",
        ),
        "zh": (
            "直播未举行：{title_zh}",
            "原定于 {when} 的直播“{title_zh}”未举行：工厂没有开播。您仍可查看工厂主页或预约一对一会议：{link}",
        ),
    },
}


# The factory team (issue 13, profile/team.py). {link} of team_invite is a one-time link.
TEMPLATES.update(
    {
        "team_invite": {
            "en": (
                "{inviter} invited you to join {factory} on RealSourcing",
                "Hello,\n\n{inviter} invited you to join the team of {factory} on RealSourcing as {role}. "
                "Open this link to accept (it works once, within {days} days): {link}\n\n"
                "If you don't know {factory}, ignore this email: nothing happens.",
            ),
            "zh": (
                "{inviter} 邀请您加入 RealSourcing 上的 {factory}",
                "您好：\n\n{inviter} 邀请您以“{role}”身份加入 RealSourcing 上 {factory} 的团队。"
                "请打开以下链接接受邀请（仅可使用一次，{days} 天内有效）：{link}\n\n"
                "如果您不认识 {factory}，请忽略此邮件，不会发生任何变化。",
            ),
        },
        "team_invite_accepted": {
            "en": (
                "{name} joined {factory}",
                "{name} ({email}) accepted your invitation and joined the team of {factory} as {role}: {link}",
            ),
            "zh": (
                "{name} 已加入 {factory}",
                "{name}（{email}）已接受邀请，以“{role}”身份加入 {factory} 的团队：{link}",
            ),
        },
        "team_removed": {
            "en": (
                "You were removed from {factory}",
                "{by} removed you from the team of {factory} on RealSourcing. "
                "You no longer have access to its dashboard.",
            ),
            "zh": (
                "您已被移出 {factory}",
                "{by} 已将您移出 RealSourcing 上 {factory} 的团队，您已无法再访问该工厂的管理后台。",
            ),
        },
        "team_role_changed": {
            "en": (
                "Your role at {factory} changed",
                "{by} changed your role in the team of {factory} to {role}: {link}",
            ),
            "zh": (
                "您在 {factory} 的角色已变更",
                "{by} 已将您在 {factory} 团队中的角色改为“{role}”：{link}",
            ),
        },
    }
)

# Reviews from paid sample orders (issue 16, orders/reviews.py).
TEMPLATES.update(
    {
        "order_reviewed": {
            "en": (
                "Sample order {reference}: the buyer left a review",
                "The buyer of sample order {reference} reviewed {factory}. Read it and answer once: {link}",
            ),
            "zh": (
                "样品订单 {reference}：买家发表了评价",
                "样品订单 {reference} 的买家评价了 {factory}。请查看并回复（仅可回复一次）：{link}",
            ),
        },
        "order_review_answered": {
            "en": (
                "Sample order {reference}: {factory} answered your review",
                "{factory} answered your review of sample order {reference}: {link}",
            ),
            "zh": (
                "样品订单 {reference}：{factory} 回复了您的评价",
                "{factory} 回复了您对样品订单 {reference} 的评价：{link}",
            ),
        },
    }
)

# Where each in-app notification leads (its row in the bell and the link in its email).
_MEETING, _ORDER, _WEBINAR = r"/meetings/\d+", r"/orders/\d+", r"/webinars/\d+"
LINK_SHAPES: dict[str, str] = {
    "meeting_requested": _MEETING,
    "meeting_confirmed": _MEETING,
    "meeting_declined": _MEETING,
    "meeting_cancelled": _MEETING,
    "meeting_rescheduled": _MEETING,
    "meeting_time_proposed": _MEETING,
    "meeting_time_accepted": _MEETING,
    "meeting_time_declined": _MEETING,
    "meeting_time_withdrawn": _MEETING,
    "meeting_reminder_1h": _MEETING,
    **{kind: _ORDER for kind in TEMPLATES if kind.startswith("order_")},
    "account_created": r"/dashboard|/factories",
    "bank_details_changed": r"/dashboard/bank",
    "document_approved": r"/dashboard/documents",
    "document_rejected": r"/dashboard/documents",
    **{kind: _WEBINAR for kind in TEMPLATES if kind.startswith("webinar_")},
    "team_invite_accepted": r"/dashboard/team",
    "team_removed": r"/factories",
    "team_role_changed": r"/dashboard",
}
# Sent by email only, before or outside an account's inbox (accounts.email_sign_in): no in-app row.
EMAIL_ONLY = frozenset(
    {
        "signup_confirm",
        "signup_existing_account",
        "sign_in_link",
        # Issue 13: the first two carry a one-time link; the notices go to addresses that may not
        # (or no longer) have an inbox here, and their bodies are hidden from admins all the same.
        "password_reset_link",
        "password_set_link",
        "email_change_confirm",
        "password_changed",
        "email_change_requested",
        "email_changed",
        "team_invite",  # carries a one-time link to join a factory's team
    }
)


def check_link(kind: str, link: str) -> None:
    """Refuse a notification whose link is missing or not the shape its kind leads to."""
    shape = LINK_SHAPES.get(kind)
    if shape is None or not re.fullmatch(shape, link or ""):
        raise ValueError(f"notification {kind!r} needs a link of the shape {shape!r}, got {link!r}")


def when_of(payload: dict, zone: str, language: str, prefix: str = "") -> str:
    """The time a message is about, for its reader: from `starts_at` (ISO, UTC), as start–end with the
    other side's zones too when the payload has `ends_at` and `zones`; older rows kept only `when_utc`.
    With `prefix` "from_": the time it is moved from (`from_starts_at`, `from_ends_at`)."""
    try:
        start_iso, end_iso = payload.get(f"{prefix}starts_at"), payload.get(f"{prefix}ends_at")
        start = datetime.fromisoformat(str(start_iso)) if start_iso else None
        end = datetime.fromisoformat(str(end_iso)) if end_iso else None
    except ValueError:
        start = end = None
    if start is not None and end is not None:
        return timefmt.span_for_both(start, end, zone, [str(z) for z in payload.get("zones") or []], language)
    if start is not None:
        return timefmt.moment(start, zone, language)
    return f"{payload['when_utc']} UTC" if payload.get("when_utc") and not prefix else ""


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return ""


def render(kind: str, language: str, payload: dict, zone: str = "UTC") -> tuple[str, str]:
    """(subject, body) of an email in the recipient's language; times in the recipient's zone."""
    pair = TEMPLATES[kind].get(language) or TEMPLATES[kind]["en"]
    values = _Defaulting({k: str(v) for k, v in payload.items()})
    values["when"] = when_of(payload, zone, language)
    values["from_when"] = when_of(payload, zone, language, "from_")
    if not values.get("title_zh"):
        values["title_zh"] = values.get("title", "")
    if language == "zh":  # a value kept in Chinese too (factory_zh, other_zh, …) is read in Chinese
        values.update({k[:-3]: v for k, v in list(values.items()) if k.endswith("_zh") and v})
    if not values.get("other"):  # messages stored before each reader got the other party's name
        values["other"] = values.get("factory", "")
    subject, first_line = (part.format_map(values) for part in pair)
    link = values.get("link", "")
    footer = "\n\n— RealSourcing" + (f"\n{link}" if link and link not in first_line else "")
    return subject, first_line + footer


# Emails people may switch off; everything about their own orders and meetings always goes out.
OPTIONAL_EMAILS: dict[str, tuple[str, ...]] = {
    "webinars": ("webinar_reminder_24h", "webinar_reminder_15m", "webinar_cancelled", "webinar_did_not_take_place"),
}


def email_wanted(db: Session, user_id: int, kind: str) -> bool:
    for category, kinds in OPTIONAL_EMAILS.items():
        if kind in kinds:
            pref = db.exec(
                select(EmailPreference).where(EmailPreference.user_id == user_id, EmailPreference.category == category)
            ).first()
            return pref is None or pref.enabled
    return True


def preferences(actor: CurrentUser) -> dict[str, bool]:
    with session_scope() as db:
        return {category: email_wanted(db, actor.id, kinds[0]) for category, kinds in OPTIONAL_EMAILS.items()}


def set_preference(actor: CurrentUser, category: str, enabled: bool) -> None:
    if category not in OPTIONAL_EMAILS:
        raise ValidationFailed({"category": "err.unknown_option"})  # transactional emails cannot be turned off
    with session_scope() as db:
        pref = db.exec(
            select(EmailPreference).where(EmailPreference.user_id == actor.id, EmailPreference.category == category)
        ).first()
        pref = pref or EmailPreference(user_id=actor.id, category=category)
        pref.enabled = bool(enabled)
        db.add(pref)


def notify(
    db: Session, user: User, kind: str, payload: dict, link: str = "", ics: str = "", actor_id: int | None = None
) -> bool:
    """In-app notification + queued email for one recipient (inside the caller's transaction), unless
    the recipient is the one who acted. Returns whether they were told.

    The recipient's open tabs are told once that transaction commits (see notifications.push).
    """
    user_id = id_of(user)
    if actor_id is not None and user_id == actor_id:
        return False  # the actor knows what they just did
    check_link(kind, link)
    notification = Notification(user_id=user_id, kind=kind, payload=payload, link=link)
    db.add(notification)
    db.flush()
    push.announce_after_commit(db, user_id)
    if not email_wanted(db, user_id, kind):
        return True
    full = {**payload, "link": get_settings().app_url + link if link else ""}
    subject, body = render(kind, user.language, full, user.timezone)
    db.add(
        OutboxMessage(
            user_id=user_id,
            notification_id=notification.id,
            to_address=user.email,
            kind=kind,
            language=user.language,
            payload=payload,
            subject=subject[:300],
            body_text=body,
            ics=ics,
        )
    )
    if not get_settings().smtp_host:
        logger.info("email queued (no SMTP configured; see /admin/outbox) to=%s subject=%s", user.email, subject)
    return True


@dataclass(frozen=True)
class DeliveryReport:
    sent: int
    failed: int


def _claim(worker: str, limit: int) -> list[int]:
    """Atomically take due messages: each UPDATE succeeds for exactly one worker."""
    now = utcnow()
    claimed: list[int] = []
    with session_scope() as db:
        due = db.exec(
            select(OutboxMessage.id)
            .where(
                col(OutboxMessage.status).in_([OutboxStatus.PENDING.value, OutboxStatus.FAILED.value]),
                OutboxMessage.next_attempt_at <= now,
            )
            .order_by(col(OutboxMessage.next_attempt_at))
            .limit(limit)
        ).all()
    for message_id in due:
        if message_id is None:  # selected from the primary key column: never None
            continue
        with session_scope() as db:
            won = db.exec(
                update(OutboxMessage)
                .where(
                    col(OutboxMessage.id) == message_id,
                    col(OutboxMessage.status).in_([OutboxStatus.PENDING.value, OutboxStatus.FAILED.value]),
                )
                .values(
                    status=OutboxStatus.SENDING.value,
                    last_error=f"claimed by {worker}",
                    next_attempt_at=now + timedelta(minutes=10),
                )
            ).rowcount
        if won:
            claimed.append(message_id)
    return claimed


def _email(message: OutboxMessage) -> EmailMessage:
    settings = get_settings()
    email = EmailMessage()
    email["From"] = settings.mail_from
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Message-ID"] = f"<{message.id}.{uuid.uuid4().hex[:8]}@realsourcing>"
    email.set_content(message.body_text)
    if message.ics:
        method = "CANCEL" if "METHOD:CANCEL" in message.ics else "REQUEST"
        email.add_attachment(
            message.ics.encode(), maintype="text", subtype="calendar", filename="invite.ics", params={"method": method}
        )
    return email


def deliver_due(limit: int = 50, worker: str | None = None) -> DeliveryReport:
    """Send what is due over SMTP. Without SMTP_HOST nothing is sent (the outbox keeps it)."""
    settings = get_settings()
    if not settings.smtp_host:
        return DeliveryReport(0, 0)
    worker = worker or f"{socket.gethostname()}:{uuid.uuid4().hex[:6]}"
    sent = failed = 0
    for message_id in _claim(worker, limit):
        with session_scope() as db:
            message = get_existing(db, OutboxMessage, message_id)
            try:
                with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=20) as smtp:
                    if settings.smtp_starttls and smtp.has_extn("starttls"):
                        smtp.starttls()
                    if settings.smtp_user:
                        smtp.login(settings.smtp_user, settings.smtp_password)
                    smtp.send_message(_email(message))
            except (smtplib.SMTPException, OSError) as exc:
                message.attempts += 1
                message.last_error = str(exc)[:2000]
                if message.attempts >= MAX_ATTEMPTS:
                    message.status = OutboxStatus.DEAD.value
                else:
                    message.status = OutboxStatus.FAILED.value
                    message.next_attempt_at = utcnow() + BASE_BACKOFF * (2 ** (message.attempts - 1))
                failed += 1
                logger.warning(
                    "email %s to %s failed (attempt %s): %s", message.id, message.to_address, message.attempts, exc
                )
            else:
                message.attempts += 1
                message.status = OutboxStatus.SENT.value
                message.sent_at = utcnow()
                message.last_error = ""
                sent += 1
            db.add(message)
    return DeliveryReport(sent, failed)


# ---------------------------------------------------------------- in-app


@dataclass(frozen=True)
class InboxItem:
    id: int
    kind: str
    title: str
    link: str
    created_at: datetime
    read: bool


def inbox(actor: CurrentUser, limit: int = 50) -> list[InboxItem]:
    """The actor's notifications, newest first, titled in their language."""
    with session_scope() as db:
        rows = db.exec(
            select(Notification)
            .where(Notification.user_id == actor.id)
            .order_by(col(Notification.id).desc())
            .limit(limit)
        ).all()
        items = []
        for n in rows:
            title = render(n.kind, actor.language, n.payload, actor.timezone)[0] if n.kind in TEMPLATES else n.kind
            items.append(InboxItem(id_of(n), n.kind, title, n.link, n.created_at, n.read_at is not None))
        return items


def unread_count(actor: CurrentUser) -> int:
    with session_scope() as db:
        return db.exec(
            select(func.count()).where(Notification.user_id == actor.id, col(Notification.read_at).is_(None))
        ).one()


def mark_read(actor: CurrentUser, notification_id: int | None = None) -> None:
    """Mark one of the actor's notifications read (or all of them when no id is given)."""
    with session_scope() as db:
        query = update(Notification).where(col(Notification.user_id) == actor.id, col(Notification.read_at).is_(None))
        if notification_id is not None:
            query = query.where(col(Notification.id) == notification_id)
        db.exec(query.values(read_at=utcnow()))


@dataclass(frozen=True)
class OutboxRow:
    id: int
    to_address: str
    kind: str
    subject: str
    status: str
    attempts: int
    last_error: str
    created_at: datetime
    body: str
    body_hidden: bool = False  # a one-time link is in it: never shown, not even to admins


def outbox_for_admin(actor: CurrentUser, status: str = "") -> list[OutboxRow]:
    """Recent emails for platform admins (the dev default without SMTP shows them here).

    Emails that carry a one-time sign-up, sign-in, password-reset or email-change link (EMAIL_ONLY)
    are listed without their body: an admin who could read the link could take over its owner's account
    within its lifetime. The account notices in EMAIL_ONLY are hidden too.
    """
    require_admin(actor)
    with session_scope() as db:
        query = select(OutboxMessage)
        if status in {s.value for s in OutboxStatus}:
            query = query.where(OutboxMessage.status == status)
        rows = db.exec(query.order_by(col(OutboxMessage.id).desc()).limit(100)).all()
        return [
            OutboxRow(
                id_of(m),
                m.to_address,
                m.kind,
                m.subject,
                m.status,
                m.attempts,
                m.last_error,
                m.created_at,
                "" if m.kind in EMAIL_ONLY else m.body_text,
                body_hidden=m.kind in EMAIL_ONLY,
            )
            for m in rows
        ]
