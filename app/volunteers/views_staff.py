"""Coordinators' pages about the volunteers themselves: the list (filters, pages),
approving and turning down (after a confirmation), the volunteering rules, messages
to a team or a shift (shown with who gets them before they go), and the rosters as
CSV. Everything here is for the forum's organizers and volunteer coordinators
(MANAGE_VOLUNTEERS).
"""

from flask import Response, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.core.access import forum_permission
from app.core.db import utcnow
from app.core.forms import ConfirmActionForm
from app.core.i18n import format_day, isolated, localized
from app.core.permissions import Permission
from app.core.team_decisions import ApprovalError, ApprovalProblem, PolicyError
from app.extensions import db, limiter
from app.forums.scope import forum_object
from app.organizations.contacts import international_phone
from app.safety.services import ExportRefused
from app.volunteers import approval, messaging, rosters
from app.volunteers.blueprints import volunteers_staff_bp as bp
from app.volunteers.forms_signup import contact_label, language_label, skill_label
from app.volunteers.forms_staff import (
    STATUS_LABELS,
    DecisionForm,
    MessageForm,
    PolicyForm,
    VolunteerFilterForm,
)
from app.volunteers.models import Shift, Team, Volunteer
from app.volunteers.staff_pages import confirm_page, page_of, question
from app.volunteers.taking import policy_of

MANAGE = Permission.MANAGE_VOLUNTEERS
# Each message emails many people: a cap per account (the previews count too).
MESSAGE_LIMIT = "40 per hour"
NO_STORE = {"Cache-Control": "no-store"}
LABELS = {
    "status_labels": STATUS_LABELS,
    "language_label": language_label,
    "skill_label": skill_label,
    "contact_label": contact_label,
    "phone": international_phone,
}


def _account_key() -> str:
    return f"user:{current_user.id}"


@bp.route("/")
@forum_permission(MANAGE)
def index():
    form = VolunteerFilterForm(formdata=request.args)
    form.validate()
    volunteers = approval.volunteers_of(g.forum, **form.filters())
    shown, page, pages = page_of(volunteers)
    return render_template(
        "volunteers/staff/index.html",
        form=form,
        volunteers=shown,
        total=len(volunteers),
        counts=approval.status_counts(g.forum),
        decision_form=DecisionForm(formdata=None),
        policy=policy_of(g.forum),
        page=page,
        pages=pages,
        arguments=form.given(),
        **LABELS,
    )


def _problem_message(problem: ApprovalProblem) -> str:
    if problem == ApprovalProblem.WITHDRAWN:
        return _("This volunteer withdrew: they decide for themselves whether to come back.")
    return _("This has been decided already.")


@bp.route("/<int:volunteer_id>/approve", methods=["POST"])
@forum_permission(MANAGE)
def approve(volunteer_id: int):
    volunteer = forum_object(Volunteer, volunteer_id)
    if not DecisionForm().validate_on_submit():
        return redirect(url_for("volunteers_staff.index"))
    try:
        approval.approve_volunteer(volunteer, by=current_user, now=utcnow())
    except ApprovalError as error:
        flash(_problem_message(error.problem), "info")
        return redirect(url_for("volunteers_staff.index"))
    db.session.commit()
    name = isolated(volunteer.user.name)
    flash(_("%(name)s is approved and has been told by email.", name=name), "success")
    return redirect(url_for("volunteers_staff.index", _anchor=f"volunteer-{volunteer.id}"))


@bp.route("/<int:volunteer_id>/reject", methods=["GET", "POST"])
@forum_permission(MANAGE)
def reject(volunteer_id: int):
    volunteer = forum_object(Volunteer, volunteer_id)
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        upcoming = len(approval.upcoming_signups(volunteer, utcnow()))
        consequences = [_("They are told by email, in their language.")]
        if upcoming:
            consequences.append(
                ngettext(
                    "They leave %(num)s shift that has not started yet.",
                    "They leave the %(num)s shifts that have not started yet.",
                    upcoming,
                )
            )
        return confirm_page(
            form,
            section="volunteers_staff.index",
            cancel_url=url_for("volunteers_staff.index"),
            title=_("Turn down a volunteer"),
            question=question(_("Turn down %(name)s as a volunteer?"), name=volunteer.user.name),
            consequences=consequences,
            button=_("Turn down"),
        )
    try:
        approval.reject_volunteer(volunteer, by=current_user, now=utcnow())
    except ApprovalError as error:
        flash(_problem_message(error.problem), "info")
        return redirect(url_for("volunteers_staff.index"))
    db.session.commit()
    name = isolated(volunteer.user.name)
    flash(_("%(name)s is turned down and has been told by email.", name=name), "success")
    return redirect(url_for("volunteers_staff.index"))


@bp.route("/rules", methods=["GET", "POST"])
@forum_permission(MANAGE)
def policy():
    current = policy_of(g.forum)
    form = PolicyForm(obj=current)
    if form.validate_on_submit():
        try:
            approval.update_policy(g.forum, form.details())
        except PolicyError as error:
            for name, (lowest, highest) in error.fields.items():
                form[name].errors = [
                    _("A whole number from %(min)s to %(max)s.", min=lowest, max=highest)
                ]
        else:
            db.session.commit()
            flash(_("The volunteering rules are saved."), "success")
            return redirect(url_for("volunteers_staff.policy"))
    return render_template("volunteers/staff/policy.html", form=form)


# Messages


def _message_page(form: MessageForm, *, recipients, action: str, about: str, back: str):
    preview = form.is_submitted() and not form.errors and not form.is_confirmed
    return render_template(
        "volunteers/staff/message.html",
        form=form,
        preview=preview,
        recipients=recipients,
        action=action,
        about=about,
        back=back,
    )


def _send(form, recipients, send, *, action: str, about: str, back: str):
    if not form.validate_on_submit() or not form.is_confirmed or not recipients:
        form.confirmed.data = ""
        return _message_page(form, recipients=recipients, action=action, about=about, back=back)
    count = send(subject=form.subject.data, body=form.body.data, by=current_user)
    db.session.commit()
    flash(
        ngettext(
            "Message sent to %(num)s volunteer.", "Message sent to %(num)s volunteers.", count
        ),
        "success",
    )
    return redirect(back)


@bp.route("/teams/<int:team_id>/message", methods=["GET", "POST"])
@forum_permission(MANAGE)
@limiter.limit(MESSAGE_LIMIT, key_func=_account_key, methods=["POST"])
def message_team(team_id: int):
    team = forum_object(Team, team_id)
    return _send(
        MessageForm(),
        messaging.recipients_of_team(team),
        lambda **message: messaging.message_team(team, **message),
        action=url_for("volunteers_staff.message_team", team_id=team.id),
        about=_("To the volunteers of the team %(team)s", team=isolated(_team_name(team))),
        back=url_for("volunteers_staff.teams", _anchor=f"team-{team.id}"),
    )


@bp.route("/shifts/<int:shift_id>/message", methods=["GET", "POST"])
@forum_permission(MANAGE)
@limiter.limit(MESSAGE_LIMIT, key_func=_account_key, methods=["POST"])
def message_shift(shift_id: int):
    shift = forum_object(Shift, shift_id)
    when = f"{format_day(shift.day.date)} {shift.starts_at:%H:%M}–{shift.ends_at:%H:%M}"
    return _send(
        MessageForm(),
        messaging.recipients_of_shift(shift),
        lambda **message: messaging.message_shift(shift, **message),
        action=url_for("volunteers_staff.message_shift", shift_id=shift.id),
        about=_(
            "To the volunteers on the shift of %(team)s, %(when)s",
            team=isolated(_team_name(shift.team)),
            when=when,
        ),
        back=url_for("volunteers_staff.roster", shift_id=shift.id),
    )


def _team_name(team: Team) -> str:
    return localized(team, "name")


# Rosters as CSV


def _csv(team: Team | None):
    try:
        result = rosters.export_roster(current_user._get_current_object(), g.forum, team)
    except ExportRefused:
        db.session.commit()  # keeps the record of the refused attempt
        flash(_("Exports of personal data are stopped while the lockdown lasts."), "danger")
        return redirect(url_for("volunteers_staff.coverage"))
    db.session.commit()
    return Response(
        result.content,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{result.filename}"', **NO_STORE},
    )


@bp.route("/roster.csv")
@forum_permission(MANAGE)
def export_roster():
    return _csv(None)


@bp.route("/teams/<int:team_id>/roster.csv")
@forum_permission(MANAGE)
def export_team_roster(team_id: int):
    return _csv(forum_object(Team, team_id))
