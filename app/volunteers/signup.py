"""Volunteering for a forum: signing up inside its window, changing one's details,
withdrawing.

A user has at most one Volunteer row per forum. Signing up is possible only while
the forum's volunteering window is open (its local dates, as on the forum's page);
a volunteer who withdrew may sign up again then, one a coordinator turned down may
not. The forum's policy approves at once or leaves the volunteer pending for a
coordinator. Details can be changed while the forum is open; withdrawing drops the
volunteer's shifts that have not started (whatever the drop cut-off: the
coordinators see the gap on their coverage page).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum

import sqlalchemy as sa

from app.accounts.models import User
from app.core.feed_addresses import new_feed_nonce
from app.extensions import db
from app.forums.listing import Action, WindowState, what_can_be_done
from app.forums.models import Day, Forum, ForumStatus
from app.organizations.contacts import normalise_phone
from app.volunteers.models import (
    ContactPreference,
    Shift,
    ShiftSignup,
    Volunteer,
    VolunteerAvailability,
    VolunteerStatus,
)
from app.volunteers.taking import policy_of, shift_starts

# Languages a volunteer may say they speak: the forum's three, and others heard at
# the forum (Kurmanji/Badini, Turkmen, Syriac, French).
VOLUNTEER_LANGUAGES = ("ar", "ckb", "en", "kmr", "tr", "syr", "fr")
SKILLS = (
    "first_aid",
    "guiding",
    "interpreting",
    "it",
    "media",
    "logistics",
    "registration_desk",
    "sign_language",
    "driving",
    "childcare",
)
MAX_NOTES = 1000
# A phone is needed to be reached by anything but email.
NEEDS_PHONE = frozenset(ContactPreference) - {ContactPreference.EMAIL}
ACTIVE = frozenset({VolunteerStatus.PENDING, VolunteerStatus.APPROVED})


class DetailProblem(StrEnum):
    NO_LANGUAGE = "no_language"
    UNKNOWN_LANGUAGE = "unknown_language"
    UNKNOWN_SKILL = "unknown_skill"
    INVALID_PHONE = "invalid_phone"
    PHONE_NEEDED = "phone_needed"
    NO_DAY = "no_day"
    UNKNOWN_DAY = "unknown_day"
    ENDS_BEFORE_START = "ends_before_start"
    TOO_LONG = "too_long"


@dataclass(frozen=True)
class DetailError:
    """``field`` is a detail's name; for a day's times, ``day_id`` says which day."""

    field: str
    problem: DetailProblem
    day_id: int | None = None


@dataclass(frozen=True)
class DayAvailability:
    """A day the volunteer can work, between two times (None: from its start / to its end)."""

    day_id: int
    starts_at: time | None = None
    ends_at: time | None = None


@dataclass(frozen=True)
class VolunteerDetails:
    """What a volunteer tells the coordinators; the phone as typed."""

    languages: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    availability: tuple[DayAvailability, ...] = ()
    phone: str | None = None
    contact_preference: ContactPreference = ContactPreference.EMAIL
    notes: str | None = None

    @classmethod
    def of(cls, volunteer: Volunteer) -> "VolunteerDetails":
        """A volunteer's details as kept, to fill the form with."""
        return cls(
            languages=tuple(volunteer.languages or ()),
            skills=tuple(volunteer.skills or ()),
            availability=tuple(
                DayAvailability(a.day_id, a.starts_at, a.ends_at) for a in volunteer.availability
            ),
            phone=volunteer.phone,
            contact_preference=volunteer.contact_preference,
            notes=volunteer.notes,
        )


class SignupClosed(Exception):
    """The volunteering window is not open (or the forum is not open)."""


class SignupRefused(Exception):
    """A coordinator turned this volunteer down for the forum; they cannot sign up again."""


class DetailsRejected(Exception):
    def __init__(self, errors: Iterable[DetailError]):
        self.errors = list(errors)
        super().__init__(", ".join(f"{e.field}: {e.problem}" for e in self.errors))


class NotVolunteering(Exception):
    """The volunteer has withdrawn or was turned down: nothing to change."""


def volunteering_is_open(forum: Forum, now: datetime) -> bool:
    """Inside the forum's volunteering window (both ends included, forum's local
    dates) of an open forum: the same rule as the forum page's "what can be done"."""
    windows = what_can_be_done(forum, now)
    return any(w.action is Action.VOLUNTEER and w.state is WindowState.OPEN for w in windows)


def can_edit_details(forum: Forum) -> bool:
    """Volunteers keep their details up to date while the forum is open, even after
    the sign-up window (availability changes close to the days)."""
    return forum.status is ForumStatus.OPEN


def volunteer_of(forum: Forum, user: User) -> Volunteer | None:
    """``user``'s volunteer row in ``forum`` (whatever its status), or None."""
    if user is None or not user.is_authenticated:
        return None
    return db.session.scalar(
        sa.select(Volunteer).where(Volunteer.forum_id == forum.id, Volunteer.user_id == user.id)
    )


def _clean(text: str | None) -> str | None:
    text = (text or "").replace("\r\n", "\n").strip()
    return text or None


def check_details(
    forum: Forum, details: VolunteerDetails
) -> tuple[VolunteerDetails, list[DetailError]]:
    """The details cleaned (phone in E.164, codes in their list's order, days of the
    forum in date order) and what is wrong with them: at least one language, known
    languages and skills, a real phone (needed unless contacted by email), at least
    one day of the forum (when it has days), each day's times in order."""
    errors: list[DetailError] = []
    languages = [code for code in VOLUNTEER_LANGUAGES if code in details.languages]
    if not details.languages:
        errors.append(DetailError("languages", DetailProblem.NO_LANGUAGE))
    elif set(details.languages) - set(VOLUNTEER_LANGUAGES):
        errors.append(DetailError("languages", DetailProblem.UNKNOWN_LANGUAGE))
    skills = [code for code in SKILLS if code in details.skills]
    if set(details.skills) - set(SKILLS):
        errors.append(DetailError("skills", DetailProblem.UNKNOWN_SKILL))
    phone = _clean(details.phone)
    if phone is not None:
        try:
            phone = normalise_phone(phone)
        except ValueError:
            errors.append(DetailError("phone", DetailProblem.INVALID_PHONE))
    elif details.contact_preference in NEEDS_PHONE:
        errors.append(DetailError("phone", DetailProblem.PHONE_NEEDED))
    notes = _clean(details.notes)
    if notes is not None and len(notes) > MAX_NOTES:
        errors.append(DetailError("notes", DetailProblem.TOO_LONG))
    errors.extend(_availability_errors(forum, details.availability))
    order = {day.id: position for position, day in enumerate(forum.days)}
    availability = sorted(
        (a for a in details.availability if a.day_id in order), key=lambda a: order[a.day_id]
    )
    cleaned = VolunteerDetails(
        languages=tuple(languages),
        skills=tuple(skills),
        availability=tuple(availability),
        phone=phone,
        contact_preference=details.contact_preference,
        notes=notes,
    )
    return cleaned, errors


def _availability_errors(forum: Forum, given: tuple[DayAvailability, ...]) -> list[DetailError]:
    day_ids = {day.id for day in forum.days}
    errors = []
    if day_ids and not given:
        errors.append(DetailError("availability", DetailProblem.NO_DAY))
    for available in given:
        if available.day_id not in day_ids:
            errors.append(DetailError("availability", DetailProblem.UNKNOWN_DAY))
        elif (
            available.starts_at is not None
            and available.ends_at is not None
            and available.starts_at >= available.ends_at
        ):
            errors.append(
                DetailError("availability", DetailProblem.ENDS_BEFORE_START, available.day_id)
            )
    return errors


def _apply(volunteer: Volunteer, details: VolunteerDetails) -> None:
    volunteer.languages = list(details.languages)
    volunteer.skills = list(details.skills)
    volunteer.phone = details.phone
    volunteer.contact_preference = details.contact_preference
    volunteer.notes = details.notes
    kept = {a.day_id: a for a in volunteer.availability}
    wanted = {a.day_id: a for a in details.availability}
    for day_id, row in kept.items():
        if day_id not in wanted:
            volunteer.availability.remove(row)
    for day_id, available in wanted.items():
        row = kept.get(day_id)
        if row is None:
            row = VolunteerAvailability(day_id=day_id)
            volunteer.availability.append(row)
        row.starts_at, row.ends_at = available.starts_at, available.ends_at


def volunteer_for(
    forum: Forum, user: User, details: VolunteerDetails, *, now: datetime
) -> Volunteer:
    """Sign ``user`` up as a volunteer of ``forum`` with ``details``.

    Only inside the volunteering window (SignupClosed); never for someone a
    coordinator turned down (SignupRefused); bad details raise DetailsRejected. A
    pending or approved volunteer signing up again just changes their details. The
    forum's policy approves at once (auto-approve) or leaves the volunteer pending.
    """
    existing = volunteer_of(forum, user)
    if existing is not None and existing.status in ACTIVE:
        return update_details(existing, details)
    if existing is not None and existing.status is VolunteerStatus.REJECTED:
        raise SignupRefused()
    if not volunteering_is_open(forum, now):
        raise SignupClosed()
    cleaned, errors = check_details(forum, details)
    if errors:
        raise DetailsRejected(errors)
    volunteer = existing or Volunteer(forum_id=forum.id, user_id=user.id)
    _apply(volunteer, cleaned)
    volunteer.created_at = now
    volunteer.feed_nonce = new_feed_nonce()
    if policy_of(forum).auto_approve:
        volunteer.status = VolunteerStatus.APPROVED
        volunteer.decided_at, volunteer.decided_by_id = now, None
    else:
        volunteer.status = VolunteerStatus.PENDING
        volunteer.decided_at, volunteer.decided_by_id = None, None
    db.session.add(volunteer)
    db.session.flush()
    return volunteer


def update_details(volunteer: Volunteer, details: VolunteerDetails) -> Volunteer:
    """Change a pending or approved volunteer's details (their status stays); only
    while the forum is open."""
    if volunteer.status not in ACTIVE:
        raise NotVolunteering()
    if not can_edit_details(volunteer.forum):
        raise SignupClosed()
    cleaned, errors = check_details(volunteer.forum, details)
    if errors:
        raise DetailsRejected(errors)
    _apply(volunteer, cleaned)
    db.session.flush()
    return volunteer


def withdraw_volunteering(volunteer: Volunteer, *, now: datetime) -> int:
    """The volunteer stops volunteering for the forum: their shifts that have not
    started are dropped (the ones done or under way stay, for the hours worked).
    Returns how many shifts were dropped. The calendar address stops working."""
    if volunteer.status not in ACTIVE:
        raise NotVolunteering()
    signups = db.session.scalars(
        sa.select(ShiftSignup)
        .join(Shift, ShiftSignup.shift_id == Shift.id)
        .join(Day, Shift.day_id == Day.id)
        .where(ShiftSignup.volunteer_id == volunteer.id)
    ).all()
    dropped = 0
    for signup in signups:
        if shift_starts(signup.shift) > now:
            db.session.delete(signup)
            dropped += 1
    volunteer.status = VolunteerStatus.WITHDRAWN
    volunteer.feed_nonce = new_feed_nonce()
    db.session.flush()
    return dropped
