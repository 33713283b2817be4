"""The public cache's fast path: a stored public page or export answered by a
small WSGI layer in front of Flask, before any request context, hook, session
or forum is touched.

A request that cannot be personal (GET or HEAD, no session or remember cookie,
no Authorization header) for one of ``ENDPOINTS`` is looked up under a key made
of the host, path and query string, the language a visitor without a session
gets (the ``lang`` cookie, else Accept-Language), the encoding the client
prefers, and the forum's published version, lockdown state and cache generation
as a per-process memo knows them. A hit is the final response, stored with the
headers every ``after_request`` hook gave it (security headers, compression),
so Flask is not asked at all; a conditional request gets its 304 here too.

The memo asks the database at most once per ``PUBLIC_FAST_PATH_MEMO_SECONDS``
(1 s) per forum, so a new publication, a lockdown or a "Hide us" shows in every
worker within a second (in the worker that did it, at once). The layer only
reads: the slow path stores, in the last ``after_request`` hook, the response of
a view that ``cached_public`` rendered for everyone, under the key of the state
it actually rendered. A miss, a draft forum or an unknown slug goes on to Flask.
"""

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime

from flask import Flask, Response, current_app, g, request, session
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RoutingException
from werkzeug.wrappers import Request

from app.core.compression import ALGORITHMS, accepted_encoding
from app.core.i18n import visitor_language
from app.core.public_cache_stores import IDENTITY, Entry

log = logging.getLogger(__name__)

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
# Decoded headers of this many stored responses are kept beside the store.
DECODED_LIMIT = 512

Headers = list[tuple[str, str]]


def clock() -> float:
    """Now, in seconds of a clock that only goes forward; tests move it."""
    return time.monotonic()


def init_public_fast_path(app: Flask) -> None:
    """Put the layer in front of Flask and register the hook that stores, run
    last of all ``after_request`` hooks so it keeps the final headers."""
    app.config.setdefault("PUBLIC_FAST_PATH", True)
    app.config.setdefault("PUBLIC_FAST_PATH_MEMO_SECONDS", 1.0)
    app.extensions[MEMO] = {}
    app.after_request_funcs.setdefault(None, []).insert(0, _store)
    app.wsgi_app = PublicFront(app, app.wsgi_app)


def note_public(forum, version, listed: bool, generation: str) -> None:
    """The response being rendered is the same for everyone who reads ``forum``'s
    ``version``: the fast path may keep it (called by ``cached_public``), filed
    under the lockdown state and cache generation asked before rendering. Asked
    after it, a lockdown or a "Hide us" that landed meanwhile would file a page
    rendered with organizations under the new state."""
    state = _state(version.number, version.published_at, listed, generation)
    g.setdefault(STATE, (forum.slug, state))


def forget_memo(slug: str | None = None) -> None:
    """This worker asks the database again: for ``slug``, or for every forum."""
    memo = current_app.extensions.get(MEMO, {})
    if slug is None:
        memo.clear()
    else:
        memo.pop(slug, None)


class PublicFront:
    """The WSGI layer: answers from the store, or hands the request to Flask."""

    def __init__(self, app: Flask, wsgi_app: Callable):
        self.app = app
        self.wsgi_app = wsgi_app
        self._decoded: dict[str, tuple[Entry, Headers]] = {}

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        try:
            found = self._stored(environ)
        except Exception:  # a miss, never an error: Flask answers, with its own pages
            log.exception("public fast path: lookup failed")
            found = None
        if found is None:
            return self.wsgi_app(environ, start_response)
        headers, body = found
        if environ["REQUEST_METHOD"] == "GET" and not _is_conditional(environ):
            start_response("200 OK", headers)
            return [body]
        # HEAD and conditional requests: werkzeug answers them as Flask would have.
        response = Response(body, headers=headers)
        response.make_conditional(environ)
        return response(environ, start_response)

    def _stored(self, environ: dict) -> tuple[Headers, bytes] | None:
        config = self.app.config
        store = self.app.extensions.get("public_cache")
        if store is None or not config["PUBLIC_FAST_PATH"]:
            return None
        asked = self.app.request_class(environ)
        if not _eligible(asked, config):
            return None
        try:
            endpoint, values = self.app.create_url_adapter(asked).match()
        except (HTTPException, RoutingException):
            return None  # Flask answers it (404, 405, a redirect)
        if endpoint not in ENDPOINTS or "forum_slug" not in values:
            return None
        slug = values["forum_slug"]
        state = self._memo_state(slug)
        if state is None:
            return None
        key = request_key(asked, config, slug, state)
        entry = store.get(key)
        if entry is None:
            return None
        return self._decode(key, entry)

    def _memo_state(self, slug: str) -> str | None:
        known = self.app.extensions[MEMO].get(slug)
        if known is not None and known[0] > clock():
            return known[1]
        with self.app.app_context():
            return _memo_state(slug)

    def _decode(self, key: str, entry: Entry) -> tuple[Headers, bytes]:
        """The stored headers as a list, decoded once per entry."""
        decoded = self._decoded.get(key)
        if decoded is None or decoded[0] is not entry:
            headers = [(name, value) for name, value in json.loads(entry.bodies["headers"])]
            decoded = (entry, headers)
            if len(self._decoded) >= DECODED_LIMIT:
                self._decoded.clear()
            self._decoded[key] = decoded
        return decoded[1], entry.bodies["body"]


def request_key(asked: Request, config: Mapping, slug: str, state: str) -> str:
    """Where the response to ``asked`` is kept, for the forum ``slug`` in ``state``."""
    seen_as = f"{asked.scheme}://{asked.host}|{asked.full_path}"
    digest = hashlib.blake2b(seen_as.encode(), digest_size=12).hexdigest()
    encoding = accepted_encoding(ALGORITHMS, asked.accept_encodings) or IDENTITY
    language = visitor_language(asked, config)
    prefix = config["PUBLIC_CACHE_PREFIX"]
    return f"{prefix}:{slug}:fast:{state}:{language}:{encoding}:{digest}"


def _generation() -> str:
    from app.core.public_cache import public_store

    store = public_store()
    return store.generation() if store is not None else "0"


def _state(number: int, published_at: datetime, listed: bool, generation: str) -> str:
    stamp = int(published_at.timestamp() * 1_000_000)
    return f"{number}.{stamp}:{'listed' if listed else 'lockdown'}:{generation}"


def _memo_state(slug: str) -> str | None:
    """The forum's published state, asked at most once a second; None when the
    forum is unknown, a draft, or has nothing published."""
    from app.forums.models import ForumStatus
    from app.forums.scope import forum_by_slug
    from app.safety.services import public_listings_allowed
    from app.scheduling.publishing import published_programme

    now = clock()
    forum = forum_by_slug(slug)
    if forum is None:
        return None  # not remembered: unknown slugs would fill the memo
    version = None if forum.status is ForumStatus.DRAFT else published_programme(forum)
    state = None
    if version is not None:
        listed = public_listings_allowed(forum)
        state = _state(version.number, version.published_at, listed, _generation())
    memo_seconds = current_app.config["PUBLIC_FAST_PATH_MEMO_SECONDS"]
    current_app.extensions[MEMO][slug] = (now + memo_seconds, state)
    return state


def _eligible(asked: Request, config: Mapping) -> bool:
    """A request nothing about which is personal."""
    cookies = asked.cookies
    return (
        asked.method in ("GET", "HEAD")
        and config["SESSION_COOKIE_NAME"] not in cookies
        and config.get("REMEMBER_COOKIE_NAME", "remember_token") not in cookies
        and "Authorization" not in asked.headers
    )


def _is_conditional(environ: dict) -> bool:
    return "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ


def _store(response: Response) -> Response:
    """Keep a response rendered for everyone, as it leaves Flask, for the layer."""
    noted = g.get(STATE)
    config = current_app.config
    if (
        noted is None
        or not config["PUBLIC_FAST_PATH"]
        or request.method != "GET"
        or request.endpoint not in ENDPOINTS
        or response.status_code != 200
        or not response.cache_control.public
        or "Set-Cookie" in response.headers
        or session
        or session.modified
        or response.is_streamed
        or not _eligible(request, config)
    ):
        return response
    from app.core.public_cache import public_store

    store = public_store()
    if store is not None:
        slug, state = noted
        key = request_key(request, config, slug, state)
        headers = json.dumps(list(response.headers.items())).encode()
        parts = {"headers": headers, "body": response.get_data()}
        store.set(key, Entry(response.content_type or "", response.get_etag()[0] or "", parts))
    return response
