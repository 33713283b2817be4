"""Translated error pages that never show a stack trace, SQL or what was typed."""

import math
import time
from collections.abc import Callable

from flask import Flask, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from werkzeug.exceptions import HTTPException

from app.extensions import limiter

ERROR_TEXTS = {
    400: (_l("Bad request"), _l("The page could not understand what was sent. Please try again.")),
    403: (_l("Not allowed"), _l("You do not have permission to see this page.")),
    404: (_l("Page not found"), _l("There is no page at this address.")),
    405: (_l("Not allowed"), _l("This page cannot be used in this way.")),
    413: (_l("Too large"), _l("What you sent is too large: a file may be at most 1 MB.")),
    429: (
        _l("Too many attempts"),
        _l("You have tried too many times. Please wait a few minutes and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An error happened on our side. It has been noted; please try again later."),
    ),
}


def render_error(error: HTTPException):
    code = error.code if error.code in ERROR_TEXTS else 500
    title, explanation = ERROR_TEXTS[code]
    hint = _retry_hint() if code == 429 else None
    page = render_template(
        "errors/error.html", code=code, title=title, explanation=explanation, hint=hint
    )
    return page, code


def _retry_hint() -> str | None:
    current = limiter.current_limit
    if current is None:
        return None
    minutes = max(1, math.ceil((current.reset_at - time.time()) / 60))
    return ngettext("Try again in %(num)d minute.", "Try again in %(num)d minutes.", minutes)


ERROR_RENDERERS = "error_renderers"


def render_errors_under(app: Flask, prefix: str, renderer: Callable[[HTTPException], object]):
    """Errors of URLs under ``prefix`` that no view of its own answered (no such
    route, a method it does not take) get ``renderer``'s answer, not the site's page."""
    app.extensions.setdefault(ERROR_RENDERERS, {})[prefix] = renderer


def error_headers(error: HTTPException) -> list[tuple[str, str]]:
    """What the error says about itself (``Allow`` of a 405), but not its type."""
    return [(name, value) for name, value in error.get_headers() if name != "Content-Type"]


def _handle_http_error(error: HTTPException):
    if error.code is not None and error.code < 400:
        return error  # redirects raised with abort() pass through
    if error.response is not None and error.code != 429:
        return error.response
    for prefix, renderer in current_app.extensions.get(ERROR_RENDERERS, {}).items():
        if request.path.startswith(prefix):
            return renderer(error)
    page, code = render_error(error)
    return page, code, error_headers(error)


def register_error_pages(app: Flask) -> None:
    # Unexpected exceptions reach this handler as a 500 after Flask has logged them
    # (and propagate instead in tests, so failures show their traceback).
    app.register_error_handler(HTTPException, _handle_http_error)
