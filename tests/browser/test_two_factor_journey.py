"""An organizer's first sign-in, in Arabic: enrol two-factor sign-in before
anything else, keep the recovery codes, then sign in again with a code."""

import re

import pyotp
import pytest
from playwright.sync_api import Page, expect

from app.accounts.passwords import hash_password
from app.core.permissions import ForumRoleName
from app.extensions import db
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.no_db_isolation]

STAFF_PASSWORD = "دجلة والفرات 2017 rivers"


def test_organizer_enrols_two_factor_then_signs_in_with_a_code(
    page: Page, live_app, translate, screenshot
):
    def ar(message: str) -> str:
        return translate("ar", message)

    with live_app.app_context():
        organizer = factories.make_user(
            email="huda.organizer@example.org",
            name="هدى الساعدي",
            locale="ar",
            password_hash=hash_password(STAFF_PASSWORD),
        )
        factories.grant_role(organizer, factories.make_forum(), ForumRoleName.ORGANIZER)
        db.session.commit()

    # 1. The password is right; the role asks for two-factor sign-in before anything else.
    page.goto("/account/login")
    page.get_by_label(ar("Email address")).fill("huda.organizer@example.org")
    page.get_by_label(ar("Password")).fill(STAFF_PASSWORD)
    page.get_by_role("button", name=ar("Log in")).click()
    expect(page).to_have_url(re.compile(r"/account/two-factor$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ar("Set up two-factor sign-in"))
    expect(page.locator("figure svg")).to_be_visible()
    page.goto("/account/")
    expect(page).to_have_url(re.compile(r"/account/two-factor$"))  # nothing else first
    screenshot(page, "10-two-factor-setup-ar")

    # 2. Type a code from the key on the page, and the password.
    secret = page.locator("code").inner_text().strip()
    page.get_by_label(ar("Code from the app")).fill(pyotp.TOTP(secret).now())
    page.get_by_label(ar("Current password")).fill(STAFF_PASSWORD)
    page.get_by_role("button", name=ar("Turn on two-factor sign-in")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ar("Your recovery codes"))
    codes = page.locator("main li").all_inner_texts()
    assert len(codes) == 10
    screenshot(page, "11-recovery-codes-ar")
    page.get_by_role("link", name=ar("I have kept them")).click()
    expect(page).to_have_url(re.compile(r"/account/$"))

    # 3. Signed out and in again: the second step takes a recovery code.
    page.get_by_role("button", name=ar("Log out")).click()
    page.goto("/account/login")
    page.get_by_label(ar("Email address")).fill("huda.organizer@example.org")
    page.get_by_label(ar("Password")).fill(STAFF_PASSWORD)
    page.get_by_role("button", name=ar("Log in")).click()
    expect(page).to_have_url(re.compile(r"/account/login/two-factor$"))
    page.get_by_label(ar("Code")).fill(codes[0])
    page.get_by_role("button", name=ar("Continue")).click()
    expect(page.locator("header")).to_contain_text("هدى الساعدي")
    screenshot(page, "12-signed-in-with-second-factor-ar")
