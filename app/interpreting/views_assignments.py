"""The interpreter's sessions (``/<forum>/interpreting/sessions``): their
assignments by day, "I can't make it" (after a confirmation), and their calendar —
the secret feed address calendar apps poll (no sign-in: the token is the key), a
one-off download, and a new address that makes the old one stop working.

An assignment is loaded through the signed-in interpreter (404 for anyone
else's or another forum's): ids reveal nothing.
"""

from flask import abort, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

from app.activities.labels import INTERPRETATION_MODE
from app.core.access import public, signed_in
from app.core.db import utcnow
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

CALENDAR_TYPE = "text/calendar; charset=utf-8"


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


def _calendar_response(interpreter: Interpreter, attachment: bool):
    response = current_app.response_class(
        sessions_calendar(interpreter, now=utcnow()), content_type=CALENDAR_TYPE
    )
    # One interpreter's sessions: never kept by a shared cache.
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    if attachment:
        response.headers["Content-Disposition"] = (
            f'attachment; filename="interpretation-{g.forum.slug}.ics"'
        )
    return response


@interpreting_bp.route("/calendar/<token>.ics")
@public
def feed(token: str):
    """The interpreter's sessions for calendar apps; a wrong or renewed address is 404."""
    interpreter = interpreter_by_feed_token(g.forum, token)
    if interpreter is None:
        abort(404)
    return _calendar_response(interpreter, attachment=False)


@interpreting_bp.route("/my-sessions.ics")
@signed_in
def download():
    """The same calendar, downloaded once."""
    interpreter = active_interpreter()
    if interpreter is None:
        return to_join()
    return _calendar_response(interpreter, attachment=True)


@interpreting_bp.route("/calendar/new-address", methods=["POST"])
@signed_in
def revoke_feed():
    """A new secret calendar address, after a confirmation; the old one stops working."""
    interpreter = active_interpreter()
    if interpreter is None:
        return to_join()
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        return render_template(
            "core/confirm.html",
            title=_("New calendar address"),
            question=_("Give your calendar a new secret address?"),
            consequences=[
                _("The old address stops working at once, wherever it was added or shared."),
                _("Add the new address to your calendar app again."),
            ],
            form=form,
            cancel_url=url_for("interpreting.assignments"),
            button=_("New address"),
        )
    renew_feed_address(interpreter)
    db.session.commit()
    flash(_("Your calendar has a new address; the old one no longer works."), "success")
    return redirect(url_for("interpreting.assignments", _anchor="calendar"))
