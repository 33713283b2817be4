"""One model of visibility for people, used by every feature that shows them.

A person's details are ``private`` (the staff who need them and the person's own
organization), for ``participants`` (signed-in participants of the forum), or
``public``. A name appears publicly only with the person's consent — or their
chosen pseudonym instead — and never once they asked to be hidden.
"""

from enum import StrEnum


class Visibility(StrEnum):
    PRIVATE = "private"
    PARTICIPANTS = "participants"
    PUBLIC = "public"


def public_display_name(
    name: str, consent: bool, pseudonym: str | None, hidden: bool
) -> str | None:
    """What a public page or export may call this person, or None: leave them out."""
    if hidden:
        return None
    if pseudonym and pseudonym.strip():
        return pseudonym.strip()
    return name if consent else None


def visible_to(visibility: Visibility, *, is_staff_or_own: bool, is_participant: bool) -> bool:
    """May a reader see a person whose details have ``visibility``?"""
    if is_staff_or_own:
        return True
    if visibility is Visibility.PARTICIPANTS:
        return is_participant
    return visibility is Visibility.PUBLIC
