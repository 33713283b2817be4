"""Forms of the interpretation board: assign an interpreter to a need, derive the
needs again, assign automatically, and change, add or remove a session's need.

A need refused by ``need_edits`` comes back with each problem beside its field.
"""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from wtforms import FloatField, IntegerField, SelectField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional

from app.activities.labels import INTERPRETATION_MODE
from app.activities.models import InterpretationMode
from app.interpreting.need_edits import NeedProblem, NeedValues
from app.interpreting.public import language_name

# The languages a need may be in, besides those the session already names.
NEED_LANGUAGES = ("ar", "ckb", "en")
MAX_TIME_LIMIT = 120.0

NEED_PROBLEMS = {
    NeedProblem.SAME_LANGUAGE: ("target", _l("Choose a language other than the one spoken.")),
    NeedProblem.TARGET_TAKEN: ("target", _l("This session has a need into this language already.")),
    NeedProblem.RELAY_IS_SOURCE_OR_TARGET: (
        "relay",
        _l("A relay is a third language, neither the one spoken nor the target."),
    ),
    NeedProblem.TEAM_SIZE: ("team_size", _l("A team is one or two interpreters.")),
    NeedProblem.TEAM_TOO_SMALL: (
        "team_size",
        _l("More interpreters hold this need: unassign one first."),
    ),
    NeedProblem.CHANNEL_WITHOUT_BOOTH: (
        "channel",
        _l("The session's room has no booth: leave the channel empty."),
    ),
    NeedProblem.CHANNEL_NOT_SIMULTANEOUS: (
        "channel",
        _l("Only simultaneous interpretation goes on a channel: leave it empty."),
    ),
    NeedProblem.CHANNEL_OUT_OF_RANGE: ("channel", _l("The room's booth has no such channel.")),
    NeedProblem.CHANNEL_TAKEN: ("channel", _l("Another language is on this channel.")),
}


def _language_choices(codes) -> list[SelectChoice]:
    return [SelectChoice(code, language_name(code)) for code in codes]


class AssignForm(FlaskForm):
    """An interpreter for an open place of a need. The board lists the candidates
    (those who fit first); any interpreter of the forum may be sent back, and the
    assignment's rules decide."""

    interpreter = SelectField(
        _l("Interpreter"),
        coerce=int,
        validate_choice=False,
        validators=[InputRequired(_l("Choose an interpreter."))],
    )


class DeriveForm(FlaskForm):
    """Derive the needs again (a button)."""


class AutoAssignForm(FlaskForm):
    time_limit = FloatField(
        _l("Time limit (seconds)"),
        default=10.0,
        validators=[
            InputRequired(_l("Give the time limit in seconds.")),
            NumberRange(1, MAX_TIME_LIMIT, _l("From 1 to %(max)s seconds.", max=120)),
        ],
        description=_l("The search stops then and keeps the best answer found."),
    )


class NeedForm(FlaskForm):
    """What a need asks for; its source (the language spoken) stays."""

    target = SelectField(_l("Into"), validators=[InputRequired()])
    relay = SelectField(
        _l("Through a relay language"),
        validators=[Optional()],
        description=_l("When nobody interprets the pair directly."),
    )
    mode = SelectField(
        lazy_pgettext("interpretation", "Mode"),
        choices=[SelectChoice(str(m), label) for m, label in INTERPRETATION_MODE.items()],
        validators=[InputRequired()],
    )
    team_size = SelectField(
        _l("Interpreters"),
        coerce=int,
        choices=[SelectChoice(1, _l("One")), SelectChoice(2, _l("Two (a booth team)"))],
        validators=[InputRequired()],
    )
    channel = IntegerField(
        _l("Booth channel"),
        validators=[Optional(), NumberRange(1, 99, _l("A channel is a number from 1."))],
        description=_l("For simultaneous interpretation in a room with a booth."),
    )

    def __init__(self, languages, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = list(dict.fromkeys([*NEED_LANGUAGES, *languages]))
        self.target.choices = _language_choices(codes)
        self.relay.choices = [SelectChoice("", _l("None: directly")), *_language_choices(codes)]

    def fill(self, values: NeedValues) -> None:
        self.target.data, self.relay.data = values.target, values.relay or ""
        self.mode.data, self.team_size.data = str(values.mode), values.team_size
        self.channel.data = values.channel

    def values(self, source: str) -> NeedValues:
        return NeedValues(
            source=source,
            target=self.target.data,
            mode=InterpretationMode(self.mode.data),
            team_size=self.team_size.data,
            relay=self.relay.data or None,
            channel=self.channel.data,
        )

    def show_problems(self, problems: list[NeedProblem]) -> None:
        """Each refused rule beside its field."""
        for problem in problems:
            name, message = NEED_PROBLEMS[problem]
            self[name].errors = [*self[name].errors, message]


class AddNeedForm(NeedForm):
    source = SelectField(_l("From"), validators=[InputRequired()])

    field_order = ("source", "target", "relay", "mode", "team_size", "channel")

    def __init__(self, languages, *args, **kwargs):
        super().__init__(languages, *args, **kwargs)
        self.source.choices = self.target.choices

    def __iter__(self):
        names = ("csrf_token", *self.field_order)
        return iter([self[name] for name in names if name in self])

    def values(self, source: str | None = None) -> NeedValues:
        return super().values(self.source.data)
