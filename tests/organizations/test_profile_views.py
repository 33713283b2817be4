"""The profile pages through HTTP: "my organizations", creating, the profile, editing,
"hide us"; members only, contacts never shown to anyone else."""

from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.forums.models import ForumStatus
from app.organizations.models import Organization, RegistrationStatus
from tests import factories
from tests.helpers import log_in, post_form, statements_run

FORM = {
    "name_ar": "منظمة تموز للتنمية الاجتماعية",
    "name_en": "Tammuz Organization for Social Development",
    "acronym": "TOSD",
    "kind": "ngo",
    "legal_status": "registered_baghdad",
    "registration_number": "1Z5678",
    "country": "IQ",
    "governorate": "baghdad",
    "fields_of_work": ["peace", "womens_rights"],
    "website": "tammuz.example.org",
    "social_links": "https://facebook.com/tammuz\r\nhttps://x.com/tammuz",
    "description_ar": "تستضيف أمانة المنتدى الاجتماعي العراقي",
    "contact_email": "info@tammuz.example.org",
    "contact_phone": "0770 123 4567",
    "listed_publicly": "y",
}


def _signed_in(app, **fields):
    """A client signed in as a new account; returns (client, user id)."""
    client = app.test_client()
    with app.app_context():
        user = factories.make_user(**fields)
        db.session.commit()
        user_id, email = user.id, user.email
    log_in(client, email)
    return client, user_id


def _organization_with_member(app, **fields):
    """An organization with a secret-looking contact; returns (member's client, its id)."""
    client, user_id = _signed_in(app)
    with app.app_context():
        organization = factories.make_organization(
            members=[db.session.get(factories.User, user_id)],
            contact_phone="+9647701234567",
            contact_email="secret-contact@example.org",
            **fields,
        )
        db.session.commit()
        organization_id = organization.id
    return client, organization_id


def test_the_header_links_to_my_organizations_for_signed_in_people_only(app, client):
    assert "My organizations" not in client.get("/").get_data(as_text=True)
    signed_in, _ = _signed_in(app)
    assert 'href="/organizations/"' in signed_in.get("/").get_data(as_text=True)


def test_without_an_organization_the_page_offers_to_create_one(app):
    client, _ = _signed_in(app)
    with app.app_context():
        factories.make_organization(members=[factories.make_user()], name_en="Someone Else's")
        db.session.commit()
    page = client.get("/organizations/").get_data(as_text=True)
    assert "You are not a member of any organization yet." in page
    assert 'href="/organizations/new"' in page
    assert "Someone Else" not in page


def test_creating_an_organization_stores_the_profile_and_shows_it(app):
    client, user_id = _signed_in(app)

    response = post_form(client, "/organizations/new", FORM)

    with app.app_context():
        organization = db.session.scalar(sa.select(Organization))
        assert response.headers["Location"] == f"/organizations/{organization.id}"
        assert organization.contact_phone == "+9647701234567"
        assert organization.website == "https://tammuz.example.org"
        assert organization.social_links == ["https://facebook.com/tammuz", "https://x.com/tammuz"]
        assert organization.fields_of_work == ["womens_rights", "peace"]
        assert organization.listed_publicly is True
        assert [m.user_id for m in organization.members] == [user_id]
        organization_id = organization.id
    page = client.get(f"/organizations/{organization_id}").get_data(as_text=True)
    assert "is created, and you are its first member" in page
    assert '<a href="tel:+9647701234567" dir="ltr">+964 770 123 4567</a>' in page
    assert "info@tammuz.example.org" in page
    assert "1Z5678" in page
    assert "Baghdad" in page
    assert 'lang="ar" dir="rtl">تستضيف' in page


def test_bad_answers_are_shown_beside_their_fields_keeping_what_was_typed(app):
    client, _ = _signed_in(app)
    typed = {
        **FORM,
        "name_ar": "",
        "name_en": "",
        "contact_phone": "0770 12",
        "registration_number": "",
        "governorate": "",
        "website": "javascript:alert(1)",
    }
    response = post_form(client, "/organizations/new", typed)

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Give the name in at least one language." in page
    assert "This is not a phone number" in page
    assert 'value="0770 12"' in page
    assert "Give the registration number of the NGO Directorate." in page
    assert "Choose the governorate of an organization in Iraq." in page
    assert "Write a web address such as https://example.org." in page
    assert 'value="TOSD"' in page
    with app.app_context():
        assert db.session.scalar(sa.select(Organization)) is None


def test_an_organization_abroad_has_no_governorate(app):
    client, _ = _signed_in(app)
    typed = {**FORM, "country": "IT", "governorate": "baghdad"}
    page = post_form(client, "/organizations/new", typed).get_data(as_text=True)
    assert "Only an organization in Iraq has a governorate" in page
    response = post_form(client, "/organizations/new", {**typed, "governorate": ""})
    assert response.status_code == 302


def test_a_member_edits_the_profile_and_the_name_keys_follow(app):
    client, organization_id = _organization_with_member(app, name_en="Masarat")
    url = f"/organizations/{organization_id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert 'value="Masarat"' in page
    assert 'value="+964 770 123 4567"' in page

    response = post_form(client, url, {**FORM, "name_ar": "مسارات", "name_en": "Masarat"})

    assert response.headers["Location"] == f"/organizations/{organization_id}"
    with app.app_context():
        organization = db.session.get(Organization, organization_id)
        assert organization.name_keys == "|مسارات||masarat|"


def test_my_organizations_lists_mine_with_their_registrations(app):
    client, organization_id = _organization_with_member(app, name_en="Waterkeepers Iraq")
    with app.app_context():
        forum = factories.make_forum(
            name_en="ISF 4th season", status=ForumStatus.OPEN, start_date=date(2017, 11, 30)
        )
        organization = db.session.get(Organization, organization_id)
        factories.make_registration(forum, organization, status=RegistrationStatus.APPROVED)
        other = factories.make_organization(members=[factories.make_user()], name_en="Humat Dijla")
        factories.make_registration(factories.make_forum(name_en="Najaf local forum"), other)
        db.session.commit()

    page = client.get("/organizations/").get_data(as_text=True)

    assert "Waterkeepers Iraq" in page
    assert "ISF 4th season" in page
    assert "Approved" in page
    assert "Humat Dijla" not in page
    assert "Najaf local forum" not in page


def test_my_organizations_takes_the_same_statements_however_many_i_have(app):
    client, organization_id = _organization_with_member(app)
    with app.app_context():
        open_forum = factories.make_forum(
            status=ForumStatus.OPEN,
            registration_opens=date(2000, 1, 1),
            registration_closes=date(2999, 1, 1),
        )
        db.session.commit()
        open_slug = open_forum.slug
    client.get("/organizations/")  # warm up
    with statements_run(app) as few:
        assert client.get("/organizations/").status_code == 200
    with app.app_context():
        user = db.session.get(Organization, organization_id).members[0].user
        for number in range(8):
            organization = factories.make_organization(members=[user], name_en=f"Org {number}")
            for forum in (factories.make_forum(), factories.make_forum()):
                factories.make_registration(forum, organization)
        db.session.commit()

    with statements_run(app) as many:
        page = client.get("/organizations/").get_data(as_text=True)

    assert page.count("Org ") >= 8
    assert page.count(f"/{open_slug}/register") >= 9  # every organization may register
    assert len(many) == len(few)


def test_profile_pages_and_contacts_are_for_members_only(app):
    _, organization_id = _organization_with_member(app, name_en="Article 38 Coalition")
    outsider, _ = _signed_in(app)
    for path in ("", "/edit", "/members", "/members/1/remove"):
        response = outsider.get(f"/organizations/{organization_id}{path}")
        assert response.status_code == 404, path
        assert "secret-contact" not in response.get_data(as_text=True)
        assert "770" not in response.get_data(as_text=True)
    for page in ("/organizations/", "/organizations/new"):
        text = outsider.get(page).get_data(as_text=True)
        assert "Article 38" not in text
        assert "secret-contact" not in text
    assert app.test_client().get(f"/organizations/{organization_id}").status_code == 302


def test_hide_us_takes_the_organization_off_public_pages_and_back(app):
    client, organization_id = _organization_with_member(app)
    profile_url = f"/organizations/{organization_id}"
    url = f"/organizations/{organization_id}/hide"
    assert "Hide us everywhere" in client.get(profile_url).get_data(as_text=True)

    response = post_form(client, url, {"hidden": "yes"}, page_url=profile_url)

    assert response.headers["Location"] == profile_url
    page = client.get(profile_url).get_data(as_text=True)
    assert "off every public page" in page
    assert "Show us again" in page
    with app.app_context():
        assert db.session.get(Organization, organization_id).hidden_at is not None
    post_form(client, url, {}, page_url=profile_url)  # no choice: nothing changes
    with app.app_context():
        assert db.session.get(Organization, organization_id).hidden_at is not None
    post_form(client, url, {"hidden": "no"}, page_url=profile_url)
    with app.app_context():
        assert db.session.get(Organization, organization_id).hidden_at is None


def test_the_form_works_in_arabic_right_to_left(app):
    client, _ = _signed_in(app, locale="ar")
    page = client.get("/organizations/new").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert 'name="name_en"' in page
    assert 'dir="ltr" id="name_en"' in page
    assert 'id="contact_phone"' in page
