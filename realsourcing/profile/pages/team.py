"""`/dashboard/team` (who is in the factory's team; owners invite, change roles, remove) and `/invite`."""

from __future__ import annotations

import reflex as rx

from realsourcing.profile.states.team import InviteRow, InviteState, MemberRow, TeamState
from realsourcing.ui.dashboard import dashboard_page
from realsourcing.ui.forms import SECOND_CLICK_MS, labelled, text_field
from realsourcing.ui.i18n import pick, t
from realsourcing.ui.layout import page


def role_badge(role: rx.Var) -> rx.Component:
    return rx.cond(
        role == "owner",
        rx.badge(rx.icon("crown", size=12), t("dash.role_owner"), color_scheme="violet"),
        rx.badge(t("dash.role_staff"), variant="soft", color_scheme="gray"),
    )


def _confirm(
    trigger: rx.Component, title_key: str, text: rx.Var, confirm_label: rx.Var, on_confirm, confirm_id: str
) -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(trigger),
        rx.alert_dialog.content(
            rx.alert_dialog.title(t(title_key)),
            rx.alert_dialog.description(text, size="2"),
            rx.flex(
                rx.alert_dialog.cancel(rx.button(t("dash.team_keep"), variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(
                    rx.button(confirm_label, color_scheme="red", on_click=on_confirm, id=confirm_id),
                ),
                spacing="3",
                justify="end",
                margin_top="1em",
                wrap="wrap",
            ),
            max_width="440px",
        ),
    )


def _member_actions(row: MemberRow) -> rx.Component:
    busy = TeamState.busy == "member-" + row["user_id"]
    to_owner = row["role"] != "owner"
    return rx.hstack(
        _confirm(
            rx.button(
                rx.cond(to_owner, t("dash.team_make_owner"), t("dash.team_make_staff")),
                variant="soft",
                size="1",
                loading=busy,
                class_name="member-role",
            ),
            "dash.team_role_title",
            rx.cond(to_owner, t("dash.team_to_owner_text"), t("dash.team_to_staff_text")),
            t("dash.team_role_confirm"),
            TeamState.set_role(row["user_id"], rx.cond(to_owner, "owner", "staff")).throttle(SECOND_CLICK_MS),
            "confirm-role",
        ),
        _confirm(
            rx.button(
                rx.icon("user-minus", size=14),
                t("dash.team_remove"),
                variant="soft",
                color_scheme="red",
                size="1",
                loading=busy,
                class_name="member-remove",
            ),
            "dash.team_remove_title",
            t("dash.team_remove_text"),
            t("dash.team_remove_confirm"),
            TeamState.remove(row["user_id"]).throttle(SECOND_CLICK_MS),
            "confirm-remove",
        ),
        spacing="2",
        align="center",
        wrap="wrap",
    )


def _member(row: MemberRow) -> rx.Component:
    return rx.flex(
        rx.vstack(
            rx.hstack(
                rx.text(row["name"], weight="medium"),
                rx.cond(row["is_you"], rx.badge(t("dash.team_you"), variant="outline", size="1")),
                role_badge(row["role"]),
                align="center",
                wrap="wrap",
                spacing="2",
            ),
            rx.text(row["email"], size="2", color_scheme="gray", word_break="break-all"),
            spacing="1",
            min_width="0",
        ),
        rx.spacer(),
        rx.cond(TeamState.is_owner, _member_actions(row)),
        direction=rx.breakpoints(initial="column", sm="row"),
        align=rx.breakpoints(initial="start", sm="center"),
        gap="2",
        width="100%",
        padding_y="0.6em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        class_name="team-member",
    )


def _members() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("dash.team_members"), size="4"),
            rx.text(
                rx.cond(TeamState.is_owner, t("dash.team_intro_owner"), t("dash.team_intro_staff")),
                size="2",
                color_scheme="gray",
            ),
            rx.vstack(rx.foreach(TeamState.members, _member), spacing="0", width="100%", id="team-members"),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _role_select() -> rx.Component:
    error = TeamState.errors.get("role", "")
    control = rx.select.root(
        rx.select.trigger(width="100%", id="invite_role"),
        rx.select.content(
            rx.select.item(t("dash.role_staff"), value="staff", id="invite-role-staff"),
            rx.select.item(t("dash.role_owner"), value="owner", id="invite-role-owner"),
        ),
        value=TeamState.invite_role,
        on_change=TeamState.set_invite_role,
        size="3",
    )
    return labelled("dash.team_invite_role", "invite_role", control, error)


def _invite_form() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("dash.team_invite_title"), size="4"),
            rx.text(t("dash.team_invite_help"), size="2", color_scheme="gray"),
            rx.cond(
                TeamState.form_error != "",
                rx.callout(
                    TeamState.form_error, icon="triangle-alert", color_scheme="red", size="1", id="invite-error"
                ),
            ),
            rx.form(
                rx.flex(
                    rx.box(
                        text_field(
                            "dash.team_invite_email",
                            "invite_email",
                            TeamState.errors.get("email", ""),
                            type_="email",
                            required=True,
                            autocomplete="off",
                        ),
                        flex="2",
                        min_width="0",
                        width="100%",
                    ),
                    rx.box(_role_select(), flex="1", min_width="140px", width="100%"),
                    direction=rx.breakpoints(initial="column", sm="row"),
                    gap="3",
                    width="100%",
                ),
                rx.button(
                    rx.icon("send", size=15),
                    t("dash.team_invite_send"),
                    type="submit",
                    size="3",
                    loading=TeamState.working,
                    disabled=TeamState.working,
                    margin_top="0.75em",
                    id="invite-submit",
                ),
                on_submit=TeamState.send_invite,
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="invite-form",
    )


def _invite(row: InviteRow) -> rx.Component:
    busy = TeamState.busy == "invite-" + row["id"]
    expired = row["state"] == "expired"
    return rx.flex(
        rx.vstack(
            rx.hstack(
                rx.text(row["email"], weight="medium", word_break="break-all"),
                role_badge(row["role"]),
                rx.cond(
                    expired,
                    rx.badge(t("dash.team_status_expired"), color_scheme="orange", class_name="invite-state"),
                    rx.badge(
                        t("dash.team_status_pending"), color_scheme="amber", variant="soft", class_name="invite-state"
                    ),
                ),
                align="center",
                wrap="wrap",
                spacing="2",
            ),
            rx.text(
                t("dash.team_sent"),
                ": ",
                row["sent"],
                " · ",
                t("dash.team_by"),
                " ",
                row["by"],
                size="1",
                color_scheme="gray",
            ),
            rx.text(
                rx.cond(expired, t("dash.team_expired_on"), t("dash.team_expires")),
                ": ",
                row["expires"],
                size="1",
                color=rx.cond(expired, rx.color("orange", 11), rx.color("gray", 11)),
            ),
            spacing="1",
            min_width="0",
        ),
        rx.spacer(),
        rx.hstack(
            rx.button(
                rx.icon("send", size=13),
                t("dash.team_resend"),
                variant="soft",
                size="1",
                loading=busy,
                on_click=TeamState.resend(row["id"]).throttle(SECOND_CLICK_MS),
                class_name="invite-resend",
            ),
            rx.button(
                t("dash.team_revoke"),
                variant="soft",
                color_scheme="red",
                size="1",
                loading=busy,
                on_click=TeamState.revoke(row["id"]).throttle(SECOND_CLICK_MS),
                class_name="invite-revoke",
            ),
            spacing="2",
            align="center",
        ),
        direction=rx.breakpoints(initial="column", sm="row"),
        align=rx.breakpoints(initial="start", sm="center"),
        gap="2",
        width="100%",
        padding_y="0.6em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        class_name="team-invite",
    )


def _invites() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("dash.team_pending"), size="4"),
            rx.cond(
                TeamState.invites.length() > 0,
                rx.vstack(rx.foreach(TeamState.invites, _invite), spacing="0", width="100%", id="team-invites"),
                rx.text(t("dash.team_no_pending"), size="2", color_scheme="gray", id="no-invites"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def dashboard_team_page() -> rx.Component:
    return dashboard_page(
        "team",
        TeamState.loaded,
        rx.heading(t("dash.team"), size="6"),
        _members(),
        rx.cond(TeamState.is_owner, rx.vstack(_invite_form(), _invites(), spacing="4", width="100%")),
    )


# ---------------------------------------------------------------- /invite


def _card(*children: rx.Component) -> rx.Component:
    return rx.center(
        rx.card(rx.vstack(*children, spacing="4", width="100%"), width="100%", max_width="480px", size="3")
    )


def _fact(label_key: str, value: rx.Component) -> rx.Component:
    return rx.flex(
        rx.text(t(label_key), size="2", color_scheme="gray", min_width="7em"),
        value,
        gap="2",
        align="center",
        wrap="wrap",
    )


def _sign_up_form() -> rx.Component:
    err = InviteState.errors
    return rx.form(
        rx.vstack(
            rx.text(t("dash.invite_signup_intro"), size="2"),
            text_field("signup.full_name", "full_name", err.get("full_name", ""), required=True, autocomplete="name"),
            text_field(
                "dash.invite_password",
                "password",
                err.get("password", ""),
                type_="password",
                required=True,
                autocomplete="new-password",
            ),
            rx.button(
                t("dash.invite_signup_submit"),
                type="submit",
                size="3",
                width="100%",
                loading=InviteState.working,
                disabled=InviteState.working,
                id="invite-signup-submit",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=InviteState.join_with_sign_up,
        width="100%",
    )


def _what_to_do() -> rx.Component:
    return rx.cond(
        InviteState.viewer_email == "",
        rx.cond(
            InviteState.has_account,
            rx.vstack(
                rx.text(t("dash.invite_log_in_intro"), size="2"),
                rx.button(
                    rx.icon("log-in", size=16),
                    t("dash.invite_log_in"),
                    size="3",
                    width="100%",
                    on_click=InviteState.join,
                    id="invite-log-in",
                ),
                spacing="3",
                width="100%",
            ),
            _sign_up_form(),
        ),
        rx.cond(
            InviteState.viewer_email == InviteState.email,
            rx.cond(
                InviteState.refusal != "",
                rx.callout(
                    rx.vstack(
                        rx.text(t("dash.invite_cannot_join"), weight="bold"),
                        rx.text(InviteState.refusal, id="invite-refusal"),
                        spacing="1",
                    ),
                    icon="circle-x",
                    color_scheme="red",
                    width="100%",
                ),
                rx.button(
                    rx.icon("users", size=16),
                    t("dash.invite_join"),
                    size="3",
                    width="100%",
                    loading=InviteState.working,
                    disabled=InviteState.working,
                    on_click=InviteState.join.throttle(SECOND_CLICK_MS),
                    id="invite-join",
                ),
            ),
            rx.vstack(
                rx.callout(
                    t("dash.invite_other_account"),
                    icon="user-x",
                    color_scheme="amber",
                    width="100%",
                    id="invite-other-account",
                ),
                _fact(
                    "dash.invite_signed_in_as",
                    rx.text(InviteState.viewer_email, weight="medium", word_break="break-all"),
                ),
                rx.button(
                    rx.icon("log-out", size=16),
                    t("dash.invite_log_out"),
                    variant="soft",
                    size="3",
                    width="100%",
                    on_click=InviteState.log_out_and_return,
                    id="invite-log-out",
                ),
                spacing="3",
                width="100%",
            ),
        ),
    )


def _pending() -> rx.Component:
    return rx.vstack(
        rx.text(t("dash.invite_title"), size="2", color_scheme="gray"),
        rx.heading(pick(InviteState.factory_en, InviteState.factory_zh), size="6", id="invite-factory"),
        _fact("dash.invite_from", rx.text(InviteState.inviter, weight="medium")),
        _fact(
            "dash.invite_for", rx.text(InviteState.email, weight="medium", word_break="break-all", id="invite-email")
        ),
        _fact("dash.invite_as", rx.box(role_badge(InviteState.role), id="invite-role")),
        rx.separator(size="4"),
        rx.cond(
            InviteState.form_error != "",
            rx.callout(
                InviteState.form_error, icon="triangle-alert", color_scheme="red", width="100%", id="invite-error"
            ),
        ),
        _what_to_do(),
        spacing="3",
        width="100%",
    )


def _closed(title_key: str, body_key: str, test_id: str) -> rx.Component:
    return rx.vstack(
        rx.heading(t(title_key), size="6", id=test_id),
        rx.text(t(body_key), size="2") if body_key else rx.fragment(),
        rx.cond(
            InviteState.has_dashboard,
            rx.link(rx.button(t("dash.invite_go_dashboard"), variant="soft"), href="/dashboard"),
        ),
        spacing="3",
        width="100%",
    )


def invite_page() -> rx.Component:
    return page(
        _card(
            rx.cond(
                InviteState.loaded,
                rx.match(
                    InviteState.state,
                    ("pending", _pending()),
                    ("expired", _closed("dash.invite_expired_title", "dash.invite_expired_body", "invite-expired")),
                    ("accepted", _closed("dash.invite_accepted_title", "", "invite-accepted")),
                    _closed("dash.invite_unknown_title", "dash.invite_unknown_body", "invite-unknown"),
                ),
                rx.hstack(rx.spinner(), rx.text(t("dash.invite_checking"), size="2"), align="center"),
            ),
        ),
        width="720px",
    )
