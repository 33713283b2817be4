"""Organizations nobody runs on the site (imported, or left by their last member)
get a first member from site administrators: an invitation to an address, or a
request to join accepted. Once one has a member, its members decide again."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.organizations import claiming, members
from app.organizations.members import MembershipError, MembershipProblem
from app.organizations.models import Invitation, Organization, OrganizationMember
from tests import factories
from tests.helpers import csrf_token, log_in, outbox_to, post_form


@pytest.fixture
def admin(ctx):
    return factories.make_user(is_site_admin=True, email="admin@example.org")


def test_only_organizations_without_members_are_listed_those_asked_to_join_first(ctx, admin):
    run = factories.make_organization(members=[factories.make_user()], name_en="Run by someone")
    imported = factories.make_organization(name_en="Imported")
    asked = factories.make_organization(name_en="Asked to join")
    members.request_to_join(factories.make_user(), asked)

    page = claiming.unclaimed_page(1)

    assert [o.name_en for o in page.organizations] == ["Asked to join", "Imported"]
    assert run not in page.organizations
    assert len(page.join_requests[asked.id]) == 1
    assert page.join_requests[imported.id] == []
    assert claiming.unclaimed_page(2) is None


def test_a_long_list_is_paged(ctx):
    for number in range(claiming.UNCLAIMED_PAGE_SIZE + 3):
        factories.make_organization(name_en=f"Imported {number}")

    first, second = claiming.unclaimed_page(1), claiming.unclaimed_page(2)

    assert (first.pages, len(first.organizations), len(second.organizations)) == (2, 20, 3)
    assert not set(first.organizations) & set(second.organizations)


def test_a_request_to_join_an_organization_nobody_runs_goes_to_the_site_administrators(ctx, admin):
    organization = factories.make_organization(name_en="Humat Dijla")
    asking = factories.make_user(name="Dara")

    members.request_to_join(asking, organization)

    (mail,) = outbox_to("admin@example.org")
    assert "/admin/organizations/" in mail.body_text


def test_a_site_administrator_accepts_the_first_member_and_then_its_members_decide(ctx, admin):
    organization = factories.make_organization()
    first, second = factories.make_user(), factories.make_user()
    first_request = members.request_to_join(first, organization)
    second_request = members.request_to_join(second, organization)

    members.answer_join_request(admin, first_request, accept=True)

    assert members.member_count(organization) == 1
    with pytest.raises(MembershipError):
        members.answer_join_request(admin, second_request, accept=True)
    members.answer_join_request(first, second_request, accept=False)
    assert members.member_count(organization) == 1


def test_a_site_administrator_cannot_answer_for_an_organization_with_members(ctx, admin):
    organization = factories.make_organization(members=[factories.make_user()])
    join_request = members.request_to_join(factories.make_user(), organization)

    with pytest.raises(MembershipError) as refused:
        members.answer_join_request(admin, join_request, accept=True)
    assert refused.value.problem is MembershipProblem.NOT_A_MEMBER


def test_a_first_member_is_invited_only_while_there_is_none(ctx, admin):
    organization = factories.make_organization()

    invitation = claiming.invite_first_member(admin, organization, "Runs.It@Example.org")
    assert invitation.email == "runs.it@example.org"
    assert outbox_to("runs.it@example.org")

    db.session.add(
        OrganizationMember(organization_id=organization.id, user_id=factories.make_user().id)
    )
    db.session.flush()
    with pytest.raises(MembershipError) as refused:
        claiming.invite_first_member(admin, organization, "another@example.org")
    assert refused.value.problem is MembershipProblem.HAS_MEMBERS


def _admin_client(app):
    with app.app_context():
        user = factories.make_user(is_site_admin=True)
        secret = factories.enable_two_factor(user)
        organization = factories.make_organization(name_en="Waterkeepers Iraq")
        db.session.commit()
        email, organization_id = user.email, organization.id
    client = app.test_client()
    log_in(client, email, totp_secret=secret)
    return client, organization_id


def test_the_page_invites_and_keeps_a_wrong_address_beside_its_field(app):
    client, organization_id = _admin_client(app)
    field = f"invite-{organization_id}-email"

    wrong = post_form(
        client,
        f"/admin/organizations/{organization_id}/invite",
        {field: "not an address"},
        page_url="/admin/organizations/",
    )
    page = wrong.get_data(as_text=True)
    assert wrong.status_code == 200
    assert 'value="not an address"' in page
    assert "Enter a valid email address." in page

    sent = post_form(
        client,
        f"/admin/organizations/{organization_id}/invite",
        {field: "director@waterkeepers.example.org"},
        page_url="/admin/organizations/",
    )
    assert sent.status_code == 302
    with app.app_context():
        invitation = db.session.scalar(
            sa.select(Invitation).where(Invitation.organization_id == organization_id)
        )
        assert invitation.email == "director@waterkeepers.example.org"
    listed = client.get("/admin/organizations/").get_data(as_text=True)
    assert "director@waterkeepers.example.org" in listed


def test_the_page_accepts_a_request_to_join(app):
    client, organization_id = _admin_client(app)
    with app.test_request_context():
        asking = factories.make_user(name="Dara Ahmed")
        join_request = members.request_to_join(
            asking, db.session.get(Organization, organization_id)
        )
        db.session.commit()
        request_id, asking_id = join_request.id, asking.id
    assert "Dara Ahmed" in client.get("/admin/organizations/").get_data(as_text=True)

    answered = post_form(
        client,
        f"/admin/organizations/{organization_id}/join-requests/{request_id}",
        {"answer": "accept"},
        page_url="/admin/organizations/",
    )

    assert answered.status_code == 302
    with app.app_context():
        organization = db.session.get(Organization, organization_id)
        assert [m.user_id for m in organization.members] == [asking_id]
    assert "Waterkeepers Iraq" not in client.get("/admin/organizations/").get_data(as_text=True)


def test_the_page_is_in_arabic_too(app):
    client, _organization_id = _admin_client(app)
    post_form(client, "/language", {"language": "ar", "next": "/"}, page_url="/")
    page = client.get("/admin/organizations/").get_data(as_text=True)

    assert 'dir="rtl"' in page
    assert "Organizations without members" not in page


def test_inviting_first_members_is_rate_limited(app):
    client, organization_id = _admin_client(app)
    field = f"invite-{organization_id}-email"
    token = csrf_token(client.get("/admin/organizations/"))
    answers = [
        client.post(
            f"/admin/organizations/{organization_id}/invite",
            data={"csrf_token": token, field: "not an address"},
        ).status_code
        for _ in range(31)
    ]

    assert answers[:30] == [200] * 30
    assert answers[30] == 429
