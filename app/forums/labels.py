"""Translated names of the forums feature's codes, for pages and emails."""

from flask_babel import lazy_gettext as _l
from flask_babel import pgettext

from app.core.permissions import ForumRoleName
from app.forums.governorates import ABROAD, GOVERNORATES
from app.forums.models import ForumKind, ForumStatus, SlotKind

FORUM_STATUS = {
    ForumStatus.DRAFT: _l("Draft"),
    ForumStatus.OPEN: _l("Open"),
    ForumStatus.CLOSED: _l("Closed"),
    ForumStatus.ARCHIVED: _l("Archived"),
}

FORUM_KIND = {
    # Translators: a national season of the Iraqi Social Forum (the 4th season).
    ForumKind.SEASON: _l("National season"),
    ForumKind.LOCAL: _l("Local forum"),
}

ROLE = {
    ForumRoleName.ORGANIZER: _l("Organizer"),
    ForumRoleName.REVIEWER: _l("Reviewer"),
    ForumRoleName.VOLUNTEER_COORDINATOR: _l("Volunteer coordinator"),
    ForumRoleName.INTERPRETATION_COORDINATOR: _l("Interpretation coordinator"),
}

SLOT_KIND = {
    # Translators: a time slot in which activities take place.
    SlotKind.SESSION: _l("Session slot"),
    SlotKind.BREAK: _l("Break"),
}


def forum_status_label(status: ForumStatus) -> str:
    return str(FORUM_STATUS[ForumStatus(status)])


def forum_kind_label(kind: ForumKind) -> str:
    return str(FORUM_KIND[ForumKind(kind)])


def role_label(role: ForumRoleName) -> str:
    return str(ROLE[ForumRoleName(role)])


def governorate_label(code: str | None) -> str:
    if code == ABROAD:
        return pgettext("governorate", "Outside Iraq")
    return str(GOVERNORATES.get(code or "", ""))
