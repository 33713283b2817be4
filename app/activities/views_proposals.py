"""The organizations' side of proposals: their activities in a forum, the proposal
form (new and edit), an activity's own page, and withdrawing it.

An activity's pages are its organizations' alone (the lead's members and those of
co-organizers that accepted, app.activities.access.can_view): anyone else finds
nothing there (404); the forum's staff have their own screens.
"""

import sqlalchemy as sa
from flask import flash, g, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import abort

from app.activities import proposals
from app.activities.access import can_view
from app.activities.forms_proposals import ProposalForm, problem_message
from app.activities.labels import (
    INTERPRETATION_MODE,
    activity_format_label,
    activity_status_label,
    merge_mode_label,
)
from app.activities.merging import dialogue_partners, merge_history, sequence_of
from app.activities.models import Activity, ActivityStatus, CoOrganizer
from app.activities.proposals import ProposalError
from app.core.access import signed_in
from app.core.db import utcnow
from app.core.forms import ConfirmActionForm
from app.core.i18n import LANGUAGE_NAMES
from app.extensions import db
from app.forums.forms_venue import equipment_label
from app.forums.scope import forum_blueprint, forum_object
from app.organizations.contacts import international_phone
from app.organizations.membership import member_organization_or_404, organizations_of

proposals_bp = forum_blueprint("proposals", __name__, "/activities")

# Pages with presenters' contacts are kept by no cache, not even the browser's.
PRIVATE = {"Cache-Control": "private, no-store"}


@proposals_bp.context_processor
def _labels() -> dict:
    return {
        "activity_status_label": activity_status_label,
        "activity_format_label": activity_format_label,
        "merge_mode_label": merge_mode_label,
        "interpretation_mode_label": lambda mode: str(INTERPRETATION_MODE[mode]),
        "equipment_label": equipment_label,
        "international_phone": international_phone,
        "language_name": lambda code: LANGUAGE_NAMES.get(code, _("Another language")),
    }


def _private(page: str):
    return make_response(page, 200, PRIVATE)


def _window() -> dict:
    """What the messages about the proposal window say (its dates, the cap)."""
    forum = g.forum
    return {
        "opens": forum.proposals_open,
        "closes": forum.proposals_close,
        "max": forum.max_activities_per_organization,
    }


def _activity_or_404(activity_id: int) -> Activity:
    activity = forum_object(Activity, activity_id)
    if not can_view(current_user, activity):
        abort(404)
    return activity


def _activities_of(organization_ids: list[int]) -> list[Activity]:
    """The forum's activities led or co-organized (accepted) by these organizations."""
    co_organized = sa.select(CoOrganizer.activity_id).where(
        CoOrganizer.organization_id.in_(organization_ids), CoOrganizer.accepted.is_(True)
    )
    return list(
        db.session.scalars(
            sa.select(Activity)
            .where(
                Activity.forum_id == g.forum.id,
                sa.or_(
                    Activity.lead_organization_id.in_(organization_ids),
                    Activity.id.in_(co_organized),
                ),
            )
            .order_by(Activity.created_at.desc(), Activity.id.desc())
        )
    )


def _pending_invitations(organization_ids: list[int]) -> list[CoOrganizer]:
    return list(
        db.session.scalars(
            sa.select(CoOrganizer)
            .join(Activity)
            .where(
                Activity.forum_id == g.forum.id,
                CoOrganizer.organization_id.in_(organization_ids),
                CoOrganizer.accepted.is_(None),
            )
            .order_by(CoOrganizer.invited_at, CoOrganizer.id)
        )
    )


@proposals_bp.route("/mine")
@signed_in
def mine():
    now = utcnow()
    organizations = organizations_of(current_user)
    ids = [o.id for o in organizations]
    window = _window()
    proposing = [
        (
            organization,
            [
                problem_message(problem, window)
                for problem in proposals.proposal_problems(current_user, g.forum, organization, now)
            ],
        )
        for organization in organizations
    ]
    invitations = _pending_invitations(ids) if ids else []
    page = render_template(
        "activities/proposals_mine.html",
        activities=_activities_of(ids) if ids else [],
        invitations=invitations,
        proposing=proposing,
    )
    return _private(page)


def _render_form(form: ProposalForm, organization, activity: Activity | None = None, action=""):
    page = render_template(
        "activities/proposal_form.html",
        form=form,
        organization=organization,
        activity=activity,
        action=action,
    )
    return _private(page)


def _not_possible(messages: list[str], organization, activity: Activity | None = None):
    """Why the form is not offered now: the reasons, a way back, no form (200)."""
    page = render_template(
        "activities/proposal_closed.html",
        messages=messages,
        organization=organization,
        activity=activity,
    )
    return _private(page)


def _submit_after_saving(form: ProposalForm, activity: Activity, now):
    """The draft is kept (committed) whatever happens; then it goes to review, or the
    edit form shows what stands in the way."""
    db.session.commit()
    try:
        proposals.submit(current_user, activity, now=now)
    except ProposalError as error:
        db.session.rollback()
        form.show(error)
        action = url_for(".edit", activity_id=activity.id)
        return _render_form(form, activity.lead_organization, activity, action)
    db.session.commit()
    flash(_("The proposal is submitted: the forum's reviewers will read it."), "success")
    return redirect(url_for(".view", activity_id=activity.id))


@proposals_bp.route("/new/<int:organization_id>", methods=["GET", "POST"])
@signed_in
def new(organization_id: int):
    organization = member_organization_or_404(current_user, organization_id)
    now = utcnow()
    window = _window()
    problems = proposals.proposal_problems(current_user, g.forum, organization, now)
    if problems:
        return _not_possible([problem_message(p, window) for p in problems], organization)
    form = ProposalForm(forum=g.forum)
    if not form.validate_on_submit():
        return _render_form(form, organization)
    try:
        activity = proposals.create_draft(
            current_user, g.forum, organization, now=now, **form.fields()
        )
    except ProposalError as error:
        db.session.rollback()
        form.show(error)
        return _render_form(form, organization)
    if form.submit.data:
        return _submit_after_saving(form, activity, now)
    db.session.commit()
    flash(_("The draft is saved. Submit it when it is complete."), "success")
    return redirect(url_for(".edit", activity_id=activity.id))


@proposals_bp.route("/<int:activity_id>/edit", methods=["GET", "POST"])
@signed_in
def edit(activity_id: int):
    activity = _activity_or_404(activity_id)
    now = utcnow()
    problems = proposals.edit_problems(current_user, activity, now)
    if problems:
        data = _window()
        messages = [problem_message(p, data) for p in problems]
        return _not_possible(messages, activity.lead_organization, activity)
    form = ProposalForm(forum=g.forum)
    if not form.is_submitted():
        form.fill(activity)
    if not form.validate_on_submit():
        return _render_form(form, activity.lead_organization, activity)
    try:
        proposals.update_activity(current_user, activity, now=now, **form.fields())
    except ProposalError as error:
        db.session.rollback()
        form.show(error)
        return _render_form(form, activity.lead_organization, activity)
    if form.submit.data and activity.status is ActivityStatus.DRAFT:
        return _submit_after_saving(form, activity, now)
    db.session.commit()
    flash(_("The changes are saved."), "success")
    return redirect(url_for(".view", activity_id=activity.id))


@proposals_bp.route("/<int:activity_id>")
@signed_in
def view(activity_id: int):
    activity = _activity_or_404(activity_id)
    page = render_template(
        "activities/proposal_view.html",
        activity=activity,
        editable=not proposals.edit_problems(current_user, activity, utcnow()),
        withdrawable=activity.status in proposals.WITHDRAWABLE,
        merges=merge_history(activity),
        dialogue_partners=dialogue_partners(activity),
        sequence=sequence_of(activity),
    )
    return _private(page)


@proposals_bp.route("/<int:activity_id>/withdraw", methods=["GET", "POST"])
@signed_in
def withdraw(activity_id: int):
    activity = _activity_or_404(activity_id)
    back = url_for(".view", activity_id=activity.id)
    form = ConfirmActionForm()
    if form.validate_on_submit():
        try:
            proposals.withdraw(current_user, activity, now=utcnow())
        except ProposalError as error:
            db.session.rollback()
            for problem in error.problems:
                flash(problem_message(problem, error.data), "danger")
            return redirect(back)
        db.session.commit()
        flash(_("The activity is withdrawn."), "success")
        return redirect(back)
    page = render_template(
        "core/confirm.html",
        form=form,
        title=_("Withdraw the activity"),
        question=_("Withdraw this activity from the forum?"),
        consequences=[
            _("It will no longer be reviewed or placed in the programme."),
            _("A withdrawn activity cannot be proposed again: a new proposal would be needed."),
        ],
        button=_("Yes, withdraw it"),
        cancel_url=back,
    )
    return _private(page)
