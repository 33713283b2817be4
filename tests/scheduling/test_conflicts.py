"""The conflict engine: one failing and one passing case per rule, and how pairs,
time, filters and keys behave. Snapshots are built straight from the dataclasses."""

import pytest

from app.scheduling.conflicts import Conflict, Rule, find_conflicts, new_conflicts
from app.scheduling.snapshot import Activity, Closure, Room, Slot, Snapshot, Spot

DAY_1, DAY_2 = 1, 2
# Day 1: two morning slots, lunch, two afternoon slots; day 2: two morning slots.
SLOTS = {
    11: Slot(11, DAY_1, 9 * 60, 10 * 60 + 30, next_id=12),
    12: Slot(12, DAY_1, 10 * 60 + 30, 12 * 60),
    13: Slot(13, DAY_1, 13 * 60, 14 * 60 + 30, next_id=14),
    14: Slot(14, DAY_1, 14 * 60 + 30, 16 * 60),
    21: Slot(21, DAY_2, 9 * 60, 10 * 60 + 30, next_id=22),
    22: Slot(22, DAY_2, 10 * 60 + 30, 12 * 60),
}
HALL, WORKSHOP, TERRACE = 1, 2, 3
ROOMS = {
    HALL: Room(HALL, capacity=200, has_booth=True, channels=2),
    WORKSHOP: Room(WORKSHOP, capacity=40),
    # Closed 09:30–10:30 on day 1: the first slot, not the second (half-open).
    TERRACE: Room(TERRACE, capacity=100, closures=(Closure(DAY_1, 9 * 60 + 30, 10 * 60 + 30),)),
}
PRESENTER = "email:amal.hassan@example.org"
INTERPRETER = "interpreter:email:zainab@example.org"


def schedule(*sessions, sequences=(), interpreters=None, rooms=ROOMS) -> Snapshot:
    """``sessions``: ``(activity, room_id, slot_ids)`` when placed, a bare Activity when not."""
    activities, placements = {}, {}
    for session in sessions:
        if isinstance(session, Activity):
            activities[session.id] = session
            continue
        activity, room_id, slot_ids = session
        activities[activity.id] = activity
        placements[activity.id] = Spot(room_id, tuple(slot_ids))
    return Snapshot(
        rooms=rooms,
        slots=SLOTS,
        activities=activities,
        placements=placements,
        sequences=tuple(sequences),
        interpreters=interpreters or {},
    )


def a(id_, **fields) -> Activity:
    return Activity(id=id_, **fields)


def rules(conflicts: list[Conflict]) -> list[Rule]:
    return [conflict.rule for conflict in conflicts]


ORG = frozenset({7})
SIMULTANEOUS = {"simultaneous": True, "interpretation_languages": 2}
CASES = [
    pytest.param(
        schedule((a(1), HALL, [11]), (a(2), HALL, [11])),
        Conflict(Rule.DOUBLE_BOOKED, (1, 2), room_id=HALL, slot_id=11),
        schedule((a(1), HALL, [11]), (a(2), WORKSHOP, [11])),
        id="double_booked",
    ),
    pytest.param(
        schedule((a(1, length=2), HALL, [11, 13])),
        Conflict(Rule.BAD_SPOT, (1,), room_id=HALL, slot_id=11, numbers=(2,)),
        schedule((a(1, length=2), HALL, [11, 12])),
        id="bad_spot",
    ),
    pytest.param(
        schedule((a(1, attendance=120), WORKSHOP, [11])),
        Conflict(Rule.CAPACITY, (1,), room_id=WORKSHOP, numbers=(40, 120)),
        schedule((a(1, attendance=40), WORKSHOP, [11])),
        id="capacity",
    ),
    pytest.param(
        schedule((a(1, **SIMULTANEOUS), WORKSHOP, [11])),
        Conflict(Rule.NO_BOOTH, (1,), room_id=WORKSHOP),
        schedule((a(1, **SIMULTANEOUS), HALL, [11])),
        id="no_booth",
    ),
    pytest.param(
        schedule((a(1, simultaneous=True, interpretation_languages=3), HALL, [11])),
        Conflict(Rule.TOO_FEW_CHANNELS, (1,), room_id=HALL, numbers=(2, 3)),
        schedule((a(1, simultaneous=True, interpretation_languages=2), HALL, [11])),
        id="too_few_channels",
    ),
    pytest.param(
        schedule((a(1, organizations=ORG), HALL, [11]), (a(2, organizations=ORG), WORKSHOP, [11])),
        Conflict(Rule.ORGANIZATION_CLASH, (1, 2), slot_id=11, organization_id=7),
        schedule((a(1, organizations=ORG), HALL, [11]), (a(2, organizations=ORG), WORKSHOP, [21])),
        id="organization_clash",
    ),
    pytest.param(
        schedule(
            (a(1, presenters=frozenset({PRESENTER})), HALL, [12]),
            (a(2, presenters=frozenset({PRESENTER})), WORKSHOP, [12]),
        ),
        Conflict(Rule.PRESENTER_CLASH, (1, 2), slot_id=12),
        schedule(
            (a(1, presenters=frozenset({PRESENTER})), HALL, [12]),
            (a(2, presenters=frozenset({"email:someone.else@example.org"})), WORKSHOP, [12]),
        ),
        id="presenter_clash",
    ),
    pytest.param(
        schedule((a(1, impossible_days=frozenset({DAY_1})), HALL, [13])),
        Conflict(Rule.IMPOSSIBLE_DAY, (1,), slot_id=13, numbers=(DAY_1,)),
        schedule((a(1, impossible_days=frozenset({DAY_1})), HALL, [21])),
        id="impossible_day",
    ),
    pytest.param(
        schedule((a(1), TERRACE, [11])),
        Conflict(Rule.ROOM_CLOSED, (1,), room_id=TERRACE, slot_id=11),
        schedule((a(1), TERRACE, [12])),
        id="room_closed",
    ),
    pytest.param(
        schedule((a(1), HALL, [11]), (a(2), HALL, [13]), sequences=[(1, 2)]),
        Conflict(Rule.SEQUENCE, (1, 2), numbers=(1, 2)),
        schedule((a(1), HALL, [11]), (a(2), HALL, [12]), sequences=[(1, 2)]),
        id="sequence",
    ),
    pytest.param(
        schedule((a(1), HALL, [11]), (a(2), WORKSHOP, [11]), interpreters={INTERPRETER: {1, 2}}),
        Conflict(Rule.INTERPRETER_CLASH, (1, 2), slot_id=11),
        schedule((a(1), HALL, [11]), (a(2), WORKSHOP, [12]), interpreters={INTERPRETER: {1, 2}}),
        id="interpreter_clash",
    ),
]


def test_every_rule_has_a_case():
    assert {case.id for case in CASES} == {rule.value for rule in Rule}


@pytest.mark.parametrize(("broken", "expected", "kept"), CASES)
def test_rule_broken_and_kept(broken, expected, kept):
    assert find_conflicts(broken) == [expected]
    assert find_conflicts(kept) == []


@pytest.mark.parametrize(
    ("length", "room_id", "slot_ids"),
    [
        pytest.param(2, HALL, [11], id="too_few_slots"),
        pytest.param(1, HALL, [11, 12], id="too_many_slots"),
        pytest.param(2, HALL, [12, 13], id="across_the_lunch_break"),
        pytest.param(2, HALL, [12, 11], id="backwards"),
        pytest.param(2, HALL, [22, 21], id="backwards_on_day_2"),
        pytest.param(2, HALL, [12, 21], id="across_days"),
        pytest.param(1, 99, [11], id="unknown_room"),
        pytest.param(1, HALL, [999], id="unknown_slot"),
        pytest.param(1, HALL, [], id="no_slot"),
    ],
)
def test_bad_spot(length, room_id, slot_ids):
    conflicts = find_conflicts(schedule((a(1, length=length), room_id, slot_ids)))

    assert Rule.BAD_SPOT in rules(conflicts)


def test_a_good_multi_slot_spot_in_the_afternoon_is_fine():
    assert find_conflicts(schedule((a(1, length=2), HALL, [13, 14]))) == []


@pytest.mark.parametrize(
    "shared",
    [
        {"organizations": ORG},
        {"presenters": frozenset({PRESENTER})},
    ],
)
def test_back_to_back_sessions_do_not_clash(shared):
    snapshot = schedule(
        (a(1, **shared), HALL, [11]),
        (a(2, **shared), WORKSHOP, [12]),
        (a(3, **shared), HALL, [12]),  # 1 then 3 in the same room, then 2 alongside 3
        interpreters={INTERPRETER: {1, 2}},
    )

    assert rules(find_conflicts(snapshot)) == [
        Rule.ORGANIZATION_CLASH if "organizations" in shared else Rule.PRESENTER_CLASH
    ]
    assert find_conflicts(snapshot)[0].activity_ids == (2, 3)


def test_a_two_slot_session_clashes_with_one_in_its_second_slot():
    snapshot = schedule(
        (a(1, length=2, organizations=ORG), HALL, [11, 12]),
        (a(2, organizations=ORG), WORKSHOP, [12]),
    )

    assert find_conflicts(snapshot) == [
        Conflict(Rule.ORGANIZATION_CLASH, (1, 2), slot_id=12, organization_id=7)
    ]


def test_same_times_on_another_day_do_not_clash():
    snapshot = schedule(
        (a(1, organizations=ORG), HALL, [11]), (a(2, organizations=ORG), WORKSHOP, [21])
    )

    assert find_conflicts(snapshot) == []


def test_a_co_organizer_counts_as_the_organization():
    lead_elsewhere = frozenset({9, 7})  # lead 9, co-organizer 7
    snapshot = schedule(
        (a(1, organizations=ORG), HALL, [11]),
        (a(2, organizations=lead_elsewhere), WORKSHOP, [11]),
    )

    assert find_conflicts(snapshot) == [
        Conflict(Rule.ORGANIZATION_CLASH, (1, 2), slot_id=11, organization_id=7)
    ]


def test_one_conflict_per_pair_and_rule():
    both = frozenset({7, 8})
    snapshot = schedule(
        (
            a(1, length=2, organizations=both, presenters=frozenset({PRESENTER, "phone:1"})),
            HALL,
            [11, 12],
        ),
        (
            a(2, length=2, organizations=both, presenters=frozenset({PRESENTER, "phone:1"})),
            HALL,
            [11, 12],
        ),
    )

    assert find_conflicts(snapshot) == [
        Conflict(Rule.DOUBLE_BOOKED, (1, 2), room_id=HALL, slot_id=11),
        Conflict(Rule.ORGANIZATION_CLASH, (1, 2), slot_id=11, organization_id=7),
        Conflict(Rule.PRESENTER_CLASH, (1, 2), slot_id=11),
    ]


def test_three_sessions_at_once_give_three_pairs():
    snapshot = schedule(
        *[
            (a(i, organizations=ORG), room, [11])
            for i, room in ((1, HALL), (2, WORKSHOP), (3, TERRACE + 1))
        ],
        rooms={**ROOMS, TERRACE + 1: Room(TERRACE + 1, capacity=10)},
    )

    assert [c.activity_ids for c in find_conflicts(snapshot)] == [(1, 2), (1, 3), (2, 3)]


def test_unplaced_activities_break_nothing():
    snapshot = schedule(
        a(1, attendance=500, organizations=ORG, impossible_days=frozenset({DAY_1})),
        (a(2, organizations=ORG), HALL, [11]),
        a(3),
        sequences=[(1, 2, 3)],
        interpreters={INTERPRETER: {1, 2}},
    )

    assert find_conflicts(snapshot) == []


@pytest.mark.parametrize(
    ("second_room", "second_slot"),
    [
        pytest.param(WORKSHOP, 12, id="another_room"),
        pytest.param(HALL, 13, id="a_gap"),
        pytest.param(HALL, 11, id="the_wrong_order"),
    ],
)
def test_a_sequence_kept_apart(second_room, second_slot):
    snapshot = schedule(
        (a(1), HALL, [12]) if second_slot == 11 else (a(1), HALL, [11]),
        (a(2), second_room, [second_slot]),
        sequences=[(1, 2)],
    )

    assert rules(find_conflicts(snapshot)) == [Rule.SEQUENCE]


def test_a_sequence_of_three_checks_each_step():
    snapshot = schedule(
        (a(1), HALL, [13]),
        (a(2, length=1), HALL, [14]),
        (a(3), HALL, [21]),
        sequences=[(1, 2, 3)],
    )

    assert find_conflicts(snapshot) == [Conflict(Rule.SEQUENCE, (2, 3), numbers=(2, 3))]


def test_the_filter_keeps_conflicts_of_those_activities():
    snapshot = schedule(
        (a(1, attendance=120), WORKSHOP, [11]),
        (a(2, organizations=ORG), HALL, [12]),
        (a(3, organizations=ORG), WORKSHOP, [12]),
        (a(4, organizations=ORG), TERRACE, [12]),
    )

    assert rules(find_conflicts(snapshot, [1])) == [Rule.CAPACITY]
    assert [c.activity_ids for c in find_conflicts(snapshot, {3})] == [(2, 3), (3, 4)]
    assert find_conflicts(snapshot, []) == []
    assert len(find_conflicts(snapshot)) == 4


def test_new_conflicts_ignore_those_that_were_there_before():
    before = schedule(
        (a(1, attendance=120, organizations=ORG), WORKSHOP, [11]),
        (a(2, organizations=ORG), HALL, [21]),
    )

    moved = before.with_changes({1: Spot(WORKSHOP, (12,))})
    assert find_conflicts(moved) == find_conflicts(before)  # still too small, key unchanged
    assert new_conflicts(before, moved, [1]) == []

    into_a_clash = before.with_changes({1: Spot(WORKSHOP, (21,))})
    assert new_conflicts(before, into_a_clash, [1]) == [
        Conflict(Rule.ORGANIZATION_CLASH, (1, 2), slot_id=21, organization_id=7)
    ]
    assert new_conflicts(before, before.with_changes({1: None}), [1]) == []


def test_the_key_names_rule_sessions_and_place_but_no_person():
    snapshot = schedule(
        (a(1, presenters=frozenset({PRESENTER}), organizations=ORG), HALL, [11]),
        (a(2, presenters=frozenset({PRESENTER}), organizations=ORG), WORKSHOP, [11]),
        interpreters={INTERPRETER: {1, 2}},
    )

    keys = [c.key for c in find_conflicts(snapshot)]

    assert keys == [
        "organization_clash:1-2:s11:o7",
        "presenter_clash:1-2:s11",
        "interpreter_clash:1-2:s11",
    ]
    for key in keys:
        assert "amal" not in key
        assert "zainab" not in key
        assert "@" not in key


def test_a_session_whose_activity_left_the_snapshot_still_holds_its_cell():
    snapshot = Snapshot(
        rooms=ROOMS,
        slots=SLOTS,
        activities={1: a(1)},
        placements={1: Spot(HALL, (11,)), 2: Spot(HALL, (11,))},
    )

    assert rules(find_conflicts(snapshot)) == [Rule.DOUBLE_BOOKED]
