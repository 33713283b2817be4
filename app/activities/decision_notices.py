"""The email telling every organization involved the decision on its proposal."""

from flask import url_for
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

from app.activities.models import Activity, ActivityStatus
from app.core.i18n import localized
from app.notifications.services import queue_email
from app.organizations.membership import members_of
from app.organizations.models import Organization

SUBJECTS = {
    ActivityStatus.ACCEPTED: _l("Your proposed activity is accepted"),
    ActivityStatus.REJECTED: _l("Your proposed activity was not accepted"),
}


def proposal_link(activity: Activity) -> str:
    """The organizations' page of the proposal."""
    values = {"forum_slug": activity.forum.slug, "activity_id": activity.id}
    try:
        return url_for("proposals.view", **values, _external=True)
    except BuildError:  # the proposals' pages not registered (yet): the same address
        return (
            url_for("forum.page", forum_slug=activity.forum.slug, _external=True).rstrip("/")
            + f"/activities/{activity.id}"
        )


def tell_decisions(activities: list[Activity], organizations: dict[int, list[Organization]]):
    """Email each member of every organization involved (once per proposal), in their
    own language, the decision and its message."""
    for activity in activities:
        link = proposal_link(activity)
        told = set()
        for organization in organizations.get(activity.id, []):
            for user in members_of(organization):
                if user.id in told:
                    continue
                told.add(user.id)
                queue_email(
                    user.email,
                    user.locale,
                    "activity_decided",
                    SUBJECTS[activity.status],
                    user=user,
                    forum_name=_isolated(
                        localized(activity.forum, "name", user.locale) or activity.forum.slug
                    ),
                    organization_name=_isolated(localized(organization, "name", user.locale)),
                    title=_isolated(localized(activity, "title", user.locale)),
                    accepted=activity.status is ActivityStatus.ACCEPTED,
                    message=activity.decision_message,
                    link=link,
                )


def _isolated(text: str) -> str:
    """User-written text kept in its own direction inside a sentence in another script."""
    return f"\u2068{text}\u2069"
