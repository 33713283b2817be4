"""Data out and in, for a forum's organizers: registrations and delegates as CSV, and
organizations imported from CSV (checked in a preview first, then all or nothing)."""

from flask import Response, flash, g, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.core.access import forum_permission
from app.core.csv_files import write_csv
from app.core.permissions import Permission
from app.extensions import db
from app.forums.governorates import GOVERNORATES
from app.organizations import csv_import, export, labels
from app.organizations.blueprints import review_bp
from app.organizations.forms_data import (
    COLUMN_HELP,
    TOO_LARGE_TO_CONFIRM,
    ImportConfirmForm,
    ImportUploadForm,
    issue_message,
    seal_import,
)
from app.safety.services import ExportRefused, is_locked_down

MANAGE = Permission.MANAGE_FORUM
NO_STORE = {"Cache-Control": "no-store"}


def _csv_response(content: bytes, filename: str) -> Response:
    return Response(
        content,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', **NO_STORE},
    )


def _help() -> dict:
    """What the import page documents: the columns and the codes they take."""
    return {
        "columns": [(column, COLUMN_HELP[column]) for column in csv_import.IMPORT_COLUMNS],
        "codes": {
            "type": labels.ORGANIZATION_TYPE,
            "legal_status": labels.LEGAL_STATUS,
            "governorate": GOVERNORATES,
            "fields_of_work": labels.FIELDS_OF_WORK,
        },
    }


@review_bp.route("/data")
@forum_permission(MANAGE)
def data():
    registrations, delegates = export.export_counts(g.forum)
    return render_template(
        "organizations/data.html",
        upload_form=ImportUploadForm(formdata=None),
        locked_down=is_locked_down(g.forum),
        registrations=registrations,
        delegates=delegates,
        **_help(),
    )


def _download(build):
    try:
        result = build(current_user._get_current_object(), g.forum)
    except ExportRefused:
        db.session.commit()  # keeps the record of the refused attempt
        flash(
            _("Exports of personal data are stopped while the lockdown lasts."),
            "danger",
        )
        return redirect(url_for("registrations_staff.queue"))
    db.session.commit()
    return _csv_response(result.content, result.filename)


@review_bp.route("/export.csv")
@forum_permission(MANAGE)
def export_registrations():
    return _download(export.export_registrations)


@review_bp.route("/delegates.csv")
@forum_permission(MANAGE)
def export_delegates():
    return _download(export.export_delegates)


@review_bp.route("/import/template.csv")
@forum_permission(MANAGE)
def import_template():
    content = write_csv(csv_import.IMPORT_COLUMNS, [])
    return _csv_response(content, export.csv_filename(g.forum, "organizations-template"))


def _upload_page(form: ImportUploadForm):
    return render_template("organizations/data_import.html", upload_form=form, **_help())


def _preview_page(preview: csv_import.ImportPreview, upload_form: ImportUploadForm):
    confirm_form = None
    if preview.is_valid:
        sealed = seal_import(preview.text, g.forum.id, current_user.id)
        if sealed is None:
            upload_form.file.errors = [str(TOO_LARGE_TO_CONFIRM)]
            return _upload_page(upload_form)
        confirm_form = ImportConfirmForm(formdata=None, content=sealed)
        confirm_form.do_import.label.text = ngettext(
            "Import %(num)s organization", "Import %(num)s organizations", len(preview.rows)
        )
    # The preview shows contacts: no copy of it may stay in a cache.
    page = render_template(
        "organizations/data_preview.html",
        preview=preview,
        confirm_form=confirm_form,
        upload_form=upload_form,
        message=issue_message,
        **_help(),
    )
    return make_response(page, 200, NO_STORE)


@review_bp.route("/import", methods=["GET", "POST"])
@forum_permission(MANAGE)
def import_organizations():
    confirm_form = ImportConfirmForm()
    upload_form = ImportUploadForm()
    if confirm_form.do_import.data and confirm_form.validate_on_submit():
        text = confirm_form.opened_text(g.forum.id, current_user.id)
        if text is None:
            flash(_("The checked file has expired: upload it again."), "warning")
            return redirect(url_for("registrations_staff.import_organizations"))
        try:
            created = csv_import.import_organizations(
                current_user._get_current_object(), g.forum, text
            )
        except csv_import.ImportRefused as refused:  # something changed since the preview
            return _preview_page(refused.preview, ImportUploadForm(formdata=None))
        db.session.commit()
        flash(
            ngettext(
                "%(num)s organization imported.", "%(num)s organizations imported.", len(created)
            ),
            "success",
        )
        return redirect(url_for("registrations_staff.data"))
    if not upload_form.validate_on_submit():
        return _upload_page(upload_form)
    preview = csv_import.preview_import(upload_form.file.data.read())
    if preview.file_issues:
        upload_form.file.errors = [issue_message(issue) for issue in preview.file_issues]
        return _upload_page(upload_form)
    return _preview_page(preview, ImportUploadForm(formdata=None))
