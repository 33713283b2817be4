"""Forms of the registration screens (the words for the rules' codes: registration_messages).

Delegates are entered without JavaScript: a fixed number of fieldsets (the forum's
cap), of which blank ones are ignored. Every refusal of the services is shown
beside the field it is about, in the reader's language.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TelField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.i18n import LANGUAGE_NAMES, localized
from app.forums.models import CharterVersion, Forum
from app.forums.services import LIMITS
from app.organizations.labels import GENDER
from app.organizations.models import Gender, RegistrationChannel
from app.organizations.registration import RegistrationError, RegistrationProblem
from app.organizations.registration_delegates import (
    MAX_NAME,
    MAX_OTHER_NEEDS,
    OTHER_LANGUAGE,
    DelegateDetails,
)
from app.organizations.registration_messages import (
    CHANNELS,
    delegate_problem_message,
    problem_message,
)

# No form takes more rows than the largest cap a forum may set.
MAX_ROWS = LIMITS["max_delegates_per_organization"][1]


class MultiCheckboxField(SelectMultipleField):
    """A choice of several: one checkbox per option."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _id_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class DelegateForm(Form):
    """One person's fieldset; part of a FlaskForm (whose CSRF token covers it)."""

    delegate_id = HiddenField(filters=[_id_or_none])
    name = StringField(
        _l("Full name"),
        validators=[Optional(), Length(max=MAX_NAME)],
        filters=[_strip],
        render_kw={"dir": "auto", "autocomplete": "off"},
    )
    phone = TelField(
        _l("Phone (optional)"),
        validators=[Optional(), Length(max=40)],
        filters=[_strip],
        description=_l("An Iraqi number such as 0770 123 4567, or one with its country code."),
        render_kw={"dir": "ltr", "inputmode": "tel", "autocomplete": "off"},
    )
    email = EmailField(
        _l("Email (optional)"),
        validators=[Optional(), Length(max=254)],
        filters=[_strip],
        render_kw={"dir": "ltr", "autocomplete": "off"},
    )
    gender = SelectField(
        _l("Gender (optional)"),
        choices=[SelectChoice("", _l("Prefer not to say"))]
        + [SelectChoice(str(g), GENDER[g]) for g in Gender],
        default="",
        description=_l("Only counted, for the forum's participation figures."),
    )
    languages = MultiCheckboxField(_l("Languages spoken"))
    interpretation_into = MultiCheckboxField(_l("Needs interpretation into"))
    needs_step_free = BooleanField(_l("Needs step-free access (no stairs)"))
    other_needs = TextAreaField(
        _l("Other needs (optional)"),
        validators=[Optional(), Length(max=MAX_OTHER_NEEDS)],
        description=_l(
            "Another language spoken, a diet, anything the organizers should know. "
            "Only the forum's organizers and your organization see it."
        ),
        render_kw={"dir": "auto", "rows": 2},
    )
    remove = BooleanField(_l("Remove this delegate"))

    def set_languages(self, forum: Forum) -> None:
        names = [SelectChoice(code, LANGUAGE_NAMES[code]) for code in forum.languages]
        self.languages.choices = [*names, SelectChoice(OTHER_LANGUAGE, _l("Another language"))]
        self.interpretation_into.choices = names

    @property
    def is_blank(self) -> bool:
        """Nothing typed, ticked or chosen: a spare row."""
        texts = (self.name, self.phone, self.email, self.other_needs, self.gender)
        return not any(field.data for field in texts) and not (
            self.languages.data or self.interpretation_into.data or self.needs_step_free.data
        )

    def details(self, row: int) -> DelegateDetails:
        return DelegateDetails(
            name=self.name.data,
            phone=self.phone.data,
            email=self.email.data,
            gender=Gender(self.gender.data) if self.gender.data else None,
            languages=tuple(self.languages.data or ()),
            interpretation_into=tuple(self.interpretation_into.data or ()),
            needs_step_free=bool(self.needs_step_free.data),
            other_needs=self.other_needs.data,
            delegate_id=self.delegate_id.data,
            row=row,
        )


def delegate_data(details: DelegateDetails) -> dict:
    """A kept delegate as a DelegateForm's data, to fill the form with."""
    return {
        "delegate_id": details.delegate_id,
        "name": details.name,
        "phone": details.phone,
        "email": details.email,
        "gender": str(details.gender) if details.gender else "",
        "languages": list(details.languages),
        "interpretation_into": list(details.interpretation_into),
        "needs_step_free": details.needs_step_free,
        "other_needs": details.other_needs,
    }


class DelegatesForm(FlaskForm):
    """Delegates in ``rows`` fieldsets (more when more are kept); blank and removed
    rows are left out of ``delegate_details``."""

    delegates = FieldList(FormField(DelegateForm), max_entries=MAX_ROWS)

    def __init__(self, *args, forum: Forum, rows: int, **kwargs):
        super().__init__(*args, **kwargs)
        while len(self.delegates.entries) < min(rows, MAX_ROWS):
            self.delegates.append_entry()
        for entry in self.delegates:
            entry.form.set_languages(forum)

    @property
    def delegate_details(self) -> list[DelegateDetails]:
        return [
            entry.form.details(row)
            for row, entry in enumerate(self.delegates)
            if not entry.form.remove.data and not entry.form.is_blank
        ]

    def show(self, error: RegistrationError) -> None:
        """Each refusal beside its field; those about no field above the form."""
        for problem in error.problems:
            if problem is not RegistrationProblem.INVALID_DELEGATE:
                self.form_errors.append(problem_message(problem, error.data))
        if error.delegate_errors:
            self.form_errors.append(problem_message(RegistrationProblem.INVALID_DELEGATE))
        for issue in error.delegate_errors:
            field = self.delegates.entries[issue.row].form[issue.field]
            field.errors = [*field.errors, delegate_problem_message(issue)]


def endorse_label(endorser: str, version: int) -> str:
    """The tick's words: said by the organization, by the individual, or by an
    organizer for the organization."""
    if endorser == "individual":
        return _("I endorse the charter (version %(number)s)", number=version)
    if endorser == "on_behalf":
        return _(
            "The organization endorses the charter (version %(number)s): on its paper form,"
            " or when asked on the phone",
            number=version,
        )
    return _("We endorse the charter (version %(number)s)", number=version)


class RegistrationForm(DelegatesForm):
    """Endorsement of the charter shown (its id travels with the form), then delegates."""

    charter_version = HiddenField(filters=[_id_or_none])
    endorse = BooleanField()
    submit = SubmitField(_l("Register"))

    def __init__(self, *args, charter: CharterVersion | None, endorser: str = "organization", **kw):
        super().__init__(*args, **kw)
        self.charter = charter
        if charter is not None:
            if self.charter_version.data is None:
                self.charter_version.data = charter.id
            self.endorse.label.text = endorse_label(endorser, charter.version)

    @property
    def endorsed_version_id(self) -> int | None:
        return self.charter_version.data if self.endorse.data else None

    def show(self, error: RegistrationError) -> None:
        charter_problems = {
            RegistrationProblem.CHARTER_NOT_ENDORSED,
            RegistrationProblem.CHARTER_CHANGED,
        }
        for problem in set(error.problems) & charter_problems:
            self.endorse.errors = [*self.endorse.errors, problem_message(problem, error.data)]
        if RegistrationProblem.CHARTER_CHANGED in error.problems and self.charter is not None:
            # The page now shows the current version: that is the one to endorse.
            self.charter_version.data, self.endorse.data = self.charter.id, False
        rest = [p for p in error.problems if p not in charter_problems]
        super().show(RegistrationError(rest, error.delegate_errors, **error.data))


class ChooseRegistrantForm(FlaskForm):
    """Which of the user's organizations to register, or themself as an individual."""

    INDIVIDUAL = "individual"

    registrant = RadioField(
        _l("Who registers?"),
        validators=[InputRequired(message=_l("Choose who registers."))],
    )
    submit = SubmitField(_l("Continue"))

    def __init__(self, *args, organizations, individual_allowed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [SelectChoice(str(o.id), localized(o, "name")) for o in organizations]
        if individual_allowed:
            choices.append(SelectChoice(self.INDIVIDUAL, _l("Myself, as an individual activist")))
        self.registrant.choices = choices


class OrganizationSearchForm(FlaskForm):
    """A search by name (in any script), sent by GET."""

    class Meta:
        csrf = False

    q = StringField(
        _l("Name of the organization"),
        validators=[Optional(), Length(max=200)],
        filters=[_strip],
        render_kw={"dir": "auto", "type": "search"},
    )
    submit = SubmitField(_l("Search"))


class OnBehalfForm(RegistrationForm):
    """An organizer enters a registration received on paper or by phone."""

    channel = RadioField(
        _l("The registration reached us"),
        choices=[
            SelectChoice(str(c), CHANNELS[c])
            for c in (RegistrationChannel.PAPER, RegistrationChannel.PHONE)
        ],
        validators=[InputRequired(message=_l("Say how the registration reached you."))],
    )
    submit = SubmitField(_l("Register the organization"))
