"""Organizations imported from CSV: per-row problems naming their column, duplicates,
all or nothing, Arabic and Kurdish text kept as typed."""

import codecs
import csv
import io

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from app.audit.models import AuditEvent
from app.extensions import db
from app.organizations import csv_import, export
from app.organizations.csv_import import ImportProblem, import_organizations, preview_import
from app.organizations.forms_data import issue_message
from app.organizations.models import LegalStatus, Organization, OrganizationType
from app.organizations.normalise import name_keys
from app.organizations.services import ProfileProblem
from tests import factories

TAMMUZ = "منظمة تموز للتنمية الاجتماعية"
PEACE = "ڕێکخراوی ئاشتی و ئازادی"
HEADER = ["name_ar", "name_ckb", "name_en", "type", "governorate", "contact_phone"]


def csv_text(rows: list[dict], header: list[str] = HEADER) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=header)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def good(**values) -> dict:
    return {"name_en": "Waterkeepers Iraq", "type": "ngo", "governorate": "baghdad", **values}


def organization_count() -> int:
    return db.session.scalar(sa.select(sa.func.count(Organization.id)))


@pytest.fixture
def actors(ctx):
    """An organizer and their forum, the organizer reading English."""
    with force_locale("en"):
        yield factories.make_user(), factories.make_forum()


def problems(preview) -> list[tuple[int | None, str | None, str]]:
    issues = [*preview.file_issues, *(i for row in preview.rows for i in row.issues)]
    return [(issue.row, issue.column, str(issue.problem)) for issue in issues]


def test_a_file_with_arabic_and_kurdish_names_creates_the_same_names(actors):
    organizer, forum = actors
    text = csv_text(
        [
            good(name_ar=TAMMUZ, name_en="Tammuz", contact_phone="0770 123 4567"),
            good(name_ckb=PEACE, name_en="", governorate="erbil", type="Social movement"),
        ]
    )
    data = codecs.BOM_UTF8 + text.encode("utf-8")  # as Excel saves "CSV UTF-8"

    preview = preview_import(data)
    assert preview.is_valid, problems(preview)
    created = import_organizations(organizer, forum, preview.text)

    assert len(created) == 2
    found = db.session.scalar(sa.select(Organization).where(Organization.name_ar == TAMMUZ))
    assert found.name_en == "Tammuz"
    assert found.contact_phone == "+9647701234567"
    assert found.name_keys == name_keys(TAMMUZ, "Tammuz")
    assert found.created_by_id == organizer.id
    assert found.members == []
    assert found.legal_status is LegalStatus.INFORMAL
    assert found.country == "IQ"
    assert found.listed_publicly is False
    peace = db.session.scalar(sa.select(Organization).where(Organization.name_ckb == PEACE))
    assert peace.kind is OrganizationType.SOCIAL_MOVEMENT
    assert peace.governorate == "erbil"


def test_every_column_is_read(actors):
    organizer, forum = actors
    header = list(csv_import.IMPORT_COLUMNS)
    row = {
        "name_ar": TAMMUZ,
        "name_ckb": "ڕێکخراوی تەمووز",
        "name_en": "Tammuz Organization for Social Development",
        "acronym": "TOSD",
        "type": "NGO",
        "legal_status": "registered_baghdad",
        "registration_number": "1Z12345",
        "country": "iq",
        "governorate": "Baghdad",
        "fields_of_work": "human_rights; Women's rights؛peace",
        "website": "https://tammuz.example.org",
        "social_links": "https://facebook.com/tammuz https://x.com/tammuz",
        "contact_email": "Info@Tammuz.Example.org",
        "contact_phone": "+964 770 123 4567",
        "listed_publicly": "yes",
        "description_ar": "وصف",
        "description_ckb": "وەسف",
        "description_en": "Hosts the ISF secretariat.",
        "create_anyway": "no",
    }

    (organization,) = import_organizations(organizer, forum, csv_text([row], header))

    assert organization.legal_status is LegalStatus.REGISTERED_BAGHDAD
    assert organization.registration_number == "1Z12345"
    assert organization.country == "IQ"
    assert organization.governorate == "baghdad"
    assert organization.fields_of_work == ["human_rights", "womens_rights", "peace"]
    assert organization.social_links == ["https://facebook.com/tammuz", "https://x.com/tammuz"]
    assert organization.contact_email == "info@tammuz.example.org"
    assert organization.listed_publicly is True
    assert organization.description_ckb == "وەسف"
    assert organization.acronym == "TOSD"


def test_codes_may_be_written_as_their_labels_in_any_language(actors):
    with force_locale("ar"):
        from app.organizations.labels import ORGANIZATION_TYPE

        arabic_type = str(ORGANIZATION_TYPE[OrganizationType.TRADE_UNION])
    preview = preview_import(csv_text([good(type=arabic_type, governorate="بغداد")]))
    assert preview.is_valid, problems(preview)
    assert preview.rows[0].fields["kind"] is OrganizationType.TRADE_UNION
    assert preview.rows[0].fields["governorate"] == "baghdad"


@pytest.mark.parametrize(
    ("values", "column", "problem"),
    [
        ({"name_en": ""}, "name_ar, name_ckb, name_en", ProfileProblem.NO_NAME),
        ({"name_en": "x" * 201}, "name_en", ProfileProblem.TOO_LONG),
        ({"type": ""}, "type", ImportProblem.NO_TYPE),
        ({"type": "club"}, "type", ProfileProblem.UNKNOWN_TYPE),
        ({"governorate": ""}, "governorate", ProfileProblem.NEEDS_GOVERNORATE),
        ({"governorate": "gotham"}, "governorate", ProfileProblem.UNKNOWN_GOVERNORATE),
        ({"contact_phone": "12"}, "contact_phone", ProfileProblem.INVALID_PHONE),
    ],
)
def test_a_bad_cell_is_a_problem_of_its_row_and_column(actors, values, column, problem):
    preview = preview_import(csv_text([good(name_en="Fine"), good(**values)]))

    assert not preview.is_valid
    assert preview.rows[0].is_valid
    assert problems(preview) == [(3, column, str(problem))]


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("legal_status", "secret", ProfileProblem.UNKNOWN_LEGAL_STATUS),
        ("country", "Iraq", ProfileProblem.UNKNOWN_COUNTRY),
        ("fields_of_work", "peace;knitting", ImportProblem.FIELD_OF_WORK_NOT_FOUND),
        ("website", "ftp://example.org", ProfileProblem.INVALID_URL),
        ("social_links", "https://ok.example.org javascript:alert(1)", ProfileProblem.INVALID_URL),
        ("contact_email", "not-an-address", ProfileProblem.INVALID_EMAIL),
        ("listed_publicly", "maybe", ImportProblem.NOT_YES_NO),
        ("create_anyway", "perhaps", ImportProblem.NOT_YES_NO),
    ],
)
def test_other_columns_are_checked_too(actors, column, value, problem):
    header = [*HEADER, column]
    preview = preview_import(csv_text([good(**{column: value})], header))
    assert problems(preview) == [(2, column, str(problem))]


def test_a_registered_organization_needs_its_number(actors):
    header = [*HEADER, "legal_status"]
    preview = preview_import(csv_text([good(legal_status="registered_kurdistan")], header))
    assert problems(preview) == [(2, "registration_number", "needs_registration_number")]


def test_the_message_names_the_row_and_the_column(actors):
    preview = preview_import(
        csv_text([good(), good(name_en="B"), good(name_en="C", contact_phone="12")])
    )
    (issue,) = preview.rows[2].issues
    assert issue_message(issue) == "Row 4, contact_phone: not a valid phone number"


def test_a_name_already_used_is_a_problem_unless_the_row_says_create_anyway(actors):
    factories.make_organization(name_ar=TAMMUZ, name_en=None)
    header = [*HEADER, "create_anyway"]
    rows = [
        good(name_ar="منظّمة تمّوز للتنمية الإجتماعية", name_en=""),  # same after normalisation
        good(name_en="Masarat"),
        good(name_en="MASARAT"),
        good(name_en="Masarat ", create_anyway="yes"),
    ]

    preview = preview_import(csv_text(rows, header))

    assert problems(preview) == [
        (2, "name_ar", "already_exists"),
        (4, "name_en", "same_as_row"),
    ]
    assert preview.rows[0].issues[0].data == {"names": [TAMMUZ]}
    assert preview.rows[2].issues[0].data == {"other": 3}
    assert issue_message(preview.rows[2].issues[0]) == "Row 4, name_en: same name as row 3"


def test_a_bad_row_writes_nothing(actors):
    organizer, forum = actors
    before = organization_count()
    text = csv_text([good(name_en="A"), good(name_en="B", contact_phone="bad"), good(name_en="C")])

    with pytest.raises(csv_import.ImportRefused) as refused:
        import_organizations(organizer, forum, text)

    assert refused.value.preview.rows_with_problems == 1
    assert organization_count() == before


def test_a_failure_half_way_rolls_back_what_was_created(actors, monkeypatch):
    organizer, forum = actors
    before = organization_count()
    created = []
    original = csv_import._new_organization

    def failing(actor, fields):
        if len(created) == 2:
            raise RuntimeError("the database went away")
        created.append(original(actor, fields))
        db.session.flush()
        return created[-1]

    monkeypatch.setattr(csv_import, "_new_organization", failing)
    text = csv_text([good(name_en=name) for name in ("A", "B", "C")])

    with pytest.raises(RuntimeError):
        import_organizations(organizer, forum, text)

    assert len(created) == 2
    assert organization_count() == before
    assert not db.session.scalars(
        sa.select(AuditEvent.id).where(AuditEvent.action == "organizations_imported")
    ).all()


def test_an_import_is_audited_with_its_count_only(actors):
    organizer, forum = actors
    import_organizations(organizer, forum, csv_text([good(name_en="A"), good(name_en="B")]))
    event = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.action == "organizations_imported")
    )
    assert (event.actor_id, event.forum_id, event.details) == (organizer.id, forum.id, {"count": 2})


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["name_en", "type", "colour"], [(None, "colour", "unknown_column")]),
        (["name_en", "type", "name_en"], [(None, "name_en", "repeated_column")]),
        (["type"], [(None, "name_ar, name_ckb, name_en", "missing_column")]),
        (["name_en"], [(None, "type", "missing_column")]),
    ],
)
def test_the_header_is_checked_before_the_rows(actors, header, expected):
    text = ",".join(header) + "\r\nA,ngo,x\r\n"
    assert problems(preview_import(text)) == expected


def test_header_names_are_read_forgivingly(actors):
    text = "Name EN;Type;governorate\r\nHumat Dijla;ngo;basra\r\n"
    preview = preview_import(text.encode())
    assert preview.is_valid, problems(preview)


def test_a_file_in_another_encoding_is_refused_with_a_clear_message(actors):
    preview = preview_import("name_ar,type\nمنظمة,ngo\n".encode("cp1256"))
    assert problems(preview) == [(None, None, "not_utf8")]
    assert "CSV UTF-8" in issue_message(preview.file_issues[0])


def test_an_empty_file_and_a_file_without_rows_are_refused(actors):
    assert problems(preview_import(b"")) == [(None, None, "empty")]
    assert problems(preview_import(b"name_en,type\r\n,\r\n")) == [(None, None, "no_rows")]


def test_too_many_rows_are_refused(actors, monkeypatch):
    monkeypatch.setattr(csv_import, "MAX_ROWS", 2)
    preview = preview_import(csv_text([good(name_en=str(n)) for n in range(3)]))
    assert problems(preview) == [(None, None, "too_many_rows")]


def test_more_cells_than_columns_is_a_problem(actors):
    preview = preview_import("name_en,type,governorate\r\nA,ngo,basra,surprise\r\n")
    assert problems(preview) == [(2, None, "extra_cells")]
    assert issue_message(preview.rows[0].issues[0]) == "Row 2: there are more cells than columns"


def test_names_are_stored_as_typed_and_neutralised_only_in_exports(actors):
    organizer, forum = actors
    name = '=HYPERLINK("http://evil.example","x")'
    (organization,) = import_organizations(organizer, forum, csv_text([good(name_en=name)]))
    assert organization.name_en == name
    factories.make_registration(forum, organization, delegates=0)

    content = export.export_registrations(organizer, forum).content.decode("utf-8-sig")

    (row,) = csv.DictReader(io.StringIO(content, newline=""))
    assert row["name_en"] == "'" + name


def test_a_cell_longer_than_any_column_stops_the_row_there(actors):
    preview = preview_import(csv_text([good(contact_phone="1" * 5001)]))
    assert problems(preview) == [(2, "contact_phone", "cell_too_long")]
    assert issue_message(preview.rows[0].issues[0]) == (
        "Row 2, contact_phone: at most 5,000 characters"
    )
