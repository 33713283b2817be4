"""Published versions of the programme: publish the draft (with the changes it
would record), the list of versions, one version with its sessions and changes.

Publishing is the organizers' (EDIT_SCHEDULE); the staff who may look at the board
(VIEW_SCHEDULE_BOARD) may read the versions. Organizations see their own session's
published place on their activity pages (``published_session_of`` in templates).
"""

import sqlalchemy as sa
from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.activities.models import Activity
from app.core.access import forum_permission
from app.core.i18n import format_day, localized
from app.core.permissions import Permission
from app.extensions import db
from app.forums.models import Day, Room
from app.scheduling import publishing
from app.scheduling.blueprints import scheduling_bp
from app.scheduling.conflicts import find_conflicts
from app.scheduling.forms_versions import PublishForm
from app.scheduling.loading import load_snapshot
from app.scheduling.models import ChangeKind, ScheduleVersion
from app.scheduling.publishing import FrozenSession, PublishError, PublishProblem
from app.scheduling.views_suggestions import board_url

EDIT, VIEW = Permission.EDIT_SCHEDULE, Permission.VIEW_SCHEDULE_BOARD

PROBLEMS = {
    PublishProblem.NOTHING_TO_PUBLISH: _l(
        "There is nothing to publish yet: place sessions on the board first."
    ),
    PublishProblem.NOTHING_CHANGED: _l(
        "The draft is the same as the latest published version: nothing to publish."
    ),
    PublishProblem.READ_ONLY: _l("This forum is archived: its schedule can no longer change."),
    PublishProblem.PUBLISHED_MEANWHILE: _l(
        "Another organizer published a version at the same moment. Look at the changes "
        "again and publish once more if needed."
    ),
}
CHANGE_LABELS = {
    ChangeKind.NEW: _l("new"),
    ChangeKind.MOVED: _l("moved"),
    ChangeKind.CANCELLED: _l("cancelled"),
}

scheduling_bp.add_app_template_global(publishing.published_session_of, "published_session_of")


class Names:
    """Titles, rooms and days of the forum, for the pages, in the reader's language."""

    def __init__(self, activity_ids):
        ids = list(activity_ids)
        query = sa.select(Activity).where(Activity.forum_id == g.forum.id, Activity.id.in_(ids))
        self.activities = {a.id: a for a in db.session.scalars(query)} if ids else {}
        rooms = sa.select(Room).where(Room.forum_id == g.forum.id)
        self.rooms = {room.id: localized(room, "name") for room in db.session.scalars(rooms)}
        days = sa.select(Day).where(Day.forum_id == g.forum.id)
        self.days = {day.id: day for day in db.session.scalars(days)}

    def title(self, activity_id: int) -> str:
        activity = self.activities.get(activity_id)
        return (localized(activity, "title") if activity else "") or f"#{activity_id}"

    def place(self, session: FrozenSession | None) -> dict | None:
        if session is None:
            return None
        day = self.days.get(session.day_id)
        return {
            "day": format_day(day.date, "full") if day else "?",
            "time": f"{session.starts_at:%H:%M}–{session.ends_at:%H:%M}",
            "room": self.rooms.get(session.room_id, "?"),
        }


def _change_rows(changes, before: dict, after: dict, names: Names | None = None) -> list[dict]:
    names = names or Names(activity_id for activity_id, _kind in changes)
    return [
        {
            "kind": kind,
            "label": CHANGE_LABELS[kind],
            "title": names.title(activity_id),
            "before": names.place(before.get(activity_id)) if kind != ChangeKind.NEW else None,
            "after": names.place(after.get(activity_id)) if kind != ChangeKind.CANCELLED else None,
        }
        for activity_id, kind in changes
    ]


@scheduling_bp.route("/publish", methods=["GET", "POST"])
@forum_permission(EDIT)
def publish():
    form = PublishForm()
    if form.validate_on_submit():
        try:
            version = publishing.publish_schedule(g.forum, current_user, form.note.data)
        except PublishError as error:
            db.session.rollback()
            flash(str(PROBLEMS[error.problem]), "warning")
        else:
            db.session.commit()
            flash(_("Version %(number)s is published.", number=version.number), "success")
            return redirect(url_for(".version", version_number=version.number))
    latest = publishing.published_programme(g.forum)
    before, after = publishing.version_sessions(latest), publishing.draft_sessions(g.forum)
    changes = publishing.compare(before, after)
    return render_template(
        "scheduling/versions_publish.html",
        form=form,
        latest=latest,
        changes=_change_rows(changes, before, after),
        session_count=len(after),
        conflict_count=len(find_conflicts(load_snapshot(g.forum))),
        board_url=board_url(),
    )


@scheduling_bp.route("/versions")
@forum_permission(VIEW)
def versions():
    listed = publishing.versions_of(g.forum)
    return render_template(
        "scheduling/versions.html",
        versions=[(v, publishing.change_counts(v)) for v in listed],
        change_labels=CHANGE_LABELS,
        board_url=board_url(),
    )


def _version(number: int) -> ScheduleVersion:
    version = publishing.version_by_number(g.forum, number)
    if version is None:
        abort(404)
    return version


@scheduling_bp.route("/versions/<int:version_number>")
@forum_permission(VIEW)
def version(version_number: int):
    version = _version(version_number)
    after = publishing.version_sessions(version)
    before = publishing.version_sessions(publishing.previous_version(version))
    changes = [(c.activity_id, c.kind) for c in publishing.version_changes(version)]
    names = Names(after.keys() | before.keys())
    sessions = sorted(
        after.values(),
        key=lambda s: (names.days[s.day_id].date, s.starts_at, names.rooms.get(s.room_id, "")),
    )
    return render_template(
        "scheduling/versions_view.html",
        version=version,
        is_latest=publishing.published_programme(g.forum).id == version.id,
        sessions=[{"title": names.title(s.activity_id), "place": names.place(s)} for s in sessions],
        changes=_change_rows(changes, before, after, names),
        board_url=board_url(),
    )
