"""Why a shift cannot be taken or dropped, in the reader's language.

Names come in already translated (team names in the reader's language, times
formatted) and are put in as plain text: the template escapes them.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from flask_babel import format_date, gettext, ngettext, pgettext

from app.core.i18n import LANGUAGE_NAMES
from app.volunteers.taking import ShiftIssue, ShiftProblem


@dataclass(frozen=True)
class IssueNames:
    # By shift id: the team's name and the times, e.g. "Registration desk" and
    # "09:00–12:00", for the volunteer's other shifts an issue names.
    teams: Mapping[int, str] = field(default_factory=dict)
    times: Mapping[int, str] = field(default_factory=dict)
    # By language code, in the reader's language (LANGUAGE_NAMES otherwise).
    languages: Mapping[str, str] = field(default_factory=dict)


def describe_issue(issue: ShiftIssue, names: IssueNames | None = None) -> str:
    """One sentence saying what stops the volunteer (or is worth knowing)."""
    return _DESCRIBERS[issue.problem](issue, names or IssueNames())


def describe_issues(issues: list[ShiftIssue], names: IssueNames | None = None) -> list[str]:
    return [describe_issue(issue, names) for issue in issues]


def _other_shift(issue: ShiftIssue, names: IssueNames) -> tuple[str, str]:
    shift_id = issue.other_shift_id
    # Translators: stands for a team whose name is unknown.
    team = names.teams.get(shift_id) or pgettext("unknown name", "another team")
    return team, names.times.get(shift_id, "")


def _overlap(issue: ShiftIssue, names: IssueNames) -> str:
    team, times = _other_shift(issue, names)
    if times:
        return gettext(
            "You already hold “%(team)s” at %(times)s, which overlaps this one.",
            team=team,
            times=times,
        )
    return gettext("You already hold a shift of “%(team)s” that overlaps this one.", team=team)


def _rest(issue: ShiftIssue, names: IssueNames) -> str:
    minutes = issue.numbers[0] if issue.numbers else 0
    team, times = _other_shift(issue, names)
    rest = ngettext(
        "You need at least %(num)d minute of rest between two shifts.",
        "You need at least %(num)d minutes of rest between two shifts.",
        minutes,
    )
    if not times:
        return rest
    return gettext("%(rest)s You hold “%(team)s” at %(times)s.", rest=rest, team=team, times=times)


def _hours(issue: ShiftIssue, _names: IssueNames) -> str:
    hours = issue.numbers[0] if issue.numbers else 0
    return ngettext(
        "That would make more than %(num)d hour on that day.",
        "That would make more than %(num)d hours on that day.",
        hours,
    )


def _language(issue: ShiftIssue, names: IssueNames) -> str:
    code = issue.language or ""
    language = names.languages.get(code) or LANGUAGE_NAMES.get(code, code)
    return gettext("This team needs volunteers who speak %(language)s.", language=language)


def _not_yet_open(issue: ShiftIssue, _names: IssueNames) -> str:
    if len(issue.numbers) != 3:
        return gettext("The shifts of this day are not open yet.")
    opens_on = format_date(date(*issue.numbers), format="long")
    return gettext("Shifts of this day open on %(date)s.", date=opens_on)


def _past_cutoff(issue: ShiftIssue, _names: IssueNames) -> str:
    hours = issue.numbers[0] if issue.numbers else 0
    if hours == 0:
        return gettext("This shift has already started: ask a coordinator to take you off it.")
    return ngettext(
        "Shifts can be dropped until %(num)d hour before they start; "
        "this one is past its cut-off: ask a coordinator.",
        "Shifts can be dropped until %(num)d hours before they start; "
        "this one is past its cut-off: ask a coordinator.",
        hours,
    )


def _fixed(text: Callable[[], str]) -> Callable[[ShiftIssue, IssueNames], str]:
    return lambda _issue, _names: text()


_DESCRIBERS: dict[ShiftProblem, Callable[[ShiftIssue, IssueNames], str]] = {
    ShiftProblem.FULL: _fixed(lambda: gettext("This shift is full.")),
    ShiftProblem.ALREADY_TAKEN: _fixed(lambda: gettext("You already hold this shift.")),
    ShiftProblem.NOT_APPROVED: _fixed(
        lambda: gettext("You are not an approved volunteer of this forum.")
    ),
    ShiftProblem.OVERLAP: _overlap,
    ShiftProblem.REST_TOO_SHORT: _rest,
    ShiftProblem.TOO_MANY_HOURS: _hours,
    ShiftProblem.LANGUAGE_MISSING: _language,
    ShiftProblem.TEAM_APPROVAL_MISSING: _fixed(
        lambda: gettext("This team takes only volunteers approved by a coordinator.")
    ),
    ShiftProblem.IN_THE_PAST: _fixed(lambda: gettext("This shift has already started or is over.")),
    ShiftProblem.NOT_YET_OPEN: _not_yet_open,
    ShiftProblem.PAST_CUTOFF: _past_cutoff,
    ShiftProblem.NOT_AVAILABLE: _fixed(
        lambda: gettext("This shift is outside the availability you gave.")
    ),
}
