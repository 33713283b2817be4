"""Routes: ``GET /<forum>/programme``, the latest published programme as a list.

Readable by anyone (a draft forum is already 404 for outsiders, see scope.py).
"""

from flask import g, make_response, render_template

from app.core.access import public
from app.programme.blueprints import programme_bp
from app.programme.services import public_programme

# Each page carries the visitor's own form token (the language switch), so only
# the visitor's browser may keep it, and briefly; a shared cache would hand one
# visitor's token to another and break their language switch.
CACHING = {"Cache-Control": "private, max-age=60"}


@programme_bp.route("/programme")
@public
def index():
    """The published programme by day and time, or a note that it is not out yet."""
    page = render_template(
        "programme/index.html", forum=g.forum, programme=public_programme(g.forum)
    )
    response = make_response(page, 200, CACHING)
    response.vary.update(("Cookie", "Accept-Language"))
    return response
