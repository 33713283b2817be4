"""Reading the audit log: site administrators all of it, organizers their forum's part."""

from flask import Blueprint, g, render_template, request

from app.audit import services
from app.audit.forms import AuditFilterForm
from app.audit.labels import action_label
from app.core.access import forum_permission, site_admin
from app.core.permissions import Permission
from app.forums.scope import forum_blueprint

bp = Blueprint("audit", __name__)
forum_bp = forum_blueprint("forum_audit", __name__, "/staff")


def _render_log(forum_id: int | None, endpoint: str):
    form = AuditFilterForm(request.args)
    events = []
    if form.validate():
        events = services.audit_events(
            forum_id=forum_id,
            action=form.action.data or None,
            actor_id=form.actor.data,
            object_type=form.object_type.data or None,
            since=form.since.data,
            until=form.until.data,
            before_id=request.args.get("before", type=int),
        )
    older = None
    if len(events) == services.PAGE_SIZE:
        older = {**request.args.to_dict(), "before": events[-1].id}
    return render_template(
        "audit/log.html",
        form=form,
        events=events,
        older=older,
        endpoint=endpoint,
        action_label=action_label,
    )


@bp.route("/admin/audit")
@site_admin
def site_log():
    return _render_log(None, "audit.site_log")


@forum_bp.route("/audit")
@forum_permission(Permission.VIEW_AUDIT_LOG)
def forum_log():
    return _render_log(g.forum.id, "forum_audit.forum_log")
