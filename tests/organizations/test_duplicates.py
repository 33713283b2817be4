"""Creating an organization whose name another already has: the warning, asking to join
instead, or creating it anyway."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.organizations import services
from app.organizations.models import JoinRequest, Organization, OrganizationType
from tests import factories
from tests.helpers import log_in, outbox_to, post_form

FORM = {
    "kind": "ngo",
    "legal_status": "informal",
    "country": "IQ",
    "governorate": "baghdad",
}


@pytest.mark.parametrize(
    ("existing", "typed"),
    [
        ({"name_ar": "منظمة تموز"}, "منظمه تموز"),  # ة / ه
        ({"name_ar": "مُنَظَّمَة تَمُّوز"}, "منظمة تموز"),  # harakat
        ({"name_ckb": "کۆمەڵەی ژنان"}, "كۆمەڵەی ژنان"),  # Arabic kaf for Kurdish keheh
        ({"name_ckb": "ڕێکخراوی ئاشتی"}, "ڕێکخراوي ئاشتی"),  # Arabic yeh for Kurdish yeh
        ({"name_en": "Al Mesalla"}, "al-mesalla"),
        ({"name_ar": "منظمة تموز", "name_en": "Tammuz"}, "TAMMUZ"),  # any of its names
    ],
)
def test_names_read_as_the_same_find_the_existing_organization(ctx, existing, typed):
    organization = factories.make_organization(**{"name_en": None, **existing})
    assert services.similar_organizations(["", typed, None]) == [organization]


def test_only_whole_names_match_and_hidden_organizations_are_never_shown(ctx):
    factories.make_organization(name_ar="منظمة تموز للتنمية الاجتماعية", name_en=None)
    assert services.similar_organizations(["منظمة تموز"]) == []
    hidden = factories.make_organization(name_en="Masarat")
    hidden.hidden_at = hidden.created_at
    assert services.similar_organizations(["masarat"]) == []
    assert services.similar_organizations(["", None]) == []


def test_wildcards_in_a_name_are_plain_letters(ctx):
    factories.make_organization(name_en="100 women")
    assert services.similar_organizations(["100%"]) == []
    assert services.similar_organizations(["1_0 women"]) == []


def test_creating_a_look_alike_needs_the_creator_s_word(ctx):
    existing = factories.make_organization(name_ar="منظمة تموز", name_en=None)
    creator = factories.make_user()
    values = {"name_ar": "منظمه تموز", **FORM, "kind": OrganizationType.NGO}
    with pytest.raises(services.SimilarOrganizations) as found:
        services.create_organization(creator, **values)
    assert found.value.organizations == [existing]
    assert db.session.scalar(sa.select(sa.func.count(Organization.id))) == 1

    created = services.create_organization(creator, different_from_similar=True, **values)
    assert created.name_keys == existing.name_keys


def _client_with_account(app, **fields):
    client = app.test_client()
    with app.app_context():
        user = factories.make_user(**fields)
        db.session.commit()
        email = user.email
    log_in(client, email)
    return client


def test_the_warning_lists_the_look_alikes_then_create_anyway_keeps_what_was_typed(app):
    with app.app_context():
        existing = factories.make_organization(
            name_ar="منظمة تموز", name_en=None, acronym="TOSD", governorate="baghdad"
        )
        factories.make_organization(name_en="Peace and Freedom Organization")
        db.session.commit()
        existing_id = existing.id
    client = _client_with_account(app)
    typed = {**FORM, "name_ar": "منظمه تموز", "contact_phone": "0770 123 4567"}

    page = post_form(client, "/organizations/new", typed).get_data(as_text=True)

    assert "These organizations look the same" in page
    assert "TOSD" in page
    assert f'action="/organizations/{existing_id}/join"' in page
    assert "Peace and Freedom" not in page
    assert 'value="منظمه تموز"' in page
    assert 'value="0770 123 4567"' in page
    assert "It is a different organization" in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Organization.id))) == 2

    response = post_form(client, "/organizations/new", {**typed, "different_organization": "y"})
    assert response.status_code == 302
    with app.app_context():
        created = db.session.scalars(sa.select(Organization).order_by(Organization.id)).all()[-1]
        assert created.name_ar == "منظمه تموز"
        assert response.headers["Location"] == f"/organizations/{created.id}"


def test_ask_to_join_from_the_warning_tells_the_members(app):
    with app.app_context():
        member = factories.make_user(email="huda@example.org", locale="ar")
        existing = factories.make_organization(members=[member], name_en="Al Mesalla")
        db.session.commit()
        existing_id = existing.id
    client = _client_with_account(app, name="Karwan")
    page_url = "/organizations/new"
    post_form(client, page_url, {**FORM, "name_en": "al mesalla"})

    response = post_form(
        client, f"/organizations/{existing_id}/join", {"confirm": "yes"}, page_url=page_url
    )

    assert response.headers["Location"] == "/organizations/"
    assert "Your request to join" in client.get("/organizations/").get_data(as_text=True)
    with app.app_context():
        (request,) = db.session.scalars(sa.select(JoinRequest)).all()
        assert request.organization_id == existing_id
        (email,) = outbox_to("huda@example.org")
        assert email.locale == "ar"
        assert "Karwan" in email.body_text
    again = post_form(
        client, f"/organizations/{existing_id}/join", {"confirm": "yes"}, page_url=page_url
    )
    assert again.headers["Location"] == "/organizations/"
    assert "already asked to join" in client.get("/organizations/").get_data(as_text=True)
    # The organization's own pages stay closed to the person asking.
    assert client.get(f"/organizations/{existing_id}").status_code == 404


def test_only_an_organization_the_warning_showed_can_be_asked(app):
    """Trying ids finds nothing: no name, no email to its members."""
    with app.app_context():
        member = factories.make_user(email="member@example.org")
        hidden = factories.make_organization(name_en="Hidden", members=[member])
        hidden.hidden_at = hidden.created_at
        unlisted = factories.make_organization(name_en="Unlisted", members=[member])
        db.session.commit()
        hidden_id, unlisted_id = hidden.id, unlisted.id
    client = _client_with_account(app)
    for organization_id in (hidden_id, unlisted_id, 999999):
        response = post_form(
            client,
            f"/organizations/{organization_id}/join",
            {"confirm": "yes"},
            page_url="/organizations/",
        )
        assert response.status_code == 404
        assert "Unlisted" not in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(sa.select(JoinRequest)).all() == []
        assert outbox_to("member@example.org") == []
