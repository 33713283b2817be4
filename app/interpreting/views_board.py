"""The interpretation coordinators' board (``/<forum>/staff/interpreting/board``).

One day's placed sessions with their needs and who holds them; for an open place,
the interpreters who fit and a form to assign one (a refusal names every rule in
the way); unassigning after a confirmation; deriving the needs again; assigning
automatically (hand-made assignments stay); and each session's needs changed,
added or removed by hand (kept when the needs are derived again). Plain forms,
no JavaScript needed. Everything here needs MANAGE_INTERPRETING.
"""

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.core.access import forum_permission
from app.core.forms import ConfirmActionForm
from app.core.i18n import isolated, localized
from app.core.permissions import Permission
from app.extensions import db
from app.forums.scope import forum_object
from app.interpreting.assigning import AssignmentRefused, assign_interpreter, unassign
from app.interpreting.auto_assign import auto_assign
from app.interpreting.blueprints import interpreting_staff_bp as bp
from app.interpreting.board import arrow, describe_problem, pair_text, read_board
from app.interpreting.forms_board import AssignForm, AutoAssignForm, DeriveForm
from app.interpreting.models import InterpretationAssignment, InterpretationNeed, Interpreter
from app.interpreting.needs import derive_needs
from app.interpreting.unmet_messages import describe_unmet
from app.scheduling.placing import placement_of

MANAGE = Permission.MANAGE_INTERPRETING


# The coordinators' interpretation pages, linked from each of them once they exist.
STAFF_PAGES = (
    ("interpreting_staff.index", _l("Interpreters")),
    ("interpreting_staff.board", _l("Board")),
    ("interpreting_staff.coverage", _l("Coverage")),
    ("interpreting_staff.policy", _l("Rules")),
)


def staff_pages() -> list[tuple[str, str]]:
    return [
        (endpoint, label)
        for endpoint, label in STAFF_PAGES
        if endpoint in current_app.view_functions
    ]


def render_board(day_id: int | None, *, refusal=None, auto=None, auto_form=None, status=200):
    board = read_board(g.forum, day_id)
    forms = {
        need.need_id: AssignForm(formdata=None)
        for session in board.sessions
        for need in session.needs
        if need.open_places
    }
    if refusal is not None:
        forms[refusal["need_id"]] = refusal["form"]
    page = render_template(
        "interpreting/board.html",
        board=board,
        assign_forms=forms,
        refusal=refusal,
        derive_form=DeriveForm(formdata=None),
        auto_form=auto_form or AutoAssignForm(formdata=None),
        auto=auto,
        arrow=arrow(),
        staff_pages=staff_pages(),
    )
    return page, status


def _need(need_id: int) -> InterpretationNeed:
    return forum_object(InterpretationNeed, need_id)


def day_of(need: InterpretationNeed) -> int | None:
    """The day the need's session is placed on, for the way back to the board."""
    placement = placement_of(need.activity)
    return placement.day_id if placement else None


def back_to_board(need: InterpretationNeed | None = None, day_id: int | None = None):
    if need is not None:
        day_id = day_of(need)
        anchor = f"need-{need.id}"
        return redirect(url_for("interpreting_staff.board", day=day_id, _anchor=anchor))
    return redirect(url_for("interpreting_staff.board", day=day_id))


@bp.route("/board")
@forum_permission(MANAGE)
def board():
    return render_board(request.args.get("day", type=int))


@bp.route("/needs/<int:need_id>/assign", methods=["POST"])
@forum_permission(MANAGE)
def assign(need_id: int):
    """Put an interpreter on an open place of the need (pinned: automatic assignment
    keeps it)."""
    need = _need(need_id)
    form = AssignForm()
    if not form.validate_on_submit():
        refusal = {"need_id": need.id, "form": form, "reasons": [], "name": None}
        return render_board(day_of(need), refusal=refusal, status=400)
    interpreter = forum_object(Interpreter, form.interpreter.data)
    try:
        assign_interpreter(need, interpreter, by=current_user._get_current_object())
    except AssignmentRefused as error:
        reasons = [describe_problem(problem) for problem in error.problems]
        refusal = {
            "need_id": need.id,
            "form": form,
            "reasons": reasons,
            "name": interpreter.user.name,
        }
        return render_board(day_of(need), refusal=refusal)
    db.session.commit()
    flash(
        _(
            "%(name)s interprets %(pair)s.",
            name=isolated(interpreter.user.name),
            pair=pair_text(need),
        ),
        "success",
    )
    return back_to_board(need)


@bp.route("/assignments/<int:assignment_id>/remove", methods=["GET", "POST"])
@forum_permission(MANAGE)
def unassign_interpreter(assignment_id: int):
    """Take an interpreter off a need, after a confirmation; the place is open again."""
    assignment = forum_object(
        InterpretationAssignment, assignment_id, forum_of=lambda a: a.need.forum_id
    )
    need = assignment.need
    name = isolated(assignment.interpreter.user.name)
    title = isolated(localized(need.activity, "title"))
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        return render_template(
            "core/confirm.html",
            layout="forums/staff/_layout.html",
            section="interpreting_staff.board",
            form=form,
            cancel_url=url_for(
                "interpreting_staff.board", day=day_of(need), _anchor=f"need-{need.id}"
            ),
            title=_("Unassign an interpreter"),
            question=_(
                "Take %(name)s off %(pair)s in “%(title)s”?",
                name=name,
                pair=pair_text(need),
                title=title,
            ),
            consequences=[
                _("The place is open again, for you or the automatic assignment to fill."),
            ],
            button=_("Unassign"),
        )
    unassign(assignment, by=current_user._get_current_object())
    db.session.commit()
    flash(_("%(name)s no longer interprets in “%(title)s”.", name=name, title=title), "success")
    return back_to_board(need)


@bp.route("/derive", methods=["POST"])
@forum_permission(MANAGE)
def derive():
    """Derive the needs of every placed session again (edited needs stay)."""
    form = DeriveForm()
    day_id = request.args.get("day", type=int)
    if not form.validate_on_submit():
        return back_to_board(day_id=day_id)
    needs = derive_needs(g.forum)
    db.session.commit()
    sessions = len({need.activity_id for need in needs})
    flash(
        _(
            "The needs are derived again. Needs: %(needs)s; sessions with needs: %(sessions)s.",
            needs=len(needs),
            sessions=sessions,
        ),
        "success",
    )
    return back_to_board(day_id=day_id)


@bp.route("/auto-assign", methods=["POST"])
@forum_permission(MANAGE)
def auto_assign_needs():
    """Fill the open places automatically; the hand-made assignments stay."""
    form = AutoAssignForm()
    day_id = request.args.get("day", type=int)
    if not form.validate_on_submit():
        return render_board(day_id, auto_form=form, status=400)
    result = auto_assign(
        g.forum, by=current_user._get_current_object(), time_limit=form.time_limit.data
    )
    db.session.commit()
    auto = {
        "assigned": result.assigned,
        "status": result.status,
        "unmet": [describe_unmet(unmet) for unmet in result.unmet],
    }
    return render_board(day_id, auto=auto)


# The need editing pages attach their routes to the same blueprint.
from app.interpreting import views_board_needs  # noqa: E402, F401
