"""Forms of the board: its filters (a GET), and the changes (place or move, swap,
pin) with the override an organizer gives when a change breaks a rule."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from app.activities.labels import ACTIVITY_FORMAT
from app.activities.models import ActivityFormat
from app.core.i18n import LANGUAGE_NAMES, localized
from app.scheduling.board import SIZES

MAX_REASON = 1000
SIZE_LABELS = {
    "small": _l("Up to 30 people"),
    "medium": _l("31 to 100 people"),
    "large": _l("101 to 300 people"),
    "very_large": _l("More than 300 people"),
}
# The board's own query arguments, kept across a change (the day, the filters, the pick).
BOARD_ARGUMENTS = ("day", "theme", "format", "language", "size", "pick")


class BoardFilterForm(FlaskForm):
    """Filters of the unplaced list, read from the query string (nothing changes)."""

    class Meta:
        csrf = False

    theme = SelectField(_l("Theme"), validators=[Optional()])
    format = SelectField(_l("Format"), validators=[Optional()])
    language = SelectField(_l("Spoken language"), validators=[Optional()])
    size = SelectField(_l("Expected attendance"), validators=[Optional()])

    def __init__(self, themes, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme.choices = [SelectChoice("", _("All themes"))] + [
            SelectChoice(str(theme.id), localized(theme, "name")) for theme in themes
        ]
        self.format.choices = [SelectChoice("", _("All formats"))] + [
            SelectChoice(str(code), label) for code, label in ACTIVITY_FORMAT.items()
        ]
        self.language.choices = [SelectChoice("", _("All languages"))] + [
            SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items()
        ]
        self.size.choices = [SelectChoice("", _("Any size"))] + [
            SelectChoice(code, SIZE_LABELS[code]) for code in SIZES
        ]

    def value(self, name: str) -> str | None:
        """The field's value, or None when it is not one the form offers."""
        field = self[name]
        return None if field.errors else (field.data or None)

    def filters(self) -> dict:
        """The keyword arguments of board.read_board."""
        theme, form = self.value("theme"), self.value("format")
        return {
            "theme": int(theme) if theme else None,
            "format": ActivityFormat(form) if form else None,
            "language": self.value("language"),
            "size": self.value("size"),
        }


class OverrideFields(FlaskForm):
    """The organizer's override of the rules a change breaks, and why."""

    override = BooleanField(_l("Keep this change although it breaks these rules"))
    reason = TextAreaField(
        _l("Why the rules may be broken here"),
        validators=[Optional(), Length(max=MAX_REASON)],
        description=_l("Kept with your name and shown on the board until the conflict is gone."),
        render_kw={"dir": "auto", "rows": 2},
    )
    # The board's query string (day, filters), to come back to the same view.
    view = HiddenField()

    def ask_for_reason(self) -> None:
        """After a refusal: an override ticked without a reason needs one."""
        if self.override.data and not (self.reason.data or "").strip():
            self.reason.errors = [*self.reason.errors, _("Say why the rules may be broken here.")]

    def override_reason(self) -> str | None:
        return self.reason.data.strip() if self.override.data and self.reason.data else None


class PlaceForm(OverrideFields):
    """Place an accepted activity (or move a placed one): a room and its first slot."""

    activity = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    room = SelectField(_l("Room"), coerce=int, validators=[InputRequired()])
    slot = SelectField(_l("First slot"), coerce=int, validators=[InputRequired()])

    def __init__(self, rooms, slot_names: dict[int, str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.room.choices = [
            SelectChoice(room.id, f"{localized(room, 'name')} ({room.capacity})") for room in rooms
        ]
        self.slot.choices = [SelectChoice(i, name) for i, name in slot_names.items()]


class SwapForm(OverrideFields):
    """Two placed sessions trade places."""

    first = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    second = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


class PinForm(FlaskForm):
    pinned = HiddenField(validators=[InputRequired(), AnyOf(["1", "0"])])
    view = HiddenField()
