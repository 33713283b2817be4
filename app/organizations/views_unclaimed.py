"""Routes: site administrators give organizations without members a first member
(``/admin/organizations/``): an invitation by email, or a request to join accepted."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.access import site_admin
from app.core.i18n import isolated
from app.extensions import db, limiter
from app.organizations import claiming, members
from app.organizations.blueprints import unclaimed_bp
from app.organizations.forms import INVITE_MESSAGES, AnswerForm, InviteForm
from app.organizations.members import MembershipError
from app.organizations.models import JoinRequest, Organization
from app.organizations.views_members import INVITE_LIMIT, account_key, flash_join_answer


def _page(failed_form: InviteForm | None = None, failed_id: int | None = None):
    page = claiming.unclaimed_page(request.args.get("page", 1, type=int))
    if page is None:
        abort(404)
    forms = {
        organization.id: failed_form
        if organization.id == failed_id
        else InviteForm(formdata=None, prefix=f"invite-{organization.id}")
        for organization in page.organizations
    }
    return render_template(
        "organizations/unclaimed.html",
        page=page,
        invite_forms=forms,
        answer_form=AnswerForm(formdata=None),
    )


def _back(organization_id: int | None = None) -> str:
    anchor = f"organization-{organization_id}" if organization_id else None
    return url_for("organizations_unclaimed.index", page=request.args.get("page"), _anchor=anchor)


@unclaimed_bp.route("/")
@site_admin
def index():
    """Organizations without members, those with a request to join first."""
    return _page()


@unclaimed_bp.route("/<int:organization_id>/invite", methods=["POST"])
@site_admin
@limiter.limit(INVITE_LIMIT, key_func=account_key)
def invite(organization_id: int):
    organization = db.get_or_404(Organization, organization_id)
    form = InviteForm(prefix=f"invite-{organization.id}")
    if not form.validate_on_submit():
        return _page(form, organization.id)
    try:
        claiming.invite_first_member(current_user, organization, form.email.data)
    except MembershipError as error:
        form.email.errors.append(str(INVITE_MESSAGES[error.problem]) % error.data)
        return _page(form, organization.id)
    db.session.commit()
    flash(_("Invitation sent to %(email)s.", email=isolated(form.email.data.lower())), "success")
    return redirect(_back(organization.id))


@unclaimed_bp.route("/<int:organization_id>/join-requests/<int:request_id>", methods=["POST"])
@site_admin
def answer_join_request(organization_id: int, request_id: int):
    join_request = db.session.get(JoinRequest, request_id)
    if join_request is None or join_request.organization_id != organization_id:
        abort(404)
    form = AnswerForm()
    if not form.validate_on_submit():
        return redirect(_back())
    try:
        members.answer_join_request(current_user, join_request, form.accepted)
    except MembershipError:
        flash(_("This request has already been answered, or the organization has a member now."))
        return redirect(_back(organization_id))
    db.session.commit()
    flash_join_answer(join_request, form.accepted)
    return redirect(_back(organization_id))
