"""Public pages and exports: rendered once per published version, language and
variant, served with ETag and Last-Modified, 304 when unchanged, replaced when
the forum publishes again, private once the page is the visitor's own."""

import gzip
import uuid
from datetime import date, time, timedelta

import pytest
import redis
from flask import session
from werkzeug.http import http_date

from app.core import public_cache
from app.core.public_cache import (
    cache_key,
    cached_page,
    cached_public,
    forget_everything,
    forget_forum,
)
from app.core.public_cache_stores import Entry, MemoryStore, RedisStore
from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.models import ForumStatus, Room, TimeSlot
from app.safety.services import start_lockdown
from app.scheduling.publishing import publish_schedule
from tests import factories
from tests.interpreting.factories import make_placed_session

REDIS_URL = "redis://127.0.0.1:6379/0"
BIG = "<p>" + "A session of the programme. " * 100 + "</p>"


@pytest.fixture
def store(app, monkeypatch):
    """A cache of this test's own."""
    fresh = MemoryStore(max_bytes=1024 * 1024, ttl=300)
    monkeypatch.setitem(app.extensions, "public_cache", fresh)
    return fresh


@pytest.fixture
def published(app, store):
    """An open forum with one session published as version 1; returns its id."""
    with app.app_context():
        forum = factories.make_forum(
            slug="isf-cache", status=ForumStatus.OPEN, name_en="Cache forum",
            start_date=date(2017, 11, 30), end_date=date(2017, 11, 30),
        )  # fmt: skip
        sync_days(forum)
        day = forum.days[0]
        day.slots.append(TimeSlot(starts_at=time(9), ends_at=time(10)))
        day.slots.append(TimeSlot(starts_at=time(11), ends_at=time(12)))
        room = Room(name_en="Hall", capacity=50)
        forum.rooms.append(room)
        db.session.flush()
        make_placed_session(forum, room, forum.days[0].slots[0], title_en="Save the Tigris")
        publish_schedule(forum, factories.make_user())
        db.session.commit()
        return forum.id


class Renders:
    """A render function that counts its calls."""

    def __init__(self, body: str = BIG, content_type: str = "text/html; charset=utf-8"):
        self.calls = 0
        self.body = body
        self.content_type = content_type

    def __call__(self):
        self.calls += 1
        return f"{self.body}<!-- {self.calls} -->", self.content_type


def _forum_and_version(forum_id):
    from app.forums.models import Forum
    from app.scheduling.publishing import published_programme

    forum = db.session.get(Forum, forum_id)
    return forum, published_programme(forum)


def _get(app, forum_id, render, headers=None, kind="page", variant="", language="en"):
    with app.test_request_context("/isf-cache/programme", headers=headers or {}):
        forum, version = _forum_and_version(forum_id)
        return cached_public(kind, forum, version, render, variant=variant, language=language)


def test_a_page_is_rendered_once_per_key_and_served_from_the_cache(app, published, store):
    render = Renders()
    first = _get(app, published, render)
    second = _get(app, published, render)

    assert render.calls == 1
    assert first.get_data() == second.get_data()
    assert second.headers["Cache-Control"] == "public, max-age=60"
    assert {"Cookie", "Accept-Language", "Accept-Encoding"} <= set(second.vary)
    assert second.headers["ETag"]
    assert second.last_modified is not None
    _get(app, published, render, variant="day=2")
    _get(app, published, render, kind="schedule.json")
    assert render.calls == 3


def test_languages_are_kept_apart(app, published):
    arabic, english = Renders("<p>البرنامج</p>"), Renders("<p>Programme</p>")
    for _ in range(2):
        ar = _get(app, published, arabic, language="ar")
        en = _get(app, published, english, language="en")

    assert (arabic.calls, english.calls) == (1, 1)
    assert "البرنامج" in ar.get_data(as_text=True)
    assert "Programme" in en.get_data(as_text=True)
    assert ar.headers["ETag"] != en.headers["ETag"]


def test_a_matching_etag_gets_304_without_a_body(app, published):
    render = Renders()
    etag = _get(app, published, render).headers["ETag"]

    again = _get(app, published, render, headers={"If-None-Match": etag})
    other = _get(app, published, render, headers={"If-None-Match": '"something-else"'})

    assert again.status_code == 304
    assert b"".join(again.get_app_iter({"REQUEST_METHOD": "GET"})) == b""  # what WSGI sends
    assert other.status_code == 200


def test_if_modified_since_the_publication_gets_304(app, published):
    render = Renders()
    published_at = _get(app, published, render).last_modified

    later = _get(app, published, render, {"If-Modified-Since": http_date(published_at)})
    earlier = _get(
        app, published, render, {"If-Modified-Since": http_date(published_at - timedelta(days=1))}
    )

    assert later.status_code == 304
    assert earlier.status_code == 200


def test_publishing_a_new_version_changes_the_key_and_the_etag(app, published, store):
    render = Renders()
    before = _get(app, published, render)
    with app.test_request_context():
        forum, version = _forum_and_version(published)
        old_key = cache_key("page", forum, version, "en", "")
        room = forum.rooms[0]
        make_placed_session(forum, room, forum.days[0].slots[1], title_en="Shahrazad")
        publish_schedule(forum, factories.make_user())
        db.session.commit()
        assert store.get(old_key) is None  # publishing forgot the forum's entries

    after = _get(app, published, render)

    assert render.calls == 2
    assert after.headers["ETag"] != before.headers["ETag"]
    assert after.last_modified >= before.last_modified


def test_a_lockdown_is_a_new_key_at_once(app, published):
    render = Renders()
    _get(app, published, render)
    with app.test_request_context():
        forum, _version = _forum_and_version(published)
        start_lockdown(factories.make_user(), forum)
        db.session.commit()

    _get(app, published, render)

    assert render.calls == 2


def test_forgetting_a_forum_drops_its_entries_only(app, published, store):
    with app.test_request_context():
        store.set("muntada:public:other-forum:page:x", Entry("text/plain", "e", {"identity": b"x"}))
    _get(app, published, Renders())
    with app.test_request_context():
        forget_forum("isf-cache")
        assert len(store) == 2  # until the publication commits
        db.session.commit()

    assert len(store) == 1


def test_nothing_published_is_rendered_every_time_with_validators(app, store):
    render = Renders()
    with app.test_request_context():
        forum = factories.make_forum(status=ForumStatus.OPEN)
        for _ in range(2):
            response = cached_public("page", forum, None, render, language="en")

    assert render.calls == 2
    assert response.headers["ETag"]
    assert len(store) == 0


def test_the_cached_copy_is_precompressed_for_clients_that_accept_it(app, published):
    render = Renders()
    plain = _get(app, published, render)
    zipped = _get(app, published, render, {"Accept-Encoding": "gzip"})
    brotli_first = _get(app, published, render, {"Accept-Encoding": "gzip, deflate, br"})

    assert render.calls == 1
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.get_data()) == plain.get_data()
    assert brotli_first.headers["Content-Encoding"] == "br"
    assert len({plain.headers["ETag"], zipped.headers["ETag"], brotli_first.headers["ETag"]}) == 3


def _page(app, forum_id, content, layout, with_session=False, path="/isf-cache/programme"):
    with app.test_request_context(path):
        if with_session:
            session["seen"] = 1  # any session (a flash, a sign-in) makes the page their own
        forum, version = _forum_and_version(forum_id)
        return cached_page("programme", forum, version, content, layout)


def test_a_visitor_without_a_session_gets_the_whole_page_from_the_cache(app, published):
    content, layouts = Renders("<ol>sessions</ol>"), []

    def layout(main):
        layouts.append(main)
        return f"<header>visitor</header><main>{main}</main>"

    for _ in range(2):
        page = _page(app, published, lambda: content()[0], layout)
    _page(app, published, lambda: content()[0], layout, path="/isf-cache/programme?day=2")

    assert (content.calls, len(layouts)) == (1, 2)  # the other URL: other header links
    assert page.headers["Cache-Control"] == "public, max-age=60"
    assert "<ol>sessions</ol><!-- 1 -->" in page.get_data(as_text=True)


def test_a_page_with_a_session_gets_its_own_header_around_the_cached_content(app, published):
    content, layouts = Renders("<ol>sessions</ol>"), []

    def layout(main):
        layouts.append(main)
        return f"<header>header {len(layouts)}</header><main>{main}</main>"

    for _ in range(2):
        page = _page(app, published, lambda: content()[0], layout, with_session=True)

    assert (content.calls, len(layouts)) == (1, 2)
    assert page.headers["Cache-Control"] == "private, max-age=60"
    assert "header 2" in page.get_data(as_text=True)


def test_a_public_response_that_writes_the_session_becomes_private(app, published):
    with app.test_request_context("/isf-cache/programme"):
        forum, version = _forum_and_version(published)
        response = cached_public("page", forum, version, Renders(), language="en")
        session["flash"] = "written"
        response = app.process_response(response)

    assert response.cache_control.private
    assert not response.cache_control.public


def test_the_memory_store_stays_within_its_bytes(app):
    store = MemoryStore(max_bytes=250, ttl=300)
    for number in range(5):
        store.set(f"key-{number}", Entry("text/plain", "e", {"identity": b"x" * 100}))

    assert len(store) == 2
    assert store.get("key-4") is not None
    assert store.get("key-0") is None


@pytest.fixture
def redis_prefix(app, monkeypatch):
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    prefix = f"muntada-test:{uuid.uuid4().hex}"
    monkeypatch.setitem(app.config, "PUBLIC_CACHE_PREFIX", prefix)
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    yield prefix
    keys = list(client.scan_iter(match=f"{prefix}*"))
    if keys:
        client.delete(*keys)


def test_redis_is_used_when_redis_url_is_set_and_shared_between_workers(
    app, published, monkeypatch, redis_prefix
):
    worker = public_cache._make_store(app)
    assert isinstance(worker, RedisStore)
    monkeypatch.setitem(app.extensions, "public_cache", worker)
    render = Renders()
    first = _get(app, published, render, {"Accept-Encoding": "gzip"})

    other_worker = public_cache._make_store(app)  # its own, empty, copies in front
    monkeypatch.setitem(app.extensions, "public_cache", other_worker)
    second = _get(app, published, render, {"Accept-Encoding": "gzip"})

    assert render.calls == 1
    assert second.get_data() == first.get_data()
    assert second.headers["ETag"] == first.headers["ETag"]
    assert list(worker.client.scan_iter(match=f"{redis_prefix}:isf-cache:*"))
    with app.test_request_context():
        forget_forum("isf-cache")
        db.session.commit()
    assert not list(worker.client.scan_iter(match=f"{redis_prefix}:isf-cache:*"))


def test_an_unreachable_redis_is_a_miss_not_an_error(app, published, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setitem(app.extensions, "public_cache", public_cache._make_store(app))
    render = Renders()

    assert _get(app, published, render).status_code == 200


def test_hiding_retires_every_workers_pages_at_once(app, published, monkeypatch, tmp_path):
    stamp = tmp_path / "public-cache-generation"
    one, other = MemoryStore(1024 * 1024, 300, stamp), MemoryStore(1024 * 1024, 300, stamp)
    render = Renders()
    for worker in (one, other):
        monkeypatch.setitem(app.extensions, "public_cache", worker)
        _get(app, published, render)
    assert render.calls == 2
    with app.test_request_context():
        forget_everything()  # in the other worker ("Hide us" was pressed there)
        db.session.commit()
    monkeypatch.setitem(app.extensions, "public_cache", one)

    _get(app, published, render)  # the first worker, whose copy is still in its memory

    assert len(one) == 2  # the old copy is there, under a key no request asks for now

    assert render.calls == 3


def test_nothing_is_forgotten_when_the_change_rolls_back(app, published, store):
    _get(app, published, Renders())
    with app.test_request_context():
        generation = store.generation()
        forget_forum("isf-cache")
        forget_everything()
        db.session.rollback()
        db.session.commit()  # a later transaction does not carry them

        assert len(store) > 0
        assert store.generation() == generation
