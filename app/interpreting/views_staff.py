"""The coordinator's pages about the interpretation team
(``/<forum>/staff/interpreting/``): the team list (filters, pending first),
approving and turning down (after a confirmation), one interpreter's page (with
their email: coordinators contact them), and the forum's interpreting rules.
Everything here is for the forum's organizers and interpretation coordinators
(MANAGE_INTERPRETING).
"""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.activities.labels import INTERPRETATION_MODE
from app.core.access import forum_permission
from app.core.db import utcnow
from app.core.forms import ConfirmActionForm
from app.core.i18n import isolated
from app.core.permissions import Permission
from app.core.team_decisions import ApprovalError, ApprovalProblem, PolicyError
from app.extensions import db
from app.forums.scope import forum_object
from app.interpreting import team_approval
from app.interpreting.blueprints import interpreting_staff_bp as bp
from app.interpreting.forms_staff import (
    STATUS_LABELS,
    DecisionForm,
    InterpreterFilterForm,
    PolicyForm,
)
from app.interpreting.forms_team import level_label
from app.interpreting.models import Interpreter
from app.interpreting.my_sessions import assignments_by_day, upcoming_assignments
from app.interpreting.policy import policy_of
from app.interpreting.team_messages import pair_text
from app.volunteers.forms_signup import language_label
from app.volunteers.staff_pages import confirm_page, page_of, question

MANAGE = Permission.MANAGE_INTERPRETING
LABELS = {
    "status_labels": STATUS_LABELS,
    "language_label": language_label,
    "level_label": level_label,
    "mode_labels": INTERPRETATION_MODE,
    "pair_text": pair_text,
}


@bp.route("/")
@forum_permission(MANAGE)
def index():
    """The forum's interpreters, pending first, with filters."""
    form = InterpreterFilterForm(formdata=request.args)
    form.validate()
    interpreters = team_approval.team_of(g.forum, **form.filters())
    shown, page, pages = page_of(interpreters)
    return render_template(
        "interpreting/staff_index.html",
        form=form,
        interpreters=shown,
        total=len(interpreters),
        counts=team_approval.status_counts(g.forum),
        decision_form=DecisionForm(formdata=None),
        policy=policy_of(g.forum),
        page=page,
        pages=pages,
        arguments=form.given(),
        **LABELS,
    )


@bp.route("/team/<int:interpreter_id>")
@forum_permission(MANAGE)
def interpreter(interpreter_id: int):
    """One interpreter: languages, directions, modes, days, sessions, email."""
    person = forum_object(Interpreter, interpreter_id)
    return render_template(
        "interpreting/staff_interpreter.html",
        interpreter=person,
        days=assignments_by_day(person),
        decision_form=DecisionForm(formdata=None),
        **LABELS,
    )


def _problem_message(problem: ApprovalProblem) -> str:
    if problem == ApprovalProblem.WITHDRAWN:
        return _("This interpreter withdrew: they decide for themselves whether to come back.")
    return _("This has been decided already.")


@bp.route("/team/<int:interpreter_id>/approve", methods=["POST"])
@forum_permission(MANAGE)
def approve(interpreter_id: int):
    person = forum_object(Interpreter, interpreter_id)
    if not DecisionForm().validate_on_submit():
        return redirect(url_for("interpreting_staff.index"))
    try:
        team_approval.approve_interpreter(person, by=current_user, now=utcnow())
    except ApprovalError as error:
        flash(_problem_message(error.problem), "info")
        return redirect(url_for("interpreting_staff.index"))
    db.session.commit()
    name = isolated(person.user.name)
    flash(_("%(name)s is approved and has been told by email.", name=name), "success")
    return redirect(url_for("interpreting_staff.index", _anchor=f"interpreter-{person.id}"))


@bp.route("/team/<int:interpreter_id>/reject", methods=["GET", "POST"])
@forum_permission(MANAGE)
def reject(interpreter_id: int):
    person = forum_object(Interpreter, interpreter_id)
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        upcoming = len(upcoming_assignments(person, utcnow()))
        consequences = [_("They are told by email, in their language.")]
        if upcoming:
            consequences.append(
                ngettext(
                    "They leave %(num)s session that has not started; its need is open again.",
                    "They leave the %(num)s sessions that have not started; "
                    "their needs are open again.",
                    upcoming,
                )
            )
        return confirm_page(
            form,
            section="interpreting_staff.index",
            cancel_url=url_for("interpreting_staff.index"),
            title=_("Turn down an interpreter"),
            question=question(_("Turn down %(name)s as an interpreter?"), name=person.user.name),
            consequences=consequences,
            button=_("Turn down"),
        )
    try:
        team_approval.reject_interpreter(person, by=current_user, now=utcnow())
    except ApprovalError as error:
        flash(_problem_message(error.problem), "info")
        return redirect(url_for("interpreting_staff.index"))
    db.session.commit()
    name = isolated(person.user.name)
    flash(_("%(name)s is turned down and has been told by email.", name=name), "success")
    return redirect(url_for("interpreting_staff.index"))


@bp.route("/rules", methods=["GET", "POST"])
@forum_permission(MANAGE)
def policy():
    """The forum's interpreting rules: relay, daily maximum, booth teams."""
    form = PolicyForm(obj=policy_of(g.forum))
    if form.validate_on_submit():
        try:
            team_approval.update_policy(g.forum, form.details())
        except PolicyError as error:
            for name, (lowest, highest) in error.fields.items():
                form[name].errors = [
                    _("A whole number from %(min)s to %(max)s.", min=lowest, max=highest)
                ]
        else:
            db.session.commit()
            flash(_("The interpreting rules are saved."), "success")
            return redirect(url_for("interpreting_staff.policy"))
    return render_template("interpreting/staff_policy.html", form=form)
