"""Public pages of forums: the home page, the archive of past forums, a forum's page."""

from flask import abort, g, redirect, render_template, request, url_for
from flask_login import current_user

from app.core.access import public
from app.core.db import utcnow
from app.core.permissions import Permission, can
from app.forums.blueprints import forum_bp, public_bp
from app.forums.listing import DEFAULT_TIMEZONE, archive_page, forum_overview, home_listing


@public_bp.route("/")
@public
def home():
    """Open and upcoming forums (seasons with their local fora), then recent past ones."""
    listing = home_listing(current_user, utcnow())
    return render_template("forums/public/home.html", listing=listing)


@public_bp.route("/forums/archive")
@public
def archive():
    """Past forums, most recent first, a page at a time."""
    page = archive_page(current_user, utcnow(), request.args.get("page", 1, type=int))
    if page is None:
        abort(404)
    return render_template("forums/public/archive.html", archive=page)


# Not strict about the slash: with it, every unknown first segment ("/nowhere",
# a GET of "/language") would be redirected to a trailing slash before being refused.
@forum_bp.route("/", strict_slashes=False)
@public
def page():
    """A forum's public page (a draft is already 404 for outsiders, see scope.py)."""
    forum = g.forum
    if not request.path.endswith("/"):
        return redirect(url_for("forum.page"), 308)
    staff_url = None
    if can(current_user, Permission.VIEW_FORUM_STAFF_AREA, forum):
        staff_url = url_for("forum_staff.overview")
    return render_template(
        "forums/public/forum.html",
        forum=forum,
        overview=forum_overview(forum, current_user, utcnow()),
        staff_url=staff_url,
        default_timezone=DEFAULT_TIMEZONE,
    )
