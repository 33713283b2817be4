from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SubmitField
from wtforms.validators import AnyOf, DataRequired, InputRequired

from app.core.i18n import LANGUAGE_NAMES


class LanguageForm(FlaskForm):
    """The language switcher in the header: one button per language."""

    language = HiddenField(validators=[DataRequired(), AnyOf(list(LANGUAGE_NAMES))])
    next = HiddenField()
    submit = SubmitField()


class ConfirmActionForm(FlaskForm):
    """The button of a confirmation page (``templates/core/confirm.html``).

    A destructive action happens only on a POST carrying ``confirm=yes``, which
    only this page sends; any other POST shows the page again.
    """

    # InputRequired: a POST without the field would otherwise keep the default.
    confirm = HiddenField(default="yes", validators=[InputRequired(), AnyOf(["yes"])])
    submit = SubmitField(_l("Yes, remove it"))
