"""Profile rules without HTTP: creating, the legal status, place, links, contacts, hiding."""

import pytest
import sqlalchemy as sa

from app.accounts.privacy import export_personal_data
from app.audit.models import AuditEvent
from app.extensions import db
from app.organizations import contacts, services
from app.organizations.membership import members_of
from app.organizations.models import LegalStatus, Organization, OrganizationType
from app.organizations.services import ProfileError, ProfileProblem
from tests import factories


def _profile(**overrides) -> dict:
    values = {
        "name_ar": "منظمة تموز للتنمية الاجتماعية",
        "name_en": "Tammuz Organization for Social Development",
        "kind": OrganizationType.NGO,
        "legal_status": LegalStatus.REGISTERED_BAGHDAD,
        "registration_number": "1Z5678",
        "country": "IQ",
        "governorate": "baghdad",
        "fields_of_work": ["peace", "human_rights"],
        "website": "https://tammuz.example.org",
        "social_links": ["https://facebook.com/tammuz"],
        "contact_email": "info@tammuz.example.org",
        "contact_phone": "0770 123 4567",
        "listed_publicly": True,
    }
    values.update(overrides)
    return values


def _problems(**overrides) -> set[ProfileProblem]:
    with pytest.raises(ProfileError) as refused:
        services.clean_profile(_profile(**overrides))
    return refused.value.problems


def _events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)))


def test_the_creator_becomes_the_first_member_and_the_names_get_keys(ctx):
    creator = factories.make_user()
    organization = services.create_organization(creator, **_profile())

    assert members_of(organization) == [creator]
    assert organization.created_by_id == creator.id
    assert organization.name_keys == (
        "|منظمه تموز للتنمیه الاجتماعیه||tammuz organization for social development|"
    )
    assert organization.contact_phone == "+9647701234567"
    assert organization.fields_of_work == ["human_rights", "peace"]  # in the list's order
    (created,) = _events("organization_created")
    assert (created.actor_id, created.object_id) == (creator.id, organization.id)
    (added,) = _events("organization_member_added")
    assert added.details == {"user_id": creator.id}


def test_a_name_in_one_language_is_enough_but_one_is_needed(ctx):
    creator = factories.make_user()
    organization = services.create_organization(
        creator, **_profile(name_ar=None, name_en=None, name_ckb="ڕێکخراوی ئاشتی")
    )
    assert organization.name_ckb == "ڕێکخراوی ئاشتی"
    assert _problems(name_ar=" ", name_en="", name_ckb=None) == {ProfileProblem.NO_NAME}


@pytest.mark.parametrize(
    ("status", "number", "problems"),
    [
        (LegalStatus.REGISTERED_BAGHDAD, "", {ProfileProblem.NEEDS_REGISTRATION_NUMBER}),
        (LegalStatus.REGISTERED_KURDISTAN, None, {ProfileProblem.NEEDS_REGISTRATION_NUMBER}),
        (LegalStatus.REGISTERED_KURDISTAN, "K-778", set()),
        (LegalStatus.INFORMAL, "", set()),
        (LegalStatus.INFORMAL, "1Z5678", {ProfileProblem.INFORMAL_HAS_NUMBER}),
        ("charity", "1", {ProfileProblem.UNKNOWN_LEGAL_STATUS}),
    ],
)
def test_a_registered_organization_gives_its_number_and_an_informal_one_none(
    ctx, status, number, problems
):
    values = _profile(legal_status=status, registration_number=number)
    assert {issue.problem for issue in services.profile_issues(values)} == problems


@pytest.mark.parametrize(
    ("country", "governorate", "problem"),
    [
        ("IQ", None, ProfileProblem.NEEDS_GOVERNORATE),
        ("IQ", "kurdistan", ProfileProblem.UNKNOWN_GOVERNORATE),
        ("SE", "erbil", ProfileProblem.GOVERNORATE_OUTSIDE_IRAQ),
        ("XX", None, ProfileProblem.UNKNOWN_COUNTRY),
        ("", None, ProfileProblem.UNKNOWN_COUNTRY),
    ],
)
def test_an_organization_in_iraq_has_a_governorate_and_one_abroad_none(
    ctx, country, governorate, problem
):
    assert _problems(country=country, governorate=governorate) == {problem}


def test_an_organization_abroad_is_kept_without_governorate(ctx):
    cleaned = services.clean_profile(_profile(country="it", governorate=""))
    assert (cleaned["country"], cleaned["governorate"]) == ("IT", None)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0770 123 4567", "+9647701234567"),
        ("07701234567", "+9647701234567"),
        ("٠٧٧٠ ١٢٣ ٤٥٦٧", "+9647701234567"),  # Arabic-Indic digits
        ("+964 750 123 4567", "+9647501234567"),
        ("00964 780 123 4567", "+9647801234567"),
        ("+44 20 7946 0958", "+442079460958"),
        ("", None),
    ],
)
def test_phones_are_read_as_iraqi_and_stored_as_e164(typed, stored):
    assert contacts.normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["123", "0770", "not a phone", "+964 12", "0770 123 4567 89"])
def test_a_phone_that_cannot_exist_is_refused_beside_the_field(ctx, typed):
    with pytest.raises(ProfileError) as refused:
        services.clean_profile(_profile(contact_phone=typed))
    (issue,) = refused.value.issues
    assert (issue.problem, issue.field) == (ProfileProblem.INVALID_PHONE, "contact_phone")


def test_a_phone_is_shown_in_international_format():
    assert contacts.international_phone("+9647701234567") == "+964 770 123 4567"
    assert contacts.international_phone(None) == ""


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("https://tammuz.example.org", "https://tammuz.example.org"),
        (
            "http://waterkeepers-iraq.org/about?lang=ar",
            "http://waterkeepers-iraq.org/about?lang=ar",
        ),
        ("tammuz.example.org", "https://tammuz.example.org"),
        ("https://مثال.عراق/", "https://مثال.عراق/"),
    ],
)
def test_web_addresses_are_http_or_https(typed, stored):
    assert contacts.normalise_url(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "javascript:alert(1)",
        "ftp://files.example.org",
        "https://",
        "https://localhost",
        "https://exa mple.org",
        "https://user:secret@example.org",
        "https://example.org:99999",
        "mailto:info@example.org",
    ],
)
def test_anything_else_is_not_a_web_address(ctx, typed):
    assert _problems(website=typed) == {ProfileProblem.INVALID_URL}


def test_social_links_are_checked_one_by_one_and_limited(ctx):
    issues = services.profile_issues(
        _profile(social_links=["https://facebook.com/tammuz", "javascript:alert(1)"])
    )
    assert [(i.problem, i.data) for i in issues] == [
        (ProfileProblem.INVALID_URL, {"link": "javascript:alert(1)"})
    ]
    links = [f"https://example.org/{n}" for n in range(services.MAX_SOCIAL_LINKS + 1)]
    assert _problems(social_links=links) == {ProfileProblem.TOO_MANY_LINKS}
    cleaned = services.clean_profile(_profile(social_links=["x.example.org", "x.example.org"]))
    assert cleaned["social_links"] == ["https://x.example.org"]


def test_contact_email_and_fields_of_work_are_checked(ctx):
    assert _problems(contact_email="info@") == {ProfileProblem.INVALID_EMAIL}
    assert _problems(fields_of_work=["peace", "weapons"]) == {ProfileProblem.UNKNOWN_FIELD_OF_WORK}
    assert _problems(kind="club") == {ProfileProblem.UNKNOWN_TYPE}
    assert _problems(acronym="X" * 31) == {ProfileProblem.TOO_LONG}


def test_every_problem_is_reported_at_once(ctx):
    assert _problems(name_ar=None, name_en=None, contact_phone="1", website="ftp://x.org") == {
        ProfileProblem.NO_NAME,
        ProfileProblem.INVALID_PHONE,
        ProfileProblem.INVALID_URL,
    }


def test_editing_refreshes_the_name_keys(ctx):
    creator = factories.make_user()
    organization = services.create_organization(creator, **_profile())
    services.update_organization(
        creator, organization, **_profile(name_ar="منظمة تموز", name_en=None)
    )
    assert organization.name_keys == "|منظمه تموز|"
    assert _events("organization_changed")[0].object_id == organization.id


def test_hide_us_sets_and_clears_the_moment_and_is_audited(ctx):
    creator = factories.make_user()
    organization = factories.make_organization(members=[creator])
    services.set_hidden(creator, organization, True)
    assert organization.hidden_at is not None
    services.set_hidden(creator, organization, True)  # already hidden: nothing more
    services.set_hidden(creator, organization, False)
    assert organization.hidden_at is None
    events = _events("hidden_from_public")
    assert [(e.object_type, e.details) for e in events] == [
        ("organizations", {"hidden": True}),
        ("organizations", {"hidden": False}),
    ]


def test_a_person_s_data_download_holds_their_organizations(ctx):
    person = factories.make_user()
    mine = factories.make_organization(members=[person], name_ar="مسارات")
    factories.make_organization(members=[factories.make_user()], name_en="Not theirs")
    exported = export_personal_data(person)
    assert [(o["id"], o["name_ar"]) for o in exported["organizations"]] == [(mine.id, "مسارات")]
    assert db.session.get(Organization, mine.id) is not None
