"""Emails about the interpretation team: the coordinator's decision to the
interpreter, and to the coordinators when an interpreter withdraws or cannot make
it to a session.

Each goes through the outbox in its recipient's language. The coordinators are
the forum's interpretation coordinators, or its organizers when it has none. They
learn the interpreter's name (they see the team anyway) and the sessions — never
the interpreter's contacts in the email itself.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.core.i18n import isolated, localized, text_direction
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import Forum, ForumRole
from app.interpreting.models import Interpreter
from app.interpreting.my_sessions import AssignedSession
from app.notifications.services import queue_email
from app.volunteers.forms_signup import language_label

APPROVED_SUBJECT = _l("You are in the interpretation team of the forum")
REJECTED_SUBJECT = _l("About your offer to interpret")
WITHDREW_SUBJECT = _l("An interpreter left the team")
CANNOT_MAKE_IT_SUBJECT = _l("An interpreter cannot make it to a session")


@dataclass(frozen=True)
class SessionLine:
    """A session as an email names it, in the recipient's language."""

    title: str
    day: date | None
    starts_at: str
    ends_at: str
    room: str
    pair: str


def arrow() -> str:
    """The arrow from a source to a target language: arrows are not mirrored in
    right-to-left text, so Arabic and Kurdish readers get one pointing left."""
    return "←" if text_direction() == "rtl" else "→"


def direction_text(source: str, target: str) -> str:
    """ "Arabic → English" in the current language (the arrow in its direction)."""
    return f"{language_label(source)} {arrow()} {language_label(target)}"


def pair_text(source: str, target: str, relay: str | None = None) -> str:
    """ "Arabic → English", or with a relay "Kurdish → English (relay through Arabic)",
    in the current language."""
    pair = direction_text(source, target)
    if relay:
        return _("%(pair)s (relay through %(relay)s)", pair=pair, relay=language_label(relay))
    return pair


def session_line(session: AssignedSession, language: str) -> SessionLine:
    need = session.need
    with force_locale(language):
        pair = pair_text(need.source, need.target, need.relay)
    room = localized(session.room, "name", language) if session.room is not None else ""
    return SessionLine(
        title=isolated(localized(session.activity, "title", language)),
        day=session.day.date if session.day is not None else None,
        starts_at=session.starts_at.strftime("%H:%M") if session.starts_at else "",
        ends_at=session.ends_at.strftime("%H:%M") if session.ends_at else "",
        room=isolated(room) if room else "",
        pair=pair,
    )


def coordinators_of(forum: Forum) -> list[User]:
    """The forum's interpretation coordinators; its organizers when it has none."""
    for role in (ForumRoleName.INTERPRETATION_COORDINATOR, ForumRoleName.ORGANIZER):
        users = list(
            db.session.scalars(
                sa.select(User)
                .join(ForumRole, ForumRole.user_id == User.id)
                .where(ForumRole.forum_id == forum.id, ForumRole.role == role)
                .order_by(User.id)
                .distinct()
            )
        )
        if users:
            return users
    return []


def _forum_name(forum: Forum, language: str) -> str:
    return isolated(localized(forum, "name", language) or forum.slug)


def _team_link(forum: Forum) -> str:
    return url_for("interpreting.join", forum_slug=forum.slug, _external=True)


def _interpreter_link(interpreter: Interpreter) -> str:
    return url_for(
        "interpreting_staff.interpreter",
        forum_slug=interpreter.forum.slug,
        interpreter_id=interpreter.id,
        _external=True,
    )


def tell_decision(interpreter: Interpreter) -> None:
    """Email the interpreter the coordinator's decision (approved or turned down)."""
    user, forum = interpreter.user, interpreter.forum
    approved = interpreter.status == "approved"
    queue_email(
        user.email,
        user.locale,
        "interpreter_approved" if approved else "interpreter_rejected",
        APPROVED_SUBJECT if approved else REJECTED_SUBJECT,
        user=user,
        forum_name=_forum_name(forum, user.locale),
        link=url_for(
            "interpreting.assignments" if approved else "interpreting.join",
            forum_slug=forum.slug,
            _external=True,
        ),
    )


def _tell_coordinators(interpreter: Interpreter, template: str, subject, sessions) -> int:
    forum = interpreter.forum
    coordinators = coordinators_of(forum)
    for user in coordinators:
        queue_email(
            user.email,
            user.locale,
            template,
            subject,
            user=user,
            forum_name=_forum_name(forum, user.locale),
            interpreter_name=isolated(interpreter.user.name),
            sessions=[session_line(session, user.locale) for session in sessions],
            link=_interpreter_link(interpreter),
        )
    return len(coordinators)


def tell_coordinators_of_withdrawal(
    interpreter: Interpreter, removed: list[AssignedSession]
) -> int:
    """Email the coordinators that the interpreter left the team, with the sessions
    they were assigned to that now need someone; returns how many were told."""
    return _tell_coordinators(interpreter, "interpreter_withdrew", WITHDREW_SUBJECT, removed)


def tell_coordinators_cannot_make_it(interpreter: Interpreter, session: AssignedSession) -> int:
    """Email the coordinators that the interpreter cannot make it to ``session``."""
    return _tell_coordinators(
        interpreter, "interpreter_cannot_make_it", CANNOT_MAKE_IT_SUBJECT, [session]
    )
