"""Forms of the shift pages: the filters of the free shifts, and the buttons."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, SubmitField

from app.core.i18n import format_day, localized
from app.volunteers.forms_signup import language_label
from app.volunteers.listing import FilterChoices, ShiftFilters


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class ShiftFilterForm(FlaskForm):
    """Read from the query string (``?team=&day=&language=``); no CSRF for a GET."""

    class Meta:
        csrf = False

    team = SelectField(_l("Team"), coerce=_int_or_none, validate_choice=False)
    day = SelectField(_l("Day"), coerce=_int_or_none, validate_choice=False)
    language = SelectField(_l("Language needed"), validate_choice=False)
    submit = SubmitField(_l("Show"))

    def prepare(self, choices: FilterChoices) -> None:
        everything = SelectChoice("", _l("All"))
        self.team.choices = [everything] + [
            SelectChoice(team.id, localized(team, "name")) for team in choices.teams
        ]
        self.day.choices = [everything] + [
            SelectChoice(day.id, format_day(day.date, "full")) for day in choices.days
        ]
        self.language.choices = [everything] + [
            SelectChoice(code, language_label(code)) for code in choices.languages
        ]

    def filters(self, choices: FilterChoices) -> ShiftFilters:
        """The filters asked for; unknown values are ignored (all shown)."""
        team_ids = {team.id for team in choices.teams}
        day_ids = {day.id for day in choices.days}
        return ShiftFilters(
            team_id=self.team.data if self.team.data in team_ids else None,
            day_id=self.day.data if self.day.data in day_ids else None,
            language=self.language.data if self.language.data in choices.languages else None,
        )


class TakeShiftForm(FlaskForm):
    submit = SubmitField(_l("Take"))


class DropShiftForm(FlaskForm):
    """The "Drop" button of my shifts: it leads to the confirmation page."""

    submit = SubmitField(_l("Drop"))
