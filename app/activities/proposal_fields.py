"""The fields of a proposal as a form gives them, checked and cleaned, and what a
complete proposal needs. Plain checks over the forum's choices; no flush, no audit.

Spoken languages are ar, ckb, en or "other"; interpretation is into the forum's own
languages and needs a mode; the theme and the days are the forum's; equipment is
one of app.forums.venue's EQUIPMENT; a length is 1–3 slots; expected attendance at
least one person. Presenters have a name; a phone (Iraqi unless written with a
country code, kept in E.164) and an email are optional but real when given.
"""

from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from enum import StrEnum
from typing import Any

from email_validator import EmailNotValidError, validate_email

from app.activities.models import Activity, ActivityFormat, InterpretationMode
from app.forums.models import Forum
from app.forums.venue import EQUIPMENT, MAX_CAPACITY
from app.organizations.contacts import normalise_phone
from app.organizations.registration_delegates import OTHER_LANGUAGE

LANGUAGES = ("ar", "ckb", "en")
LENGTHS = range(1, 4)  # in time slots
MAX_TITLE = MAX_NAME = 200
TEXT_FIELDS = tuple(f"{kind}_{code}" for kind in ("title", "description") for code in LANGUAGES)
FIELDS = frozenset(
    {
        *TEXT_FIELDS,
        "accessibility_notes",
        "theme_id",
        "format",
        "spoken_languages",
        "interpretation_into",
        "interpretation_mode",
        "expected_attendance",
        "length_slots",
        "equipment",
        "preferred_day_ids",
        "impossible_day_ids",
        "presenters",
    }
)


class FieldProblem(StrEnum):
    MISSING = "missing"
    TOO_LONG = "too_long"
    UNKNOWN_THEME = "unknown_theme"
    UNKNOWN_FORMAT = "unknown_format"
    UNKNOWN_LANGUAGE = "unknown_language"
    UNKNOWN_MODE = "unknown_mode"
    MODE_REQUIRED = "mode_required"
    MODE_WITHOUT_LANGUAGES = "mode_without_languages"
    OUT_OF_RANGE = "out_of_range"
    UNKNOWN_EQUIPMENT = "unknown_equipment"
    DAY_OF_ANOTHER_FORUM = "day_of_another_forum"
    DAY_PREFERRED_AND_IMPOSSIBLE = "day_preferred_and_impossible"
    INVALID_PHONE = "invalid_phone"
    INVALID_EMAIL = "invalid_email"


@dataclass(frozen=True)
class FieldIssue:
    """What is wrong with ``field`` (for presenters, with the one typed at ``row``)."""

    field: str
    problem: FieldProblem
    row: int | None = None
    data: dict[str, Any] = dataclass_field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class PresenterDetails:
    """A presenter as typed in a form, at ``row``; they may have no account."""

    name: str | None
    organization_name: str | None = None
    languages: tuple[str, ...] = ()
    phone: str | None = None
    email: str | None = None
    public_consent: bool = False
    row: int = 0


def _clean(text: str | None) -> str | None:
    text = (text or "").replace("\r\n", "\n").strip()
    return text or None


def _choice(enum_class, value):
    try:
        return None if value in (None, "") else enum_class(value)
    except ValueError:
        return False  # not one of the choices


def _whole(value, allowed: range) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in allowed


def _presenters(given, issues: list[FieldIssue]) -> list[PresenterDetails]:
    """Presenters cleaned: a name; a real phone (kept in E.164) and email, if any."""
    cleaned = []
    for p in given:
        name, phone, email = _clean(p.name), _clean(p.phone), _clean(p.email)
        if name is None:
            issues.append(FieldIssue("name", FieldProblem.MISSING, p.row))
        elif len(name) > MAX_NAME:
            issues.append(FieldIssue("name", FieldProblem.TOO_LONG, p.row, {"max": MAX_NAME}))
        try:
            phone = normalise_phone(phone)
        except ValueError:
            issues.append(FieldIssue("phone", FieldProblem.INVALID_PHONE, p.row))
        if email is not None:
            try:
                email = validate_email(email, check_deliverability=False).normalized
            except EmailNotValidError:
                issues.append(FieldIssue("email", FieldProblem.INVALID_EMAIL, p.row))
        if set(p.languages) - {*LANGUAGES, OTHER_LANGUAGE}:
            issues.append(FieldIssue("languages", FieldProblem.UNKNOWN_LANGUAGE, p.row))
        organization_name = _clean(p.organization_name)
        languages = tuple(dict.fromkeys(p.languages))
        cleaned.append(
            replace(p, name=name, phone=phone, email=email, languages=languages,
                    organization_name=organization_name)
        )  # fmt: skip
    return cleaned


def checked_fields(
    forum: Forum, activity: Activity | None, fields: dict
) -> tuple[dict, list[FieldIssue]]:
    """The fields given, cleaned, and every problem with them; fields not given are
    left as they are. Spoken languages are ar, ckb, en or "other"; interpretation is
    into the forum's languages, with a mode; days are the forum's."""
    if unknown := set(fields) - FIELDS:
        raise TypeError(f"not fields of an activity: {sorted(unknown)}")
    values, issues = {}, []

    def refuse(field: str, problem: FieldProblem, **data) -> None:
        issues.append(FieldIssue(field, problem, None, data))

    for name in (*TEXT_FIELDS, "accessibility_notes"):
        if name in fields:
            values[name] = _clean(fields[name])
            if name.startswith("title_") and len(values[name] or "") > MAX_TITLE:
                refuse(name, FieldProblem.TOO_LONG, max=MAX_TITLE)
    if "theme_id" in fields:
        values["theme_id"] = theme_id = fields["theme_id"] or None
        if theme_id is not None and theme_id not in {theme.id for theme in forum.themes}:
            refuse("theme_id", FieldProblem.UNKNOWN_THEME)
    if "format" in fields:
        values["format"] = _choice(ActivityFormat, fields["format"])
        if not values["format"]:
            refuse("format", FieldProblem.UNKNOWN_FORMAT)
    for name, allowed in (
        ("spoken_languages", {*LANGUAGES, OTHER_LANGUAGE}),
        ("interpretation_into", set(forum.languages)),
    ):
        if name in fields:
            values[name] = list(dict.fromkeys(fields[name] or ()))
            if set(values[name]) - allowed:
                refuse(name, FieldProblem.UNKNOWN_LANGUAGE)
    if "interpretation_mode" in fields:
        values["interpretation_mode"] = _choice(InterpretationMode, fields["interpretation_mode"])
        if values["interpretation_mode"] is False:
            refuse("interpretation_mode", FieldProblem.UNKNOWN_MODE)
    if {"interpretation_into", "interpretation_mode"} & set(fields):
        into = values.get("interpretation_into", activity.interpretation_into if activity else [])
        mode = values.get("interpretation_mode", activity.interpretation_mode if activity else None)
        if into and mode is None:
            refuse("interpretation_mode", FieldProblem.MODE_REQUIRED)
        elif mode and not into:
            refuse("interpretation_mode", FieldProblem.MODE_WITHOUT_LANGUAGES)
    if "expected_attendance" in fields:
        values["expected_attendance"] = attendance = fields["expected_attendance"]
        if attendance is not None and not _whole(attendance, range(1, MAX_CAPACITY + 1)):
            refuse("expected_attendance", FieldProblem.OUT_OF_RANGE, min=1, max=MAX_CAPACITY)
    if "length_slots" in fields:
        values["length_slots"] = fields["length_slots"]
        if not _whole(values["length_slots"], LENGTHS):
            refuse("length_slots", FieldProblem.OUT_OF_RANGE, min=LENGTHS[0], max=LENGTHS[-1])
    if "equipment" in fields:
        values["equipment"] = list(dict.fromkeys(fields["equipment"] or ()))
        if set(values["equipment"]) - set(EQUIPMENT):
            refuse("equipment", FieldProblem.UNKNOWN_EQUIPMENT)
    if {"preferred_day_ids", "impossible_day_ids"} & set(fields):
        _check_days(forum, activity, fields, values, refuse)
    if "presenters" in fields:
        values["presenters"] = _presenters(fields["presenters"] or (), issues)
    return values, issues


def _check_days(forum: Forum, activity: Activity | None, fields: dict, values: dict, refuse):
    """Both lists are kept together: the one not given stays as it was."""
    wishes = activity.day_wishes if activity else []
    current = {kind: [w.day_id for w in wishes if w.preferred is kind] for kind in (True, False)}
    forum_days = {day.id for day in forum.days}
    for name, preferred in (("preferred_day_ids", True), ("impossible_day_ids", False)):
        days = list(dict.fromkeys(fields.get(name, current[preferred]) or ()))
        values[name] = days
        if set(days) - forum_days:
            refuse(name, FieldProblem.DAY_OF_ANOTHER_FORUM)
    if set(values["preferred_day_ids"]) & set(values["impossible_day_ids"]):
        refuse("impossible_day_ids", FieldProblem.DAY_PREFERRED_AND_IMPOSSIBLE)


def missing_pieces(activity: Activity, values: dict) -> list[FieldIssue]:
    """What a complete proposal lacks, judged on ``activity`` changed by ``values``."""

    def value(name: str):
        return values[name] if name in values else getattr(activity, name)

    missing = []
    for kind in ("title", "description"):
        if not any(value(f"{kind}_{code}") for code in LANGUAGES):
            missing.append(kind)
    if activity.forum.themes and value("theme_id") is None:
        missing.append("theme_id")
    missing += [name for name in ("format", "spoken_languages", "length_slots") if not value(name)]
    if not value("presenters"):
        missing.append("presenters")
    return [FieldIssue(name, FieldProblem.MISSING) for name in missing]
