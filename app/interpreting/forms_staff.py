"""The coordinator's forms: the team's filters, the approve button, the rules."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectChoice, SelectField, SubmitField
from wtforms.validators import InputRequired, NumberRange, Optional

from app.interpreting.forms_team import direction_value, parse_direction
from app.interpreting.models import InterpreterStatus
from app.interpreting.team import INTERPRETER_LANGUAGES
from app.interpreting.team_approval import POLICY_BOUNDS, PolicyDetails
from app.interpreting.team_messages import direction_text
from app.volunteers.forms_signup import language_label

STATUS_LABELS = {
    InterpreterStatus.PENDING: _l("Waiting for a decision"),
    InterpreterStatus.APPROVED: _l("Approved"),
    InterpreterStatus.REJECTED: _l("Turned down"),
    InterpreterStatus.WITHDRAWN: _l("Withdrew"),
}


def _blank_to_none(value):
    return value or None


class InterpreterFilterForm(FlaskForm):
    """The team list's filters, read from the query string."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validators=[Optional()], filters=[_blank_to_none])
    language = SelectField(_l("Works in"), validators=[Optional()], filters=[_blank_to_none])
    direction = SelectField(_l("Interprets"), validators=[Optional()], filters=[_blank_to_none])
    ARGUMENTS = ("status", "language", "direction")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [SelectChoice("", _("Every status"))] + [
            SelectChoice(str(status), str(label)) for status, label in STATUS_LABELS.items()
        ]
        self.language.choices = [SelectChoice("", _("Any language"))] + [
            SelectChoice(code, language_label(code)) for code in INTERPRETER_LANGUAGES
        ]
        self.direction.choices = [SelectChoice("", _("Any direction"))] + [
            SelectChoice(direction_value(s, t), direction_text(s, t))
            for s in INTERPRETER_LANGUAGES
            for t in INTERPRETER_LANGUAGES
            if s != t
        ]

    def filters(self) -> dict:
        """The keyword arguments of ``team_approval.team_of`` (what is wrong is ignored)."""
        value = {name: None if self[name].errors else self[name].data for name in self.ARGUMENTS}
        return {
            "status": InterpreterStatus(value["status"]) if value["status"] else None,
            "language": value["language"],
            "direction": parse_direction(value["direction"]) if value["direction"] else None,
        }

    def given(self) -> dict:
        """The filters in use, to keep them in the pages' links."""
        return {name: self[name].data for name in self.ARGUMENTS if self[name].data}


class DecisionForm(FlaskForm):
    """The approve button (a POST with the CSRF token only)."""


def _bounded(label, name: str, description=None) -> IntegerField:
    lowest, highest = POLICY_BOUNDS[name]
    return IntegerField(
        label,
        validators=[
            InputRequired(message=_l("Give a number.")),
            NumberRange(
                min=lowest, max=highest, message=_l("A whole number from %(min)s to %(max)s.")
            ),
        ],
        description=description,
        render_kw={"inputmode": "numeric", "dir": "ltr"},
    )


class PolicyForm(FlaskForm):
    allow_relay = BooleanField(
        _l("Allow relay interpretation"),
        description=_l(
            "A pair nobody covers directly may go through a third language "
            "(for example Kurdish → Arabic → English)."
        ),
    )
    max_sessions_per_day = _bounded(
        _l("Most sessions an interpreter works in a day"), "max_sessions_per_day"
    )
    booth_team_after_minutes = _bounded(
        _l("Simultaneous sessions longer than this (minutes) need a booth team of two"),
        "booth_team_after_minutes",
        _l("Interpreters in a booth take turns; one person cannot interpret long alone."),
    )
    submit = SubmitField(_l("Save the rules"))

    def details(self) -> PolicyDetails:
        return PolicyDetails(
            allow_relay=bool(self.allow_relay.data),
            max_sessions_per_day=self.max_sessions_per_day.data,
            booth_team_after_minutes=self.booth_team_after_minutes.data,
        )
