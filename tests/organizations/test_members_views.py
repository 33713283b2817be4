"""Members through HTTP: invite and accept, cancel, join requests, leaving; a member of
one organization finds nothing of another."""

import sqlalchemy as sa

from app.extensions import db
from app.organizations.membership import members_of
from app.organizations.models import Invitation, JoinRequest, Organization, OrganizationMember
from tests import factories
from tests.helpers import log_in, outbox_to, post_form


def _member_client(app, organization_name="Iraqi Women Journalists Forum", **user_fields):
    """A client signed in as the one member of a new organization: (client, org id, user id)."""
    client = app.test_client()
    with app.app_context():
        user = factories.make_user(**user_fields)
        organization = factories.make_organization(members=[user], name_en=organization_name)
        db.session.commit()
        ids = organization.id, user.id
        email = user.email
    log_in(client, email)
    return client, *ids


def _client_for(app, email: str):
    client = app.test_client()
    log_in(client, email)
    return client


def test_a_member_invites_an_account_which_accepts_and_joins(app):
    client, organization_id, _inviter_id = _member_client(app)
    with app.app_context():
        factories.make_user(email="shilan@example.org", name="Shilan", locale="ckb")
        db.session.commit()
    members_url = f"/organizations/{organization_id}/members"

    response = post_form(client, members_url, {"email": "Shilan@Example.org"})

    assert response.headers["Location"] == members_url
    page = client.get(members_url).get_data(as_text=True)
    assert "Invitation sent to" in page
    assert "shilan@example.org" in page
    with app.app_context():
        (email,) = outbox_to("shilan@example.org")
        assert email.locale == "ckb"
        invitation_id = db.session.scalar(sa.select(Invitation.id))

    invited = _client_for(app, "shilan@example.org")
    dashboard = invited.get("/organizations/").get_data(as_text=True)
    assert "Iraqi Women Journalists Forum" in dashboard
    assert f'action="/organizations/invitations/{invitation_id}"' in dashboard
    answer_url = f"/organizations/invitations/{invitation_id}"
    response = post_form(invited, answer_url, {"answer": "accept"}, page_url="/organizations/")

    assert response.headers["Location"] == f"/organizations/{organization_id}"
    assert invited.get(f"/organizations/{organization_id}").status_code == 200
    with app.app_context():
        names = [u.name for u in members_of(db.session.get(Organization, organization_id))]
        assert names[1] == "Shilan"
    # Fellow members see each other's addresses.
    assert "shilan@example.org" in client.get(members_url).get_data(as_text=True)


def test_an_invitation_is_answered_only_by_its_address_s_account(app):
    client, organization_id, _ = _member_client(app)
    members_url = f"/organizations/{organization_id}/members"
    post_form(client, members_url, {"email": "invitee@example.org"})
    with app.app_context():
        invitation_id = db.session.scalar(sa.select(Invitation.id))
        factories.make_user(email="someone-else@example.org")
        factories.make_user(email="invitee@example.org")
        db.session.commit()
    stranger = _client_for(app, "someone-else@example.org")
    url = f"/organizations/invitations/{invitation_id}"
    assert "Iraqi Women" not in stranger.get("/organizations/").get_data(as_text=True)
    response = post_form(stranger, url, {"answer": "accept"}, page_url="/organizations/")
    assert response.status_code == 404

    invitee = _client_for(app, "invitee@example.org")
    incomplete = post_form(invitee, url, {}, page_url="/organizations/")
    assert incomplete.headers["Location"] == "/organizations/"
    declined = post_form(invitee, url, {"answer": "decline"}, page_url="/organizations/")
    assert declined.headers["Location"] == "/organizations/"
    assert invitee.get(f"/organizations/{organization_id}").status_code == 404
    with app.app_context():
        assert db.session.get(Invitation, invitation_id).accepted is False


def test_an_address_without_account_is_invited_in_the_inviter_s_language(app):
    client, organization_id, _ = _member_client(app, locale="ar")
    post_form(client, f"/organizations/{organization_id}/members", {"email": "new@example.org"})
    with app.app_context():
        (email,) = outbox_to("new@example.org")
        assert email.locale == "ar"
        assert "/account/signup" in email.body_text


def test_inviting_a_member_or_an_address_twice_is_explained_beside_the_field(app):
    client, organization_id, _ = _member_client(app, email="huda@example.org")
    url = f"/organizations/{organization_id}/members"
    page = post_form(client, url, {"email": "huda@example.org"}).get_data(as_text=True)
    assert "already a member" in page
    post_form(client, url, {"email": "twice@example.org"})
    page = post_form(client, url, {"email": "twice@example.org"}).get_data(as_text=True)
    assert "has already been invited" in page
    assert 'value="twice@example.org"' in page
    page = post_form(client, url, {"email": "not an address"}).get_data(as_text=True)
    assert "Enter a valid email address." in page


def test_a_pending_invitation_can_be_cancelled(app):
    client, organization_id, _ = _member_client(app)
    members_url = f"/organizations/{organization_id}/members"
    post_form(client, members_url, {"email": "later@example.org"})
    with app.app_context():
        invitation_id = db.session.scalar(sa.select(Invitation.id))
    url = f"/organizations/{organization_id}/invitations/{invitation_id}/cancel"

    post_form(client, url, {}, page_url=members_url)  # no confirmation: nothing happens
    with app.app_context():
        assert db.session.get(Invitation, invitation_id) is not None
    response = post_form(client, url, {"confirm": "yes"}, page_url=members_url)

    assert response.headers["Location"] == members_url
    with app.app_context():
        assert db.session.get(Invitation, invitation_id) is None
    assert "later@example.org" not in client.get(members_url).get_data(as_text=True)


def test_members_answer_requests_to_join_on_the_members_page(app):
    client, organization_id, _ = _member_client(app)
    with app.app_context():
        asking = factories.make_user(name="Karwan", email="karwan@example.org")
        organization = db.session.get(Organization, organization_id)
        join_request = JoinRequest(organization_id=organization.id, user_id=asking.id)
        db.session.add(join_request)
        db.session.commit()
        request_id = join_request.id
    members_url = f"/organizations/{organization_id}/members"
    page = client.get(members_url).get_data(as_text=True)
    assert "Asking to join" in page
    assert "Karwan" in page

    url = f"/organizations/{organization_id}/join-requests/{request_id}"
    assert post_form(client, url, {}, page_url=members_url).headers["Location"] == (
        "/organizations/"
    )
    response = post_form(client, url, {"answer": "accept"}, page_url=members_url)

    assert response.headers["Location"] == members_url
    assert "\u2068Karwan\u2069 is now a member" in client.get(members_url).get_data(as_text=True)
    with app.app_context():
        (told,) = outbox_to("karwan@example.org")
        assert "You are now a member" in told.body_text
    assert (
        _client_for(app, "karwan@example.org").get(f"/organizations/{organization_id}").status_code
        == 200
    )


def test_a_member_leaves_after_confirming_but_the_last_one_stays(app):
    client, organization_id, user_id = _member_client(app)
    leave_url = f"/organizations/{organization_id}/members/{user_id}/remove"
    page = client.get(leave_url).get_data(as_text=True)
    assert "An organization always keeps at least one member" in page
    post_form(client, leave_url, {"confirm": "yes"}, page_url=f"/organizations/{organization_id}")
    with app.app_context():
        assert len(members_of(db.session.get(Organization, organization_id))) == 1
        second = factories.make_user(name="Second Member")
        db.session.add(OrganizationMember(organization_id=organization_id, user_id=second.id))
        db.session.commit()

    assert "Leave" in client.get(leave_url).get_data(as_text=True)
    response = post_form(client, leave_url, {"confirm": "yes"})

    assert response.headers["Location"] == "/organizations/"
    assert client.get(f"/organizations/{organization_id}").status_code == 404
    with app.app_context():
        names = [u.name for u in members_of(db.session.get(Organization, organization_id))]
        assert names == ["Second Member"]


def test_a_member_removes_another_member(app):
    client, organization_id, _ = _member_client(app)
    with app.app_context():
        other = factories.make_user(name="Leaving Soon")
        db.session.add(OrganizationMember(organization_id=organization_id, user_id=other.id))
        db.session.commit()
        other_id = other.id
    url = f"/organizations/{organization_id}/members/{other_id}/remove"
    assert "Remove <bdi>Leaving Soon</bdi> from" in client.get(url).get_data(as_text=True)
    response = post_form(client, url, {"confirm": "yes"})
    assert response.headers["Location"] == f"/organizations/{organization_id}/members"
    assert "Leaving Soon" not in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_member_of_one_organization_finds_nothing_of_another(app):
    client, mine_id, _ = _member_client(app, organization_name="Mine")
    with app.app_context():
        stranger = factories.make_user(name="Stranger Name", email="stranger@example.org")
        theirs = factories.make_organization(
            members=[stranger],
            name_en="Theirs",
            contact_phone="+9647809876543",
            contact_email="theirs-contact@example.org",
        )
        invitation = Invitation(
            organization_id=theirs.id, email="x@example.org", email_hash="x" * 64
        )
        join_request = JoinRequest(organization_id=theirs.id, user_id=factories.make_user().id)
        db.session.add_all([invitation, join_request])
        db.session.commit()
        theirs_id, stranger_id = theirs.id, stranger.id
        invitation_id, request_id = invitation.id, join_request.id

    gets = ["", "/edit", "/members", f"/members/{stranger_id}/remove"]
    for path in gets:
        response = client.get(f"/organizations/{theirs_id}{path}")
        assert response.status_code == 404, path
    posts = [
        f"/organizations/{theirs_id}/hide",
        f"/organizations/{theirs_id}/invitations/{invitation_id}/cancel",
        f"/organizations/{theirs_id}/join-requests/{request_id}",
        f"/organizations/{mine_id}/invitations/{invitation_id}/cancel",
        f"/organizations/{mine_id}/join-requests/{request_id}",
        f"/organizations/{mine_id}/members/{stranger_id}/remove",
    ]
    for url in posts:
        data = {"confirm": "yes", "answer": "accept", "hidden": "yes"}
        response = post_form(client, url, data, page_url="/organizations/")
        assert response.status_code == 404, url
    everything = "".join(
        client.get(page).get_data(as_text=True)
        for page in (
            "/organizations/",
            f"/organizations/{mine_id}",
            f"/organizations/{mine_id}/members",
        )
    )
    for secret in ("Theirs", "Stranger Name", "stranger@example.org", "9876543", "theirs-contact"):
        assert secret not in everything
    with app.app_context():
        assert db.session.get(Organization, theirs_id).hidden_at is None
        assert db.session.get(Invitation, invitation_id) is not None
        assert db.session.get(JoinRequest, request_id).answered_at is None
