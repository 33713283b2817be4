"""An organization registers in Arabic with three delegates after endorsing the
charter; an organizer approves it; it is listed in the forum's public directory,
and an unlisted organization is not."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from app.core.db import utcnow
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import CharterVersion, ForumStatus
from app.organizations.models import RegistrationStatus
from tests import factories
from tests.helpers import current_code

pytestmark = [pytest.mark.browser, pytest.mark.no_db_isolation]

SLUG = "basra-journey"
ORGANIZATION = "حراس شط العرب"
UNLISTED = "منظمة لا تريد الظهور"
DELEGATES = (
    ("زينب عبد الكريم", "0770 123 4501"),
    ("حيدر جاسم", "0780 123 4502"),
    ("Rebwar Karim", "0750 123 4503"),
)


@pytest.fixture
def people(live_app):
    """An open forum whose registration window includes today, with a charter; its
    organizer; an unlisted organization already approved; a CSO representative."""
    today = utcnow().date()
    with live_app.app_context():
        forum = factories.make_forum(
            slug=SLUG,
            status=ForumStatus.OPEN,
            name_ar="منتدى البصرة الاجتماعي",
            start_date=today + timedelta(days=30),
            end_date=today + timedelta(days=31),
            registration_opens=today - timedelta(days=2),
            registration_closes=today + timedelta(days=20),
        )
        forum.charters.append(CharterVersion(version=1, text_ar="ميثاق مبادئ المنتدى الاجتماعي"))
        organizer = factories.make_user(
            email="organizer.basra@example.org", name="سلمى", locale="ar"
        )
        secret = factories.enable_two_factor(organizer)
        factories.grant_role(organizer, forum, ForumRoleName.ORGANIZER)
        unlisted = factories.make_organization(name_ar=UNLISTED, listed_publicly=False)
        factories.make_registration(forum, unlisted, status=RegistrationStatus.APPROVED)
        cso = factories.make_user(email="cso.basra@example.org", name="علي", locale="ar")
        db.session.commit()
        return {"cso": cso.email, "organizer": organizer.email, "secret": secret}


def _log_in(page: Page, ar, email: str, secret: str | None = None) -> None:
    page.goto("/account/login")
    page.get_by_label(ar("Email address")).fill(email)
    page.get_by_label(ar("Password")).fill(factories.PASSWORD)
    page.get_by_role("button", name=ar("Log in")).click()
    if secret:
        page.get_by_label(ar("Code")).fill(current_code(secret))
        page.get_by_role("button", name=ar("Continue")).click()
    expect(page.get_by_role("button", name=ar("Log out"))).to_be_visible()


def test_an_organization_registers_in_arabic_is_approved_and_listed(
    page: Page, browser: Browser, people, translate, screenshot
):
    def ar(message: str, **variables) -> str:
        return translate("ar", message, **variables)

    # 1. A CSO representative creates the organization's profile, listed publicly.
    _log_in(page, ar, people["cso"])
    page.goto("/organizations/new")
    page.get_by_label(ar("Name in Arabic")).fill(ORGANIZATION)
    page.get_by_label(ar("Type of organization")).select_option("ngo")
    page.get_by_label(ar("Governorate")).select_option("basra")
    page.get_by_label(ar("May be listed publicly")).check()
    page.get_by_role("button", name=ar("Save the organization")).click()
    expect(page).to_have_url(re.compile(r"/organizations/\d+$"))
    organization_id = page.url.rsplit("/", 1)[1]

    # 2. Endorse the charter, and register three delegates.
    page.goto(f"/{SLUG}/register/organizations/{organization_id}")
    expect(page.locator("main")).to_contain_text("ميثاق مبادئ المنتدى الاجتماعي")
    page.get_by_label(ar("We endorse the charter (version %(number)s)", number=1)).check()
    for index, (name, phone) in enumerate(DELEGATES):
        spare = page.locator("details.delegate").filter(
            has_text=ar("Add delegate %(number)s", number=index + 1)
        )
        if spare.count():
            spare.locator("summary").click()
        page.locator(f'input[name="delegates-{index}-name"]').fill(name)
        page.locator(f'input[name="delegates-{index}-phone"]').fill(phone)
    screenshot(page, "30-registration-form-ar")
    page.get_by_role("button", name=ar("Register"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/{SLUG}/register/\d+$"))
    expect(page.locator("main")).to_contain_text(ar("Waiting for review"))
    for name, _phone in DELEGATES:
        expect(page.locator("main")).to_contain_text(name)
    expect(page.locator("main")).to_contain_text("+964 770 123 4501")
    screenshot(page, "31-registration-ar")

    # 3. The forum's organizer approves it.
    base = page.url.split(f"/{SLUG}/")[0]
    phone = {"locale": "ar-IQ", "viewport": {"width": 390, "height": 844}, "base_url": base}
    staff = browser.new_context(**phone)
    organizer = staff.new_page()
    _log_in(organizer, ar, people["organizer"], people["secret"])
    organizer.goto(f"/{SLUG}/staff/registrations/")
    organizer.get_by_role("link", name=ORGANIZATION).click()
    organizer.get_by_label(ar("Approve"), exact=True).check()
    organizer.get_by_role("button", name=ar("Send the decision")).click()
    expect(organizer.locator(".alert-success")).to_be_visible()
    screenshot(organizer, "32-registration-approved-ar")
    staff.close()

    # 4. The public directory lists it; the unlisted organization stays out.
    visitor = browser.new_context(**phone)
    directory = visitor.new_page()
    directory.goto(f"/{SLUG}/organizations")
    expect(directory.locator("main")).to_contain_text(ORGANIZATION)
    expect(directory.locator("main")).not_to_contain_text(UNLISTED)
    expect(directory.locator("main")).not_to_contain_text(DELEGATES[0][0])
    screenshot(directory, "33-directory-ar")
    visitor.close()
