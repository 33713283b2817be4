"""Joining the interpretation team (``/<forum>/interpreting/``): the form, which is
also where an interpreter sees their status and changes their details;
withdrawing.

Each signed-in user acts on their own interpreter row of the forum only: no URL
names an interpreter, so no one can reach another's.
"""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.core.access import signed_in
from app.core.db import utcnow
from app.core.forms import ConfirmActionForm
from app.extensions import db
from app.forums.listing import Action, what_can_be_done
from app.interpreting import team
from app.interpreting.blueprints import interpreting_bp
from app.interpreting.forms_team import MAIN_LANGUAGES, InterpreterForm, level_label
from app.interpreting.models import Interpreter, InterpreterStatus
from app.volunteers.forms_signup import language_label


def active_interpreter() -> Interpreter | None:
    """The signed-in user's interpreter row in ``g.forum``, if pending or approved."""
    interpreter = team.interpreter_of(g.forum, current_user)
    return interpreter if interpreter is not None and interpreter.status in team.ACTIVE else None


def to_join():
    """Where someone who is not (or no longer) in the team is sent."""
    flash(_("Join the interpretation team of this forum first."), "info")
    return redirect(url_for("interpreting.join"))


def _window():
    return next(w for w in what_can_be_done(g.forum, utcnow()) if w.action is Action.VOLUNTEER)


def _not_possible(interpreter: Interpreter | None):
    return render_template(
        "interpreting/join_closed.html", interpreter=interpreter, window=_window()
    )


def _form_page(form: InterpreterForm, interpreter: Interpreter | None):
    if interpreter is not None:
        form.submit.label.text = _("Save my details")
    return render_template(
        "interpreting/join.html",
        form=form,
        interpreter=interpreter,
        window=_window(),
        main_languages=MAIN_LANGUAGES,
        language_label=language_label,
        level_label=level_label,
    )


@interpreting_bp.route("/", methods=["GET", "POST"])
@signed_in
def join():
    """The form to join the team (while joining is open), or to change one's details."""
    now = utcnow()
    interpreter = team.interpreter_of(g.forum, current_user)
    if interpreter is not None and interpreter.status is InterpreterStatus.REJECTED:
        return _not_possible(interpreter)
    active = interpreter if interpreter is not None and interpreter.status in team.ACTIVE else None
    if active is None and not team.joining_is_open(g.forum, now):
        return _not_possible(interpreter)
    if active is not None and not team.can_edit_details(g.forum):
        return _not_possible(active)
    form = InterpreterForm()
    form.prepare(g.forum, team.InterpreterDetails.of(active) if active else None)
    if not form.validate_on_submit():
        return _form_page(form, active)
    try:
        team.join_team(g.forum, current_user, form.details(), now=now)
    except team.DetailsRejected as error:
        form.show_errors(error.errors)
        return _form_page(form, active)
    except (team.JoiningClosed, team.JoiningRefused, team.NotInTeam):
        return _not_possible(team.interpreter_of(g.forum, current_user))
    db.session.commit()
    if active is not None:
        flash(_("Your details are saved."), "success")
    else:
        flash(
            _(
                "Thank you for joining the interpretation team! The coordinator will "
                "look at your offer and tell you by email."
            ),
            "success",
        )
    return redirect(url_for("interpreting.join"))


@interpreting_bp.route("/withdraw", methods=["POST"])
@signed_in
def withdraw():
    """Leave the team, after a confirmation; upcoming sessions are given back."""
    interpreter = active_interpreter()
    if interpreter is None:
        return to_join()
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        return render_template(
            "core/confirm.html",
            title=_("Leave the interpretation team"),
            question=_("Leave the interpretation team of this forum?"),
            consequences=[
                _(
                    "Your sessions that have not started are given back; "
                    "the coordinator is told by email."
                ),
                _("Your calendar address stops working."),
                _("You can join again while the team takes interpreters."),
            ],
            form=form,
            cancel_url=url_for("interpreting.join"),
            button=_("Leave the team"),
        )
    removed = team.withdraw_from_team(interpreter, now=utcnow())
    db.session.commit()
    flash(
        ngettext(
            "You have left the interpretation team; %(num)d session was given back.",
            "You have left the interpretation team; %(num)d sessions were given back.",
            removed,
        )
        if removed
        else _("You have left the interpretation team."),
        "success",
    )
    return redirect(url_for("interpreting.join"))
