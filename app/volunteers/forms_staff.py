"""Coordinators' forms: the volunteers' filters, the volunteering rules, teams and
their approvals, and messages to volunteers."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from app.volunteers.approval import POLICY_BOUNDS, PolicyDetails
from app.volunteers.forms_signup import language_label, skill_label
from app.volunteers.messaging import BODY_LENGTH, SUBJECT_LENGTH
from app.volunteers.models import VolunteerStatus
from app.volunteers.signup import SKILLS, VOLUNTEER_LANGUAGES
from app.volunteers.teams import TeamDetails, TeamError, TeamProblem

STATUS_LABELS = {
    VolunteerStatus.PENDING: _l("Waiting for a decision"),
    VolunteerStatus.APPROVED: _l("Approved"),
    VolunteerStatus.REJECTED: _l("Turned down"),
    VolunteerStatus.WITHDRAWN: _l("Withdrew"),
}
TEAM_MESSAGES = {
    TeamProblem.NO_NAME: _l("Give the name in at least one language."),
    TeamProblem.UNKNOWN_LANGUAGE: _l("Choose a language from the list."),
    TeamProblem.HAS_SIGNUPS: _l(
        "Volunteers hold %(count)s places on this team's shifts: take them off those shifts, "
        "or remove the shifts, first."
    ),
    TeamProblem.NOT_APPROVED_FOR_FORUM: _l(
        "Only volunteers approved for the forum can be approved for a team."
    ),
}


def team_message(problem: TeamProblem, count: int = 0) -> str:
    return str(TEAM_MESSAGES[problem]) % {"count": count} if count else str(TEAM_MESSAGES[problem])


def _blank_to_none(value):
    return value or None


class VolunteerFilterForm(FlaskForm):
    """The list's filters, read from the query string."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validators=[Optional()], filters=[_blank_to_none])
    language = SelectField(_l("Speaks"), validators=[Optional()], filters=[_blank_to_none])
    skill = SelectField(_l("Skill"), validators=[Optional()], filters=[_blank_to_none])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [SelectChoice("", _("Every status"))] + [
            SelectChoice(str(status), str(label)) for status, label in STATUS_LABELS.items()
        ]
        self.language.choices = [SelectChoice("", _("Any language"))] + [
            SelectChoice(code, language_label(code)) for code in VOLUNTEER_LANGUAGES
        ]
        self.skill.choices = [SelectChoice("", _("Any skill"))] + [
            SelectChoice(code, skill_label(code)) for code in SKILLS
        ]

    def filters(self) -> dict:
        """The keyword arguments of approval.volunteers_of (what is wrong is ignored)."""
        value = {name: None if self[name].errors else self[name].data for name in self.arguments}
        status = value["status"]
        return {**value, "status": VolunteerStatus(status) if status else None}

    @property
    def arguments(self) -> tuple[str, ...]:
        return ("status", "language", "skill")

    def given(self) -> dict:
        """The filters in use, to keep them in the pages' links."""
        return {name: self[name].data for name in self.arguments if self[name].data}


class DecisionForm(FlaskForm):
    """The approve button (a POST with the CSRF token only)."""


def _bounded(label, name: str, description=None, required: bool = True) -> IntegerField:
    lowest, highest = POLICY_BOUNDS[name]
    message = _l("A whole number from %(min)s to %(max)s.")
    return IntegerField(
        label,
        validators=[
            InputRequired(message=_l("Give a number.")) if required else Optional(),
            NumberRange(min=lowest, max=highest, message=message),
        ],
        description=description,
        render_kw={"inputmode": "numeric", "dir": "ltr"},
    )


class PolicyForm(FlaskForm):
    auto_approve = BooleanField(
        _l("Approve volunteers as soon as they sign up"),
        description=_l("Otherwise a coordinator approves each one on this page."),
    )
    drop_cutoff_hours = _bounded(
        _l("Volunteers can drop a shift until this many hours before it starts"),
        "drop_cutoff_hours",
        _l("After that, only a coordinator can take them off it."),
    )
    max_hours_per_day = _bounded(
        _l("Most hours of shifts a volunteer holds in a day"), "max_hours_per_day"
    )
    min_rest_minutes = _bounded(
        _l("Least rest between two shifts of one volunteer (minutes)"),
        "min_rest_minutes",
        _l("0: back-to-back shifts are fine."),
    )
    advance_days = _bounded(
        _l("Shifts open for taking this many days before their day"),
        "advance_days",
        _l(
            "Leave empty to open every shift at once. "
            "Opening late gives those who sign up later a fair chance."
        ),
        required=False,
    )
    submit = SubmitField(_l("Save the rules"))

    def details(self) -> PolicyDetails:
        return PolicyDetails(
            auto_approve=bool(self.auto_approve.data),
            drop_cutoff_hours=self.drop_cutoff_hours.data,
            max_hours_per_day=self.max_hours_per_day.data,
            min_rest_minutes=self.min_rest_minutes.data,
            advance_days=self.advance_days.data,
        )


def _name_field(label, code: str, direction: str) -> StringField:
    return StringField(
        label,
        validators=[Optional(), Length(max=120)],
        filters=[lambda value: value.strip() if value else value],
        render_kw={"dir": direction, "lang": code},
    )


class TeamForm(FlaskForm):
    name_ar = _name_field(_l("Name in Arabic"), "ar", "rtl")
    name_ckb = _name_field(_l("Name in Kurdish (Sorani)"), "ckb", "rtl")
    name_en = _name_field(_l("Name in English"), "en", "ltr")
    description = TextAreaField(
        _l("What the team does"),
        validators=[Optional(), Length(max=2000)],
        render_kw={"dir": "auto", "rows": 3},
    )
    requires_approval = BooleanField(
        _l("Only volunteers a coordinator approves for this team may take its shifts")
    )
    required_language = SelectField(
        _l("Its volunteers must speak"), validators=[Optional()], filters=[_blank_to_none]
    )
    hosts_rooms = BooleanField(
        _l("Room hosts: its shifts follow the sessions of the published programme")
    )
    submit = SubmitField(_l("Save the team"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.name_errors: list[str] = []
        self.required_language.choices = [SelectChoice("", _("No language needed"))] + [
            SelectChoice(code, language_label(code)) for code in VOLUNTEER_LANGUAGES
        ]

    def details(self) -> TeamDetails:
        return TeamDetails(
            name_ar=self.name_ar.data,
            name_ckb=self.name_ckb.data,
            name_en=self.name_en.data,
            description=self.description.data,
            requires_approval=bool(self.requires_approval.data),
            required_language=self.required_language.data,
            hosts_rooms=bool(self.hosts_rooms.data),
        )

    def show(self, error: TeamError) -> None:
        for problem in error.problems:
            if problem == TeamProblem.NO_NAME:
                self.name_errors.append(team_message(problem))
            elif problem == TeamProblem.UNKNOWN_LANGUAGE:
                self.required_language.errors = [team_message(problem)]
            else:
                self.form_errors.append(team_message(problem, error.count))


class TeamApprovalForm(FlaskForm):
    volunteer = SelectField(_l("Volunteer"), coerce=int, validators=[InputRequired()])
    submit = SubmitField(_l("Approve for this team"))

    def __init__(self, volunteers, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.volunteer.choices = [SelectChoice(v.id, v.user.name) for v in volunteers]


class MessageForm(FlaskForm):
    """A message to volunteers; sent only once the coordinator saw how many get it."""

    subject = StringField(
        _l("Subject"),
        validators=[
            InputRequired(message=_l("Give the message a subject.")),
            Length(max=SUBJECT_LENGTH),
        ],
        render_kw={"dir": "auto"},
    )
    body = TextAreaField(
        _l("Message"),
        validators=[InputRequired(message=_l("Write the message.")), Length(max=BODY_LENGTH)],
        description=_l("Sent as you write it, inside an email in each volunteer's language."),
        render_kw={"dir": "auto", "rows": 8},
    )
    # Set by the preview page: the coordinator has seen who gets it.
    confirmed = HiddenField()
    submit = SubmitField(_l("Check who gets it"))

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed.data == "yes"
