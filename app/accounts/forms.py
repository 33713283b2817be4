from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectChoice,
    StringField,
    SubmitField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from app.accounts.passwords import MIN_LENGTH, password_problem
from app.core.i18n import LANGUAGE_NAMES
from app.core.permissions import is_staff

LTR = {"dir": "ltr"}


def _email_field(label=None) -> EmailField:
    return EmailField(
        label or _l("Email address"),
        validators=[
            DataRequired(),
            Email(message=_l("Enter a valid email address.")),
            Length(max=254),
        ],
        render_kw={**LTR, "autocomplete": "email", "inputmode": "email", "spellcheck": "false"},
    )


class StrongPassword:
    """The password rules of app.accounts.passwords, for the account the form is for
    (``form.account``; none at sign-up) and the words it must not lean on."""

    def __call__(self, form, field) -> None:
        account = getattr(form, "account", None)
        words = [getattr(account, "email", ""), getattr(account, "name", "")]
        words += [
            getattr(form, name).data or "" for name in ("email", "name") if hasattr(form, name)
        ]
        staff = account is not None and is_staff(account)
        problem = password_problem(field.data or "", staff=staff, personal_words=words)
        if problem is not None:
            raise ValidationError(str(problem))


class AccountForm(FlaskForm):
    """A form about an existing account, which its validators may consult."""

    def __init__(self, *args, account=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account


def _new_password_field(label=None) -> PasswordField:
    return PasswordField(
        label or _l("Password"),
        validators=[DataRequired(), Length(max=256), StrongPassword()],
        render_kw={**LTR, "autocomplete": "new-password", "minlength": MIN_LENGTH},
        description=_l(
            "At least %(min)d characters (15 for forum staff). "
            "A few words you will remember make a good one.",
            min=MIN_LENGTH,
        ),
    )


def _current_password_field(label=None) -> PasswordField:
    return PasswordField(
        label or _l("Current password"),
        validators=[DataRequired()],
        render_kw={**LTR, "autocomplete": "current-password"},
    )


def _language_field() -> RadioField:
    return RadioField(
        _l("Preferred language"),
        choices=[
            SelectChoice(code, name, render_kw={"lang": code})
            for code, name in LANGUAGE_NAMES.items()
        ],
        validators=[InputRequired()],
    )


class SignUpForm(FlaskForm):
    name = StringField(
        _l("Your name"),
        validators=[DataRequired(), Length(max=120)],
        render_kw={"dir": "auto", "autocomplete": "name"},
    )
    email = _email_field()
    password = _new_password_field()
    submit = SubmitField(_l("Create account"))


class SignInForm(FlaskForm):
    email = _email_field()
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired()],
        render_kw={**LTR, "autocomplete": "current-password"},
    )
    next = HiddenField()
    submit = SubmitField(_l("Log in"))


class ForgotPasswordForm(FlaskForm):
    email = _email_field()
    submit = SubmitField(_l("Send me a link"))


class ResetPasswordForm(AccountForm):
    password = _new_password_field(_l("New password"))
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
        render_kw={**LTR, "autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Set password"))


class ChangePasswordForm(AccountForm):
    current_password = _current_password_field()
    password = _new_password_field(_l("New password"))
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
        render_kw={**LTR, "autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Change password"))


class ChangeEmailForm(FlaskForm):
    email = _email_field(_l("New email address"))
    current_password = _current_password_field()
    submit = SubmitField(_l("Send confirmation link"))


class ProfileForm(FlaskForm):
    name = StringField(
        _l("Your name"),
        validators=[DataRequired(), Length(max=120)],
        render_kw={"dir": "auto", "autocomplete": "name"},
    )
    locale = _language_field()
    submit = SubmitField(_l("Save"))


class ConfirmForm(FlaskForm):
    """A bare button: emailed links confirm with a POST, so mail scanners that
    open links do not use them up."""

    submit = SubmitField(_l("Confirm"))


def _code_field() -> StringField:
    return StringField(
        _l("Code"),
        validators=[DataRequired(), Length(max=20)],
        render_kw={
            **LTR,
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "spellcheck": "false",
        },
        description=_l(
            "The 6-digit code from your authenticator app, or one of your recovery codes."
        ),
    )


class TwoFactorCodeForm(FlaskForm):
    code = _code_field()
    submit = SubmitField(_l("Continue"))


class TwoFactorEnrolForm(FlaskForm):
    code = StringField(
        _l("Code from the app"),
        validators=[DataRequired(), Length(max=20)],
        render_kw={**LTR, "autocomplete": "one-time-code", "inputmode": "numeric"},
    )
    current_password = _current_password_field()
    submit = SubmitField(_l("Turn on two-factor sign-in"))


class PasswordCheckForm(FlaskForm):
    """For changes to sign-in security: the password again, then the button."""

    current_password = _current_password_field()
    submit = SubmitField(_l("Confirm"))


class PrivacyForm(FlaskForm):
    public_name_consent = BooleanField(
        _l("My name may appear on public pages of forums I take part in")
    )
    public_pseudonym = StringField(
        _l("Public name instead of my real name (optional)"),
        validators=[Optional(), Length(max=80)],
        render_kw={"dir": "auto"},
        description=_l("If you fill this in, public pages show this name and never your real one."),
    )
    submit = SubmitField(_l("Save"))


class DeleteAccountForm(FlaskForm):
    current_password = _current_password_field()
    confirm = BooleanField(
        _l("I understand that my account and my data are deleted for good"),
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )
    submit = SubmitField(_l("Delete my account"))
