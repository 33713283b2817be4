"""Forms of the registration queue: its filters, a decision, promoting the waiting list."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import AnyOf, InputRequired, Length, Optional

from app.forums.governorates import GOVERNORATES
from app.organizations.labels import ORGANIZATION_TYPE, REGISTRATION_STATUS
from app.organizations.models import OrganizationType, RegistrationStatus
from app.organizations.review import DECISIONS, DecisionProblem
from app.organizations.review_queue import INDIVIDUALS, QueueFilters

REASON_LENGTH = 2000


class GetForm(FlaskForm):
    """A filter form read from the query string: no CSRF token, nothing changes."""

    class Meta:
        csrf = False

    def value(self, name: str):
        """The field's value, or None when it is not one the form accepts."""
        field = self[name]
        return None if field.errors else (field.data or None)


def governorate_choices() -> list[SelectChoice]:
    return [
        SelectChoice("", _("All governorates")),
        *(SelectChoice(code, name) for code, name in GOVERNORATES.items()),
    ]


def type_choices(with_individuals: bool) -> list[SelectChoice]:
    choices = [SelectChoice("", _("All types"))]
    choices += [SelectChoice(str(kind), label) for kind, label in ORGANIZATION_TYPE.items()]
    if with_individuals:
        choices.append(SelectChoice(INDIVIDUALS, _("Individual participants")))
    return choices


class QueueFilterForm(GetForm):
    status = SelectField(_l("Status"), validators=[Optional()])
    governorate = SelectField(_l("Governorate"), validators=[Optional()])
    kind = SelectField(_l("Type"), validators=[Optional()])
    q = StringField(
        _l("Search organizations"),
        validators=[Optional(), Length(max=200)],
        description=_l(
            "A name in any script, or an acronym. Individual participants are not "
            "searched: their names are kept encrypted."
        ),
        render_kw={"dir": "auto", "type": "search"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [
            SelectChoice("", _("All statuses")),
            *(SelectChoice(str(s), label) for s, label in REGISTRATION_STATUS.items()),
        ]
        self.governorate.choices = governorate_choices()
        self.kind.choices = type_choices(with_individuals=True)

    def filters(self) -> QueueFilters:
        status, kind = self.value("status"), self.value("kind")
        return QueueFilters(
            status=RegistrationStatus(status) if status else None,
            governorate=self.value("governorate"),
            kind=INDIVIDUALS if kind == INDIVIDUALS else (OrganizationType(kind) if kind else None),
            query=self.value("q") or "",
        )

    def arguments(self) -> dict:
        """The filters as query-string arguments, for the page links."""
        names = ("status", "governorate", "kind", "q")
        return {name: self.value(name) for name in names if self.value(name)}


DECISION_LABELS = {
    RegistrationStatus.APPROVED: _l("Approve"),
    RegistrationStatus.WAITLISTED: _l("Put on the waiting list"),
    RegistrationStatus.REJECTED: _l("Reject"),
}


class DecisionForm(FlaskForm):
    decision = RadioField(
        _l("Decision"),
        choices=[SelectChoice(str(d), DECISION_LABELS[d]) for d in DECISIONS],
        validators=[InputRequired()],
    )
    reason = TextAreaField(
        _l("Reason"),
        validators=[Optional(), Length(max=REASON_LENGTH)],
        description=_l(
            "Needed to reject; optional otherwise. It is sent to the registrants in the email "
            "telling them the decision."
        ),
        render_kw={"dir": "auto", "rows": 4},
    )
    submit = SubmitField(_l("Send the decision"))

    def offer(self, allowed) -> None:
        """Show only the decisions possible now (any is read back; the service checks)."""
        self.decision.choices = [
            SelectChoice(str(d), DECISION_LABELS[d]) for d in DECISIONS if d in allowed
        ]

    def show_problem(self, problem: DecisionProblem) -> None:
        if problem is DecisionProblem.REASON_REQUIRED:
            self.reason.errors = [
                *self.reason.errors,
                _("Give the reason for rejecting: the registrants read it."),
            ]


class PromoteForm(FlaskForm):
    """The button approving the waiting list in order, as far as places allow."""

    promote = HiddenField(default="yes", validators=[InputRequired(), AnyOf(["yes"])])
    submit = SubmitField(_l("Approve from the waiting list"))
