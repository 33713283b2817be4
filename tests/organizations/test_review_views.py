"""The registration queue, a registration's page and decisions, through HTTP."""

import re
from datetime import timedelta

import pytest

from app.core.db import utcnow
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import CharterVersion, Forum, ForumStatus
from app.organizations.models import (
    Delegate,
    OrganizationType,
    Registration,
    RegistrationChannel,
)
from app.organizations.models import RegistrationStatus as Status
from tests import factories
from tests.helpers import csrf_token, log_in, outbox_to, post_form

QUEUE = "/isf-4/staff/registrations/"


@pytest.fixture
def forum_id(app):
    with app.app_context():
        forum = factories.make_forum(
            slug="isf-4", status=ForumStatus.OPEN, name_en="ISF 4", name_ar="المنتدى الرابع"
        )
        forum.charters.append(CharterVersion(version=1, text_en="Charter"))
        db.session.commit()
        return forum.id


@pytest.fixture
def organizer(app, forum_id):
    client = app.test_client()
    with app.app_context():
        user = factories.make_user(name="Huda")
        secret = factories.enable_two_factor(user)
        factories.grant_role(user, db.session.get(Forum, forum_id), ForumRoleName.ORGANIZER)
        db.session.commit()
        email = user.email
    log_in(client, email, totp_secret=secret)
    return client


def _register(app, forum_id, delegates=1, members=(), registration=None, **organization):
    with app.app_context():
        forum = db.session.get(Forum, forum_id)
        people = [factories.make_user(**fields) for fields in members]
        made = factories.make_organization(members=people, **organization)
        registered = factories.make_registration(
            forum, made, delegates=delegates, **(registration or {})
        )
        db.session.commit()
        return registered.id


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def _listed(page: str) -> list[str]:
    """The names in the queue, in order."""
    return re.findall(r'/staff/registrations/\d+"><bdi>([^<]*)</bdi>', page)


def test_the_queue_lists_this_forums_registrations_only(app, forum_id, organizer):
    _register(app, forum_id, name_en="Tammuz Organization")
    with app.app_context():
        person = factories.make_user(name="Layla Individual")
        factories.make_registration(db.session.get(Forum, forum_id), None, individual_id=person.id)
        other = factories.make_forum(slug="najaf", status=ForumStatus.OPEN)
        factories.make_registration(
            other, factories.make_organization(name_en="Najaf Only Group"), delegates=2
        )
        db.session.commit()

    page = _page(organizer, QUEUE)

    assert _listed(page) == ["Tammuz Organization", "Layla Individual"]
    assert "Najaf Only Group" not in page
    assert "Individual" in page


def test_the_queue_filters_by_status_governorate_and_type(app, forum_id, organizer):
    union = {"governorate": "basra", "kind": OrganizationType.TRADE_UNION}
    youth = {"governorate": "baghdad", "kind": OrganizationType.YOUTH_GROUP}
    _register(app, forum_id, name_en="Basra Union", **union)
    _register(
        app, forum_id, name_en="Baghdad Youth", registration={"status": Status.APPROVED}, **youth
    )
    with app.app_context():
        person = factories.make_user(name="Solo Activist")
        factories.make_registration(db.session.get(Forum, forum_id), None, individual_id=person.id)
        db.session.commit()

    assert _listed(_page(organizer, f"{QUEUE}?status=approved")) == ["Baghdad Youth"]
    assert _listed(_page(organizer, f"{QUEUE}?governorate=basra")) == ["Basra Union"]
    assert _listed(_page(organizer, f"{QUEUE}?kind=youth_group")) == ["Baghdad Youth"]
    assert _listed(_page(organizer, f"{QUEUE}?kind=individual")) == ["Solo Activist"]
    # A value the form does not know is no filter at all.
    assert len(_listed(_page(organizer, f"{QUEUE}?status=nonsense"))) == 3
    empty = _page(organizer, f"{QUEUE}?status=rejected")
    assert "No registration matches these filters." in empty


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("منظمه تموز", "منظمة تموز للتنمية الاجتماعية"),  # ة written as ه
        ("تَمّوز", "منظمة تموز للتنمية الاجتماعية"),  # with harakat
        ("ئاشتي", "ڕێکخراوی ئاشتی"),  # Kurdish written with the Arabic yeh
        ("ڕێکخراوی", "ڕێکخراوی ئاشتی"),
        ("tosd", "منظمة تموز للتنمية الاجتماعية"),  # the acronym, any case
        ("100%", None),  # LIKE wildcards are plain characters
    ],
)
def test_the_queue_searches_names_in_any_script(app, forum_id, organizer, query, found):
    _register(app, forum_id, name_ar="منظمة تموز للتنمية الاجتماعية", name_en=None, acronym="TOSD")
    _register(app, forum_id, name_ckb="ڕێکخراوی ئاشتی", name_en=None)
    _register(app, forum_id, name_en="Unrelated Group")

    page = _page(organizer, f"{QUEUE}?q={query}")

    assert _listed(page) == ([found] if found else [])
    assert "Individual participants are not searched" in page


def test_the_queue_is_paginated_and_keeps_its_filters(app, forum_id, organizer):
    with app.app_context():
        forum = db.session.get(Forum, forum_id)
        start = utcnow() - timedelta(days=1)
        for number in range(30):
            made = factories.make_organization(name_en=f"Group {number:02}", governorate="najaf")
            factories.make_registration(
                forum, made, created_at=start + timedelta(minutes=number), delegates=0
            )
        factories.make_registration(forum, factories.make_organization(name_en="Elsewhere"))
        db.session.commit()

    first = _page(organizer, f"{QUEUE}?governorate=najaf")
    assert _listed(first) == [f"Group {n:02}" for n in range(25)]
    assert "Page 1 of 2" in first
    assert 'href="/isf-4/staff/registrations/?page=2&amp;governorate=najaf"' in first
    second = _page(organizer, f"{QUEUE}?governorate=najaf&page=2")
    assert _listed(second) == [f"Group {n:02}" for n in range(25, 30)]
    assert _listed(_page(organizer, f"{QUEUE}?governorate=najaf&page=99")) == _listed(second)


def test_the_queue_shows_counts_capacity_channel_and_an_empty_state(app, forum_id, organizer):
    assert "No registration yet." in _page(organizer, QUEUE)
    with app.app_context():
        forum = db.session.get(Forum, forum_id)
        forum.max_organizations, forum.max_delegates = 60, 200
        db.session.commit()
    _register(app, forum_id, delegates=3, registration={"status": Status.APPROVED})
    _register(app, forum_id, delegates=2, name_en="Paper Group",
              registration={"channel": RegistrationChannel.PAPER})  # fmt: skip

    page = _page(organizer, QUEUE)

    assert "1 of 60 organizations" in page
    assert "3 of 200 delegates" in page
    assert "Paper form" in page
    assert re.search(r"Waiting for review <span[^>]*>1</span>", page)
    assert re.search(r"Approved <span[^>]*>1</span>", page)


def test_the_detail_shows_contacts_delegates_and_the_charter(app, forum_id, organizer):
    registration_id = _register(
        app, forum_id, delegates=0, members=[{"name": "Amal", "email": "amal@example.org"}],
        name_en="Tammuz", contact_email="office@tammuz.example", contact_phone="+9647801112233",
    )  # fmt: skip
    with app.app_context():
        registration = db.session.get(Registration, registration_id)
        forum = db.session.get(Forum, forum_id)
        registration.charter_version = forum.charters[0]
        registration.endorsed_at = utcnow()
        registration.delegates.append(
            Delegate(name="Zainab", phone="+9647701234567", email="zainab@example.org",
                     interpretation_into=["en"], needs_step_free=True, other_needs="A quiet room")
        )  # fmt: skip
        forum.charters.append(CharterVersion(version=2, text_en="Charter, revised"))
        db.session.commit()

    page = _page(organizer, f"{QUEUE}{registration_id}")

    for shown in ("Tammuz", "Amal", "amal@example.org", "office@tammuz.example",
                  "+964 780 111 2233", "Zainab", "+964 770 123 4567", "zainab@example.org",
                  "A quiet room", "Step-free access", "Version 1 endorsed",
                  "not the current version"):  # fmt: skip
        assert shown in page, shown


def test_an_approval_is_emailed_to_each_member_in_their_language(app, forum_id, organizer):
    registration_id = _register(app, forum_id, members=[
        {"email": "amal@example.org", "locale": "ar"},
        {"email": "karwan@example.org", "locale": "ckb"},
    ])  # fmt: skip
    url = f"{QUEUE}{registration_id}"

    response = post_form(organizer, f"{url}/decision", {"decision": "approved"}, page_url=url)

    assert response.headers["Location"] == url
    assert "Approved. The registrants have been told by email." in _page(organizer, url)
    with app.app_context():
        assert db.session.get(Registration, registration_id).status is Status.APPROVED
        (to_amal,) = outbox_to("amal@example.org")
        (to_karwan,) = outbox_to("karwan@example.org")
        assert (to_amal.locale, to_karwan.locale) == ("ar", "ckb")
        assert "المنتدى الرابع" in to_amal.body_text
        assert f"/isf-4/register/{registration_id}" in to_amal.body_text


def test_a_rejection_without_reason_is_explained_beside_the_field(app, forum_id, organizer):
    registration_id = _register(app, forum_id)
    url = f"{QUEUE}{registration_id}"

    response = post_form(organizer, f"{url}/decision", {"decision": "rejected"}, page_url=url)

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Give the reason for rejecting" in page
    assert re.search(r'value="rejected"[^>]*checked|checked[^>]*value="rejected"', page)
    with app.app_context():
        assert db.session.get(Registration, registration_id).status is Status.PENDING

    response = post_form(
        organizer, f"{url}/decision", {"decision": "rejected", "reason": "Not a CSO"}, page_url=url
    )
    assert response.headers["Location"] == url
    page = _page(organizer, url)
    assert "Not a CSO" in page
    assert "Huda" in page  # the history names who decided


def test_a_post_without_a_decision_changes_nothing(app, forum_id, organizer):
    registration_id = _register(app, forum_id, members=[{"email": "amal@example.org"}])
    url = f"{QUEUE}{registration_id}"

    response = organizer.post(
        f"{url}/decision", data={"csrf_token": csrf_token(organizer.get(url))}
    )

    assert response.headers["Location"] == QUEUE
    with app.app_context():
        assert db.session.get(Registration, registration_id).status is Status.PENDING
        assert outbox_to("amal@example.org") == []


def test_a_decision_no_longer_possible_is_refused(app, forum_id, organizer):
    registration_id = _register(app, forum_id, registration={"status": Status.WITHDRAWN})
    url = f"{QUEUE}{registration_id}"
    page = _page(organizer, url)
    assert "nothing to decide" in page

    response = organizer.post(
        f"{url}/decision",
        data={"decision": "approved", "csrf_token": csrf_token(organizer.get(url))},
    )

    assert response.headers["Location"] == url
    assert "that decision is not possible any more" in _page(organizer, url)


def test_a_full_forum_waitlists_and_the_button_promotes_after_raising_it(app, forum_id, organizer):
    with app.app_context():
        db.session.get(Forum, forum_id).max_organizations = 1
        db.session.commit()
    _register(app, forum_id, registration={"status": Status.APPROVED})
    registration_id = _register(app, forum_id, members=[{"email": "wait@example.org"}])
    url = f"{QUEUE}{registration_id}"

    post_form(organizer, f"{url}/decision", {"decision": "approved"}, page_url=url)

    assert "The forum is full" in _page(organizer, url)
    with app.app_context():
        assert db.session.get(Registration, registration_id).status is Status.WAITLISTED
        db.session.get(Forum, forum_id).max_organizations = 2
        db.session.commit()
    queue = _page(organizer, QUEUE)
    assert "Approve from the waiting list" in queue
    organizer.post(
        f"{QUEUE}waiting-list", data={"csrf_token": csrf_token(organizer.get(QUEUE))}
    )  # no "yes"
    with app.app_context():
        assert db.session.get(Registration, registration_id).status is Status.WAITLISTED

    response = post_form(organizer, f"{QUEUE}waiting-list", {"promote": "yes"}, page_url=QUEUE)

    assert response.headers["Location"] == QUEUE
    with app.app_context():
        assert db.session.get(Registration, registration_id).status is Status.APPROVED
        assert len(outbox_to("wait@example.org")) == 2  # waitlisted, then approved


def test_the_staff_menu_leads_to_the_queue(app, forum_id, organizer):
    page = _page(organizer, "/isf-4/staff/")
    assert f'href="{QUEUE}">Registrations' in page
