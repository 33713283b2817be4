"""The registration rules' codes in the reader's language."""

from flask_babel import lazy_gettext as _l

from app.core.i18n import format_day
from app.organizations.models import RegistrationChannel
from app.organizations.registration import RegistrationProblem
from app.organizations.registration_delegates import DelegateError, DelegateProblem

PROBLEMS = {
    RegistrationProblem.FORUM_NOT_OPEN: _l("This forum does not take registrations now."),
    RegistrationProblem.NO_WINDOW: _l(
        "Registration for this forum is not open: its dates have not been announced yet."
    ),
    RegistrationProblem.WINDOW_NOT_YET_OPEN: _l(
        "Registration for this forum is not open yet: it opens on %(opens)s."
    ),
    RegistrationProblem.WINDOW_CLOSED: _l(
        "Registration for this forum is not open any more: it closed on %(closes)s."
    ),
    RegistrationProblem.NOT_MEMBER: _l("Only the organization's members can do this."),
    RegistrationProblem.ALREADY_REGISTERED: _l("Already registered for this forum."),
    RegistrationProblem.NO_CHARTER: _l("The forum has no charter to endorse yet."),
    RegistrationProblem.CHARTER_NOT_ENDORSED: _l(
        "Tick the box to endorse the charter: taking part in the forum means endorsing it."
    ),
    RegistrationProblem.CHARTER_CHANGED: _l(
        "The charter has changed: read the new version (version %(version)s) and endorse it."
    ),
    RegistrationProblem.NO_DELEGATE: _l("Give at least one delegate, with their name."),
    RegistrationProblem.TOO_MANY_DELEGATES: _l(
        "At most %(max)s delegates: remove some, then save again."
    ),
    RegistrationProblem.INVALID_DELEGATE: _l("Some details need correcting: see below."),
    RegistrationProblem.NOT_EDITABLE: _l("This registration can no longer be changed."),
    RegistrationProblem.NOT_WITHDRAWABLE: _l("This registration cannot be withdrawn."),
    RegistrationProblem.FORUM_STARTED: _l(
        "The forum has started: registrations can no longer be withdrawn."
    ),
    RegistrationProblem.CHANNEL_NOT_OFFLINE: _l("Say how the registration reached you."),
    RegistrationProblem.NO_PLACES_LEFT: _l(
        "The forum has no more places for delegates: an approved registration may change"
        " its delegates, but not add more."
    ),
}
assert set(PROBLEMS) == set(RegistrationProblem)

DELEGATE_PROBLEMS = {
    DelegateProblem.NO_NAME: _l("Give the name."),
    DelegateProblem.TOO_LONG: _l("At most %(max)s characters."),
    DelegateProblem.INVALID_PHONE: _l(
        "This is not a phone number: write it like 0770 123 4567, or with its country code (+44 …)."
    ),
    DelegateProblem.INVALID_EMAIL: _l("This is not an email address."),
    DelegateProblem.UNKNOWN_LANGUAGE: _l("Choose from the list."),
}
assert set(DELEGATE_PROBLEMS) == set(DelegateProblem)

CHANNELS = {
    RegistrationChannel.ONLINE: _l("online"),
    RegistrationChannel.PAPER: _l("on a paper form"),
    RegistrationChannel.PHONE: _l("by phone"),
}


def problem_message(problem: RegistrationProblem, data: dict | None = None) -> str:
    """A rule's refusal in the reader's language; dates in ``data`` are written out."""
    values = {
        k: format_day(v, "long") if hasattr(v, "year") else v for k, v in (data or {}).items()
    }
    values = {**{"opens": "", "closes": "", "max": "", "version": ""}, **values}
    return str(PROBLEMS[problem]) % values


def delegate_problem_message(error: DelegateError) -> str:
    return str(DELEGATE_PROBLEMS[error.problem]) % error.data
