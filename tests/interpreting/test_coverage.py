"""Coverage: needs met and unmet per day and language pair, hours per interpreter,
and the CSV (neutralised against formulas, refused during a lockdown, audited)."""

import codecs
from datetime import time

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from app.audit.models import AuditEvent
from app.audit.services import AuditAction
from app.core.csv_files import read_csv
from app.extensions import db
from app.forums.models import TimeSlot
from app.interpreting.coverage import coverage_of, export_coverage
from app.safety.services import ExportRefused, start_lockdown
from tests.factories import make_user
from tests.interpreting.board_data import make_data
from tests.interpreting.factories import (
    make_assignment,
    make_interpreter,
    make_need,
    make_placed_session,
    unplace,
)


@pytest.fixture
def data(ctx):
    with force_locale("en"):
        yield make_data(slug="isf-coverage")


def _events(forum, action):
    query = sa.select(AuditEvent).where(
        AuditEvent.forum_id == forum.id, AuditEvent.action == str(action)
    )
    return list(db.session.scalars(query))


def _forum_with_work(data):
    """Day 1: a morning session (ar→en held, ar→ckb team of two with one), a noon
    one (ar→en open); day 2: ckb→en through ar (both legs held)."""
    aya = make_interpreter(data.forum, make_user(name="Aya"), directions=[("ar", "en")])
    zina = make_interpreter(data.forum, make_user(name="Zina"), directions=[("ar", "ckb")])
    omar = make_interpreter(
        data.forum, make_user(name="Omar"), directions=[("ckb", "ar"), ("ar", "en")]
    )
    make_interpreter(data.forum, make_user(name="Idle"))
    morning = make_placed_session(data.forum, data.hall, data.morning)
    make_assignment(make_need(morning, "ar", "en", channel=1), aya)
    make_assignment(make_need(morning, "ar", "ckb", channel=2, team_size=2), zina)
    noon = make_placed_session(data.forum, data.hall, data.noon)
    make_need(noon, "ar", "en")
    later = make_placed_session(data.forum, data.small, data.day2)
    relay = make_need(later, "ckb", "en", relay="ar", mode="consecutive")
    make_assignment(relay, omar)
    make_assignment(relay, aya)
    return aya, zina, omar


def test_needs_met_and_unmet_per_day_and_pair(data):
    _forum_with_work(data)
    other = make_data()
    make_need(make_placed_session(other.forum, other.hall, other.morning), "ar", "en")

    coverage = coverage_of(data.forum)

    first, second = coverage.days
    assert first.day == data.forum.days[0]
    rows = {(s, t): (x.needs, x.met, x.unmet, x.places, x.open) for s, t, x in first.pairs}
    assert rows == {("ar", "ckb"): (1, 0, 1, 2, 1), ("ar", "en"): (2, 1, 1, 2, 1)}
    assert (first.total.needs, first.total.met, first.total.open) == (3, 1, 2)
    assert [(s, t, x.places, x.met) for s, t, x in second.pairs] == [("ckb", "en", 2, 1)]
    assert (coverage.total.needs, coverage.total.met, coverage.total.unmet) == (4, 2, 2)


def test_hours_per_interpreter_per_day_and_in_all(data):
    _forum_with_work(data)
    day1, day2 = (day.id for day in data.forum.days)

    hours = {h.name: h for h in coverage_of(data.forum).hours}

    assert list(hours) == ["Aya", "Idle", "Omar", "Zina"]
    assert hours["Aya"].minutes_by_day == {day1: 90, day2: 90}
    assert (hours["Aya"].minutes, hours["Aya"].sessions) == (180, 2)
    assert hours["Zina"].minutes_by_day == {day1: 90}
    assert hours["Idle"].minutes == 0


def test_a_session_of_several_slots_counts_its_whole_length_once(data):
    extra = TimeSlot(starts_at=time(10, 30), ends_at=time(12), day_id=data.forum.days[1].id)
    db.session.add(extra)
    db.session.flush()
    session = make_placed_session(data.forum, data.hall, [data.day2, extra])
    both_ways = make_interpreter(data.forum, directions=[("ar", "en"), ("en", "ar")])
    make_assignment(make_need(session, "ar", "en"), both_ways)
    make_assignment(make_need(session, "en", "ar"), both_ways)
    (hours,) = coverage_of(data.forum).hours
    assert (hours.minutes, hours.sessions) == (180, 1)


def test_needs_of_sessions_no_longer_placed_do_not_count(data):
    session = make_placed_session(data.forum, data.hall, data.morning)
    make_assignment(make_need(session, "ar", "en"), make_interpreter(data.forum))
    unplace(session)
    coverage = coverage_of(data.forum)
    assert coverage.days == []
    assert coverage.total.needs == 0
    assert [h.minutes for h in coverage.hours] == [0]


def test_the_csv_has_pairs_days_and_hours_and_is_audited(data):
    _forum_with_work(data)
    result = export_coverage(data.coordinator, data.forum)

    assert result.content.startswith(codecs.BOM_UTF8)
    assert result.filename == "isf-coverage-interpreting-coverage.csv"
    table = read_csv(result.content.decode("utf-8-sig"))
    rows = [dict(zip(table.header, row.cells, strict=True)) for row in table.rows]
    assert len(rows) == result.rows
    pair = next(r for r in rows if r["kind"] == "pair" and r["target"] == "ckb")
    assert (pair["day"], pair["needs"], pair["met"], pair["places_open"]) == (
        "2027-03-01", "1", "0", "1",
    )  # fmt: skip
    total = next(r for r in rows if r["kind"] == "total")
    assert (total["needs"], total["met"], total["unmet"]) == ("4", "2", "2")
    aya = [r for r in rows if r["interpreter"] == "Aya"]
    assert [(r["day"], r["minutes"], r["hours"]) for r in aya] == [
        ("2027-03-01", "90", "1:30"),
        ("2027-03-02", "90", "1:30"),
        ("", "180", "3:00"),
    ]
    (event,) = _events(data.forum, AuditAction.PERSONAL_DATA_EXPORTED)
    assert event.details == {"kind": "interpreting-coverage", "rows": result.rows}


def test_formulas_in_names_are_neutralised(data):
    session = make_placed_session(data.forum, data.hall, data.morning)
    make_assignment(make_need(session), make_interpreter(data.forum, make_user(name="=1+2")))
    make_interpreter(data.forum, make_user(name='@HYPERLINK("http://evil")'))
    text = export_coverage(data.coordinator, data.forum).content.decode("utf-8-sig")
    assert "'=1+2" in text
    assert "'@HYPERLINK" in text


def test_the_csv_is_refused_during_a_lockdown(data):
    start_lockdown(make_user(), data.forum)
    with pytest.raises(ExportRefused):
        export_coverage(data.coordinator, data.forum)
    assert _events(data.forum, AuditAction.PERSONAL_DATA_EXPORTED) == []
    assert len(_events(data.forum, AuditAction.EXPORT_REFUSED)) == 1
