"""The volunteer's form: languages, skills, days and times, phone, how to be contacted.

The form keeps what was typed; the rules (a real phone, days of the forum, times
in order) are the service's (``signup.check_details``), whose errors ``show_errors``
puts beside the fields.
"""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import Length, Optional
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget

from app.core.i18n import LANGUAGE_NAMES
from app.forums.models import Forum
from app.organizations.contacts import international_phone
from app.volunteers.models import ContactPreference
from app.volunteers.signup import (
    MAX_NOTES,
    VOLUNTEER_LANGUAGES,
    DayAvailability,
    DetailError,
    DetailProblem,
    VolunteerDetails,
)

# Languages beyond the three of the site, named in the reader's language.
OTHER_LANGUAGE_NAMES = {
    "kmr": _l("Kurmanji (Badini)"),
    "tr": _l("Turkmen"),
    "syr": _l("Syriac"),
    "fr": _l("French"),
}
SKILL_LABELS = {
    "first_aid": _l("First aid"),
    "guiding": _l("Guiding visitors"),
    "interpreting": _l("Interpreting between languages"),
    "it": _l("Computers and IT"),
    "media": _l("Photography and media"),
    "logistics": _l("Logistics (setting up, carrying, stock)"),
    "registration_desk": _l("Registration desk"),
    "sign_language": _l("Sign language"),
    "driving": _l("Driving"),
    "childcare": _l("Looking after children"),
}
CONTACT_LABELS = {
    ContactPreference.EMAIL: _l("Email"),
    ContactPreference.PHONE: _l("Phone call"),
    ContactPreference.SMS: _l("Text message (SMS)"),
    ContactPreference.WHATSAPP: _l("WhatsApp"),
    ContactPreference.SIGNAL: _l("Signal"),
    ContactPreference.TELEGRAM: _l("Telegram"),
}
MESSAGES = {
    DetailProblem.NO_LANGUAGE: _l("Tick at least one language you speak."),
    DetailProblem.UNKNOWN_LANGUAGE: _l("Choose languages from the list."),
    DetailProblem.UNKNOWN_SKILL: _l("Choose skills from the list."),
    DetailProblem.INVALID_PHONE: _l(
        "This is not a phone number we can use: write it like 0770 123 4567 or +964 770 123 4567."
    ),
    DetailProblem.PHONE_NEEDED: _l(
        "Give a phone number to be contacted this way, or choose email."
    ),
    DetailProblem.NO_DAY: _l("Tick at least one day you can come."),
    DetailProblem.UNKNOWN_DAY: _l("Choose days of the forum."),
    DetailProblem.ENDS_BEFORE_START: _l("The end time must be after the start time."),
    DetailProblem.TOO_LONG: _l("At most %(max)s characters."),
}


def language_label(code: str) -> str:
    """A language's name: the site's three in themselves, the others translated."""
    return LANGUAGE_NAMES.get(code) or str(OTHER_LANGUAGE_NAMES.get(code, code))


def skill_label(code: str) -> str:
    return str(SKILL_LABELS.get(code, code))


def contact_label(preference: ContactPreference | str) -> str:
    return str(CONTACT_LABELS.get(ContactPreference(preference), preference))


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class DayForm(Form):
    """One day of the forum: can come or not, and optionally from/to which time."""

    day_id = IntegerField(widget=HiddenInput())
    available = BooleanField(_l("I can come"))
    starts_at = TimeField(_l("From (optional)"), validators=[Optional()])
    ends_at = TimeField(_l("Until (optional)"), validators=[Optional()])


class VolunteerForm(FlaskForm):
    languages = MultiCheckboxField(_l("Languages you speak"))
    skills = MultiCheckboxField(_l("What you can do (optional)"))
    days = FieldList(FormField(DayForm))
    phone = StringField(
        _l("Phone (optional unless you want calls or messages)"),
        validators=[Optional(), Length(max=40)],
        description=_l("Only the forum's volunteer coordinators and you see it."),
        render_kw={"type": "tel", "inputmode": "tel", "autocomplete": "tel", "dir": "ltr"},
    )
    contact_preference = RadioField(
        _l("How do you want to be contacted?"),
        choices=[SelectChoice(str(p), label) for p, label in CONTACT_LABELS.items()],
        default=str(ContactPreference.EMAIL),
    )
    notes = TextAreaField(
        _l("Other skills, or anything the coordinators should know (optional)"),
        validators=[Optional(), Length(max=MAX_NOTES)],
        description=_l("Only the forum's volunteer coordinators and you see it."),
        render_kw={"dir": "auto", "rows": 3},
    )
    submit = SubmitField(lazy_pgettext("sign-up button", "Volunteer"))

    def prepare(self, forum: Forum, details: VolunteerDetails | None = None) -> None:
        """Choices of ``forum``; on a first showing, one row per day, filled from
        ``details`` (the volunteer's, when they edit)."""
        self.languages.choices = [
            SelectChoice(code, language_label(code)) for code in VOLUNTEER_LANGUAGES
        ]
        self.skills.choices = [SelectChoice(code, label) for code, label in SKILL_LABELS.items()]
        self.availability_errors: list[str] = []
        if self.is_submitted():
            return
        if details is not None:
            self.languages.data = list(details.languages)
            self.skills.data = list(details.skills)
            self.phone.data = international_phone(details.phone)
            self.contact_preference.data = str(details.contact_preference)
            self.notes.data = details.notes
        given = {a.day_id: a for a in (details.availability if details else ())}
        while self.days.entries:
            self.days.pop_entry()
        for day in forum.days:
            available = given.get(day.id)
            self.days.append_entry(
                {
                    "day_id": day.id,
                    "available": available is not None,
                    "starts_at": available.starts_at if available else None,
                    "ends_at": available.ends_at if available else None,
                }
            )

    def details(self) -> VolunteerDetails:
        return VolunteerDetails(
            languages=tuple(self.languages.data or ()),
            skills=tuple(self.skills.data or ()),
            availability=tuple(
                DayAvailability(entry.day_id.data, entry.starts_at.data, entry.ends_at.data)
                for entry in self.days
                if entry.available.data and entry.day_id.data is not None
            ),
            phone=self.phone.data,
            contact_preference=ContactPreference(self.contact_preference.data),
            notes=self.notes.data,
        )

    def show_errors(self, errors: list[DetailError]) -> None:
        """The service's errors beside their fields (a day's beside its times)."""
        for error in errors:
            message = str(MESSAGES[error.problem] % {"max": MAX_NOTES})
            if error.field != "availability":
                getattr(self, error.field).errors.append(message)
                continue
            entry = next((e for e in self.days if e.day_id.data == error.day_id), None)
            if entry is not None and error.day_id is not None:
                entry.ends_at.errors.append(message)
            else:
                self.availability_errors.append(message)
