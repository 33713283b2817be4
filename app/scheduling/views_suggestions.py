"""The auto-scheduler's suggestions: ask for one, watch it run, review the proposed
schedule against the draft, accept it (whole or the ticked sessions) or discard it.

Organizers act (EDIT_SCHEDULE); reviewers and interpretation coordinators may read
a suggestion (VIEW_SCHEDULE_BOARD). The page refreshes itself while the job runs
(a meta refresh: no JavaScript needed).
"""

import sqlalchemy as sa
from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.routing import BuildError

from app.activities.models import Activity
from app.core.access import forum_permission
from app.core.forms import ConfirmActionForm
from app.core.i18n import format_day, localized
from app.core.permissions import Permission, can
from app.extensions import db
from app.forums.models import SlotKind, TimeSlot
from app.forums.scope import forum_object
from app.scheduling import jobs, suggesting
from app.scheduling.blueprints import scheduling_bp
from app.scheduling.board import describe_all
from app.scheduling.forms_suggestions import ApplySuggestionForm, SuggestForm
from app.scheduling.loading import load_snapshot
from app.scheduling.models import ScheduleSuggestion, SuggestionStatus
from app.scheduling.placement_messages import placement_message
from app.scheduling.placing import PlacementError, RulesBroken
from app.scheduling.snapshot import Spot
from app.scheduling.suggesting import SuggestionError, SuggestionFailure, SuggestionProblem
from app.scheduling.unplaced import describe_unplaced

EDIT, VIEW = Permission.EDIT_SCHEDULE, Permission.VIEW_SCHEDULE_BOARD
REFRESH_SECONDS = 2
SHOWN_CONFLICTS = 5

PROBLEMS = {
    SuggestionProblem.ALREADY_RUNNING: _l(
        "The auto-scheduler is already working on a suggestion for this forum: wait for it "
        "to finish, or discard it."
    ),
    SuggestionProblem.BAD_TIME_LIMIT: _l("Give a time limit between 5 and 300 seconds."),
    SuggestionProblem.NOT_READY: _l("This suggestion is not ready to be accepted."),
    SuggestionProblem.CLOSED: _l("This suggestion was already accepted or discarded."),
    SuggestionProblem.READ_ONLY: _l("This forum is archived: its schedule can no longer change."),
    SuggestionProblem.NOTHING_CHOSEN: _l(
        "Tick the sessions to accept first: none of the ticked ones would change the draft."
    ),
}
FAILURES = {
    SuggestionFailure.SOLVER_ERROR: _l("The auto-scheduler stopped with an error."),
    SuggestionFailure.QUEUE_UNAVAILABLE: _l(
        "The job could not be handed to the background worker (Redis is unreachable)."
    ),
    SuggestionFailure.ABANDONED: _l("The job never finished (its worker may have stopped)."),
}
# How good the proposal is known to be (``SolverResult.status``).
SOLVER_STATUSES = {
    "optimal": _l("Best schedule proven."),
    "feasible": _l("Good schedule found within the time limit."),
    "greedy": _l("Quick schedule (the optimiser found nothing better in time)."),
    "unavailable": _l("Quick schedule: the optimiser (OR-Tools) is not installed."),
}
STATUS_LABELS = {
    SuggestionStatus.QUEUED: _l("waiting to start"),
    SuggestionStatus.RUNNING: _l("running"),
    SuggestionStatus.READY: _l("ready to review"),
    SuggestionStatus.FAILED: _l("failed"),
    SuggestionStatus.APPLIED: _l("accepted"),
    SuggestionStatus.DISCARDED: _l("discarded"),
}


def board_url() -> str:
    try:
        return url_for("scheduling.board")
    except BuildError:  # the board not registered (yet)
        return url_for("scheduling.suggest")


def _suggestion(suggestion_id: int) -> ScheduleSuggestion:
    return forum_object(ScheduleSuggestion, suggestion_id)


@scheduling_bp.route("/suggest", methods=["GET", "POST"])
@forum_permission(EDIT)
def suggest():
    form = SuggestForm()
    if form.validate_on_submit():
        try:
            suggestion = suggesting.request_suggestion(
                g.forum, current_user, form.time_limit.data, keep_placed=not form.may_move.data
            )
        except SuggestionError as error:
            flash(str(PROBLEMS[error.problem]), "warning")
            running = suggesting.open_suggestion(g.forum)
            if running is not None:
                return redirect(url_for(".suggestion", suggestion_id=running.id))
        else:
            db.session.commit()
            jobs.start_suggestion(suggestion)
            return redirect(url_for(".suggestion", suggestion_id=suggestion.id))
    return render_template(
        "scheduling/suggest.html",
        form=form,
        running=suggesting.open_suggestion(g.forum),
        recent=suggesting.recent_suggestions(g.forum),
        status_labels=STATUS_LABELS,
        board_url=board_url(),
    )


def _place(spot: Spot | None, slots: dict[int, TimeSlot], rooms: dict[int, str]) -> dict | None:
    """A session's place for the page: its day, its times and its room."""
    if spot is None:
        return None
    first, last = slots.get(spot.slot_ids[0]), slots.get(spot.slot_ids[-1])
    return {
        "day": format_day(first.day.date, "full") if first else "?",
        "time": f"{first.starts_at:%H:%M}–{last.ends_at:%H:%M}" if first and last else "",
        "room": rooms.get(spot.room_id, "?"),
    }


def _review(suggestion: ScheduleSuggestion) -> dict:
    """The proposal against the draft, with names for the page."""
    diff = suggesting.suggestion_diff(suggestion, load_snapshot(g.forum))
    ids = [c.activity_id for c in diff.changes] + [aid for aid, _reason in diff.unplaced]
    activities = {
        a.id: a
        for a in db.session.scalars(
            sa.select(Activity).where(Activity.forum_id == g.forum.id, Activity.id.in_(ids))
        )
    }
    slots = {
        slot.id: slot for day in g.forum.days for slot in day.slots if slot.kind == SlotKind.SESSION
    }
    rooms = {room.id: localized(room, "name") for room in g.forum.rooms}

    def row(change):
        return {
            "activity": activities.get(change.activity_id),
            "activity_id": change.activity_id,
            "before": _place(change.before, slots, rooms),
            "after": _place(change.after, slots, rooms),
        }

    return {
        "diff": diff,
        "placed": [row(c) for c in diff.placed],
        "moved": [row(c) for c in diff.moved],
        "unplaced": [
            {"activity": activities.get(aid), "activity_id": aid, "reason": describe_unplaced(r)}
            for aid, r in diff.unplaced
        ],
    }


@scheduling_bp.route("/suggestions/<int:suggestion_id>")
@forum_permission(VIEW)
def suggestion(suggestion_id: int):
    suggestion = _suggestion(suggestion_id)
    running = suggestion.status in suggesting.OPEN
    review = _review(suggestion) if suggestion.status == SuggestionStatus.READY else {}
    return render_template(
        "scheduling/suggestion.html",
        suggestion=suggestion,
        running=running,
        abandoned=suggesting.is_abandoned(suggestion),
        refresh_seconds=REFRESH_SECONDS if running else None,
        editor=can(current_user, EDIT, g.forum),
        form=ApplySuggestionForm(formdata=None),
        failure=FAILURES.get(suggestion.error, FAILURES[SuggestionFailure.SOLVER_ERROR])
        if suggestion.status == SuggestionStatus.FAILED
        else None,
        status_labels=STATUS_LABELS,
        solver_status=SOLVER_STATUSES.get(suggestion.solver_status or ""),
        board_url=board_url(),
        **review,
    )


@scheduling_bp.route("/suggestions/<int:suggestion_id>/apply", methods=["POST"])
@forum_permission(EDIT)
def apply_suggestion(suggestion_id: int):
    suggestion = _suggestion(suggestion_id)
    back = url_for(".suggestion", suggestion_id=suggestion.id)
    form = ApplySuggestionForm()
    if not form.validate_on_submit() or not (form.accept_all.data or form.accept_ticked.data):
        return redirect(back)  # no button pressed: nothing to do
    chosen = None if form.accept_all.data else (form.activities.data or [])
    try:
        changed = suggesting.apply_suggestion(suggestion, current_user, chosen)
    except SuggestionError as error:
        flash(str(PROBLEMS[error.problem]), "warning")
        return redirect(back)
    except RulesBroken as error:
        db.session.rollback()
        _flash_rules_broken(error)
        return redirect(back)
    except PlacementError as error:
        db.session.rollback()
        flash(_("Nothing was applied.") + " " + placement_message(error.problem), "danger")
        return redirect(back)
    db.session.commit()
    flash(
        ngettext(
            "%(num)d session placed or moved as suggested.",
            "%(num)d sessions placed or moved as suggested.",
            changed,
        ),
        "success",
    )
    return redirect(board_url())


def _flash_rules_broken(error: RulesBroken) -> None:
    lines = describe_all(g.forum, error.conflicts)
    message = _(
        "The draft has changed since this suggestion was made: accepting it now would "
        "break the scheduling rules. Nothing was applied. Ask for a new suggestion."
    )
    shown = " ".join(lines[:SHOWN_CONFLICTS])
    more = len(lines) - SHOWN_CONFLICTS
    if more > 0:
        shown += " " + ngettext("(and %(num)d more)", "(and %(num)d more)", more)
    flash(f"{message} {shown}", "danger")


@scheduling_bp.route("/suggestions/<int:suggestion_id>/discard", methods=["GET", "POST"])
@forum_permission(EDIT)
def discard_suggestion(suggestion_id: int):
    suggestion = _suggestion(suggestion_id)
    back = url_for(".suggestion", suggestion_id=suggestion.id)
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        return render_template(
            "core/confirm.html",
            layout="forums/staff/_layout.html",
            section="scheduling.suggest",
            form=form,
            cancel_url=back,
            title=_("Discard the suggestion"),
            question=_("Discard this suggested schedule?"),
            consequences=[_("The draft schedule stays as it is.")],
            button=_("Discard"),
        )
    try:
        suggesting.discard_suggestion(suggestion, current_user)
    except SuggestionError as error:
        flash(str(PROBLEMS[error.problem]), "warning")
        return redirect(back)
    db.session.commit()
    flash(_("The suggestion is discarded; the draft schedule is unchanged."), "success")
    return redirect(url_for(".suggest"))
