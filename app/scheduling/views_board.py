"""The organizers' board: one day's grid of rooms × slots, the accepted activities
still to place, and the forum's conflicts.

Organizers, reviewers and interpretation coordinators look (VIEW_SCHEDULE_BOARD);
organizers change (EDIT_SCHEDULE) with plain forms that work without JavaScript:
place or move (room and first slot), swap two sessions, remove (after a
confirmation), pin. Drag and drop (static/js/board.js) posts the same forms with
the header ``X-Board-Fragment: 1`` and gets the board's fragment back instead of a
redirect. A change that breaks a rule is refused with the conflicts in words; the
organizer may tick the override and say why.
"""

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from app.activities.models import Activity
from app.core.access import forum_permission
from app.core.forms import ConfirmActionForm
from app.core.i18n import localized
from app.core.permissions import Permission, can
from app.extensions import db
from app.forums.models import ForumStatus, Room, TimeSlot
from app.forums.scope import forum_object
from app.scheduling import placing
from app.scheduling.blueprints import scheduling_bp
from app.scheduling.board import describe_all, read_board, session_slot_names
from app.scheduling.forms_board import (
    BOARD_ARGUMENTS,
    BoardFilterForm,
    PinForm,
    PlaceForm,
    SwapForm,
)
from app.scheduling.placement_messages import placement_message

# Pages of the other scheduling helpers, linked from the board once they exist.
OTHER_PAGES = ("scheduling.versions", "scheduling.suggest", "scheduling.publish")


@dataclass
class Refusal:
    """A change that did not happen: the form as sent, and why."""

    form: PlaceForm | SwapForm
    reasons: list[str]  # the conflicts it would add, in words
    problem: str | None = None  # a PlacementProblem in words

    @property
    def kind(self) -> str:
        return "swap" if isinstance(self.form, SwapForm) else "place"


def _may_edit() -> bool:
    return can(current_user, Permission.EDIT_SCHEDULE, g.forum) and (
        g.forum.status != ForumStatus.ARCHIVED
    )


def _fragment() -> bool:
    return request.headers.get("X-Board-Fragment") == "1"


def _board_arguments(view: str | None) -> MultiDict:
    """The board's arguments kept in a form's ``view`` field (the day, the filters)."""
    given = dict(parse_qsl(view or ""))
    return MultiDict({name: given[name] for name in BOARD_ARGUMENTS if given.get(name)})


def _place_form(board, pick, view: str, formdata=None) -> PlaceForm:
    form = PlaceForm(board.rooms, board.slot_names, formdata=formdata)
    if formdata is None and pick is not None:
        form.activity.data, form.view.data = pick.activity_id, view
        form.room.data, form.slot.data = pick.room_id, pick.first_slot_id
    return form


def _render_board(arguments: MultiDict, refusal: Refusal | None = None):
    filter_form = BoardFilterForm(g.forum.themes, formdata=arguments)
    filter_form.validate()
    board = read_board(g.forum, arguments.get("day", type=int), **filter_form.filters())
    editing = _may_edit()
    pick = board.cards.get(arguments.get("pick", type=int)) if editing else None
    view = urlencode([(k, v) for k, v in arguments.items() if k in BOARD_ARGUMENTS])
    place_form = None
    if editing:
        place_form = _place_form(board, pick, view)
        if refusal is not None and isinstance(refusal.form, PlaceForm):
            place_form = refusal.form
    template = "scheduling/_board.html" if _fragment() else "scheduling/board.html"
    return render_template(
        template,
        board=board,
        filter_form=filter_form,
        arguments=arguments.to_dict(),
        unpicked={k: v for k, v in arguments.items() if k != "pick"},
        view=view,
        fragment=_fragment(),
        editing=editing,
        pick=pick,
        place_form=place_form,
        refusal=refusal,
        other_pages={e for e in OTHER_PAGES if e in current_app.view_functions},
        archived=g.forum.status == ForumStatus.ARCHIVED,
    )


def _done(message: str, arguments: MultiDict, activity_id: int | None = None):
    """After a change: the fragment for drag and drop, else back to the board."""
    flash(message, "success")
    arguments = MultiDict({k: v for k, v in arguments.items() if k != "pick"})
    if _fragment():
        return _render_board(arguments)
    anchor = f"session-{activity_id}" if activity_id else None
    return redirect(url_for("scheduling.board", _anchor=anchor, **arguments.to_dict()))


@scheduling_bp.route("/")
@forum_permission(Permission.VIEW_SCHEDULE_BOARD)
def board():
    return _render_board(MultiDict(request.args))


@scheduling_bp.route("/place", methods=["POST"])
@forum_permission(Permission.EDIT_SCHEDULE)
def place():
    """Place an accepted activity, or move a placed one, to a room and first slot."""
    form = PlaceForm(g.forum.rooms, session_slot_names(g.forum))
    arguments = _board_arguments(form.view.data)
    if not form.validate_on_submit():
        return _render_board(arguments, Refusal(form, []))
    activity = forum_object(Activity, form.activity.data)
    room = forum_object(Room, form.room.data)
    slot = forum_object(TimeSlot, form.slot.data, forum_of=lambda s: s.day.forum_id)
    try:
        placing.place_activity(
            g.forum, activity, room, slot, by=current_user, override_reason=form.override_reason()
        )
    except placing.RulesBroken as error:
        form.ask_for_reason()
        return _render_board(arguments, Refusal(form, describe_all(g.forum, error.conflicts)))
    except placing.PlacementError as error:
        return _refused(error, form, arguments)
    db.session.commit()
    message = _("Placed: %(title)s.", title=_isolated(localized(activity, "title")))
    return _done(message, arguments, activity.id)


@scheduling_bp.route("/swap", methods=["POST"])
@forum_permission(Permission.EDIT_SCHEDULE)
def swap():
    """Two placed sessions trade rooms and starting slots."""
    form = SwapForm()
    arguments = _board_arguments(form.view.data)
    if not form.validate_on_submit():
        return _render_board(arguments, Refusal(form, []))
    first = forum_object(Activity, form.first.data)
    second = forum_object(Activity, form.second.data)
    placements = [placing.placement_of(first), placing.placement_of(second)]
    try:
        if None in placements or first.id == second.id:
            raise placing.PlacementError(placing.PlacementProblem.NOT_PLACED)
        placing.swap_sessions(
            g.forum, *placements, by=current_user, override_reason=form.override_reason()
        )
    except placing.RulesBroken as error:
        form.ask_for_reason()
        return _render_board(arguments, Refusal(form, describe_all(g.forum, error.conflicts)))
    except placing.PlacementError as error:
        return _refused(error, form, arguments)
    db.session.commit()
    message = _(
        "Swapped: %(first)s and %(second)s.",
        first=_isolated(localized(first, "title")),
        second=_isolated(localized(second, "title")),
    )
    return _done(message, arguments, first.id)


def _refused(error: placing.PlacementError, form, arguments: MultiDict):
    if error.problem == placing.PlacementProblem.CELL_TAKEN:
        # The cell went to someone else's change: start again from a clean session.
        db.session.rollback()
    return _render_board(arguments, Refusal(form, [], placement_message(error.problem)))


@scheduling_bp.route("/sessions/<int:activity_id>/remove", methods=["GET", "POST"])
@forum_permission(Permission.EDIT_SCHEDULE)
def unplace(activity_id: int):
    """Take a session off the draft schedule, after a confirmation."""
    activity = forum_object(Activity, activity_id)
    arguments = MultiDict({k: v for k, v in request.args.items() if k in BOARD_ARGUMENTS})
    back = url_for("scheduling.board", _anchor=f"session-{activity.id}", **arguments.to_dict())
    title = localized(activity, "title")
    if placing.placement_of(activity) is None:
        flash(placement_message(placing.PlacementProblem.NOT_PLACED), "info")
        return redirect(url_for("scheduling.board", **arguments.to_dict()))
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        return render_template(
            "core/confirm.html",
            layout="forums/staff/_layout.html",
            section="scheduling.board",
            form=form,
            cancel_url=back,
            title=_("Remove a session from the schedule"),
            question=_("Take “%(title)s” off the draft schedule?", title=_isolated(title)),
            consequences=[
                _("The activity stays accepted and goes back to the list of activities to place."),
                _("The public programme changes only when a new version is published."),
            ],
            button=_("Remove from the schedule"),
        )
    try:
        placing.unplace_activity(g.forum, activity, by=current_user)
    except placing.PlacementError as error:
        flash(placement_message(error.problem), "danger")
        return redirect(back)
    db.session.commit()
    flash(_("Removed from the schedule: %(title)s.", title=_isolated(title)), "success")
    return redirect(url_for("scheduling.board", **arguments.to_dict()))


@scheduling_bp.route("/sessions/<int:activity_id>/pin", methods=["POST"])
@forum_permission(Permission.EDIT_SCHEDULE)
def pin(activity_id: int):
    """Pin a session (the auto-scheduler keeps it where it is) or unpin it."""
    activity = forum_object(Activity, activity_id)
    form = PinForm()
    arguments = _board_arguments(form.view.data)
    placement = placing.placement_of(activity)
    if not form.validate_on_submit() or placement is None:
        if placement is None:
            flash(placement_message(placing.PlacementProblem.NOT_PLACED), "info")
        return redirect(url_for("scheduling.board", **arguments.to_dict()))
    try:
        placing.set_pinned(placement, form.pinned.data == "1")
    except placing.PlacementError as error:
        flash(placement_message(error.problem), "danger")
        return redirect(url_for("scheduling.board", **arguments.to_dict()))
    db.session.commit()
    title = _isolated(localized(activity, "title"))
    if placement.pinned:
        message = _(
            "Pinned: %(title)s stays where it is when a schedule is suggested.", title=title
        )
    else:
        message = _("Unpinned: %(title)s.", title=title)
    return _done(message, arguments, activity.id)


def _isolated(text: str) -> str:
    """User-written text inside a translated sentence, kept in its own direction."""
    return f"\u2068{text}\u2069"
