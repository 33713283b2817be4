"""The registration screens through HTTP: a member's journey, an individual's, the
organizers' registration on behalf, and who sees a delegate's phone (only the
organization's members here; never another organization, a visitor or a public page)."""

from datetime import timedelta

import sqlalchemy as sa
from flask import render_template_string
from flask_babel import force_locale

from app.core.db import utcnow
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.listing import local_today
from app.forums.models import CharterVersion, ForumStatus
from app.forums.services import publish_charter
from app.organizations.models import Registration, RegistrationChannel, RegistrationStatus
from tests import factories
from tests.helpers import log_in, outbox_to, post_form

PHONE_TYPED, PHONE_SHOWN, PHONE_KEPT = "0770 123 4567", "+964 770 123 4567", "+9647701234567"


def day(offset: int):
    """A date ``offset`` days from today in Baghdad (the forums' time zone here)."""
    return local_today("Asia/Baghdad", utcnow()) + timedelta(days=offset)


def open_forum(slug="isf-4", **fields):
    """An open forum whose registration window holds today, cap 3, charter v1."""
    values = {
        "slug": slug,
        "status": ForumStatus.OPEN,
        "name_en": "ISF 4",
        "start_date": day(20),
        "end_date": day(22),
        "registration_opens": day(-5),
        "registration_closes": day(5),
        "max_delegates_per_organization": 3,
        **fields,
    }
    forum = factories.make_forum(**values)
    forum.charters.append(
        CharterVersion(version=1, text_en="Charter of Principles", text_ar="ميثاق المبادئ")
    )
    db.session.flush()
    return forum


def signed_in_member(app, client, organization_name="Tammuz Organization", **forum_fields):
    """A forum, an organization and its member signed in; returns their ids."""
    with app.app_context():
        forum = open_forum(**forum_fields)
        member = factories.make_user(name="Huda Ahmed")
        organization = factories.make_organization(members=[member], name_en=organization_name)
        db.session.commit()
        ids = {"forum": forum.slug, "organization": organization.id, "member": member.id}
        email = member.email
    log_in(client, email)
    return ids


def delegate_fields(index: int, name: str, phone: str = "", **extra) -> dict:
    return {f"delegates-{index}-name": name, f"delegates-{index}-phone": phone, **{
        f"delegates-{index}-{key}": value for key, value in extra.items()
    }}  # fmt: skip


def charter_id(app, slug: str) -> int:
    with app.app_context():
        forum = db.session.scalar(sa.select(factories.Forum).where(factories.Forum.slug == slug))
        return forum.current_charter.id


def register_through_the_pages(app, client, ids, *rows: dict) -> str:
    url = f"/{ids['forum']}/register/organizations/{ids['organization']}"
    data = {"endorse": "y", "charter_version": charter_id(app, ids["forum"])}
    for row in rows:
        data.update(row)
    response = post_form(client, url, data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def test_a_member_registers_their_organization_with_three_delegates(app):
    client = app.test_client()
    ids = signed_in_member(app, client)
    start = client.get(f"/{ids['forum']}/register/").get_data(as_text=True)
    assert "Tammuz Organization" in start
    assert "Registration open until" in start
    chosen = post_form(client, f"/{ids['forum']}/register/", {"registrant": ids["organization"]})
    assert (
        chosen.headers["Location"]
        == f"/{ids['forum']}/register/organizations/{ids['organization']}"
    )

    form = client.get(chosen.headers["Location"]).get_data(as_text=True)
    assert "Charter of Principles" in form
    assert "ميثاق المبادئ" in form  # the other languages, folded
    assert "We endorse the charter (version 1)" in form
    assert "The charter has changed" not in form
    assert form.count('name="delegates-')
    assert 'name="delegates-2-name"' in form

    location = register_through_the_pages(
        app,
        client,
        ids,
        delegate_fields(0, "Huda Ahmed", PHONE_TYPED, languages="ar", gender="woman"),
        delegate_fields(1, "Karwan Ali", "+964 750 123 4567", languages="ckb"),
        delegate_fields(2, "Sara", "", email="sara@example.org", needs_step_free="y"),
    )
    page = client.get(location)
    assert page.headers["Cache-Control"] == "private, no-store"
    text = page.get_data(as_text=True)
    assert "Waiting for review" in text
    assert "Huda Ahmed" in text
    assert "Karwan Ali" in text
    assert "Sara" in text
    assert f'<span dir="ltr">{PHONE_SHOWN}</span>' in text
    with app.app_context():
        registration = db.session.scalar(sa.select(Registration))
        assert [d.phone for d in registration.delegates] == [PHONE_KEPT, "+9647501234567", None]
        assert registration.delegates[2].needs_step_free
        assert registration.status is RegistrationStatus.PENDING
    # Registered: the form now leads to the registration.
    again = client.get(f"/{ids['forum']}/register/organizations/{ids['organization']}")
    assert again.headers["Location"] == location


def test_bad_input_is_explained_beside_the_field_and_kept(app):
    client = app.test_client()
    ids = signed_in_member(app, client)
    url = f"/{ids['forum']}/register/organizations/{ids['organization']}"
    response = post_form(
        client,
        url,
        {"charter_version": charter_id(app, ids["forum"]), **delegate_fields(0, "Huda", "12345"),
         **delegate_fields(1, "", "", email="someone@example.org")},
    )  # fmt: skip
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Tick the box to endorse the charter" in page
    assert "This is not a phone number" in page
    assert "Give the name." in page
    assert 'value="12345"' in page
    assert 'value="someone@example.org"' in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


def test_no_delegate_and_too_many_delegates_are_refused(app):
    client = app.test_client()
    ids = signed_in_member(app, client)
    url = f"/{ids['forum']}/register/organizations/{ids['organization']}"
    base = {"endorse": "y", "charter_version": charter_id(app, ids["forum"])}
    page = post_form(client, url, base).get_data(as_text=True)
    assert "Give at least one delegate" in page
    crowd = {**base, **{k: v for i in range(4) for k, v in delegate_fields(i, f"P{i}").items()}}
    page = post_form(client, url, crowd).get_data(as_text=True)
    assert "At most 3 delegates" in page


def test_a_member_changes_the_delegates_and_endorses_a_new_charter(app):
    client = app.test_client()
    ids = signed_in_member(app, client)
    location = register_through_the_pages(
        app, client, ids, delegate_fields(0, "Huda", PHONE_TYPED), delegate_fields(1, "Karwan")
    )
    registration_id = int(location.rsplit("/", 1)[1])
    with app.app_context():
        forum = db.session.get(Registration, registration_id).forum
        publish_charter(forum, None, None, "Charter of Principles, amended")
        db.session.commit()
        first, second = (d.id for d in db.session.get(Registration, registration_id).delegates)
    view = client.get(location).get_data(as_text=True)
    assert "The charter has changed: endorse the new version." in view

    edit_url = f"{location}/edit"
    edit = client.get(edit_url).get_data(as_text=True)
    assert "amended" in edit
    assert "We endorse the charter (version 2)" in edit
    assert 'value="Karwan"' in edit
    change = {
        **delegate_fields(0, "Huda", PHONE_TYPED, delegate_id=first),
        **delegate_fields(1, "Karwan", "", delegate_id=second, remove="y"),
        **delegate_fields(2, "Sara"),
    }
    refused = post_form(client, edit_url, change).get_data(as_text=True)
    assert "Tick the box to endorse the charter" in refused
    done = post_form(
        client,
        edit_url,
        {**change, "endorse": "y", "charter_version": charter_id(app, ids["forum"])},
    )
    assert done.headers["Location"] == location
    with app.app_context():
        registration = db.session.get(Registration, registration_id)
        assert [d.name for d in registration.delegates] == ["Huda", "Sara"]
        assert registration.delegates[0].id == first
        assert registration.charter_version.version == 2
    assert "The charter has changed" not in client.get(location).get_data(as_text=True)


def test_after_the_window_the_registration_is_read_only_for_members(app):
    client = app.test_client()
    ids = signed_in_member(app, client)
    location = register_through_the_pages(app, client, ids, delegate_fields(0, "Huda"))
    with app.app_context():
        forum = db.session.scalar(sa.select(factories.Forum).where(factories.Forum.slug == "isf-4"))
        forum.registration_opens = day(-10)
        forum.registration_closes = day(-2)
        db.session.commit()
    view = client.get(location).get_data(as_text=True)
    assert "can no longer be changed" in view
    assert f'href="{location}/edit"' not in view
    edit = client.get(f"{location}/edit")
    assert edit.status_code == 200
    assert "it closed on" in edit.get_data(as_text=True)
    assert 'name="delegates-0-name"' not in edit.get_data(as_text=True)
    post_form(client, f"{location}/edit", delegate_fields(0, "Changed"), page_url=location)
    with app.app_context():
        assert db.session.scalar(sa.select(Registration)).delegates[0].name == "Huda"


def test_a_member_withdraws_after_confirming(app):
    client = app.test_client()
    ids = signed_in_member(app, client)
    location = register_through_the_pages(app, client, ids, delegate_fields(0, "Huda"))
    confirm = client.get(f"{location}/withdraw").get_data(as_text=True)
    assert "Withdraw this registration" in confirm
    post_form(client, f"{location}/withdraw", {})  # not confirmed
    with app.app_context():
        assert db.session.scalar(sa.select(Registration)).status is RegistrationStatus.PENDING
    done = post_form(client, f"{location}/withdraw", {"confirm": "yes"})
    assert done.headers["Location"] == location
    view = client.get(location).get_data(as_text=True)
    assert "Withdrawn" in view
    assert "Register again" in view
    with app.app_context():
        registration = db.session.scalar(sa.select(Registration))
        assert registration.status is RegistrationStatus.WITHDRAWN
        assert registration.withdrawn_at is not None


def test_outside_the_window_the_start_page_says_so_without_a_form(app):
    client = app.test_client()
    upcoming = {
        "registration_opens": day(3),
        "registration_closes": day(9),
    }
    ids = signed_in_member(app, client, **upcoming)
    for url in (
        f"/{ids['forum']}/register/",
        f"/{ids['forum']}/register/organizations/{ids['organization']}",
        f"/{ids['forum']}/register/individual",
    ):
        page = client.get(url)
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert "not open yet: it opens on" in text, url
        assert 'type="submit"' not in text.split("</header>", 1)[-1].split("<footer", 1)[0], url


def test_a_user_without_an_organization_is_pointed_to_a_profile_or_individual(app):
    client = app.test_client()
    with app.app_context():
        open_forum()
        user = factories.make_user()
        db.session.commit()
        email = user.email
    log_in(client, email)
    page = client.get("/isf-4/register/").get_data(as_text=True)
    assert "not a member of any organization" in page
    assert "Myself, as an individual activist" in page


def test_an_activist_registers_as_an_individual(app):
    client = app.test_client()
    with app.app_context():
        open_forum()
        activist = factories.make_user(name="Zainab Hassan")
        db.session.commit()
        email, activist_id = activist.email, activist.id
    log_in(client, email)
    form = client.get("/isf-4/register/individual").get_data(as_text=True)
    assert 'value="Zainab Hassan"' in form
    assert "I endorse the charter (version 1)" in form
    assert 'name="delegates-1-name"' not in form
    response = post_form(
        client,
        "/isf-4/register/individual",
        {"endorse": "y", "charter_version": charter_id(app, "isf-4"),
         **delegate_fields(0, "Zainab Hassan", "07501234567")},
    )  # fmt: skip
    location = response.headers["Location"]
    view = client.get(location).get_data(as_text=True)
    assert "You, as an individual" in view
    assert "+964 750 123 4567" in view
    with app.app_context():
        registration = db.session.scalar(sa.select(Registration))
        assert registration.individual_id == activist_id
    assert client.get("/isf-4/register/individual").headers["Location"] == location
    assert client.get(f"{location}/edit").status_code == 200
    # Someone else finds nothing there.
    other = app.test_client()
    with app.app_context():
        stranger = factories.make_user()
        db.session.commit()
        stranger_email = stranger.email
    log_in(other, stranger_email)
    assert other.get(location).status_code == 404


def test_a_delegates_phone_is_seen_by_the_organizations_members_only(app):
    client = app.test_client()
    ids = signed_in_member(app, client)
    location = register_through_the_pages(
        app, client, ids, delegate_fields(0, "Huda Ahmed", PHONE_TYPED)
    )
    assert PHONE_SHOWN in client.get(location).get_data(as_text=True)

    with app.app_context():
        outsider = factories.make_user()
        other_member = factories.make_user()
        factories.make_organization(members=[other_member], name_en="Al Mesalla")
        organizer = factories.make_user()
        secret = factories.enable_two_factor(organizer)
        forum = db.session.scalar(sa.select(factories.Forum).where(factories.Forum.slug == "isf-4"))
        factories.grant_role(organizer, forum, ForumRoleName.ORGANIZER)
        db.session.commit()
        people = [(outsider.email, None), (other_member.email, None), (organizer.email, secret)]
    for email, totp in people:
        other = app.test_client()
        log_in(other, email, totp_secret=totp)
        mine = f"/isf-4/register/organizations/{ids['organization']}"
        for url in (location, f"{location}/edit", f"{location}/withdraw", mine):
            assert other.get(url).status_code == 404, (email, url)
        for url in ("/isf-4/", "/isf-4/register/"):
            page = other.get(url).get_data(as_text=True)
            assert PHONE_SHOWN not in page
            assert PHONE_KEPT not in page
            assert "Huda Ahmed" not in page
    visitor = app.test_client()
    assert visitor.get(location).headers["Location"].startswith("/account/login")
    public = visitor.get("/isf-4/").get_data(as_text=True)
    assert PHONE_SHOWN not in public
    assert PHONE_KEPT not in public
    assert "Huda Ahmed" not in public


def test_the_forum_page_offers_registration_while_the_window_is_open(app):
    client = app.test_client()
    signed_in_member(app, client)
    page = client.get("/isf-4/").get_data(as_text=True)
    assert 'href="/isf-4/register/"' in page
    assert 'href="/isf-4/register/individual"' in page
    with app.app_context():
        forum = db.session.scalar(sa.select(factories.Forum).where(factories.Forum.slug == "isf-4"))
        forum.registration_closes = day(-1)
        forum.registration_opens = day(-3)
        db.session.commit()
    assert 'href="/isf-4/register/"' not in client.get("/isf-4/").get_data(as_text=True)


def test_registration_links_show_open_forums_and_registrations(app, ctx):
    forum = open_forum()
    closed = open_forum(
        slug="najaf",
        name_en="Najaf forum",
        registration_opens=day(-9),
        registration_closes=day(-2),
    )
    member = factories.make_user()
    organization = factories.make_organization(members=[member])
    registration = factories.make_registration(closed, organization)
    template = '{% include "organizations/registration_links.html" %}'
    with force_locale("en"):
        html = render_template_string(template, organization=organization)
    assert f'href="/{forum.slug}/register/organizations/{organization.id}"' in html
    assert f'href="/najaf/register/{registration.id}"' in html
    assert "See the registration for <bdi>Najaf forum</bdi>" in html
    assert f"/najaf/register/organizations/{organization.id}" not in html  # closed there


def _organizer_client(app):
    client = app.test_client()
    with app.app_context():
        forum = open_forum(
            registration_opens=day(-9),
            registration_closes=day(-2),
        )
        organizer = factories.make_user()
        secret = factories.enable_two_factor(organizer)
        factories.grant_role(organizer, forum, ForumRoleName.ORGANIZER)
        member = factories.make_user(email="member@example.org", locale="ar")
        organization = factories.make_organization(
            members=[member], name_ar="منظمة تمّوز للتنمية الاجتماعية", name_en="Tammuz"
        )
        factories.make_organization(name_en="Unrelated Union")
        db.session.commit()
        email, organization_id = organizer.email, organization.id
    log_in(client, email, totp_secret=secret)
    return client, organization_id


def test_an_organizer_registers_an_organization_on_its_behalf_after_the_window(app):
    client, organization_id = _organizer_client(app)
    url = "/isf-4/staff/registrations/on-behalf"
    # Typed without the shadda and with ه for ة: the Arabic name is still found.
    found = client.get(url, query_string={"q": "تموز للتنميه"}).get_data(as_text=True)
    assert ">Tammuz</bdi>" in found
    assert "Unrelated Union" not in found
    assert f"{url}?organization={organization_id}" in found

    form_url = f"{url}?organization={organization_id}"
    data = {
        "channel": "paper",
        "endorse": "y",
        "charter_version": charter_id(app, "isf-4"),
        **delegate_fields(0, "Huda", PHONE_TYPED),
    }
    refused = post_form(client, form_url, {**data, "channel": ""}).get_data(as_text=True)
    assert "Say how the registration reached you." in refused
    done = post_form(client, form_url, data)
    with app.app_context():
        registration = db.session.scalar(sa.select(Registration))
        assert done.headers["Location"] == f"/isf-4/staff/registrations/{registration.id}"
        assert registration.channel is RegistrationChannel.PAPER
        assert registration.delegates[0].phone == PHONE_KEPT
        (mail,) = outbox_to("member@example.org")
        assert mail.locale == "ar"
    again = client.get(form_url).get_data(as_text=True)
    assert "already registered" in again
    assert 'name="delegates-0-name"' not in again


def test_only_organizers_register_on_behalf(app):
    client = app.test_client()
    signed_in_member(app, client)
    assert client.get("/isf-4/staff/registrations/on-behalf").status_code == 403
