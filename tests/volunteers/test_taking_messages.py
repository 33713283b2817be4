"""Every issue of taking or dropping a shift has its sentence."""

import pytest
from flask_babel import force_locale

from app.volunteers.taking import ShiftIssue, ShiftProblem
from app.volunteers.taking_messages import IssueNames, describe_issue, describe_issues

NAMES = IssueNames(
    teams={7: "Registration desk"}, times={7: "09:00–12:00"}, languages={"ckb": "Kurdish"}
)


@pytest.fixture
def english(ctx):
    with force_locale("en"):
        yield


@pytest.mark.parametrize(
    ("issue", "sentence"),
    [
        (ShiftIssue(ShiftProblem.FULL), "This shift is full."),
        (ShiftIssue(ShiftProblem.ALREADY_TAKEN), "You already hold this shift."),
        (
            ShiftIssue(ShiftProblem.NOT_APPROVED),
            "You are not an approved volunteer of this forum.",
        ),
        (
            ShiftIssue(ShiftProblem.OVERLAP, other_shift_id=7),
            "You already hold “Registration desk” at 09:00–12:00, which overlaps this one.",
        ),
        (
            ShiftIssue(ShiftProblem.REST_TOO_SHORT, other_shift_id=7, numbers=(30, 10)),
            "You need at least 30 minutes of rest between two shifts. "
            "You hold “Registration desk” at 09:00–12:00.",
        ),
        (
            ShiftIssue(ShiftProblem.TOO_MANY_HOURS, numbers=(8, 540)),
            "That would make more than 8 hours on that day.",
        ),
        (
            ShiftIssue(ShiftProblem.TOO_MANY_HOURS, numbers=(1, 90)),
            "That would make more than 1 hour on that day.",
        ),
        (
            ShiftIssue(ShiftProblem.LANGUAGE_MISSING, language="ckb"),
            "This team needs volunteers who speak Kurdish.",
        ),
        (
            ShiftIssue(ShiftProblem.TEAM_APPROVAL_MISSING),
            "This team takes only volunteers approved by a coordinator.",
        ),
        (ShiftIssue(ShiftProblem.IN_THE_PAST), "This shift has already started or is over."),
        (
            ShiftIssue(ShiftProblem.NOT_YET_OPEN, numbers=(2030, 5, 7)),
            "Shifts of this day open on May 7, 2030.",
        ),
        (
            ShiftIssue(ShiftProblem.PAST_CUTOFF, numbers=(24,)),
            "Shifts can be dropped until 24 hours before they start; "
            "this one is past its cut-off: ask a coordinator.",
        ),
        (
            ShiftIssue(ShiftProblem.PAST_CUTOFF, numbers=(0,)),
            "This shift has already started: ask a coordinator to take you off it.",
        ),
        (
            ShiftIssue(ShiftProblem.NOT_AVAILABLE),
            "This shift is outside the availability you gave.",
        ),
    ],
)
def test_each_issue_reads_as_a_sentence(english, issue, sentence):
    assert describe_issue(issue, NAMES) == sentence


def test_every_problem_has_a_sentence(english):
    for problem in ShiftProblem:
        assert describe_issue(ShiftIssue(problem))


def test_an_overlap_with_an_unnamed_shift_still_reads(english):
    assert describe_issue(ShiftIssue(ShiftProblem.OVERLAP, other_shift_id=3)) == (
        "You already hold a shift of “another team” that overlaps this one."
    )


def test_a_language_without_a_given_name_uses_its_own_name(english):
    issue = ShiftIssue(ShiftProblem.LANGUAGE_MISSING, language="ar")

    assert describe_issue(issue) == "This team needs volunteers who speak العربية."


def test_issues_are_described_in_order(english):
    issues = [ShiftIssue(ShiftProblem.FULL), ShiftIssue(ShiftProblem.IN_THE_PAST)]

    assert describe_issues(issues) == [
        "This shift is full.",
        "This shift has already started or is over.",
    ]
