"""``programme.csv``: the published programme as a spreadsheet, one session a row.

Written with app/core/csv_files.py (byte-order mark, formula neutralisation): a
title that begins with "=" is shown as text, never run.
"""

from flask_babel import gettext as _

from app.core.csv_files import write_csv
from app.exports.public_data import ExportProgramme
from app.interpreting.public import SEPARATOR


def render_programme_csv(programme: ExportProgramme) -> bytes:
    """Day, start, end, room, title, theme, format, languages, organizations."""
    header = [
        _("Day"),
        _("Start"),
        _("End"),
        _("Room"),
        _("Title"),
        _("Theme"),
        _("Format"),
        _("Languages"),
        _("Organizations"),
    ]
    rows = [
        [
            session.starts_at.date().isoformat(),
            session.starts_at.strftime("%H:%M"),
            session.ends_at.strftime("%H:%M"),
            session.room.name,
            session.title,
            session.theme.name if session.theme else "",
            session.format_label,
            SEPARATOR.join(session.languages),
            "; ".join(session.organizations),
        ]
        for session in programme.sessions
    ]
    return write_csv(header, rows)
