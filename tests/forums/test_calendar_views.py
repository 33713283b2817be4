"""The organizer's days-and-time-slots screens, through the pages."""

import re
from datetime import date, time

import pytest
import sqlalchemy as sa

from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums import calendar
from app.forums.models import Day, SlotKind, TimeSlot
from tests import factories
from tests.helpers import csrf_token, log_in, post_form

CALENDAR = "/isf-4-cal/staff/calendar"
OTHER_FORUMS_TIME = "07:15"  # only the second forum has a slot at this time


@pytest.fixture
def setting(app):
    with app.app_context():
        forum = factories.make_forum(
            slug="isf-4-cal",
            name_en="4th Iraqi Social Forum",
            start_date=date(2017, 11, 30),
            end_date=date(2017, 12, 2),
        )
        calendar.sync_days(forum)
        najaf = factories.make_forum(
            slug="najaf-cal", start_date=date(2017, 10, 5), end_date=date(2017, 10, 5)
        )
        calendar.sync_days(najaf)
        calendar.add_slot(najaf.days[0], calendar.SlotSpec(time(7, 15), time(8, 45)))
        organizer = factories.make_user()
        secret = factories.enable_two_factor(organizer)
        factories.grant_role(organizer, forum, ForumRoleName.ORGANIZER)
        reviewer = factories.make_user()
        factories.grant_role(reviewer, forum, ForumRoleName.REVIEWER)
        db.session.commit()
        return {
            "organizer": (organizer.email, secret),
            "reviewer": (reviewer.email, None),
            "days": [day.id for day in forum.days],
            "other_day": najaf.days[0].id,
            "other_slot": najaf.days[0].slots[0].id,
        }


def _client(app, setting, who="organizer"):
    client = app.test_client()
    email, secret = setting[who]
    log_in(client, email, totp_secret=secret)
    return client


@pytest.fixture
def organizer(app, setting):
    return _client(app, setting)


def _slots(app, day_id):
    with app.app_context():
        day = db.session.get(Day, day_id)
        return [(f"{s.starts_at:%H:%M}", f"{s.ends_at:%H:%M}", s.kind) for s in day.slots]


def _apply_pattern(app, setting):
    with app.app_context():
        days = list(db.session.scalars(sa.select(Day).where(Day.id.in_(setting["days"]))))
        calendar.apply_pattern(days[0].forum, calendar.DEFAULT_PATTERN)
        db.session.commit()


def _slot_id(app, day_id, starts_at):
    with app.app_context():
        return db.session.scalar(
            sa.select(TimeSlot.id).where(TimeSlot.day_id == day_id, TimeSlot.starts_at == starts_at)
        )


def _errors_of(page, field):
    match = re.search(rf'id="{field}-errors"[^>]*>(.*?)</div>\s*</div>', page, re.S)
    return match.group(1) if match else ""


def test_the_standard_pattern_gives_three_days_four_slots_and_a_break(app, setting, organizer):
    response = post_form(organizer, f"{CALENDAR}/pattern", {"apply": "yes"}, page_url=CALENDAR)
    page = organizer.get(CALENDAR).get_data(as_text=True)

    assert response.headers["Location"] == CALENDAR
    for day_id in setting["days"]:
        kinds = [kind for *_times, kind in _slots(app, day_id)]
        assert kinds.count(SlotKind.SESSION) == 4
        assert kinds.count(SlotKind.BREAK) == 1
    assert "Every day now has the standard slots and breaks." in page
    # once in the pattern's description, then once on each of the 3 days
    assert page.count("Lunch and prayer break") == 4
    assert page.count('datetime="2017-12-02T09:00"') == 1
    assert "Asia/Baghdad" in page
    assert OTHER_FORUMS_TIME not in page


def test_a_post_without_the_button_changes_nothing(app, setting, organizer):
    token = csrf_token(organizer.get(CALENDAR))
    for url in (f"{CALENDAR}/pattern", f"{CALENDAR}/days/{setting['days'][0]}/copy"):
        response = organizer.post(url, data={"csrf_token": token})
        assert response.headers["Location"] == CALENDAR
    assert all(_slots(app, day_id) == [] for day_id in setting["days"])


def test_an_organizer_adds_a_slot_to_one_day(app, setting, organizer):
    day_id = setting["days"][1]
    url = f"{CALENDAR}/days/{day_id}/slots/new"

    response = post_form(
        organizer, url, {"starts_at": "18:00", "ends_at": "19:30", "kind": "session"}
    )

    assert response.status_code == 302
    assert _slots(app, day_id) == [("18:00", "19:30", SlotKind.SESSION)]
    assert _slots(app, setting["days"][0]) == []
    assert 'datetime="2017-12-01T18:00"' in organizer.get(CALENDAR).get_data(as_text=True)


def test_an_overlapping_slot_is_refused_beside_the_field_keeping_the_times(app, setting, organizer):
    _apply_pattern(app, setting)
    day_id = setting["days"][0]

    response = post_form(
        organizer,
        f"{CALENDAR}/days/{day_id}/slots/new",
        {"starts_at": "10:45", "ends_at": "11:30", "kind": "session"},
    )
    page = response.get_data(as_text=True)

    assert response.status_code == 200
    assert "overlaps \u206611:00–12:30\u2069" in _errors_of(page, "starts_at")
    assert 'value="10:45"' in page
    assert 'value="11:30"' in page
    assert len(_slots(app, day_id)) == 5


def test_a_break_without_a_label_is_refused_and_ends_come_after_starts(app, setting, organizer):
    url = f"{CALENDAR}/days/{setting['days'][0]}/slots/new"

    unnamed = post_form(organizer, url, {"starts_at": "12:30", "ends_at": "14:00", "kind": "break"})
    backwards = post_form(
        organizer, url, {"starts_at": "12:30", "ends_at": "12:00", "kind": "session"}
    )

    assert "needs a label" in _errors_of(unnamed.get_data(as_text=True), "kind")
    assert "ends after it starts" in _errors_of(backwards.get_data(as_text=True), "ends_at")
    assert _slots(app, setting["days"][0]) == []


def test_an_organizer_edits_a_slot_of_one_day(app, setting, organizer):
    _apply_pattern(app, setting)
    day_id = setting["days"][2]
    slot_id = _slot_id(app, day_id, time(16))
    url = f"{CALENDAR}/slots/{slot_id}"

    form_page = organizer.get(url).get_data(as_text=True)
    response = post_form(
        organizer,
        url,
        {"starts_at": "16:00", "ends_at": "18:00", "kind": "session", "label_ar": "الختام"},
    )

    assert 'value="16:00"' in form_page
    assert 'value="17:30"' in form_page
    assert response.status_code == 302
    assert _slots(app, day_id)[-1] == ("16:00", "18:00", SlotKind.SESSION)
    assert _slots(app, setting["days"][0])[-1] == ("16:00", "17:30", SlotKind.SESSION)
    assert "الختام" in organizer.get(CALENDAR).get_data(as_text=True)


def test_an_organizer_copies_one_day_onto_the_others(app, setting, organizer):
    first, *others = setting["days"]
    post_form(
        organizer,
        f"{CALENDAR}/days/{first}/slots/new",
        {"starts_at": "10:00", "ends_at": "12:00", "kind": "session"},
    )

    response = post_form(organizer, f"{CALENDAR}/days/{first}/copy", {"copy": "yes"}, CALENDAR)

    assert response.headers["Location"] == CALENDAR
    assert all(_slots(app, day_id) == _slots(app, first) for day_id in others)


def test_removing_a_slot_asks_first(app, setting, organizer):
    _apply_pattern(app, setting)
    day_id = setting["days"][0]
    slot_id = _slot_id(app, day_id, time(11))
    url = f"{CALENDAR}/slots/{slot_id}/delete"

    question = organizer.get(url).get_data(as_text=True)
    token = csrf_token(organizer.get(url))
    unconfirmed = organizer.post(url, data={"csrf_token": token})
    assert len(_slots(app, day_id)) == 5
    confirmed = organizer.post(url, data={"csrf_token": token, "confirm": "yes"})

    assert "Remove the slot \u206611:00–12:30\u2069" in question
    assert unconfirmed.status_code == 200
    assert confirmed.headers["Location"] == CALENDAR
    assert ("11:00", "12:30", SlotKind.SESSION) not in _slots(app, day_id)
    assert len(_slots(app, setting["days"][1])) == 5


@pytest.fixture
def slot_in_use(app, setting):
    _apply_pattern(app, setting)
    slot_id = _slot_id(app, setting["days"][0], time(9))

    def sessions(ids):
        return {slot_id: ["session: Save the Tigris"]} if slot_id in ids else {}

    with calendar.registered_slot_usage("test-sessions", sessions):
        yield slot_id


def test_a_slot_in_use_cannot_be_removed_and_the_page_names_the_use(
    app, setting, organizer, slot_in_use
):
    url = f"{CALENDAR}/slots/{slot_in_use}/delete"

    asked = organizer.get(url)
    forced = organizer.post(
        url, data={"csrf_token": csrf_token(organizer.get(CALENDAR)), "confirm": "yes"}
    )
    page = organizer.get(CALENDAR).get_data(as_text=True)

    assert asked.headers["Location"] == CALENDAR
    assert forced.headers["Location"] == CALENDAR
    assert _slot_id(app, setting["days"][0], time(9)) == slot_in_use
    assert "cannot be removed" in page
    assert "Save the Tigris" in page
    assert f"/slots/{slot_in_use}/delete" not in page


def test_a_slot_in_use_keeps_its_times_but_may_be_renamed(app, setting, organizer, slot_in_use):
    url = f"{CALENDAR}/slots/{slot_in_use}"

    moved = post_form(organizer, url, {"starts_at": "09:30", "ends_at": "10:30", "kind": "session"})
    renamed = post_form(
        organizer,
        url,
        {"starts_at": "09:00", "ends_at": "10:30", "kind": "session", "label_en": "Opening"},
    )

    errors = _errors_of(moved.get_data(as_text=True), "starts_at")
    assert "Save the Tigris" in errors
    assert 'value="09:30"' in moved.get_data(as_text=True)
    assert renamed.status_code == 302
    assert _slots(app, setting["days"][0])[0][:2] == ("09:00", "10:30")


def test_a_forum_without_dates_says_where_to_set_them(app, setting, organizer):
    with app.app_context():
        forum = db.session.get(Day, setting["days"][0]).forum
        forum.start_date = forum.end_date = None
        calendar.sync_days(forum)
        db.session.commit()

    page = organizer.get(CALENDAR).get_data(as_text=True)

    assert "no dates yet" in page
    assert 'href="/isf-4-cal/staff/settings"' in page


def test_reviewers_may_not_change_the_calendar(app, setting):
    reviewer = _client(app, setting, "reviewer")
    day_id = setting["days"][0]

    assert reviewer.get(CALENDAR).status_code == 403
    assert reviewer.get(f"{CALENDAR}/days/{day_id}/slots/new").status_code == 403


def test_another_forums_days_and_slots_are_not_found(app, setting, organizer):
    token = csrf_token(organizer.get(CALENDAR))
    other_day, other_slot = setting["other_day"], setting["other_slot"]

    for url in (
        f"{CALENDAR}/days/{other_day}/slots/new",
        f"{CALENDAR}/slots/{other_slot}",
        f"{CALENDAR}/slots/{other_slot}/delete",
    ):
        assert organizer.get(url).status_code == 404, url
    copy = organizer.post(f"{CALENDAR}/days/{other_day}/copy", data={"csrf_token": token})
    remove = organizer.post(
        f"{CALENDAR}/slots/{other_slot}/delete", data={"csrf_token": token, "confirm": "yes"}
    )

    assert (copy.status_code, remove.status_code) == (404, 404)
    assert _slot_id(app, other_day, time(7, 15)) == other_slot
