"""The volunteer's sign-up pages through HTTP: the form (errors kept), the status,
the window's dates, editing, withdrawing, and the forum page's link."""

import re

import pytest

from app.extensions import db
from app.volunteers.models import ShiftSignup, VolunteerStatus
from tests.helpers import csrf_token, log_in, post_form
from tests.volunteers.test_volunteer_views import (
    MINE,
    PHONE_KEPT,
    PHONE_SHOWN,
    SHIFTS,
    SIGN_UP,
    become_volunteer,
    day,
    form_data,
    hold_shift,
    make_setting,
    the_volunteer,
)


def test_visitors_are_asked_to_log_in(app, client):
    make_setting(app)
    response = client.get(SIGN_UP)
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]


def test_the_sign_up_form_offers_the_days_and_keeps_what_was_typed(app, client):
    ids = make_setting(app)
    log_in(client, ids["email"])
    page = client.get(SIGN_UP).get_data(as_text=True)
    assert page.count('type="checkbox" value="y"') == 3  # one per day
    assert 'name="phone"' in page
    assert 'type="tel"' in page
    response = post_form(
        client,
        SIGN_UP,
        form_data(ids, phone="12", languages=[], **{"days-1-ends_at": "10:00"}),
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This is not a phone number we can use" in body
    assert "Tick at least one language you speak." in body
    assert "The end time must be after the start time." in body
    assert 'value="12"' in body
    assert 'value="14:00"' in body
    assert 'value="10:00"' in body
    assert the_volunteer(app, ids) is None


def test_signing_up_leaves_the_volunteer_pending_and_says_so(app, client):
    ids = make_setting(app)
    log_in(client, ids["email"])
    response = post_form(client, SIGN_UP, form_data(ids))
    assert response.status_code == 302
    assert response.headers["Location"] == SIGN_UP
    volunteer = the_volunteer(app, ids)
    assert volunteer.status is VolunteerStatus.PENDING
    assert volunteer.phone == PHONE_KEPT
    page = client.get(SIGN_UP).get_data(as_text=True)
    assert "A coordinator will look at your offer" in page
    assert PHONE_SHOWN in page  # the volunteer sees their own phone
    shifts = client.get(SHIFTS).get_data(as_text=True)
    assert "A coordinator will look at your offer" in shifts
    assert "Guides" in shifts
    assert ">Take</button>" not in shifts


def test_with_auto_approve_the_volunteer_goes_to_the_shifts(app, client):
    ids = make_setting(app, auto_approve=True)
    log_in(client, ids["email"])
    response = post_form(client, SIGN_UP, form_data(ids))
    assert response.headers["Location"] == SHIFTS
    assert the_volunteer(app, ids).status is VolunteerStatus.APPROVED


@pytest.mark.parametrize(
    ("window", "words"),
    [((3, 8), "opens on"), ((-8, -3), "was open from"), (None, "are not set yet")],
)
def test_outside_the_window_the_page_says_why_with_the_dates(app, client, window, words):
    ids = make_setting(app, window=window)
    log_in(client, ids["email"])
    page = client.get(SIGN_UP).get_data(as_text=True)
    assert words in page
    assert 'name="phone"' not in page
    if window:
        assert day(window[1]).isoformat() in page
    response = post_form(client, SIGN_UP, form_data(ids), page_url="/account/")
    assert response.status_code == 200
    assert the_volunteer(app, ids) is None


def test_a_volunteer_edits_their_details_which_are_shown_filled_in(app, client):
    ids = make_setting(app)
    become_volunteer(app, ids, phone=PHONE_KEPT, languages=["ckb"], skills=["it"])
    log_in(client, ids["email"])
    page = client.get(SIGN_UP).get_data(as_text=True)
    assert f'value="{PHONE_SHOWN}"' in page
    assert re.search(r'checked[^>]*value="ckb"|value="ckb"[^>]*checked', page)
    response = post_form(client, SIGN_UP, form_data(ids, phone="", contact_preference="email"))
    assert response.headers["Location"] == SIGN_UP
    volunteer = the_volunteer(app, ids)
    assert volunteer.phone is None
    assert volunteer.status is VolunteerStatus.APPROVED
    assert volunteer.languages == ["ar", "en"]


def test_withdrawing_asks_first_then_drops_the_future_shifts(app, client):
    ids = make_setting(app)
    volunteer_id = become_volunteer(app, ids)
    signup_id = hold_shift(app, ids, volunteer_id, "morning")
    log_in(client, ids["email"])
    confirm = post_form(client, "/isf-4/volunteer/withdraw", {}, page_url=SIGN_UP)
    assert confirm.status_code == 200
    assert "Stop volunteering for this forum?" in confirm.get_data(as_text=True)
    assert the_volunteer(app, ids).status is VolunteerStatus.APPROVED
    done = client.post(
        "/isf-4/volunteer/withdraw", data={"csrf_token": csrf_token(confirm), "confirm": "yes"}
    )
    assert done.status_code == 302
    assert the_volunteer(app, ids).status is VolunteerStatus.WITHDRAWN
    with app.app_context():
        assert db.session.get(ShiftSignup, signup_id) is None
    assert client.get(MINE).status_code == 302


def test_the_forum_page_links_to_volunteering_while_it_is_open(app, client):
    ids = make_setting(app)
    log_in(client, ids["email"])
    page = client.get("/isf-4/").get_data(as_text=True)
    assert 'href="/isf-4/volunteer/"' in page
    assert 'href="/isf-4/interpreting/"' in page


def test_the_forum_page_has_no_volunteering_link_outside_the_window(app, client):
    ids = make_setting(app, window=(3, 8))
    log_in(client, ids["email"])
    assert 'href="/isf-4/volunteer/"' not in client.get("/isf-4/").get_data(as_text=True)
