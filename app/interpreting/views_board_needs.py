"""A session's needs changed, added or removed by the coordinator, from the board.

A need changed or added by hand is kept as it is when the needs are derived
again; a need removed comes back then if the session still asks for it. A
refused change comes back with each problem beside its field.
"""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.activities.models import Activity
from app.core.access import forum_permission
from app.core.forms import ConfirmActionForm
from app.core.i18n import isolated, localized
from app.core.permissions import Permission
from app.extensions import db
from app.forums.scope import forum_object
from app.interpreting import need_edits
from app.interpreting.blueprints import interpreting_staff_bp as bp
from app.interpreting.board import pair_text
from app.interpreting.forms_board import AddNeedForm, NeedForm
from app.interpreting.models import InterpretationNeed
from app.interpreting.public import language_name
from app.interpreting.views_board import back_to_board
from app.scheduling.placing import placement_of

MANAGE = Permission.MANAGE_INTERPRETING


def _page(form, activity: Activity, placement, need: InterpretationNeed | None = None):
    return render_template(
        "interpreting/board_need.html",
        form=form,
        need=need,
        title=localized(activity, "title"),
        room=placement.room,
        spoken=[language_name(code) for code in activity.spoken_languages or ()],
        source=language_name(need.source) if need else None,
        cancel_url=url_for(
            "interpreting_staff.board",
            day=placement.day_id,
            _anchor=f"need-{need.id}" if need else f"session-{activity.id}",
        ),
    )


def _languages(activity: Activity, need: InterpretationNeed | None = None) -> list[str]:
    codes = [*(activity.spoken_languages or ()), *(activity.interpretation_into or ())]
    if need is not None:
        codes += [need.source, need.target, *([need.relay] if need.relay else [])]
    return [code for code in codes if code != "other"]


@bp.route("/needs/<int:need_id>/edit", methods=["GET", "POST"])
@forum_permission(MANAGE)
def edit_need(need_id: int):
    """Change what a need asks for (kept when the needs are derived again)."""
    need = forum_object(InterpretationNeed, need_id)
    placement = placement_of(need.activity)
    if placement is None:
        flash(_("This session is no longer on the draft schedule."), "info")
        return redirect(url_for("interpreting_staff.board"))
    form = NeedForm(_languages(need.activity, need))
    if not form.is_submitted():
        form.fill(need_edits.values_of(need))
    elif form.validate():
        try:
            unassigned = need_edits.change_need(
                need,
                form.values(need.source),
                placement.room,
                by=current_user._get_current_object(),
            )
        except need_edits.NeedRefused as error:
            form.show_problems(error.problems)
        else:
            db.session.commit()
            flash(_("The need is changed: %(pair)s.", pair=pair_text(need)), "success")
            if unassigned:
                flash(
                    _("Its interpreters were unassigned: the need asks for something else now."),
                    "warning",
                )
            return back_to_board(need)
    return _page(form, need.activity, placement, need)


@bp.route("/sessions/<int:activity_id>/needs/add", methods=["GET", "POST"])
@forum_permission(MANAGE)
def add_need(activity_id: int):
    """A need the coordinator adds to a placed session."""
    activity = forum_object(Activity, activity_id)
    placement = placement_of(activity)
    if placement is None:
        flash(_("This session is no longer on the draft schedule."), "info")
        return redirect(url_for("interpreting_staff.board"))
    form = AddNeedForm(_languages(activity))
    if not form.is_submitted():
        spoken = [code for code in activity.spoken_languages or () if code != "other"]
        form.source.data = spoken[0] if spoken else None
    elif form.validate():
        try:
            need = need_edits.add_need(activity, form.values(), placement.room)
        except need_edits.NeedRefused as error:
            form.show_problems(error.problems)
        else:
            db.session.commit()
            flash(_("Need added: %(pair)s.", pair=pair_text(need)), "success")
            return back_to_board(need)
    return _page(form, activity, placement)


@bp.route("/needs/<int:need_id>/remove", methods=["GET", "POST"])
@forum_permission(MANAGE)
def remove_need(need_id: int):
    """Remove a need and its assignments, after a confirmation."""
    need = forum_object(InterpretationNeed, need_id)
    title = isolated(localized(need.activity, "title"))
    pair = pair_text(need)
    placement = placement_of(need.activity)
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        return render_template(
            "core/confirm.html",
            layout="forums/staff/_layout.html",
            section="interpreting_staff.board",
            form=form,
            cancel_url=url_for(
                "interpreting_staff.board",
                day=placement.day_id if placement else None,
                _anchor=f"need-{need.id}",
            ),
            title=_("Remove a need"),
            question=_("Remove %(pair)s from “%(title)s”?", pair=pair, title=title),
            consequences=[
                _("Its interpreters are unassigned."),
                _("Deriving the needs again brings it back if the session still asks for it."),
            ],
            button=_("Remove the need"),
        )
    day_id = placement.day_id if placement else None
    need_edits.remove_need(need, by=current_user._get_current_object())
    db.session.commit()
    flash(_("Need removed: %(pair)s in “%(title)s”.", pair=pair, title=title), "success")
    return back_to_board(day_id=day_id)
