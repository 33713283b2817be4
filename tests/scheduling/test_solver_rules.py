"""The auto-scheduler's promises: pinned and kept sessions stay, sequences stay
back to back, people are never in two places, the reason for what stays unplaced,
the time limit and progress, and what happens without OR-Tools."""

import sys
import time
from dataclasses import replace

import pytest
from flask_babel import force_locale

from app.scheduling.conflicts import find_conflicts
from app.scheduling.snapshot import Activity, Closure, Room, Slot, Spot
from app.scheduling.solver import suggest_schedule
from app.scheduling.unplaced import Unplaced, describe_unplaced
from tests.scheduling.test_solver import (
    DAY_1,
    DAY_2,
    LARGE,
    SLOTS,
    SMALL,
    TWO_ROOMS,
    forum,
    rooms,
    solve,
)

BOOTH = rooms(Room(SMALL, 40), Room(LARGE, 200, has_booth=True, channels=2))


def test_suggest_schedule_never_moves_pinned_sessions():
    # Both waste 390 seats in the large room (39, more than a move's 20); only the
    # unpinned one moves.
    placed = {1: Spot(LARGE, (11,)), 2: Spot(LARGE, (12,))}
    snapshot = forum(
        Activity(1, attendance=10),
        Activity(2, attendance=10),
        Activity(3, attendance=40),
        placements=placed,
        pinned={1},
        rooms=rooms(Room(SMALL, 40), Room(LARGE, 400)),
    )
    result = solve(snapshot, keep_placed=False)
    assert result.placements[1] == Spot(LARGE, (11,))
    assert result.placements[2].room_id == SMALL
    kept = solve(snapshot, keep_placed=True)
    assert {a: kept.placements[a] for a in placed} == placed


def test_suggest_schedule_keeps_placed_sessions_and_fills_around_them():
    placed = {1: Spot(SMALL, (11,)), 2: Spot(SMALL, (12,)), 3: Spot(SMALL, (21,))}
    activities = [Activity(a, attendance=40) for a in (1, 2, 3, 4, 5)]
    result = solve(forum(*activities, placements=placed))
    assert {a: result.placements[a] for a in placed} == placed
    assert sorted((result.placements[4], result.placements[5]), key=lambda s: s.room_id)[0] == (
        Spot(SMALL, (22,))
    )
    assert result.unplaced == {}


def test_suggest_schedule_places_a_sequence_back_to_back_in_one_room():
    snapshot = forum(
        Activity(1, attendance=100),
        Activity(2, attendance=30),
        Activity(3, attendance=30),
        sequences=[(1, 2)],
    )
    result = solve(snapshot)
    first, second = result.placements[1], result.placements[2]
    assert first.room_id == second.room_id == LARGE
    assert SLOTS[first.slot_ids[-1]].next_id == second.slot_ids[0]


def test_suggest_schedule_places_a_sequence_member_after_its_pinned_partner():
    placed = {1: Spot(LARGE, (21,))}
    snapshot = forum(
        Activity(1, attendance=100),
        Activity(2, attendance=30),
        placements=placed,
        pinned={1},
        sequences=[(1, 2)],
    )
    assert solve(snapshot).placements[2] == Spot(LARGE, (22,))


def test_suggest_schedule_takes_multi_slot_sessions_in_consecutive_slots():
    result = solve(forum(Activity(1, attendance=30, length=2)))
    slots = result.placements[1].slot_ids
    assert len(slots) == 2
    assert SLOTS[slots[0]].next_id == slots[1]


def test_suggest_schedule_keeps_interpreters_and_presenters_in_one_place():
    snapshot = forum(
        Activity(1, attendance=30, presenters=frozenset({"p"})),
        Activity(2, attendance=30, presenters=frozenset({"p"})),
        Activity(3, attendance=30),
        Activity(4, attendance=30),
        slots={11: SLOTS[11], 12: SLOTS[12]},
        interpreters={"zainab": frozenset({3, 4})},
    )
    result = solve(snapshot)
    assert result.placements[1].slot_ids != result.placements[2].slot_ids
    assert result.placements[3].slot_ids != result.placements[4].slot_ids


def test_suggest_schedule_leaves_room_for_sessions_it_does_not_know():
    # A placed session whose activity is no longer accepted still holds its room.
    snapshot = forum(Activity(2, attendance=30), placements={99: Spot(SMALL, (11,))})
    result = solve(snapshot)
    assert result.placements[99] == Spot(SMALL, (11,))
    assert result.placements[2] != Spot(SMALL, (11,))


UNLINKED = {11: Slot(11, DAY_1, 540, 630), 12: Slot(12, DAY_1, 660, 750)}


@pytest.mark.parametrize(
    ("activities", "options", "reasons"),
    [
        ([Activity(1, attendance=500)], {}, {1: Unplaced.NO_ROOM_BIG_ENOUGH}),
        (
            [Activity(1, attendance=30, simultaneous=True, interpretation_languages=1)],
            {},
            {1: Unplaced.NO_BOOTH_ROOM},
        ),
        (
            [Activity(1, attendance=30, simultaneous=True, interpretation_languages=3)],
            {"rooms": BOOTH},
            {1: Unplaced.NO_BOOTH_ROOM},
        ),
        ([Activity(1, attendance=30, length=3)], {}, {1: Unplaced.NO_RUN_LONG_ENOUGH}),
        (
            [Activity(1, attendance=30, length=2, impossible_days=frozenset({DAY_1, DAY_2}))],
            {},
            {1: Unplaced.NO_POSSIBLE_DAY},
        ),
        (
            [Activity(1, attendance=30), Activity(2, attendance=30)],
            {"slots": UNLINKED, "sequences": [(1, 2)]},
            {1: Unplaced.SEQUENCE_UNPLACEABLE, 2: Unplaced.SEQUENCE_UNPLACEABLE},
        ),
        (
            [Activity(1, attendance=30), Activity(2, attendance=500)],
            {"sequences": [(1, 2)]},
            {1: Unplaced.SEQUENCE_UNPLACEABLE, 2: Unplaced.NO_ROOM_BIG_ENOUGH},
        ),
        (
            [Activity(a, attendance=30, organizations=frozenset({4})) for a in (1, 2, 3)],
            {"slots": UNLINKED},
            {3: Unplaced.NO_FREE_PLACE},
        ),
    ],
)
def test_suggest_schedule_says_why_an_activity_stays_unplaced(activities, options, reasons):
    result = solve(forum(*activities, **options))
    assert result.unplaced == {a: code.value for a, code in reasons.items()}
    assert set(result.placements).isdisjoint(result.unplaced)


def test_suggest_schedule_leaves_no_session_in_a_closed_room():
    closed = rooms(Room(SMALL, 40, closures=(Closure(DAY_1, 630, 720), Closure(DAY_2, 0, 1440))))
    result = solve(forum(Activity(1, attendance=30), Activity(2, attendance=30), rooms=closed))
    assert result.placements == {1: Spot(SMALL, (11,))} or result.placements == {
        2: Spot(SMALL, (11,))
    }
    assert list(result.unplaced.values()) == [Unplaced.NO_FREE_PLACE.value]


def test_describe_unplaced_explains_every_code(app):
    with app.test_request_context(), force_locale("en"):
        texts = {code: describe_unplaced(code) for code in Unplaced}
        assert "attendance" in texts[Unplaced.NO_ROOM_BIG_ENOUGH]
        assert "booth" in texts[Unplaced.NO_BOOTH_ROOM]
        assert len(set(texts.values())) == len(Unplaced)
        assert describe_unplaced("something else")


def test_suggest_schedule_reports_progress_and_stops_in_time():
    activities = [Activity(a, attendance=10 + a % 90, theme_id=a % 4) for a in range(1, 300)]
    many = rooms(*(Room(r, 20 + 10 * r) for r in range(1, 16)))
    slots = {
        d * 10 + k: Slot(
            d * 10 + k, d, 540 + 90 * k, 630 + 90 * k, d * 10 + k + 1 if k < 3 else None
        )
        for d in range(1, 6)
        for k in range(4)
    }
    seen = []
    began = time.monotonic()
    result = suggest_schedule(
        forum(*activities, rooms=many, slots=slots), time_limit=3, progress=seen.append
    )
    assert time.monotonic() - began < 3.2
    assert seen[0] == 0.0
    assert seen[-1] == 1.0
    assert all(0 <= f <= 1 for f in seen)
    assert seen == sorted(seen)
    assert len(result.placements) + len(result.unplaced) == len(activities)
    assert result.seconds_to_first is not None
    assert result.seconds_to_first < result.seconds


def test_suggest_schedule_without_or_tools_returns_the_greedy_schedule(monkeypatch):
    monkeypatch.setitem(sys.modules, "ortools", None)  # import ortools raises ImportError
    snapshot = forum(Activity(1, attendance=30), Activity(2, attendance=150))
    result = suggest_schedule(snapshot, time_limit=2)
    assert result.status == "unavailable"
    assert {a: s.room_id for a, s in result.placements.items()} == {1: SMALL, 2: LARGE}
    assert find_conflicts(replace(snapshot, placements=result.placements)) == []


def test_suggest_schedule_with_nothing_to_place_keeps_the_schedule():
    placed = {1: Spot(SMALL, (11,))}
    result = solve(forum(Activity(1, attendance=30), placements=placed, rooms=TWO_ROOMS))
    assert result.placements == placed
    assert result.unplaced == {}
    assert result.status == "optimal"
