"""A forum's volunteer teams, and the volunteers approved for the teams that need it.

A team has a name in at least one of Arabic, Kurdish and English. It may require
a coordinator's approval (only approved volunteers take its shifts), a language
(its shifts need a volunteer who speaks it), or host rooms (its shifts follow the
published programme's sessions). A team whose shifts someone holds cannot be
removed: the coordinator removes those sign-ups, or the shifts, first.
"""

from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa

from app.accounts.models import User
from app.core.db import utcnow
from app.extensions import db
from app.forums.models import Forum
from app.volunteers.models import (
    Shift,
    ShiftSignup,
    Team,
    TeamApproval,
    Volunteer,
    VolunteerStatus,
)
from app.volunteers.signup import VOLUNTEER_LANGUAGES

NAME_LENGTH = 120


class TeamProblem(StrEnum):
    NO_NAME = "no_name"
    UNKNOWN_LANGUAGE = "unknown_language"
    HAS_SIGNUPS = "has_signups"
    NOT_APPROVED_FOR_FORUM = "not_approved_for_forum"


class TeamError(Exception):
    """A team change refused; ``problems`` say why, ``count`` how many sign-ups block it."""

    def __init__(self, *problems: TeamProblem, count: int = 0):
        self.problems = set(problems)
        self.count = count
        super().__init__(", ".join(sorted(self.problems)))


@dataclass(frozen=True)
class TeamDetails:
    """What describes a team, as ``create_team`` and ``update_team`` take it."""

    name_ar: str | None = None
    name_ckb: str | None = None
    name_en: str | None = None
    description: str | None = None
    requires_approval: bool = False
    required_language: str | None = None
    hosts_rooms: bool = False

    def cleaned(self) -> dict:
        """The details as stored (blank texts are absent); raises TeamError."""
        values = {
            name: (getattr(self, name) or "").strip() or None
            for name in ("name_ar", "name_ckb", "name_en", "description")
        }
        problems = []
        if not any(values[f"name_{code}"] for code in ("ar", "ckb", "en")):
            problems.append(TeamProblem.NO_NAME)
        language = self.required_language or None
        if language is not None and language not in VOLUNTEER_LANGUAGES:
            problems.append(TeamProblem.UNKNOWN_LANGUAGE)
        if problems:
            raise TeamError(*problems)
        return {
            **values,
            "requires_approval": bool(self.requires_approval),
            "required_language": language,
            "hosts_rooms": bool(self.hosts_rooms),
        }


def teams_of(forum: Forum) -> list[Team]:
    """The forum's teams in their order."""
    query = sa.select(Team).where(Team.forum_id == forum.id).order_by(Team.position, Team.id)
    return list(db.session.scalars(query))


def create_team(forum: Forum, details: TeamDetails) -> Team:
    """A new team at the end of the forum's list."""
    values = details.cleaned()
    last = db.session.scalar(sa.select(sa.func.max(Team.position)).where(Team.forum_id == forum.id))
    team = Team(forum_id=forum.id, position=(last or 0) + 1, **values)
    db.session.add(team)
    db.session.flush()
    return team


def update_team(team: Team, details: TeamDetails) -> None:
    """New details for a team; sign-ups already made stay (the rules apply to new ones)."""
    for name, value in details.cleaned().items():
        setattr(team, name, value)
    db.session.flush()


def signup_count(team: Team) -> int:
    """How many sign-ups the team's shifts hold."""
    query = (
        sa.select(sa.func.count(ShiftSignup.id))
        .join(Shift, Shift.id == ShiftSignup.shift_id)
        .where(Shift.team_id == team.id)
    )
    return db.session.scalar(query) or 0


def remove_team(team: Team) -> None:
    """Remove a team and its shifts, unless volunteers hold some (HAS_SIGNUPS)."""
    taken = signup_count(team)
    if taken:
        raise TeamError(TeamProblem.HAS_SIGNUPS, count=taken)
    # Loaded so that the shifts go with it here, not left to the database (SQLite
    # does not enforce foreign keys).
    team.shifts  # noqa: B018
    db.session.delete(team)
    db.session.flush()


def team_approvals(team: Team) -> list[TeamApproval]:
    """The volunteers approved for the team, by name."""
    query = (
        sa.select(TeamApproval)
        .join(Volunteer, Volunteer.id == TeamApproval.volunteer_id)
        .join(User, User.id == Volunteer.user_id)
        .where(TeamApproval.team_id == team.id)
        .order_by(User.name, TeamApproval.id)
    )
    return list(db.session.scalars(query))


def approval_of(team: Team, volunteer: Volunteer) -> TeamApproval | None:
    return db.session.scalar(
        sa.select(TeamApproval).where(
            TeamApproval.team_id == team.id, TeamApproval.volunteer_id == volunteer.id
        )
    )


def grant_team_approval(team: Team, volunteer: Volunteer, *, by: User) -> TeamApproval:
    """Approve a volunteer of the forum (approved for it) for the team; granting twice
    keeps the first approval."""
    if volunteer.forum_id != team.forum_id or volunteer.status != VolunteerStatus.APPROVED:
        raise TeamError(TeamProblem.NOT_APPROVED_FOR_FORUM)
    existing = approval_of(team, volunteer)
    if existing is not None:
        return existing
    approval = TeamApproval(
        team_id=team.id, volunteer_id=volunteer.id, approved_by_id=by.id, approved_at=utcnow()
    )
    db.session.add(approval)
    db.session.flush()
    return approval


def revoke_team_approval(team: Team, volunteer: Volunteer) -> bool:
    """The volunteer is no longer approved for the team (the shifts they hold stay,
    for the coordinator to look at); False when they were not approved."""
    approval = approval_of(team, volunteer)
    if approval is None:
        return False
    db.session.delete(approval)
    db.session.flush()
    return True


def approvable_volunteers(team: Team) -> list[Volunteer]:
    """The forum's approved volunteers not yet approved for the team, by name."""
    approved = sa.select(TeamApproval.volunteer_id).where(TeamApproval.team_id == team.id)
    query = (
        sa.select(Volunteer)
        .join(User, User.id == Volunteer.user_id)
        .where(
            Volunteer.forum_id == team.forum_id,
            Volunteer.status == VolunteerStatus.APPROVED,
            Volunteer.id.not_in(approved),
        )
        .order_by(User.name, Volunteer.id)
    )
    return list(db.session.scalars(query))
