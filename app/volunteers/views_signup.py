"""Volunteering for a forum (``/<forum>/volunteer/``): the sign-up form, which is
also where a volunteer sees their status and changes their details; withdrawing.

Each signed-in user acts on their own volunteer row of the forum only: no URL
names a volunteer, so no one can reach another's.
"""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.core.access import signed_in
from app.core.db import utcnow
from app.core.forms import ConfirmActionForm
from app.extensions import db
from app.forums.listing import Action, what_can_be_done
from app.volunteers import signup
from app.volunteers.blueprints import volunteering_bp
from app.volunteers.forms_signup import VolunteerForm
from app.volunteers.models import Volunteer, VolunteerStatus


def active_volunteer() -> Volunteer | None:
    """The signed-in user's volunteer row in ``g.forum``, if pending or approved."""
    volunteer = signup.volunteer_of(g.forum, current_user)
    return volunteer if volunteer is not None and volunteer.status in signup.ACTIVE else None


def to_sign_up():
    """Where someone who is not (or no longer) a volunteer of the forum is sent."""
    flash(_("Volunteer for this forum first."), "info")
    return redirect(url_for("volunteering.sign_up"))


def _volunteer_window():
    return next(w for w in what_can_be_done(g.forum, utcnow()) if w.action is Action.VOLUNTEER)


def _not_possible(volunteer: Volunteer | None):
    return render_template(
        "volunteers/sign_up_closed.html", volunteer=volunteer, window=_volunteer_window()
    )


def _form_page(form: VolunteerForm, volunteer: Volunteer | None):
    if volunteer is not None:
        form.submit.label.text = _("Save my details")
    return render_template(
        "volunteers/sign_up.html",
        form=form,
        volunteer=volunteer,
        days={day.id: day for day in g.forum.days},
        window=_volunteer_window(),
    )


@volunteering_bp.route("/", methods=["GET", "POST"])
@signed_in
def sign_up():
    """The form to volunteer (inside the window), or to change one's details."""
    now = utcnow()
    volunteer = signup.volunteer_of(g.forum, current_user)
    if volunteer is not None and volunteer.status is VolunteerStatus.REJECTED:
        return _not_possible(volunteer)
    active = volunteer if volunteer is not None and volunteer.status in signup.ACTIVE else None
    if active is None and not signup.volunteering_is_open(g.forum, now):
        return _not_possible(volunteer)
    if active is not None and not signup.can_edit_details(g.forum):
        return _not_possible(active)
    form = VolunteerForm()
    form.prepare(g.forum, signup.VolunteerDetails.of(active) if active else None)
    if not form.validate_on_submit():
        return _form_page(form, active)
    try:
        saved = signup.volunteer_for(g.forum, current_user, form.details(), now=now)
    except signup.DetailsRejected as error:
        form.show_errors(error.errors)
        return _form_page(form, active)
    except (signup.SignupClosed, signup.SignupRefused, signup.NotVolunteering):
        return _not_possible(signup.volunteer_of(g.forum, current_user))
    db.session.commit()
    if active is not None:
        flash(_("Your details are saved."), "success")
        return redirect(url_for("volunteering.sign_up"))
    if saved.status is VolunteerStatus.APPROVED:
        flash(_("Thank you for volunteering! You can take shifts now."), "success")
        return redirect(url_for("volunteering.shifts"))
    flash(
        _(
            "Thank you for volunteering! A coordinator will look at your offer; "
            "you can take shifts once it is approved."
        ),
        "success",
    )
    return redirect(url_for("volunteering.sign_up"))


@volunteering_bp.route("/withdraw", methods=["POST"])
@signed_in
def withdraw():
    """Stop volunteering for the forum, after a confirmation; future shifts are dropped."""
    volunteer = active_volunteer()
    if volunteer is None:
        return to_sign_up()
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        return render_template(
            "core/confirm.html",
            title=_("Stop volunteering"),
            question=_("Stop volunteering for this forum?"),
            consequences=[
                _("Your shifts that have not started are dropped; coordinators see the gaps."),
                _("Your calendar address stops working."),
                _("You can volunteer again while sign-up is open."),
            ],
            form=form,
            cancel_url=url_for("volunteering.sign_up"),
            button=_("Stop volunteering"),
        )
    dropped = signup.withdraw_volunteering(volunteer, now=utcnow())
    db.session.commit()
    flash(
        ngettext(
            "You no longer volunteer for this forum; %(num)d shift was dropped.",
            "You no longer volunteer for this forum; %(num)d shifts were dropped.",
            dropped,
        )
        if dropped
        else _("You no longer volunteer for this forum."),
        "success",
    )
    return redirect(url_for("volunteering.sign_up"))
