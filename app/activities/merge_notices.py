"""The email asking each organization involved in a proposed merge for its consent."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.activities.labels import MERGE_MODE
from app.activities.merging import merge_activities
from app.activities.models import Merge
from app.core.i18n import localized
from app.forums.models import Forum
from app.notifications.services import queue_email
from app.organizations.membership import members_of

SUBJECT = _l("An activity of your organization could be merged with others")


def _isolated(text: str) -> str:
    """User-written text kept in its own direction inside a sentence."""
    return f"\u2068{text}\u2069"


def ask_consents(forum: Forum, merge: Merge) -> int:
    """Email every member of every organization asked, in their own language, with a
    link to the consent page. Returns how many emails were queued."""
    link = url_for("merges.consent", forum_slug=forum.slug, merge_id=merge.id, _external=True)
    activities = merge_activities(merge)
    sent = 0
    for consent in merge.consents:
        organization = consent.organization
        for user in members_of(organization):
            queue_email(
                user.email,
                user.locale,
                "activity_merge_proposed",
                SUBJECT,
                forum_name=_isolated(localized(forum, "name", user.locale) or forum.slug),
                organization_name=_isolated(localized(organization, "name", user.locale)),
                mode=MERGE_MODE[merge.mode],
                titles=[localized(a, "title", user.locale) for a in activities],
                link=link,
            )
            sent += 1
    return sent
