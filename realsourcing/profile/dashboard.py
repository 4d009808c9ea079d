"""Everything a factory's dashboard shows, read in one session (issue 12: at most 8 statements a page load)."""

from __future__ import annotations

from dataclasses import dataclass

from realsourcing.accounts.identity import CurrentUser
from realsourcing.db import session_scope
from realsourcing.profile import factories, insights, storage


@dataclass(frozen=True)
class Dashboard:
    overview: factories.FactoryOverview
    insights: insights.FactoryInsights
    storage: storage.StorageUsage


def for_member(actor: CurrentUser) -> Dashboard:
    """The actor's factory's dashboard (members only; PermissionDenied for anyone else).

    Eight statements whatever the factory holds: the team (which is the membership check), the factory with
    all its counts and file sizes, its upcoming webinars, then the insights' views, webinar registrations and
    attendances, meetings and orders.
    """
    with session_scope() as db:
        overview, facts = factories.overview_in(db, actor)
        numbers = insights.insights_in(db, actor.factory_id or 0)
    return Dashboard(overview, numbers, storage.usage_of(facts.media_bytes, facts.document_bytes, facts.documents))
