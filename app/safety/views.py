import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.access import site_admin
from app.extensions import db
from app.forums.models import Forum
from app.forums.scope import forum_by_slug
from app.safety import forms, services
from app.safety.models import Lockdown

bp = Blueprint("safety", __name__, url_prefix="/admin/lockdown")


def _forums() -> list[Forum]:
    return list(db.session.scalars(sa.select(Forum).order_by(Forum.slug)))


@bp.route("/")
@site_admin
def lockdowns():
    return render_template(
        "safety/lockdowns.html",
        active=services.active_lockdowns(),
        forums_by_id={forum.id: forum for forum in _forums()},
        start_form=forms.StartLockdownForm(forums=_forums()),
        end_form=forms.EndLockdownForm(),
    )


@bp.route("/start", methods=["POST"])
@site_admin
def start_lockdown():
    form = forms.StartLockdownForm(forums=_forums())
    if not form.validate_on_submit():
        return render_template(
            "safety/lockdowns.html",
            active=services.active_lockdowns(),
            forums_by_id={forum.id: forum for forum in _forums()},
            start_form=form,
            end_form=forms.EndLockdownForm(),
        )
    forum = forum_by_slug(form.scope.data) if form.scope.data != forms.WHOLE_SITE else None
    try:
        services.start_lockdown(current_user, forum)
    except services.AlreadyLockedDown:
        flash(_("A lockdown is already in force there."), "warning")
        return redirect(url_for("safety.lockdowns"))
    db.session.commit()
    flash(_("Lockdown started."), "warning")
    return redirect(url_for("safety.lockdowns"))


@bp.route("/<int:lockdown_id>/end", methods=["POST"])
@site_admin
def end_lockdown(lockdown_id: int):
    lockdown = db.session.get(Lockdown, lockdown_id)
    if lockdown is None or lockdown.ended_at is not None:
        abort(404)
    if forms.EndLockdownForm().validate_on_submit():
        services.end_lockdown(current_user, lockdown)
        db.session.commit()
        flash(_("Lockdown ended."), "info")
    return redirect(url_for("safety.lockdowns"))
