"""Every export holds public data only: the latest published version of this forum,
listed organizations, consenting presenters, never a contact or a draft."""

import pytest

from app.extensions import db
from app.forums.models import Forum, Room
from app.safety.services import start_lockdown
from tests import factories
from tests.exports.helpers import KINDS, fetch
from tests.interpreting.factories import make_placed_session
from tests.programme.world import (
    EMAIL,
    HIDDEN_NAME,
    PENDING_NAME,
    PHONE,
    SILENT_PRESENTER,
    UNLISTED_NAME,
)

DRAFT_TITLE = "Canary Draft-only Session"


def _text(client, slug: str, kind: str, language: str = "en") -> str:
    """The export's text; a calendar unfolded and unescaped, so that no name hides
    across a folded line."""
    text = fetch(client, slug, kind, language).data.decode("utf-8-sig")
    if kind == "programme.ics":
        text = text.replace("\r\n ", "")
        for escaped, plain in (("\\,", ","), ("\\;", ";"), ("\\n", "\n")):
            text = text.replace(escaped, plain)
    return text


@pytest.mark.parametrize("kind", KINDS)
def test_no_unlisted_organization_silent_presenter_or_contact(client, world, kind):
    for language in ("en", "ar", "ckb"):
        text = _text(client, world.slug, kind, language)

        assert "Save the Tigris" in text or "أنقذوا دجلة" in text  # the export is not empty
        for canary in (HIDDEN_NAME, UNLISTED_NAME, PENDING_NAME, SILENT_PRESENTER, EMAIL, *PHONE):
            assert canary not in text, canary


@pytest.mark.parametrize("kind", KINDS)
def test_listed_organizations_appear_where_the_format_has_room(client, world, kind):
    text = _text(client, world.slug, kind)

    if kind in ("programme.ics", "programme.csv"):
        assert "Waterkeepers Iraq" in text
    if kind.startswith("schedule."):
        assert "Layla Hassan" in text


@pytest.mark.parametrize("kind", KINDS)
def test_a_second_forums_sessions_never_appear(client, world, kind):
    text = _text(client, world.slug, kind)

    assert "Session of the other forum" not in text
    assert "Erbil" not in text
    assert "Session of the other forum" in _text(client, world.other_slug, kind)
    assert "Save the Tigris" not in _text(client, world.other_slug, kind)


@pytest.mark.parametrize("kind", KINDS)
def test_a_session_on_the_draft_only_never_appears(app, client, world, kind):
    with app.app_context():
        forum = db.session.get(Forum, world.forum_id)
        slot = next(s for day in forum.days for s in day.slots if s.id == world.slot_ids[(2, 0)])
        make_placed_session(forum, db.session.get(Room, world.hall_id), slot, title_en=DRAFT_TITLE)
        db.session.commit()

    assert DRAFT_TITLE not in _text(client, world.slug, kind)


@pytest.mark.parametrize("kind", KINDS)
def test_a_lockdown_names_no_organization_and_no_presenter(app, client, world, kind):
    with app.app_context():
        admin = factories.make_user(is_site_admin=True)
        start_lockdown(admin, db.session.get(Forum, world.forum_id))
        db.session.commit()

    text = _text(client, world.slug, kind)

    assert "Save the Tigris" in text
    for name in ("Humat Dijla", "Waterkeepers Iraq", "Layla Hassan"):
        assert name not in text


@pytest.mark.parametrize("kind", KINDS)
def test_an_unknown_forum_is_not_found(client, kind):
    assert client.get(f"/no-such-forum/{kind}").status_code == 404
