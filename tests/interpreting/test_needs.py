"""Needs derived from the draft schedule: pairs, sources, relay, booth teams,
channels, the forum's policy, and what deriving again keeps."""

import pytest
import sqlalchemy as sa

from app.activities.models import InterpretationMode
from app.extensions import db
from app.interpreting.models import (
    InterpretationAssignment,
    InterpretationNeed,
    InterpreterStatus,
    InterpretingPolicy,
)
from app.interpreting.needs import derive_needs
from app.interpreting.policy import policy_of
from app.organizations.models import RegistrationStatus
from app.scheduling.models import Placement
from tests import factories
from tests.interpreting.factories import (
    make_assignment,
    make_interpreter,
    make_placed_session,
    make_schedule,
    place,
    unplace,
)

SIMULTANEOUS = InterpretationMode.SIMULTANEOUS


@pytest.fixture
def s(ctx):
    return make_schedule()


def _pairs(needs):
    return sorted((n.source, n.relay, n.target) for n in needs)


def test_policy_defaults_when_none_saved(s):
    policy = policy_of(s.forum)
    assert (policy.allow_relay, policy.max_sessions_per_day) == (True, 3)
    assert policy.booth_team_after_minutes == 60
    assert policy not in db.session


def test_policy_saved_is_used(s):
    db.session.add(InterpretingPolicy(forum_id=s.forum.id, max_sessions_per_day=5))
    db.session.flush()
    assert policy_of(s.forum).max_sessions_per_day == 5


def test_needs_from_asked_languages_minus_spoken(s):
    activity = make_placed_session(
        s.forum, s.small, s.s0900, spoken_languages=["ar"], interpretation_into=["en", "ar"]
    )
    needs = derive_needs(s.forum)
    assert _pairs(needs) == [("ar", None, "en")]
    # Nothing asked: consecutive by default, one interpreter, no channel.
    assert needs[0].activity_id == activity.id
    assert (needs[0].mode, needs[0].team_size, needs[0].channel) == ("consecutive", 1, None)


def test_audience_languages_of_approved_registrations_count(s):
    organization = factories.make_organization()
    guest = factories.make_organization()
    approved = factories.make_registration(
        s.forum, organization, status=RegistrationStatus.APPROVED
    )
    approved.delegates[0].interpretation_into = ["ckb"]
    pending = factories.make_registration(s.forum, guest, status=RegistrationStatus.PENDING)
    pending.delegates[0].interpretation_into = ["en"]
    make_placed_session(s.forum, s.small, s.s0900, organization=organization)
    db.session.flush()
    assert _pairs(derive_needs(s.forum)) == [("ar", None, "ckb")]


def test_no_needs_without_interpretation(s):
    make_placed_session(s.forum, s.small, s.s0900, spoken_languages=["ar"])
    assert derive_needs(s.forum) == []


def test_source_prefers_a_spoken_language_with_coverage(s):
    make_interpreter(s.forum, directions=[("en", "ckb")])
    make_placed_session(
        s.forum, s.small, s.s0900, spoken_languages=["ar", "en"], interpretation_into=["ckb"]
    )
    assert _pairs(derive_needs(s.forum)) == [("en", None, "ckb")]


def test_relay_when_nobody_covers_the_pair(s):
    make_interpreter(s.forum, directions=[("ckb", "ar")])
    make_interpreter(s.forum, directions=[("ar", "en")])
    make_placed_session(
        s.forum, s.small, s.s0900, spoken_languages=["ckb"], interpretation_into=["en"]
    )
    assert _pairs(derive_needs(s.forum)) == [("ckb", "ar", "en")]


def test_no_relay_when_the_forum_forbids_it(s):
    db.session.add(InterpretingPolicy(forum_id=s.forum.id, allow_relay=False))
    make_interpreter(s.forum, directions=[("ckb", "ar")])
    make_interpreter(s.forum, directions=[("ar", "en")])
    make_placed_session(
        s.forum, s.small, s.s0900, spoken_languages=["ckb"], interpretation_into=["en"]
    )
    assert _pairs(derive_needs(s.forum)) == [("ckb", None, "en")]


def test_no_relay_through_unapproved_interpreters(s):
    make_interpreter(s.forum, directions=[("ckb", "ar")], status=InterpreterStatus.PENDING)
    make_interpreter(s.forum, directions=[("ar", "en")])
    make_placed_session(
        s.forum, s.small, s.s0900, spoken_languages=["ckb"], interpretation_into=["en"]
    )
    assert _pairs(derive_needs(s.forum)) == [("ckb", None, "en")]


def test_booth_team_of_two_for_long_simultaneous_sessions(s):
    long = make_placed_session(
        s.forum, s.hall, s.s0900, interpretation_into=["en"], interpretation_mode=SIMULTANEOUS
    )
    db.session.add(InterpretingPolicy(forum_id=s.forum.id, booth_team_after_minutes=90))
    short = make_placed_session(
        s.forum, s.annex, s.s0900, interpretation_into=["en"], interpretation_mode=SIMULTANEOUS
    )
    two_slots = make_placed_session(
        s.forum,
        s.hall,
        [s.s1100, s.s1230],
        interpretation_into=["en"],
        interpretation_mode=SIMULTANEOUS,
    )
    consecutive = make_placed_session(
        s.forum, s.small, [s.s1100, s.s1230], interpretation_into=["en"]
    )
    teams = {n.activity_id: n.team_size for n in derive_needs(s.forum)}
    # 90 minutes is not longer than 90; the two slots make 180.
    assert teams[long.id] == teams[short.id] == 1
    assert teams[two_slots.id] == 2
    assert teams[consecutive.id] == 1


def test_default_policy_makes_a_team_of_two_past_an_hour(s):
    make_placed_session(
        s.forum, s.hall, s.s0900, interpretation_into=["en"], interpretation_mode=SIMULTANEOUS
    )
    assert [n.team_size for n in derive_needs(s.forum)] == [2]


def test_channels_per_target_in_booth_rooms_only(s):
    organization = factories.make_organization()
    registration = factories.make_registration(
        s.forum, organization, status=RegistrationStatus.APPROVED
    )
    registration.delegates[0].interpretation_into = ["fr"]
    fields = {"interpretation_into": ["en", "ckb"], "interpretation_mode": SIMULTANEOUS}
    make_placed_session(s.forum, s.annex, s.s0900, organization=organization, **fields)
    make_placed_session(s.forum, s.small, s.s0900, **fields)
    needs = derive_needs(s.forum)
    assert [(n.target, n.channel) for n in needs] == [
        ("en", 1),
        ("ckb", 2),
        ("fr", 3),
        ("ckb", None),
        ("en", None),
    ]


def test_refresh_keeps_edited_needs(s):
    activity = make_placed_session(s.forum, s.small, s.s0900, interpretation_into=["en"])
    (need,) = derive_needs(s.forum)
    need.mode, need.team_size, need.edited = InterpretationMode.WHISPERED, 2, True
    edited_by_hand = InterpretationNeed(
        forum_id=s.forum.id,
        activity_id=activity.id,
        source="ar",
        target="fr",
        edited=True,
        mode=InterpretationMode.CONSECUTIVE,
    )
    db.session.add(edited_by_hand)
    db.session.flush()
    needs = derive_needs(s.forum)
    assert {(n.id, n.mode, n.team_size) for n in needs} == {
        (need.id, "whispered", 2),
        (edited_by_hand.id, "consecutive", 1),
    }


def test_refresh_updates_a_moved_session_and_keeps_its_assignments(s):
    interpreter = make_interpreter(s.forum)
    activity = make_placed_session(
        s.forum, s.small, s.s0900, interpretation_into=["en"], interpretation_mode=SIMULTANEOUS
    )
    (need,) = derive_needs(s.forum)
    assert (need.team_size, need.channel) == (2, None)
    assignment = make_assignment(need, interpreter)
    place(activity, s.hall, s.s1100)
    (again,) = derive_needs(s.forum)
    assert again.id == need.id
    assert (again.team_size, again.channel) == (2, 1)
    assert db.session.get(InterpretationAssignment, assignment.id) is not None


def test_refresh_drops_assignments_whose_direction_went(s):
    ar_en = make_interpreter(s.forum, directions=[("ar", "en")])
    make_placed_session(
        s.forum, s.small, s.s0900, spoken_languages=["ar", "ckb"], interpretation_into=["en"]
    )
    (need,) = derive_needs(s.forum)
    make_assignment(need, ar_en)
    ar_en.status = InterpreterStatus.WITHDRAWN
    make_interpreter(s.forum, directions=[("ckb", "en")])
    db.session.flush()
    (again,) = derive_needs(s.forum)
    assert (again.id, again.source) == (need.id, "ckb")
    assert again.assignments == []


def test_refresh_removes_needs_of_unplaced_sessions(s):
    interpreter = make_interpreter(s.forum)
    activity = make_placed_session(s.forum, s.small, s.s0900, interpretation_into=["en"])
    kept = make_placed_session(s.forum, s.small, s.s1100, interpretation_into=["en"])
    needs = derive_needs(s.forum)
    make_assignment(needs[0], interpreter)
    needs[0].edited = True
    unplace(activity)
    again = derive_needs(s.forum)
    assert [n.activity_id for n in again] == [kept.id]
    assert db.session.scalars(sa.select(InterpretationAssignment)).all() == []


def test_refresh_removes_needs_no_longer_asked(s):
    activity = make_placed_session(s.forum, s.small, s.s0900, interpretation_into=["en", "ckb"])
    assert len(derive_needs(s.forum)) == 2
    activity.interpretation_into = ["ckb"]
    db.session.flush()
    assert _pairs(derive_needs(s.forum)) == [("ar", None, "ckb")]


def test_needs_of_another_forum_untouched(s):
    other = make_schedule()
    make_placed_session(other.forum, other.small, other.s0900, interpretation_into=["en"])
    (theirs,) = derive_needs(other.forum)
    make_placed_session(s.forum, s.small, s.s0900, interpretation_into=["ckb"])
    assert _pairs(derive_needs(s.forum)) == [("ar", None, "ckb")]
    assert db.session.get(InterpretationNeed, theirs.id) is not None
    assert db.session.scalar(sa.select(sa.func.count(Placement.id))) == 2
