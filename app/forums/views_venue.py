"""The forum's rooms (with the times they are closed) and its themes, for organizers."""

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape

from app.core.access import forum_permission
from app.core.forms import ConfirmActionForm
from app.core.i18n import format_day, localized
from app.core.permissions import Permission
from app.extensions import db
from app.forums import venue
from app.forums.blueprints import staff_bp
from app.forums.forms_venue import (
    ClosureForm,
    MoveForm,
    RoomForm,
    ThemeForm,
    equipment_label,
    issue_message,
)
from app.forums.models import Room, RoomClosure, Theme
from app.forums.scope import forum_object

MANAGE = Permission.MANAGE_FORUM


def _isolated(text: str) -> str:
    """User-written text inside plain text (a flash, a title), kept in its own direction."""
    return f"\u2068{text}\u2069"


def _question(message: str, name: str, **values: str) -> Markup:
    """A translated question (its placeholders left in) naming something in <bdi>."""
    return escape(message) % {"name": Markup("<bdi>%s</bdi>") % name, **values}


def _refused(error: venue.VenueError, name: str) -> None:
    for issue in error.issues:
        flash(issue_message(issue, name=_isolated(name)), "danger")


def _confirm(form, *, section: str, cancel_url: str, **texts):
    return render_template(
        "core/confirm.html",
        layout="forums/staff/_layout.html",
        section=section,
        form=form,
        cancel_url=cancel_url,
        **texts,
    )


# Rooms


@staff_bp.route("/rooms")
@forum_permission(MANAGE)
def rooms():
    return render_template(
        "forums/staff/rooms.html",
        rooms=venue.rooms_of(g.forum),
        closures_of=venue.closures_in_order,
        equipment_label=equipment_label,
        move_form=MoveForm(formdata=None),
    )


def _room_form_page(form: RoomForm, room: Room | None = None):
    return render_template("forums/staff/rooms_form.html", form=form, room=room)


@staff_bp.route("/rooms/new", methods=["GET", "POST"])
@forum_permission(MANAGE)
def add_room():
    form = RoomForm()
    if not form.validate_on_submit():
        return _room_form_page(form)
    try:
        room = venue.add_room(g.forum, **form.room)
    except venue.VenueError as error:
        form.show(error)
        return _room_form_page(form)
    db.session.commit()
    flash(_("Room added: %(name)s.", name=_isolated(localized(room, "name"))), "success")
    return redirect(url_for("forum_staff.rooms", _anchor=f"room-{room.id}"))


@staff_bp.route("/rooms/<int:room_id>", methods=["GET", "POST"])
@forum_permission(MANAGE)
def edit_room(room_id: int):
    room = forum_object(Room, room_id)
    form = RoomForm(obj=room)
    if not form.validate_on_submit():
        return _room_form_page(form, room)
    try:
        venue.update_room(room, **form.room)
    except venue.VenueError as error:
        form.show(error)
        return _room_form_page(form, room)
    db.session.commit()
    flash(_("Room saved: %(name)s.", name=_isolated(localized(room, "name"))), "success")
    return redirect(url_for("forum_staff.rooms", _anchor=f"room-{room.id}"))


@staff_bp.route("/rooms/<int:room_id>/delete", methods=["GET", "POST"])
@forum_permission(MANAGE)
def remove_room(room_id: int):
    room = forum_object(Room, room_id)
    name = localized(room, "name")
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        consequences = [_("Sessions can no longer be placed in it.")]
        if room.closures:
            consequences.append(_("Its closures are removed with it."))
        return _confirm(
            form,
            section="forum_staff.rooms",
            cancel_url=url_for("forum_staff.rooms"),
            title=_("Remove a room"),
            question=_question(_("Remove the room %(name)s?"), name),
            consequences=consequences,
            button=_("Remove room"),
        )
    try:
        venue.remove_room(room)
    except venue.VenueError as error:
        _refused(error, name)
        return redirect(url_for("forum_staff.rooms", _anchor=f"room-{room.id}"))
    db.session.commit()
    flash(_("Room removed: %(name)s.", name=_isolated(name)), "success")
    return redirect(url_for("forum_staff.rooms"))


@staff_bp.route("/rooms/<int:room_id>/move", methods=["POST"])
@forum_permission(MANAGE)
def move_room(room_id: int):
    room = forum_object(Room, room_id)
    form = MoveForm()
    if not form.validate_on_submit():
        return redirect(url_for("forum_staff.rooms"))
    venue.move_room(room, form.offset)
    db.session.commit()
    return redirect(url_for("forum_staff.rooms", _anchor=f"room-{room.id}"))


# Closures


def _closure_of(room: Room, closure_id: int) -> RoomClosure:
    closure = db.session.get(RoomClosure, closure_id)
    if closure is None or closure.room_id != room.id:
        abort(404)
    return closure


@staff_bp.route("/rooms/<int:room_id>/closures/new", methods=["GET", "POST"])
@forum_permission(MANAGE)
def add_closure(room_id: int):
    room = forum_object(Room, room_id)
    form = ClosureForm(days=g.forum.days)
    if form.validate_on_submit():
        try:
            venue.close_room(room, form.chosen_day, form.starts_at.data, form.ends_at.data)
        except venue.VenueError as error:
            form.show(error)
        else:
            db.session.commit()
            flash(_("Closure added."), "success")
            return redirect(url_for("forum_staff.rooms", _anchor=f"room-{room.id}"))
    return render_template("forums/staff/rooms_closure_form.html", form=form, room=room)


@staff_bp.route("/rooms/<int:room_id>/closures/<int:closure_id>/delete", methods=["GET", "POST"])
@forum_permission(MANAGE)
def remove_closure(room_id: int, closure_id: int):
    room = forum_object(Room, room_id)
    closure = _closure_of(room, closure_id)
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        question = _question(
            _("Open %(name)s again on %(day)s from %(starts_at)s to %(ends_at)s?"),
            localized(room, "name"),
            day=format_day(closure.day.date, "full"),
            starts_at=f"{closure.starts_at:%H:%M}",
            ends_at=f"{closure.ends_at:%H:%M}",
        )
        return _confirm(
            form,
            section="forum_staff.rooms",
            cancel_url=url_for("forum_staff.rooms", _anchor=f"room-{room.id}"),
            title=_("Remove a closure"),
            question=question,
            consequences=[_("Sessions can be placed in the room at that time again.")],
            button=_("Remove the closure"),
        )
    venue.remove_closure(closure)
    db.session.commit()
    flash(_("Closure removed."), "success")
    return redirect(url_for("forum_staff.rooms", _anchor=f"room-{room.id}"))


# Themes


@staff_bp.route("/themes")
@forum_permission(MANAGE)
def themes():
    return render_template(
        "forums/staff/themes.html",
        themes=venue.themes_of(g.forum),
        move_form=MoveForm(formdata=None),
    )


def _theme_form_page(form: ThemeForm, theme: Theme | None = None):
    return render_template("forums/staff/themes_form.html", form=form, theme=theme)


@staff_bp.route("/themes/new", methods=["GET", "POST"])
@forum_permission(MANAGE)
def add_theme():
    form = ThemeForm()
    if not form.validate_on_submit():
        return _theme_form_page(form)
    try:
        theme = venue.add_theme(g.forum, **form.names)
    except venue.VenueError as error:
        form.show(error)
        return _theme_form_page(form)
    db.session.commit()
    flash(_("Theme added: %(name)s.", name=_isolated(localized(theme, "name"))), "success")
    return redirect(url_for("forum_staff.themes", _anchor=f"theme-{theme.id}"))


@staff_bp.route("/themes/<int:theme_id>", methods=["GET", "POST"])
@forum_permission(MANAGE)
def edit_theme(theme_id: int):
    theme = forum_object(Theme, theme_id)
    form = ThemeForm(obj=theme)
    if not form.validate_on_submit():
        return _theme_form_page(form, theme)
    try:
        venue.update_theme(theme, **form.names)
    except venue.VenueError as error:
        form.show(error)
        return _theme_form_page(form, theme)
    db.session.commit()
    flash(_("Theme saved: %(name)s.", name=_isolated(localized(theme, "name"))), "success")
    return redirect(url_for("forum_staff.themes", _anchor=f"theme-{theme.id}"))


@staff_bp.route("/themes/<int:theme_id>/delete", methods=["GET", "POST"])
@forum_permission(MANAGE)
def remove_theme(theme_id: int):
    theme = forum_object(Theme, theme_id)
    name = localized(theme, "name")
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        return _confirm(
            form,
            section="forum_staff.themes",
            cancel_url=url_for("forum_staff.themes"),
            title=_("Remove a theme"),
            question=_question(_("Remove the theme %(name)s?"), name),
            consequences=[_("Activities can no longer choose it.")],
            button=_("Remove theme"),
        )
    try:
        venue.remove_theme(theme)
    except venue.VenueError as error:
        _refused(error, name)
        return redirect(url_for("forum_staff.themes", _anchor=f"theme-{theme.id}"))
    db.session.commit()
    flash(_("Theme removed: %(name)s.", name=_isolated(name)), "success")
    return redirect(url_for("forum_staff.themes"))


@staff_bp.route("/themes/<int:theme_id>/move", methods=["POST"])
@forum_permission(MANAGE)
def move_theme(theme_id: int):
    theme = forum_object(Theme, theme_id)
    form = MoveForm()
    if not form.validate_on_submit():
        return redirect(url_for("forum_staff.themes"))
    venue.move_theme(theme, form.offset)
    db.session.commit()
    return redirect(url_for("forum_staff.themes", _anchor=f"theme-{theme.id}"))
