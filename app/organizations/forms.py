"""Forms of the organization pages: the profile, inviting, and the small answer forms.

The profile's rules live in app.organizations.services; the profile form runs them
while validating, so every problem shows at once, beside its field, in the reader's
language.
"""

from babel import Locale
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TelField,
    TextAreaField,
    URLField,
)
from wtforms.validators import AnyOf, DataRequired, Email, InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.forums.governorates import GOVERNORATES
from app.forums.services import country_codes
from app.organizations import contacts, services
from app.organizations.labels import FIELDS_OF_WORK, LEGAL_STATUS, ORGANIZATION_TYPE
from app.organizations.members import MembershipProblem
from app.organizations.models import LegalStatus
from app.organizations.services import ProfileIssue, ProfileProblem

LTR = {"dir": "ltr"}
_BIDI = {"ar": {"dir": "rtl", "lang": "ar"}, "ckb": {"dir": "rtl", "lang": "ckb"}, "en": LTR}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _text(label, code: str, length: int) -> StringField:
    return StringField(
        label,
        validators=[Optional(), Length(max=length)],
        filters=[_strip],
        render_kw={**_BIDI[code], "lang": code},
    )


def _description(label, code: str) -> TextAreaField:
    return TextAreaField(
        label,
        validators=[Optional(), Length(max=services.MAX_LENGTH[f"description_{code}"])],
        filters=[_strip],
        render_kw={**_BIDI[code], "lang": code, "rows": 4},
    )


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


MESSAGES = {
    ProfileProblem.NO_NAME: _l("Give the name in at least one language."),
    ProfileProblem.TOO_LONG: _l("At most %(max)s characters."),
    ProfileProblem.UNKNOWN_TYPE: _l("Choose the type of organization."),
    ProfileProblem.UNKNOWN_LEGAL_STATUS: _l("Choose the legal status."),
    ProfileProblem.NEEDS_REGISTRATION_NUMBER: _l(
        "Give the registration number of the NGO Directorate."
    ),
    ProfileProblem.INFORMAL_HAS_NUMBER: _l(
        "An informal organization has no registration number: choose the Directorate "
        "it is registered with, or leave the number empty."
    ),
    ProfileProblem.UNKNOWN_COUNTRY: _l("Choose a country from the list."),
    ProfileProblem.NEEDS_GOVERNORATE: _l("Choose the governorate of an organization in Iraq."),
    ProfileProblem.UNKNOWN_GOVERNORATE: _l("Choose a governorate from the list."),
    ProfileProblem.GOVERNORATE_OUTSIDE_IRAQ: _l(
        "Only an organization in Iraq has a governorate: leave it empty."
    ),
    ProfileProblem.UNKNOWN_FIELD_OF_WORK: _l("Choose fields of work from the list."),
    ProfileProblem.INVALID_URL: _l("Write a web address such as https://example.org."),
    ProfileProblem.TOO_MANY_LINKS: _l("At most %(max)s links."),
    ProfileProblem.INVALID_EMAIL: _l("Enter a valid email address."),
    ProfileProblem.INVALID_PHONE: _l(
        "This is not a phone number: write it like 0770 123 4567, or with + and the country code."
    ),
}
assert set(MESSAGES) == set(ProfileProblem)


def profile_message(issue: ProfileIssue) -> str:
    if issue.problem is ProfileProblem.INVALID_URL and "link" in issue.data:
        return _(
            "“%(link)s” is not a web address: write it like https://example.org.",
            link=issue.data["link"],
        )
    message = MESSAGES[issue.problem]
    return str(message) % issue.data if issue.data else str(message)


def country_name(code: str) -> str:
    """The country's name in the reader's language."""
    return Locale.parse(str(get_locale() or "en")).territories.get(code, code)


def _country_choices() -> list[SelectChoice]:
    names = Locale.parse(str(get_locale() or "en")).territories
    others = sorted(
        (SelectChoice(code, names.get(code, code)) for code in country_codes() - {"IQ"}),
        key=lambda choice: choice.label,
    )
    return [SelectChoice("IQ", names.get("IQ", "IQ")), *others]


class OrganizationForm(FlaskForm):
    name_ar = _text(_l("Name in Arabic"), "ar", 200)
    name_ckb = _text(_l("Name in Kurdish (Sorani)"), "ckb", 200)
    name_en = _text(_l("Name in English"), "en", 200)
    acronym = StringField(
        _l("Acronym"),
        validators=[Optional(), Length(max=30)],
        filters=[_strip],
        description=_l("Optional, such as ISF or IWJF."),
        render_kw={"dir": "auto"},
    )
    kind = SelectField(_l("Type of organization"))
    legal_status = RadioField(
        _l("Legal status"),
        choices=[SelectChoice(str(status), LEGAL_STATUS[status]) for status in LegalStatus],
        default=str(LegalStatus.INFORMAL),
        validators=[InputRequired(message=_l("Choose the legal status."))],
    )
    registration_number = StringField(
        _l("Registration number"),
        validators=[Optional(), Length(max=60)],
        filters=[_strip],
        description=_l("The number given by the NGO Directorate, for a registered organization."),
        render_kw={**LTR, "autocomplete": "off"},
    )
    country = SelectField(_l("Country"), default="IQ")
    governorate = SelectField(
        _l("Governorate"), description=_l("For an organization in Iraq: where it is based.")
    )
    fields_of_work = MultiCheckboxField(
        _l("Fields of work"),
        choices=[SelectChoice(code, label) for code, label in FIELDS_OF_WORK.items()],
    )
    website = URLField(
        _l("Website"),
        filters=[_strip],
        description=_l("Such as https://example.org."),
        render_kw={**LTR, "inputmode": "url", "spellcheck": "false"},
    )
    social_links = TextAreaField(
        _l("Social media pages"),
        description=_l("One address per line, at most %(max)s.", max=services.MAX_SOCIAL_LINKS),
        render_kw={**LTR, "rows": 3, "spellcheck": "false"},
    )
    description_ar = _description(_l("Description in Arabic"), "ar")
    description_ckb = _description(_l("Description in Kurdish (Sorani)"), "ckb")
    description_en = _description(_l("Description in English"), "en")
    contact_email = EmailField(
        _l("Public contact email"),
        filters=[_strip],
        render_kw={**LTR, "inputmode": "email", "spellcheck": "false", "autocomplete": "off"},
    )
    contact_phone = TelField(
        _l("Public contact phone"),
        filters=[_strip],
        description=_l("Such as 0770 123 4567; with + and the country code outside Iraq."),
        render_kw={**LTR, "inputmode": "tel", "autocomplete": "off"},
    )
    listed_publicly = BooleanField(
        _l("May be listed publicly"),
        description=_l(
            "Listed organizations appear in the public directory of the forums they take "
            "part in; contacts and people never do."
        ),
    )
    # Shown only when organizations with the same name exist.
    different_organization = BooleanField(_l("It is a different organization"))
    submit = SubmitField(_l("Save the organization"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [
            SelectChoice("", _("Choose…")),
            *(SelectChoice(str(kind), label) for kind, label in ORGANIZATION_TYPE.items()),
        ]
        self.country.choices = _country_choices()
        self.governorate.choices = [
            SelectChoice("", "—"),
            *(SelectChoice(code, name) for code, name in GOVERNORATES.items()),
        ]
        self.name_errors: list[str] = []

    @property
    def names(self) -> list[str | None]:
        return [self.name_ar.data, self.name_ckb.data, self.name_en.data]

    def profile(self) -> dict:
        """The arguments of services.create_organization / update_organization."""
        values = {name: getattr(self, name).data for name in services.PROFILE_FIELDS}
        values["social_links"] = [
            line.strip() for line in (self.social_links.data or "").splitlines() if line.strip()
        ]
        values["fields_of_work"] = self.fields_of_work.data or []
        return values

    def fill(self, organization) -> None:
        """Show the organization's profile (on a GET of the edit page)."""
        for name, value in services.profile_values(organization).items():
            field = getattr(self, name)
            if name == "social_links":
                field.data = "\n".join(value or [])
            elif name in ("kind", "legal_status"):
                field.data = str(value)
            elif name == "contact_phone":
                field.data = contacts.international_phone(value) or None
            else:
                field.data = value if value is not None else field.default
        self.governorate.data = organization.governorate or ""

    def validate(self, extra_validators=None) -> bool:
        """The form's own checks, then the profile rules on the fields it could read."""
        valid = super().validate(extra_validators)
        readable = {
            name: value for name, value in self.profile().items() if not getattr(self, name).errors
        }
        issues = services.profile_issues(readable)
        self.show(issues)
        return valid and not issues

    def show(self, issues: list[ProfileIssue]) -> None:
        """Put each issue beside its field; those about the names above the names."""
        for issue in issues:
            message = profile_message(issue)
            if issue.field == "name":
                if message not in self.name_errors:
                    self.name_errors.append(message)
                continue
            field = getattr(self, issue.field)
            if message not in field.errors:
                field.errors = [*field.errors, message]


class InviteForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        validators=[
            DataRequired(message=_l("Enter the email address to invite.")),
            Email(message=_l("Enter a valid email address.")),
            Length(max=254),
        ],
        filters=[_strip],
        description=_l(
            "They receive an email and join once they sign in (or sign up) with this address."
        ),
        render_kw={**LTR, "inputmode": "email", "spellcheck": "false", "autocomplete": "off"},
    )
    submit = SubmitField(_l("Invite"))


INVITE_MESSAGES = {
    MembershipProblem.ALREADY_MEMBER: _l("The account with this address is already a member."),
    MembershipProblem.ALREADY_INVITED: _l(
        "This address has already been invited; the invitation is waiting for an answer."
    ),
    MembershipProblem.TOO_MANY_INVITATIONS: _l(
        "%(max)s invitations are waiting for an answer: cancel some before inviting more."
    ),
    MembershipProblem.HAS_MEMBERS: _l(
        "This organization has a member now: its members invite the others."
    ),
}


class AnswerForm(FlaskForm):
    """Accept or decline (an invitation, a request to join): the button pressed says which.

    A POST without an answer changes nothing."""

    answer = HiddenField(validators=[InputRequired(), AnyOf(["accept", "decline"])])

    @property
    def accepted(self) -> bool:
        return self.answer.data == "accept"


class HideForm(FlaskForm):
    """ "Hide us" or "show us again"; a POST without the choice changes nothing."""

    hidden = HiddenField(validators=[InputRequired(), AnyOf(["yes", "no"])])

    @property
    def hide(self) -> bool:
        return self.hidden.data == "yes"


class JoinForm(FlaskForm):
    """The "ask to join" button of the similar-organizations warning."""

    confirm = HiddenField(default="yes", validators=[InputRequired(), AnyOf(["yes"])])
