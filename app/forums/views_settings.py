"""The staff overview of a forum, and its settings, status and charter pages."""

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.core.access import forum_permission
from app.core.forms import ConfirmActionForm
from app.core.i18n import localized
from app.core.permissions import Permission, can
from app.extensions import db
from app.forums import services
from app.forums.blueprints import staff_bp
from app.forums.calendar import CalendarError
from app.forums.calendar_messages import calendar_error_message
from app.forums.forms_settings import (
    COMMON_TIME_ZONES,
    ChangeStatusForm,
    CharterForm,
    SettingsForm,
)
from app.forums.labels import forum_status_label
from app.forums.models import ForumStatus
from app.forums.services import ForumRule
from app.forums.setup import OPENING_STEPS, SetupStep, forum_setup

# What each checklist step is called and the page where it is done.
STEPS = {
    SetupStep.DATES: (_l("The forum's first and last day"), "forum_staff.settings"),
    SetupStep.CHARTER: (_l("A charter for organizations to endorse"), "forum_staff.charter"),
    SetupStep.SESSION_SLOT: (_l("At least one session slot"), "forum_staff.calendar"),
    SetupStep.ROOM: (_l("At least one room"), "forum_staff.rooms"),
    SetupStep.THEME: (_l("At least one theme"), "forum_staff.themes"),
}
# Closing and archiving are asked again on a confirmation page first.
NEEDS_CONFIRMATION = frozenset({ForumStatus.CLOSED, ForumStatus.ARCHIVED})


def _read_only_message() -> str:
    return _("The forum is archived: it is read-only, and nothing in it can change.")


def _page_url(endpoint: str) -> str | None:
    """A link for those who manage the forum; reviewers and coordinators get none."""
    if can(current_user, Permission.MANAGE_FORUM, g.forum):
        return url_for(endpoint)
    return None


@staff_bp.route("/")
@forum_permission(Permission.VIEW_FORUM_STAFF_AREA)
def overview():
    setup = forum_setup(g.forum)
    checklist = [
        {
            "label": label,
            "done": setup.done[step],
            "to_open": step in OPENING_STEPS,
            "url": _page_url(endpoint),
        }
        for step, (label, endpoint) in STEPS.items()
    ]
    return render_template(
        "forums/staff/overview.html",
        forum=g.forum,
        setup=setup,
        checklist=checklist,
        team_url=_page_url("forum_staff.team"),
        next_statuses=_next_statuses(),
        status_form=ChangeStatusForm(),
    )


def _next_statuses() -> list[ForumStatus]:
    order = list(ForumStatus)
    return sorted(services.ALLOWED_TRANSITIONS[g.forum.status], key=order.index)


def _render_settings(form: SettingsForm):
    return render_template(
        "forums/staff/settings.html", form=form, common_time_zones=COMMON_TIME_ZONES
    )


@staff_bp.route("/settings", methods=["GET", "POST"])
@forum_permission(Permission.MANAGE_FORUM)
def settings():
    form = SettingsForm(obj=g.forum)
    if not form.validate_on_submit():
        return _render_settings(form)
    try:
        services.update_settings(current_user, g.forum, **form.settings())
    except services.ForumRuleError as error:
        form.show_errors(error.errors)
        if ForumRule.ARCHIVED_IS_READ_ONLY in error.rules:
            form.form_errors.append(_read_only_message())
        return _render_settings(form)
    except CalendarError as error:
        db.session.rollback()  # the forum had taken the new dates already
        form.form_errors.append(calendar_error_message(error))
        return _render_settings(form)
    db.session.commit()
    flash(_("Settings saved."), "success")
    return redirect(url_for("forum_staff.settings"))


def _opening_refusal(rules: list[ForumRule]) -> str:
    if ForumRule.OPENS_WITH_DATES in rules and ForumRule.OPENS_WITH_CHARTER in rules:
        return _("The forum cannot open yet: it needs its first and last day, and a charter.")
    if ForumRule.OPENS_WITH_DATES in rules:
        return _("The forum cannot open yet: it needs its first and last day.")
    return _("The forum cannot open yet: it needs a charter for organizations to endorse.")


def _status_changed_message(status: ForumStatus) -> str:
    if status is ForumStatus.OPEN:
        return _("The forum is open: it is public, and registration follows its windows.")
    if status is ForumStatus.CLOSED:
        return _("The forum is closed.")
    return _("The forum is archived.")


def _apply_status(wanted: ForumStatus):
    try:
        services.change_status(current_user, g.forum, wanted)
    except services.InvalidTransition:
        flash(
            _(
                "A forum that is “%(current)s” cannot become “%(wanted)s”.",
                current=forum_status_label(g.forum.status),
                wanted=forum_status_label(wanted),
            ),
            "danger",
        )
    except services.ForumRuleError as error:
        flash(_opening_refusal(error.rules), "danger")
    else:
        db.session.commit()
        flash(_status_changed_message(wanted), "success")
    return redirect(url_for("forum_staff.overview"))


@staff_bp.route("/status", methods=["POST"])
@forum_permission(Permission.MANAGE_FORUM)
def change_status():
    """Opening happens at once; closing and archiving are asked again first."""
    form = ChangeStatusForm()
    if not form.validate_on_submit():
        return redirect(url_for("forum_staff.overview"))
    wanted = ForumStatus(form.status.data)
    if wanted in NEEDS_CONFIRMATION:
        return redirect(url_for("forum_staff.confirm_status", status=str(wanted)))
    return _apply_status(wanted)


def _confirmation(wanted: ForumStatus) -> dict:
    # isolated, so that an Arabic name reads right inside an English sentence and back
    name = f"\u2068{localized(g.forum, 'name') or g.forum.slug}\u2069"
    if wanted is ForumStatus.ARCHIVED:
        return {
            "title": _("Archive the forum"),
            "question": _("Archive “%(name)s” for good?", name=name),
            "consequences": [
                _("The forum becomes read-only: nothing in it can change any more."),
                _("Its public pages stay, as a record."),
                _("This cannot be undone."),
            ],
            "button": _("Archive the forum"),
        }
    if wanted is ForumStatus.CLOSED:
        return {
            "title": _("Close the forum"),
            "question": _("Close “%(name)s”?", name=name),
            "consequences": [
                _("Registration, proposals and volunteer sign-up stop, whatever the windows say."),
                _("Its public pages stay, and you can open it again later."),
            ],
            "button": _("Close the forum"),
        }
    return {
        "title": _("Open the forum"),
        "question": _("Open “%(name)s”?", name=name),
        "consequences": [_("The forum becomes public; registration follows its windows.")],
        "button": _("Open the forum"),
    }


@staff_bp.route("/status/<status>", methods=["GET", "POST"])
@forum_permission(Permission.MANAGE_FORUM)
def confirm_status(status: str):
    """The confirmation page of a status change; a POST with confirm=yes makes it."""
    try:
        wanted = ForumStatus(status)
    except ValueError:
        abort(404)
    if wanted not in services.ALLOWED_TRANSITIONS[g.forum.status]:
        flash(
            _(
                "The forum is “%(current)s”: it cannot become “%(wanted)s” now.",
                current=forum_status_label(g.forum.status),
                wanted=forum_status_label(wanted),
            ),
            "info",
        )
        return redirect(url_for("forum_staff.overview"))
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        return render_template(
            "core/confirm.html",
            layout="forums/staff/_layout.html",
            section="forum_staff.overview",
            form=form,
            cancel_url=url_for("forum_staff.overview"),
            **_confirmation(wanted),
        )
    return _apply_status(wanted)


def _charter_refusal(rules: list[ForumRule]) -> str:
    if ForumRule.ARCHIVED_IS_READ_ONLY in rules:
        return _read_only_message()
    if ForumRule.CHARTER_UNCHANGED in rules:
        return _("Nothing changed: these are the texts of the current version.")
    return _("Write the charter in at least one language.")


@staff_bp.route("/charter", methods=["GET", "POST"])
@forum_permission(Permission.MANAGE_FORUM)
def charter():
    current = g.forum.current_charter
    form = CharterForm(obj=current)
    if form.validate_on_submit():
        try:
            version = services.publish_charter(
                g.forum, form.text_ar.data, form.text_ckb.data, form.text_en.data
            )
        except services.ForumRuleError as error:
            form.form_errors.append(_charter_refusal(error.rules))
        else:
            db.session.commit()
            flash(
                _(
                    "Charter version %(number)s is published. Organizations are asked to "
                    "endorse it anew.",
                    number=version.version,
                ),
                "success",
            )
            return redirect(url_for("forum_staff.charter"))
    return render_template(
        "forums/staff/charter.html",
        form=form,
        charter=current,
        older=list(reversed(g.forum.charters[:-1])),
    )


@staff_bp.route("/charter/<int:version>")
@forum_permission(Permission.MANAGE_FORUM)
def charter_version(version: int):
    charter = next((c for c in g.forum.charters if c.version == version), None)
    if charter is None:
        abort(404)
    return render_template(
        "forums/staff/charter_version.html",
        charter=charter,
        is_current=charter is g.forum.current_charter,
    )
