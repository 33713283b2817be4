from flask_wtf import FlaskForm
from wtforms import HiddenField, SubmitField
from wtforms.validators import AnyOf, DataRequired

from app.core.i18n import LANGUAGE_NAMES


class LanguageForm(FlaskForm):
    """The language switcher in the header: one button per language."""

    language = HiddenField(validators=[DataRequired(), AnyOf(list(LANGUAGE_NAMES))])
    next = HiddenField()
    submit = SubmitField()
