"""The read-only public API under ``/api/v1``: forums, published programmes,
themes, rooms and publicly listed organizations as JSON, described by the
OpenAPI document at ``/api/v1/openapi.json``.

Only public data ever leaves it: no draft forum, no unlisted or hidden
organization, no presenter without consent, no contact, nothing about accounts.
The answers are the same for every reader (signed in or not), so they need no
cookie and may be cached by anyone.
"""
