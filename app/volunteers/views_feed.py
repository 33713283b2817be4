"""A volunteer's shifts as a calendar: the secret feed address calendar apps poll
(``/<forum>/volunteer/calendar/<token>.ics``, no sign-in: the token is the key),
a one-off download, and a new address that makes the old one stop working."""

from flask import abort, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from app.core.access import public, signed_in
from app.core.db import utcnow
from app.core.forms import ConfirmActionForm
from app.extensions import db
from app.volunteers.blueprints import volunteering_bp
from app.volunteers.feed import renew_feed_address, shifts_calendar, volunteer_by_feed_token
from app.volunteers.models import Volunteer
from app.volunteers.views_signup import active_volunteer, to_sign_up

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _calendar_response(volunteer: Volunteer, attachment: bool):
    response = current_app.response_class(
        shifts_calendar(volunteer, now=utcnow()), content_type=CALENDAR_TYPE
    )
    # One volunteer's shifts: never kept by a shared cache (calendar apps poll anyway).
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    if attachment:
        response.headers["Content-Disposition"] = (
            f'attachment; filename="shifts-{g.forum.slug}.ics"'
        )
    return response


@volunteering_bp.route("/calendar/<token>.ics")
@public
def feed(token: str):
    """The volunteer's shifts for calendar apps; a wrong or renewed address is 404."""
    volunteer = volunteer_by_feed_token(g.forum, token)
    if volunteer is None:
        abort(404)
    return _calendar_response(volunteer, attachment=False)


@volunteering_bp.route("/my-shifts.ics")
@signed_in
def download():
    """The same calendar, downloaded once."""
    volunteer = active_volunteer()
    if volunteer is None:
        return to_sign_up()
    return _calendar_response(volunteer, attachment=True)


@volunteering_bp.route("/calendar/new-address", methods=["POST"])
@signed_in
def revoke_feed():
    """A new secret calendar address, after a confirmation; the old one stops working."""
    volunteer = active_volunteer()
    if volunteer is None:
        return to_sign_up()
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        return render_template(
            "core/confirm.html",
            title=_("New calendar address"),
            question=_("Give your calendar a new secret address?"),
            consequences=[
                _("The old address stops working at once, wherever it was added or shared."),
                _("Add the new address to your calendar app again."),
            ],
            form=form,
            cancel_url=url_for("volunteering.my_shifts"),
            button=_("New address"),
        )
    renew_feed_address(volunteer)
    db.session.commit()
    flash(_("Your calendar has a new address; the old one no longer works."), "success")
    return redirect(url_for("volunteering.my_shifts", _anchor="calendar"))
