"""Shifts for volunteers: the free ones to take (``/<forum>/volunteer/shifts``) and
their own (``/my-shifts``), with dropping until the forum's cut-off.

A shift is loaded through the forum of the URL (404 for another forum's) and a
sign-up through the signed-in volunteer (404 for anyone else's): ids reveal
nothing. Refusals are said in words, at the top and on the shift.
"""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

from app.core.access import signed_in
from app.core.db import utcnow
from app.core.forms import ConfirmActionForm
from app.core.i18n import format_day, localized
from app.extensions import db
from app.forums.calendar_messages import time_span
from app.forums.scope import forum_object
from app.volunteers import listing
from app.volunteers.blueprints import volunteering_bp
from app.volunteers.feed import ensure_feed_address, feed_token
from app.volunteers.forms_shifts import DropShiftForm, ShiftFilterForm, TakeShiftForm
from app.volunteers.forms_signup import language_label
from app.volunteers.models import Shift, ShiftSignup, Volunteer, VolunteerStatus
from app.volunteers.taking import (
    ShiftIssue,
    ShiftRefused,
    drop_shift,
    shift_issues,
    take_shift,
)
from app.volunteers.taking_messages import IssueNames, describe_issues
from app.volunteers.views_signup import active_volunteer, to_sign_up


def shift_label(shift: Shift) -> str:
    """ "Registration desk, Thursday 30 November, 09:00–12:00" in the reader's language."""
    times = time_span(shift.starts_at, shift.ends_at)
    return _(
        "%(team)s, %(day)s, %(times)s",
        team=localized(shift.team, "name"),
        day=format_day(shift.day.date, "full"),
        times=times,
    )


def issue_names(issues: list[ShiftIssue]) -> IssueNames:
    """Names of the volunteer's other shifts the issues point at, in the reader's language."""
    other_ids = {issue.other_shift_id for issue in issues if issue.other_shift_id}
    others = [db.session.get(Shift, shift_id) for shift_id in other_ids]
    return IssueNames(
        teams={s.id: localized(s.team, "name") for s in others if s},
        times={
            s.id: f"{format_day(s.day.date, 'medium')} {time_span(s.starts_at, s.ends_at)}"
            for s in others
            if s
        },
        languages={code: language_label(code) for code in {i.language for i in issues} if code},
    )


def _refusal_words(issues: list[ShiftIssue]) -> list[str]:
    return describe_issues(issues, issue_names(issues))


def _flash_refusal(heading: str, refusal: ShiftRefused) -> None:
    flash(" ".join([heading, *_refusal_words(refusal.issues)]), "danger")


def _filters_form() -> tuple[ShiftFilterForm, listing.FilterChoices]:
    choices = listing.filter_choices(g.forum.id)
    form = ShiftFilterForm(request.args)
    form.prepare(choices)
    form.validate()
    return form, choices


@volunteering_bp.route("/shifts")
@signed_in
def shifts():
    """The shifts with free places, the ones that fit the volunteer first."""
    volunteer = active_volunteer()
    if volunteer is None:
        return to_sign_up()
    form, choices = _filters_form()
    filters = form.filters(choices)
    page = request.args.get("page", 1, type=int)
    now = utcnow()
    free = listing.free_shifts(volunteer, now=now, filters=filters, page=page)
    if free is None:
        abort(404)
    refused_id = request.args.get("refused", type=int)
    refused = next((e.shift for e in free.entries if e.shift.id == refused_id), None)
    refusal = _refusal_words(shift_issues(volunteer, refused, now=now)) if refused else []
    return render_template(
        "volunteers/shifts.html",
        volunteer=volunteer,
        can_take=volunteer.status is VolunteerStatus.APPROVED,
        free=free,
        form=form,
        arguments=filters.as_arguments,
        take_form=TakeShiftForm(formdata=None),
        refused_id=refused.id if refused else None,
        refusal=refusal,
        language_label=language_label,
    )


def _back_to_shifts(**extra):
    arguments = {
        key: request.args[key]
        for key in ("team", "day", "language", "page")
        if request.args.get(key)
    }
    return redirect(url_for("volunteering.shifts", **arguments, **extra))


@volunteering_bp.route("/shifts/<int:shift_id>/take", methods=["POST"])
@signed_in
def take(shift_id: int):
    """Take a shift; a refusal is said in words at the top and on the shift."""
    shift = forum_object(Shift, shift_id)
    volunteer = active_volunteer()
    if volunteer is None:
        return to_sign_up()
    if not TakeShiftForm().validate_on_submit():
        return _back_to_shifts()
    try:
        take_shift(volunteer, shift, now=utcnow(), by=current_user)
    except ShiftRefused as refusal:
        db.session.rollback()
        _flash_refusal(_("You cannot take %(shift)s:", shift=shift_label(shift)), refusal)
        return _back_to_shifts(refused=shift.id, _anchor=f"shift-{shift.id}")
    db.session.commit()
    flash(_("It is yours: %(shift)s.", shift=shift_label(shift)), "success")
    return _back_to_shifts()


def _calendar_address(volunteer: Volunteer) -> str:
    return url_for("volunteering.feed", token=feed_token(volunteer), _external=True)


@volunteering_bp.route("/my-shifts")
@signed_in
def my_shifts():
    """The volunteer's shifts by day, with "Drop" until the cut-off, and their calendar."""
    volunteer = active_volunteer()
    if volunteer is None:
        return to_sign_up()
    if ensure_feed_address(volunteer):
        db.session.commit()
    return render_template(
        "volunteers/my_shifts.html",
        volunteer=volunteer,
        days=listing.my_shifts(volunteer, now=utcnow()),
        drop_form=DropShiftForm(formdata=None),
        confirm_form=ConfirmActionForm(formdata=None),
        calendar_address=_calendar_address(volunteer),
    )


def _own_signup_or_404(volunteer: Volunteer | None, signup_id: int) -> ShiftSignup:
    signup = db.session.get(ShiftSignup, signup_id)
    if (
        volunteer is None
        or signup is None
        or signup.volunteer_id != volunteer.id
        or signup.shift.forum_id != g.forum.id
    ):
        abort(404)
    return signup


@volunteering_bp.route("/my-shifts/<int:signup_id>/drop", methods=["POST"])
@signed_in
def drop(signup_id: int):
    """Drop one of one's shifts, after a confirmation; refused after the cut-off."""
    signup = _own_signup_or_404(active_volunteer(), signup_id)
    shift = signup.shift
    label = shift_label(shift)
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        return render_template(
            "core/confirm.html",
            title=_("Drop a shift"),
            question=escape(_("Drop %(shift)s?")) % {"shift": Markup("<bdi>%s</bdi>") % label},
            consequences=[_("The place goes back to the other volunteers.")],
            form=form,
            cancel_url=url_for("volunteering.my_shifts"),
            button=_("Drop it"),
        )
    try:
        drop_shift(signup, now=utcnow(), by=current_user)
    except ShiftRefused as refusal:
        db.session.rollback()
        _flash_refusal(_("You cannot drop %(shift)s:", shift=label), refusal)
        return redirect(url_for("volunteering.my_shifts", _anchor=f"signup-{signup_id}"))
    db.session.commit()
    flash(_("Dropped: %(shift)s.", shift=shift_label(shift)), "success")
    return redirect(url_for("volunteering.my_shifts"))
