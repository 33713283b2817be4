"""Forums: creation, settings rules and the status machine.

Services take the acting user, flush but never commit, and raise a domain error
carrying what went wrong; views map it onto the form.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any
from zoneinfo import available_timezones

import sqlalchemy as sa
from babel import Locale

from app.accounts.models import User
from app.audit.services import AuditAction, record
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.governorates import ABROAD, GOVERNORATES
from app.forums.models import CharterVersion, Forum, ForumKind, ForumRole, ForumStatus
from app.forums.staff import tell_new_staff

ALLOWED_TRANSITIONS: dict[ForumStatus, frozenset[ForumStatus]] = {
    ForumStatus.DRAFT: frozenset({ForumStatus.OPEN}),
    ForumStatus.OPEN: frozenset({ForumStatus.CLOSED}),
    ForumStatus.CLOSED: frozenset({ForumStatus.OPEN, ForumStatus.ARCHIVED}),
    ForumStatus.ARCHIVED: frozenset(),
}

WINDOWS = (
    ("registration_opens", "registration_closes"),
    ("proposals_open", "proposals_close"),
    ("volunteering_opens", "volunteering_closes"),
)


SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
# First path segments the site uses itself: a forum called so would be unreachable.
RESERVED_SLUGS = frozenset(
    {"account", "admin", "api", "forums", "healthz", "language", "static", "staff"}
)


class DateProblem(StrEnum):
    DATES_HALF_SET = "dates_half_set"
    ENDS_BEFORE_START = "ends_before_start"
    WINDOW_CLOSES_BEFORE_OPENING = "window_closes_before_opening"
    WINDOW_CLOSES_AFTER_FORUM = "window_closes_after_forum"
    WINDOW_HALF_SET = "window_half_set"


@dataclass(frozen=True)
class DateError:
    field: str
    problem: DateProblem


class ForumRule(StrEnum):
    """Rules that are not about one field; views say them in the reader's language."""

    NEEDS_ORGANIZER = "needs_organizer"
    ONLY_LOCAL_FORA_IN_SEASONS = "only_local_fora_in_seasons"
    OPENS_WITH_DATES = "opens_with_dates"
    OPENS_WITH_CHARTER = "opens_with_charter"
    CHARTER_NEEDS_TEXT = "charter_needs_text"
    CHARTER_UNCHANGED = "charter_unchanged"
    ARCHIVED_IS_READ_ONLY = "archived_is_read_only"


class SettingsProblem(StrEnum):
    NO_NAME = "no_name"
    NO_LANGUAGE = "no_language"
    UNKNOWN_LANGUAGE = "unknown_language"
    OUT_OF_RANGE = "out_of_range"
    UNKNOWN_TIMEZONE = "unknown_timezone"
    UNKNOWN_GOVERNORATE = "unknown_governorate"
    NO_COUNTRY = "no_country"
    UNKNOWN_COUNTRY = "unknown_country"


@dataclass(frozen=True)
class SettingsError:
    """``field`` is a Forum column, or ``name`` for the three names taken together."""

    field: str
    problem: SettingsProblem


class ForumRuleError(Exception):
    """A change that breaks forum rules: ``errors`` say which fields are wrong and how
    (DateError, SettingsError), ``rules`` which other rules stand in the way."""

    def __init__(
        self,
        errors: Iterable[DateError | SettingsError] = (),
        rules: Iterable[ForumRule] = (),
        message: str = "",
    ):
        self.errors, self.rules = list(errors), list(rules)
        codes = [f"{e.field}: {e.problem}" for e in self.errors] + [str(r) for r in self.rules]
        super().__init__(message or ", ".join(codes))


class InvalidTransition(Exception):
    def __init__(self, current: ForumStatus, wanted: ForumStatus):
        super().__init__(f"{current} -> {wanted}")
        self.current, self.wanted = current, wanted


def date_errors(
    start: date | None, end: date | None, windows: dict[str, tuple[date | None, date | None]]
) -> list[DateError]:
    """What is wrong with a forum's dates; empty when they hold together.

    The forum has both its first and last day, or neither (yet). A window
    (registration, proposals, volunteering) is either unset or fully set, opens on
    or before it closes, and closes no later than the forum's last day.
    """
    errors = []
    if (start is None) != (end is None):
        errors.append(DateError("end_date" if start else "start_date", DateProblem.DATES_HALF_SET))
    if start and end and end < start:
        errors.append(DateError("end_date", DateProblem.ENDS_BEFORE_START))
    for closes_field, (opens, closes) in windows.items():
        if (opens is None) != (closes is None):
            errors.append(DateError(closes_field, DateProblem.WINDOW_HALF_SET))
        elif opens and closes and closes < opens:
            errors.append(DateError(closes_field, DateProblem.WINDOW_CLOSES_BEFORE_OPENING))
        elif closes and end and closes > end:
            errors.append(DateError(closes_field, DateProblem.WINDOW_CLOSES_AFTER_FORUM))
    return errors


def forum_date_errors(forum: Forum) -> list[DateError]:
    windows = {closes: (getattr(forum, opens), getattr(forum, closes)) for opens, closes in WINDOWS}
    return date_errors(forum.start_date, forum.end_date, windows)


def check_dates(forum: Forum) -> None:
    errors = forum_date_errors(forum)
    if errors:
        raise ForumRuleError(errors)


class SlugProblem(StrEnum):
    MALFORMED = "malformed"
    RESERVED = "reserved"
    TAKEN = "taken"


class SlugError(ForumRuleError):
    def __init__(self, problem: SlugProblem):
        super().__init__(message=f"slug: {problem}")
        self.problem = problem


def check_slug(slug: str) -> None:
    """Lower-case Latin letters, digits and inner hyphens; not one of the site's own
    first path segments; not another forum's."""
    if not SLUG_PATTERN.match(slug):
        raise SlugError(SlugProblem.MALFORMED)
    if slug in RESERVED_SLUGS:
        raise SlugError(SlugProblem.RESERVED)
    if db.session.scalar(sa.select(Forum.id).where(Forum.slug == slug)) is not None:
        raise SlugError(SlugProblem.TAKEN)


def create_forum(
    actor: User,
    *,
    slug: str,
    kind: ForumKind,
    start_date: date,
    end_date: date,
    organizers: list[User],
    parent: Forum | None = None,
    notify_organizers: bool = True,
    **settings,
) -> Forum:
    """A site administrator creates a draft forum, its days and its first organizers
    (who are told by email, unless ``notify_organizers`` is off, as in the demo)."""
    if not organizers:
        raise ForumRuleError(rules=[ForumRule.NEEDS_ORGANIZER])
    if parent is not None and (kind is not ForumKind.LOCAL or parent.kind is not ForumKind.SEASON):
        raise ForumRuleError(rules=[ForumRule.ONLY_LOCAL_FORA_IN_SEASONS])
    check_slug(slug)
    forum = Forum(
        slug=slug, kind=kind, parent=parent, start_date=start_date, end_date=end_date, **settings
    )
    check_dates(forum)
    db.session.add(forum)
    db.session.flush()
    sync_days(forum)
    record(AuditAction.FORUM_CREATED, actor=actor, forum=forum, kind=str(kind))
    for organizer in organizers:
        forum.roles.append(ForumRole(user=organizer, role=ForumRoleName.ORGANIZER))
        db.session.flush()
        record(AuditAction.ROLE_GRANTED, actor=actor, obj=organizer, forum=forum, role="organizer")
        if notify_organizers:
            tell_new_staff(organizer, forum, ForumRoleName.ORGANIZER)
    return forum


FORUM_LANGUAGES = ("ar", "ckb", "en")
NAME_FIELDS = ("name_ar", "name_ckb", "name_en")
# Whole numbers a setting may take, both ends included (the WSF allowed 5 delegates
# and 3 activities per organization; contact data is kept at most ten years). The
# forum's capacity in organizations and delegates may stay empty: no limit.
LIMITS = {
    "number": (1, 999),
    "max_delegates_per_organization": (1, 50),
    "max_activities_per_organization": (1, 20),
    "retention_days": (0, 3650),
    "max_organizations": (1, 100_000),
    "max_delegates": (1, 1_000_000),
}
OPTIONAL_NUMBERS = frozenset({"number", "max_organizations", "max_delegates"})
DATE_FIELDS = ("start_date", "end_date", *(field for window in WINDOWS for field in window))
SETTINGS = (
    *NAME_FIELDS, "slogan_ar", "slogan_ckb", "slogan_en", "number", "city", "governorate",
    "country", "venue", "address", "timezone", *DATE_FIELDS, "languages",
    "max_delegates_per_organization", "max_activities_per_organization", "retention_days",
    "max_organizations", "max_delegates",
)  # fmt: skip
# Settings checked together: changing one checks the others of its group with it.
SETTING_GROUPS = (NAME_FIELDS, ("governorate", "country"))
# Babel's two-letter regions that are not ISO 3166-1 countries (groupings, special codes).
_NOT_COUNTRIES = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
)


@cache
def country_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 country codes."""
    regions = Locale("en").territories
    return frozenset(c for c in regions if len(c) == 2 and c.isalpha()) - _NOT_COUNTRIES


@cache
def time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def settings_errors(values: Mapping[str, Any]) -> list[SettingsError]:
    """What is wrong with the given settings (Forum column names); others are not checked.

    A forum has a name in at least one language and at least one of the languages
    ar, ckb, en; the caps, the season number and the retention days are whole numbers
    within LIMITS (the number may be left out); the time zone is a real one; the
    governorate is one of Iraq's 18 or ABROAD, and a forum abroad names its country.
    The capacity (max_organizations, max_delegates) may be left out: no limit.
    """
    errors = []
    if values.keys() & set(NAME_FIELDS) and not any(values.get(name) for name in NAME_FIELDS):
        errors.append(SettingsError("name", SettingsProblem.NO_NAME))
    if "languages" in values:
        languages = values["languages"] or []
        if not languages:
            errors.append(SettingsError("languages", SettingsProblem.NO_LANGUAGE))
        elif set(languages) - set(FORUM_LANGUAGES):
            errors.append(SettingsError("languages", SettingsProblem.UNKNOWN_LANGUAGE))
    for name, (low, high) in LIMITS.items():
        value = values.get(name)
        if name not in values or (value is None and name in OPTIONAL_NUMBERS):
            continue
        if type(value) is not int or not low <= value <= high:
            errors.append(SettingsError(name, SettingsProblem.OUT_OF_RANGE))
    if "timezone" in values and values["timezone"] not in time_zones():
        errors.append(SettingsError("timezone", SettingsProblem.UNKNOWN_TIMEZONE))
    governorate = values.get("governorate")
    if governorate == ABROAD:
        country = values.get("country")
        if not country or country == "IQ":
            errors.append(SettingsError("country", SettingsProblem.NO_COUNTRY))
        elif country not in country_codes():
            errors.append(SettingsError("country", SettingsProblem.UNKNOWN_COUNTRY))
    elif governorate is not None and governorate not in GOVERNORATES:
        errors.append(SettingsError("governorate", SettingsProblem.UNKNOWN_GOVERNORATE))
    return errors


def update_settings(actor: User | None, forum: Forum, **settings) -> list[str]:
    """Change settings (names from SETTINGS); returns the names of those that changed.

    The given settings are checked with the others of their group, and the dates all
    together; when one is wrong nothing changes. A forum in Iraq is in country IQ;
    languages keep the order ar, ckb, en. Days follow the dates: a day in use outside
    them raises calendar.CalendarError once the forum has changed (roll back then).
    An archived forum changes no more.
    """
    _check_not_archived(forum)
    unknown = set(settings) - set(SETTINGS)
    if unknown:
        raise TypeError(f"not forum settings: {sorted(unknown)}")
    values = dict(settings)
    for group in SETTING_GROUPS:
        if values.keys() & set(group):
            values.update({name: values.get(name, getattr(forum, name)) for name in group})
    if "governorate" in values and values["governorate"] != ABROAD:
        values["country"] = "IQ"
    dates = {name: values.get(name, getattr(forum, name)) for name in DATE_FIELDS}
    windows = {closes: (dates[opens], dates[closes]) for opens, closes in WINDOWS}
    errors = [
        *settings_errors(values),
        *date_errors(dates["start_date"], dates["end_date"], windows),
    ]
    if errors:
        raise ForumRuleError(errors)
    if "languages" in values:
        values["languages"] = [code for code in FORUM_LANGUAGES if code in values["languages"]]
    changed = [name for name, value in values.items() if getattr(forum, name) != value]
    for name in changed:
        setattr(forum, name, values[name])
    sync_days(forum)
    if changed:
        which = dict.fromkeys(changed, True)  # the settings' names, never their values
        record(AuditAction.FORUM_SETTINGS_CHANGED, actor=actor, obj=forum, forum=forum, **which)
    return changed


def _check_not_archived(forum: Forum) -> None:
    if forum.status is ForumStatus.ARCHIVED:
        raise ForumRuleError(rules=[ForumRule.ARCHIVED_IS_READ_ONLY])


def opening_gaps(forum: Forum) -> list[ForumRule]:
    """What a forum lacks to open: its first and last day, and a charter to endorse."""
    gaps = []
    if forum.start_date is None or forum.end_date is None:
        gaps.append(ForumRule.OPENS_WITH_DATES)
    if forum.current_charter is None:
        gaps.append(ForumRule.OPENS_WITH_CHARTER)
    return gaps


def change_status(actor: User | None, forum: Forum, wanted: ForumStatus) -> None:
    """Only the transitions of ALLOWED_TRANSITIONS; opening needs dates and a charter."""
    if wanted not in ALLOWED_TRANSITIONS[forum.status]:
        raise InvalidTransition(forum.status, wanted)
    if wanted is ForumStatus.OPEN and opening_gaps(forum):
        raise ForumRuleError(rules=opening_gaps(forum))
    previous, forum.status = forum.status, wanted
    db.session.flush()
    move = {"from": str(previous), "to": str(wanted)}
    record(AuditAction.FORUM_STATUS_CHANGED, actor=actor, obj=forum, forum=forum, **move)


def _charter_text(text: str | None) -> str | None:
    """A text as kept: browsers send CRLF line ends, blanks around it do not count."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def publish_charter(
    forum: Forum, text_ar: str | None, text_ckb: str | None, text_en: str | None
) -> CharterVersion:
    """A new charter version, which organizations endorse anew: it has a text in at
    least one language and differs from the current version; an archived forum's
    charter changes no more."""
    _check_not_archived(forum)
    given = zip(FORUM_LANGUAGES, (text_ar, text_ckb, text_en), strict=True)
    texts = {f"text_{code}": _charter_text(text) for code, text in given}
    if not any(texts.values()):
        raise ForumRuleError(rules=[ForumRule.CHARTER_NEEDS_TEXT])
    current = forum.current_charter
    if current is not None and all(
        _charter_text(getattr(current, name)) == text for name, text in texts.items()
    ):
        raise ForumRuleError(rules=[ForumRule.CHARTER_UNCHANGED])
    version = CharterVersion(version=current.version + 1 if current else 1, **texts)
    forum.charters.append(version)
    db.session.flush()
    return version


def is_visible_to(forum: Forum, user) -> bool:
    """A draft forum is seen by its staff and site administrators only."""
    if forum.status is not ForumStatus.DRAFT:
        return True
    if user is None or not user.is_authenticated:
        return False
    if user.is_site_admin:
        return True
    return (
        db.session.scalar(
            sa.select(ForumRole.id)
            .where(ForumRole.forum_id == forum.id, ForumRole.user_id == user.id)
            .limit(1)
        )
        is not None
    )


def window_is_open(opens: date | None, closes: date | None, today: date) -> bool:
    """Windows include both their first and their last day."""
    return opens is not None and closes is not None and opens <= today <= closes
