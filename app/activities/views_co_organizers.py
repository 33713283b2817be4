"""Co-organizers: the lead invites organizations approved for the forum; members of
an invited organization see the invitation's summary and accept or decline.

Activities and invitations are loaded through the forum of the URL and the reader's
memberships; anyone else finds nothing (404), so ids reveal nothing.
"""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from app.activities import access, collaboration
from app.activities.co_organizers import (
    OPEN_TO_CO_ORGANIZERS,
    CoOrganizerError,
    answer_invitation,
    invite_co_organizer,
)
from app.activities.forms_collaboration import (
    INVITATION_MESSAGES,
    AnswerInvitationForm,
    InviteCoOrganizerForm,
)
from app.activities.labels import activity_format_label
from app.activities.models import Activity, CoOrganizer
from app.core.access import signed_in
from app.core.db import utcnow
from app.core.i18n import localized
from app.extensions import db, limiter
from app.forums.scope import forum_blueprint, forum_object
from app.organizations.membership import is_member
from app.organizations.models import Organization

co_organizers_bp = forum_blueprint("co_organizers", __name__, "/activities")

# Each invitation emails people who did not ask for it: a cap per account.
INVITE_LIMIT = "30 per hour"


def _account_key() -> str:
    return f"user:{current_user.id}"


def _lead_activity_or_404(activity_id: int) -> Activity:
    activity = forum_object(Activity, activity_id)
    if not (
        access.is_lead_member(current_user, activity) or access.can_edit(current_user, activity)
    ):
        abort(404)
    return activity


def _manage_page(activity: Activity, form: InviteCoOrganizerForm):
    return render_template(
        "activities/co_organizers.html",
        activity=activity,
        form=form,
        can_invite=access.is_lead_member(current_user, activity)
        and activity.status in OPEN_TO_CO_ORGANIZERS
        and bool(form.organization_id.choices),
    )


@co_organizers_bp.route("/<int:activity_id>/co-organizers", methods=["GET", "POST"])
@signed_in
@limiter.limit(INVITE_LIMIT, key_func=_account_key, methods=["POST"])
def manage(activity_id: int):
    """The co-organizers and their answers; the lead's members invite another one."""
    activity = _lead_activity_or_404(activity_id)
    form = InviteCoOrganizerForm()
    form.organization_id.choices = [
        SelectChoice(organization.id, localized(organization, "name"))
        for organization in collaboration.invitable_organizations(activity)
    ]
    if not form.validate_on_submit():
        return _manage_page(activity, form)
    organization = db.session.get(Organization, form.organization_id.data)
    try:
        invitation = invite_co_organizer(current_user, activity, organization, now=utcnow())
    except CoOrganizerError as error:
        form.organization_id.errors.extend(str(INVITATION_MESSAGES[p]) for p in error.problems)
        return _manage_page(activity, form)
    collaboration.tell_invitation(invitation)
    db.session.commit()
    flash(_("The invitation is sent; its members are emailed."), "success")
    return redirect(url_for("co_organizers.manage", activity_id=activity.id))


def _invitation_or_404(co_organizer_id: int) -> CoOrganizer:
    invitation = forum_object(CoOrganizer, co_organizer_id, lambda c: c.activity.forum_id)
    if not (
        access.can_answer_invitation(current_user, invitation)
        or is_member(current_user, invitation.organization)
    ):
        abort(404)
    return invitation


@co_organizers_bp.route("/invitations/<int:co_organizer_id>")
@signed_in
def invitation(co_organizer_id: int):
    """The activity's summary (no presenters' contacts) and the buttons to answer."""
    invitation = _invitation_or_404(co_organizer_id)
    return render_template(
        "activities/co_organizers_invitation.html",
        invitation=invitation,
        activity=invitation.activity,
        can_answer=access.can_answer_invitation(current_user, invitation)
        and invitation.activity.status in OPEN_TO_CO_ORGANIZERS,
        form=AnswerInvitationForm(formdata=None),
        format_label=activity_format_label,
    )


@co_organizers_bp.route("/invitations/<int:co_organizer_id>/answer", methods=["POST"])
@signed_in
def answer(co_organizer_id: int):
    """Accept or decline, once; an incomplete answer changes nothing."""
    invitation = _invitation_or_404(co_organizer_id)
    form = AnswerInvitationForm()
    if not form.validate_on_submit():
        return redirect(url_for("proposals.mine"))
    accept = form.answer.data == "accept"
    try:
        answer_invitation(current_user, invitation, accept, now=utcnow())
    except CoOrganizerError as error:
        for problem in error.problems:
            flash(str(INVITATION_MESSAGES[problem]), "danger")
        return redirect(url_for("co_organizers.invitation", co_organizer_id=invitation.id))
    db.session.commit()
    if accept:
        flash(_("You co-organize this activity now."), "success")
    else:
        flash(_("The invitation is declined."), "success")
    return redirect(url_for("proposals.mine"))
