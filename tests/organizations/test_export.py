"""Organizers' CSV exports of registrations and delegates: contents, scope, safety."""

import codecs
import csv
import io
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from app.audit.models import AuditEvent
from app.extensions import db
from app.forums.models import CharterVersion
from app.organizations import export
from app.organizations.models import (
    Delegate,
    Gender,
    OrganizationType,
    RegistrationChannel,
    RegistrationStatus,
)
from app.safety.services import ExportRefused, start_lockdown
from tests import factories

TAMMUZ = "منظمة تموز للتنمية الاجتماعية"
PEACE = "ڕێکخراوی ئاشتی و ئازادی"


def _rows(content: bytes) -> list[dict]:
    assert content.startswith(codecs.BOM_UTF8)
    text = content[len(codecs.BOM_UTF8) :].decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture
def forum(ctx):
    """A forum, its staff reading English (the default language is Arabic)."""
    forum = factories.make_forum(slug="isf-4")
    forum.charters.append(CharterVersion(version=2, text_en="Charter"))
    db.session.flush()
    with force_locale("en"):
        yield forum


def test_registrations_keep_arabic_and_kurdish_names_through_the_round_trip(forum):
    organizer = factories.make_user()
    tammuz = factories.make_organization(
        name_ar=TAMMUZ,
        name_en="Tammuz Organization for Social Development",
        acronym="TOSD",
        governorate="baghdad",
        contact_email="info@tammuz.example.org",
        contact_phone="+9647701234567",
    )
    peace = factories.make_organization(
        name_ckb=PEACE, name_en=None, kind=OrganizationType.SOCIAL_MOVEMENT, governorate="erbil"
    )
    first = factories.make_registration(
        forum,
        tammuz,
        delegates=3,
        channel=RegistrationChannel.PAPER,
        charter_version_id=forum.charters[0].id,
        status=RegistrationStatus.APPROVED,
        decided_at=datetime(2017, 11, 20, 9, 30, tzinfo=UTC),
    )
    factories.make_registration(forum, peace, delegates=1)

    result = export.export_registrations(organizer, forum)

    assert result.filename == "isf-4-registrations.csv"
    assert result.rows == 2
    rows = _rows(result.content)
    assert list(rows[0]) == list(export.REGISTRATION_COLUMNS)
    assert rows[0]["registration_id"] == str(first.id)
    assert (rows[0]["name_ar"], rows[1]["name_ckb"]) == (TAMMUZ, PEACE)
    assert rows[0]["status"] == "approved"
    assert rows[0]["status_label"] == "Approved"
    assert rows[0]["channel"] == "paper"
    assert rows[0]["registrant"] == "organization"
    assert (rows[0]["type"], rows[0]["type_label"]) == ("ngo", "NGO")
    assert (rows[1]["type"], rows[1]["type_label"]) == ("social_movement", "Social movement")
    assert (rows[0]["governorate"], rows[0]["governorate_label"]) == ("baghdad", "Baghdad")
    assert rows[0]["delegates"] == "3"
    assert rows[0]["charter_version"] == "2"
    assert rows[0]["decided_at"] == "2017-11-20T09:30:00+00:00"
    assert rows[0]["submitted_at"].endswith("+00:00")
    assert rows[0]["contact_email"] == "info@tammuz.example.org"
    assert rows[0]["contact_phone"] == "'+9647701234567"  # text, not a number, in Excel


def test_labels_are_in_the_organizer_s_language_beside_the_codes(forum):
    organization = factories.make_organization(governorate="baghdad")
    factories.make_registration(forum, organization, delegates=0)

    with force_locale("ar"):
        (row,) = _rows(export.export_registrations(factories.make_user(), forum).content)

    assert (row["governorate"], row["governorate_label"]) == ("baghdad", "بغداد")
    assert row["status"] == "pending"
    assert row["type"] == "ngo"


def test_only_this_forum_s_registrations_and_delegates_are_exported(forum):
    other = factories.make_forum(slug="najaf")
    canary = factories.make_organization(name_en="Canary organization")
    registration = factories.make_registration(other, canary, delegates=1)
    registration.delegates[0].name = "Canary delegate"
    factories.make_registration(forum, factories.make_organization(name_en="Ours"), delegates=1)
    organizer = factories.make_user()

    registrations = export.export_registrations(organizer, forum).content.decode("utf-8-sig")
    delegates = export.export_delegates(organizer, forum).content.decode("utf-8-sig")

    assert "Ours" in registrations
    assert "Ours" in delegates
    assert "Canary" not in registrations + delegates


def test_delegates_of_withdrawn_registrations_are_left_out(forum):
    kept = factories.make_registration(forum, factories.make_organization(name_en="Kept"))
    kept.delegates[0:1] = [
        Delegate(
            name="Zainab",
            phone="+9647801234567",
            email="zainab@example.org",
            gender=Gender.WOMAN,
            languages=["ar", "en"],
            interpretation_into=["en"],
            needs_step_free=True,
            other_needs="A quiet room",
        )
    ]
    withdrawn = factories.make_registration(
        forum, factories.make_organization(name_en="Gone"), status=RegistrationStatus.WITHDRAWN
    )
    withdrawn.delegates[0].name = "Withdrawn delegate"
    db.session.flush()

    result = export.export_delegates(factories.make_user(), forum)

    assert result.filename == "isf-4-delegates.csv"
    (row,) = _rows(result.content)
    assert list(row) == list(export.DELEGATE_COLUMNS)
    assert row == {
        "registration_id": str(kept.id),
        "registration_status": "pending",
        "organization": "Kept",
        "delegate_name": "Zainab",
        "phone": "'+9647801234567",
        "email": "zainab@example.org",
        "gender": "woman",
        "languages": "ar;en",
        "interpretation_into": "en",
        "step_free": "yes",
        "other_needs": "A quiet room",
    }
    assert export.export_counts(forum) == (2, 1)


def test_an_individual_participant_is_exported_as_such(forum):
    person = factories.make_user()
    registration = factories.make_registration(forum, None, delegates=1, individual_id=person.id)
    registration.delegates[0].name = "Hawre"

    (registration_row,) = _rows(export.export_registrations(person, forum).content)
    (delegate_row,) = _rows(export.export_delegates(person, forum).content)

    assert registration_row["registrant"] == "individual"
    assert registration_row["name_en"] == registration_row["contact_email"] == ""
    assert delegate_row["organization"] == "Individual participant"
    assert delegate_row["delegate_name"] == "Hawre"


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://evil.example","x")', "+1", "-2", "@SUM(A1:A9)", "\tx", "\rx"]
)
def test_every_formula_trigger_in_a_delegate_s_name_is_neutralised(forum, name):
    registration = factories.make_registration(forum, factories.make_organization(name_en=name))
    registration.delegates[0].name = name

    (delegate,) = _rows(export.export_delegates(factories.make_user(), forum).content)
    (organization,) = _rows(export.export_registrations(factories.make_user(), forum).content)

    assert delegate["delegate_name"] == "'" + name
    assert delegate["organization"] == "'" + name
    assert organization["name_en"] == "'" + name


def test_every_export_is_audited_with_its_kind_and_row_count(forum):
    organizer = factories.make_user()
    factories.make_registration(forum, factories.make_organization(), delegates=2)

    export.export_registrations(organizer, forum)
    export.export_delegates(organizer, forum)

    events = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "personal_data_exported")
    ).all()
    assert [(e.actor_id, e.forum_id, e.details) for e in events] == [
        (organizer.id, forum.id, {"kind": "registrations", "rows": 1}),
        (organizer.id, forum.id, {"kind": "delegates", "rows": 2}),
    ]


@pytest.mark.parametrize("build", [export.export_registrations, export.export_delegates])
def test_no_export_during_a_lockdown(forum, build):
    organizer = factories.make_user()
    start_lockdown(factories.make_user(is_site_admin=True), forum)

    with pytest.raises(ExportRefused):
        build(organizer, forum)

    actions = db.session.scalars(
        sa.select(AuditEvent.action).where(AuditEvent.actor_id == organizer.id)
    ).all()
    assert actions == ["export_refused"]


def test_a_file_name_is_ascii_whatever_the_slug():
    forum = type("F", (), {"slug": "نجف 2017"})()
    assert export.csv_filename(forum, "delegates") == "2017-delegates.csv"
