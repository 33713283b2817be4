"""Forms of the staff page: grant a role by email address."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectChoice, SelectField, SubmitField
from wtforms.validators import DataRequired, Email, Length

from app.core.permissions import ForumRoleName
from app.forums.labels import ROLE


class GrantRoleForm(FlaskForm):
    email = EmailField(
        _l("Email address of their account"),
        validators=[
            DataRequired(),
            Email(message=_l("Enter a valid email address.")),
            Length(max=254),
        ],
        filters=[lambda value: value.strip() if value else value],
        render_kw={
            "dir": "ltr",
            "autocomplete": "off",
            "inputmode": "email",
            "spellcheck": "false",
        },
        description=_l("The person must already have a Muntada account."),
    )
    role = SelectField(
        _l("Role"),
        choices=[SelectChoice(str(role), ROLE[role]) for role in ForumRoleName],
        default=str(ForumRoleName.REVIEWER),
        validators=[DataRequired()],
    )
    submit = SubmitField(_l("Give the role"))
