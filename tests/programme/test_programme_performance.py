"""The programme page stays light: a few SQL statements however many sessions,
and a short private cache lifetime that keeps the language switch working."""

import sqlalchemy as sa

from app.activities.models import CoOrganizer, Presenter
from app.extensions import db
from app.forums.models import Forum, Room
from app.scheduling.publishing import publish_schedule
from tests import factories
from tests.interpreting.factories import make_need, make_placed_session
from tests.programme.world import listed, make_open_forum, slots_of


def _statements(app, client, url: str) -> int:
    """The SQL statements a page runs (the tests' own savepoints aside)."""
    with app.app_context():
        engine = db.engine
    seen = []

    def count(_connection, _cursor, statement, *_args):
        if not statement.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            seen.append(statement)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def _publish_sessions(forum_id: int, how_many: int) -> None:
    """Place ``how_many`` more sessions, each with co-organizers, presenters and
    needs, in rooms of their own, and publish the draft again."""
    forum = db.session.get(Forum, forum_id)
    slots = list(slots_of(forum).values())
    for number in range(how_many):
        room = Room(name_en=f"Room {number}", capacity=30, has_booth=True, booth_channels=2)
        forum.rooms.append(room)
        db.session.flush()
        activity = make_placed_session(
            forum, room, slots[number % len(slots)], organization=listed(),
            spoken_languages=["ar"],
        )  # fmt: skip
        activity.co_organizers.append(CoOrganizer(organization_id=listed().id, accepted=True))
        activity.presenters.append(Presenter(name=f"Presenter {number}", public_consent=True))
        make_need(activity, "ar", "en", channel=1)
    db.session.flush()
    publish_schedule(forum, factories.make_user())
    db.session.commit()


def test_the_page_takes_the_same_few_statements_however_many_sessions(app, client):
    with app.app_context():
        forum_id = make_open_forum("isf-4", "4th Iraqi Social Forum").id
        _publish_sessions(forum_id, 2)
    client.set_cookie("lang", "en")
    client.get("/isf-4/programme")  # warm up (the first request may load more)
    few = _statements(app, client, "/isf-4/programme")
    with app.app_context():
        _publish_sessions(forum_id, 10)

    assert _statements(app, client, "/isf-4/programme") == few
    assert client.get("/isf-4/programme").get_data(as_text=True).count("programme-session") == 12
    # Forum, version, lockdown, sessions, co-organizers, presenters, needs.
    assert few == 7


def test_the_page_is_cached_briefly_by_the_visitors_browser_only(app, client):
    with app.app_context():
        make_open_forum("isf-4", "4th Iraqi Social Forum")
        db.session.commit()
    response = client.get("/isf-4/programme")

    assert response.headers["Cache-Control"] == "private, max-age=60"
    assert {"Cookie", "Accept-Language"} <= set(response.vary)


def test_the_language_switch_still_works_on_the_programme(app, client):
    with app.app_context():
        make_open_forum("isf-4", "4th Iraqi Social Forum")
        db.session.commit()
    client.set_cookie("lang", "en")
    page = client.get("/isf-4/programme").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]

    switched = client.post(
        "/language", data={"csrf_token": token, "language": "ar", "next": "/isf-4/programme"}
    )

    assert switched.status_code == 302
    assert switched.headers["Location"].endswith("/isf-4/programme")
    assert 'dir="rtl"' in client.get("/isf-4/programme").get_data(as_text=True)
