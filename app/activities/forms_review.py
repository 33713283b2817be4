"""Forms of the proposals' review: the listing's filters, a score, a decision (one or bulk)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from app.activities.decisions import MAX_MESSAGE, Decision, DecisionProblem
from app.activities.labels import ACTIVITY_FORMAT, ACTIVITY_STATUS
from app.activities.models import ActivityFormat, ActivityStatus
from app.activities.review import MAX_COMMENT, MAX_SCORE, MIN_SCORE, SORTS, ReviewProblem
from app.core.i18n import LANGUAGE_NAMES, localized

SORT_LABELS = {
    "score": _l("Best score first"),
    "submitted": _l("Oldest submission first"),
    "title": _l("Title"),
}
DECISION_LABELS = {Decision.ACCEPT: _l("Accept"), Decision.REJECT: _l("Do not accept")}
DECISION_MESSAGES = {
    DecisionProblem.NO_MESSAGE: _l("Tell the organizations why: a message is needed."),
    DecisionProblem.MESSAGE_TOO_LONG: _l("The message is too long."),
    DecisionProblem.NOTHING_TO_DECIDE: _l("Tick at least one proposal."),
    DecisionProblem.TRANSITION_NOT_ALLOWED: _l("This decision is not possible in its status."),
    DecisionProblem.NOT_ORGANIZER: _l("Only the forum's organizers decide."),
}
REVIEW_MESSAGES = {
    ReviewProblem.NOT_SUBMITTED: _l("This proposal is not under review any more."),
    ReviewProblem.CONFLICT_OF_INTEREST: _l(
        "You are a member of an organization proposing this activity, so you do not review it."
    ),
    ReviewProblem.SCORE_OUT_OF_RANGE: _l("Choose a score from 1 to 5."),
    ReviewProblem.COMMENT_TOO_LONG: _l("The comment is too long."),
    ReviewProblem.NOT_REVIEWER: _l("Only the forum's reviewers review its proposals."),
}


class ListingFilterForm(FlaskForm):
    """The organizers' filters, read from the query string (nothing changes)."""

    class Meta:
        csrf = False

    theme = SelectField(_l("Theme"), validators=[Optional()])
    format = SelectField(_l("Format"), validators=[Optional()])
    language = SelectField(_l("Spoken language"), validators=[Optional()])
    min_score = SelectField(_l("Lowest average score"), validators=[Optional()])
    status = SelectField(_l("Status"), validators=[Optional()])
    sort = SelectField(_l("Order"), validators=[Optional()])

    def __init__(self, themes, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._themes = {str(theme.id): theme for theme in themes}
        self.theme.choices = [SelectChoice("", _("All themes"))] + [
            SelectChoice(key, localized(theme, "name")) for key, theme in self._themes.items()
        ]
        self.format.choices = [SelectChoice("", _("All formats"))] + [
            SelectChoice(str(code), label) for code, label in ACTIVITY_FORMAT.items()
        ]
        self.language.choices = [SelectChoice("", _("All languages"))] + [
            SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items()
        ]
        self.min_score.choices = [SelectChoice("", _("Any score"))] + [
            SelectChoice(str(value), str(value)) for value in range(MIN_SCORE, MAX_SCORE + 1)
        ]
        self.status.choices = [SelectChoice("", _("All statuses"))] + [
            SelectChoice(str(code), label)
            for code, label in ACTIVITY_STATUS.items()
            if code is not ActivityStatus.DRAFT
        ]
        self.sort.choices = [SelectChoice(code, SORT_LABELS[code]) for code in SORTS]

    def value(self, name: str) -> str | None:
        """The field's value, or None when it is not one the form offers."""
        field = self[name]
        return None if field.errors else (field.data or None)

    def filters(self) -> dict:
        """The keyword arguments of review.organizer_listing."""
        theme, form, status = self.value("theme"), self.value("format"), self.value("status")
        min_score = self.value("min_score")
        return {
            "theme": int(theme) if theme else None,
            "format": ActivityFormat(form) if form else None,
            "language": self.value("language"),
            "min_score": float(min_score) if min_score else None,
            "status": ActivityStatus(status) if status else None,
            "sort": self.value("sort") or "score",
        }

    def arguments(self) -> dict:
        """The filters given, for the links of other pages."""
        names = ("theme", "format", "language", "min_score", "status", "sort")
        return {name: self.value(name) for name in names if self.value(name)}


class ScoreForm(FlaskForm):
    score = RadioField(
        _l("Score"),
        choices=[SelectChoice(str(value), str(value)) for value in range(MIN_SCORE, MAX_SCORE + 1)],
        validators=[InputRequired(_l("Choose a score from 1 to 5."))],
        description=_l("1: weak, 5: excellent."),
    )
    comment = TextAreaField(
        _l("Comment"),
        validators=[Optional(), Length(max=MAX_COMMENT)],
        render_kw={"dir": "auto", "rows": 4},
    )

    def show_problems(self, problems) -> None:
        for problem in problems:
            field = self.comment if problem is ReviewProblem.COMMENT_TOO_LONG else self.score
            field.errors = [*field.errors, str(REVIEW_MESSAGES[problem])]


class DecisionForm(FlaskForm):
    decision = RadioField(
        _l("Decision"),
        choices=[SelectChoice(str(code), label) for code, label in DECISION_LABELS.items()],
        validators=[InputRequired(_l("Choose a decision."))],
    )
    message = TextAreaField(
        _l("Message to the organizations"),
        validators=[Optional(), Length(max=MAX_MESSAGE)],
        description=_l("Needed when the proposal is not accepted. Every organization reads it."),
        render_kw={"dir": "auto", "rows": 4},
    )

    def show_problems(self, problems) -> None:
        for problem in problems:
            field = self.decision
            if problem in (DecisionProblem.NO_MESSAGE, DecisionProblem.MESSAGE_TOO_LONG):
                field = self.message
            field.errors = [*field.errors, str(DECISION_MESSAGES[problem])]


class BulkDecisionForm(DecisionForm):
    activities = SelectMultipleField(_l("Proposals"), coerce=int, validate_choice=False)
