"""The staff overview and a forum's settings, status and charter pages, through HTTP."""

import html
import re
from datetime import date, time

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums import calendar
from app.forums.models import CharterVersion, Forum, ForumStatus, Room, Theme, TimeSlot
from tests import factories
from tests.helpers import csrf_token, log_in, post_form

STAFF = "/isf-4/staff"


def _forum(app, slug="isf-4", status=ForumStatus.DRAFT, charter=False, **fields) -> int:
    with app.app_context():
        forum = factories.make_forum(
            slug=slug,
            status=status,
            name_en="Iraqi Social Forum",
            start_date=date(2017, 11, 30),
            end_date=date(2017, 12, 2),
            **fields,
        )
        calendar.sync_days(forum)
        if charter:
            forum.charters.append(CharterVersion(version=1, text_en="Charter of Principles"))
        db.session.commit()
        return forum.id


def _signed_in(app, forum_id: int, role=ForumRoleName.ORGANIZER):
    client = app.test_client()
    with app.app_context():
        user = factories.make_user()
        secret = factories.enable_two_factor(user)
        if forum_id is not None:
            factories.grant_role(user, db.session.get(Forum, forum_id), role)
        db.session.commit()
        email = user.email
    log_in(client, email, totp_secret=secret)
    return client


@pytest.fixture
def forum_id(app):
    return _forum(app)


@pytest.fixture
def organizer(app, forum_id):
    return _signed_in(app, forum_id)


def _forum_row(app, forum_id) -> dict:
    with app.app_context():
        forum = db.session.get(Forum, forum_id)
        return {
            "status": forum.status,
            "name_ar": forum.name_ar,
            "registration_closes": forum.registration_closes,
            "days": [day.date for day in forum.days],
            "charters": [c.version for c in forum.charters],
            "country": forum.country,
            "languages": forum.languages,
        }


SETTINGS = {
    "name_ar": "المنتدى الاجتماعي العراقي الرابع",
    "name_ckb": "",
    "name_en": "4th Iraqi Social Forum",
    "slogan_ar": "",
    "slogan_ckb": "",
    "slogan_en": "Rights … Peace",
    "number": "4",
    "city": "Baghdad",
    "governorate": "baghdad",
    "country": "",
    "venue": "Al-Mansour hotel",
    "address": "",
    "timezone": "Asia/Baghdad",
    "start_date": "2017-11-30",
    "end_date": "2017-12-03",
    "registration_opens": "2017-10-01",
    "registration_closes": "2017-11-25",
    "proposals_open": "2017-10-01",
    "proposals_close": "2017-11-10",
    "volunteering_opens": "",
    "volunteering_closes": "",
    "languages": ["ar", "ckb", "en"],
    "max_delegates_per_organization": "5",
    "max_activities_per_organization": "3",
    "retention_days": "60",
}


def _errors_of(page: str, field: str) -> str:
    """The error text shown beside a field (empty when it has none)."""
    match = re.search(rf'id="{field}-errors"[^>]*>(.*?)</div>\s*</div>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))) if match else ""


def test_an_organizer_saves_the_settings_and_days_follow_the_dates(app, forum_id, organizer):
    response = post_form(organizer, f"{STAFF}/settings", SETTINGS)

    assert response.headers["Location"] == f"{STAFF}/settings"
    page = organizer.get(f"{STAFF}/settings").get_data(as_text=True)
    assert "Settings saved." in page
    assert 'value="4th Iraqi Social Forum"' in page
    row = _forum_row(app, forum_id)
    assert row["name_ar"] == "المنتدى الاجتماعي العراقي الرابع"
    assert row["days"][-1] == date(2017, 12, 3)
    assert len(row["days"]) == 4
    assert row["registration_closes"] == date(2017, 11, 25)
    with app.app_context():
        event = db.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action == "forum_settings_changed")
        ).one()
        assert event.forum_id == forum_id
        assert event.details["end_date"] is True
        assert "Baghdad" not in str(event.details)


def test_the_settings_form_shows_the_current_settings(app, forum_id, organizer):
    page = organizer.get(f"{STAFF}/settings").get_data(as_text=True)
    assert 'value="Iraqi Social Forum"' in page
    assert 'value="2017-11-30"' in page
    assert 'value="Asia/Baghdad"' in page
    assert 'dir="rtl" id="name_ar" lang="ar"' in page
    assert 'dir="rtl" id="name_ckb" lang="ckb"' in page
    assert 'dir="ltr" id="name_en" lang="en"' in page
    assert '<option value="abroad">Outside Iraq</option>' in page
    assert 'list="time-zones"' in page


def test_bad_dates_are_explained_beside_the_field_and_the_input_kept(app, forum_id, organizer):
    data = {**SETTINGS, "end_date": "2017-12-02", "registration_closes": "2017-12-05"}
    response = post_form(organizer, f"{STAFF}/settings", data)

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Registration must close by the forum's last day (December 2, 2017)." in _errors_of(
        page, "registration_closes"
    )
    assert 'value="2017-12-05"' in page
    assert 'value="4th Iraqi Social Forum"' in page
    assert _errors_of(page, "proposals_close") == ""
    assert _forum_row(app, forum_id)["registration_closes"] is None


def test_a_window_closing_before_it_opens_and_a_backwards_forum(app, forum_id, organizer):
    data = {
        **SETTINGS,
        "end_date": "2017-11-29",
        "proposals_open": "2017-11-10",
        "proposals_close": "2017-11-01",
        "volunteering_opens": "2017-11-01",
    }
    page = post_form(organizer, f"{STAFF}/settings", data).get_data(as_text=True)

    assert "The last day cannot come before the first day." in _errors_of(page, "end_date")
    assert "Proposals cannot close before they open." in _errors_of(page, "proposals_close")
    assert "Give both the opening and the closing date" in _errors_of(page, "volunteering_closes")


def test_no_name_no_language_and_other_mistakes_show_together(app, forum_id, organizer):
    data = {
        **SETTINGS,
        "name_ar": "",
        "name_en": " ",
        "languages": [],
        "timezone": "Baghdad",
        "max_delegates_per_organization": "0",
        "max_activities_per_organization": "many",
        "number": "0",
    }
    page = post_form(organizer, f"{STAFF}/settings", data).get_data(as_text=True)

    assert "Give the forum a name in at least one language." in _errors_of(page, "name")
    assert "Choose at least one language." in _errors_of(page, "languages")
    assert "Unknown time zone" in _errors_of(page, "timezone")
    assert "from 1 to 50" in _errors_of(page, "max_delegates_per_organization")
    assert _errors_of(page, "max_activities_per_organization").strip()
    assert "from 1 to 999" in _errors_of(page, "number")
    assert 'value="Baghdad"' in page
    assert _forum_row(app, forum_id)["languages"] == ["ar", "ckb", "en"]


def test_a_forum_abroad_names_its_country(app, forum_id, organizer):
    abroad = {**SETTINGS, "governorate": "abroad", "city": "Stockholm"}
    page = post_form(organizer, f"{STAFF}/settings", abroad).get_data(as_text=True)
    assert "Choose the country of a forum held outside Iraq." in _errors_of(page, "country")

    response = post_form(organizer, f"{STAFF}/settings", {**abroad, "country": "SE"})
    assert response.status_code == 302
    assert _forum_row(app, forum_id)["country"] == "SE"
    page = organizer.get(f"{STAFF}/settings").get_data(as_text=True)
    assert '<option selected value="SE">Sweden</option>' in page


def test_dates_that_drop_a_day_in_use_are_refused_on_the_form(app, forum_id, organizer):
    with app.app_context():
        forum = db.session.get(Forum, forum_id)
        slot = TimeSlot(starts_at=time(9), ends_at=time(10, 30))
        forum.days[0].slots.append(slot)
        db.session.commit()
        slot_id = slot.id

    def sessions(ids):
        return {slot_id: ["session: Save the Tigris"]} if slot_id in ids else {}

    with calendar.registered_slot_usage("test-sessions", sessions):
        data = {**SETTINGS, "start_date": "2017-12-01", "end_date": "2017-12-02"}
        response = post_form(organizer, f"{STAFF}/settings", data)

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "These days are in use" in page
    assert "Save the Tigris" in page
    assert 'value="2017-12-01"' in page
    row = _forum_row(app, forum_id)
    assert row["days"][0] == date(2017, 11, 30)
    assert row["name_ar"] is None  # nothing else was saved either


def _buttons(page: str) -> set[str]:
    labels = ("Open the forum", "Reopen the forum", "Close the forum", "Archive the forum")
    return {label for label in labels if label in page}


@pytest.mark.parametrize(
    ("status", "buttons"),
    [
        (ForumStatus.DRAFT, {"Open the forum"}),
        (ForumStatus.OPEN, {"Close the forum"}),
        (ForumStatus.CLOSED, {"Reopen the forum", "Archive the forum"}),
        (ForumStatus.ARCHIVED, set()),
    ],
)
def test_the_status_buttons_are_the_allowed_transitions_only(app, status, buttons):
    client = _signed_in(app, _forum(app, status=status, charter=True))
    page = client.get(f"{STAFF}/").get_data(as_text=True)
    assert _buttons(page) == buttons


def test_opening_without_a_charter_is_refused_and_explained(app, forum_id, organizer):
    overview = organizer.get(f"{STAFF}/").get_data(as_text=True)
    assert f'href="{STAFF}/charter"' in overview  # the checklist links to the missing step

    response = post_form(organizer, f"{STAFF}/status", {"status": "open"}, page_url=f"{STAFF}/")

    assert response.headers["Location"] == f"{STAFF}/"
    page = organizer.get(f"{STAFF}/").get_data(as_text=True)
    assert "The forum cannot open yet: it needs a charter" in page
    assert _forum_row(app, forum_id)["status"] is ForumStatus.DRAFT


def test_a_forum_with_dates_and_a_charter_opens(app):
    forum_id = _forum(app, charter=True)
    client = _signed_in(app, forum_id)

    post_form(client, f"{STAFF}/status", {"status": "open"}, page_url=f"{STAFF}/")

    assert _forum_row(app, forum_id)["status"] is ForumStatus.OPEN
    assert "The forum is open" in client.get(f"{STAFF}/").get_data(as_text=True)
    with app.app_context():
        event = db.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action == "forum_status_changed")
        ).one()
        assert event.details == {"from": "draft", "to": "open"}


def test_closing_asks_for_confirmation_first(app):
    forum_id = _forum(app, status=ForumStatus.OPEN, charter=True)
    client = _signed_in(app, forum_id)

    asked = post_form(client, f"{STAFF}/status", {"status": "closed"}, page_url=f"{STAFF}/")
    assert asked.headers["Location"] == f"{STAFF}/status/closed"
    question = client.get(f"{STAFF}/status/closed")
    assert "Close “\u2068Iraqi Social Forum\u2069”?" in question.get_data(as_text=True)
    unconfirmed = client.post(f"{STAFF}/status/closed", data={"csrf_token": csrf_token(question)})
    assert unconfirmed.status_code == 200
    assert _forum_row(app, forum_id)["status"] is ForumStatus.OPEN

    confirmed = client.post(
        f"{STAFF}/status/closed", data={"csrf_token": csrf_token(question), "confirm": "yes"}
    )

    assert confirmed.headers["Location"] == f"{STAFF}/"
    assert _forum_row(app, forum_id)["status"] is ForumStatus.CLOSED


def test_archiving_says_it_cannot_be_undone(app):
    forum_id = _forum(app, status=ForumStatus.CLOSED, charter=True)
    client = _signed_in(app, forum_id)
    page = client.get(f"{STAFF}/status/archived").get_data(as_text=True)
    assert "This cannot be undone." in page
    assert _forum_row(app, forum_id)["status"] is ForumStatus.CLOSED


def test_an_impossible_or_unknown_status_changes_nothing(app, forum_id, organizer):
    empty = post_form(organizer, f"{STAFF}/status", {}, page_url=f"{STAFF}/")
    archive = organizer.get(f"{STAFF}/status/archived")
    token = csrf_token(organizer.get(f"{STAFF}/"))
    forced = organizer.post(
        f"{STAFF}/status/archived", data={"csrf_token": token, "confirm": "yes"}
    )

    assert empty.headers["Location"] == f"{STAFF}/"
    assert archive.headers["Location"] == f"{STAFF}/"
    assert forced.headers["Location"] == f"{STAFF}/"
    assert organizer.get(f"{STAFF}/status/finished").status_code == 404
    assert _forum_row(app, forum_id)["status"] is ForumStatus.DRAFT


def test_the_overview_counts_this_forums_things_only(app, forum_id, organizer):
    with app.app_context():
        forum = db.session.get(Forum, forum_id)
        forum.rooms.append(Room(name_en="Hall", capacity=100))
        forum.days[0].slots.append(TimeSlot(starts_at=time(9), ends_at=time(10, 30)))
        other = db.session.get(Forum, _forum(app, slug="najaf-2017"))
        other.rooms.extend(Room(name_en=f"Room {n}", capacity=20) for n in range(7))
        other.themes.append(Theme(name_en="Save the Tigris"))
        db.session.commit()

    page = organizer.get(f"{STAFF}/").get_data(as_text=True)
    counts = dict(
        re.findall(
            r'<dt class="col-7">(?:<a [^>]+>)?([^<]+)(?:</a>)?</dt>\s*<dd class="col-5">(\d+)', page
        )
    )

    assert counts == {"Days": "3", "Session slots": "1", "Rooms": "1", "Themes": "0", "Staff": "1"}
    assert f'href="{STAFF}/themes"' in page  # the missing theme, to add


def test_publishing_a_charter_makes_version_2(app):
    forum_id = _forum(app, charter=True)
    client = _signed_in(app, forum_id)
    page = client.get(f"{STAFF}/charter").get_data(as_text=True)
    assert "Charter of Principles</textarea>" in page  # prefilled with the current text
    assert "endorse the charter anew" in page

    response = post_form(
        client,
        f"{STAFF}/charter",
        {"text_ar": "ميثاق المبادئ", "text_en": "Charter of Principles\r\n\r\n1. Open space"},
    )

    assert response.headers["Location"] == f"{STAFF}/charter"
    assert _forum_row(app, forum_id)["charters"] == [1, 2]
    page = client.get(f"{STAFF}/charter").get_data(as_text=True)
    assert "Charter version 2 is published." in page
    assert f'href="{STAFF}/charter/1"' in page
    assert 'dir="auto" lang="en">Charter of Principles\n\n1. Open space</div>' in page
    assert '<summary lang="ar">العربية</summary>' in page
    old = client.get(f"{STAFF}/charter/1").get_data(as_text=True)
    assert "Charter of Principles</div>" in old
    assert "An earlier version" in old


def test_an_unchanged_charter_is_refused(app):
    forum_id = _forum(app, charter=True)
    client = _signed_in(app, forum_id)

    response = post_form(client, f"{STAFF}/charter", {"text_en": "Charter of Principles\r\n"})

    assert response.status_code == 200
    assert "Nothing changed" in response.get_data(as_text=True)
    assert _forum_row(app, forum_id)["charters"] == [1]
    empty = post_form(client, f"{STAFF}/charter", {"text_ar": " ", "text_en": ""})
    assert "Write the charter in at least one language." in empty.get_data(as_text=True)


def test_charter_versions_of_another_forum_or_missing_ones_are_not_found(app):
    client = _signed_in(app, _forum(app, charter=True))
    with app.app_context():
        other_id = _forum(app, slug="najaf-2017", status=ForumStatus.OPEN, charter=True)
        other = db.session.get(Forum, other_id)
        other.charters.append(CharterVersion(version=2, text_en="Najaf charter"))
        db.session.commit()

    assert client.get(f"{STAFF}/charter/1").status_code == 200
    assert client.get(f"{STAFF}/charter/2").status_code == 404
    assert client.get("/najaf-2017/staff/charter/2").status_code == 403


def test_a_reviewer_sees_the_overview_but_not_the_settings(app, forum_id):
    reviewer = _signed_in(app, forum_id, ForumRoleName.REVIEWER)

    page = reviewer.get(f"{STAFF}/").get_data(as_text=True)

    assert "Setting up" in page
    assert _buttons(page) == set()
    assert f'href="{STAFF}/settings"' not in page
    assert reviewer.get(f"{STAFF}/settings").status_code == 403
    assert reviewer.get(f"{STAFF}/charter").status_code == 403
    token = csrf_token(reviewer.get(f"{STAFF}/"))
    refused = reviewer.post(f"{STAFF}/status", data={"csrf_token": token, "status": "open"})
    assert refused.status_code == 403


def test_another_forums_organizer_is_refused(app, forum_id):
    elsewhere = _signed_in(app, _forum(app, slug="najaf-2017", status=ForumStatus.OPEN))
    assert elsewhere.get(f"{STAFF}/settings").status_code == 404  # a draft: not even found
    open_forum = _forum(app, slug="basra-2017", status=ForumStatus.OPEN)
    assert _forum_row(app, open_forum)["status"] is ForumStatus.OPEN
    for path in ("/", "/settings", "/charter", "/status/closed"):
        assert elsewhere.get(f"/basra-2017/staff{path}").status_code == 403


def test_an_archived_forum_is_read_only(app):
    forum_id = _forum(app, status=ForumStatus.ARCHIVED, charter=True)
    client = _signed_in(app, forum_id)

    settings_page = client.get(f"{STAFF}/settings").get_data(as_text=True)
    refused = post_form(client, f"{STAFF}/settings", SETTINGS)
    charter_page = client.get(f"{STAFF}/charter").get_data(as_text=True)

    assert "read-only" in settings_page
    assert "Save settings" not in settings_page
    assert refused.status_code == 200
    assert "read-only" in refused.get_data(as_text=True)
    assert _forum_row(app, forum_id)["name_ar"] is None
    assert "Publish as a new version" not in charter_page
