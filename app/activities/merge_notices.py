"""The email asking each organization involved in a proposed merge for its consent."""

from collections.abc import Collection

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.activities.labels import MERGE_MODE
from app.activities.merging import merge_activities
from app.activities.models import Merge
from app.core.i18n import isolated, localized
from app.forums.models import Forum
from app.notifications.services import queue_email
from app.organizations.membership import members_of

SUBJECT = _l("An activity of your organization could be merged with others")


def ask_consents(
    forum: Forum, merge: Merge, organization_ids: Collection[int] | None = None
) -> int:
    """Email every member of every organization asked (or only of those in
    ``organization_ids``), in their own language, with a link to the consent page.
    Returns how many emails were queued."""
    link = url_for("merges.consent", forum_slug=forum.slug, merge_id=merge.id, _external=True)
    activities = merge_activities(merge)
    sent = 0
    for consent in merge.consents:
        if organization_ids is not None and consent.organization_id not in organization_ids:
            continue
        organization = consent.organization
        for user in members_of(organization):
            queue_email(
                user.email,
                user.locale,
                "activity_merge_proposed",
                SUBJECT,
                forum_name=isolated(localized(forum, "name", user.locale) or forum.slug),
                organization_name=isolated(localized(organization, "name", user.locale)),
                mode=MERGE_MODE[merge.mode],
                titles=[localized(a, "title", user.locale) for a in activities],
                link=link,
            )
            sent += 1
    return sent
