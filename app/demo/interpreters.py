"""The demo's interpretation team of the 4th season, as the coordinator would have
built it in November 2017.

The forum's rules (relay allowed, three sessions a day, booth teams after an
hour), ten interpreters between Arabic, Kurdish and English (nine approved, one
waiting; the demo volunteer account among them), the needs of the draft
schedule derived, one added by hand (what Tammuz asked for in its thread), and
the interpreters assigned automatically; what nobody could cover stays open for
the board and the coverage page.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.activities.models import Activity, InterpretationMode
from app.core.db import utcnow
from app.core.feed_addresses import new_feed_nonce
from app.demo.activities_data import THREAD_ACTIVITY
from app.demo.interpreters_data import ASKED_NEED, DEMO_INTERPRETER, INTERPRETERS, POLICY
from app.extensions import db
from app.forums.models import Forum
from app.interpreting.assigning import open_places
from app.interpreting.auto_assign import auto_assign
from app.interpreting.coverage import places_of
from app.interpreting.models import (
    InterpretationAssignment,
    InterpretationNeed,
    Interpreter,
    InterpreterAvailability,
    InterpreterDirection,
    InterpreterLanguage,
    InterpreterStatus,
    LanguageLevel,
)
from app.interpreting.need_edits import NeedValues, add_need
from app.interpreting.needs import derive_needs
from app.interpreting.team import InterpreterDetails, check_details
from app.interpreting.team_approval import PolicyDetails, update_policy
from app.scheduling.models import Placement

EMAIL_DOMAIN = "interpreters.isf-demo.example.org"
# When they joined the team (UTC); the coordinator decided two days later.
JOINED = datetime(2017, 10, 22, 9, 0, tzinfo=UTC)
# The automatic assignment is given this long: enough for the demo's few needs.
TIME_LIMIT = 3


@dataclass(frozen=True)
class InterpretersSeeded:
    interpreters: int
    pending: int
    needs: int
    places: int
    assigned: int
    open: int


def seed_interpreters(forum: Forum, coordinator: User, demo_volunteer: User) -> InterpretersSeeded:
    """Build the season's interpretation team and assign it, once; running it again
    changes nothing."""
    if db.session.scalar(sa.select(sa.exists().where(Interpreter.forum_id == forum.id))):
        return summary_of(forum)
    update_policy(forum, PolicyDetails(*POLICY))
    _interpreter(forum, demo_volunteer, DEMO_INTERPRETER, coordinator, 0)
    password_hash = demo_volunteer.password_hash
    for number, (name, local, locale, *details) in enumerate(INTERPRETERS, start=1):
        user = _user(name, local, locale, password_hash)
        _interpreter(forum, user, details, coordinator, number)
    derive_needs(forum)
    _add_asked_need(forum)
    auto_assign(forum, by=coordinator, time_limit=TIME_LIMIT)
    return summary_of(forum)


def summary_of(forum: Forum) -> InterpretersSeeded:
    """What the forum's interpretation team holds, for the seed command's report."""
    statuses = list(
        db.session.scalars(sa.select(Interpreter.status).where(Interpreter.forum_id == forum.id))
    )
    needs = list(
        db.session.scalars(
            sa.select(InterpretationNeed)
            .where(InterpretationNeed.forum_id == forum.id)
            .options(
                selectinload(InterpretationNeed.assignments)
                .selectinload(InterpretationAssignment.interpreter)
                .selectinload(Interpreter.directions)
            )
        )
    )
    return InterpretersSeeded(
        interpreters=len(statuses),
        pending=statuses.count(InterpreterStatus.PENDING),
        needs=len(needs),
        places=sum(places_of(need) for need in needs),
        assigned=sum(len(need.assignments) for need in needs),
        open=sum(open_places(need) for need in needs),
    )


def _user(name: str, local: str, locale: str, password_hash: str) -> User:
    """An interpreter's account; they sign in with the demo password too (one hash
    for all, as for the volunteers)."""
    user = User(
        email=f"{local}@{EMAIL_DOMAIN}",
        name=name,
        locale=locale,
        password_hash=password_hash,
        email_verified_at=utcnow(),
    )
    db.session.add(user)
    db.session.flush()
    return user


def _interpreter(forum: Forum, user: User, row, coordinator: User, number: int) -> Interpreter:
    """An interpreter as the joining form would have kept them, then decided on
    (written directly: the season is over, so joining is closed, and the invented
    people get no email)."""
    languages, directions, modes, experienced, days, status = row
    given = InterpreterDetails(
        languages=tuple((code, LanguageLevel(level)) for code, level in languages.items()),
        directions=tuple(directions),
        modes=tuple(modes),
        experienced=experienced,
        day_ids=tuple(forum.days[day].id for day in days),
    )
    cleaned, errors = check_details(forum, given)
    if errors:
        raise ValueError(f"demo interpreter {user.email}: {errors}")
    joined = JOINED + timedelta(days=number // 3, hours=number)
    interpreter = Interpreter(
        forum_id=forum.id,
        user_id=user.id,
        status=InterpreterStatus(status),
        modes=list(cleaned.modes),
        experienced=cleaned.experienced,
        created_at=joined,
        feed_nonce=new_feed_nonce(),
    )
    if interpreter.status is not InterpreterStatus.PENDING:
        interpreter.decided_at = joined + timedelta(days=2)
        interpreter.decided_by_id = coordinator.id
    interpreter.languages = [
        InterpreterLanguage(language=code, level=level) for code, level in cleaned.languages
    ]
    interpreter.directions = [
        InterpreterDirection(source=source, target=target) for source, target in cleaned.directions
    ]
    interpreter.availability = [InterpreterAvailability(day_id=day) for day in cleaned.day_ids]
    db.session.add(interpreter)
    db.session.flush()
    return interpreter


def _add_asked_need(forum: Forum) -> None:
    """The need Tammuz asked for in its thread, added to its session by the
    coordinator (kept as edited when the needs are derived again); only when the
    session is placed."""
    placement = db.session.scalar(
        sa.select(Placement)
        .join(Activity, Activity.id == Placement.activity_id)
        .where(Activity.forum_id == forum.id, Activity.title_en == THREAD_ACTIVITY)
    )
    if placement is None:
        return
    source, target, mode, team_size = ASKED_NEED
    values = NeedValues(source, target, InterpretationMode(mode), team_size)
    add_need(placement.activity, values, placement.room)
