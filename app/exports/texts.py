"""Text as the exports may carry it: no control characters, a short abstract.

XML 1.0 forbids most C0 control characters, so one stray character pasted into a
title would make schedule.xml not even well-formed; calendars and spreadsheets
choke on them too. Every text of every export goes through ``clean_text``.
"""

import re

# C0 except TAB and LF, DEL, C1, and the two non-characters XML forbids; lone
# surrogates cannot be encoded at all. (CR goes too: a CRLF becomes a LF first.)
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
ABSTRACT_LENGTH = 300


def clean_text(value: str | None) -> str:
    """``value`` without control characters, trimmed; None becomes ""."""
    if not value:
        return ""
    return _FORBIDDEN.sub("", value.replace("\r\n", "\n")).strip()


def abstract_of(description: str) -> str:
    """The first paragraph of ``description``, cut at a word near ABSTRACT_LENGTH."""
    first = description.strip().split("\n\n", 1)[0].strip()
    if len(first) <= ABSTRACT_LENGTH:
        return first
    cut = first[:ABSTRACT_LENGTH].rsplit(None, 1)[0]
    return f"{cut}…"
