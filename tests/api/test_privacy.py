"""Only public data: no draft, no unlisted or hidden organization, no presenter
without consent, no contact, nothing of another forum; a lockdown names nobody."""

import json

import pytest

from app.api.openapi import document
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import Forum
from app.safety.services import start_lockdown
from tests import factories
from tests.api.helpers import get_json, walk
from tests.api.world import (
    CONTACT_EMAIL,
    CONTACT_PHONE,
    DRAFT_SLUG,
    DRAFT_TITLE,
    HIDDEN_REGISTERED,
    LOCAL_SLUG,
    OTHER_REGISTERED,
    OTHER_THEME,
    PENDING_REGISTERED,
    UNLISTED_REGISTERED,
)
from tests.helpers import log_in
from tests.programme.world import (
    EMAIL,
    HIDDEN_NAME,
    PENDING_NAME,
    PHONE,
    SILENT_PRESENTER,
    UNLISTED_NAME,
)

NEVER = [
    EMAIL, *PHONE, CONTACT_EMAIL, CONTACT_PHONE, "CANARY-REG-123", "javascript:",
    HIDDEN_NAME, PENDING_NAME, SILENT_PRESENTER, UNLISTED_NAME,
    UNLISTED_REGISTERED, HIDDEN_REGISTERED, PENDING_REGISTERED,
    DRAFT_SLUG, DRAFT_TITLE, "Canary draft forum", "canary-draft-season",
    "Delegate", "@example.org", "Person ",
]  # fmt: skip
NOT_OF_THE_OTHER_FORUM = [OTHER_REGISTERED, OTHER_THEME, "Erbil", "Session of the other forum"]


def _every_answer(client, slug: str) -> str:
    """All documented answers for ``slug``, every page, as one text."""
    texts = []
    for path in document()["paths"]:
        url = "/api/v1" + path.replace("{forum_slug}", slug)
        body = get_json(client, url)
        texts.append(json.dumps(body, ensure_ascii=False))
        if body.get("next"):
            texts.append(json.dumps(walk(client, body["next"]), ensure_ascii=False))
    return "\n".join(texts)


def test_nothing_private_appears_anywhere(client, world):
    everything = _every_answer(client, world.slug)

    assert "Layla Hassan" in everything
    assert "Waterkeepers Iraq" in everything
    leaked = [canary for canary in NEVER if canary in everything]
    assert not leaked


def test_nothing_of_another_forum_appears_under_a_forum(client, world):
    text = _every_answer(client, world.slug).replace("ksf-2017", "")  # the forums list names it
    forum_parts = [
        get_json(client, f"/api/v1/forums/{world.slug}/{part}")
        for part in ("themes", "rooms", "programme", "organizations")
    ]

    assert "Tammuz Organization" in text
    parts = json.dumps(forum_parts, ensure_ascii=False)
    assert not [canary for canary in NOT_OF_THE_OTHER_FORUM if canary in parts]
    other = json.dumps(get_json(client, f"/api/v1/forums/{world.other_slug}/programme"))
    assert "Session of the other forum" in other
    assert "Save the Tigris" not in other


@pytest.mark.parametrize("part", ["", "/themes", "/rooms", "/programme", "/organizations"])
def test_a_draft_forum_is_not_found_even_by_its_staff(app, client, world, part):
    with app.app_context():
        organizer = factories.make_user()
        draft = db.session.scalar(db.select(Forum).where(Forum.slug == DRAFT_SLUG))
        factories.grant_role(organizer, draft, ForumRoleName.ORGANIZER)
        db.session.commit()

    assert get_json(client, f"/api/v1/forums/{DRAFT_SLUG}{part}", status=404) == {
        "error": "not_found"
    }
    assert get_json(client, f"/api/v1/forums/no-such-forum{part}", status=404)


def test_a_local_forum_names_its_season_but_never_a_draft_one(client, world):
    assert get_json(client, f"/api/v1/forums/{LOCAL_SLUG}")["parent"] == world.slug
    assert get_json(client, "/api/v1/forums/child-of-a-draft")["parent"] is None


def test_only_consenting_presenters_and_listed_organizations_are_named(client, world):
    sessions = {
        session["id"]: session for session in walk(client, f"/api/v1/forums/{world.slug}/programme")
    }

    tigris = sessions[world.programme.tigris_id]
    assert tigris["presenters"] == [{"name": "Layla Hassan"}]
    assert [o["name"]["en"] for o in tigris["organizations"]] == [
        "Humat Dijla",
        "Waterkeepers Iraq",
    ]
    assert sessions[world.programme.workers_id]["organizations"] == []


def test_a_lockdown_names_no_organization_and_no_presenter(app, client, world):
    with app.app_context():
        forum = db.session.get(Forum, world.programme.forum_id)
        start_lockdown(factories.make_user(is_site_admin=True), forum)
        db.session.commit()

    sessions = walk(client, f"/api/v1/forums/{world.slug}/programme")
    assert sessions, "the programme itself stays"
    assert all(s["organizations"] == [] and s["presenters"] == [] for s in sessions)
    assert walk(client, f"/api/v1/forums/{world.slug}/organizations") == []
    everything = _every_answer(client, world.slug)
    assert "Layla Hassan" not in everything
    assert "Tammuz" not in everything


def test_a_site_wide_lockdown_names_nobody_in_any_forum(app, client, world):
    with app.app_context():
        start_lockdown(factories.make_user(is_site_admin=True))
        db.session.commit()

    assert walk(client, f"/api/v1/forums/{world.slug}/organizations") == []
    assert "Layla Hassan" not in _every_answer(client, world.slug)


def test_the_answer_is_the_same_signed_in_or_not(app, client, world):
    anonymous = _every_answer(client, world.slug)
    with app.app_context():
        admin = factories.make_user(is_site_admin=True)
        secret = factories.enable_two_factor(admin)
        db.session.commit()
        email = admin.email
    log_in(client, email, totp_secret=secret)
    assert _every_answer(client, world.slug) == anonymous
