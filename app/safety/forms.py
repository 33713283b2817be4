from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SelectField, SubmitField
from wtforms.validators import DataRequired

WHOLE_SITE = ""


class StartLockdownForm(FlaskForm):
    scope = SelectField(_l("Lock down"), choices=[], validate_choice=True)
    confirm = BooleanField(
        _l("I understand: public listings disappear, exports stop, staff confirm their sign-in"),
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )
    submit = SubmitField(_l("Start lockdown"))

    def __init__(self, *args, forums=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.scope.choices = [SelectChoice(WHOLE_SITE, _l("The whole site"))] + [
            SelectChoice(forum.slug, forum.slug) for forum in forums
        ]


class EndLockdownForm(FlaskForm):
    submit = SubmitField(_l("End lockdown"))
