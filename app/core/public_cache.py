"""Public pages and exports, rendered once per published version and language.

What the public reads of a forum depends on its latest published version, so a
page or export is rendered once per forum, kind, version, lockdown state,
language and variant (a filter, a format), kept in a cache (Redis when
``REDIS_URL`` is set, else a bounded in-process LRU) and served from there with
an ETag (a hash of the bytes) and Last-Modified (when the version was
published); a matching conditional request gets 304 and no body.

The key names the version by number and publication time, so a new version is a
new key in every worker at once, and ``publish_schedule`` forgets the forum's old
entries. A lockdown is part of the key too: organizations and presenters vanish
from the very next request. So is a generation that ``forget_everything`` moves
(a stamp file every worker of the host sees, or a counter in Redis) when an
organization or a person asks to be hidden. Entries also expire after
``PUBLIC_CACHE_TTL`` seconds, so a corrected title shows within minutes without a
new version.

Only public content is cached, never a visitor's header, form token or flash:
``cached_page`` serves the whole page from the cache to visitors who carry no
session and are not signed in, and for everyone else renders the layout around
the cached main content (``cached_fragment``) on each request. Such public
responses are also kept whole, as they leave Flask, for the fast path
(public_fast_path.py): a WSGI layer that serves them before Flask runs, seeing
a new version, a lockdown or a new generation within a second.
"""

import hashlib
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask, Response, current_app, g, request, session
from flask_login import current_user
from markupsafe import Markup

from app.core.after_commit import run_after_commit
from app.core.compression import ALGORITHMS, accepted_encoding, compress_for_cache
from app.core.i18n import current_language
from app.core.public_cache_stores import IDENTITY, Entry, MemoryStore, RedisStore, Store
from app.core.public_fast_path import forget_memo, note_public

if TYPE_CHECKING:
    from app.forums.models import Forum
    from app.scheduling.models import ScheduleVersion

HTML = "text/html; charset=utf-8"
Render = Callable[[], tuple[bytes | str, str]]


def init_public_cache(app: Flask) -> None:
    """Choose the store: ``PUBLIC_CACHE`` is "auto" (Redis when ``REDIS_URL`` is
    set, else memory), "memory", "redis" or "off" (render every time)."""
    app.config.setdefault("PUBLIC_CACHE", "auto")
    app.config.setdefault("PUBLIC_CACHE_TTL", 300)
    app.config.setdefault("PUBLIC_CACHE_MAX_BYTES", 64 * 1024 * 1024)
    app.config.setdefault("PUBLIC_CACHE_PREFIX", "muntada:public")
    # How long browsers and proxies may reuse a public page without asking again.
    app.config.setdefault("PUBLIC_MAX_AGE", 60)
    app.extensions["public_cache"] = _make_store(app)
    app.after_request(_keep_sessions_out_of_shared_caches)


def _make_store(app: Flask) -> Store | None:
    choice = app.config["PUBLIC_CACHE"]
    if choice == "off":
        return None
    stamp = Path(app.instance_path) / "public-cache-generation"
    size, ttl = app.config["PUBLIC_CACHE_MAX_BYTES"], app.config["PUBLIC_CACHE_TTL"]
    if choice == "redis" or (choice == "auto" and app.config.get("REDIS_URL")):
        generation_key = f"{app.config['PUBLIC_CACHE_PREFIX']}-generation"
        return RedisStore(app.config["REDIS_URL"], ttl, MemoryStore(size, ttl), generation_key)
    return MemoryStore(size, ttl, stamp)


def public_store() -> Store | None:
    return current_app.extensions.get("public_cache")


def cached_public(
    kind: str,
    forum: "Forum",
    version: "ScheduleVersion | None",
    render: Render,
    variant: str = "",
    language: str | None = None,
    personal: bool = False,
) -> Response:
    """The response of ``render()`` (bytes or text, content type), the same for
    everyone who reads ``forum``'s ``version`` in ``language``: from the cache
    when it holds it, rendered once otherwise. Nothing published (``version``
    None): rendered every time, as it is small and may change at any moment."""
    if version is None:
        body, content_type = render()
        return public_response(body, content_type, None, personal)
    if not personal and public_store() is not None:
        note_public(forum, version, *request_state(forum))
    key = partial(cache_key, kind, forum, version, language or current_language(), variant)
    entry = _lookup(key, lambda: _entry(*render(), compress=True))
    return _respond(entry, version.published_at, personal)


def cached_fragment(
    kind: str,
    forum: "Forum",
    version: "ScheduleVersion | None",
    render: Callable[[], str],
    variant: str = "",
    language: str | None = None,
) -> Markup:
    """The HTML of ``render()`` (a page's main content, with no per-visitor part),
    from the cache when it holds it."""
    if version is None:
        return Markup(render())  # noqa: S704 - HTML our own templates rendered, escaped there
    language = language or current_language()
    key = partial(cache_key, f"{kind}.fragment", forum, version, language, variant)
    entry = _lookup(key, lambda: _entry(render(), HTML, compress=False))
    return Markup(entry.bodies[IDENTITY].decode())  # noqa: S704 - as above, from the cache


def cached_page(
    kind: str,
    forum: "Forum",
    version: "ScheduleVersion | None",
    content: Callable[[], str],
    layout: Callable[[Markup], str],
    variant: str = "",
) -> Response:
    """An HTML page: ``content()`` renders the public main part, ``layout(main)``
    the page around it (header, flashes). A visitor with no session gets the whole
    page from the cache; anyone else the cached main part in a fresh layout."""
    if not has_no_session():
        main = cached_fragment(kind, forum, version, content, variant)
        return public_response(layout(main), HTML, _published_at(version), personal=True)

    def whole_page() -> tuple[str, str]:
        return layout(cached_fragment(kind, forum, version, content, variant)), HTML

    # The header links back to this very URL (the language switch), so it is part of the key.
    return cached_public(
        f"{kind}.page", forum, version, whole_page, f"{variant}|{request.full_path}"
    )


def has_no_session() -> bool:
    """A visitor who is not signed in and carries no session (no flash, no form
    token): the whole page may come from the cache, shared with every such visitor."""
    return not current_user.is_authenticated and not session


def public_response(
    body: bytes | str, content_type: str, last_modified: datetime | None, personal: bool = False
) -> Response:
    """A response rendered for this request, with the same validators as a cached one."""
    return _respond(_entry(body, content_type, compress=False), last_modified, personal)


def cache_key(
    kind: str, forum: "Forum", version: "ScheduleVersion", language: str, variant: str
) -> str:
    """The forum's slug comes first, so its entries can be forgotten together."""
    listed, generation = request_state(forum)
    listings = "listed" if listed else "lockdown"
    stamp = int(version.published_at.timestamp() * 1_000_000)
    # Exports carry absolute links: the host and scheme they were asked on are part of it.
    seen_as = f"{request.scheme}://{request.host}|{variant}"
    digest = hashlib.blake2b(seen_as.encode(), digest_size=12).hexdigest()
    prefix = current_app.config["PUBLIC_CACHE_PREFIX"]
    return (
        f"{prefix}:{forum.slug}:{kind}:{version.number}.{stamp}:{listings}:{generation}"
        f":{language}:{digest}"
    )


def request_state(forum: "Forum") -> tuple[bool, str]:
    """Whether the forum's public listings are allowed (no lockdown) and the cache
    generation, asked once a request: a page, its main part and the fast path's
    copy are all filed under what was asked before rendering."""
    from app.safety.services import public_listings_allowed

    name = f"public_state_{forum.id}"
    if name not in g:
        store = public_store()
        generation = store.generation() if store is not None else "0"
        setattr(g, name, (public_listings_allowed(forum), generation))
    return getattr(g, name)


def forget_everything() -> None:
    """Retire every cached page of every forum, in every worker at once: someone
    asked to be hidden ("Hide us", "Hide me"), and public pages promise it at once.
    Done when the change commits: a page rendered from the rows before it could
    otherwise be kept under the new generation."""
    run_after_commit(_retire_everything)


def forget_forum(slug: str) -> None:
    """Drop every cached page and export of the forum (called when it publishes),
    once the publication commits."""
    run_after_commit(partial(_drop_forum, slug))


def _retire_everything() -> None:
    store = public_store()
    if store is not None:
        store.next_generation()
    forget_memo()


def _drop_forum(slug: str) -> None:
    store = public_store()
    if store is not None:
        store.forget(f"{current_app.config['PUBLIC_CACHE_PREFIX']}:{slug}:")
    forget_memo(slug)


def _lookup(key: Callable[[], str], make: Callable[[], Entry]) -> Entry:
    """The stored entry, else ``make()``'s, stored; the key is only worked out
    (a lockdown query) when there is a store."""
    store = public_store()
    if store is None:
        return make()
    name = key()
    entry = store.get(name)
    if entry is None:
        entry = make()
        store.set(name, entry)
    return entry


def _entry(body: bytes | str, content_type: str, compress: bool) -> Entry:
    data = body.encode() if isinstance(body, str) else body
    bodies = {IDENTITY: data}
    if compress:
        bodies.update(compress_for_cache(data, content_type))
    etag = hashlib.blake2b(data, digest_size=16).hexdigest()
    return Entry(content_type, etag, bodies)


def _respond(entry: Entry, last_modified: datetime | None, personal: bool) -> Response:
    encoding = _chosen_encoding(entry)
    response = current_app.response_class(entry.bodies[encoding], content_type=entry.content_type)
    if encoding == IDENTITY:
        response.set_etag(entry.etag)
    else:
        # Each encoding is other bytes, so it has its own strong validator.
        response.headers["Content-Encoding"] = encoding
        response.set_etag(f"{entry.etag}:{encoding}")
    if last_modified is not None:
        response.last_modified = last_modified
    if personal:
        response.cache_control.private = True
    else:
        response.cache_control.public = True
    response.cache_control.max_age = current_app.config["PUBLIC_MAX_AGE"]
    # The language comes from the account, the "lang" cookie or the browser.
    response.vary.update(("Cookie", "Accept-Language", "Accept-Encoding"))
    return response.make_conditional(request)


def _chosen_encoding(entry: Entry) -> str:
    kept = tuple(encoding for encoding in ALGORITHMS if encoding in entry.bodies)
    return accepted_encoding(kept) or IDENTITY


def _published_at(version: "ScheduleVersion | None") -> datetime | None:
    return version.published_at if version is not None else None


def _keep_sessions_out_of_shared_caches(response: Response) -> Response:
    """A response that writes a cookie belongs to one visitor: never public."""
    if response.cache_control.public and (session.modified or "Set-Cookie" in response.headers):
        response.cache_control.public = False
        response.cache_control.private = True
    return response
