"""Delegates of a registration: what is given for each person, checked and normalised.

A delegate has a name; a phone (Iraqi numbers by default, kept in E.164) and an
email are optional; gender is optional too ("prefer not to say" keeps none). The
languages a delegate speaks are the forum's languages or "another language"; the
interpretation they need is into one of the forum's languages.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from email_validator import EmailNotValidError, validate_email

from app.forums.models import Forum
from app.organizations.contacts import normalise_phone
from app.organizations.models import Delegate, Gender, Registration

# Spoken besides the forum's own languages; the delegate says which under other needs.
OTHER_LANGUAGE = "other"
MAX_NAME = 200
MAX_OTHER_NEEDS = 1000


class DelegateProblem(StrEnum):
    NO_NAME = "no_name"
    TOO_LONG = "too_long"
    INVALID_PHONE = "invalid_phone"
    INVALID_EMAIL = "invalid_email"
    UNKNOWN_LANGUAGE = "unknown_language"


@dataclass(frozen=True)
class DelegateError:
    """``row`` is where the delegate was typed (DelegateDetails.row), ``field`` a
    DelegateDetails field; ``data`` fills the message (a maximum length)."""

    row: int
    field: str
    problem: DelegateProblem
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DelegateDetails:
    """One person as given in a form; ``delegate_id`` names the delegate it changes
    (None: a new one), ``row`` where it was typed, to put errors beside it."""

    name: str | None
    phone: str | None = None
    email: str | None = None
    gender: Gender | None = None
    languages: tuple[str, ...] = ()
    interpretation_into: tuple[str, ...] = ()
    needs_step_free: bool = False
    other_needs: str | None = None
    delegate_id: int | None = None
    row: int = 0

    @classmethod
    def of(cls, delegate: Delegate) -> "DelegateDetails":
        """A delegate as kept, to fill a form with."""
        return cls(
            name=delegate.name,
            phone=delegate.phone,
            email=delegate.email,
            gender=delegate.gender,
            languages=tuple(delegate.languages or ()),
            interpretation_into=tuple(delegate.interpretation_into or ()),
            needs_step_free=delegate.needs_step_free,
            other_needs=delegate.other_needs,
            delegate_id=delegate.id,
            row=delegate.position,
        )


def _clean(text: str | None) -> str | None:
    text = (text or "").replace("\r\n", "\n").strip()
    return text or None


def spoken_language_codes(forum: Forum) -> tuple[str, ...]:
    return (*forum.languages, OTHER_LANGUAGE)


def check_delegates(
    forum: Forum, given: Iterable[DelegateDetails]
) -> tuple[list[DelegateDetails], list[DelegateError]]:
    """The delegates cleaned (text stripped, phone in E.164, email normalised) and
    what is wrong with them: a name is required; phone and email must be real
    ones; languages are the forum's (or "another"); interpretation is into one of
    the forum's languages."""
    cleaned, errors = [], []
    for details in given:
        name, other_needs = _clean(details.name), _clean(details.other_needs)
        phone, email = _clean(details.phone), _clean(details.email)
        row = details.row
        if name is None:
            errors.append(DelegateError(row, "name", DelegateProblem.NO_NAME))
        elif len(name) > MAX_NAME:
            errors.append(DelegateError(row, "name", DelegateProblem.TOO_LONG, {"max": MAX_NAME}))
        if phone is not None:
            try:
                phone = normalise_phone(phone)
            except ValueError:
                errors.append(DelegateError(row, "phone", DelegateProblem.INVALID_PHONE))
        if email is not None:
            try:
                email = validate_email(email, check_deliverability=False).normalized
            except EmailNotValidError:
                errors.append(DelegateError(row, "email", DelegateProblem.INVALID_EMAIL))
        if set(details.languages) - set(spoken_language_codes(forum)):
            errors.append(DelegateError(row, "languages", DelegateProblem.UNKNOWN_LANGUAGE))
        if set(details.interpretation_into) - set(forum.languages):
            errors.append(
                DelegateError(row, "interpretation_into", DelegateProblem.UNKNOWN_LANGUAGE)
            )
        if other_needs is not None and len(other_needs) > MAX_OTHER_NEEDS:
            errors.append(
                DelegateError(
                    row, "other_needs", DelegateProblem.TOO_LONG, {"max": MAX_OTHER_NEEDS}
                )
            )
        cleaned.append(
            replace(
                details,
                name=name,
                phone=phone,
                email=email,
                other_needs=other_needs,
                languages=tuple(dict.fromkeys(details.languages)),
                interpretation_into=tuple(dict.fromkeys(details.interpretation_into)),
            )
        )
    return cleaned, errors


def apply_delegates(registration: Registration, delegates: list[DelegateDetails]) -> None:
    """Make the registration's delegates these, in this order: a delegate named by
    ``delegate_id`` (of this registration only) is changed, the others are added,
    and the registration's delegates not named are removed."""
    existing = {delegate.id: delegate for delegate in registration.delegates}
    kept = []
    for position, details in enumerate(delegates):
        delegate = existing.pop(details.delegate_id, None) if details.delegate_id else None
        if delegate is None:
            delegate = Delegate()
        delegate.position = position
        delegate.name = details.name
        delegate.phone = details.phone
        delegate.email = details.email
        delegate.gender = details.gender
        delegate.languages = list(details.languages)
        delegate.interpretation_into = list(details.interpretation_into)
        delegate.needs_step_free = details.needs_step_free
        delegate.other_needs = details.other_needs
        kept.append(delegate)
    registration.delegates = kept
