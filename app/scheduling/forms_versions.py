"""The form publishing the draft as a new version of the programme."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from app.scheduling.publishing import NOTE_MAX_LENGTH


class PublishForm(FlaskForm):
    note = TextAreaField(
        _l("Note (optional)"),
        validators=[Optional(), Length(max=NOTE_MAX_LENGTH)],
        description=_l(
            "Shown with the version and sent to the organizations whose sessions are new or moved."
        ),
        render_kw={"rows": 3, "dir": "auto"},
    )
    submit = SubmitField(_l("Publish"))
