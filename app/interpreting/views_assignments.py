"""The interpreter's sessions (``/<forum>/interpreting/sessions``): their
assignments by day, "I can't make it" (after a confirmation), and their calendar
(app/core/feed_views.py's routes: the secret feed address, a one-off download, a
new address that makes the old one stop working).

An assignment is loaded through the signed-in interpreter (404 for anyone
else's or another forum's): ids reveal nothing.
"""

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

from app.activities.labels import INTERPRETATION_MODE
from app.core.access import signed_in
from app.core.db import utcnow
from app.core.feed_views import PersonalCalendar, add_calendar_routes
from app.core.forms import ConfirmActionForm
from app.core.i18n import format_day, localized
from app.extensions import db
from app.forums.calendar_messages import time_span
from app.interpreting.blueprints import interpreting_bp
from app.interpreting.feed import (
    ensure_feed_address,
    feed_token,
    interpreter_by_feed_token,
    renew_feed_address,
    sessions_calendar,
)
from app.interpreting.models import InterpretationAssignment, Interpreter
from app.interpreting.my_sessions import (
    AssignedSession,
    CannotGiveBack,
    assigned_session,
    assignments_by_day,
    give_back,
)
from app.interpreting.team_messages import pair_text
from app.interpreting.views_team import active_interpreter, to_join
from app.volunteers.forms_signup import language_label


def session_label(session: AssignedSession) -> str:
    """ "Save the Tigris, Thursday 30 November, 09:00–10:30" in the reader's language."""
    title = localized(session.activity, "title")
    if session.day is None or session.starts_at is None:
        return title
    return _(
        "%(title)s, %(day)s, %(times)s",
        title=title,
        day=format_day(session.day.date, "full"),
        times=time_span(session.starts_at, session.ends_at),
    )


@interpreting_bp.route("/sessions")
@signed_in
def assignments():
    """The interpreter's sessions by day, with "I can't make it", and their calendar."""
    interpreter = active_interpreter()
    if interpreter is None:
        return to_join()
    if ensure_feed_address(interpreter):
        db.session.commit()
    return render_template(
        "interpreting/assignments.html",
        interpreter=interpreter,
        days=assignments_by_day(interpreter),
        now=utcnow(),
        confirm_form=ConfirmActionForm(formdata=None),
        calendar_address=url_for(
            "interpreting.feed", token=feed_token(interpreter), _external=True
        ),
        language_label=language_label,
        pair_text=pair_text,
        mode_labels=INTERPRETATION_MODE,
    )


def _own_assignment_or_404(interpreter: Interpreter | None, assignment_id: int):
    assignment = db.session.get(InterpretationAssignment, assignment_id)
    if (
        interpreter is None
        or assignment is None
        or assignment.interpreter_id != interpreter.id
        or assignment.need.forum_id != g.forum.id
    ):
        abort(404)
    return assignment


@interpreting_bp.route("/sessions/<int:assignment_id>/cannot-make-it", methods=["POST"])
@signed_in
def cannot_make_it(assignment_id: int):
    """Give a session back, after a confirmation: the coordinator is emailed."""
    assignment = _own_assignment_or_404(active_interpreter(), assignment_id)
    session = assigned_session(assignment)
    label = session_label(session)
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        return render_template(
            "core/confirm.html",
            title=_("I can't make it"),
            question=escape(_("Give back %(session)s?"))
            % {"session": Markup("<bdi>%s</bdi>") % label},
            consequences=[
                _("The interpretation coordinator is told by email and looks for someone else."),
                _("The session leaves your list and your calendar."),
            ],
            form=form,
            cancel_url=url_for("interpreting.assignments"),
            button=_("I can't make it"),
        )
    try:
        give_back(assignment, by=current_user, now=utcnow())
    except CannotGiveBack:
        flash(_("%(session)s has started: tell the coordinator directly.", session=label), "danger")
        return redirect(url_for("interpreting.assignments"))
    db.session.commit()
    flash(_("Given back: %(session)s. The coordinator has been told.", session=label), "success")
    return redirect(url_for("interpreting.assignments"))


add_calendar_routes(
    interpreting_bp,
    "/my-sessions.ics",
    PersonalCalendar(
        by_token=interpreter_by_feed_token,
        signed_in_holder=active_interpreter,
        outsider=to_join,
        calendar=sessions_calendar,
        renew=renew_feed_address,
        file_prefix="interpretation",
        back="interpreting.assignments",
    ),
)
