"""Merging screens: organizers see suggestions and propose merges; the organizations
involved give or refuse their consent."""

import sqlalchemy as sa
from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.activities import merging
from app.activities.forms_merging import MODE_EXPLANATIONS, AnswerMergeForm, ProposeMergeForm
from app.activities.labels import activity_status_label, merge_mode_label
from app.activities.merge_notices import ask_consents
from app.activities.merging import MergeError, MergeProblem, merge_activities
from app.activities.models import Activity, Merge, MergeMember, MergeStatus
from app.activities.similarity import SUGGESTED_STATUSES, suggest_groups
from app.core.access import forum_permission, signed_in
from app.core.forms import ConfirmActionForm
from app.core.permissions import Permission
from app.extensions import db
from app.forums.scope import forum_blueprint, forum_object
from app.organizations.membership import is_member

merges_staff_bp = forum_blueprint("merges_staff", __name__, "/staff/merges")
merges_bp = forum_blueprint("merges", __name__, "/activities/merges")

# How alike two proposals must read (0–1) to be suggested together.
SUGGESTION_THRESHOLD = 0.3

PROBLEMS = {
    MergeProblem.NOT_ORGANIZER: _l("Only the forum's organizers can do that."),
    MergeProblem.TOO_FEW_ACTIVITIES: _l("A merge needs at least two different activities."),
    MergeProblem.DUPLICATE_ACTIVITY: _l("An activity was chosen twice."),
    MergeProblem.OTHER_FORUM: _l("An activity chosen belongs to another forum."),
    MergeProblem.NOT_MERGEABLE: _l(
        "Only submitted or accepted activities can be merged: one of them is not any more."
    ),
    MergeProblem.IN_OPEN_MERGE: _l("An activity chosen is already in a merge still proposed."),
    MergeProblem.IN_SEQUENCE: _l("An activity chosen is already in a sequence."),
    MergeProblem.NOT_OPEN: _l("This merge is not open any more."),
    MergeProblem.NOT_MEMBER: _l("Only a member of the organization can answer for it."),
    MergeProblem.NOT_INVOLVED: _l("This organization is not asked about this merge."),
    MergeProblem.ALREADY_ANSWERED: _l("Your organization has already answered."),
}
MERGE_STATUS = {
    MergeStatus.PROPOSED: _l("Waiting for the organizations"),
    MergeStatus.COMPLETED: _l("Done"),
    MergeStatus.REFUSED: _l("Refused"),
    MergeStatus.CANCELLED: _l("Cancelled"),
}


def _flash_problems(error: MergeError) -> None:
    for problem in error.problems:
        flash(str(PROBLEMS[problem]), "danger")


def _in_open_merges(forum_id: int) -> set[int]:
    return set(
        db.session.scalars(
            sa.select(MergeMember.activity_id)
            .join(Merge)
            .where(Merge.forum_id == forum_id, Merge.status == MergeStatus.PROPOSED)
        )
    )


def _suggestions() -> list[list[Activity]]:
    """Groups of alike proposals, leaving out those already in a proposed merge."""
    busy = _in_open_merges(g.forum.id)
    activities = db.session.scalars(
        sa.select(Activity).where(
            Activity.forum_id == g.forum.id, Activity.status.in_(SUGGESTED_STATUSES)
        )
    )
    return suggest_groups([a for a in activities if a.id not in busy], SUGGESTION_THRESHOLD)


def _render(template: str, **context):
    return render_template(
        template,
        mode_explanations=MODE_EXPLANATIONS,
        merge_status_labels=MERGE_STATUS,
        activities_of=merge_activities,
        merge_mode_label=merge_mode_label,
        activity_status_label=activity_status_label,
        **context,
    )


@merges_staff_bp.route("/")
@forum_permission(Permission.MANAGE_FORUM)
def index():
    merges = db.session.scalars(
        sa.select(Merge)
        .where(Merge.forum_id == g.forum.id)
        .order_by(Merge.created_at.desc(), Merge.id.desc())
    ).all()
    return _render(
        "activities/merges_staff.html",
        section="merges_staff.index",
        suggestions=_suggestions(),
        merges=merges,
        form=ProposeMergeForm(),
    )


@merges_staff_bp.route("/propose", methods=["POST"])
@forum_permission(Permission.MANAGE_FORUM)
def propose():
    """An incomplete proposal changes nothing and goes back to the list."""
    form = ProposeMergeForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(str(message), "danger")
        return redirect(url_for("merges_staff.index"))
    by_id = {
        activity.id: activity
        for activity in db.session.scalars(
            sa.select(Activity).where(
                Activity.forum_id == g.forum.id, Activity.id.in_(form.activity_ids.data)
            )
        )
    }
    if len(by_id) != len(set(form.activity_ids.data)):
        flash(str(PROBLEMS[MergeProblem.OTHER_FORUM]), "danger")
        return redirect(url_for("merges_staff.index"))
    activities = [by_id[activity_id] for activity_id in form.activity_ids.data]
    try:
        merge = merging.propose_merge(
            current_user, g.forum, form.mode.data, activities, form.note.data
        )
    except MergeError as error:
        _flash_problems(error)
        return redirect(url_for("merges_staff.index"))
    ask_consents(g.forum, merge)
    db.session.commit()
    flash(_("Merge proposed. Each organization involved has been asked by email."), "success")
    return redirect(url_for("merges_staff.index"))


@merges_staff_bp.route("/<int:merge_id>/cancel", methods=["GET", "POST"])
@forum_permission(Permission.MANAGE_FORUM)
def cancel(merge_id: int):
    merge = forum_object(Merge, merge_id)
    if merge.status != MergeStatus.PROPOSED:
        flash(str(PROBLEMS[MergeProblem.NOT_OPEN]), "warning")
        return redirect(url_for("merges_staff.index"))
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        return render_template(
            "core/confirm.html",
            layout="forums/staff/_layout.html",
            section="merges_staff.index",
            title=_("Cancel a merge"),
            question=_("Cancel this proposed merge?"),
            consequences=[
                _("The organizations are not asked any more; the activities stay as they are."),
                _("The merge stays in the history as cancelled."),
            ],
            form=form,
            cancel_url=url_for("merges_staff.index"),
            button=_("Cancel the merge"),
        )
    try:
        merging.cancel_merge(current_user, merge)
    except MergeError as error:
        _flash_problems(error)
        return redirect(url_for("merges_staff.index"))
    db.session.commit()
    flash(_("The merge was cancelled."), "success")
    return redirect(url_for("merges_staff.index"))


def _asked_organizations(merge: Merge) -> list:
    """The organizations asked in ``merge`` that the current user belongs to; 404 if none."""
    mine = [c.organization for c in merge.consents if is_member(current_user, c.organization)]
    if not mine:
        abort(404)
    return mine


def _dashboard_url() -> str:
    """The organization's list of its activities."""
    return url_for("proposals.mine")


@merges_bp.route("/<int:merge_id>")
@signed_in
def consent(merge_id: int):
    merge = forum_object(Merge, merge_id)
    mine = _asked_organizations(merge)
    waiting = {c.organization_id for c in merge.consents if c.accepted is None}
    return _render(
        "activities/merge_consent.html",
        merge=merge,
        activities=merge_activities(merge),
        to_answer=[o for o in mine if o.id in waiting and merge.status == MergeStatus.PROPOSED],
        form=AnswerMergeForm(),
    )


@merges_bp.route("/<int:merge_id>/answer", methods=["POST"])
@signed_in
def answer(merge_id: int):
    """An incomplete answer changes nothing and goes back to the organization's list."""
    merge = forum_object(Merge, merge_id)
    mine = {organization.id: organization for organization in _asked_organizations(merge)}
    form = AnswerMergeForm()
    if not form.validate_on_submit() or form.organization_id.data not in mine:
        return redirect(_dashboard_url())
    accept = form.answer.data == "accept"
    try:
        merging.answer_merge(current_user, merge, mine[form.organization_id.data], accept)
    except MergeError as error:
        _flash_problems(error)
        return redirect(url_for("merges.consent", merge_id=merge.id))
    db.session.commit()
    if not accept:
        flash(_("You declined: the merge will not happen."), "info")
    elif merge.status == MergeStatus.COMPLETED:
        flash(_("You accepted, and every organization has: the merge is done."), "success")
    else:
        flash(_("You accepted. The merge happens when every organization has accepted."), "success")
    return redirect(url_for("merges.consent", merge_id=merge.id))
