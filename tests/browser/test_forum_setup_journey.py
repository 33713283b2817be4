"""An organizer sets up the 4th season in Arabic (3 days, 4 slots a day, 8 rooms,
8 themes, a charter) and opens it; a visitor then finds it on the home page in Kurdish."""

import re
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from app.demo.forums_data import ROOMS, THEMES
from app.extensions import db
from app.forums.models import ForumKind
from app.forums.services import create_forum
from tests import factories
from tests.helpers import current_code

pytestmark = [pytest.mark.browser, pytest.mark.no_db_isolation]

SLUG = "isf-4-journey"
SEASON_NAMES = ("المنتدى الاجتماعي العراقي الرابع", "چوارەمین فۆرەمی کۆمەڵایەتیی عێراق")


@pytest.fixture
def organizer(live_app):
    """A draft season with its dates, made by a site administrator for this organizer."""
    with live_app.test_request_context():
        admin = factories.make_user(is_site_admin=True)
        organizer = factories.make_user(email="huda.setup@example.org", name="هدى", locale="ar")
        secret = factories.enable_two_factor(organizer)
        create_forum(
            admin,
            slug=SLUG,
            kind=ForumKind.SEASON,
            start_date=date(2017, 11, 30),
            end_date=date(2017, 12, 2),
            organizers=[organizer],
            name_ar=SEASON_NAMES[0],
            name_ckb=SEASON_NAMES[1],
        )
        db.session.commit()
        return organizer.email, secret


def _log_in(page: Page, ar, email: str, secret: str) -> None:
    page.goto("/account/login")
    page.get_by_label(ar("Email address")).fill(email)
    page.get_by_label(ar("Password")).fill(factories.PASSWORD)
    page.get_by_role("button", name=ar("Log in")).click()
    page.get_by_label(ar("Code")).fill(current_code(secret))
    page.get_by_role("button", name=ar("Continue")).click()
    expect(page.locator("header")).to_contain_text("هدى")


def test_an_organizer_sets_up_the_fourth_season_in_arabic_and_opens_it(
    page: Page, browser: Browser, organizer, translate, screenshot
):
    def ar(message: str) -> str:
        return translate("ar", message)

    email, secret = organizer
    _log_in(page, ar, email, secret)
    staff = f"/{SLUG}/staff"

    # 1. Settings: the slogan and the governorate (the dates came with the forum).
    page.goto(f"{staff}/settings")
    page.get_by_label(ar("Slogan in Arabic")).fill("حقوق … سلام")
    page.get_by_label(ar("Governorate")).select_option("baghdad")
    page.get_by_role("button", name=ar("Save settings")).click()
    expect(page.locator(".alert-success")).to_be_visible()

    # 2. Three days of four session slots, with the lunch and prayer break, in one click.
    page.goto(f"{staff}/calendar")
    page.get_by_role("button", name=ar("Apply the standard pattern to every day")).click()
    expect(page.locator("main")).to_contain_text("استراحة الغداء والصلاة")
    for day in ("30", "1", "2"):
        expect(page.locator("main")).to_contain_text(day)
    assert page.get_by_text("09:00–10:30").count() >= 3
    screenshot(page, "20-calendar-ar")

    # 3. Eight rooms, two of them with interpretation booths.
    for name_ar, name_ckb, _name_en, capacity, channels, _step_free, _equipment in ROOMS:
        page.goto(f"{staff}/rooms/new")
        page.get_by_label(ar("Name in Arabic")).fill(name_ar)
        page.get_by_label(ar("Name in Kurdish (Sorani)")).fill(name_ckb)
        page.get_by_label(ar("Capacity (people)")).fill(str(capacity))
        if channels:
            page.get_by_label(ar("Interpretation booth")).check()
            page.get_by_label(ar("Number of interpretation channels")).fill(str(channels))
        page.get_by_role("button", name=ar("Save the room")).click()
        expect(page).to_have_url(re.compile(r"/staff/rooms(#.*)?$"))
    expect(page.locator("main")).to_contain_text(ROOMS[-1][0])
    screenshot(page, "21-rooms-ar")

    # 4. Eight themes, in order.
    for name_ar, name_ckb, _name_en in THEMES:
        page.goto(f"{staff}/themes/new")
        page.get_by_label(ar("Name in Arabic")).fill(name_ar)
        page.get_by_label(ar("Name in Kurdish (Sorani)")).fill(name_ckb)
        page.get_by_role("button", name=ar("Save the theme")).click()
        expect(page).to_have_url(re.compile(r"/staff/themes(#.*)?$"))
    for name_ar, _name_ckb, _name_en in THEMES:
        expect(page.locator("main")).to_contain_text(name_ar)

    # 5. The charter, then open the forum.
    page.goto(f"{staff}/charter")
    page.get_by_label(ar("Charter in Arabic")).fill("ميثاق مبادئ المنتدى الاجتماعي")
    page.get_by_role("button", name=ar("Publish as a new version")).click()
    page.goto(f"{staff}/")
    page.get_by_role("button", name=ar("Open the forum")).click()
    expect(page.locator("main .badge").first).to_have_text(ar("Open"))
    screenshot(page, "22-staff-overview-open-ar")

    # 6. The same staff area in English.
    page.locator("header").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    screenshot(page, "23-staff-overview-open-en")

    # 7. A visitor whose phone reads Kurdish finds the season on the home page.
    visitor = browser.new_context(locale="ckb-IQ", viewport={"width": 390, "height": 844})
    home = visitor.new_page()
    home.goto(page.url.split(f"/{SLUG}")[0] + "/")
    expect(home.locator("html")).to_have_attribute("dir", "rtl")
    expect(home.locator("html")).to_have_attribute("lang", "ckb")
    home.get_by_role("link", name=SEASON_NAMES[1]).click()
    expect(home.locator("main")).to_contain_text(THEMES[0][1])
    screenshot(home, "24-season-page-ckb")
    home.goto(page.url.split(f"/{SLUG}")[0] + "/")
    screenshot(home, "25-home-ckb")
    visitor.close()
