"""Organization profiles: "my organizations", creating one (with the duplicates
warning), the profile its members see, editing it, and "hide us".

Every page of an organization is for its members only: anyone else gets 404
(``member_organization_or_404``), so ids reveal nothing. A POST missing its form's
answer (a hand-made request) changes nothing and leads back to /organizations/.
"""

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.access import signed_in
from app.core.db import utcnow
from app.core.i18n import isolated, localized
from app.extensions import db
from app.organizations import contacts, members, services
from app.organizations.blueprints import org_bp
from app.organizations.forms import (
    AnswerForm,
    HideForm,
    JoinForm,
    OrganizationForm,
    country_name,
)
from app.organizations.labels import LEGAL_STATUS
from app.organizations.membership import member_organization_or_404, organizations_of
from app.organizations.models import Organization
from app.organizations.registration_queries import registration_links_of

# The organizations the duplicates warning showed this person: the ones they may ask
# to join (views_members.request_to_join).
SHOWN_AS_SIMILAR = "organizations_shown_as_similar"


def organization_name(organization: Organization) -> str:
    return localized(organization, "name") or organization.acronym or ""


@org_bp.route("/")
@signed_in
def mine():
    """The user's organizations with their registrations, and invitations to answer."""
    organizations = organizations_of(current_user)
    return render_template(
        "organizations/mine.html",
        organizations=organizations,
        registrations=services.registrations_by_organization(organizations),
        links_by_organization=registration_links_of(organizations, utcnow()),
        invitations=members.invitations_for(current_user),
        answer_form=AnswerForm(formdata=None),
    )


def _form_page(form: OrganizationForm, organization: Organization | None = None, similar=()):
    return render_template(
        "organizations/form.html",
        form=form,
        organization=organization,
        similar=list(similar),
        join_form=JoinForm(formdata=None),
    )


@org_bp.route("/new", methods=["GET", "POST"])
@signed_in
def new():
    form = OrganizationForm()
    if not form.validate_on_submit():
        return _form_page(form)
    try:
        organization = services.create_organization(
            current_user,
            different_from_similar=form.different_organization.data,
            **form.profile(),
        )
    except services.SimilarOrganizations as found:
        shown = [*session.get(SHOWN_AS_SIMILAR, []), *(o.id for o in found.organizations)]
        session[SHOWN_AS_SIMILAR] = list(dict.fromkeys(shown))[-30:]
        return _form_page(form, similar=found.organizations)
    except services.ProfileError as error:
        form.show(error.issues)
        return _form_page(form)
    db.session.commit()
    flash(
        _(
            "%(name)s is created, and you are its first member.",
            name=isolated(organization_name(organization)),
        ),
        "success",
    )
    return redirect(url_for("organizations.profile", organization_id=organization.id))


@org_bp.route("/<int:organization_id>")
@signed_in
def profile(organization_id: int):
    """The whole profile, contacts included: its members are the only readers."""
    organization = member_organization_or_404(current_user, organization_id)
    return render_template(
        "organizations/profile.html",
        organization=organization,
        registrations=services.registrations_by_organization([organization])[organization.id],
        phone=contacts.international_phone(organization.contact_phone),
        legal_status=LEGAL_STATUS[organization.legal_status],
        country=country_name(organization.country),
        hide_form=HideForm(formdata=None),
    )


@org_bp.route("/<int:organization_id>/edit", methods=["GET", "POST"])
@signed_in
def edit(organization_id: int):
    organization = member_organization_or_404(current_user, organization_id)
    form = OrganizationForm()
    if not form.is_submitted():
        form.fill(organization)
    if not form.validate_on_submit():
        return _form_page(form, organization)
    try:
        services.update_organization(current_user, organization, **form.profile())
    except services.ProfileError as error:
        form.show(error.issues)
        return _form_page(form, organization)
    db.session.commit()
    flash(_("The profile is saved."), "success")
    return redirect(url_for("organizations.profile", organization_id=organization.id))


@org_bp.route("/<int:organization_id>/hide", methods=["POST"])
@signed_in
def toggle_hidden(organization_id: int):
    organization = member_organization_or_404(current_user, organization_id)
    form = HideForm()
    if not form.validate_on_submit():
        return redirect(url_for("organizations.mine"))
    services.set_hidden(current_user, organization, form.hide)
    db.session.commit()
    if form.hide:
        flash(_("Your organization is now off every public page and export."), "success")
    else:
        flash(_("Your organization may appear on public pages again."), "success")
    return redirect(url_for("organizations.profile", organization_id=organization.id))


# Members, invitations and join requests: their routes are on the same blueprint.
from app.organizations import views_members  # noqa: E402, F401
