"""The interpreter's form: languages with a level, directions, modes, experience,
days. The rules are the service's (``team.check_details``); ``show_errors`` puts
its errors beside the fields, and the form keeps what was typed.

The directions are checkboxes grouped by source language (the forum's three
first, the others folded away), so no script is needed to build pairs.
"""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SubmitField,
)
from wtforms.validators import Optional

from app.activities.labels import INTERPRETATION_MODE
from app.core.i18n import format_day
from app.forums.models import Forum
from app.interpreting.models import LanguageLevel
from app.interpreting.team import (
    INTERPRETER_LANGUAGES,
    MODES,
    DetailError,
    DetailProblem,
    InterpreterDetails,
)
from app.interpreting.team_messages import direction_text
from app.volunteers.forms_signup import MultiCheckboxField, language_label

# The forum's own languages: their directions are shown first.
MAIN_LANGUAGES = ("ar", "ckb", "en")
LEVEL_LABELS = {
    LanguageLevel.A: _l("A: native language"),
    LanguageLevel.B: _l("B: active, I interpret into it"),
    LanguageLevel.C: _l("C: passive, I understand it fully"),
}
MESSAGES = {
    DetailProblem.NO_LANGUAGE: _l("Give the level of at least one language you work in."),
    DetailProblem.UNKNOWN_LANGUAGE: _l("Choose languages from the list."),
    DetailProblem.NO_DIRECTION: _l("Tick at least one direction you interpret."),
    DetailProblem.DIRECTION_NOT_SPOKEN: _l(
        "Each direction must be between two of the languages you gave a level for above."
    ),
    DetailProblem.NO_MODE: _l("Tick at least one way of interpreting."),
    DetailProblem.UNKNOWN_MODE: _l("Choose from the list."),
    DetailProblem.NO_DAY: _l("Tick at least one day you can interpret."),
    DetailProblem.UNKNOWN_DAY: _l("Choose days of the forum."),
}
EXPERIENCE = {
    "first": _l("This is my first forum as an interpreter"),
    "experienced": _l("I have interpreted at forums or conferences before"),
}


def direction_value(source: str, target: str) -> str:
    return f"{source}-{target}"


def parse_direction(value: str) -> tuple[str, str] | None:
    source, _sep, target = (value or "").partition("-")
    return (source, target) if source and target else None


def level_label(level: LanguageLevel | str) -> str:
    return str(LEVEL_LABELS.get(LanguageLevel(level), level))


class LanguageLevelForm(Form):
    """One language: not worked in (empty), or its level."""

    code = HiddenField()
    level = SelectField(validators=[Optional()])


class InterpreterForm(FlaskForm):
    languages = FieldList(FormField(LanguageLevelForm))
    directions = MultiCheckboxField(_l("Directions you interpret (from → into)"))
    modes = MultiCheckboxField(_l("How you interpret"))
    experience = RadioField(
        _l("Experience"),
        choices=[SelectChoice(value, label) for value, label in EXPERIENCE.items()],
        default="first",
    )
    days = MultiCheckboxField(_l("Days you can interpret"), coerce=int)
    submit = SubmitField(lazy_pgettext("join button", "Join the interpretation team"))

    def prepare(self, forum: Forum, details: InterpreterDetails | None = None) -> None:
        """Choices of ``forum``; on a first showing, one row per language, filled
        from ``details`` (the interpreter's, when they edit)."""
        self.directions.choices = [
            SelectChoice(direction_value(s, t), direction_text(s, t))
            for s in INTERPRETER_LANGUAGES
            for t in INTERPRETER_LANGUAGES
            if s != t
        ]
        self.modes.choices = [
            SelectChoice(str(mode), str(INTERPRETATION_MODE[mode])) for mode in MODES
        ]
        self.days.choices = [
            SelectChoice(day.id, format_day(day.date, "full")) for day in forum.days
        ]
        self.language_errors: list[str] = []
        if not self.is_submitted():
            while self.languages.entries:
                self.languages.pop_entry()
            levels = dict(details.languages) if details else {}
            for code in INTERPRETER_LANGUAGES:
                level = levels.get(code)
                self.languages.append_entry({"code": code, "level": str(level) if level else ""})
            if details is not None:
                self.directions.data = [direction_value(s, t) for s, t in details.directions]
                self.modes.data = list(details.modes)
                self.experience.data = "experienced" if details.experienced else "first"
                self.days.data = list(details.day_ids)
        level_choices = [SelectChoice("", _l("I do not work in it"))] + [
            SelectChoice(str(level), str(label)) for level, label in LEVEL_LABELS.items()
        ]
        for entry in self.languages:
            entry.level.choices = level_choices
            entry.level.label.text = language_label(entry.code.data or "")

    def details(self) -> InterpreterDetails:
        return InterpreterDetails(
            languages=tuple(
                (entry.code.data, LanguageLevel(entry.level.data))
                for entry in self.languages
                if entry.code.data and entry.level.data
            ),
            directions=tuple(
                direction
                for value in self.directions.data or ()
                if (direction := parse_direction(value)) is not None
            ),
            modes=tuple(self.modes.data or ()),
            experienced=self.experience.data == "experienced",
            day_ids=tuple(self.days.data or ()),
        )

    def direction_groups(self) -> list[tuple[str, list]]:
        """The direction checkboxes by source language: (source, options)."""
        groups: dict[str, list] = {code: [] for code in INTERPRETER_LANGUAGES}
        for option in self.directions:
            groups[option.data.partition("-")[0]].append(option)
        return list(groups.items())

    def show_errors(self, errors: list[DetailError]) -> None:
        """The service's errors beside their fields."""
        for error in errors:
            message = str(MESSAGES[error.problem])
            if error.field == "languages":
                self.language_errors.append(message)
            else:
                getattr(self, error.field).errors.append(message)
