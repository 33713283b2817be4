"""Forms of the rooms and themes screens, and the words for the venue's codes."""

from babel.lists import format_list
from flask_babel import get_locale
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
    TimeField,
)
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.i18n import format_day
from app.forums.models import Day
from app.forums.venue import (
    EQUIPMENT,
    MAX_BOOTH_CHANNELS,
    MAX_CAPACITY,
    VenueError,
    VenueIssue,
    VenueProblem,
)

EQUIPMENT_LABELS = {
    "projector": _l("Projector"),
    "sound": _l("Sound system"),
    "microphones": _l("Microphones"),
    "screen": _l("Screen"),
    "whiteboard": _l("Whiteboard"),
    "internet": _l("Internet"),
}
assert set(EQUIPMENT_LABELS) == set(EQUIPMENT)

MESSAGES = {
    VenueProblem.NO_NAME: _l("Give the name in at least one language."),
    VenueProblem.CAPACITY_OUT_OF_RANGE: _l("A room holds from 1 to %(max)s people."),
    VenueProblem.BOOTH_WITHOUT_CHANNELS: _l("A booth has at least one channel."),
    VenueProblem.CHANNELS_WITHOUT_BOOTH: _l(
        "Only a room with a booth has channels: tick the booth, or leave this empty."
    ),
    VenueProblem.TOO_MANY_CHANNELS: _l("A booth has at most %(max)s channels."),
    VenueProblem.UNKNOWN_EQUIPMENT: _l("Choose equipment from the list."),
    VenueProblem.DAY_OF_ANOTHER_FORUM: _l("Choose one of this forum's days."),
    VenueProblem.ENDS_BEFORE_START: _l("The end comes after the start."),
    VenueProblem.CLOSURE_OVERLAPS: _l(
        "The room is already closed from %(starts_at)s to %(ends_at)s that day."
    ),
    VenueProblem.IN_USE: _l("%(name)s cannot be removed while it is in use: %(uses)s."),
}
assert set(MESSAGES) == set(VenueProblem)


def equipment_label(code: str) -> str:
    return str(EQUIPMENT_LABELS.get(code, code))


def list_of(items) -> str:
    """Items joined the way the reader's language lists things."""
    return format_list([str(item) for item in items], locale=get_locale())


def issue_message(issue: VenueIssue, **context) -> str:
    """The issue in the reader's language; ``context`` fills what the issue does not
    carry (the name of what was refused)."""
    data = {**context, **issue.data}
    for key, value in data.items():
        if hasattr(value, "strftime"):
            data[key] = value.strftime("%H:%M")
        elif isinstance(value, list):
            data[key] = list_of(value)
    return str(MESSAGES[issue.problem]) % data if data else str(MESSAGES[issue.problem])


class VenueForm(FlaskForm):
    """A form whose service may refuse it with a VenueError; ``show`` puts each issue
    beside its field. Issues about the name go to ``name_errors`` (the names fieldset);
    others, and those about no field, go to ``form_errors``."""

    def show(self, error: VenueError) -> None:
        for issue in error.issues:
            message = issue_message(issue)
            field = self._fields.get(issue.field) if issue.field else None
            if issue.field == "name" and hasattr(self, "name_errors"):
                self.name_errors.append(message)
            elif field is not None:
                field.errors = [*field.errors, message]
            else:
                self.form_errors.append(message)


def _name_field(label, code: str, direction: str) -> StringField:
    return StringField(
        label,
        validators=[Optional(), Length(max=120)],
        filters=[lambda value: value.strip() if value else value],
        render_kw={"dir": direction, "lang": code},
    )


class NamesForm(VenueForm):
    """A name in Arabic, Kurdish and English, of which at least one is given."""

    name_ar = _name_field(_l("Name in Arabic"), "ar", "rtl")
    name_ckb = _name_field(_l("Name in Kurdish (Sorani)"), "ckb", "rtl")
    name_en = _name_field(_l("Name in English"), "en", "ltr")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.name_errors: list[str] = []

    @property
    def names(self) -> dict:
        return {
            "name_ar": self.name_ar.data,
            "name_ckb": self.name_ckb.data,
            "name_en": self.name_en.data,
        }


class MultiCheckboxField(SelectMultipleField):
    """A choice of several: one checkbox per option."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class RoomForm(NamesForm):
    capacity = IntegerField(
        _l("Capacity (people)"),
        validators=[
            InputRequired(message=_l("Say how many people the room holds.")),
            NumberRange(min=1, max=MAX_CAPACITY, message=_l("From 1 to %(max)s.")),
        ],
        render_kw={"min": 1, "max": MAX_CAPACITY, "inputmode": "numeric", "dir": "ltr"},
    )
    # Translators: a booth from which interpreters speak, one audio channel per language.
    has_booth = BooleanField(_l("Interpretation booth"))
    booth_channels = IntegerField(
        _l("Number of interpretation channels"),
        validators=[
            Optional(),
            NumberRange(min=0, max=MAX_BOOTH_CHANNELS, message=_l("From 0 to %(max)s.")),
        ],
        description=_l("One channel per language interpreted at the same time."),
        render_kw={"min": 0, "max": MAX_BOOTH_CHANNELS, "inputmode": "numeric", "dir": "ltr"},
    )
    step_free = BooleanField(
        _l("Step-free access"),
        description=_l("Someone in a wheelchair can reach the room without steps."),
    )
    equipment = MultiCheckboxField(
        _l("Equipment"),
        choices=[SelectChoice(code, EQUIPMENT_LABELS[code]) for code in EQUIPMENT],
    )
    submit = SubmitField(_l("Save the room"))

    @property
    def room(self) -> dict:
        """The service's arguments."""
        return {
            **self.names,
            "capacity": self.capacity.data,
            "has_booth": self.has_booth.data,
            "booth_channels": self.booth_channels.data,
            "step_free": self.step_free.data,
            "equipment": self.equipment.data or [],
        }


class ClosureForm(VenueForm):
    day = SelectField(_l("Day"), coerce=int, validate_choice=True)
    starts_at = TimeField(
        _l("Closed from"),
        validators=[InputRequired(message=_l("Give a time, such as 14:00."))],
        render_kw={"dir": "ltr"},
    )
    ends_at = TimeField(
        _l("Until"),
        validators=[InputRequired(message=_l("Give a time, such as 16:00."))],
        render_kw={"dir": "ltr"},
    )
    submit = SubmitField(_l("Add the closure"))

    def __init__(self, *args, days: list[Day], **kwargs):
        super().__init__(*args, **kwargs)
        self.days = {day.id: day for day in days}
        self.day.choices = [SelectChoice(day.id, format_day(day.date, "full")) for day in days]

    @property
    def chosen_day(self) -> Day:
        return self.days[self.day.data]


class ThemeForm(NamesForm):
    submit = SubmitField(_l("Save the theme"))


class MoveForm(FlaskForm):
    """Move up or down one place; a POST without a valid direction moves nothing."""

    direction = HiddenField(validators=[InputRequired(), AnyOf(["up", "down"])])

    @property
    def offset(self) -> int:
        return -1 if self.direction.data == "up" else 1
