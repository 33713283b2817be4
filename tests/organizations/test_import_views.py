"""Importing organizations through the pages: upload, preview, confirm; all or nothing."""

import io
import re

import pytest
import sqlalchemy as sa

from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import ForumStatus
from app.organizations import forms_data
from app.organizations.models import Organization
from tests import factories
from tests.helpers import csrf_token, log_in

URL = "/isf-4/staff/registrations/import"
TAMMUZ = "منظمة تموز للتنمية الاجتماعية"
PEACE = "ڕێکخراوی ئاشتی و ئازادی"
GOOD = (
    "name_ar,name_ckb,name_en,type,governorate,contact_phone\r\n"
    f"{TAMMUZ},,Tammuz,ngo,baghdad,0770 123 4567\r\n"
    f",{PEACE},,social_movement,erbil,\r\n"
)
BAD = (
    "name_en,type,governorate,contact_phone\r\nMasarat,ngo,baghdad,\r\nHumat Dijla,ngo,basra,12\r\n"
)
CONTENT = re.compile(r'name="content" type="hidden" value="([^"]+)"')


def sign_in_organizer(app, slug: str = "isf-4"):
    client = app.test_client()
    with app.app_context():
        forum = factories.make_forum(slug=slug, status=ForumStatus.OPEN)
        user = factories.make_user(locale="en")
        secret = factories.enable_two_factor(user)
        factories.grant_role(user, forum, ForumRoleName.ORGANIZER)
        db.session.commit()
        email = user.email
    log_in(client, email, totp_secret=secret)
    return client


@pytest.fixture
def organizer(app):
    return sign_in_organizer(app)


def upload(client, content: bytes | str, filename: str = "organizations.csv", url: str = URL):
    data = content.encode("utf-8") if isinstance(content, str) else content
    token = csrf_token(client.get(url))
    return client.post(
        url,
        data={"csrf_token": token, "file": (io.BytesIO(data), filename), "check": "Check"},
        content_type="multipart/form-data",
    )


def confirm(client, sealed: str, url: str = URL):
    token = csrf_token(client.get(url))
    return client.post(url, data={"csrf_token": token, "content": sealed, "do_import": "Import"})


def names(app) -> set[str]:
    with app.app_context():
        rows = db.session.execute(sa.select(Organization.name_ar, Organization.name_ckb))
        return {name for row in rows for name in row if name}


def test_a_good_file_is_previewed_then_imported(app, organizer):
    preview = upload(organizer, GOOD)

    assert preview.status_code == 200
    assert preview.headers["Cache-Control"] == "no-store"
    page = preview.get_data(as_text=True)
    assert "All 2 rows are ready to import." in page
    assert TAMMUZ in page
    assert PEACE in page
    assert "Import 2 organizations" in page
    assert names(app) == set()  # nothing yet

    done = confirm(organizer, CONTENT.search(page).group(1))

    assert done.headers["Location"] == "/isf-4/staff/registrations/data"
    assert names(app) == {TAMMUZ, PEACE}
    assert "2 organizations imported." in organizer.get("/isf-4/staff/registrations/data").text


def test_a_file_with_a_bad_row_shows_every_problem_and_writes_nothing(app, organizer):
    page = upload(organizer, BAD).get_data(as_text=True)

    assert "Row 3, contact_phone: not a valid phone number" in page
    assert "Nothing will be written while any row is wrong" in page
    assert "1 row has problems." in page
    assert 'name="do_import"' not in page
    assert 'name="content"' not in page
    assert 'enctype="multipart/form-data"' in page  # to upload the corrected file
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Organization.id))) == 0


def test_a_changed_hidden_file_is_refused(app, organizer):
    page = upload(organizer, GOOD).get_data(as_text=True)
    sealed = CONTENT.search(page).group(1)
    forged = sealed[:-2] + ("AA" if not sealed.endswith("AA") else "BB")

    response = confirm(organizer, forged)

    assert response.headers["Location"] == URL
    assert "upload it again" in organizer.get(URL).get_data(as_text=True)
    assert names(app) == set()


def test_a_checked_file_cannot_be_replayed_in_another_forum(app, organizer):
    page = upload(organizer, GOOD).get_data(as_text=True)
    sealed = CONTENT.search(page).group(1)
    elsewhere = sign_in_organizer(app, slug="najaf")

    response = confirm(elsewhere, sealed, url="/najaf/staff/registrations/import")

    assert response.headers["Location"] == "/najaf/staff/registrations/import"
    assert names(app) == set()


def test_an_organization_created_between_preview_and_import_stops_the_import(app, organizer):
    page = upload(organizer, GOOD).get_data(as_text=True)
    with app.app_context():
        factories.make_organization(name_en="TAMMUZ")
        db.session.commit()

    response = confirm(organizer, CONTENT.search(page).group(1))

    assert response.status_code == 200
    assert "Row 2, name_en: already exists: \u2068TAMMUZ\u2069" in response.get_data(as_text=True)
    assert names(app) == set()


def test_a_file_over_one_megabyte_is_refused(organizer):
    big = "name_en,type,description_en\r\n" + "A,ngo," + "x" * (1024 * 1024) + "\r\n"
    page = upload(organizer, big).get_data(as_text=True)
    assert "The file is larger than 1 MB: split it." in page


def test_only_csv_files_are_taken(organizer):
    page = upload(organizer, GOOD, filename="organizations.xlsx").get_data(as_text=True)
    assert "Choose a file ending in .csv" in page


def test_a_file_not_in_utf8_is_explained(organizer):
    page = upload(organizer, GOOD.encode("utf-16")).get_data(as_text=True)
    assert "This file is not UTF-8 text." in page
    assert "CSV UTF-8" in page


def test_a_file_with_an_unknown_column_is_refused_at_once(organizer):
    page = upload(organizer, "name_en,type,colour\r\nA,ngo,red\r\n").get_data(as_text=True)
    assert "Unknown column colour" in page
    assert "Check the import" not in page


def test_a_file_too_large_for_the_hidden_field_is_refused(organizer, monkeypatch):
    monkeypatch.setattr(forms_data, "MAX_SEALED_CHARS", 50)
    page = upload(organizer, GOOD).get_data(as_text=True)
    assert "too large to import at once" in page
    assert 'name="do_import"' not in page


def test_the_upload_page_documents_every_column(organizer):
    page = organizer.get(URL).get_data(as_text=True)
    for column in ("name_ar", "fields_of_work", "listed_publicly", "create_anyway"):
        assert f"<code>{column}</code>" in page
    assert "trade_union" in page  # the codes of the type column


def test_checking_without_a_file_asks_for_one(organizer):
    token = csrf_token(organizer.get(URL))
    page = organizer.post(URL, data={"csrf_token": token, "check": "Check"}).get_data(as_text=True)
    assert "Choose a CSV file." in page
