"""The public cache's fast path: the same bytes and headers as the slow path, 304,
never for a visitor with a session, a new version or a lockdown seen once the
per-process memo expires, an entry per language and encoding, never a draft."""

import json

import pytest
import sqlalchemy as sa
from werkzeug.http import http_date

from app.core import public_fast_path
from app.core.public_cache_stores import MemoryStore
from app.extensions import db
from app.forums.models import Forum, ForumStatus
from app.safety.services import start_lockdown
from app.scheduling.publishing import publish_schedule
from tests import factories
from tests.core import test_public_cache
from tests.interpreting.factories import make_placed_session

URLS = (
    "/isf-cache/programme",
    "/isf-cache/programme?day=1",
    "/isf-cache/schedule.json",
    "/isf-cache/schedule.xml",
    "/isf-cache/programme.ics",
    "/isf-cache/programme.csv",
)
GZIP = {"Accept-Encoding": "gzip"}
published = test_public_cache.published  # the fixture: a forum with version 1 published


@pytest.fixture
def store(app, monkeypatch):
    fresh = MemoryStore(max_bytes=4 * 1024 * 1024, ttl=300)
    monkeypatch.setitem(app.extensions, "public_cache", fresh)
    return fresh


@pytest.fixture
def now(monkeypatch):
    """The memo's clock, moved by hand."""
    moment = [1000.0]
    monkeypatch.setattr(public_fast_path, "clock", lambda: moment[0])
    return moment


@pytest.fixture
def slow_path_spy(monkeypatch):
    """Counts the requests that reached the forum scope (the slow path)."""
    from app.forums import scope

    calls = []
    original = scope.forum_by_slug

    def counting(slug):
        calls.append(slug)
        return original(slug)

    monkeypatch.setattr(scope, "forum_by_slug", counting)
    return calls


def _fast_entries(store) -> list[str]:
    return [key for key in store._entries if ":fast:" in key]


def _session_url(app, forum_id) -> str:
    from app.activities.models import Activity

    with app.app_context():
        activity_id = db.session.scalar(sa.select(Activity.id).where(Activity.forum_id == forum_id))
    return f"/isf-cache/programme/{activity_id}"


def _parts(response):
    return response.status_code, response.get_data(), sorted(response.headers.items())


@pytest.mark.parametrize("headers", [{}, GZIP, {"Accept-Encoding": "br"}])
def test_a_fast_response_has_the_bytes_and_headers_of_the_slow_one(
    app, published, store, now, slow_path_spy, headers
):
    client = app.test_client()
    for url in (*URLS, _session_url(app, published)):
        first = client.get(url, headers=headers)
        calls = len(slow_path_spy)
        second = client.get(url, headers=headers)

        assert first.status_code == 200, url
        assert _parts(second) == _parts(first), url
        assert len(slow_path_spy) == calls, f"{url} went through the slow path"
    assert second.headers["Content-Security-Policy"]
    assert second.headers["X-Frame-Options"] == "DENY"
    head = client.head(URLS[0], headers=headers)
    assert head.get_data() == b""
    assert head.headers == client.get(URLS[0], headers=headers).headers


def test_matching_validators_get_304_from_the_fast_path(app, published, store, now, slow_path_spy):
    client = app.test_client()
    first = client.get(URLS[0], headers=GZIP)
    calls = len(slow_path_spy)

    by_etag = client.get(URLS[0], headers={**GZIP, "If-None-Match": first.headers["ETag"]})
    by_date = client.get(
        URLS[0], headers={**GZIP, "If-Modified-Since": http_date(first.last_modified)}
    )
    other = client.get(URLS[0], headers={**GZIP, "If-None-Match": '"other"'})

    assert (by_etag.status_code, by_date.status_code, other.status_code) == (304, 304, 200)
    assert by_etag.get_data() == b""
    assert by_etag.headers["ETag"] == first.headers["ETag"]
    assert len(slow_path_spy) == calls


@pytest.mark.parametrize(
    "personal",
    [
        {"cookie": ("SESSION_COOKIE_NAME", "anything")},
        {"cookie": ("REMEMBER_COOKIE_NAME", "anything")},
        {"headers": {"Authorization": "Bearer x"}},
    ],
)
def test_a_session_or_credentials_bypass_it(app, published, store, now, slow_path_spy, personal):
    client = app.test_client()
    client.get(URLS[0])
    calls = len(slow_path_spy)
    client.get(URLS[0])
    assert len(slow_path_spy) == calls  # served by the fast path
    if "cookie" in personal:
        name, value = personal["cookie"]
        client.set_cookie(app.config.get(name, "remember_token"), value)
    client.get(URLS[0], headers=personal.get("headers", {}))

    assert len(slow_path_spy) == calls + 1


def test_a_signed_in_visitor_neither_fills_nor_uses_it(app, published, store, now):
    client = app.test_client()
    with app.app_context():
        user_id = factories.make_user().get_id()
        db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = user_id
        session["_fresh"] = True
    client.get(URLS[0])
    client.get("/isf-cache/schedule.json")

    assert _fast_entries(store) == []


def test_a_new_version_shows_once_the_memo_expires(app, published, store, now):
    client = app.test_client()
    before = client.get(URLS[2]).get_data()
    # Another worker publishes: this one keeps its memo and its entries.
    memo, entries = dict(app.extensions["public_fast_path"]), dict(store._entries)
    with app.app_context():
        forum = db.session.get(Forum, published)
        make_placed_session(forum, forum.rooms[0], forum.days[0].slots[1], title_en="Shahrazad")
        publish_schedule(forum, factories.make_user())
        db.session.commit()
    app.extensions["public_fast_path"].update(memo)
    store._entries.update(entries)

    within_the_second = client.get(URLS[2]).get_data()
    now[0] += 1.5
    after = client.get(URLS[2]).get_data()

    assert within_the_second == before
    assert b"Shahrazad" not in before
    assert b"Shahrazad" in after


def test_a_lockdown_shows_within_a_second(app, published, store, now, slow_path_spy):
    client = app.test_client()
    client.get(URLS[0])
    client.get(URLS[0])
    calls = len(slow_path_spy)
    memo = dict(app.extensions["public_fast_path"])
    with app.app_context():
        start_lockdown(factories.make_user(), db.session.get(Forum, published))
        db.session.commit()
    assert app.extensions["public_fast_path"] == {}  # this worker asks again at once
    app.extensions["public_fast_path"].update(memo)  # another worker does not

    client.get(URLS[0])
    assert len(slow_path_spy) == calls  # within the second: still the memo's state
    now[0] += 1.5
    client.get(URLS[0])

    assert len(slow_path_spy) == calls + 2  # the memo asks again, then the slow path
    assert any(":lockdown:" in key for key in _fast_entries(store))


def test_each_language_and_encoding_has_its_own_entry(app, published, store, now):
    client = app.test_client()
    english = client.get(URLS[0], headers={"Accept-Language": "en"})
    arabic = client.get(URLS[0], headers={"Accept-Language": "ar"})
    client.set_cookie("lang", "ckb")
    kurdish = client.get(URLS[0], headers={"Accept-Language": "en"})
    kurdish_gzip = client.get(URLS[0], headers={"Accept-Language": "en", **GZIP})
    again = client.get(URLS[0], headers={"Accept-Language": "en", **GZIP})

    assert len({english.get_data(), arabic.get_data(), kurdish.get_data()}) == 3
    assert 'lang="ckb"' in kurdish.get_data(as_text=True)
    assert kurdish_gzip.headers["Content-Encoding"] == "gzip"
    assert again.get_data() == kurdish_gzip.get_data()
    assert len(_fast_entries(store)) == 4


def test_a_draft_forum_is_never_served(app, published, store, now):
    client = app.test_client()
    client.get(URLS[0])
    assert _fast_entries(store)
    with app.app_context():
        db.session.get(Forum, published).status = ForumStatus.DRAFT
        db.session.commit()
    now[0] += 1.5

    assert client.get(URLS[0]).status_code == 404
    assert client.get(URLS[2]).status_code == 404


def test_a_hit_is_answered_before_flask_runs(app, published, store, now, monkeypatch):
    """No request hook, view or after_request hook runs for a stored response."""
    client = app.test_client()
    first = client.get(URLS[0], headers=GZIP)
    seen = []
    before, after = app.before_request_funcs[None], app.after_request_funcs[None]
    monkeypatch.setitem(app.before_request_funcs, None, [*before, lambda: seen.append("before")])
    monkeypatch.setitem(
        app.after_request_funcs, None, [lambda r: seen.append("after") or r, *after]
    )

    again = client.get(URLS[0], headers=GZIP)
    head = client.head(URLS[0], headers=GZIP)
    not_modified = client.get(URLS[0], headers={**GZIP, "If-None-Match": first.headers["ETag"]})

    assert (again.status_code, head.status_code, not_modified.status_code) == (200, 200, 304)
    assert seen == []
    client.get("/isf-cache/")  # the forum's home page is not one of the fast path's
    assert seen == ["before", "after"]


def test_it_keeps_what_every_hook_added(app, published, store, now):
    client = app.test_client()
    client.get(URLS[0], headers=GZIP)
    (entry,) = [store._entries[key][1] for key in _fast_entries(store)]

    kept = dict(json.loads(entry.bodies["headers"]))
    assert kept["Content-Encoding"] == "gzip"
    assert kept["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in kept
    assert "public" in kept.get("Cache-Control", "")


def test_other_pages_and_unknown_urls_go_to_flask(app, published, store, now, slow_path_spy):
    client = app.test_client()
    missing = client.get("/isf-cache/programme/999999")
    unknown = client.get("/no-such-forum/programme")
    client.get("/isf-cache/programme/999999")

    assert (missing.status_code, unknown.status_code) == (404, 404)
    assert _fast_entries(store) == []
    assert "no-such-forum" not in app.extensions["public_fast_path"]  # unknown slugs not kept


def test_switched_off_it_neither_stores_nor_serves(
    app, published, store, now, slow_path_spy, monkeypatch
):
    monkeypatch.setitem(app.config, "PUBLIC_FAST_PATH", False)
    client = app.test_client()
    client.get(URLS[0])
    calls = len(slow_path_spy)
    client.get(URLS[0])

    assert _fast_entries(store) == []
    assert len(slow_path_spy) == calls + 1


def test_a_response_rendered_while_someone_hides_is_not_kept_for_after(
    app, published, now, monkeypatch, tmp_path
):
    """The generation is read before rendering: a "Hide us" that commits while a
    page is rendered retires that page, though it is stored after the move."""
    from app.exports import views

    store = MemoryStore(4 * 1024 * 1024, 300, stamp=tmp_path / "generation")
    monkeypatch.setitem(app.extensions, "public_cache", store)

    original = views.render_export
    renders = []

    def render_while_hiding(*args):
        body = original(*args)
        if not renders:
            with app.app_context():
                store.next_generation()  # another worker's "Hide us" commits meanwhile
        renders.append(1)
        return body

    monkeypatch.setattr(views, "render_export", render_while_hiding)
    client = app.test_client()
    client.get(URLS[2])
    now[0] += 1.5  # this worker's memo asks again and sees the new generation
    client.get(URLS[2])

    assert len(renders) == 2


def test_a_failing_lookup_is_a_miss_not_an_error(app, published, store, now, monkeypatch):
    """The memo cannot reach the database: Flask answers, with its own pages."""
    client = app.test_client()
    client.get(URLS[0])
    now[0] += 1.5

    def unreachable(_slug):
        raise RuntimeError("database unreachable")

    monkeypatch.setattr(public_fast_path, "_memo_state", unreachable)
    response = client.get(URLS[0])

    assert response.status_code == 200
    assert b"programme" in response.get_data()
