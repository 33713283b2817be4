"""Where a ``next=`` parameter may send the user: only to a path on this site."""

import unicodedata
from urllib.parse import unquote, urlsplit

from flask import request


def safe_next_path(target: str | None) -> str | None:
    """Return ``target`` when it is a plain local path, else None.

    Browsers forgive a lot (backslashes as slashes, tabs and newlines dropped,
    scheme-relative ``//host``), and a proxy may decode ``%2f`` once more, so
    anything that is not an unambiguous ``/path?query`` is refused rather than
    repaired.
    """
    if not target or len(target) > 2048:
        return None
    if _has_invisible_characters(target, spaces_too=True) or not _starts_as_local_path(target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    decoded = unquote(target)
    if _has_invisible_characters(decoded) or not _starts_as_local_path(decoded):
        return None
    return target


def _starts_as_local_path(target: str) -> bool:
    return target.startswith("/") and not target.startswith("//") and "\\" not in target


def _has_invisible_characters(target: str, spaces_too: bool = False) -> bool:
    """Control and format characters (and raw spaces), which browsers drop or trim."""
    refused = "CZ" if spaces_too else "C"
    return any(unicodedata.category(ch)[0] in refused for ch in target)


def current_path() -> str:
    """This request's path and query, as a ``next=`` value."""
    return request.full_path.rstrip("?")
