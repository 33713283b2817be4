"""One entry point for every export: ``render_export(forum, kind, language)``.

Each export is the latest published version only, in one language (titles fall
back to another language when missing). Before anything is published, every
export is an empty but valid document (the forum's days without sessions), which
consumers that poll the URL read more calmly than a 404.
"""

from collections.abc import Callable
from enum import StrEnum

from flask_babel import force_locale

from app.exports.c3voc import render_schedule_json
from app.exports.calendar import render_programme_ics
from app.exports.csv_export import render_programme_csv
from app.exports.frab import render_schedule_xml
from app.exports.public_data import ExportProgramme, export_programme
from app.forums.models import Forum


class ExportKind(StrEnum):
    SCHEDULE_XML = "schedule.xml"
    SCHEDULE_JSON = "schedule.json"
    PROGRAMME_ICS = "programme.ics"
    PROGRAMME_CSV = "programme.csv"


RENDERERS: dict[ExportKind, tuple[Callable[[ExportProgramme], bytes], str]] = {
    ExportKind.SCHEDULE_XML: (render_schedule_xml, "application/xml; charset=utf-8"),
    ExportKind.SCHEDULE_JSON: (render_schedule_json, "application/json; charset=utf-8"),
    ExportKind.PROGRAMME_ICS: (render_programme_ics, "text/calendar; charset=utf-8"),
    ExportKind.PROGRAMME_CSV: (render_programme_csv, "text/csv; charset=utf-8"),
}


def render_export(forum: Forum, kind: ExportKind, language: str) -> tuple[bytes, str]:
    """The bytes and the media type of ``forum``'s export ``kind`` in ``language``."""
    render, mimetype = RENDERERS[ExportKind(kind)]
    with force_locale(language):
        return render(export_programme(forum, language)), mimetype
