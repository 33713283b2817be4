"""Organizers review the forum's registrations: the queue, one registration, decisions."""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from app.core.access import forum_permission
from app.core.i18n import LANGUAGE_NAMES
from app.core.permissions import Permission
from app.extensions import db
from app.forums.scope import forum_object
from app.organizations import review
from app.organizations.blueprints import review_bp
from app.organizations.contacts import international_phone
from app.organizations.forms_review import DecisionForm, PromoteForm, QueueFilterForm
from app.organizations.labels import LEGAL_STATUS, registration_status_label
from app.organizations.models import Registration, RegistrationChannel, RegistrationStatus
from app.organizations.review import DecisionError, DecisionOutcome, DecisionProblem
from app.organizations.review_notices import registrants_of
from app.organizations.review_queue import decision_history, registration_queue, status_counts

# How a registration reached the forum, when not online (shown as a badge).
CHANNEL = {
    RegistrationChannel.PAPER: _l("Paper form"),
    RegistrationChannel.PHONE: _l("By phone"),
}
DECISION_VALUES = frozenset(str(decision) for decision in review.DECISIONS)


@review_bp.route("/")
@forum_permission(Permission.MANAGE_FORUM)
def queue():
    form = QueueFilterForm(formdata=request.args)
    form.validate()
    counts = status_counts(g.forum)
    capacity = review.capacity_of(g.forum)
    return render_template(
        "organizations/review_queue.html",
        form=form,
        queue=registration_queue(g.forum, form.filters(), request.args.get("page", 1, type=int)),
        arguments=form.arguments(),
        others={name: value for name, value in form.arguments().items() if name != "status"},
        counts=counts,
        capacity=capacity,
        promote_form=PromoteForm()
        if capacity.limited and counts[RegistrationStatus.WAITLISTED]
        else None,
        channel_labels=CHANNEL,
    )


def _render_detail(registration: Registration, form: DecisionForm):
    form.offer(review.ALLOWED_DECISIONS[registration.status])
    charter = registration.charter_version
    return render_template(
        "organizations/review_detail.html",
        registration=registration,
        organization=registration.organization,
        members=registrants_of(registration),
        history=decision_history(registration),
        charter=charter,
        charter_is_current=charter is not None and charter is g.forum.current_charter,
        form=form,
        phone=international_phone,
        legal_status_labels=LEGAL_STATUS,
        channel_labels=CHANNEL,
        language_names=LANGUAGE_NAMES,
    )


@review_bp.route("/<int:registration_id>")
@forum_permission(Permission.MANAGE_FORUM)
def detail(registration_id: int):
    return _render_detail(forum_object(Registration, registration_id), DecisionForm())


@review_bp.route("/<int:registration_id>/decision", methods=["POST"])
@forum_permission(Permission.MANAGE_FORUM)
def decide(registration_id: int):
    """A POST that names no decision changes nothing and goes back to the queue."""
    registration = forum_object(Registration, registration_id)
    form = DecisionForm()
    if form.decision.data not in DECISION_VALUES:
        flash(_("Nothing was decided: choose a decision first."), "info")
        return redirect(url_for("registrations_staff.queue"))
    if not form.validate_on_submit():
        return _render_detail(registration, form)
    decision = RegistrationStatus(form.decision.data)
    try:
        outcome = review.decide(current_user, registration, decision, form.reason.data)
    except DecisionError as error:
        if error.problem is DecisionProblem.REASON_REQUIRED:
            form.show_problem(error.problem)
            return _render_detail(registration, form)
        flash(
            _(
                "This registration is “%(status)s” now: that decision is not possible any more.",
                status=registration_status_label(error.current),
            ),
            "warning",
        )
        return redirect(url_for("registrations_staff.detail", registration_id=registration.id))
    db.session.commit()
    flash(_outcome_message(outcome), "info" if outcome.full else "success")
    return redirect(url_for("registrations_staff.detail", registration_id=registration.id))


def _outcome_message(outcome: DecisionOutcome) -> str:
    if outcome.full and not outcome.changed:
        message = _("The forum is full: the registration stays on the waiting list, in its turn.")
    elif outcome.full:
        message = _(
            "The forum is full: the registration is on the waiting list instead. "
            "The registrants have been told by email."
        )
    elif outcome.status is RegistrationStatus.APPROVED:
        message = _("Approved. The registrants have been told by email.")
    elif outcome.status is RegistrationStatus.WAITLISTED:
        message = _("Put on the waiting list. The registrants have been told by email.")
    else:
        message = _("Rejected. The registrants have been told by email.")
    if outcome.promoted:
        message += " " + _promoted_message(len(outcome.promoted))
    return message


def _promoted_message(count: int) -> str:
    return ngettext(
        "A place freed up: %(num)s registration was approved from the waiting list.",
        "Places freed up: %(num)s registrations were approved from the waiting list.",
        count,
    )


@review_bp.route("/waiting-list", methods=["POST"])
@forum_permission(Permission.MANAGE_FORUM)
def promote():
    """Approve the waiting list in order, as far as the capacity allows (after raising it)."""
    form = PromoteForm()
    if form.validate_on_submit():
        promoted = review.promote_from_waiting_list(current_user, g.forum)
        db.session.commit()
        if promoted:
            flash(_promoted_message(len(promoted)), "success")
        else:
            flash(_("No place is free for the first registration on the waiting list."), "info")
    return redirect(url_for("registrations_staff.queue"))
