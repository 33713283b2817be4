"""Forms of the auto-scheduler's suggestions: asking for one, accepting it."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectMultipleField, SubmitField
from wtforms.validators import InputRequired, NumberRange

from app.scheduling.suggesting import DEFAULT_TIME_LIMIT, MAX_TIME_LIMIT, MIN_TIME_LIMIT


class SuggestForm(FlaskForm):
    time_limit = IntegerField(
        _l("Time limit in seconds"),
        default=DEFAULT_TIME_LIMIT,
        validators=[
            InputRequired(_l("Give a time limit in seconds.")),
            NumberRange(
                MIN_TIME_LIMIT,
                MAX_TIME_LIMIT,
                _l("Give a time limit between %(min)s and %(max)s seconds."),
            ),
        ],
        description=_l("The auto-scheduler stops after this time with the best schedule found."),
    )
    may_move = BooleanField(
        _l("May move sessions that are not pinned"),
        description=_l(
            "Without this, every session already on the draft stays where it is and only "
            "the activities still to place are placed. Pinned sessions never move."
        ),
    )
    submit = SubmitField(_l("Suggest a schedule"))


class ApplySuggestionForm(FlaskForm):
    """Accept the whole proposal, or only the sessions ticked."""

    activities = SelectMultipleField(_l("Sessions"), coerce=int, validate_choice=False)
    accept_all = SubmitField(_l("Accept all"))
    accept_ticked = SubmitField(_l("Accept the ticked ones"))
