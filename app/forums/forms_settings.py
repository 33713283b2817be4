"""Forms of a forum's settings, status and charter pages.

The rules live in app.forums.services; the settings form runs its checks while
validating so that every problem shows at once, beside its field, in the
reader's language.
"""

from datetime import date

from babel import Locale
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import AnyOf, InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.i18n import LANGUAGE_NAMES, format_day, format_number
from app.forums import services
from app.forums.governorates import ABROAD, GOVERNORATES
from app.forums.labels import governorate_label
from app.forums.models import ForumStatus
from app.forums.services import DateError, DateProblem, SettingsError, SettingsProblem

# Offered first in the time zone field; any zone of the tz database is accepted.
COMMON_TIME_ZONES = (
    "Asia/Baghdad", "Asia/Amman", "Asia/Beirut", "Asia/Damascus", "Europe/Istanbul",
    "Asia/Tehran", "Asia/Dubai", "Europe/London", "Europe/Berlin", "Europe/Stockholm",
    "Europe/Copenhagen", "Europe/Oslo", "Europe/Helsinki", "Europe/Amsterdam", "Europe/Brussels",
    "Europe/Paris", "Europe/Rome", "Europe/Vienna", "America/New_York", "America/Detroit",
    "America/Toronto", "Australia/Sydney", "Australia/Melbourne", "UTC",
)  # fmt: skip

LTR = {"dir": "ltr"}
_BIDI = {"ar": {"dir": "rtl", "lang": "ar"}, "ckb": {"dir": "rtl", "lang": "ckb"}, "en": LTR}


def _text(label, code: str, length: int) -> StringField:
    return StringField(
        label,
        validators=[Optional(), Length(max=length)],
        filters=[lambda value: (value or "").strip() or None],
        render_kw={**_BIDI[code], "lang": code},
    )


def _optional_date(label) -> DateField:
    return DateField(label, validators=[Optional()])


def _count(label, setting: str, description=None, required: bool = True) -> IntegerField:
    low, high = services.LIMITS[setting]
    validators = [InputRequired(message=_l("Give a whole number."))] if required else [Optional()]
    return IntegerField(
        label,
        validators=validators,
        description=description,
        render_kw={"min": low, "max": high, "inputmode": "numeric"},
    )


class LanguagesField(SelectMultipleField):
    """Checkboxes, one per language, each named in itself."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SettingsForm(FlaskForm):
    name_ar = _text(_l("Name in Arabic"), "ar", 200)
    name_ckb = _text(_l("Name in Kurdish"), "ckb", 200)
    name_en = _text(_l("Name in English"), "en", 200)
    slogan_ar = _text(_l("Slogan in Arabic"), "ar", 300)
    slogan_ckb = _text(_l("Slogan in Kurdish"), "ckb", 300)
    slogan_en = _text(_l("Slogan in English"), "en", 300)
    number = _count(
        _l("Season number"), "number", _l("4 for the 4th season; may stay empty."), required=False
    )
    city = StringField(_l("City"), validators=[Optional(), Length(max=120)])
    governorate = SelectField(_l("Governorate"))
    country = SelectField(_l("Country, for a forum outside Iraq"))
    venue = StringField(_l("Venue"), validators=[Optional(), Length(max=200)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])
    timezone = StringField(
        _l("Time zone"),
        validators=[InputRequired(message=_l("Give the forum's time zone."))],
        filters=[lambda value: (value or "").strip()],
        description=_l("A name such as Asia/Baghdad or Europe/Stockholm."),
        render_kw={**LTR, "list": "time-zones", "autocomplete": "off", "spellcheck": "false"},
    )
    start_date = DateField(
        _l("First day"), validators=[InputRequired(message=_l("Give the forum's first day."))]
    )
    end_date = DateField(
        _l("Last day"), validators=[InputRequired(message=_l("Give the forum's last day."))]
    )
    registration_opens = _optional_date(_l("Registration opens"))
    registration_closes = _optional_date(_l("Registration closes"))
    proposals_open = _optional_date(_l("Proposals open"))
    proposals_close = _optional_date(_l("Proposals close"))
    volunteering_opens = _optional_date(_l("Volunteer sign-up opens"))
    volunteering_closes = _optional_date(_l("Volunteer sign-up closes"))
    languages = LanguagesField(
        _l("Forum languages"),
        choices=[SelectChoice(code, LANGUAGE_NAMES[code]) for code in services.FORUM_LANGUAGES],
    )
    max_delegates_per_organization = _count(
        _l("Delegates per organization"),
        "max_delegates_per_organization",
        _l("From 1 to 50; the World Social Forum allowed 5."),
    )
    max_activities_per_organization = _count(
        _l("Activities per organization"),
        "max_activities_per_organization",
        _l("From 1 to 20; the World Social Forum allowed 3."),
    )
    max_organizations = _count(
        _l("Organizations the forum can take"),
        "max_organizations",
        _l("Approvals beyond it go on the waiting list. Empty: no limit."),
        required=False,
    )
    max_delegates = _count(
        _l("Delegates the forum can take"),
        "max_delegates",
        _l("Delegates of all approved registrations, individuals included. Empty: no limit."),
        required=False,
    )
    retention_days = _count(
        _l("Days contact data is kept after the forum"),
        "retention_days",
        _l("Participants' contact details are deleted then; with 0, the day after the forum."),
    )
    submit = SubmitField(_l("Save settings"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.governorate.choices = [
            SelectChoice("", _("Not decided yet")),
            *(SelectChoice(code, name) for code, name in GOVERNORATES.items()),
            SelectChoice(ABROAD, governorate_label(ABROAD)),
        ]
        self.country.choices = [SelectChoice("", "—"), *_country_choices()]
        # Errors about the names taken together, shown above the three name fields.
        self.name_errors: list[str] = []

    def settings(self) -> dict:
        """The values to give services.update_settings, by Forum column."""
        values = {name: getattr(self, name).data for name in services.SETTINGS}
        values["governorate"] = values["governorate"] or None
        values["country"] = values["country"] or None
        for name in ("city", "venue", "address"):
            values[name] = (values[name] or "").strip() or None
        return values

    def validate(self, extra_validators=None) -> bool:
        """The form's own checks, then the forum rules on what could be read."""
        valid = super().validate(extra_validators)
        unread = {name for name in services.SETTINGS if getattr(self, name).errors}
        for group in services.SETTING_GROUPS:  # a group is checked whole or not at all
            if unread & set(group):
                unread |= set(group)
        readable = {name: value for name, value in self.settings().items() if name not in unread}
        errors = services.settings_errors(readable)
        if "start_date" in readable and "end_date" in readable:
            windows = {
                closes: (readable.get(opens), readable.get(closes))
                for opens, closes in services.WINDOWS
                if opens in readable and closes in readable
            }
            errors += services.date_errors(readable["start_date"], readable["end_date"], windows)
        self.show_errors(errors)
        return valid and not errors

    def show_errors(self, errors: list[DateError | SettingsError]) -> None:
        """Put each rule error beside its field, in the reader's language."""
        for error in errors:
            if error.field == "name":
                self.name_errors.append(settings_message(error))
                continue
            message = (
                date_message(error, self.end_date.data)
                if isinstance(error, DateError)
                else settings_message(error)
            )
            field = getattr(self, error.field)
            if message not in field.errors:
                field.errors = [*field.errors, message]


def _country_choices() -> list[SelectChoice]:
    names = Locale.parse(str(get_locale() or "en")).territories
    codes = services.country_codes() - {"IQ"}
    return sorted(
        (SelectChoice(code, names.get(code, code)) for code in codes), key=lambda c: c.label
    )


def settings_message(error: SettingsError) -> str:
    problem = error.problem
    if problem is SettingsProblem.NO_NAME:
        return _("Give the forum a name in at least one language.")
    if problem is SettingsProblem.NO_LANGUAGE:
        return _("Choose at least one language.")
    if problem is SettingsProblem.UNKNOWN_LANGUAGE:
        return _("Choose among Arabic, Kurdish and English.")
    if problem is SettingsProblem.OUT_OF_RANGE:
        low, high = services.LIMITS[error.field]
        return _(
            "Give a whole number from %(low)s to %(high)s.",
            low=format_number(low),
            high=format_number(high),
        )
    if problem is SettingsProblem.UNKNOWN_TIMEZONE:
        return _("Unknown time zone: write it like Asia/Baghdad or Europe/Stockholm.")
    if problem is SettingsProblem.UNKNOWN_GOVERNORATE:
        return _("Choose a governorate from the list.")
    if problem is SettingsProblem.NO_COUNTRY:
        return _("Choose the country of a forum held outside Iraq.")
    # SettingsProblem.UNKNOWN_COUNTRY
    return _("Choose a country from the list.")


_WINDOW_MESSAGES = {
    "registration_closes": (
        lambda: _("Registration cannot close before it opens."),
        lambda day: _("Registration must close by the forum's last day (%(day)s).", day=day),
    ),
    "proposals_close": (
        lambda: _("Proposals cannot close before they open."),
        lambda day: _("Proposals must close by the forum's last day (%(day)s).", day=day),
    ),
    "volunteering_closes": (
        lambda: _("Volunteer sign-up cannot close before it opens."),
        lambda day: _("Volunteer sign-up must close by the forum's last day (%(day)s).", day=day),
    ),
}


def date_message(error: DateError, last_day: date | None) -> str:
    problem = error.problem
    if problem is DateProblem.DATES_HALF_SET:
        return _("Give both the first and the last day.")
    if problem is DateProblem.ENDS_BEFORE_START:
        return _("The last day cannot come before the first day.")
    if problem is DateProblem.WINDOW_HALF_SET:
        return _("Give both the opening and the closing date, or neither.")
    before_opening, after_forum = _WINDOW_MESSAGES[error.field]
    if problem is DateProblem.WINDOW_CLOSES_BEFORE_OPENING:
        return before_opening()
    # DateProblem.WINDOW_CLOSES_AFTER_FORUM
    return after_forum(format_day(last_day, "long") if last_day else "")


class ChangeStatusForm(FlaskForm):
    """One button per allowed next status; the button's value is the status."""

    status = HiddenField(validators=[InputRequired(), AnyOf([str(s) for s in ForumStatus])])


class CharterForm(FlaskForm):
    text_ar = TextAreaField(_l("Charter in Arabic"), render_kw={**_BIDI["ar"], "rows": 12})
    text_ckb = TextAreaField(_l("Charter in Kurdish"), render_kw={**_BIDI["ckb"], "rows": 12})
    text_en = TextAreaField(_l("Charter in English"), render_kw={**_BIDI["en"], "rows": 12})
    submit = SubmitField(_l("Publish as a new version"))
