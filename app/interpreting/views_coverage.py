"""Coverage of the interpretation (``/<forum>/staff/interpreting/coverage``): the
needs met and unmet per day and language pair, and each interpreter's hours; as a
page and as a CSV file (it names the interpreters: refused during a lockdown,
audited). MANAGE_INTERPRETING.
"""

from flask import Response, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.access import forum_permission
from app.core.permissions import Permission
from app.extensions import db
from app.interpreting.blueprints import interpreting_staff_bp as bp
from app.interpreting.board import arrow
from app.interpreting.coverage import coverage_of, export_coverage, hours_of
from app.interpreting.public import language_name
from app.interpreting.views_board import staff_pages
from app.safety.services import ExportRefused, is_locked_down

MANAGE = Permission.MANAGE_INTERPRETING
# Personal data: not kept by browsers or proxies.
NO_STORE = {"Cache-Control": "no-store"}


@bp.route("/coverage")
@forum_permission(MANAGE)
def coverage():
    return render_template(
        "interpreting/coverage.html",
        coverage=coverage_of(g.forum),
        hours_of=hours_of,
        language_name=language_name,
        arrow=arrow(),
        locked_down=is_locked_down(g.forum),
        staff_pages=staff_pages(),
    )


@bp.route("/coverage.csv")
@forum_permission(MANAGE)
def coverage_csv():
    try:
        result = export_coverage(current_user._get_current_object(), g.forum)
    except ExportRefused:
        db.session.commit()  # keeps the record of the refused attempt
        flash(_("Exports of personal data are stopped while the lockdown lasts."), "danger")
        return redirect(url_for("interpreting_staff.coverage"))
    db.session.commit()
    return Response(
        result.content,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{result.filename}"', **NO_STORE},
    )
