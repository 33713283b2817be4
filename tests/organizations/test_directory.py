"""The public directory: approved organizations that may be listed, and nothing personal."""

import re

import pytest

from app.core.db import utcnow
from app.extensions import db
from app.forums.models import Forum, ForumStatus
from app.organizations import directory
from app.organizations.models import Delegate, OrganizationType
from app.organizations.models import RegistrationStatus as Status
from app.safety.services import start_lockdown
from tests import factories

URL = "/isf-4/organizations"
CANARY_PHONE = "+9647709998877"
CANARY_EMAIL = "canary-delegate@example.org"
CANARY_CONTACT = "canary-office@example.org"


@pytest.fixture
def forum_id(app):
    with app.app_context():
        forum = factories.make_forum(slug="isf-4", status=ForumStatus.OPEN, name_en="ISF 4")
        db.session.commit()
        return forum.id


@pytest.fixture
def visitor(client):
    client.set_cookie("lang", "en")
    return client


def _organization(app, forum_id, status=Status.APPROVED, forum_slug=None, **fields):
    values = {"listed_publicly": True, **fields}
    with app.app_context():
        forum = db.session.get(Forum, forum_id)
        if forum_slug:
            forum = factories.make_forum(slug=forum_slug, status=ForumStatus.OPEN)
        made = factories.make_organization(**values)
        factories.make_registration(forum, made, status=status)
        db.session.commit()
        return made.id


def _names(page: str) -> list[str]:
    return re.findall(r'<h2 class="h6 mb-1"><bdi>([^<]*)</bdi>', page)


def test_the_directory_shows_exactly_the_public_fields(app, visitor, forum_id):
    member = {"email": "member-canary@example.org", "name": "Member Canary"}
    with app.app_context():
        forum = db.session.get(Forum, forum_id)
        made = factories.make_organization(
            members=[factories.make_user(**member)],
            name_ar="منظمة تموز للتنمية الاجتماعية",
            name_en="Tammuz Organization for Social Development",
            acronym="TOSD",
            kind=OrganizationType.NGO,
            governorate="baghdad",
            fields_of_work=["womens_rights", "peace"],
            website="https://tammuz.example/ar",
            contact_email=CANARY_CONTACT,
            contact_phone="+9647801112233",
            registration_number="REG-CANARY-1234",
            description_en="Description canary",
            listed_publicly=True,
        )
        registration = factories.make_registration(forum, made, status=Status.APPROVED)
        registration.delegates.append(
            Delegate(name="Delegate Canary", phone=CANARY_PHONE, email=CANARY_EMAIL)
        )
        db.session.commit()

    arabic = app.test_client().get(URL).get_data(as_text=True)  # the site's first language
    assert _names(arabic) == ["منظمة تموز للتنمية الاجتماعية"]
    response = visitor.get(URL)

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert _names(page) == ["Tammuz Organization for Social Development"]
    for shown in ("TOSD", "NGO", "Baghdad", "Women&#39;s rights", "Peace and coexistence"):
        assert shown in page, shown
    assert '<a href="https://tammuz.example/ar" rel="nofollow noopener"' in page
    for secret in (CANARY_PHONE, "770 999 8877", CANARY_EMAIL, CANARY_CONTACT, "780 111 2233",
                   "Delegate Canary", "REG-CANARY-1234", "Description canary",
                   "Member Canary", "member-canary@example.org"):  # fmt: skip
        assert secret not in page, secret


def test_only_approved_listed_visible_organizations_of_this_forum_appear(app, visitor, forum_id):
    _organization(app, forum_id, name_en="Listed Approved")
    _organization(app, forum_id, name_en="Unlisted Approved", listed_publicly=False)
    _organization(app, forum_id, name_en="Hidden Approved", hidden_at=utcnow())
    for status in (Status.PENDING, Status.WAITLISTED, Status.REJECTED, Status.WITHDRAWN):
        _organization(app, forum_id, status=status, name_en=f"Listed {status}")
    _organization(app, forum_id, forum_slug="najaf", name_en="Other Forum Approved")
    with app.app_context():
        person = factories.make_user(name="Individual Canary")
        factories.make_registration(
            db.session.get(Forum, forum_id), None, individual_id=person.id, status=Status.APPROVED
        )
        db.session.commit()

    page = visitor.get(URL).get_data(as_text=True)

    assert _names(page) == ["Listed Approved"]
    for absent in ("Unlisted", "Hidden", "Listed pending", "Other Forum", "Individual Canary"):
        assert absent not in page, absent


def test_during_a_lockdown_the_directory_shows_no_name(app, visitor, forum_id):
    _organization(app, forum_id, name_en="Listed Approved")
    with app.app_context():
        start_lockdown(factories.make_user(is_site_admin=True), db.session.get(Forum, forum_id))
        db.session.commit()

    page = visitor.get(URL).get_data(as_text=True)

    assert "The directory is not shown at the moment." in page
    assert "Listed Approved" not in page
    assert "organization" not in re.sub(r"<[^>]+>", "", page).split("moment.")[1].lower()


def test_a_website_that_is_not_http_is_not_linked(app, visitor, forum_id):
    _organization(app, forum_id, name_en="Scripted", website="javascript:alert(1)")
    _organization(app, forum_id, name_en="Plain", website="http://plain.example")

    page = visitor.get(URL).get_data(as_text=True)

    assert "javascript:" not in page
    assert 'href="http://plain.example"' in page


@pytest.mark.parametrize(
    ("url", "names"),
    [
        (f"{URL}?kind=trade_union", ["Basra Union"]),
        (f"{URL}?governorate=erbil", ["Erbil Youth"]),
        (f"{URL}?q=منظمه", ["منظمة البصرة"]),
        (f"{URL}?q=BU", ["Basra Union"]),
        (f"{URL}?kind=nonsense", ["Basra Union", "Erbil Youth", "منظمة البصرة"]),
    ],
)
def test_the_directory_filters_and_searches(app, visitor, forum_id, url, names):
    _organization(app, forum_id, name_en="Basra Union", acronym="BU", governorate="basra",
                  kind=OrganizationType.TRADE_UNION)  # fmt: skip
    _organization(app, forum_id, name_en="Erbil Youth", governorate="erbil",
                  kind=OrganizationType.YOUTH_GROUP)  # fmt: skip
    _organization(app, forum_id, name_en=None, name_ar="منظمة البصرة", governorate="basra")

    assert _names(visitor.get(url).get_data(as_text=True)) == names


def test_the_directory_is_paginated_by_fifty_and_keeps_its_filters(app, visitor, forum_id):
    with app.app_context():
        forum = db.session.get(Forum, forum_id)
        for number in range(51):
            made = factories.make_organization(
                name_en=f"Group {number:02}", governorate="najaf", listed_publicly=True
            )
            factories.make_registration(forum, made, status=Status.APPROVED)
        db.session.commit()

    first = visitor.get(f"{URL}?governorate=najaf").get_data(as_text=True)
    second = visitor.get(f"{URL}?governorate=najaf&page=2").get_data(as_text=True)

    assert len(_names(first)) == 50
    assert _names(second) == ["Group 50"]
    assert 'href="/isf-4/organizations?page=2&amp;governorate=najaf"' in first


def test_an_empty_directory_says_so_and_the_forum_page_links_to_it(app, visitor, forum_id):
    assert "No organization is listed yet." in visitor.get(URL).get_data(as_text=True)
    assert f'href="{URL}"' in visitor.get("/isf-4/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://a.example", "https://a.example"),
        (" http://a.example/x ", "http://a.example/x"),
        ("HTTPS://A.example", "HTTPS://A.example"),
        ("javascript:alert(1)", None),
        ("data:text/html,x", None),
        ("//a.example", None),
        ("https://", None),
        ("", None),
        (None, None),
    ],
)
def test_only_http_websites_are_kept(url, safe):
    assert directory.safe_website(url) == safe
