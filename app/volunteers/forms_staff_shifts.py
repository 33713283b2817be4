"""Coordinators' forms about shifts: one shift, many from the slots, room hosts'
shifts, assigning a volunteer (with the override of the rules it breaks), the hours
worked, and taking a volunteer off a shift."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.i18n import format_day, localized
from app.volunteers.shifts import AREA_LENGTH, MAX_PLACES, ShiftEditError, ShiftEditProblem

MAX_REASON = 1000
SHIFT_MESSAGES = {
    ShiftEditProblem.TEAM_OF_ANOTHER_FORUM: _l("Choose one of this forum's teams."),
    ShiftEditProblem.DAY_OF_ANOTHER_FORUM: _l("Choose one of this forum's days."),
    ShiftEditProblem.ROOM_OF_ANOTHER_FORUM: _l("Choose one of this forum's rooms."),
    ShiftEditProblem.ENDS_BEFORE_START: _l("The end comes after the start."),
    ShiftEditProblem.PLACES_OUT_OF_RANGE: _l("From 1 to %(max)s places."),
    ShiftEditProblem.FEWER_PLACES_THAN_TAKEN: _l(
        "Volunteers already hold %(taken)s places: take some off the shift first."
    ),
    ShiftEditProblem.NOT_ROOM_HOSTS: _l("Only a room hosts' team gets shifts from the programme."),
    ShiftEditProblem.NO_PROGRAMME: _l("No programme is published yet."),
}


def shift_message(problem: ShiftEditProblem, taken: int = 0) -> str:
    return str(SHIFT_MESSAGES[problem]) % {"max": MAX_PLACES, "taken": taken}


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _places(default: int = 1) -> IntegerField:
    return IntegerField(
        _l("Places needed"),
        default=default,
        validators=[
            InputRequired(message=_l("Say how many volunteers the shift needs.")),
            NumberRange(min=1, max=MAX_PLACES, message=_l("From 1 to %(max)s places.")),
        ],
        render_kw={"inputmode": "numeric", "dir": "ltr"},
    )


def _team_choices(teams) -> list[SelectChoice]:
    return [SelectChoice(team.id, localized(team, "name")) for team in teams]


def _day_choices(days) -> list[SelectChoice]:
    return [SelectChoice(day.id, format_day(day.date, "full")) for day in days]


class ShowsShiftErrors(FlaskForm):
    def show(self, error: ShiftEditError) -> None:
        for problem, name in error.issues:
            message = shift_message(problem, error.taken)
            field = self._fields.get(name) if name else None
            if field is not None:
                field.errors = [*field.errors, message]
            else:
                self.form_errors.append(message)


class ShiftForm(ShowsShiftErrors):
    team = SelectField(_l("Team"), coerce=int, validators=[InputRequired()])
    day = SelectField(_l("Day"), coerce=int, validators=[InputRequired()])
    starts_at = TimeField(_l("Starts at"), validators=[InputRequired()], render_kw={"dir": "ltr"})
    ends_at = TimeField(_l("Ends at"), validators=[InputRequired()], render_kw={"dir": "ltr"})
    room = SelectField(_l("Room"), coerce=int, validators=[Optional()])
    area = StringField(
        _l("Or a named area"),
        validators=[Optional(), Length(max=AREA_LENGTH)],
        description=_l("Where the team meets when it is not a room: “main entrance”, “car park”."),
        render_kw={"dir": "auto"},
    )
    places_needed = _places()
    description = TextAreaField(
        _l("What the volunteers do"),
        validators=[Optional(), Length(max=2000)],
        render_kw={"dir": "auto", "rows": 3},
    )
    submit = SubmitField(_l("Save the shift"))

    def __init__(self, teams, days, rooms, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.team.choices = _team_choices(teams)
        self.day.choices = _day_choices(days)
        self.room.choices = [SelectChoice(0, _("No room"))] + [
            SelectChoice(room.id, localized(room, "name")) for room in rooms
        ]


class PatternForm(ShowsShiftErrors):
    """One shift of a team for every session slot of the chosen days."""

    team = SelectField(_l("Team"), coerce=int, validators=[InputRequired()])
    days = MultiCheckboxField(
        _l("Days"),
        coerce=int,
        validators=[InputRequired(message=_l("Tick at least one day."))],
    )
    places_needed = _places()
    area = StringField(
        _l("Named area (optional)"),
        validators=[Optional(), Length(max=AREA_LENGTH)],
        render_kw={"dir": "auto"},
    )
    submit = SubmitField(_l("Create the shifts"))

    def __init__(self, teams, days, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.team.choices = _team_choices(teams)
        self.days.choices = _day_choices(days)


class RoomHostsForm(ShowsShiftErrors):
    """One shift of a room hosts' team for every session of the published programme."""

    team = SelectField(_l("Room hosts' team"), coerce=int, validators=[InputRequired()])
    places_needed = _places()
    submit = SubmitField(_l("Create the room hosts' shifts"))

    def __init__(self, teams, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.team.choices = _team_choices(team for team in teams if team.hosts_rooms)


class OverrideFields(FlaskForm):
    override = BooleanField(_l("Do it although it breaks these rules"))
    reason = TextAreaField(
        _l("Why the rules may be broken here"),
        validators=[Optional(), Length(max=MAX_REASON)],
        description=_l("Kept with your name."),
        render_kw={"dir": "auto", "rows": 2},
    )

    def ask_for_reason(self) -> None:
        """After a refusal: an override ticked without a reason needs one."""
        if self.override.data and not (self.reason.data or "").strip():
            self.reason.errors = [*self.reason.errors, _("Say why the rules may be broken here.")]

    def override_reason(self) -> str | None:
        reason = (self.reason.data or "").strip()
        return reason if self.override.data and reason else None


class AssignForm(OverrideFields):
    volunteer = SelectField(_l("Volunteer"), coerce=int, validators=[InputRequired()])
    submit = SubmitField(_l("Put on the shift"))

    def __init__(self, volunteers, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.volunteer.choices = [SelectChoice(v.id, v.user.name) for v in volunteers]


class RemoveSignupForm(OverrideFields):
    """Taking a volunteer off a shift: the confirmation, with an override past the cut-off."""

    confirm = HiddenField(default="yes", validators=[InputRequired(), AnyOf(["yes"])])
    submit = SubmitField(_l("Take off the shift"))


class HoursForm(FlaskForm):
    hours = IntegerField(
        _l("Hours"),
        default=0,
        validators=[InputRequired(), NumberRange(min=0, max=24, message=_l("From 0 to 24."))],
        render_kw={"inputmode": "numeric", "dir": "ltr", "size": 2},
    )
    minutes = IntegerField(
        _l("Minutes"),
        default=0,
        validators=[Optional(), NumberRange(min=0, max=59, message=_l("From 0 to 59."))],
        render_kw={"inputmode": "numeric", "dir": "ltr", "size": 2},
    )
    submit = SubmitField(_l("Save the hours"))

    @property
    def total_minutes(self) -> int:
        return self.hours.data * 60 + (self.minutes.data or 0)


class SignupActionForm(FlaskForm):
    """Check-in, undo, no-show: a button (a POST with the CSRF token)."""

    action = HiddenField(
        validators=[InputRequired(), AnyOf(["check_in", "undo", "no_show", "came"])]
    )
