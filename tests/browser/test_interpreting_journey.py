"""The interpretation team in the browser, on the demo forum (``flask seed-demo``):
the coordinator assigns the interpreters automatically, an interpreter gives a
session back ("I can't make it"), and the board lists the need as open again,
with the reason; the coordinator is emailed.

The demo season ran in November 2017, so today every one of its sessions has
started and "I can't make it" is refused (the page offers it for no session).
The interpreter's part is played on the evening before the forum opened: the
interpreter's pages are given that clock, the rest of the app keeps the real one.

As in the scheduling journey, the demo is loaded into an empty database of this
module's own live app; the other journeys' database never holds the demo.
"""

import re
import threading
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask
from flask_babel import force_locale, gettext
from flask_migrate import upgrade
from playwright.sync_api import Browser, Page, expect
from werkzeug.serving import make_server

from app import create_app
from app.accounts.models import User
from app.core.i18n import LANGUAGE_NAMES, localized
from app.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET
from app.demo.cli import INTERPRETATION_COORDINATOR, VOLUNTEER
from app.demo.forums import SEASON_SLUG
from app.extensions import db
from app.forums.listing import zone_of
from app.forums.models import Forum
from app.interpreting import views_assignments
from app.interpreting.assigning import open_places
from app.interpreting.board import pair_text
from app.interpreting.models import InterpretationAssignment, InterpretationNeed, Interpreter
from app.interpreting.my_sessions import assignments_of
from app.interpreting.team_messages import pair_text as direction_pair
from app.notifications.models import OutboxMessage
from app.notifications.services import recipient_hash
from config import TestConfig
from tests.helpers import current_code

pytestmark = [pytest.mark.browser, pytest.mark.no_db_isolation]

LAPTOP = {"viewport": {"width": 1366, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}}
BOARD = f"/{SEASON_SLUG}/staff/interpreting/board"
MY_SESSIONS = f"/{SEASON_SLUG}/interpreting/sessions"


@dataclass(frozen=True)
class Given:
    """An assignment of the demo interpreter whose need is fully held, as the board
    and the interpreter's page name it in English."""

    assignment_id: int
    need_id: int
    day_id: int
    title: str
    pair: str  # on the board: the names in the reader's language
    own_pair: str  # on the interpreter's page: each of the site's languages in itself
    starts: str


def _forum() -> Forum:
    return db.session.scalar(sa.select(Forum).where(Forum.slug == SEASON_SLUG))


@pytest.fixture(scope="module")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The live app of this module (it stands for conftest's): an empty database,
    made by the migrations, with the demo loaded; CSRF on, mail left in the outbox."""
    database = tmp_path_factory.mktemp("demo-interpreting-db") / "muntada.sqlite3"

    class DemoConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{database}"
        MAIL_DISPATCH = "none"
        WTF_CSRF_ENABLED = True

    app = create_app(DemoConfig)
    with app.app_context():
        upgrade()
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, "".join(traceback.format_exception(*result.exc_info))
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def live_server(live_app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="demo-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def _eve_of_the_forum(live_app: Flask) -> datetime:
    """18:00 in Baghdad on the day before the demo forum's first day, in UTC."""
    with live_app.app_context():
        forum = _forum()
        first = forum.days[0].date - timedelta(days=1)
        return datetime.combine(first, time(18, 0), tzinfo=zone_of(forum.timezone)).astimezone(UTC)


def _held_session(live_app: Flask) -> Given:
    """The demo interpreter's earliest session whose need has no place open."""
    with live_app.test_request_context(), force_locale("en"):
        interpreter = db.session.scalar(
            sa.select(Interpreter)
            .join(User, User.id == Interpreter.user_id)
            .where(Interpreter.forum_id == _forum().id, User.email == VOLUNTEER)
        )
        assert interpreter is not None, "the demo volunteer is not on the interpretation team"
        for session in assignments_of(interpreter):
            if session.day is not None and open_places(session.need) == 0:
                return Given(
                    assignment_id=session.assignment.id,
                    need_id=session.need.id,
                    day_id=session.day.id,
                    title=localized(session.activity, "title"),
                    pair=pair_text(session.need),
                    own_pair=direction_pair(session.need.source, session.need.target),
                    starts=f"{session.starts_at:%H:%M}",
                )
    raise AssertionError("the demo interpreter holds no fully covered session")


def _automatic_assignments(live_app: Flask) -> int:
    with live_app.app_context():
        return db.session.scalar(
            sa.select(sa.func.count())
            .select_from(InterpretationAssignment)
            .join(InterpretationAssignment.need)
            .where(InterpretationNeed.forum_id == _forum().id)
            .where(InterpretationAssignment.pinned.is_(False))
        )


def _latest_email(live_app: Flask, recipient: str) -> OutboxMessage:
    with live_app.app_context():
        message = db.session.scalars(
            sa.select(OutboxMessage)
            .where(OutboxMessage.recipient_hash == recipient_hash(recipient))
            .order_by(OutboxMessage.id.desc())
            .limit(1)
        ).first()
        assert message is not None, f"no email queued for {recipient}"
        db.session.expunge(message)
        return message


def _in(live_app: Flask, language: str, message: str) -> str:
    with live_app.test_request_context(), force_locale(language):
        return gettext(message)


def _signed_in(browser: Browser, base_url: str, email: str, *, code: bool, device) -> Page:
    """A demo account signed in (with a two-factor code for staff), reading English."""
    context = browser.new_context(locale="en-GB", base_url=base_url, **device)
    page = context.new_page()
    page.goto("/account/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    if code:
        page.get_by_label("Code").fill(current_code(DEMO_TOTP_SECRET))
        page.get_by_role("button", name="Continue").click()
    header = page.locator("header")
    expect(header.get_by_role("button", name=LANGUAGE_NAMES["ar"])).to_be_visible()
    header.get_by_role("button", name=LANGUAGE_NAMES["en"], exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    return page


def test_the_coordinator_assigns_automatically_and_a_dropped_session_is_open_again(
    browser: Browser, live_app: Flask, live_server: str, screenshot, monkeypatch
):
    # 1. The coordinator (who reads Kurdish) on the board of the demo forum, in English.
    coordinator = _signed_in(
        browser, live_server, INTERPRETATION_COORDINATOR, code=True, device=LAPTOP
    )
    board = coordinator.locator("main")
    coordinator.goto(BOARD)
    expect(board.get_by_role("heading", name="Interpretation board", level=1)).to_be_visible()
    screenshot(coordinator, "interpreting-board-en")

    # 2. "Assign automatically" with 3 seconds: how many were assigned, what stays open.
    board.get_by_label("Time limit (seconds)").fill("3")
    board.get_by_role("button", name="Assign automatically").click()
    result = board.get_by_role("status").filter(has_text="Automatic assignment done")
    expect(result).to_be_visible(timeout=30_000)
    assigned = _automatic_assignments(live_app)
    assert assigned > 0
    expect(result).to_contain_text(f"{assigned} interpreters were assigned automatically.")
    expect(result).to_contain_text("Still open:")
    still_open = result.get_by_role("listitem")
    expect(still_open.first).to_contain_text(re.compile(r"^No one .+ → .+"))
    unmet = board.locator("section[aria-labelledby=board-unmet] li")
    open_before = unmet.count()
    assert open_before > 0  # the demo leaves some needs open
    screenshot(coordinator, "interpreting-auto-assigned-en")

    # 3. The demo volunteer interprets; today, all the 2017 sessions have started.
    given = _held_session(live_app)
    expect(unmet.filter(has_text=given.title)).to_have_count(0)
    interpreter = _signed_in(browser, live_server, VOLUNTEER, code=False, device=PHONE)
    page = interpreter.locator("main")
    interpreter.goto(MY_SESSIONS)
    expect(page.get_by_role("heading", name="My interpretation sessions")).to_be_visible()
    held = page.locator(f"#assignment-{given.assignment_id}")
    expect(held.get_by_role("heading", name=given.title)).to_be_visible()
    expect(page.get_by_role("button", name="I can't make it")).to_have_count(0)

    # 4. On the eve of the forum, they give that session back, after a confirmation.
    eve = _eve_of_the_forum(live_app)
    monkeypatch.setattr(views_assignments, "utcnow", lambda: eve)
    interpreter.reload()
    expect(held).to_contain_text(given.own_pair)
    expect(held).to_contain_text(given.starts)
    screenshot(interpreter, "interpreting-my-sessions-en")
    held.get_by_role("button", name="I can't make it").click()
    expect(page.get_by_role("heading", name="I can't make it", level=1)).to_be_visible()
    expect(page).to_contain_text(f"Give back {given.title}")
    screenshot(interpreter, "interpreting-cannot-make-it-en")
    page.get_by_role("button", name="I can't make it").click()
    expect(interpreter).to_have_url(re.compile(rf"{MY_SESSIONS}$"))
    expect(interpreter.locator(".alert-success")).to_contain_text(f"Given back: {given.title}")
    expect(held).to_have_count(0)
    screenshot(interpreter, "interpreting-given-back-en")

    # 5. The same page in Arabic reads right to left, and so does the confirmation.
    interpreter.locator("header").get_by_role("button", name=LANGUAGE_NAMES["ar"]).click()
    html = interpreter.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    cannot = _in(live_app, "ar", "I can't make it")
    expect(page.get_by_role("button", name=cannot).first).to_be_visible()
    screenshot(interpreter, "interpreting-my-sessions-ar")
    page.get_by_role("button", name=cannot).first.click()
    expect(page.get_by_role("heading", name=cannot, level=1)).to_be_visible()
    screenshot(interpreter, "interpreting-cannot-make-it-ar")
    page.get_by_role("link", name=_in(live_app, "ar", "Cancel")).click()
    expect(interpreter).to_have_url(re.compile(rf"{MY_SESSIONS}$"))
    interpreter.context.close()

    # 6. The coordinator's board lists the need as open again, with the reason.
    coordinator.goto(BOARD)
    again = unmet.filter(has_text=given.title)
    expect(again).to_have_count(1)
    expect(again).to_contain_text(given.pair)
    expect(again).to_contain_text(f", {given.starts}, ")
    expect(again).to_contain_text(
        re.compile(r"1 place open\. (\d+ interpreters? fits?\.|No one with .+ is free then\.)")
    )
    expect(unmet).to_have_count(open_before + 1)
    again.get_by_role("link").click()
    need = board.locator(f"#need-{given.need_id}")
    expect(coordinator).to_have_url(re.compile(rf"day={given.day_id}#need-{given.need_id}$"))
    expect(need).to_contain_text("1 place open.")
    screenshot(coordinator, "interpreting-board-reopened-en")
    coordinator.context.close()

    # 7. And an email told them who gave which session back, in the language they
    #    chose on the site (English, since step 1).
    email = _latest_email(live_app, INTERPRETATION_COORDINATOR)
    assert email.locale == "en"
    assert email.subject == "An interpreter cannot make it to a session"
    assert "\u2068Sara Ahmed\u2069 cannot make it to this session" in email.body_text
    assert given.title in email.body_text
    assert f"/{SEASON_SLUG}/staff/interpreting/team/" in email.body_text
