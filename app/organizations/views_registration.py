"""Registering for a forum: a member registers their organization (or an activist
themself), then sees, changes and withdraws the registration. Organizers register
an organization on its behalf (views_registration_staff.py, on ``registrations_staff``).

A registration's page is its owners' alone (the organization's members, or the
individual): anyone else, organizers included, finds nothing there (404); the
forum's staff have their own screens.
"""

from flask import abort, flash, g, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.access import signed_in
from app.core.db import utcnow
from app.core.forms import ConfirmActionForm
from app.extensions import db
from app.forums.listing import Action, what_can_be_done
from app.forums.scope import forum_object
from app.organizations.blueprints import registration_bp
from app.organizations.contacts import international_phone
from app.organizations.forms_registration import (
    ChooseRegistrantForm,
    RegistrationForm,
    delegate_data,
)
from app.organizations.membership import member_organization_or_404
from app.organizations.models import Registration, RegistrationStatus
from app.organizations.registration import (
    RegistrationError,
    charter_is_current,
    delegate_cap,
    register_individual,
    register_organization,
    window_data,
    window_problems,
)
from app.organizations.registration_changes import (
    edit_problems,
    update_registration,
    withdraw_problems,
    withdraw_registration,
)
from app.organizations.registration_delegates import DelegateDetails
from app.organizations.registration_messages import CHANNELS, problem_message
from app.organizations.registration_queries import (
    owns_registration,
    registration_links_for,
    registration_of_individual,
    registration_of_organization,
    registrations_of,
)

# Pages with delegates' personal data are kept by no cache, not even the browser's.
PRIVATE = {"Cache-Control": "private, no-store"}


def _private(page: str):
    return make_response(page, 200, PRIVATE)


def _registration_window():
    return next(w for w in what_can_be_done(g.forum, utcnow()) if w.action is Action.REGISTER)


def _not_possible(problems, data: dict, registration: Registration | None = None):
    """Why nothing can be done here now: a message, a way back, no form (200)."""
    page = render_template(
        "organizations/registration_closed.html",
        messages=[problem_message(problem, data) for problem in problems],
        registration=registration,
    )
    return _private(page)


def _is_active(registration: Registration | None) -> bool:
    return registration is not None and registration.status is not RegistrationStatus.WITHDRAWN


def _owned_registration_or_404(registration_id: int) -> Registration:
    """The registration of the URL, in this forum, for its owners only."""
    registration = forum_object(Registration, registration_id)
    if not owns_registration(current_user, registration):
        abort(404)
    return registration


@registration_bp.app_template_global("registration_links_for")
def _registration_links_for(organization):
    """For templates/organizations/registration_links.html, included by other pages."""
    return registration_links_for(organization, utcnow())


def _new_organization_url() -> str:
    return url_for("organizations.new")


@registration_bp.route("/", methods=["GET", "POST"])
@signed_in
def start():
    """Choose which of one's organizations to register, or oneself."""
    mine = registrations_of(current_user, g.forum)
    problems = window_problems(g.forum, utcnow())
    form = ChooseRegistrantForm(
        organizations=mine.unregistered, individual_allowed=not _is_active(mine.individual)
    )
    if problems or not form.validate_on_submit():
        page = render_template(
            "organizations/registration_start.html",
            form=form,
            mine=mine,
            messages=[problem_message(problem, window_data(g.forum)) for problem in problems],
            window=_registration_window(),
            new_organization_url=_new_organization_url(),
        )
        return _private(page)
    if form.registrant.data == ChooseRegistrantForm.INDIVIDUAL:
        return redirect(url_for("registration.individual"))
    return redirect(url_for("registration.new", organization_id=int(form.registrant.data)))


def _render_form(form: RegistrationForm, **context):
    page = render_template(
        "organizations/registration_form.html",
        form=form,
        window=_registration_window(),
        **context,
    )
    return _private(page)


@registration_bp.route("/organizations/<int:organization_id>", methods=["GET", "POST"])
@signed_in
def new(organization_id: int):
    """The charter to endorse, then the delegates."""
    organization = member_organization_or_404(current_user, organization_id)
    now = utcnow()
    existing = registration_of_organization(g.forum, organization)
    problems = window_problems(g.forum, now)
    if problems:
        registration = existing if _is_active(existing) else None
        return _not_possible(problems, window_data(g.forum), registration)
    if _is_active(existing):
        return redirect(url_for("registration.view", registration_id=existing.id))
    charter = g.forum.current_charter
    form = RegistrationForm(forum=g.forum, rows=delegate_cap(g.forum), charter=charter)
    if not form.validate_on_submit():
        return _render_form(form, organization=organization, charter=charter)
    try:
        registration = register_organization(
            current_user,
            g.forum,
            organization,
            charter_version_id=form.endorsed_version_id,
            delegates=form.delegate_details,
            now=now,
        )
    except RegistrationError as error:
        form.show(error)
        return _render_form(form, organization=organization, charter=charter)
    db.session.commit()
    flash(_("Registered. The forum's organizers will review the registration."), "success")
    return redirect(url_for("registration.view", registration_id=registration.id))


@registration_bp.route("/individual", methods=["GET", "POST"])
@signed_in
def individual():
    """An activist without an organization registers themself."""
    now = utcnow()
    existing = registration_of_individual(g.forum, current_user)
    problems = window_problems(g.forum, now)
    if problems:
        registration = existing if _is_active(existing) else None
        return _not_possible(problems, window_data(g.forum), registration)
    if _is_active(existing):
        return redirect(url_for("registration.view", registration_id=existing.id))
    charter = g.forum.current_charter
    form = RegistrationForm(
        forum=g.forum,
        rows=1,
        charter=charter,
        endorser="individual",
        data={"delegates": [{"name": current_user.name}]},
    )
    if not form.validate_on_submit():
        return _render_form(form, individual=True, charter=charter)
    details = form.delegate_details
    try:
        registration = register_individual(
            current_user,
            g.forum,
            charter_version_id=form.endorsed_version_id,
            delegate=details[0] if details else DelegateDetails(name=None),
            now=now,
        )
    except RegistrationError as error:
        form.show(error)
        return _render_form(form, individual=True, charter=charter)
    db.session.commit()
    flash(_("Registered. The forum's organizers will review your registration."), "success")
    return redirect(url_for("registration.view", registration_id=registration.id))


@registration_bp.route("/<int:registration_id>")
@signed_in
def view(registration_id: int):
    registration = _owned_registration_or_404(registration_id)
    now = utcnow()
    page = render_template(
        "organizations/registration_view.html",
        registration=registration,
        charter_current=charter_is_current(registration),
        can_edit=not edit_problems(current_user, registration, now),
        can_withdraw=not withdraw_problems(current_user, registration, now),
        can_register_again=registration.status is RegistrationStatus.WITHDRAWN
        and not window_problems(g.forum, now),
        channel_label=CHANNELS[registration.channel],
        phone=international_phone,
        window=_registration_window(),
    )
    return _private(page)


@registration_bp.route("/<int:registration_id>/edit", methods=["GET", "POST"])
@signed_in
def edit(registration_id: int):
    """The same form, filled in; the charter again if it has changed."""
    registration = _owned_registration_or_404(registration_id)
    now = utcnow()
    problems = edit_problems(current_user, registration, now)
    if problems:
        return _not_possible(problems, window_data(g.forum), registration)
    charter = None if charter_is_current(registration) else g.forum.current_charter
    individual = registration.individual_id is not None
    form = RegistrationForm(
        forum=g.forum,
        rows=delegate_cap(registration),
        charter=charter,
        endorser="individual" if individual else "organization",
        data={"delegates": [delegate_data(DelegateDetails.of(d)) for d in registration.delegates]},
    )
    context = {
        "registration": registration,
        "organization": registration.organization,
        "individual": individual,
        "charter": charter,
    }
    if not form.validate_on_submit():
        return _render_form(form, **context)
    try:
        update_registration(
            current_user,
            registration,
            charter_version_id=form.endorsed_version_id,
            delegates=form.delegate_details,
            now=now,
        )
    except RegistrationError as error:
        form.show(error)
        return _render_form(form, **context)
    db.session.commit()
    flash(_("Registration saved."), "success")
    return redirect(url_for("registration.view", registration_id=registration.id))


@registration_bp.route("/<int:registration_id>/withdraw", methods=["GET", "POST"])
@signed_in
def withdraw(registration_id: int):
    registration = _owned_registration_or_404(registration_id)
    now = utcnow()
    problems = withdraw_problems(current_user, registration, now)
    if problems:
        return _not_possible(problems, {}, registration)
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        consequences = [_("The forum's organizers will see that you have withdrawn.")]
        if not window_problems(g.forum, now):
            consequences.append(_("You can register again while registration is open."))
        else:
            consequences.append(_("Registration is closed: you cannot register again."))
        page = render_template(
            "core/confirm.html",
            title=_("Withdraw the registration"),
            question=_("Withdraw this registration for the forum?"),
            consequences=consequences,
            form=form,
            cancel_url=url_for("registration.view", registration_id=registration.id),
            button=_("Yes, withdraw it"),
        )
        return _private(page)
    withdraw_registration(current_user, registration, now)
    db.session.commit()
    flash(_("Registration withdrawn."), "success")
    return redirect(url_for("registration.view", registration_id=registration.id))


from app.organizations import views_registration_staff  # noqa: E402, F401 - on review_bp
