"""Cursor pagination of the API's long lists: ``?cursor=<opaque>&limit=<1..100>``.

A cursor is opaque to clients: base64url of a small JSON object naming the list
it belongs to and where the next page starts (after an id for lists ordered by
id, an offset into an unchanging published version for the programme). A cursor
of another list, or one that does not decode, is refused with 400 rather than
read from the start.
"""

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import request
from werkzeug.exceptions import BadRequest

Item = TypeVar("Item")
DEFAULT_LIMIT = 50
MAX_LIMIT = 100


class BadPageRequest(BadRequest):
    """A limit or cursor the API cannot serve; answered as ``{"error": api_error}``."""

    def __init__(self, api_error: str):
        super().__init__()
        self.api_error = api_error


@dataclass(frozen=True)
class PageRequest:
    """What the client asked for: ``position`` is the decoded cursor (None: the start)."""

    limit: int
    position: dict[str, Any] | None


def encode_cursor(kind: str, **position: Any) -> str:
    raw = json.dumps({"k": kind, **position}, separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str) -> dict[str, Any]:
    """The position in ``cursor``, which must belong to the list ``kind``."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        position = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        raise BadPageRequest("bad_cursor") from None
    if not isinstance(position, dict) or position.pop("k", None) != kind:
        raise BadPageRequest("bad_cursor")
    return position


def parse_limit(value: str | None) -> int:
    """The page size asked for: a whole number from 1 to MAX_LIMIT (default DEFAULT_LIMIT)."""
    if value is None:
        return DEFAULT_LIMIT
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_LIMIT:
        raise BadPageRequest("bad_limit")
    return int(value)


def page_request(kind: str) -> PageRequest:
    """The ``limit`` and ``cursor`` of the current request, checked."""
    limit = parse_limit(request.args.get("limit"))
    cursor = request.args.get("cursor")
    return PageRequest(limit, decode_cursor(kind, cursor) if cursor else None)


def position_int(position: dict[str, Any], key: str) -> int:
    """A whole, non-negative number from a decoded cursor (400 otherwise)."""
    value = position.get(key)
    if type(value) is not int or value < 0:
        raise BadPageRequest("bad_cursor")
    return value


def keyset_page(
    kind: str, load: Callable[[int | None, int], Sequence[Item]]
) -> tuple[Sequence[Item], str | None, int]:
    """One page of a list ordered by id: ``load(after_id, how_many)`` reads it.

    Returns the items, the cursor of the next page (None on the last one) and the
    limit used. One more item than asked is read to know whether a next page exists.
    """
    page = page_request(kind)
    after = position_int(page.position, "after") if page.position else None
    found = load(after, page.limit + 1)
    shown = found[: page.limit]
    cursor = encode_cursor(kind, after=shown[-1].id) if len(found) > page.limit else None
    return shown, cursor, page.limit
