"""Rosters as CSV: every shift with its volunteers, neutralised against formulas,
refused during a lockdown, audited."""

import codecs
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.audit.services import AuditAction
from app.core.csv_files import read_csv
from app.extensions import db
from app.safety.services import ExportRefused, start_lockdown
from app.volunteers.rosters import export_roster, shift_roster
from tests.factories import make_forum, make_user
from tests.volunteers.factories import make_day, make_shift, make_signup, make_team, make_volunteer


@pytest.fixture
def forum(ctx):
    return make_forum(slug="isf-roster")


@pytest.fixture
def coordinator(ctx):
    return make_user()


def _events(forum, action):
    query = sa.select(AuditEvent).where(
        AuditEvent.forum_id == forum.id, AuditEvent.action == str(action)
    )
    return list(db.session.scalars(query))


def test_the_roster_has_a_row_per_volunteer_and_one_for_an_empty_shift(forum, coordinator):
    team = make_team(forum, name_en="Stewards")
    day = make_day(forum, date(2030, 5, 10))
    shift = make_shift(team, day, "09:00", "12:00", places=2, area="Main entrance")
    volunteer = make_volunteer(forum, user=make_user(name="Aya"), phone="+9647701234567")
    make_signup(
        shift,
        volunteer,
        checked_in_at=datetime(2030, 5, 10, 6, 5, tzinfo=UTC),
        minutes_worked=150,
    )
    make_shift(team, day, "13:00", "14:00")
    make_shift(make_team(make_forum()), day, "09:00", "10:00")

    result = export_roster(coordinator, forum)

    assert result.content.startswith(codecs.BOM_UTF8)
    assert result.filename == "isf-roster-roster.csv"
    table = read_csv(result.content.decode("utf-8-sig"))
    rows = [dict(zip(table.header, row.cells, strict=True)) for row in table.rows]
    assert len(rows) == result.rows == 2
    assert rows[0]["volunteer"] == "Aya"
    assert rows[0]["place"] == "Main entrance"
    assert rows[0]["phone"] == "'+9647701234567"  # neutralised: a spreadsheet keeps the +
    assert (rows[0]["hours_worked"], rows[0]["minutes_worked"], rows[0]["no_show"]) == (
        "2:30",
        "150",
        "no",
    )
    assert rows[1]["volunteer"] == ""
    assert rows[1]["starts_at"] == "13:00"
    (event,) = _events(forum, AuditAction.PERSONAL_DATA_EXPORTED)
    assert event.details == {"kind": "volunteer-roster", "rows": 2}


def test_formulas_in_names_are_neutralised(forum, coordinator):
    team = make_team(forum, name_en='=HYPERLINK("http://evil")')
    shift = make_shift(team, make_day(forum, date(2030, 5, 10)), "09:00", "12:00")
    make_signup(shift, make_volunteer(forum, user=make_user(name="@SUM(A1)")))
    text = export_roster(coordinator, forum).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert "'@SUM(A1)" in text


def test_a_team_roster_has_its_shifts_only(forum, coordinator):
    team, other = make_team(forum), make_team(forum)
    day = make_day(forum, date(2030, 5, 10))
    make_shift(team, day, "09:00", "12:00")
    make_shift(other, day, "09:00", "12:00")
    result = export_roster(coordinator, forum, team)
    assert result.rows == 1
    assert result.filename == f"isf-roster-roster-team-{team.id}.csv"


def test_the_roster_is_refused_during_a_lockdown(forum, coordinator):
    start_lockdown(make_user(), forum)
    with pytest.raises(ExportRefused):
        export_roster(coordinator, forum)
    assert _events(forum, AuditAction.PERSONAL_DATA_EXPORTED) == []
    assert len(_events(forum, AuditAction.EXPORT_REFUSED)) == 1


def test_shift_roster_is_by_name(forum):
    shift = make_shift(make_team(forum), make_day(forum, date(2030, 5, 10)), "09:00", "12:00", 3)
    zina = make_signup(shift, make_volunteer(forum, user=make_user(name="Zina")))
    aya = make_signup(shift, make_volunteer(forum, user=make_user(name="Aya")))
    assert shift_roster(shift) == [aya, zina]
