"""Identifiers consumers keep between imports: GUIDs, slugs, the acronym.

GUIDs are UUID version 5 of a fixed namespace and the forum's slug with the
object's id, so every re-export, and every later published version, gives a
session or room the same GUID (Engelsystem and the video pipelines re-import by
GUID: a new one deletes and recreates their shifts and recordings). Slugs are
ASCII, as the c3voc schemas require, even for an all-Arabic or all-Kurdish title:
the ASCII letters of the English title if there are some, else "session".
"""

import re
import unicodedata
import uuid

# Fixed for ever: changing it changes every GUID ever exported.
NAMESPACE = uuid.UUID("5d0c8c52-4f1e-5b8a-9a7c-6d756e746164")
SLUG_WORDS_LENGTH = 50


def acronym_of(forum_slug: str) -> str:
    """The forum's slug as both schemas accept an acronym: letters, digits and
    underscores (the JSON schema allows no inner hyphen), at least four long."""
    return re.sub(r"[^a-z0-9_]", "_", forum_slug.lower()).ljust(4, "_")


def session_guid(forum_slug: str, activity_id: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{forum_slug}/session/{activity_id}"))


def room_guid(forum_slug: str, room_id: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{forum_slug}/room/{room_id}"))


def ascii_words(text: str) -> str:
    """The ASCII letters and digits of ``text``, lower case, joined by hyphens."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return words[:SLUG_WORDS_LENGTH].strip("-")


def session_slug(forum_slug: str, activity_id: int, title: str) -> str:
    """``<acronym>-<id>-<ascii words of title>``, or ``<acronym>-<id>-session``."""
    words = ascii_words(title)
    if len(words) < 3:
        words = "-".join(part for part in (words, "session") if part)
    return f"{acronym_of(forum_slug)}-{activity_id}-{words}"


def theme_slug(theme_id: int) -> str:
    return f"theme-{theme_id}"
