"""Forms of the days-and-time-slots screens.

The calendar's rules (ends after it starts, no overlap, a break has a label,
nothing in use moves) live in ``app.forums.calendar``; ``SlotForm.show_error``
puts its refusals beside the field they are about.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, SubmitField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, Optional

from app.forums.calendar import CalendarError, CalendarProblem, SlotSpec
from app.forums.calendar_messages import calendar_error_message
from app.forums.labels import SLOT_KIND
from app.forums.models import SlotKind


def _label_field(label, language: str, direction: str) -> StringField:
    return StringField(
        label,
        validators=[Optional(), Length(max=80)],
        filters=[lambda value: value.strip() if value else value],
        render_kw={"dir": direction, "lang": language},
    )


class SlotForm(FlaskForm):
    """One slot of one day: its times (local to the forum), its kind and its labels."""

    starts_at = TimeField(_l("Starts at"), validators=[InputRequired()])
    ends_at = TimeField(_l("Ends at"), validators=[InputRequired()])
    kind = RadioField(
        _l("Kind"),
        choices=[SelectChoice(kind.value, label) for kind, label in SLOT_KIND.items()],
        default=SlotKind.SESSION.value,
        coerce=SlotKind,
        validators=[InputRequired()],
    )
    label_ar = _label_field(_l("Label in Arabic"), "ar", "rtl")
    label_ckb = _label_field(_l("Label in Kurdish"), "ckb", "rtl")
    label_en = _label_field(_l("Label in English"), "en", "ltr")
    submit = SubmitField(_l("Save slot"))

    def spec(self) -> SlotSpec:
        return SlotSpec(
            starts_at=self.starts_at.data,
            ends_at=self.ends_at.data,
            kind=self.kind.data,
            label_ar=self.label_ar.data or None,
            label_ckb=self.label_ckb.data or None,
            label_en=self.label_en.data or None,
        )

    def show_error(self, error: CalendarError) -> None:
        """The refusal, translated, beside the field it is about."""
        field = {
            CalendarProblem.ENDS_BEFORE_START: self.ends_at,
            CalendarProblem.BREAK_WITHOUT_LABEL: self.kind,
            CalendarProblem.KIND_IN_USE: self.kind,
        }.get(error.problem, self.starts_at)
        field.errors = [*field.errors, calendar_error_message(error)]


def _button_field() -> HiddenField:
    """A hidden ``yes`` that the page's form sends: a POST without it changes nothing.

    InputRequired looks at what was posted; without it a missing field would
    keep its default and pass AnyOf.
    """
    return HiddenField(default="yes", validators=[InputRequired(), AnyOf(["yes"])])


class ApplyPatternForm(FlaskForm):
    """The button that gives every day the standard pattern."""

    apply = _button_field()
    submit = SubmitField(_l("Apply the standard pattern to every day"))


class CopyDayForm(FlaskForm):
    """The button that copies one day's slots onto every other day."""

    copy = _button_field()
    submit = SubmitField(_l("Copy this day's slots to every other day"))
