"""Forms of the collaboration screens: inviting a co-organizer, answering an
invitation, and writing in an activity's message thread."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SubmitField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length

from app.activities.co_organizers import CoOrganizerProblem
from app.activities.thread import MAX_BODY, ThreadProblem

INVITATION_MESSAGES = {
    CoOrganizerProblem.NOT_LEAD_MEMBER: _l("Only members of the lead organization can invite."),
    CoOrganizerProblem.NOT_MEMBER: _l("Only members of the invited organization can answer."),
    CoOrganizerProblem.ACTIVITY_CLOSED: _l(
        "This activity no longer takes co-organizers: it is neither a draft, submitted "
        "nor accepted."
    ),
    CoOrganizerProblem.IS_LEAD: _l("This organization already leads the activity."),
    CoOrganizerProblem.ALREADY_INVITED: _l("This organization has already been invited."),
    CoOrganizerProblem.NOT_APPROVED_FOR_FORUM: _l(
        "Only organizations whose registration for this forum is approved can be invited."
    ),
    CoOrganizerProblem.ALREADY_ANSWERED: _l("This invitation has already been answered."),
}

THREAD_MESSAGES = {
    ThreadProblem.NOT_ALLOWED: _l("You cannot write in this thread."),
    ThreadProblem.EMPTY_BODY: _l("Write a message."),
    ThreadProblem.BODY_TOO_LONG: _l("A message has at most %(count)s characters.", count=MAX_BODY),
}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class InviteCoOrganizerForm(FlaskForm):
    """The view fills the choices with the organizations that may be invited."""

    organization_id = SelectField(
        _l("Organization to invite"),
        coerce=int,
        validate_choice=True,
        validators=[InputRequired(message=_l("Choose an organization."))],
        description=_l(
            "Organizations whose registration for this forum is approved. Their members "
            "are emailed and may accept or decline."
        ),
    )
    submit = SubmitField(_l("Send the invitation"))


class AnswerInvitationForm(FlaskForm):
    answer = HiddenField(validators=[DataRequired(), AnyOf(["accept", "decline"])])


class MessageForm(FlaskForm):
    body = TextAreaField(
        _l("Your message"),
        filters=[_strip],
        validators=[
            DataRequired(message=THREAD_MESSAGES[ThreadProblem.EMPTY_BODY]),
            Length(max=MAX_BODY, message=THREAD_MESSAGES[ThreadProblem.BODY_TOO_LONG]),
        ],
        render_kw={"dir": "auto", "rows": 4, "maxlength": MAX_BODY},
        description=_l(
            "Read by the forum's organizers and the members of the organizations involved."
        ),
    )
    submit = SubmitField(_l("Send"))
