"""The volunteers' shift pages through HTTP: free shifts, taking (refusals in
words), my shifts, dropping; the calendar feed and its new address; Arabic right
to left; and no volunteer reaching another's data. The setting here serves the
sign-up pages' tests too (test_signup_views.py)."""

import re
from datetime import timedelta

import sqlalchemy as sa

from app.core.db import utcnow
from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.listing import local_today
from app.forums.models import ForumStatus
from app.volunteers.models import (
    Shift,
    ShiftSignup,
    Volunteer,
    VolunteeringPolicy,
    VolunteerStatus,
)
from tests import factories
from tests.helpers import csrf_token, log_in, post_form
from tests.volunteers.factories import make_shift, make_signup, make_team, make_volunteer

PHONE_TYPED, PHONE_SHOWN, PHONE_KEPT = "0770 123 4567", "+964 770 123 4567", "+9647701234567"
SIGN_UP = "/isf-4/volunteer/"
SHIFTS = "/isf-4/volunteer/shifts"
MINE = "/isf-4/volunteer/my-shifts"


def day(offset: int):
    return local_today("Asia/Baghdad", utcnow()) + timedelta(days=offset)


def make_setting(app, window=(-5, 5), auto_approve=False, locale="en") -> dict:
    """Forum isf-4 (days 20 to 22 days from now, volunteering around today), a signed-up
    user (not yet a volunteer), a team with shifts, and a second forum's shift."""
    with app.app_context():
        fields = (
            {"volunteering_opens": day(window[0]), "volunteering_closes": day(window[1])}
            if window
            else {}
        )
        forum = factories.make_forum(
            slug="isf-4", status=ForumStatus.OPEN, name_en="ISF 4", timezone="Asia/Baghdad",
            start_date=day(20), end_date=day(22), **fields,
        )  # fmt: skip
        sync_days(forum)
        if auto_approve:
            db.session.add(VolunteeringPolicy(forum_id=forum.id, auto_approve=True))
        user = factories.make_user(locale=locale)
        team = make_team(forum, name_en="Guides", name_ar="المرشدون")
        morning = make_shift(team, forum.days[0], "09:00", "12:00", places=2, area="Gate")
        overlapping = make_shift(team, forum.days[0], "11:00", "13:00", area="Hall")
        later = make_shift(team, forum.days[1], "09:00", "12:00", area="Gate")
        elsewhere = factories.make_forum(
            slug="najaf", status=ForumStatus.OPEN, start_date=day(20), end_date=day(20)
        )
        sync_days(elsewhere)
        foreign = make_shift(make_team(elsewhere), elsewhere.days[0], "09:00", "10:00")
        db.session.commit()
        ids = {
            "user": user.id,
            "email": user.email,
            "days": [d.id for d in forum.days],
            "morning": morning.id,
            "overlapping": overlapping.id,
            "later": later.id,
            "foreign": foreign.id,
            "forum": forum.id,
        }
    return ids


def become_volunteer(app, ids, status=VolunteerStatus.APPROVED, **fields) -> int:
    with app.app_context():
        forum = db.session.get(factories.Forum, ids["forum"])
        user = db.session.get(factories.User, ids["user"])
        volunteer = make_volunteer(forum, user, status=status, feed_nonce="5" * 32, **fields)
        db.session.commit()
        return volunteer.id


def form_data(ids, **fields) -> dict:
    data = {
        "languages": ["ar", "en"],
        "skills": ["first_aid"],
        "phone": PHONE_TYPED,
        "contact_preference": "whatsapp",
        "notes": "",
    }
    for index, day_id in enumerate(ids["days"]):
        data[f"days-{index}-day_id"] = str(day_id)
    data["days-0-available"] = "y"
    data["days-1-available"] = "y"
    data["days-1-starts_at"] = "14:00"
    return {**data, **fields}


def the_volunteer(app, ids) -> Volunteer | None:
    with app.app_context():
        return db.session.scalar(
            sa.select(Volunteer).where(
                Volunteer.user_id == ids["user"], Volunteer.forum_id == ids["forum"]
            )
        )


def hold_shift(app, ids, volunteer_id: int, shift_key: str) -> int:
    with app.app_context():
        shift = db.session.get(Shift, ids[shift_key])
        signup = make_signup(shift, db.session.get(Volunteer, volunteer_id))
        db.session.commit()
        return signup.id


def test_taking_a_shift_then_being_refused_an_overlapping_one_in_words(app, client):
    ids = make_setting(app)
    become_volunteer(app, ids)
    log_in(client, ids["email"])
    page = client.get(SHIFTS).get_data(as_text=True)
    assert "2 places free" in page
    assert "Gate" in page
    taken = post_form(client, f"/isf-4/volunteer/shifts/{ids['morning']}/take", {}, page_url=SHIFTS)
    assert taken.status_code == 302
    assert "It is yours" in client.get(taken.headers["Location"]).get_data(as_text=True)
    refused = post_form(
        client, f"/isf-4/volunteer/shifts/{ids['overlapping']}/take", {}, page_url=SHIFTS
    )
    assert f"refused={ids['overlapping']}" in refused.headers["Location"]
    body = client.get(refused.headers["Location"]).get_data(as_text=True)
    # At the top (flash) and on the shift itself.
    assert body.count("which overlaps this one") == 2
    assert "You cannot take Guides" in body
    mine = client.get(MINE).get_data(as_text=True)
    assert "Guides" in mine
    assert "Gate" in mine
    assert "Hall" not in mine


def test_another_forums_shift_cannot_be_taken_through_this_forum(app, client):
    ids = make_setting(app)
    become_volunteer(app, ids)
    log_in(client, ids["email"])
    response = post_form(
        client, f"/isf-4/volunteer/shifts/{ids['foreign']}/take", {}, page_url=SHIFTS
    )
    assert response.status_code == 404


def test_filters_keep_to_their_choice(app, client):
    ids = make_setting(app)
    become_volunteer(app, ids)
    log_in(client, ids["email"])
    body = client.get(f"{SHIFTS}?day={ids['days'][1]}").get_data(as_text=True)
    assert f"shift-{ids['later']}" in body
    assert f"shift-{ids['morning']}" not in body
    # A take from a filtered page comes back to it.
    response = post_form(
        client, f"/isf-4/volunteer/shifts/{ids['later']}/take?day={ids['days'][1]}", {},
        page_url=SHIFTS,
    )  # fmt: skip
    assert response.headers["Location"] == f"{SHIFTS}?day={ids['days'][1]}"


def test_dropping_asks_first_and_is_refused_after_the_cut_off(app, client):
    ids = make_setting(app)
    volunteer_id = become_volunteer(app, ids)
    signup_id = hold_shift(app, ids, volunteer_id, "morning")
    log_in(client, ids["email"])
    url = f"/isf-4/volunteer/my-shifts/{signup_id}/drop"
    confirm = post_form(client, url, {}, page_url=MINE)
    assert confirm.status_code == 200
    assert "Drop <bdi>Guides" in confirm.get_data(as_text=True)
    # The coordinators move the cut-off to 30 days: too late now.
    with app.app_context():
        db.session.merge(VolunteeringPolicy(forum_id=ids["forum"], drop_cutoff_hours=24 * 30))
        db.session.commit()
    refused = client.post(url, data={"csrf_token": csrf_token(confirm), "confirm": "yes"})
    assert refused.status_code == 302
    assert "past its cut-off" in client.get(MINE).get_data(as_text=True)
    with app.app_context():
        db.session.merge(VolunteeringPolicy(forum_id=ids["forum"], drop_cutoff_hours=24))
        db.session.commit()
    dropped = client.post(url, data={"csrf_token": csrf_token(confirm), "confirm": "yes"})
    assert dropped.headers["Location"] == MINE
    with app.app_context():
        assert db.session.get(ShiftSignup, signup_id) is None


def test_a_volunteer_never_reaches_another_volunteers_shifts_or_phone(app, client):
    ids = make_setting(app)
    become_volunteer(app, ids)
    with app.app_context():
        forum = db.session.get(factories.Forum, ids["forum"])
        other = make_volunteer(forum, phone=PHONE_KEPT, notes="Private note", feed_nonce="9" * 32)
        db.session.commit()
        other_id = other.id
    other_signup = hold_shift(app, ids, other_id, "morning")
    log_in(client, ids["email"])
    url = f"/isf-4/volunteer/my-shifts/{other_signup}/drop"
    assert post_form(client, url, {}, page_url=MINE).status_code == 404
    for page in (SIGN_UP, SHIFTS, MINE):
        body = client.get(page).get_data(as_text=True)
        assert PHONE_SHOWN not in body
        assert PHONE_KEPT not in body
        assert "Private note" not in body
    with app.app_context():
        assert db.session.get(ShiftSignup, other_signup) is not None


def _feed_url(client) -> str:
    page = client.get(MINE).get_data(as_text=True)
    match = re.search(r'id="calendar-address"[^>]*value="http://localhost([^"]+)"', page)
    assert match, "no calendar address on my shifts"
    return match.group(1)


def test_the_calendar_feed_works_without_signing_in_until_a_new_address(app, client):
    ids = make_setting(app)
    volunteer_id = become_volunteer(app, ids)
    hold_shift(app, ids, volunteer_id, "morning")
    log_in(client, ids["email"])
    address = _feed_url(client)
    calendar_app = app.test_client()
    response = calendar_app.get(address)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "Set-Cookie" not in response.headers
    assert b"BEGIN:VEVENT" in response.data
    assert b"SUMMARY:Guides" in response.data
    confirm = post_form(client, "/isf-4/volunteer/calendar/new-address", {}, page_url=MINE)
    assert "Give your calendar a new secret address?" in confirm.get_data(as_text=True)
    assert calendar_app.get(address).status_code == 200  # not yet
    client.post(
        "/isf-4/volunteer/calendar/new-address",
        data={"csrf_token": csrf_token(confirm), "confirm": "yes"},
    )
    assert calendar_app.get(address).status_code == 404
    new_address = _feed_url(client)
    assert new_address != address
    assert calendar_app.get(new_address).status_code == 200
    # Under another forum's address, the token finds nothing.
    assert calendar_app.get(new_address.replace("/isf-4/", "/najaf/")).status_code == 404


def test_the_calendar_downloads_once_as_a_file(app, client):
    ids = make_setting(app)
    volunteer_id = become_volunteer(app, ids)
    hold_shift(app, ids, volunteer_id, "later")
    log_in(client, ids["email"])
    response = client.get("/isf-4/volunteer/my-shifts.ics")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="shifts-isf-4.ics"'
    assert b"DTSTART;TZID=Asia/Baghdad:" in response.data


def test_non_volunteers_are_sent_to_sign_up(app, client):
    ids = make_setting(app)
    log_in(client, ids["email"])
    for url in (SHIFTS, MINE, "/isf-4/volunteer/my-shifts.ics"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"] == SIGN_UP


def test_the_pages_read_right_to_left_in_arabic(app, client):
    ids = make_setting(app, locale="ar")
    log_in(client, ids["email"])
    assert '<html lang="ar" dir="rtl">' in client.get(SIGN_UP).get_data(as_text=True)
    become_volunteer(app, ids)
    hold_shift(app, ids, the_volunteer(app, ids).id, "later")
    for url in (SHIFTS, MINE):
        body = client.get(url).get_data(as_text=True)
        assert '<html lang="ar" dir="rtl">' in body
        assert "المرشدون" in body
