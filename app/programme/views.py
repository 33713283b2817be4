"""Routes: ``GET /<forum>/programme``, the latest published programme as a list or
a day × room grid, filtered and searched, and ``GET /<forum>/programme/<id>``, one
of its sessions.

Readable by anyone (a draft forum is already 404 for outsiders, see scope.py).
"""

from flask import abort, g, make_response, render_template, request
from flask_login import current_user

from app.core.access import public
from app.core.i18n import current_language
from app.core.public_cache import HTML, cached_page, cached_public, has_no_session
from app.programme.blueprints import programme_bp
from app.programme.filters import parse_filters
from app.programme.rendering import render_programme_fragment, zone_label
from app.programme.services import public_programme
from app.programme.stars import starred_activity_ids
from app.scheduling.publishing import published_programme

# A signed-in visitor's page carries their own star forms and form token, so only
# their browser may keep it, and briefly. Everyone else's comes from the public
# cache (app/core/public_cache.py), once per published version and language.
CACHING = {"Cache-Control": "private, max-age=60"}


def own_stars() -> set[int] | None:
    """The signed-in visitor's starred activities; None for a visitor without an
    account (their browser keeps their stars)."""
    if not current_user.is_authenticated:
        return None
    return starred_activity_ids(current_user, g.forum)


def cached_briefly(page: str):
    response = make_response(page, 200, CACHING)
    response.vary.update(("Cookie", "Accept-Language"))
    return response


@programme_bp.route("/programme")
@public
def index():
    """The published programme by day and time (or as a grid of one day), with the
    filters of the query string, or a note that it is not out yet."""
    filters = parse_filters(request.args)

    def page(fragment) -> str:
        return render_template(
            "programme/index.html", forum=g.forum, fragment=fragment, filters=filters
        )

    stars = own_stars()
    if stars is not None:
        return cached_briefly(
            page(render_programme_fragment(g.forum, current_language(), filters, stars))
        )
    return cached_page(
        "programme",
        g.forum,
        published_programme(g.forum),
        content=lambda: render_programme_fragment(g.forum, current_language(), filters),
        layout=page,
        variant=repr(filters),
    )


@programme_bp.route("/programme/<int:activity_id>")
@public
def session(activity_id: int):
    """One session of the published programme; 404 for anything else (a draft,
    a session taken off, another forum's)."""
    if has_no_session():
        return cached_public(
            "programme.session",
            g.forum,
            published_programme(g.forum),
            lambda: (_session_page(activity_id, None), HTML),
            variant=request.full_path,
        )
    return cached_briefly(_session_page(activity_id, own_stars()))


def _session_page(activity_id: int, stars: set[int] | None) -> str:
    programme = public_programme(g.forum, [activity_id])
    found = programme.session(activity_id)
    if found is None:
        abort(404)
    return render_template(
        "programme/session.html",
        forum=g.forum,
        programme=programme,
        session=found,
        zone=zone_label(programme.timezone),
        stars=stars,
    )


from app.programme import views_mine  # noqa: E402, F401 - its routes, on programme_bp
