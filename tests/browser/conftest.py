"""Browser tests: the app served for real on 127.0.0.1 and driven by headless Chromium.

The live app is built apart from the rest of the suite's: its own SQLite file, made
by the migrations and never rolled back between tests (hence ``no_db_isolation``),
CSRF protection on as in production, and mail left in the outbox table, where the
tests read the links. The browser is Debian's Chromium; Playwright downloads none.
"""

import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask, got_request_exception
from flask_babel import force_locale, gettext, pgettext
from flask_migrate import upgrade
from playwright.sync_api import Page
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db
from app.notifications.models import OutboxMessage
from app.notifications.services import recipient_hash
from config import TestConfig
from tests import factories

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


# The live application and its server.


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    database = tmp_path_factory.mktemp("browser-db") / "muntada.sqlite3"

    class BrowserConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{database}"
        MAIL_DISPATCH = "none"  # emails stay in the outbox table
        WTF_CSRF_ENABLED = True  # as in production

    app = create_app(BrowserConfig)
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_app: Flask) -> Iterator[str]:
    """The base URL of the live app, served in a background thread."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(autouse=True)
def _no_server_errors(live_app: Flask) -> Iterator[None]:
    """A test fails if the live app raised while serving it, whatever the page showed."""
    errors: list[BaseException] = []

    def record(_sender, exception, **_extra):
        errors.append(exception)

    got_request_exception.connect(record, live_app)
    yield
    got_request_exception.disconnect(record, live_app)
    assert not errors, f"the live app raised while serving the test: {errors!r}"


# Reaching into the live app: its translations, its outbox, its database.


@pytest.fixture(scope="session")
def translate(live_app: Flask) -> Callable[..., str]:
    """The app's own translation of a message: ``translate("ar", "Log in")``, or of
    one with a context: ``translate("ar", "Submitted", context="activity status")``."""

    def translate(language: str, message: str, context: str | None = None, **variables) -> str:
        with live_app.test_request_context(), force_locale(language):
            if context is not None:
                return pgettext(context, message, **variables)
            return gettext(message, **variables)

    return translate


@dataclass(frozen=True)
class Email:
    recipient: str
    locale: str
    subject: str
    body_text: str


@pytest.fixture(scope="session")
def latest_email(live_app: Flask) -> Callable[[str], Email]:
    """The newest email queued for an address (they stay in the outbox: no dispatch)."""

    def latest(recipient: str) -> Email:
        with live_app.app_context():
            message = db.session.scalars(
                sa.select(OutboxMessage)
                .where(OutboxMessage.recipient_hash == recipient_hash(recipient))
                .order_by(OutboxMessage.id.desc())
                .limit(1)
            ).first()
            assert message is not None, f"no email queued for {recipient}"
            return Email(message.recipient, message.locale, message.subject, message.body_text)

    return latest


@pytest.fixture(scope="session")
def make_live_user(live_app: Flask) -> Callable[..., factories.Snapshot]:
    """A verified account in the live app's database (password ``factories.PASSWORD``)."""

    def make(**fields) -> factories.Snapshot:
        with live_app.app_context():
            user = factories.make_user(**fields)
            db.session.commit()
            return factories.Snapshot.of(user)

    return make


# The browser (pytest-playwright's fixtures, pointed at Debian's Chromium).


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not CHROMIUM.exists():
        message = (
            f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return {
        "headless": True,  # unless --headed, which the default fixture turns into headless=False
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    """pytest-playwright opens relative URLs (``page.goto("/")``) on the live server."""
    return live_server


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """A phone whose browser asks for Arabic (Iraq)."""
    return {
        **browser_context_args,
        "locale": "ar-IQ",
        "viewport": {"width": 390, "height": 844},
    }


@pytest.fixture(scope="session")
def _screenshot_folder() -> Path:
    """tests/browser/screenshots/ (git-ignored), emptied of the previous run's images."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    return SCREENSHOTS


@pytest.fixture
def screenshot(_screenshot_folder: Path) -> Callable[[Page, str], Path]:
    def take(page: Page, name: str) -> Path:
        path = _screenshot_folder / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take
