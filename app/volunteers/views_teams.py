"""Coordinators' pages of teams and shifts: teams (with the volunteers approved for
those that need it), shifts one by one, many shifts from the forum's session
slots, and room hosts' shifts from the published programme. Removals go through
a confirmation; a team whose shifts volunteers hold stays, and says why.
"""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.core.access import forum_permission
from app.core.forms import ConfirmActionForm
from app.core.i18n import isolated, localized
from app.core.permissions import Permission
from app.extensions import db
from app.forums.models import Day, Room
from app.forums.scope import forum_object
from app.volunteers import shifts as shift_service
from app.volunteers import teams as team_service
from app.volunteers.blueprints import volunteers_staff_bp as bp
from app.volunteers.forms_signup import language_label
from app.volunteers.forms_staff import TeamApprovalForm, TeamForm, team_message
from app.volunteers.forms_staff_shifts import PatternForm, RoomHostsForm, ShiftForm
from app.volunteers.models import Shift, Team, Volunteer
from app.volunteers.staff_pages import confirm_page, question

MANAGE = Permission.MANAGE_VOLUNTEERS


def _name(team: Team) -> str:
    return localized(team, "name")


@bp.route("/teams")
@forum_permission(MANAGE)
def teams():
    listed = team_service.teams_of(g.forum)
    return render_template(
        "volunteers/staff/teams.html",
        teams=listed,
        taken={team.id: team_service.signup_count(team) for team in listed},
        language_label=language_label,
    )


def _team_page(form: TeamForm, team: Team | None = None):
    return render_template("volunteers/staff/team_form.html", form=form, team=team)


@bp.route("/teams/new", methods=["GET", "POST"])
@forum_permission(MANAGE)
def add_team():
    form = TeamForm()
    if not form.validate_on_submit():
        return _team_page(form)
    try:
        team = team_service.create_team(g.forum, form.details())
    except team_service.TeamError as error:
        form.show(error)
        return _team_page(form)
    db.session.commit()
    flash(_("Team added: %(name)s.", name=isolated(_name(team))), "success")
    return redirect(url_for("volunteers_staff.teams", _anchor=f"team-{team.id}"))


@bp.route("/teams/<int:team_id>", methods=["GET", "POST"])
@forum_permission(MANAGE)
def edit_team(team_id: int):
    team = forum_object(Team, team_id)
    form = TeamForm(obj=team)
    if not form.validate_on_submit():
        return _team_page(form, team)
    try:
        team_service.update_team(team, form.details())
    except team_service.TeamError as error:
        form.show(error)
        return _team_page(form, team)
    db.session.commit()
    flash(_("Team saved: %(name)s.", name=isolated(_name(team))), "success")
    return redirect(url_for("volunteers_staff.teams", _anchor=f"team-{team.id}"))


@bp.route("/teams/<int:team_id>/remove", methods=["GET", "POST"])
@forum_permission(MANAGE)
def remove_team(team_id: int):
    team = forum_object(Team, team_id)
    name = _name(team)
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        return confirm_page(
            form,
            section="volunteers_staff.teams",
            cancel_url=url_for("volunteers_staff.teams"),
            title=_("Remove a team"),
            question=question(_("Remove the team %(name)s?"), name=name),
            consequences=[_("Its shifts and its volunteers' approvals are removed with it.")],
            button=_("Remove team"),
        )
    try:
        team_service.remove_team(team)
    except team_service.TeamError as error:
        for problem in error.problems:
            flash(team_message(problem, error.count), "danger")
        return redirect(url_for("volunteers_staff.teams", _anchor=f"team-{team.id}"))
    db.session.commit()
    flash(_("Team removed: %(name)s.", name=isolated(name)), "success")
    return redirect(url_for("volunteers_staff.teams"))


@bp.route("/teams/<int:team_id>/approvals", methods=["GET", "POST"])
@forum_permission(MANAGE)
def team_approvals(team_id: int):
    """The volunteers approved for a team; the form approves one more."""
    team = forum_object(Team, team_id)
    form = TeamApprovalForm(team_service.approvable_volunteers(team))
    if not form.validate_on_submit():
        return _approvals_page(team, form)
    return _grant(team, form)


def _approvals_page(team: Team, form: TeamApprovalForm):
    return render_template(
        "volunteers/staff/team_approvals.html",
        team=team,
        form=form,
        approvals=team_service.team_approvals(team),
        revoke_form=ConfirmActionForm(formdata=None),
    )


def _grant(team: Team, form: TeamApprovalForm):
    volunteer = forum_object(Volunteer, form.volunteer.data)
    try:
        team_service.grant_team_approval(team, volunteer, by=current_user)
    except team_service.TeamError as error:
        form.volunteer.errors = [team_message(p) for p in error.problems]
        return _approvals_page(team, form)
    db.session.commit()
    names = {"name": isolated(volunteer.user.name), "team": isolated(_name(team))}
    flash(_("%(name)s is approved for %(team)s.", **names), "success")
    return redirect(url_for("volunteers_staff.team_approvals", team_id=team.id))


@bp.route("/teams/<int:team_id>/approvals/<int:volunteer_id>/revoke", methods=["POST"])
@forum_permission(MANAGE)
def revoke_team_approval(team_id: int, volunteer_id: int):
    team = forum_object(Team, team_id)
    volunteer = forum_object(Volunteer, volunteer_id)
    back = url_for("volunteers_staff.team_approvals", team_id=team.id)
    if not ConfirmActionForm().validate_on_submit():
        form = TeamApprovalForm(team_service.approvable_volunteers(team), formdata=None)
        return _approvals_page(team, form)
    if team_service.revoke_team_approval(team, volunteer):
        db.session.commit()
        flash(
            _(
                "%(name)s is no longer approved for %(team)s. The shifts they hold stay.",
                name=isolated(volunteer.user.name),
                team=isolated(_name(team)),
            ),
            "success",
        )
    return redirect(back)


# Shifts


def _shift_form(formdata=..., obj=None) -> ShiftForm:
    kwargs = {} if formdata is ... else {"formdata": formdata}
    return ShiftForm(team_service.teams_of(g.forum), g.forum.days, g.forum.rooms, obj=obj, **kwargs)


def _details(form: ShiftForm) -> shift_service.ShiftDetails:
    return shift_service.ShiftDetails(
        team=forum_object(Team, form.team.data),
        day=forum_object(Day, form.day.data),
        starts_at=form.starts_at.data,
        ends_at=form.ends_at.data,
        places_needed=form.places_needed.data,
        room=forum_object(Room, form.room.data) if form.room.data else None,
        area=form.area.data,
        description=form.description.data,
    )


def _shift_page(form: ShiftForm, shift: Shift | None = None):
    return render_template("volunteers/staff/shift_form.html", form=form, shift=shift)


@bp.route("/shifts/new", methods=["GET", "POST"])
@forum_permission(MANAGE)
def add_shift():
    form = _shift_form()
    if request.method == "GET" and request.args.get("team", type=int):
        form.team.data = request.args.get("team", type=int)
    if not form.validate_on_submit():
        return _shift_page(form)
    try:
        shift = shift_service.create_shift(g.forum, _details(form))
    except shift_service.ShiftEditError as error:
        form.show(error)
        return _shift_page(form)
    db.session.commit()
    flash(_("Shift added."), "success")
    return redirect(url_for("volunteers_staff.roster", shift_id=shift.id))


@bp.route("/shifts/<int:shift_id>", methods=["GET", "POST"])
@forum_permission(MANAGE)
def edit_shift(shift_id: int):
    shift = forum_object(Shift, shift_id)
    form = _shift_form(obj=shift)
    if request.method == "GET":
        form.team.data, form.day.data, form.room.data = (
            shift.team_id,
            shift.day_id,
            shift.room_id or 0,
        )
    if not form.validate_on_submit():
        return _shift_page(form, shift)
    try:
        shift_service.update_shift(shift, _details(form))
    except shift_service.ShiftEditError as error:
        form.show(error)
        return _shift_page(form, shift)
    db.session.commit()
    flash(_("Shift saved."), "success")
    return redirect(url_for("volunteers_staff.roster", shift_id=shift.id))


@bp.route("/shifts/<int:shift_id>/remove", methods=["GET", "POST"])
@forum_permission(MANAGE)
def remove_shift(shift_id: int):
    shift = forum_object(Shift, shift_id)
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        taken = shift_service.taken_places(shift)
        consequences = []
        if taken:
            consequences.append(
                ngettext(
                    "The volunteer on it is told by email.",
                    "The %(num)s volunteers on it are told by email.",
                    taken,
                )
            )
        return confirm_page(
            form,
            section="volunteers_staff.coverage",
            cancel_url=url_for("volunteers_staff.roster", shift_id=shift.id),
            title=_("Remove a shift"),
            question=question(
                _("Remove the shift of %(team)s on %(day)s at %(time)s?"),
                team=_name(shift.team),
                day=shift.day.date.isoformat(),
                time=shift.starts_at.strftime("%H:%M"),
            ),
            consequences=consequences,
            button=_("Remove shift"),
        )
    told = shift_service.remove_shift(shift)
    db.session.commit()
    flash(
        ngettext(
            "Shift removed; %(num)s volunteer was told.",
            "Shift removed; %(num)s volunteers were told.",
            told,
        )
        if told
        else _("Shift removed."),
        "success",
    )
    return redirect(url_for("volunteers_staff.coverage"))


@bp.route("/shifts/from-slots", methods=["GET", "POST"])
@forum_permission(MANAGE)
def add_shifts_from_slots():
    """One shift of a team for every session slot of the chosen days."""
    form = PatternForm(team_service.teams_of(g.forum), g.forum.days)
    if request.method == "GET":
        form.days.data = [day.id for day in g.forum.days]
    if not form.validate_on_submit():
        return render_template("volunteers/staff/shifts_from_slots.html", form=form)
    team = forum_object(Team, form.team.data)
    days = [forum_object(Day, day_id) for day_id in form.days.data]
    created = shift_service.create_shifts_from_slots(
        g.forum, team, days=days, places_needed=form.places_needed.data, area=form.area.data
    )
    db.session.commit()
    flash(_created_message(len(created), team), "success" if created else "info")
    return redirect(url_for("volunteers_staff.coverage", team=team.id))


@bp.route("/shifts/room-hosts", methods=["GET", "POST"])
@forum_permission(MANAGE)
def add_room_host_shifts():
    """One shift of a room hosts' team for every session of the published programme."""
    form = RoomHostsForm(team_service.teams_of(g.forum))
    if not form.validate_on_submit():
        return render_template("volunteers/staff/room_hosts.html", form=form)
    team = forum_object(Team, form.team.data)
    try:
        changes = shift_service.create_room_host_shifts(
            g.forum, team, places_needed=form.places_needed.data
        )
    except shift_service.ShiftEditError as error:
        form.show(error)
        return render_template("volunteers/staff/room_hosts.html", form=form)
    db.session.commit()
    _flash_room_host_changes(changes, team)
    return redirect(url_for("volunteers_staff.coverage", team=team.id))


def _flash_room_host_changes(changes: shift_service.RoomHostChanges, team: Team) -> None:
    if changes.created or not (changes.moved or changes.removed or changes.held):
        flash(
            _created_message(len(changes.created), team), "success" if changes.created else "info"
        )
    if changes.moved:
        flash(
            ngettext(
                "%(num)s shift moved with its session.",
                "%(num)s shifts moved with their sessions.",
                len(changes.moved),
            ),
            "success",
        )
    if changes.removed:
        flash(
            ngettext(
                "%(num)s shift removed: its session is no longer in the programme.",
                "%(num)s shifts removed: their sessions are no longer in the programme.",
                len(changes.removed),
            ),
            "success",
        )
    if changes.held:
        flash(
            ngettext(
                "%(num)s shift whose session moved or was cancelled still has volunteers: "
                "change or remove it by hand, and tell them.",
                "%(num)s shifts whose sessions moved or were cancelled still have volunteers: "
                "change or remove them by hand, and tell them.",
                len(changes.held),
            ),
            "warning",
        )


def _created_message(count: int, team: Team) -> str:
    if not count:
        return _("No new shift: %(team)s has every one already.", team=isolated(_name(team)))
    return ngettext(
        "%(num)s shift created for %(team)s.",
        "%(num)s shifts created for %(team)s.",
        count,
        team=isolated(_name(team)),
    )
