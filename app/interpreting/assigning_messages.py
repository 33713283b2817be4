"""Why an interpreter does not fit a need, in the reader's language (the board's
candidates and a refused assignment)."""

from flask_babel import lazy_gettext as _l

from app.interpreting.assigning_rules import AssignProblem

PROBLEM_TEXTS = {
    AssignProblem.NOT_APPROVED: _l("Not approved for the interpretation team."),
    AssignProblem.NO_DIRECTION: _l("Does not interpret in this direction."),
    AssignProblem.NO_MODE: _l("Does not work in this mode of interpretation."),
    AssignProblem.NOT_AVAILABLE: _l("Not available that day."),
    AssignProblem.BUSY: _l("Already in another session at that time."),
    AssignProblem.DAILY_MAXIMUM: _l("Already has the most sessions allowed that day."),
    AssignProblem.NO_BREAK: _l("Would work three sessions in a row: a break is due."),
    AssignProblem.TEAM_FULL: _l("The team for this language is already complete."),
    AssignProblem.ALREADY_ASSIGNED: _l("Already on this team."),
    AssignProblem.NOT_PLACED: _l("The session is not on the schedule."),
}


def describe_problem(problem: AssignProblem) -> str:
    return str(PROBLEM_TEXTS[AssignProblem(problem)])


def describe_problems(problems: list[AssignProblem]) -> list[str]:
    return [describe_problem(problem) for problem in problems]
