"""Activities in the browser: a proposal made in Kurdish goes through a co-organizer,
two reviewers and an organizer's decision, which the organization then reads; and
two organizations' proposals are fused after both accept the organizer's merge.

Everyone reads the app in their own language (an account's language wins over the
browser's); the staff sign in with two-factor codes.
"""

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect

from app.activities.models import Activity, ActivityStatus
from app.core.db import utcnow
from app.core.i18n import LANGUAGE_NAMES
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import Day, ForumStatus, Theme
from app.organizations.models import RegistrationStatus
from tests import factories
from tests.helpers import current_code

pytestmark = [pytest.mark.browser, pytest.mark.no_db_isolation]

PHONE = {"viewport": {"width": 390, "height": 844}}

SLUG = "erbil-activities-journey"
LEAD = "ڕێکخراوی ژینگەی کوردستان"
PARTNER = "تۆڕی گەنجانی هەولێر"
TITLE = "پاراستنی ڕووباری زێی گەورە"
DESCRIPTION = (
    "وۆرکشۆپێک دەربارەی پیسبوونی زێی گەورە و ئەوەی کۆمەڵگەی ناوچەکە دەتوانێت بیکات:\n"
    "ئەزموونی گوندەکانی دەوروبەری هەولێر و پێشنیاری کاری هاوبەش."
)
PRESENTER = ("دلێر حەسەن", "زانکۆی سەلاحەدین", "0750 123 4567")
FIRST_COMMENT = "بابەتێکی گرنگە، بەڵام پلانی کارەکە ڕوون نییە."
SECOND_COMMENT = "زۆر باشە؛ ئەزموونی گوندەکان بەهایەکی زۆری هەیە."
DECISION = "پیرۆزە! وۆرکشۆپەکەتان لە ڕۆژی یەکەمدا دادەنرێت."

MERGE_SLUG = "najaf-merge-journey"
RIVER_KEEPERS = "حماة الفرات"
WATER_KEEPERS = "حراس المياه في النجف"


def _forum(slug: str, **names):
    """An open forum of two days whose proposal window includes today, with one theme."""
    today = utcnow().date()
    forum = factories.make_forum(
        slug=slug,
        status=ForumStatus.OPEN,
        start_date=today + timedelta(days=40),
        end_date=today + timedelta(days=41),
        proposals_open=today - timedelta(days=3),
        proposals_close=today + timedelta(days=15),
        **names,
    )
    forum.days = [Day(date=today + timedelta(days=40)), Day(date=today + timedelta(days=41))]
    forum.themes = [
        Theme(name_ar="البيئة والمياه", name_ckb="ژینگە و ئاو", name_en="Environment and water")
    ]
    db.session.flush()
    return forum


def _approved(forum, members, **names):
    organization = factories.make_organization(members=members, **names)
    factories.make_registration(forum, organization, status=RegistrationStatus.APPROVED)
    return organization


def _staff(forum, role: ForumRoleName, **fields) -> dict:
    user = factories.make_user(**fields)
    secret = factories.enable_two_factor(user)
    factories.grant_role(user, forum, role)
    return {"email": user.email, "secret": secret}


@pytest.fixture
def kurdish_forum(live_app):
    """The forum, two approved organizations with one Kurdish-speaking member each,
    two reviewers and an organizer (all in Kurdish)."""
    with live_app.app_context():
        forum = _forum(SLUG, name_ckb="کۆڕی کۆمەڵایەتی هەولێر", name_en="Erbil Social Forum")
        lead = factories.make_user(email="shno.lead@example.org", name="شنۆ عومەر", locale="ckb")
        partner = factories.make_user(
            email="rebwar.partner@example.org", name="ڕێبوار کەریم", locale="ckb"
        )
        _approved(forum, [lead], name_ckb=LEAD, name_en="Kurdistan Environment Organization")
        _approved(forum, [partner], name_ckb=PARTNER, name_en="Erbil Youth Network")
        people = {
            "lead": {"email": lead.email},
            "partner": {"email": partner.email},
            "first_reviewer": _staff(
                forum, ForumRoleName.REVIEWER, name="لانا عەزیز", locale="ckb"
            ),
            "second_reviewer": _staff(
                forum, ForumRoleName.REVIEWER, name="کاروان ئەحمەد", locale="ckb"
            ),
            "organizer": _staff(forum, ForumRoleName.ORGANIZER, name="هێڤی ڕەشید", locale="ckb"),
        }
        db.session.commit()
        return people


def _signed_in(browser: Browser, base_url: str, say, person: dict, locale: str) -> Page:
    """A phone of its own for ``person``, signed in (with a code for the staff)."""
    context = browser.new_context(locale=locale, base_url=base_url, **PHONE)
    page = context.new_page()
    page.goto("/account/login")
    page.get_by_label(say("Email address")).fill(person["email"])
    page.get_by_label(say("Password")).fill(factories.PASSWORD)
    page.get_by_role("button", name=say("Log in")).click()
    if person.get("secret"):
        page.get_by_label(say("Code")).fill(current_code(person["secret"]))
        page.get_by_role("button", name=say("Continue")).click()
    expect(page.get_by_role("button", name=say("Log out"))).to_be_visible()
    return page


def _in_group(page: Page, legend: str):
    return page.get_by_role("group", name=legend, exact=True)


def _rtl(page: Page, language: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def _propose(page: Page, ckb: Callable[..., str]) -> None:
    """Fill the proposal form in Kurdish, with one presenter."""
    kurdish = LANGUAGE_NAMES["ckb"]
    page.get_by_label(ckb("Title in %(language)s") % {"language": kurdish}).fill(TITLE)
    page.get_by_label(ckb("Description in %(language)s") % {"language": kurdish}).fill(DESCRIPTION)
    page.get_by_label(ckb("Theme")).select_option(label="ژینگە و ئاو")
    page.get_by_label(ckb("Format")).select_option("workshop")
    spoken = _in_group(page, ckb("Languages spoken in the activity"))
    spoken.get_by_label(kurdish).check()
    spoken.get_by_label(LANGUAGE_NAMES["ar"]).check()
    _in_group(page, ckb("Interpretation wanted into")).get_by_label(LANGUAGE_NAMES["en"]).check()
    page.get_by_label(ckb("Interpretation mode")).select_option("consecutive")
    page.get_by_label(ckb("Expected attendance (optional)")).fill("40")
    page.get_by_label(ckb("Length in time slots")).select_option("2")
    name, organization, phone = PRESENTER
    presenter = _in_group(page, ckb("Presenter %(number)s", number=1))
    presenter.get_by_label(ckb("Name"), exact=True).fill(name)
    presenter.get_by_label(ckb("Organization (optional)")).fill(organization)
    _in_group(presenter, ckb("Languages spoken")).get_by_label(kurdish).check()
    presenter.get_by_label(ckb("Phone (optional)")).fill(phone)
    presenter.get_by_label(ckb("May be shown publicly")).check()


def _review(page: Page, ckb, score: str, comment: str) -> None:
    page.goto(f"/{SLUG}/staff/activities/")
    page.get_by_role("link", name=TITLE).click()
    _in_group(page, ckb("Score")).get_by_label(score, exact=True).check()
    page.get_by_label(ckb("Comment")).fill(comment)
    page.get_by_role("button", name=ckb("Save my review")).click()
    expect(page.locator(".alert-success")).to_contain_text(ckb("Your review is saved."))


def test_a_kurdish_proposal_is_co_organized_reviewed_accepted_and_seen_by_its_organization(
    browser: Browser, live_server: str, kurdish_forum, translate, latest_email, screenshot
):
    def ckb(message: str, **variables) -> str:
        return translate("ckb", message, **variables)

    def person(name: str) -> Page:
        return _signed_in(browser, live_server, ckb, kurdish_forum[name], "ckb-IQ")

    # 1. A member of the lead organization proposes a workshop, with a presenter.
    lead = person("lead")
    lead.goto(f"/{SLUG}/activities/mine")
    _rtl(lead, "ckb")
    lead.get_by_role("link", name=ckb("Propose an activity")).click()
    expect(lead.get_by_role("heading", level=1)).to_have_text(ckb("Propose an activity"))
    _propose(lead, ckb)
    screenshot(lead, "activity-ckb-proposal")
    lead.get_by_role("button", name=ckb("Submit the proposal")).click()
    expect(lead).to_have_url(re.compile(rf"/{SLUG}/activities/\d+$"))
    expect(lead.locator(".alert-success")).to_contain_text(
        ckb("The proposal is submitted: the forum's reviewers will read it.")
    )
    main = lead.locator("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(main).to_contain_text(ckb("Submitted", context="activity status"))
    expect(main).to_contain_text(PRESENTER[0])
    expect(main).to_contain_text("+964 750 123 4567")
    screenshot(lead, "activity-ckb-submitted")

    # 2. It invites the partner organization to co-organize.
    lead.get_by_role("link", name=ckb("Co-organizers"), exact=True).click()
    lead.get_by_label(ckb("Organization to invite")).select_option(label=PARTNER)
    lead.get_by_role("button", name=ckb("Send the invitation")).click()
    expect(lead.locator(".alert-success")).to_contain_text(
        ckb("The invitation is sent; its members are emailed.")
    )
    expect(lead.locator("main")).to_contain_text(ckb("Invited, no answer yet"))
    invitation_email = latest_email(kurdish_forum["partner"]["email"])
    assert invitation_email.locale == "ckb"

    # 3. A member of the partner finds the invitation on their dashboard and accepts.
    partner = person("partner")
    partner.goto(f"/{SLUG}/activities/mine")
    expect(partner.locator("main")).not_to_contain_text(PRESENTER[2])
    partner.get_by_role("link", name=TITLE).click()
    expect(partner.get_by_role("heading", level=1)).to_have_text(ckb("Invitation to co-organize"))
    screenshot(partner, "activity-ckb-invitation")
    partner.get_by_role("button", name=ckb("Accept"), exact=True).click()
    expect(partner.locator(".alert-success")).to_contain_text(
        ckb("You co-organize this activity now.")
    )
    partner.get_by_role("link", name=TITLE).click()  # now one of its activities
    expect(partner.locator("main")).to_contain_text(PRESENTER[0])
    partner.context.close()

    # 4. Two reviewers score it; the second sees the first's review only after giving theirs.
    first = person("first_reviewer")
    _review(first, ckb, "3", FIRST_COMMENT)
    first.context.close()

    second = person("second_reviewer")
    second.goto(f"/{SLUG}/staff/activities/")
    second.get_by_role("link", name=TITLE).click()
    reviews = second.locator("section").filter(
        has=second.get_by_role("heading", name=ckb("Reviews"), exact=True)
    )
    expect(reviews).to_contain_text(ckb("You see the other reviewers' scores once you give yours."))
    expect(second.locator("main")).not_to_contain_text(FIRST_COMMENT)
    expect(second.locator("main")).to_contain_text(PARTNER)  # the co-organizer is named
    _review(second, ckb, "5", SECOND_COMMENT)
    expect(reviews).to_contain_text(FIRST_COMMENT)
    expect(reviews).to_contain_text(SECOND_COMMENT)
    screenshot(second, "activity-ckb-review")
    second.context.close()

    # 5. The organizer sees both reviews and accepts it, with a message.
    organizer = person("organizer")
    organizer.goto(f"/{SLUG}/staff/activities/")
    row = organizer.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text(ckb("Submitted", context="activity status"))
    screenshot(organizer, "activity-ckb-proposals-staff")
    organizer.get_by_role("link", name=TITLE).click()
    expect(organizer.locator("main")).to_contain_text(FIRST_COMMENT)
    expect(organizer.locator("main")).to_contain_text("+964 750 123 4567")
    _in_group(organizer, ckb("Decision")).get_by_label(ckb("Accept"), exact=True).check()
    organizer.get_by_label(ckb("Message to the organizations")).fill(DECISION)
    organizer.get_by_role("button", name=ckb("Decide"), exact=True).click()
    expect(organizer.locator(".alert-success")).to_contain_text(
        ckb("Decided. The organizations involved have been told by email.")
    )
    organizer.context.close()
    decision_email = latest_email(kurdish_forum["lead"]["email"])
    assert decision_email.locale == "ckb"
    assert latest_email(kurdish_forum["partner"]["email"]).subject == decision_email.subject

    # 6. The lead organization's member reads the decision on their dashboard.
    lead.goto(f"/{SLUG}/activities/mine")
    item = lead.locator("main li").filter(has_text=TITLE)
    expect(item).to_contain_text(ckb("Accepted"))
    expect(item).to_contain_text(DECISION)
    _rtl(lead, "ckb")
    screenshot(lead, "activity-ckb-decision")
    lead.context.close()


@pytest.fixture
def two_proposals(live_app):
    """Two organizations' submitted proposals about the same river, of the same theme;
    an Arabic-speaking member each; the forum's organizer."""
    with live_app.app_context():
        forum = _forum(MERGE_SLUG, name_ar="منتدى النجف الاجتماعي")
        theme = forum.themes[0]
        hasan = factories.make_user(email="hasan.rivers@example.org", name="حسن", locale="ar")
        maryam = factories.make_user(email="maryam.water@example.org", name="مريم", locale="ar")
        first = factories.make_activity(
            forum,
            _approved(forum, [hasan], name_ar=RIVER_KEEPERS),
            title_ar="حماية نهر الفرات من التلوث",
            description_ar="ورشة عن تلوث نهر الفرات في النجف وما يستطيع الأهالي فعله.",
            title_en="Protecting the Euphrates from pollution",
            description_en="The pollution of the Euphrates in Najaf, and what people can do.",
            theme_id=theme.id,
        )
        second = factories.make_activity(
            forum,
            _approved(forum, [maryam], name_ar=WATER_KEEPERS),
            title_ar="حماية الفرات والمياه الجوفية",
            description_ar="تلوث الفرات والمياه الجوفية في النجف: شهادات ومقترحات للأهالي.",
            title_en="Protecting the Euphrates and groundwater",
            description_en="The Euphrates and groundwater in Najaf: testimonies and proposals.",
            theme_id=theme.id,
        )
        people = {
            "organizer": _staff(forum, ForumRoleName.ORGANIZER, name="سلمى", locale="ar"),
            "hasan": {"email": hasan.email},
            "maryam": {"email": maryam.email},
            "result": first.title_ar,
            "merged_away": second.title_ar,
        }
        db.session.commit()
        return people


def _consent_link(latest_email, email: str) -> str:
    body = latest_email(email).body_text
    match = re.search(rf"https?://\S+/{MERGE_SLUG}/activities/merges/\d+", body)
    assert match, body
    return match.group(0)


def test_two_proposals_are_fused_once_both_organizations_accept(
    browser: Browser, live_app, live_server: str, two_proposals, translate, latest_email, screenshot
):
    def ar(message: str, **variables) -> str:
        return translate("ar", message, **variables)

    def person(name: str) -> Page:
        return _signed_in(browser, live_server, ar, two_proposals[name], "ar-IQ")

    # 1. The organizer finds the two proposals suggested together and proposes a fusion.
    organizer = person("organizer")
    organizer.goto(f"/{MERGE_SLUG}/staff/merges/")
    suggestion = organizer.locator("section.card").filter(has_text=two_proposals["result"])
    expect(suggestion).to_contain_text(two_proposals["merged_away"])
    suggestion.locator('input[name="mode"][value="fusion"]').check()
    suggestion.get_by_label(ar("Note to the organizations (optional)")).fill(
        "نشاطان عن النهر نفسه: نقترح أن تنظماهما معاً في ورشة واحدة."
    )
    suggestion.get_by_role("button", name=ar("Propose this merge")).click()
    expect(organizer.locator(".alert-success")).to_contain_text(
        ar("Merge proposed. Each organization involved has been asked by email.")
    )
    expect(organizer.locator("main")).to_contain_text(ar("Waiting for the organizations"))

    # 2. Both organizations accept: one from the link in its email, the other from its
    #    proposal's page.
    hasan = person("hasan")
    hasan.goto(_consent_link(latest_email, two_proposals["hasan"]["email"]))
    hasan.get_by_role("button", name=ar("Accept the merge")).click()
    expect(hasan.locator(".alert-success")).to_contain_text(
        ar("You accepted. The merge happens when every organization has accepted.")
    )
    hasan.context.close()

    maryam = person("maryam")
    assert _consent_link(latest_email, two_proposals["maryam"]["email"])
    maryam.goto(f"/{MERGE_SLUG}/activities/mine")
    maryam.get_by_role("link", name=two_proposals["merged_away"]).click()
    maryam.get_by_role("link", name=ar("proposed, waiting for the organizations' answers")).click()
    screenshot(maryam, "activity-merge-consent")
    maryam.get_by_role("button", name=ar("Accept the merge")).click()
    expect(maryam.locator(".alert-success")).to_contain_text(
        ar("You accepted, and every organization has: the merge is done.")
    )

    # 3. The merged-away proposal points to the result, which both organize.
    maryam.goto(f"/{MERGE_SLUG}/activities/mine")
    maryam.get_by_role("link", name=two_proposals["merged_away"]).click()
    main = maryam.locator("main")
    expect(main).to_contain_text(ar("Merged"))
    expect(main).to_contain_text(ar("This proposal was merged into another activity."))
    screenshot(maryam, "activity-merge-merged-away")
    main.get_by_role("link", name=two_proposals["result"]).click()
    expect(main.get_by_role("heading", level=1)).to_have_text(two_proposals["result"])
    expect(main).to_contain_text(WATER_KEEPERS)
    expect(main).to_contain_text(ar("done"))
    screenshot(maryam, "activity-merge-fusion")
    maryam.context.close()

    organizer.reload()
    expect(organizer.locator("main")).to_contain_text(ar("Done"))
    screenshot(organizer, "activity-merge-staff")
    organizer.context.close()

    with live_app.app_context():
        merged_away = db.session.scalar(
            sa.select(Activity).where(Activity.title_ar == two_proposals["merged_away"])
        )
        assert merged_away.status is ActivityStatus.MERGED
        assert merged_away.merged_into.title_ar == two_proposals["result"]
