"""The lead invites co-organizers; the invited organization's members accept or decline."""

import sqlalchemy as sa
from flask_babel import force_locale, gettext

from app.activities.models import CoOrganizer, Presenter
from app.extensions import db
from app.forums.models import ForumStatus
from app.organizations.models import Organization, RegistrationStatus
from tests import factories
from tests.helpers import log_in, outbox_to, post_form

APPROVED = RegistrationStatus.APPROVED
PHONE = "+9647801112233"


def in_kurdish(app, message: str) -> str:
    """The page's text for a Kurdish-speaking member (their account's language)."""
    with app.test_request_context(), force_locale("ckb"):
        return gettext(message)


def _setting(app) -> dict:
    """A forum with a lead organization's activity, an approved organization with two
    members, one not approved, and an organization approved for another forum only."""
    with app.app_context():
        forum = factories.make_forum(slug="isf-4", status=ForumStatus.OPEN, name_en="ISF 4")
        other_forum = factories.make_forum(slug="najaf", status=ForumStatus.OPEN)
        lead_member = factories.make_user(name="Lina")
        lead = factories.make_organization(members=[lead_member], name_en="Tammuz")
        factories.make_registration(forum, lead, status=APPROVED)
        karwan = factories.make_user(email="karwan@example.org", locale="ckb")
        huda = factories.make_user(email="huda@example.org", locale="ar")
        invitee = factories.make_organization(members=[karwan, huda], name_en="Humat Dijla")
        factories.make_registration(forum, invitee, status=APPROVED)
        pending = factories.make_organization(name_en="Pending Org")
        factories.make_registration(forum, pending)
        elsewhere = factories.make_organization(name_en="Elsewhere Org")
        factories.make_registration(other_forum, elsewhere, status=APPROVED)
        activity = factories.make_activity(forum, lead, title_en="Save the Tigris")
        activity.presenters.append(Presenter(name="Secret Presenter", phone=PHONE))
        stranger = factories.make_user()
        db.session.commit()
        return {
            "activity_id": activity.id,
            "invitee_id": invitee.id,
            "lead_email": lead_member.email,
            "stranger_email": stranger.email,
        }


def _signed_in(app, email: str):
    client = app.test_client()
    log_in(client, email)
    return client


def _invite(app, setting) -> int:
    client = _signed_in(app, setting["lead_email"])
    url = f"/isf-4/activities/{setting['activity_id']}/co-organizers"
    response = post_form(client, url, {"organization_id": setting["invitee_id"]})
    assert response.headers["Location"] == url
    with app.app_context():
        return db.session.scalar(sa.select(CoOrganizer.id))


def test_the_lead_invites_an_approved_organization_and_its_members_are_emailed(app):
    setting = _setting(app)
    client = _signed_in(app, setting["lead_email"])
    url = f"/isf-4/activities/{setting['activity_id']}/co-organizers"
    page = client.get(url).get_data(as_text=True)
    assert "Humat Dijla" in page
    assert "Pending Org" not in page
    assert "Elsewhere Org" not in page
    assert "Secret Presenter" not in page

    co_organizer_id = _invite(app, setting)

    page = client.get(url).get_data(as_text=True)
    assert "Invited, no answer yet" in page
    assert "No other organization approved for this forum can be invited." in page
    with app.app_context():
        (to_karwan,) = outbox_to("karwan@example.org")
        (to_huda,) = outbox_to("huda@example.org")
        assert (to_karwan.locale, to_huda.locale) == ("ckb", "ar")
        assert f"/isf-4/activities/invitations/{co_organizer_id}" in to_karwan.body_text
        assert PHONE not in to_karwan.body_text


def test_an_organization_not_offered_cannot_be_invited(app):
    setting = _setting(app)
    client = _signed_in(app, setting["lead_email"])
    url = f"/isf-4/activities/{setting['activity_id']}/co-organizers"
    with app.app_context():
        pending_id = db.session.scalar(
            sa.select(Organization.id).where(Organization.name_en == "Pending Org")
        )
    response = post_form(client, url, {"organization_id": pending_id})
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(CoOrganizer.id))) == 0


def test_people_outside_the_lead_find_no_co_organizer_page(app):
    setting = _setting(app)
    _invite(app, setting)
    url = f"/isf-4/activities/{setting['activity_id']}/co-organizers"
    for email in (setting["stranger_email"], "karwan@example.org"):
        assert _signed_in(app, email).get(url).status_code == 404


def test_a_member_of_the_invited_organization_sees_the_summary_and_accepts(app):
    setting = _setting(app)
    co_organizer_id = _invite(app, setting)
    client = _signed_in(app, "karwan@example.org")
    url = f"/isf-4/activities/invitations/{co_organizer_id}"
    page = client.get(url).get_data(as_text=True)
    assert "Save the Tigris" in page
    assert "Tammuz" in page
    assert "Secret Presenter" not in page
    assert "780 111 2233" not in page

    response = post_form(client, f"{url}/answer", {"answer": "accept"}, page_url=url)

    assert response.headers["Location"] == "/isf-4/activities/mine"
    with app.app_context():
        assert db.session.get(CoOrganizer, co_organizer_id).accepted is True
    assert in_kurdish(app, "Your organization accepted this invitation.") in client.get(
        url
    ).get_data(as_text=True)
    # Answered once: a second answer changes nothing.
    post_form(client, f"{url}/answer", {"answer": "decline"}, page_url=url)
    with app.app_context():
        assert db.session.get(CoOrganizer, co_organizer_id).accepted is True


def test_declining_and_an_incomplete_answer(app):
    setting = _setting(app)
    co_organizer_id = _invite(app, setting)
    client = _signed_in(app, "huda@example.org")
    url = f"/isf-4/activities/invitations/{co_organizer_id}"
    response = post_form(client, f"{url}/answer", {"answer": "maybe"}, page_url=url)
    assert response.headers["Location"] == "/isf-4/activities/mine"
    with app.app_context():
        assert db.session.get(CoOrganizer, co_organizer_id).accepted is None
    post_form(client, f"{url}/answer", {"answer": "decline"}, page_url=url)
    with app.app_context():
        assert db.session.get(CoOrganizer, co_organizer_id).accepted is False


def test_others_find_no_invitation(app):
    setting = _setting(app)
    co_organizer_id = _invite(app, setting)
    url = f"/isf-4/activities/invitations/{co_organizer_id}"
    for email in (setting["stranger_email"], setting["lead_email"]):
        client = _signed_in(app, email)
        assert client.get(url).status_code == 404
        response = post_form(client, f"{url}/answer", {"answer": "accept"}, page_url="/")
        assert response.status_code == 404
    with app.app_context():
        assert db.session.get(CoOrganizer, co_organizer_id).accepted is None
    # Under another forum's slug the invitation does not exist either.
    client = _signed_in(app, "karwan@example.org")
    assert client.get(f"/najaf/activities/invitations/{co_organizer_id}").status_code == 404
