"""The forum's staff: organizers grant and revoke the forum roles."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.access import forum_permission
from app.core.forms import ConfirmActionForm
from app.core.permissions import ForumRoleName, Permission
from app.extensions import db
from app.forums import staff
from app.forums.blueprints import staff_bp
from app.forums.forms_team import GrantRoleForm
from app.forums.labels import role_label
from app.forums.models import ForumRole
from app.forums.scope import forum_object


def _render_team(form: GrantRoleForm):
    return render_template(
        "forums/staff/team.html",
        form=form,
        members=staff.staff_members(g.forum),
        organizer_count=staff.organizer_count(g.forum),
    )


@staff_bp.route("/team", methods=["GET", "POST"])
@forum_permission(Permission.MANAGE_FORUM)
def team():
    form = GrantRoleForm()
    if not form.validate_on_submit():
        return _render_team(form)
    role = ForumRoleName(form.role.data)
    try:
        staff.grant_role(current_user, g.forum, form.email.data, role)
    except staff.UnknownAccount:
        form.email.errors.append(
            _("No account uses this address. Ask the person to sign up first, then add them.")
        )
        return _render_team(form)
    except staff.AlreadyHeld:
        form.role.errors.append(_("This person already has this role."))
        return _render_team(form)
    db.session.commit()
    flash(
        _("Role given: %(role)s. They have been told by email.", role=role_label(role)), "success"
    )
    return redirect(url_for("forum_staff.team"))


@staff_bp.route("/team/<int:role_id>/revoke", methods=["GET", "POST"])
@forum_permission(Permission.MANAGE_FORUM)
def revoke_role(role_id: int):
    forum_role = forum_object(ForumRole, role_id)
    if forum_role.role is ForumRoleName.ORGANIZER and staff.organizer_count(g.forum) <= 1:
        flash(
            _("A forum keeps at least one organizer: give the role to someone else first."),
            "danger",
        )
        return redirect(url_for("forum_staff.team"))
    form = ConfirmActionForm()
    if not form.validate_on_submit():
        return render_template(
            "core/confirm.html",
            layout="forums/staff/_layout.html",
            section="forum_staff.team",
            title=_("Take back a role"),
            question=_(
                "Take the role “%(role)s” back from %(name)s?",
                role=role_label(forum_role.role),
                name=forum_role.user.name,
            ),
            consequences=[_("It stops working on their very next page.")],
            form=form,
            cancel_url=url_for("forum_staff.team"),
            button=_("Take the role back"),
        )
    revoking_own_management = forum_role.user_id == current_user.id and (
        forum_role.role is ForumRoleName.ORGANIZER
    )
    try:
        staff.revoke_role(current_user, forum_role)
    except staff.LastOrganizer:
        flash(
            _("A forum keeps at least one organizer: give the role to someone else first."),
            "danger",
        )
        return redirect(url_for("forum_staff.team"))
    db.session.commit()
    flash(_("Role taken back."), "success")
    if revoking_own_management:
        return redirect(url_for("forum.page"))
    return redirect(url_for("forum_staff.team"))
