from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectChoice,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length

from app.accounts.services import MIN_PASSWORD_LENGTH
from app.core.i18n import LANGUAGE_NAMES

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


def _new_password_field(label=None) -> PasswordField:
    return PasswordField(
        label or _l("Password"),
        validators=[
            DataRequired(),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=256,
                message=_l("Use at least %(min)d characters.", min=MIN_PASSWORD_LENGTH),
            ),
        ],
        render_kw={**LTR, "autocomplete": "new-password", "minlength": MIN_PASSWORD_LENGTH},
        description=_l(
            "At least %(min)d characters. A few words you will remember make a good one.",
            min=MIN_PASSWORD_LENGTH,
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


class ResetPasswordForm(FlaskForm):
    password = _new_password_field(_l("New password"))
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
        render_kw={**LTR, "autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Set password"))


class ChangePasswordForm(FlaskForm):
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
