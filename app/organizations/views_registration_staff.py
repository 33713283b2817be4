"""Organizers register an organization on its behalf, from a paper form or a phone
call: find the organization by name, then enter its delegates."""

from flask import (
    abort,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from app.core.access import forum_permission
from app.core.db import utcnow
from app.core.permissions import Permission
from app.extensions import db
from app.organizations.blueprints import review_bp
from app.organizations.forms_registration import OnBehalfForm, OrganizationSearchForm
from app.organizations.models import Organization, RegistrationChannel, RegistrationStatus
from app.organizations.registration import RegistrationError, delegate_cap, register_on_behalf
from app.organizations.registration_queries import registration_of_organization
from app.organizations.registration_staff import organizations_named

QUEUE, DETAIL = "registrations_staff.queue", "registrations_staff.detail"


def _queue_url() -> str:
    return url_for(QUEUE)


def _registration_url(registration) -> str:
    """The registration on the staff screens (app.organizations.views_review)."""
    return url_for(DETAIL, registration_id=registration.id)


def _render(**context):
    page = render_template(
        "organizations/registration_on_behalf.html", queue_url=_queue_url(), **context
    )
    return make_response(page, 200, {"Cache-Control": "private, no-store"})


@review_bp.route("/on-behalf", methods=["GET", "POST"], endpoint="register_on_behalf")
@forum_permission(Permission.MANAGE_FORUM)
def on_behalf():
    """Without ``?organization=``: search by name. With it: the registration form."""
    organization_id = request.args.get("organization", type=int)
    if organization_id is None:
        search = OrganizationSearchForm(formdata=request.args)
        matches = organizations_named(g.forum, search.q.data) if search.validate() else None
        return _render(search=search, matches=matches)
    organization = db.session.get(Organization, organization_id)
    if organization is None:
        abort(404)
    existing = registration_of_organization(g.forum, organization)
    if existing is not None and existing.status is RegistrationStatus.WITHDRAWN:
        existing = None
    charter = g.forum.current_charter
    form = OnBehalfForm(
        forum=g.forum, rows=delegate_cap(g.forum), charter=charter, endorser="on_behalf"
    )
    context = {"organization": organization, "existing": existing, "form": form, "charter": charter}
    if existing is not None or not form.validate_on_submit():
        return _render(**context)
    try:
        registration = register_on_behalf(
            current_user,
            g.forum,
            organization,
            channel=RegistrationChannel(form.channel.data),
            charter_version_id=form.endorsed_version_id,
            delegates=form.delegate_details,
            now=utcnow(),
        )
    except RegistrationError as error:
        form.show(error)
        return _render(**context)
    db.session.commit()
    flash(
        _("Registered on the organization's behalf. Its members have been told by email."),
        "success",
    )
    return redirect(_registration_url(registration))
