"""A shift is never overbooked, whatever the load, on PostgreSQL.

Many volunteers take one shift at the same moment, each in its own thread,
connection and transaction, released together by a barrier. With the shift's row
lock exactly as many get it as it has places and the others are refused FULL;
without the lock (the negative control) the same race overbooks, which proves the
test can see a race. One volunteer taking one shift many times at once ends with
one sign-up (the lock, and under it the unique constraint).

Runs only with TEST_DATABASE_URL=postgresql://…; the data is committed for real
(no rolled-back transaction) and deleted at the end.
"""

import os
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask_sqlalchemy.session import Session as FlaskSession

from app.accounts.models import User
from app.extensions import db
from app.forums.models import Forum
from app.volunteers import taking
from app.volunteers.models import Shift, ShiftSignup, Volunteer
from app.volunteers.taking import ShiftIssue, ShiftProblem, ShiftRefused, take_shift
from tests import factories
from tests.volunteers.factories import make_day, make_shift, make_team, make_volunteer

POSTGRES = os.environ.get("TEST_DATABASE_URL", "").startswith("postgres")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.no_db_isolation,
    pytest.mark.skipif(
        not POSTGRES, reason="needs PostgreSQL: set TEST_DATABASE_URL=postgresql://… to race"
    ),
]

TAKERS = 50
PLACES = 5
REPETITIONS = 20
SAME_VOLUNTEER_ATTEMPTS = 20
NOW = datetime(2030, 4, 1, tzinfo=UTC)
FIRST_DAY = date(2030, 5, 1)
# The negative control waits this long between counting and inserting, so that
# without the lock the racers certainly all count before any of them commits.
WIDENED_WINDOW_SECONDS = 0.02


class _EngineBoundSession(FlaskSession):
    """Every session of the race uses the wide engine below (Flask-SQLAlchemy's own
    pool holds too few connections for fifty takers at once)."""

    def get_bind(self, *args, **kwargs):
        return self.bind


@pytest.fixture(scope="module")
def wide_session(app):
    with app.app_context():
        engine = sa.create_engine(
            db.engine.url, pool_size=TAKERS + 5, max_overflow=0, pool_timeout=30
        )
    original = db.session
    db.session = db._make_scoped_session({"class_": _EngineBoundSession, "bind": engine})
    try:
        yield
    finally:
        with app.app_context():
            db.session.remove()
        db.session = original
        engine.dispose()


def _make_race_data() -> dict:
    tag = uuid.uuid4().hex[:8]
    forum = factories.make_forum(slug=f"shift-race-{tag}", timezone="Asia/Baghdad")
    team = make_team(forum)
    users = [factories.make_user(email=f"taker-{n}-{tag}@example.org") for n in range(TAKERS)]
    volunteers = [make_volunteer(forum, user) for user in users]
    # One shift per race, each on its own day, so that races share no sign-up and
    # a winner of one race is not refused the next for overlapping it.
    shifts = [
        make_shift(team, make_day(forum, FIRST_DAY + timedelta(days=n)), "09:00", "12:00", PLACES)
        for n in range(2 * REPETITIONS + 2)
    ]
    db.session.commit()
    return {
        "forum_id": forum.id,
        "user_ids": [user.id for user in users],
        "volunteer_ids": [volunteer.id for volunteer in volunteers],
        "shift_ids": [shift.id for shift in shifts],
    }


@pytest.fixture(scope="module")
def race_data(app, wide_session):
    with app.app_context():
        data = _make_race_data()
        db.session.remove()
    yield data
    with app.app_context():
        db.session.rollback()
        # Days, teams, volunteers, shifts and sign-ups go with the forum.
        db.session.execute(sa.delete(Forum).where(Forum.id == data["forum_id"]))
        db.session.execute(sa.delete(User).where(User.id.in_(data["user_ids"])))
        db.session.commit()
        db.session.remove()


def _take(app, shift_id, volunteer_id, lock, start, outcomes, turn):
    with app.app_context():
        try:
            volunteer = db.session.get(Volunteer, volunteer_id)
            shift = db.session.get(Shift, shift_id)
            user = volunteer.user
            start.wait(timeout=30)
            take_shift(volunteer, shift, now=NOW, by=user, lock=lock)
            db.session.commit()
            outcomes[turn] = "taken"
        except Exception as error:  # reported by the test, not lost in the thread
            db.session.rollback()
            outcomes[turn] = error
        finally:
            db.session.remove()


def race(app, shift_id: int, volunteer_ids: list[int], *, lock: bool = True) -> dict:
    """Every volunteer of ``volunteer_ids`` takes the shift at once (one thread
    each); returns each one's outcome and the sign-ups the database holds after."""
    start, outcomes = threading.Barrier(len(volunteer_ids)), {}
    threads = [
        threading.Thread(
            target=_take, args=(app, shift_id, volunteer_id, lock, start, outcomes, turn)
        )
        for turn, volunteer_id in enumerate(volunteer_ids)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with app.app_context():
        signups = list(
            db.session.scalars(
                sa.select(ShiftSignup.volunteer_id).where(ShiftSignup.shift_id == shift_id)
            )
        )
        db.session.remove()
    return {"outcomes": [outcomes.get(turn) for turn in range(len(threads))], "signups": signups}


def refused_with(outcome, problem: ShiftProblem) -> bool:
    return isinstance(outcome, ShiftRefused) and outcome.issues == [ShiftIssue(problem)]


def test_fifty_volunteers_taking_five_places_at_once_fill_exactly_five(app, race_data):
    for repetition in range(REPETITIONS):
        shift_id = race_data["shift_ids"][repetition]

        result = race(app, shift_id, race_data["volunteer_ids"])

        outcomes = result["outcomes"]
        assert outcomes.count("taken") == PLACES, (repetition, result)
        others = [outcome for outcome in outcomes if outcome != "taken"]
        assert all(refused_with(outcome, ShiftProblem.FULL) for outcome in others), (
            repetition,
            Counter(repr(outcome) for outcome in others),
        )
        assert len(result["signups"]) == PLACES, (repetition, result["signups"])
        winners = [
            v for v, o in zip(race_data["volunteer_ids"], outcomes, strict=True) if o == "taken"
        ]
        assert sorted(result["signups"]) == sorted(winners)


def test_without_the_lock_the_same_race_overbooks(app, race_data, monkeypatch):
    """The negative control: if this ever fails, the test above proves nothing."""
    monkeypatch.setattr(
        taking, "_between_count_and_insert", lambda: time.sleep(WIDENED_WINDOW_SECONDS)
    )
    taken = []
    for repetition in range(REPETITIONS):
        shift_id = race_data["shift_ids"][REPETITIONS + repetition]

        result = race(app, shift_id, race_data["volunteer_ids"], lock=False)

        taken.append(len(result["signups"]))
        if taken[-1] > PLACES:
            break
    assert max(taken) > PLACES, taken


@pytest.mark.parametrize("lock", [True, False], ids=["locked", "unique-constraint-alone"])
def test_one_volunteer_taking_one_shift_twenty_times_at_once_holds_it_once(app, race_data, lock):
    shift_id = race_data["shift_ids"][2 * REPETITIONS + (0 if lock else 1)]
    volunteer_id = race_data["volunteer_ids"][0]

    result = race(app, shift_id, [volunteer_id] * SAME_VOLUNTEER_ATTEMPTS, lock=lock)

    outcomes = result["outcomes"]
    assert outcomes.count("taken") == 1, result
    others = [outcome for outcome in outcomes if outcome != "taken"]
    assert all(refused_with(outcome, ShiftProblem.ALREADY_TAKEN) for outcome in others), Counter(
        repr(outcome) for outcome in others
    )
    assert result["signups"] == [volunteer_id]
