"""The routes of a person's secret calendar (a volunteer's shifts, an
interpreter's sessions), on the feature's forum blueprint:

- ``feed``: ``/calendar/<token>.ics`` for calendar apps (no sign-in: the token is
  the key; a wrong or renewed address is 404);
- ``download``: the same calendar, downloaded once by the signed-in person;
- ``revoke_feed``: ``/calendar/new-address``, after a confirmation; the old
  address stops working.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from app.core.access import public, signed_in
from app.core.db import utcnow
from app.core.forms import ConfirmActionForm
from app.extensions import db

CALENDAR_TYPE = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class PersonalCalendar:
    by_token: Callable[[Any, str], Any]  # (forum, token) → the holder, or None
    signed_in_holder: Callable[[], Any]  # the signed-in person's holder in g.forum, or None
    outsider: Callable[[], Any]  # the answer for a signed-in person without one
    calendar: Callable[..., bytes]  # (holder, now=…) → the iCalendar document
    renew: Callable[[Any], None]  # a new address for the holder
    file_prefix: str  # the download is "<prefix>-<forum>.ics"
    back: str  # the endpoint of the page showing the address


def add_calendar_routes(blueprint: Blueprint, download_path: str, feed: PersonalCalendar) -> None:
    def respond(holder, attachment: bool):
        response = current_app.response_class(
            feed.calendar(holder, now=utcnow()), content_type=CALENDAR_TYPE
        )
        # One person's calendar: never kept by a shared cache (calendar apps poll anyway).
        response.headers["Cache-Control"] = "private, no-store"
        response.headers["X-Robots-Tag"] = "noindex"
        if attachment:
            name = f"{feed.file_prefix}-{g.forum.slug}.ics"
            response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    @public
    def by_address(token: str):
        holder = feed.by_token(g.forum, token)
        if holder is None:
            abort(404)
        return respond(holder, attachment=False)

    @signed_in
    def download():
        holder = feed.signed_in_holder()
        if holder is None:
            return feed.outsider()
        return respond(holder, attachment=True)

    @signed_in
    def new_address():
        holder = feed.signed_in_holder()
        if holder is None:
            return feed.outsider()
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
                cancel_url=url_for(feed.back),
                button=_("New address"),
            )
        feed.renew(holder)
        db.session.commit()
        flash(_("Your calendar has a new address; the old one no longer works."), "success")
        return redirect(url_for(feed.back, _anchor="calendar"))

    blueprint.add_url_rule("/calendar/<token>.ics", "feed", by_address)
    blueprint.add_url_rule(download_path, "download", download)
    blueprint.add_url_rule("/calendar/new-address", "revoke_feed", new_address, methods=["POST"])
