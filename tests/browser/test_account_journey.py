"""The account journey in a real browser.

A visitor whose phone asks for Arabic signs up, confirms the address with the
emailed link, logs in, switches to English and logs out. Expected texts come from
the app's own translations, so the test follows the translators' wording.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD as FACTORY_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.no_db_isolation]

NAME = "زينب عبد الكريم"
EMAIL = "zainab.journey@example.org"
PASSWORD = "نخيل البصرة 1958 palms"  # an Arabic keyboard's password, over 12 characters


def test_arabic_visitor_signs_up_confirms_logs_in_switches_to_english_and_logs_out(
    page: Page, live_server, translate, latest_email, screenshot
):
    def ar(message: str) -> str:
        return translate("ar", message)

    def en(message: str) -> str:
        return translate("en", message)

    html = page.locator("html")
    header = page.locator("header")
    heading = page.get_by_role("heading", level=1)
    flash = page.locator("main [role=status]")

    # 1. The home page answers in Arabic, right to left, with the RTL stylesheet.
    page.goto("/")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.locator('link[href$="bootstrap.rtl.min.css"]')).to_have_count(1)
    expect(header.get_by_role("link", name="العربية")).to_have_attribute("aria-current", "true")
    expect(heading).to_have_text(ar("Iraqi Social Forum"))
    brand = page.locator(".site-brand").bounding_box()
    assert brand is not None
    assert brand["x"] + brand["width"] / 2 > 390 / 2, "in RTL the site name sits on the right"

    # 2. Sign up: the page is in Arabic; fill in an Arabic name, an email and a password.
    header.get_by_role("link", name=ar("Sign up"), exact=True).click()
    expect(page).to_have_url(f"{live_server}/account/signup")
    expect(heading).to_have_text(ar("Create an account"))
    if ar("Create an account") != "Create an account":  # translated: no English left over
        expect(page.get_by_text("Create an account")).to_have_count(0)
    page.get_by_label(ar("Your name"), exact=True).fill(NAME)
    page.get_by_label(ar("Email address"), exact=True).fill(EMAIL)
    page.get_by_label(ar("Password"), exact=True).fill(PASSWORD)
    screenshot(page, "01-signup-ar")
    page.get_by_role("button", name=ar("Create account"), exact=True).click()

    # 3. The check-email page, still in Arabic.
    expect(page).to_have_url(f"{live_server}/account/check-email")
    expect(heading).to_have_text(ar("Check your email"))
    expect(html).to_have_attribute("dir", "rtl")
    screenshot(page, "02-check-email-ar")

    # 4. The verification email waits in the outbox, in Arabic, with one link to this site.
    email = latest_email(EMAIL)
    assert email.locale == "ar"
    assert email.subject == ar("Confirm your email address")
    assert NAME in email.body_text
    links = [url for url in re.findall(r"https?://\S+", email.body_text) if "/verify/" in url]
    assert len(links) == 1, email.body_text
    link = links[0]
    assert link.startswith(f"{live_server}/account/verify/")

    # 5. Opening the link only shows a button (mail scanners open links); confirming does it.
    page.goto(link)
    expect(heading).to_have_text(ar("Confirm my email address"))
    page.get_by_role("button", name=ar("Confirm"), exact=True).click()
    expect(page).to_have_url(f"{live_server}/account/login")
    expect(flash).to_have_text(ar("Your email address is confirmed. You can log in now."))

    # 6. Log in: the header shows the name instead of the log-in link, still in Arabic.
    page.get_by_label(ar("Email address"), exact=True).fill(EMAIL)
    page.get_by_label(ar("Password"), exact=True).fill(PASSWORD)
    page.locator("main").get_by_role("button", name=ar("Log in"), exact=True).click()
    expect(page).to_have_url(f"{live_server}/")
    expect(header.get_by_role("link", name=NAME, exact=True)).to_be_visible()
    expect(header.get_by_role("link", name=ar("Log in"), exact=True)).to_have_count(0)
    expect(html).to_have_attribute("lang", "ar")
    screenshot(page, "03-logged-in-ar")

    # 7. On the account page, switch to English: same page, left to right, saved on the profile.
    header.get_by_role("link", name=NAME, exact=True).click()
    expect(page).to_have_url(f"{live_server}/account/")
    expect(heading).to_have_text(ar("Your account"))
    header.get_by_role("button", name="English", exact=True).click()
    expect(html).to_have_attribute("lang", "en")
    expect(html).to_have_attribute("dir", "ltr")
    expect(page).to_have_url(f"{live_server}/account/")
    expect(heading).to_have_text(en("Your account"))
    expect(header.get_by_role("button", name="English", exact=True)).to_have_attribute(
        "aria-current", "true"
    )
    expect(page.get_by_role("radio", name="English", exact=True)).to_be_checked()
    screenshot(page, "04-english")

    # 8. Log out: the log-in link is back, and the language choice outlives the session.
    header.get_by_role("button", name=en("Log out"), exact=True).click()
    expect(page).to_have_url(f"{live_server}/")
    expect(header.get_by_role("link", name=en("Log in"), exact=True)).to_be_visible()
    expect(header.get_by_role("link", name=NAME, exact=True)).to_have_count(0)
    expect(flash).to_have_text(en("You are logged out on every device."))
    expect(html).to_have_attribute("lang", "en")
    screenshot(page, "05-logged-out-en")


def test_login_works_without_javascript(new_context, live_server, make_live_user, translate):
    user = make_live_user()
    page = new_context(java_script_enabled=False).new_page()

    page.goto("/account/login")
    expect(page.locator("html")).to_have_attribute("lang", "ar")  # the browser's language
    page.get_by_label(translate("ar", "Email address"), exact=True).fill(user.email)
    page.get_by_label(translate("ar", "Password"), exact=True).fill(FACTORY_PASSWORD)
    page.locator("main").get_by_role("button", name=translate("ar", "Log in"), exact=True).click()

    expect(page).to_have_url(f"{live_server}/")
    expect(page.locator("header").get_by_role("link", name=user.name, exact=True)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", user.locale)  # now the account's
