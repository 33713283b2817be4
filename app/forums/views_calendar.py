"""Days and time slots: organizers set up each day's slots and named breaks.

Days follow the forum's dates (the Settings page); slots come from the standard
pattern or another day and stay editable one by one. The rules are in
``app.forums.calendar``; its refusals are shown in the reader's language.
"""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from app.core.access import forum_permission
from app.core.forms import ConfirmActionForm
from app.core.i18n import format_day
from app.core.permissions import Permission
from app.extensions import db
from app.forums import calendar as calendar_service
from app.forums.blueprints import staff_bp
from app.forums.calendar import CalendarError
from app.forums.calendar_messages import calendar_error_message, time_span
from app.forums.forms_calendar import ApplyPatternForm, CopyDayForm, SlotForm
from app.forums.labels import SLOT_KIND
from app.forums.models import Day, TimeSlot
from app.forums.scope import forum_object


def _back_to_calendar():
    return redirect(url_for("forum_staff.calendar"))


def _refused(error: CalendarError):
    flash(calendar_error_message(error), "danger")
    return _back_to_calendar()


def _incomplete():
    flash(
        _("Nothing changed: the form was incomplete or had expired. Please try again."), "warning"
    )
    return _back_to_calendar()


def _slot_of_forum(slot_id: int) -> TimeSlot:
    return forum_object(TimeSlot, slot_id, lambda slot: slot.day.forum_id)


def _when(slot: TimeSlot) -> dict:
    return {"times": time_span(slot.starts_at, slot.ends_at), "day": format_day(slot.day.date)}


@staff_bp.route("/calendar")
@forum_permission(Permission.MANAGE_FORUM)
def calendar():
    days = g.forum.days
    return render_template(
        "forums/staff/calendar.html",
        days=days,
        usage=calendar_service.slot_usage([slot.id for day in days for slot in day.slots]),
        pattern=calendar_service.DEFAULT_PATTERN,
        slot_kinds=SLOT_KIND,
        pattern_form=ApplyPatternForm(formdata=None),
        copy_form=CopyDayForm(formdata=None),
    )


@staff_bp.route("/calendar/pattern", methods=["POST"])
@forum_permission(Permission.MANAGE_FORUM)
def apply_pattern():
    if not ApplyPatternForm().validate_on_submit():
        return _incomplete()
    try:
        calendar_service.apply_pattern(g.forum, calendar_service.DEFAULT_PATTERN)
    except CalendarError as error:
        return _refused(error)
    db.session.commit()
    flash(_("Every day now has the standard slots and breaks."), "success")
    return _back_to_calendar()


@staff_bp.route("/calendar/days/<int:day_id>/copy", methods=["POST"])
@forum_permission(Permission.MANAGE_FORUM)
def copy_day(day_id: int):
    day = forum_object(Day, day_id)
    if not CopyDayForm().validate_on_submit():
        return _incomplete()
    try:
        calendar_service.copy_day_to_other_days(day)
    except CalendarError as error:
        return _refused(error)
    db.session.commit()
    flash(
        _("The slots of %(day)s are now on every other day.", day=format_day(day.date)), "success"
    )
    return _back_to_calendar()


def _render_slot_form(form: SlotForm, day: Day, slot: TimeSlot | None = None):
    return render_template("forums/staff/calendar_slot.html", form=form, day=day, slot=slot)


@staff_bp.route("/calendar/days/<int:day_id>/slots/new", methods=["GET", "POST"])
@forum_permission(Permission.MANAGE_FORUM)
def add_slot(day_id: int):
    day = forum_object(Day, day_id)
    form = SlotForm()
    if not form.validate_on_submit():
        return _render_slot_form(form, day)
    try:
        slot = calendar_service.add_slot(day, form.spec())
    except CalendarError as error:
        form.show_error(error)
        return _render_slot_form(form, day)
    db.session.commit()
    flash(_("Slot %(times)s added on %(day)s.", **_when(slot)), "success")
    return _back_to_calendar()


@staff_bp.route("/calendar/slots/<int:slot_id>", methods=["GET", "POST"])
@forum_permission(Permission.MANAGE_FORUM)
def edit_slot(slot_id: int):
    slot = _slot_of_forum(slot_id)
    form = SlotForm(obj=slot)
    if not form.validate_on_submit():
        return _render_slot_form(form, slot.day, slot)
    try:
        calendar_service.update_slot(slot, form.spec())
    except CalendarError as error:
        form.show_error(error)
        return _render_slot_form(form, slot.day, slot)
    db.session.commit()
    flash(_("Slot %(times)s on %(day)s saved.", **_when(slot)), "success")
    return _back_to_calendar()


@staff_bp.route("/calendar/slots/<int:slot_id>/delete", methods=["GET", "POST"])
@forum_permission(Permission.MANAGE_FORUM)
def remove_slot(slot_id: int):
    slot = _slot_of_forum(slot_id)
    try:
        calendar_service.check_removable(slot)
    except CalendarError as error:
        return _refused(error)
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        return render_template(
            "core/confirm.html",
            layout="forums/staff/_layout.html",
            section="forum_staff.calendar",
            title=_("Remove a slot"),
            question=_("Remove the slot %(times)s on %(day)s?", **_when(slot)),
            consequences=[
                _("Only this day changes; the other days keep their slots."),
                _("Nothing is placed in this slot yet."),
            ],
            form=form,
            cancel_url=url_for("forum_staff.calendar"),
            button=_("Remove slot"),
        )
    when = _when(slot)
    try:
        calendar_service.remove_slot(slot)
    except CalendarError as error:
        return _refused(error)
    db.session.commit()
    flash(_("Slot %(times)s on %(day)s removed.", **when), "success")
    return _back_to_calendar()
