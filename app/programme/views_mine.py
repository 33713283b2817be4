"""Routes of "my programme": the starred sessions (``/<forum>/programme/mine``),
their calendar (``mine.ics``) and, for signed-in visitors, the star buttons.

Without an account the browser keeps the stars and names them in the address
(``?ids=1,2,3``); with one, they are kept in the account. Only sessions of the
published version are shown, starred or put in a calendar.
"""

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.access import public, signed_in
from app.core.db import utcnow
from app.core.feed_views import CALENDAR_TYPE
from app.core.i18n import localized
from app.core.urls import safe_next_path
from app.extensions import db
from app.programme.blueprints import programme_bp
from app.programme.forms import StarForm
from app.programme.ical import sessions_calendar
from app.programme.rendering import zone_label
from app.programme.services import public_programme
from app.programme.stars import (
    NotInProgramme,
    is_in_published_programme,
    parse_ids,
    star_session,
    unstar_session,
)
from app.programme.views import cached_briefly, own_stars


def _chosen_ids() -> tuple[list[int], bool]:
    """The activities of "my programme", and whether the address named them: a
    signed-in visitor's stars, else the ``?ids=`` of the browser's."""
    stars = own_stars()
    if stars is not None and "ids" not in request.args:
        return sorted(stars), False
    return parse_ids(request.args.get("ids")), True


@programme_bp.route("/programme/mine")
@public
def mine():
    """The starred sessions of the published programme, by day, with their calendar."""
    stars = own_stars()
    ids = sorted(stars) if stars is not None else parse_ids(request.args.get("ids"))
    programme = public_programme(g.forum, ids)
    calendar_ids = ",".join(str(session.activity_id) for session in programme.sessions)
    page = render_template(
        "programme/mine.html",
        forum=g.forum,
        programme=programme,
        stars=stars,
        from_browser=stars is None,
        asked="ids" in request.args,
        calendar_url=url_for(
            "programme.mine_ics", **({"ids": calendar_ids} if stars is None else {})
        ),
        zone=zone_label(programme.timezone) if programme.is_published else "",
    )
    return cached_briefly(page)


@programme_bp.route("/programme/mine.ics")
@public
def mine_ics():
    """The starred sessions (``?ids=``, else the account's) as an iCalendar file."""
    ids, from_address = _chosen_ids()
    programme = public_programme(g.forum, ids)
    forum_name = localized(g.forum, "name") or g.forum.slug
    body = sessions_calendar(
        programme.sessions,
        timezone=g.forum.timezone or "UTC",
        name=_("My programme · %(forum)s", forum=forum_name),
        now=utcnow(),
        url_of=lambda activity_id: url_for(
            "programme.session", activity_id=activity_id, _external=True
        ),
    )
    response = current_app.response_class(body, content_type=CALENDAR_TYPE)
    # An account's stars are the account's: never kept by a shared cache.
    response.headers["Cache-Control"] = (
        "private, max-age=60" if from_address else "private, no-store"
    )
    response.headers["Content-Disposition"] = f'attachment; filename="programme-{g.forum.slug}.ics"'
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _back(activity_id: int, form: StarForm):
    target = safe_next_path(form.next.data)
    return redirect(target or url_for("programme.session", activity_id=activity_id))


@programme_bp.route("/programme/<int:activity_id>/star", methods=["POST"])
@signed_in
def star(activity_id: int):
    """Add a published session to the account's programme."""
    if not is_in_published_programme(g.forum, activity_id):
        abort(404)
    form = StarForm()
    if not form.validate_on_submit():
        return _back(activity_id, form)
    try:
        star_session(current_user, g.forum, activity_id)
    except NotInProgramme:  # taken off the programme meanwhile
        abort(404)
    db.session.commit()
    flash(_("Added to your programme."), "success")
    return _back(activity_id, form)


@programme_bp.route("/programme/<int:activity_id>/unstar", methods=["POST"])
@signed_in
def unstar(activity_id: int):
    """Take a session off the account's programme."""
    if not is_in_published_programme(g.forum, activity_id):
        abort(404)
    form = StarForm()
    if not form.validate_on_submit():
        return _back(activity_id, form)
    try:
        unstar_session(current_user, g.forum, activity_id)
    except NotInProgramme:  # taken off the programme meanwhile
        abort(404)
    db.session.commit()
    flash(_("Taken off your programme."), "success")
    return _back(activity_id, form)
