"""An organization's members: inviting by email, answering invitations and requests to
join, leaving and removing a member.

Pages of an organization are for its members (404 for anyone else). Two URLs serve
people who are not members yet: answering an invitation (only the account of the
invited address; 404 for others) and asking to join.
"""

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

from app.core.access import signed_in
from app.core.forms import ConfirmActionForm
from app.core.i18n import isolated
from app.extensions import db, limiter
from app.organizations import members
from app.organizations.blueprints import org_bp
from app.organizations.forms import INVITE_MESSAGES, AnswerForm, InviteForm, JoinForm
from app.organizations.members import MembershipError, MembershipProblem
from app.organizations.membership import is_member, member_organization_or_404
from app.organizations.models import Invitation, JoinRequest, Organization
from app.organizations.views import SHOWN_AS_SIMILAR, organization_name

# Each of these sends email to people who did not ask for it: a cap per account.
INVITE_LIMIT = "30 per hour"
JOIN_LIMIT = "10 per hour"


def account_key() -> str:
    return f"user:{current_user.id}"


def _members_url(organization: Organization) -> str:
    return url_for("organizations.members", organization_id=organization.id)


def _members_page(organization: Organization, form: InviteForm):
    page = members.members_page(organization, request.args.get("page", 1, type=int))
    if page is None:
        abort(404)
    return render_template(
        "organizations/members.html",
        organization=organization,
        form=form,
        page=page,
        invitations=members.pending_invitations(organization),
        join_requests=members.pending_join_requests(organization),
        can_leave=members.can_leave(organization),
        cancel_form=ConfirmActionForm(formdata=None),
        answer_form=AnswerForm(formdata=None),
    )


# Endpoint "organizations.members" (the function is named otherwise: ``members`` is
# the module of rules).
@org_bp.route("/<int:organization_id>/members", methods=["GET", "POST"], endpoint="members")
@signed_in
@limiter.limit(INVITE_LIMIT, key_func=account_key, methods=["POST"])
def members_list(organization_id: int):
    """Members (with their addresses, seen by fellow members), pending invitations and
    requests to join; the invitation form."""
    organization = member_organization_or_404(current_user, organization_id)
    form = InviteForm()
    if not form.validate_on_submit():
        return _members_page(organization, form)
    try:
        members.invite(current_user, organization, form.email.data)
    except MembershipError as error:
        form.email.errors.append(str(INVITE_MESSAGES[error.problem]) % error.data)
        return _members_page(organization, form)
    db.session.commit()
    flash(_("Invitation sent to %(email)s.", email=isolated(form.email.data.lower())), "success")
    return redirect(_members_url(organization))


def _invitation_of(organization: Organization, invitation_id: int) -> Invitation:
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.organization_id != organization.id:
        abort(404)
    return invitation


@org_bp.route("/<int:organization_id>/invitations/<int:invitation_id>/cancel", methods=["POST"])
@signed_in
def cancel_invitation(organization_id: int, invitation_id: int):
    organization = member_organization_or_404(current_user, organization_id)
    invitation = _invitation_of(organization, invitation_id)
    if not ConfirmActionForm().validate_on_submit():
        return redirect(url_for("organizations.mine"))
    try:
        members.cancel_invitation(current_user, invitation)
    except MembershipError:
        flash(_("This invitation has already been answered."), "info")
        return redirect(_members_url(organization))
    db.session.commit()
    flash(_("Invitation cancelled."), "success")
    return redirect(_members_url(organization))


@org_bp.route("/invitations/<int:invitation_id>", methods=["POST"])
@signed_in
def answer_invitation(invitation_id: int):
    """Accept or decline; only the account with the invited address finds it (404)."""
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or not members.is_invitation_for(invitation, current_user):
        abort(404)
    form = AnswerForm()
    if not form.validate_on_submit():
        return redirect(url_for("organizations.mine"))
    organization = invitation.organization
    try:
        members.answer_invitation(current_user, invitation, form.accepted)
    except MembershipError:
        flash(_("This invitation has already been answered."), "info")
        return redirect(url_for("organizations.mine"))
    db.session.commit()
    name = isolated(organization_name(organization))
    if not form.accepted:
        flash(_("Invitation to %(name)s declined.", name=name), "success")
        return redirect(url_for("organizations.mine"))
    flash(_("You are now a member of %(name)s.", name=name), "success")
    return redirect(url_for("organizations.profile", organization_id=organization.id))


@org_bp.route("/<int:organization_id>/join", methods=["POST"])
@signed_in
@limiter.limit(JOIN_LIMIT, key_func=account_key, methods=["POST"])
def request_to_join(organization_id: int):
    """Ask to join an organization found through the duplicates warning.

    The one organization URL open to non-members; it answers a redirect and never
    shows the organization. Only an organization the warning showed this person
    (kept in their session) can be asked, so that trying ids reveals no name; any
    other, a hidden one, or a POST without the form's confirmation finds nothing
    (404), like every other organization URL for outsiders.
    """
    if not JoinForm().validate_on_submit():
        abort(404)
    organization = db.session.get(Organization, organization_id)
    if organization is None:
        abort(404)
    if is_member(current_user, organization):
        flash(_("You are already a member of this organization."), "info")
        return redirect(url_for("organizations.profile", organization_id=organization.id))
    if organization.hidden_at is not None or organization.id not in session.get(
        SHOWN_AS_SIMILAR, []
    ):
        abort(404)
    try:
        members.request_to_join(current_user, organization)
    except MembershipError as error:
        if error.problem is not MembershipProblem.ALREADY_REQUESTED:
            raise
        flash(_("You have already asked to join; its members have not answered yet."), "info")
        return redirect(url_for("organizations.mine"))
    db.session.commit()
    flash(
        _(
            "Your request to join %(name)s is sent to its members; you will get an email "
            "when they answer.",
            name=isolated(organization_name(organization)),
        ),
        "success",
    )
    return redirect(url_for("organizations.mine"))


@org_bp.route("/<int:organization_id>/join-requests/<int:request_id>", methods=["POST"])
@signed_in
def answer_join_request(organization_id: int, request_id: int):
    organization = member_organization_or_404(current_user, organization_id)
    join_request = db.session.get(JoinRequest, request_id)
    if join_request is None or join_request.organization_id != organization.id:
        abort(404)
    form = AnswerForm()
    if not form.validate_on_submit():
        return redirect(url_for("organizations.mine"))
    try:
        members.answer_join_request(current_user, join_request, form.accepted)
    except MembershipError:
        flash(_("This request has already been answered."), "info")
        return redirect(_members_url(organization))
    db.session.commit()
    flash_join_answer(join_request, form.accepted)
    return redirect(_members_url(organization))


def flash_join_answer(join_request: JoinRequest, accepted: bool) -> None:
    name = isolated(join_request.user.name)
    if accepted:
        flash(_("%(name)s is now a member.", name=name), "success")
    else:
        flash(_("The request of %(name)s is declined.", name=name), "success")


def _last_member_page(organization: Organization):
    return render_template("organizations/last_member.html", organization=organization)


@org_bp.route("/<int:organization_id>/members/<int:member_id>/remove", methods=["GET", "POST"])
@signed_in
def remove_member(organization_id: int, member_id: int):
    """Leave (one's own id) or remove a member, after a confirmation; the last stays."""
    organization = member_organization_or_404(current_user, organization_id)
    membership = members.membership_of(organization, member_id)
    if membership is None:
        abort(404)
    if not members.can_leave(organization):
        return _last_member_page(organization)
    leaving = membership.user_id == current_user.id
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        return _confirm_removal(organization, membership, form, leaving)
    try:
        members.remove_member(current_user, membership)
    except MembershipError:
        return _last_member_page(organization)
    db.session.commit()
    name = isolated(organization_name(organization))
    if leaving:
        flash(_("You have left %(name)s.", name=name), "success")
        return redirect(url_for("organizations.mine"))
    flash(_("Removed from %(name)s.", name=name), "success")
    return redirect(_members_url(organization))


def _bdi(text: str) -> Markup:
    return Markup("<bdi>%s</bdi>") % text


def _confirm_removal(organization, membership, form, leaving: bool):
    name = organization_name(organization)
    if leaving:
        title = _("Leave the organization")
        question = escape(_("Leave %(organization)s?")) % {"organization": _bdi(name)}
        consequences = [_("You will no longer see its profile, members and registrations.")]
        button = _("Leave")
    else:
        title = _("Remove a member")
        question = escape(_("Remove %(person)s from %(organization)s?")) % {
            "person": _bdi(membership.user.name),
            "organization": _bdi(name),
        }
        consequences = [_("They will no longer see the organization's pages.")]
        button = _("Remove")
    return render_template(
        "core/confirm.html",
        title=title,
        question=question,
        consequences=consequences,
        form=form,
        cancel_url=_members_url(organization),
        button=button,
    )
