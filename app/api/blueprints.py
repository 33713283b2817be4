"""The API's blueprint: JSON errors and open CORS for reading.

Registered before the forum blueprints, so ``/api/...`` never reaches
``/<forum_slug>/...`` (and "api" is a reserved forum slug).
"""

from flask import Blueprint, Flask, Response, jsonify
from werkzeug.exceptions import HTTPException

from app.core.errors import error_headers, render_errors_under

api_bp = Blueprint("api", __name__, url_prefix="/api/v1")

# Anyone's page may read the API from a browser; nothing it answers depends on
# cookies, so no credentials are allowed across origins.
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Accept-Language, If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}
# The answers are the same for everyone and change when a version is published.
CACHING = "public, max-age=60"

ERROR_NAMES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    429: "too_many_requests",
}


def error_response(code: int, error: str | None = None) -> tuple[Response, int]:
    """``{"error": "<name>"}`` with ``code``: the one shape of every API error."""
    return jsonify(error=error or ERROR_NAMES.get(code, "error")), code


@api_bp.errorhandler(HTTPException)
def _json_error(error: HTTPException):
    if error.code is not None and error.code < 400:
        return error
    code = error.code if error.code in ERROR_NAMES else 500
    response, code = error_response(code, getattr(error, "api_error", None))
    response.headers.extend(error_headers(error))
    return response, code


def _json_error_outside_views(error: HTTPException):
    """A method no route here takes (405 with ``Allow``): the blueprint's own
    handler and hooks do not run when no route matched, so both are applied here."""
    response, code = _json_error(error)
    response.status_code = code
    return _open_for_reading(response)


@api_bp.record_once
def _errors_in_json(state) -> None:
    app: Flask = state.app
    render_errors_under(app, api_bp.url_prefix + "/", _json_error_outside_views)


@api_bp.after_request
def _open_for_reading(response: Response) -> Response:
    response.headers.update(CORS_HEADERS)
    if response.status_code == 200:
        response.headers.setdefault("Cache-Control", CACHING)
    else:
        response.headers.setdefault("Cache-Control", "no-store")
    return response
