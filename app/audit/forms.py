from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import NumberRange, Optional, Regexp, ValidationError

from app.audit.labels import ACTION_LABELS


class AuditFilterForm(FlaskForm):
    """The filters above the audit log: a GET search form, so no CSRF token."""

    class Meta:
        csrf = False

    action = SelectField(
        _l("Action"),
        choices=[SelectChoice("", _l("Any action"))]
        + [SelectChoice(str(action), label) for action, label in ACTION_LABELS.items()],
        validators=[Optional()],
    )
    actor = IntegerField(_l("Account number"), validators=[Optional(), NumberRange(min=1)])
    object_type = StringField(
        _l("Object type"),
        validators=[
            Optional(),
            Regexp(r"^[a-z_]{1,40}$", message=_l("Use a table name such as users.")),
        ],
        render_kw={"dir": "ltr"},
    )
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("Until"), validators=[Optional()])
    submit = SubmitField(_l("Filter"))

    def validate_until(self, field) -> None:
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_l("The end date comes before the start date."))
