"""The star buttons of signed-in visitors (a POST with the CSRF token)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SubmitField


class StarForm(FlaskForm):
    """ "Add to my programme" / "Remove from my programme"; ``next`` is where the
    visitor goes back to (a local path only, checked by the view)."""

    next = HiddenField()
    submit = SubmitField(_l("Add to my programme"))
