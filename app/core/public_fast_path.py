"""The public cache's fast path: a cached public page or export served before the
forum is loaded, the session read or the visitor looked up.

A request that cannot be personal (GET or HEAD, no session or remember cookie,
no Authorization header) for one of ``ENDPOINTS`` is looked up by the first URL
value preprocessor of the app, which runs before the forum's (scope.py), and
answered by the first ``before_request`` hook; the response then passes through
the ``after_request`` hooks (security headers, compression) like any other. The
key is the host, path and query string, the language a visitor without a session
gets (the ``lang`` cookie, else Accept-Language) and the encoding the client
prefers, together with the forum's published version, lockdown state and cache
generation as a per-process memo knows them.

The memo asks the database at most once per ``PUBLIC_FAST_PATH_MEMO_SECONDS``
(1 s) per forum, so a new publication, a lockdown or a "Hide us" shows in every
worker within a second (in the worker that did it, at once). The fast path only
reads: the slow path (``cached_public``) stores the whole response, as the view
returned it, for the visitors the fast path serves. A miss, a draft forum or an
unknown slug falls through to the slow path and its forum scope.
"""

import hashlib
import json
import time

from flask import Flask, Response, current_app, g, request, session
from werkzeug.datastructures import Headers

from app.core.compression import ALGORITHMS, accepted_encoding
from app.core.i18n import LANGUAGE_COOKIE, language_from_accept_header, supported_languages
from app.core.public_cache_stores import IDENTITY, Entry

ENDPOINTS = frozenset(
    {
        "programme.index",
        "programme.session",
        "exports.schedule_xml",
        "exports.schedule_json",
        "exports.programme_ics",
        "exports.programme_csv",
    }
)
MEMO = "public_fast_path"
STATE = "public_fast_path_state"
FOUND = "public_fast_path_response"


def clock() -> float:
    """Now, in seconds of a clock that only goes forward; tests move it."""
    return time.monotonic()


def init_public_fast_path(app: Flask) -> None:
    """Called last of the request hooks: its lookup and its ``before_request`` go
    first, its ``after_request`` (which stores) sees the view's response first."""
    app.config.setdefault("PUBLIC_FAST_PATH", True)
    app.config.setdefault("PUBLIC_FAST_PATH_MEMO_SECONDS", 1.0)
    app.extensions[MEMO] = {}
    app.url_value_preprocessors.setdefault(None, []).insert(0, _look_up)
    app.before_request_funcs.setdefault(None, []).insert(0, _serve)
    app.after_request(_store)


def note_public(forum, version) -> None:
    """The response being rendered is the same for everyone who reads ``forum``'s
    ``version``: the fast path may keep it (called by ``cached_public``)."""
    g.setdefault(STATE, (forum, version.number, version.published_at))


def forget_memo(slug: str | None = None) -> None:
    """This worker asks the database again: for ``slug``, or for every forum."""
    memo = current_app.extensions.get(MEMO, {})
    if slug is None:
        memo.clear()
    else:
        memo.pop(slug, None)


def _state(number: int, published_at, listed: bool) -> str:
    from app.core.public_cache import public_store

    stamp = int(published_at.timestamp() * 1_000_000)
    store = public_store()
    generation = store.generation() if store is not None else "0"
    return f"{number}.{stamp}:{'listed' if listed else 'lockdown'}:{generation}"


def _memo_state(slug: str) -> str | None:
    """The forum's published state, asked at most once a second; None when the
    forum is unknown, a draft, or has nothing published."""
    memo = current_app.extensions[MEMO]
    now = clock()
    known = memo.get(slug)
    if known is not None and known[0] > now:
        return known[1]
    from app.forums.models import ForumStatus
    from app.forums.scope import forum_by_slug
    from app.safety.services import public_listings_allowed
    from app.scheduling.publishing import published_programme

    forum = forum_by_slug(slug)
    if forum is None:
        return None  # not remembered: unknown slugs would fill the memo
    version = None if forum.status is ForumStatus.DRAFT else published_programme(forum)
    state = None
    if version is not None:
        state = _state(version.number, version.published_at, public_listings_allowed(forum))
    memo[slug] = (now + current_app.config["PUBLIC_FAST_PATH_MEMO_SECONDS"], state)
    return state


def _eligible() -> bool:
    """A request nothing about which is personal, for a page the fast path serves."""
    config = current_app.config
    cookies = request.cookies
    return (
        config["PUBLIC_FAST_PATH"]
        and request.method in ("GET", "HEAD")
        and request.endpoint in ENDPOINTS
        and config["SESSION_COOKIE_NAME"] not in cookies
        and config.get("REMEMBER_COOKIE_NAME", "remember_token") not in cookies
        and "Authorization" not in request.headers
    )


def _language() -> str:
    """What ``select_locale`` chooses for a visitor who is not signed in."""
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if cookie in supported_languages():
        return cookie
    return language_from_accept_header() or current_app.config["BABEL_DEFAULT_LOCALE"]


def _key(slug: str, state: str) -> str:
    seen_as = f"{request.scheme}://{request.host}|{request.full_path}"
    digest = hashlib.blake2b(seen_as.encode(), digest_size=12).hexdigest()
    encoding = accepted_encoding(ALGORITHMS) or IDENTITY
    prefix = current_app.config["PUBLIC_CACHE_PREFIX"]
    return f"{prefix}:{slug}:fast:{state}:{_language()}:{encoding}:{digest}"


def _look_up(_endpoint: str | None, values: dict | None) -> None:
    from app.core.public_cache import public_store

    store = public_store()
    if store is None or not values or "forum_slug" not in values or not _eligible():
        return
    state = _memo_state(values["forum_slug"])
    entry = store.get(_key(values["forum_slug"], state)) if state is not None else None
    if entry is None:
        return
    # Served by _serve: the forum need not be loaded (scope.py skips a rule without a slug).
    values.pop("forum_slug")
    headers = Headers(json.loads(entry.bodies["headers"]))
    response = current_app.response_class(entry.bodies["body"], headers=headers)
    g.setdefault(FOUND, response.make_conditional(request))


def _serve() -> Response | None:
    return g.pop(FOUND, None)


def _store(response: Response) -> Response:
    noted = g.get(STATE)
    if (
        noted is None
        or request.method != "GET"
        or response.status_code != 200
        or not response.cache_control.public
        or "Set-Cookie" in response.headers
        or session
        or session.modified
        or response.is_streamed
        or not _eligible()
    ):
        return response
    from app.core.public_cache import public_store
    from app.safety.services import public_listings_allowed

    store = public_store()
    if store is not None:
        forum, number, published_at = noted
        listed = g.get(f"public_listings_allowed_{forum.id}")  # as cache_key asked it
        if listed is None:
            listed = public_listings_allowed(forum)
        key = _key(forum.slug, _state(number, published_at, listed))
        headers = json.dumps(list(response.headers.items())).encode()
        parts = {"headers": headers, "body": response.get_data()}
        store.set(key, Entry(response.content_type or "", response.get_etag()[0] or "", parts))
    return response
