"""My programme: stars kept in the account (POST forms with CSRF) or in the
browser (``?ids=``), the list of them and their iCalendar file — only ever
sessions of the published version."""

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from app.activities.models import Activity
from app.extensions import db
from app.forums.models import Forum, Room, TimeSlot
from app.programme.models import StarredSession
from app.scheduling.publishing import publish_schedule
from tests import factories
from tests.helpers import csrf_token, log_in
from tests.interpreting.factories import make_placed_session, unplace
from tests.programme.helpers import get_page, shown_ids, visible_text
from tests.programme.world import make_world


@pytest.fixture
def world(app):
    with app.app_context():
        world = make_world()
        draft = make_placed_session(
            db.session.get(Forum, world.forum_id),
            db.session.get(Room, world.hall_id),
            db.session.get(TimeSlot, world.slot_ids[(2, 0)]),
            title_en="Draft-only session",
        )
        world.draft_id = draft.id
        world.other_id = db.session.scalar(
            sa.select(Activity.id).where(Activity.title_en == "Session of the other forum")
        )
        db.session.commit()
        return world


@pytest.fixture
def member(app, client, world):
    """A signed-in visitor (English)."""
    with app.app_context():
        user = factories.make_user(locale="en")
        db.session.commit()
        email, user_id = user.email, user.id
    log_in(client, email)
    return user_id


def _stars(app, user_id: int) -> set[int]:
    with app.app_context():
        return set(
            db.session.scalars(
                sa.select(StarredSession.activity_id).where(StarredSession.user_id == user_id)
            )
        )


def _post(client, url: str, token: str | None = None, **data):
    if token is None:
        token = csrf_token(client.get("/isf-4/programme"))
    return client.post(url, data={"csrf_token": token, **data})


def _events(body: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(body)
    for required in ("VERSION", "PRODID"):
        assert calendar.get(required), required
    assert calendar["VERSION"] == "2.0"
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Asia/Baghdad"]
    events = {}
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert event.get(required) is not None, required
        assert event["DTSTART"].params["TZID"] == "Asia/Baghdad"
        events[str(event["UID"])] = event
    return events


def test_a_signed_in_visitor_stars_a_session_with_a_form(app, client, world, member):
    page = get_page(client, "/isf-4/programme")
    assert 'data-stars="account"' in page
    assert f'action="/isf-4/programme/{world.tigris_id}/star"' in page

    response = _post(
        client, f"/isf-4/programme/{world.tigris_id}/star", next="/isf-4/programme?view=grid"
    )

    assert response.status_code == 302
    assert response.headers["Location"] == "/isf-4/programme?view=grid"
    assert _stars(app, member) == {world.tigris_id}
    page = get_page(client, "/isf-4/programme")
    assert f'action="/isf-4/programme/{world.tigris_id}/unstar"' in page
    assert "Added to your programme." in page


def test_starring_twice_keeps_one_star(app, client, world, member):
    for _ in range(2):
        _post(client, f"/isf-4/programme/{world.tigris_id}/star")

    assert _stars(app, member) == {world.tigris_id}


def test_a_star_without_the_form_token_changes_nothing(app, client, world, member):
    response = client.post(f"/isf-4/programme/{world.tigris_id}/star", data={})

    assert response.status_code == 400
    assert _stars(app, member) == set()


def test_my_programme_lists_the_stars_and_a_star_can_be_removed(app, client, world, member):
    _post(client, f"/isf-4/programme/{world.tigris_id}/star")
    _post(client, f"/isf-4/programme/{world.women_id}/star")
    page = get_page(client, "/isf-4/programme/mine")

    assert shown_ids(page) == {world.tigris_id, world.women_id}
    assert 'href="/isf-4/programme/mine.ics"' in page

    response = _post(client, f"/isf-4/programme/{world.tigris_id}/unstar", token=csrf_token(
        client.get("/isf-4/programme/mine")), next="/isf-4/programme/mine")  # fmt: skip

    assert response.headers["Location"] == "/isf-4/programme/mine"
    assert _stars(app, member) == {world.women_id}
    assert shown_ids(get_page(client, "/isf-4/programme/mine")) == {world.women_id}


def test_a_star_goes_back_only_to_a_page_of_this_site(client, world, member):
    response = _post(
        client, f"/isf-4/programme/{world.tigris_id}/star", next="https://evil.example/"
    )

    assert response.headers["Location"] == f"/isf-4/programme/{world.tigris_id}"


@pytest.mark.parametrize("which", ["draft_id", "other_id"])
def test_only_published_sessions_of_this_forum_can_be_starred(app, client, world, member, which):
    activity_id = getattr(world, which)

    assert _post(client, f"/isf-4/programme/{activity_id}/star").status_code == 404
    assert _post(client, f"/isf-4/programme/{activity_id}/unstar").status_code == 404
    assert _stars(app, member) == set()


def test_a_visitor_cannot_post_a_star(client, world):
    token = csrf_token(client.get("/account/login"))
    response = client.post(f"/isf-4/programme/{world.tigris_id}/star", data={"csrf_token": token})

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/login")


def test_another_accounts_stars_are_not_shown(app, client, world, member):
    with app.app_context():
        someone = factories.make_user()
        db.session.add(StarredSession(
            user_id=someone.id, forum_id=world.forum_id, activity_id=world.workers_id))  # fmt: skip
        db.session.commit()

    assert shown_ids(get_page(client, "/isf-4/programme/mine")) == set()


def test_the_calendar_of_the_accounts_stars(app, client, world, member):
    _post(client, f"/isf-4/programme/{world.tigris_id}/star")
    _post(client, f"/isf-4/programme/{world.women_id}/star")
    response = client.get("/isf-4/programme/mine.ics")

    assert response.content_type == "text/calendar; charset=utf-8"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    events = _events(response.data)
    assert set(events) == {
        f"activity-{world.tigris_id}@muntada",
        f"activity-{world.women_id}@muntada",
    }
    tigris = events[f"activity-{world.tigris_id}@muntada"]
    assert str(tigris["SUMMARY"]) == "Save the Tigris"
    assert str(tigris["LOCATION"]) == "Al-Rasheed Hall"
    assert tigris["DTSTART"].dt.isoformat() == "2017-11-30T11:00:00+03:00"
    assert tigris["DTEND"].dt.isoformat() == "2017-11-30T12:30:00+03:00"
    assert "channel 2 English" in str(tigris["DESCRIPTION"])


def test_a_star_taken_off_the_programme_leaves_the_calendar(app, client, world, member):
    _post(client, f"/isf-4/programme/{world.women_id}/star")
    with app.app_context():
        unplace(db.session.get(Activity, world.women_id))
        publish_schedule(
            db.session.get(Forum, world.forum_id),
            db.session.get(factories.User, world.organizer_id),
        )
        db.session.commit()

    assert _events(client.get("/isf-4/programme/mine.ics").data) == {}
    assert shown_ids(get_page(client, "/isf-4/programme/mine")) == set()


def test_a_visitors_calendar_holds_only_published_ids_of_this_forum(client, world):
    ids = f"{world.tigris_id},{world.draft_id},{world.other_id},abc,999999,{world.workers_id}"
    response = client.get(f"/isf-4/programme/mine.ics?ids={ids}")

    assert response.status_code == 200
    assert set(_events(response.data)) == {
        f"activity-{world.tigris_id}@muntada",
        f"activity-{world.workers_id}@muntada",
    }


def test_the_uid_of_a_session_is_the_same_in_every_download(client, world):
    first = _events(client.get(f"/isf-4/programme/mine.ics?ids={world.tigris_id}").data)
    both = _events(
        client.get(f"/isf-4/programme/mine.ics?ids={world.women_id},{world.tigris_id}").data
    )

    assert set(first) <= set(both)


def test_a_calendar_in_arabic_has_the_arabic_title(client, world):
    client.set_cookie("lang", "ar")
    events = _events(client.get(f"/isf-4/programme/mine.ics?ids={world.tigris_id}").data)

    assert str(events[f"activity-{world.tigris_id}@muntada"]["SUMMARY"]) == "أنقذوا دجلة"


def test_a_visitors_programme_shows_the_ids_of_the_address(client, world):
    ids = f"{world.women_id},{world.draft_id},{world.other_id}"
    page = get_page(client, f"/isf-4/programme/mine?ids={ids}")

    assert shown_ids(page) == {world.women_id}
    assert f'href="/isf-4/programme/mine.ics?ids={world.women_id}"' in page
    assert 'data-stars="browser"' in page
    assert 'data-mine-page="asked"' in page
    assert "Draft-only session" not in page


def test_a_visitors_programme_without_ids_explains_where_stars_live(client, world):
    page = get_page(client, "/isf-4/programme/mine")

    assert shown_ids(page) == set()
    assert 'data-mine-page="plain"' in page
    assert "kept in this browser" in visible_text(page)
    assert "<noscript>" in page
