"""Coordinators' pages of coverage and of each shift's roster.

Coverage: places needed and taken by day, team and shift, the gaps first. The
roster of a shift: who is on it (with their phones, for the coordinators), putting
a volunteer on it by hand (a refusal names every rule in the way; the coordinator
may tick the override and say why, except when the shift is full), taking one off
(after a confirmation; past the cut-off with a reason), and on the day the
check-in, the hours worked and the no-shows.
"""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.access import forum_permission
from app.core.db import utcnow
from app.core.i18n import isolated, localized
from app.core.permissions import Permission
from app.extensions import db
from app.forums.calendar_messages import time_span
from app.forums.models import Day
from app.forums.scope import forum_object
from app.organizations.contacts import international_phone
from app.volunteers import checkin, rosters, taking
from app.volunteers.approval import volunteers_of
from app.volunteers.blueprints import volunteers_staff_bp as bp
from app.volunteers.coverage import coverage_of
from app.volunteers.forms_signup import language_label
from app.volunteers.forms_staff_shifts import (
    AssignForm,
    HoursForm,
    RemoveSignupForm,
    SignupActionForm,
)
from app.volunteers.messaging import place_of
from app.volunteers.models import Shift, ShiftSignup, Team, Volunteer, VolunteerStatus
from app.volunteers.shifts import shift_length_minutes
from app.volunteers.taking_messages import IssueNames, describe_issues
from app.volunteers.teams import teams_of

MANAGE = Permission.MANAGE_VOLUNTEERS


@bp.route("/coverage")
@forum_permission(MANAGE)
def coverage():
    team_id, day_id = request.args.get("team", type=int), request.args.get("day", type=int)
    team = forum_object(Team, team_id) if team_id else None
    day = forum_object(Day, day_id) if day_id else None
    return render_template(
        "volunteers/staff/coverage.html",
        coverage=coverage_of(g.forum, team=team, day=day),
        teams=teams_of(g.forum),
        team=team,
        day=day,
        place_of=place_of,
    )


def _signup_of(shift: Shift, signup_id: int) -> ShiftSignup:
    """A sign-up of this shift (which is of g.forum); 404 otherwise."""
    signup = db.session.get(ShiftSignup, signup_id)
    if signup is None or signup.shift_id != shift.id:
        abort(404)
    return signup


def _issue_names(volunteer: Volunteer | None) -> IssueNames:
    if volunteer is None:
        return IssueNames()
    held = [signup.shift for signup in volunteer.signups]
    return IssueNames(
        teams={shift.id: localized(shift.team, "name") for shift in held},
        times={shift.id: time_span(shift.starts_at, shift.ends_at) for shift in held},
        languages={code: language_label(code) for code in volunteer.languages or []},
    )


def _roster_page(shift: Shift, assign_form: AssignForm | None = None, refusal=None, error=None):
    signups = rosters.shift_roster(shift)
    on_it = {signup.volunteer_id for signup in signups}
    candidates = [
        v for v in volunteers_of(g.forum, status=VolunteerStatus.APPROVED) if v.id not in on_it
    ]
    page = render_template(
        "volunteers/staff/roster.html",
        shift=shift,
        signups=signups,
        place=place_of(shift),
        length=shift_length_minutes(shift),
        assign_form=assign_form or AssignForm(candidates, formdata=None),
        action_form=SignupActionForm(formdata=None),
        hours_form=HoursForm(formdata=None),
        refusal=refusal,
        phone=international_phone,
        hours_of=checkin.hours_of,
        language_label=language_label,
        has_candidates=bool(candidates),
        error=error,
    )
    return page


@bp.route("/shifts/<int:shift_id>/roster")
@forum_permission(MANAGE)
def roster(shift_id: int):
    return _roster_page(forum_object(Shift, shift_id))


@bp.route("/shifts/<int:shift_id>/assign", methods=["POST"])
@forum_permission(MANAGE)
def assign(shift_id: int):
    """Put an approved volunteer of the forum on the shift, by hand."""
    shift = forum_object(Shift, shift_id)
    approved = volunteers_of(g.forum, status=VolunteerStatus.APPROVED)
    form = AssignForm(approved)
    if not form.validate_on_submit():
        return _roster_page(shift, form)
    volunteer = forum_object(Volunteer, form.volunteer.data)
    try:
        taking.take_shift(
            volunteer,
            shift,
            now=utcnow(),
            by=current_user._get_current_object(),
            override_reason=form.override_reason(),
        )
    except taking.ShiftRefused as error:
        form.ask_for_reason()
        overridable = not (error.problems & taking.NEVER_OVERRIDDEN)
        reasons = describe_issues(error.issues, _issue_names(volunteer))
        return _roster_page(shift, form, {"reasons": reasons, "overridable": overridable})
    db.session.commit()
    flash(_("%(name)s is on the shift.", name=isolated(volunteer.user.name)), "success")
    return redirect(url_for("volunteers_staff.roster", shift_id=shift.id))


@bp.route("/shifts/<int:shift_id>/signups/<int:signup_id>/remove", methods=["GET", "POST"])
@forum_permission(MANAGE)
def remove_signup(shift_id: int, signup_id: int):
    """Take a volunteer off the shift, after a confirmation (past the forum's drop
    cut-off, the coordinator says why)."""
    shift = forum_object(Shift, shift_id)
    signup = _signup_of(shift, signup_id)
    form = RemoveSignupForm()
    back = url_for("volunteers_staff.roster", shift_id=shift.id)
    past_cutoff = utcnow() > taking.drop_cutoff_of(shift, taking.policy_of(g.forum))
    name = isolated(signup.volunteer.user.name)
    if form.validate_on_submit():
        try:
            taking.drop_shift(
                signup,
                now=utcnow(),
                by=current_user._get_current_object(),
                override_reason=form.override_reason(),
            )
        except taking.ShiftRefused:
            form.override.data = True
            form.ask_for_reason()
            if not form.reason.errors:
                form.reason.errors = [_("Say why the volunteer leaves the shift this late.")]
        else:
            db.session.commit()
            flash(_("%(name)s is off the shift.", name=name), "success")
            return redirect(back)
    return render_template(
        "volunteers/staff/remove_signup.html",
        form=form,
        shift=shift,
        signup=signup,
        past_cutoff=past_cutoff,
        back=back,
    )


@bp.route("/shifts/<int:shift_id>/signups/<int:signup_id>/attendance", methods=["POST"])
@forum_permission(MANAGE)
def attendance(shift_id: int, signup_id: int):
    """Check-in, its undoing, a no-show, or clearing one."""
    shift = forum_object(Shift, shift_id)
    signup = _signup_of(shift, signup_id)
    form = SignupActionForm()
    back = url_for("volunteers_staff.roster", shift_id=shift.id, _anchor=f"signup-{signup.id}")
    if not form.validate_on_submit():
        return _roster_page(shift, error=_("Nothing was changed: use one of the buttons."))
    now, name = utcnow(), isolated(signup.volunteer.user.name)
    try:
        if form.action.data == "check_in":
            checkin.check_in(signup, by=current_user, now=now)
            message = _("%(name)s is checked in.", name=name)
        elif form.action.data == "undo":
            checkin.undo_check_in(signup)
            message = _("Check-in of %(name)s undone.", name=name)
        elif form.action.data == "no_show":
            checkin.mark_no_show(signup, now=now)
            message = _("%(name)s is marked as not come.", name=name)
        else:
            checkin.clear_no_show(signup)
            message = _("%(name)s is no longer marked as not come.", name=name)
    except checkin.CheckInError as error:
        flash(_attendance_problem(error.problem), "danger")
        return redirect(back)
    db.session.commit()
    flash(message, "success")
    return redirect(back)


def _attendance_problem(problem: checkin.CheckInProblem) -> str:
    if problem == checkin.CheckInProblem.NOT_YET:
        return _("Check-in opens on the day of the shift.")
    if problem == checkin.CheckInProblem.NOT_STARTED:
        return _("A volunteer can be marked as not come once the shift has started.")
    if problem == checkin.CheckInProblem.NOT_CHECKED_IN:
        return _("Check the volunteer in first: hours are for those who came.")
    return _("Hours worked are from 0 to 24.")


@bp.route("/shifts/<int:shift_id>/signups/<int:signup_id>/hours", methods=["POST"])
@forum_permission(MANAGE)
def hours(shift_id: int, signup_id: int):
    shift = forum_object(Shift, shift_id)
    signup = _signup_of(shift, signup_id)
    form = HoursForm()
    back = url_for("volunteers_staff.roster", shift_id=shift.id, _anchor=f"signup-{signup.id}")
    if not form.validate_on_submit():
        error = _("Give the hours worked as hours (0 to 24) and minutes (0 to 59).")
        return _roster_page(shift, error=error)
    try:
        checkin.record_minutes(signup, form.total_minutes)
    except checkin.CheckInError as error:
        flash(_attendance_problem(error.problem), "danger")
        return redirect(back)
    db.session.commit()
    flash(
        _(
            "Hours worked by %(name)s: %(hours)s.",
            name=isolated(signup.volunteer.user.name),
            hours=checkin.hours_of(signup.minutes_worked),
        ),
        "success",
    )
    return redirect(back)
