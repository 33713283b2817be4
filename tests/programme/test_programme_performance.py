"""The programme page stays light: a few SQL statements however many sessions
when it is rendered, shared from the public cache with visitors, kept only by the
browser of a signed-in visitor, and the language switch works from it."""

import re
from html import unescape

import pytest

from app.activities.models import CoOrganizer, Presenter
from app.extensions import db
from app.forums.models import Forum, Room
from app.scheduling.publishing import publish_schedule, published_programme
from tests import factories
from tests.helpers import log_in, statements_run
from tests.interpreting.factories import make_need, make_placed_session
from tests.programme.world import listed, make_open_forum, slots_of


def _statements(app, client, url: str) -> int:
    """The SQL statements a page runs (the tests' own savepoints aside)."""
    with statements_run(app) as seen:
        assert client.get(url).status_code == 200
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


PAGES = (
    "/isf-4/programme",
    "/isf-4/programme?view=grid",
    "/isf-4/programme?q=activity&understand=en&language=ar&format=workshop",
    "/isf-4/programme?view=grid&day=2017-11-30&understand=en",
    "/isf-4/programme/mine?ids={ids}",
    "/isf-4/programme/mine.ics?ids={ids}",
    "/isf-4/programme/{first}",
)


def _published_ids(forum_id: int) -> list[int]:
    version = published_programme(db.session.get(Forum, forum_id))
    return sorted(session.activity_id for session in version.sessions)


def _counts(app, client, forum_id: int) -> dict[str, int]:
    with app.app_context():
        ids = _published_ids(forum_id)
    values = {"ids": ",".join(map(str, ids)), "first": ids[0]}
    return {page: _statements(app, client, page.format(**values)) for page in PAGES}


@pytest.fixture
def rendered_every_time(app, monkeypatch):
    """The statements of the rendering itself, without the public cache in front."""
    monkeypatch.setitem(app.extensions, "public_cache", None)


@pytest.mark.usefixtures("rendered_every_time")
def test_the_page_takes_the_same_few_statements_however_many_sessions(app, client):
    with app.app_context():
        forum_id = make_open_forum("isf-4", "4th Iraqi Social Forum").id
        _publish_sessions(forum_id, 2)
    client.set_cookie("lang", "en")
    client.get("/isf-4/programme")  # warm up (the first request may load more)
    few = _counts(app, client, forum_id)
    with app.app_context():
        _publish_sessions(forum_id, 10)

    assert _counts(app, client, forum_id) == few
    assert client.get("/isf-4/programme").get_data(as_text=True).count("programme-session") == 12
    # Forum, the version for the cache key, then the rendering: version, lockdown,
    # sessions, co-organizers, presenters, needs.
    assert few["/isf-4/programme"] == 8
    assert max(few.values()) <= 8


@pytest.mark.usefixtures("rendered_every_time")
def test_a_signed_in_visitors_page_takes_a_constant_few_statements_more(app, client):
    with app.app_context():
        forum_id = make_open_forum("isf-4", "4th Iraqi Social Forum").id
        _publish_sessions(forum_id, 2)
        user = factories.make_user()
        db.session.commit()
        email = user.email
    log_in(client, email)
    client.get("/isf-4/programme")
    few = _counts(app, client, forum_id)
    with app.app_context():
        _publish_sessions(forum_id, 10)

    assert _counts(app, client, forum_id) == few


def test_a_visitors_page_is_shared_and_a_signed_in_ones_kept_by_their_browser(app, client):
    with app.app_context():
        forum_id = make_open_forum("isf-4", "4th Iraqi Social Forum").id
        _publish_sessions(forum_id, 2)
        email = factories.make_user().email
        db.session.commit()
    shared = client.get("/isf-4/programme")
    again = client.get("/isf-4/programme", headers={"If-None-Match": shared.headers["ETag"]})
    log_in(client, email)
    own = client.get("/isf-4/programme")

    assert shared.headers["Cache-Control"] == "public, max-age=60"
    assert again.status_code == 304
    assert own.headers["Cache-Control"] == "private, max-age=60"
    assert {"Cookie", "Accept-Language"} <= set(shared.vary) & set(own.vary)


def test_the_language_switch_still_works_on_the_programme(app, client):
    with app.app_context():
        make_open_forum("isf-4", "4th Iraqi Social Forum")
        db.session.commit()
    client.set_cookie("lang", "en")
    page = client.get("/isf-4/programme").get_data(as_text=True)

    link = re.search(r'href="(/language/ar\?[^"]+)"', page)  # a link: no form token here
    switched = client.get(unescape(link.group(1)))

    assert switched.status_code == 302
    assert switched.headers["Location"].endswith("/isf-4/programme")
    assert 'dir="rtl"' in client.get("/isf-4/programme").get_data(as_text=True)
