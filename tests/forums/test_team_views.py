"""Organizers grant and revoke forum roles by email; a revoked role stops at once."""

from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import ForumRole, ForumStatus
from tests import factories
from tests.helpers import log_in, outbox_to, post_form


def _forum_with_organizer(app):
    """An open forum, its organizer signed in on a client; returns (client, forum id)."""
    client = app.test_client()
    with app.app_context():
        forum = factories.make_forum(slug="isf-4", status=ForumStatus.OPEN, name_en="ISF 4")
        organizer = factories.make_user(name="Huda")
        secret = factories.enable_two_factor(organizer)
        factories.grant_role(organizer, forum, ForumRoleName.ORGANIZER)
        db.session.commit()
        forum_id, email = forum.id, organizer.email
    log_in(client, email, totp_secret=secret)
    return client, forum_id


def test_an_organizer_gives_a_role_by_email_and_the_person_is_told(app):
    client, _ = _forum_with_organizer(app)
    with app.app_context():
        factories.make_user(email="karwan@example.org", name="Karwan", locale="ckb")
        other = factories.make_forum(slug="najaf")
        factories.grant_role(factories.make_user(name="Elsewhere Person"), other, "reviewer")
        db.session.commit()

    response = post_form(
        client, "/isf-4/staff/team", {"email": " Karwan@Example.org", "role": "reviewer"}
    )

    assert response.headers["Location"] == "/isf-4/staff/team"
    page = client.get("/isf-4/staff/team").get_data(as_text=True)
    assert "Karwan" in page
    assert "Elsewhere Person" not in page
    with app.app_context():
        (email,) = outbox_to("karwan@example.org")
        assert email.locale == "ckb"


def test_unknown_accounts_and_roles_already_held_are_explained(app):
    client, _ = _forum_with_organizer(app)
    page = post_form(
        client, "/isf-4/staff/team", {"email": "nobody@example.org", "role": "reviewer"}
    ).get_data(as_text=True)
    assert "No account uses this address" in page
    assert 'value="nobody@example.org"' in page

    with app.app_context():
        factories.make_user(email="karwan@example.org")
        db.session.commit()
    post_form(client, "/isf-4/staff/team", {"email": "karwan@example.org", "role": "reviewer"})
    page = post_form(
        client, "/isf-4/staff/team", {"email": "karwan@example.org", "role": "reviewer"}
    ).get_data(as_text=True)
    assert "This person already has this role." in page


def test_a_revoked_role_stops_working_on_the_next_request(app):
    client, forum_id = _forum_with_organizer(app)
    reviewer_client = app.test_client()
    with app.app_context():
        reviewer = factories.make_user()
        forum_role = ForumRole(forum_id=forum_id, user_id=reviewer.id, role=ForumRoleName.REVIEWER)
        db.session.add(forum_role)
        db.session.commit()
        role_id, reviewer_email = forum_role.id, reviewer.email
    log_in(reviewer_client, reviewer_email)
    assert reviewer_client.get("/isf-4/staff/").status_code == 200

    confirm_page = client.get(f"/isf-4/staff/team/{role_id}/revoke")
    assert "Take the role" in confirm_page.get_data(as_text=True)
    post_form(client, f"/isf-4/staff/team/{role_id}/revoke", {})  # not confirmed
    assert reviewer_client.get("/isf-4/staff/").status_code == 200
    post_form(client, f"/isf-4/staff/team/{role_id}/revoke", {"confirm": "yes"})

    assert reviewer_client.get("/isf-4/staff/").status_code == 403


def test_the_last_organizer_cannot_be_removed(app):
    client, forum_id = _forum_with_organizer(app)
    with app.app_context():
        (role_id,) = [
            r.id
            for r in db.session.scalars(db.select(ForumRole).where(ForumRole.forum_id == forum_id))
        ]
    response = post_form(
        client,
        f"/isf-4/staff/team/{role_id}/revoke",
        {"confirm": "yes"},
        page_url="/isf-4/staff/team",
    )
    assert response.headers["Location"] == "/isf-4/staff/team"
    assert "at least one organizer" in client.get("/isf-4/staff/team").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(ForumRole, role_id) is not None
