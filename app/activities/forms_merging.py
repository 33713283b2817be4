"""Forms of the merging screens: an organizer proposes a merge, an organization answers."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget

from app.activities.labels import MERGE_MODE
from app.activities.models import MergeMode

# One line each, shown beside the choice of mode and on the consent page.
MODE_EXPLANATIONS = {
    MergeMode.FUSION: _l(
        "One activity: the first one listed stays, the others join it and all their "
        "organizations co-organize it."
    ),
    MergeMode.SEQUENCE: _l(
        "The activities stay apart but are placed one after the other, in this order, "
        "in the same room."
    ),
    MergeMode.DIALOGUE: _l(
        "The activities stay apart; each sends a representative to the other, and each "
        "page links to the other."
    ),
}


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes; the values come back in the page's order."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ProposeMergeForm(FlaskForm):
    """The activities are checked by the view's service (forum, status, open merges)."""

    mode = RadioField(
        _l("Mode"),
        choices=[SelectChoice(str(mode), label) for mode, label in MERGE_MODE.items()],
        validators=[InputRequired(message=_l("Choose how to merge them."))],
    )
    activity_ids = MultiCheckboxField(
        _l("Activities (a fusion keeps the first; a sequence follows this order)"),
        coerce=int,
        validate_choice=False,
        validators=[DataRequired(message=_l("Choose at least two activities."))],
    )
    note = TextAreaField(
        _l("Note to the organizations (optional)"), validators=[Optional(), Length(max=2000)]
    )
    submit = SubmitField(_l("Propose this merge"))


class AnswerMergeForm(FlaskForm):
    organization_id = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    answer = HiddenField(validators=[InputRequired(), AnyOf(["accept", "decline"])])
