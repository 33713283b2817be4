"""The demo's interpretation team of the 4th season: ten interpreters (nine
approved, one waiting, the demo volunteer among them) with consistent languages
and directions, the forum's rules, the needs of the draft schedule derived and
assigned without breaking a rule the conflict engine checks; the demo accounts
see their sessions and the board; seeding again changes nothing."""

import sqlalchemy as sa

from app.accounts.models import User
from app.activities.models import Activity
from app.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET
from app.extensions import db
from app.forums.models import Forum
from app.interpreting.assigning import directions_of, need_legs, open_places
from app.interpreting.models import (
    InterpretationAssignment,
    InterpretationNeed,
    Interpreter,
    InterpreterAvailability,
    InterpreterDirection,
    InterpreterLanguage,
    InterpreterStatus,
    InterpretingPolicy,
    LanguageLevel,
)
from app.interpreting.policy import policy_of
from app.scheduling.conflicts import Rule, find_conflicts
from app.scheduling.loading import load_snapshot
from tests.helpers import log_in

DEMO_VOLUNTEER = "volunteer@isf-demo.example.org"
COORDINATOR = "interpreting@isf-demo.example.org"
MODELS = (
    User,
    InterpretingPolicy,
    Interpreter,
    InterpreterLanguage,
    InterpreterDirection,
    InterpreterAvailability,
    InterpretationNeed,
    InterpretationAssignment,
)


def _seed(app) -> str:
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    return result.output


def _season() -> Forum:
    return db.session.scalar(sa.select(Forum).where(Forum.slug == "isf-4"))


def _interpreters(forum: Forum) -> list[Interpreter]:
    return list(db.session.scalars(sa.select(Interpreter).where(Interpreter.forum_id == forum.id)))


def _needs(forum: Forum) -> list[InterpretationNeed]:
    query = sa.select(InterpretationNeed).where(InterpretationNeed.forum_id == forum.id)
    return list(db.session.scalars(query))


def test_the_season_has_ten_interpreters_nine_approved(app, ctx):
    output = _seed(app)
    season = _season()
    interpreters = _interpreters(season)
    statuses = [i.status for i in interpreters]
    assert len(interpreters) == 10
    assert statuses.count(InterpreterStatus.APPROVED) == 9
    assert statuses.count(InterpreterStatus.PENDING) == 1
    assert "Interpreters of the 4th season: 10 (1 pending)" in output
    coordinator = db.session.scalar(sa.select(User).where(User.email == COORDINATOR))
    for interpreter in interpreters:
        decided = interpreter.status is InterpreterStatus.APPROVED
        assert (interpreter.decided_by_id == coordinator.id) is decided
        assert interpreter.feed_nonce
    policy = policy_of(season)
    assert db.session.get(InterpretingPolicy, season.id) is policy
    assert (policy.allow_relay, policy.max_sessions_per_day) == (True, 3)
    assert policy.booth_team_after_minutes == 60


def test_the_interpreters_cover_the_three_pairs_consistently(app, ctx):
    """Directions between Arabic, Kurdish and English, most both ways; one never
    interprets into a passive (C) language; a mix of modes, experience and days."""
    _seed(app)
    season = _season()
    interpreters = _interpreters(season)
    directions = {(d.source, d.target) for i in interpreters for d in i.directions}
    assert {("ar", "en"), ("en", "ar"), ("ar", "ckb"), ("ckb", "ar")} <= directions
    assert {("ckb", "en"), ("en", "ckb")} <= directions
    one_way = [i for i in interpreters if any(_one_way(i, d) for d in i.directions)]
    assert 1 <= len(one_way) < len(interpreters) / 2
    for interpreter in interpreters:
        levels = {row.language: row.level for row in interpreter.languages}
        assert LanguageLevel.A in levels.values()
        for direction in interpreter.directions:
            assert direction.source in levels
            assert levels[direction.target] in (LanguageLevel.A, LanguageLevel.B)
    assert {"simultaneous", "consecutive", "whispered"} == {
        m for i in interpreters for m in i.modes
    }
    assert {i.experienced for i in interpreters} == {True, False}
    days = [len(i.availability) for i in interpreters]
    assert days.count(len(season.days)) >= 7
    assert 1 <= days.count(2) <= 3


def _one_way(interpreter: Interpreter, direction: InterpreterDirection) -> bool:
    back = (direction.target, direction.source)
    return back not in {(d.source, d.target) for d in interpreter.directions}


def test_the_accounts_are_invented_and_share_the_demo_hash(app, ctx):
    _seed(app)
    users = [i.user for i in _interpreters(_season())]
    demo = db.session.scalar(sa.select(User).where(User.email == DEMO_VOLUNTEER))
    invented = [user for user in users if user.id != demo.id]
    assert len(invented) == 9
    assert all(u.email.endswith("@interpreters.isf-demo.example.org") for u in invented)
    assert {user.password_hash for user in users} == {demo.password_hash}
    assert {user.locale for user in invented} == {"ar", "ckb"}


def test_the_needs_are_derived_and_assigned_within_the_rules(app, ctx):
    _seed(app)
    season = _season()
    snapshot = load_snapshot(season)
    needs = _needs(season)
    assert needs
    assert {need.activity_id for need in needs} <= set(snapshot.placements)
    placed = db.session.scalars(sa.select(Activity).where(Activity.id.in_(snapshot.placements)))
    asked = {activity.id for activity in placed if activity.interpretation_into}
    assert asked <= {need.activity_id for need in needs}
    assert [(n.source, n.target, n.edited) for n in needs if n.edited] == [("ckb", "ar", True)]
    assignments = [a for need in needs for a in need.assignments]
    assert assignments
    for assignment in assignments:
        interpreter = assignment.interpreter
        assert interpreter.status is InterpreterStatus.APPROVED
        assert set(need_legs(assignment.need)) & directions_of(interpreter)
        assert str(assignment.need.mode) in interpreter.modes
    rules = {conflict.rule for conflict in find_conflicts(snapshot)}
    assert Rule.INTERPRETER_CLASH not in rules
    assert snapshot.interpreters


def test_the_seed_reports_the_places_held_and_open(app, ctx):
    output = _seed(app)
    needs = _needs(_season())
    held = sum(len(need.assignments) for need in needs)
    still_open = sum(open_places(need) for need in needs)
    assert f"{held} of {held + still_open} places assigned ({still_open} open)" in output


def test_the_demo_accounts_see_their_sessions_and_the_board(app):
    _seed(app)
    volunteer = app.test_client()
    log_in(volunteer, DEMO_VOLUNTEER, DEMO_PASSWORD)
    assert volunteer.get("/isf-4/interpreting/sessions").status_code == 200
    coordinator = app.test_client()
    log_in(coordinator, COORDINATOR, DEMO_PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    assert coordinator.get("/isf-4/staff/interpreting/").status_code == 200
    assert coordinator.get("/isf-4/staff/interpreting/board").status_code == 200


def test_the_demo_volunteer_interprets_and_holds_sessions(app, ctx):
    _seed(app)
    user = db.session.scalar(sa.select(User).where(User.email == DEMO_VOLUNTEER))
    (interpreter,) = [i for i in _interpreters(_season()) if i.user_id == user.id]
    assert interpreter.status is InterpreterStatus.APPROVED
    assert {("ar", "en"), ("en", "ar")} == directions_of(interpreter)
    assert interpreter.assignments


def test_seeding_again_changes_nothing(app, ctx):
    _seed(app)
    counts = [db.session.scalar(sa.select(sa.func.count()).select_from(model)) for model in MODELS]
    assignments = {
        (a.need_id, a.interpreter_id)
        for a in db.session.scalars(sa.select(InterpretationAssignment))
    }
    output = _seed(app)
    assert counts == [
        db.session.scalar(sa.select(sa.func.count()).select_from(model)) for model in MODELS
    ]
    assert assignments == {
        (a.need_id, a.interpreter_id)
        for a in db.session.scalars(sa.select(InterpretationAssignment))
    }
    assert "Interpreters of the 4th season: 10 (1 pending)" in output
