"""Routes of the read-only API (GET only, JSON, the same answer for every reader).

``/api/v1/`` links to the rest; ``/forums`` lists public forums; under
``/forums/<slug>``: the forum, its ``themes``, ``rooms``, ``programme`` (the
latest published version, sessions paginated; ``{"version": null, "data": []}``
before anything is published) and ``organizations`` listed publicly. A draft or
unknown forum is ``{"error": "not_found"}`` with 404, like any unknown path.
"""

from flask import abort, jsonify, request, url_for

from app.api import openapi, pagination
from app.api.blueprints import api_bp, error_response
from app.api.programme_data import programme_page
from app.api.public_data import (
    forum_rooms,
    forum_themes,
    listed_organizations_after,
    public_forum,
    public_forums_after,
    public_parent_slug,
)
from app.api.serializers import (
    forum_json,
    organization_json,
    room_json,
    session_json,
    theme_json,
    version_json,
)
from app.core.access import public
from app.forums.listing import zone_of
from app.forums.models import Forum


def _forum_or_404(forum_slug: str) -> Forum:
    forum = public_forum(forum_slug)
    if forum is None:
        abort(404)
    return forum


def _next_url(cursor: str | None, limit: int) -> str | None:
    """The current URL with the next page's cursor (None: this was the last page)."""
    if cursor is None:
        return None
    arguments = {**request.view_args, "cursor": cursor}
    if "limit" in request.args:
        arguments["limit"] = limit
    return url_for(request.endpoint, **arguments, _external=True)


@api_bp.route("/")
@public
def index():
    """Where to start: the forums and the OpenAPI document."""
    return jsonify(
        forums=url_for("api.forums", _external=True),
        openapi=url_for("api.openapi_document", _external=True),
    )


@api_bp.route("/openapi.json")
@public
def openapi_document():
    """The OpenAPI 3.1 document describing every route here."""
    return jsonify(openapi.document())


@api_bp.route("/forums")
@public
def forums():
    """Public forums (not drafts), by id, a page at a time."""
    shown, cursor, limit = pagination.keyset_page("forums", public_forums_after)
    return jsonify(
        data=[forum_json(forum, public_parent_slug(forum)) for forum in shown],
        next=_next_url(cursor, limit),
    )


@api_bp.route("/forums/<forum_slug>")
@public
def forum(forum_slug: str):
    found = _forum_or_404(forum_slug)
    return jsonify(forum_json(found, public_parent_slug(found)))


@api_bp.route("/forums/<forum_slug>/themes")
@public
def themes(forum_slug: str):
    found = _forum_or_404(forum_slug)
    return jsonify(data=[theme_json(theme) for theme in forum_themes(found)])


@api_bp.route("/forums/<forum_slug>/rooms")
@public
def rooms(forum_slug: str):
    found = _forum_or_404(forum_slug)
    return jsonify(data=[room_json(room) for room in forum_rooms(found)])


@api_bp.route("/forums/<forum_slug>/programme")
@public
def programme(forum_slug: str):
    """The latest published version's sessions; a cursor keeps reading the version
    its first page came from, even once a newer one is published."""
    found = _forum_or_404(forum_slug)
    page = pagination.page_request("sessions")
    version, sessions, cursor = programme_page(found, page.position, page.limit)
    if version is None:
        return jsonify(forum=found.slug, version=None, data=[], next=None)
    zone = zone_of(found.timezone)
    return jsonify(
        forum=found.slug,
        version=version_json(version),
        data=[session_json(item, zone) for item in sessions],
        next=_next_url(cursor, page.limit),
    )


@api_bp.route("/forums/<forum_slug>/organizations")
@public
def organizations(forum_slug: str):
    """Organizations listed publicly for the forum, by id, a page at a time."""
    found = _forum_or_404(forum_slug)
    shown, cursor, limit = pagination.keyset_page(
        "organizations", lambda after, limit: listed_organizations_after(found, after, limit)
    )
    return jsonify(
        data=[organization_json(organization) for organization in shown],
        next=_next_url(cursor, limit),
    )


@api_bp.route("/<path:path>")
@public
def not_found(path: str):
    """Any other path under /api/v1: a JSON 404, not the site's HTML page."""
    return error_response(404)
