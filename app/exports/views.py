"""Routes: the exports of the latest published programme, readable by anyone.

``/<forum>/schedule.xml``, ``/<forum>/schedule.json``, ``/<forum>/programme.ics``
and ``/<forum>/programme.csv``; ``?lang=ar|ckb|en`` picks the language, else the
visitor's. The views only pick the language and wrap the bytes of
``render_export`` in a response (so a cache can wrap them too).
"""

from flask import Response, g, request

from app.core.access import public
from app.core.i18n import current_language, supported_languages
from app.core.public_cache import cached_public
from app.exports.blueprints import exports_bp
from app.exports.services import ExportKind, render_export
from app.scheduling.publishing import published_programme


def export_language() -> str:
    """``?lang=`` when it is one of ours, else the visitor's language."""
    asked = request.args.get("lang", "")
    return asked if asked in supported_languages() else current_language()


def _respond(kind: ExportKind, download: str | None = None) -> Response:
    # Rendered once per published version and language (app/core/public_cache.py).
    language = export_language()
    response = cached_public(
        str(kind),
        g.forum,
        published_programme(g.forum),
        lambda: render_export(g.forum, kind, language),
        language=language,
    )
    response.headers["Access-Control-Allow-Origin"] = "*"
    if download:
        response.headers["Content-Disposition"] = f'attachment; filename="{download}"'
    return response


@exports_bp.route("/schedule.xml")
@public
def schedule_xml():
    """The frab/c3voc schedule XML."""
    return _respond(ExportKind.SCHEDULE_XML)


@exports_bp.route("/schedule.json")
@public
def schedule_json():
    """The c3voc schedule JSON."""
    return _respond(ExportKind.SCHEDULE_JSON)


@exports_bp.route("/programme.ics")
@public
def programme_ics():
    """The programme as iCalendar, to subscribe to or import."""
    return _respond(ExportKind.PROGRAMME_ICS)


@exports_bp.route("/programme.csv")
@public
def programme_csv():
    """The programme as a spreadsheet."""
    return _respond(ExportKind.PROGRAMME_CSV, download=f"{g.forum.slug}-programme.csv")
