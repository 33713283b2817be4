"""The schedule board in the browser, on the demo forum (``flask seed-demo``): the
demo organizer asks the auto-scheduler for a schedule and accepts it, drags a
large session into a room too small for it, is refused with the reason, overrides
it, and publishes version 2; the board is seen in English and in Arabic.

The organizer works on a laptop: the board is a wide grid, not a phone's page.

The demo is loaded as ``flask seed-demo`` loads it on a fresh install: into an empty
database (it leaves out its organizations when any exists), so this module has a
live app and server of its own; the other journeys' database never holds the demo.
"""

import re
import threading
import traceback
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from flask import Flask
from flask_babel import force_locale
from flask_migrate import upgrade
from playwright.sync_api import Browser, Locator, Page, expect
from werkzeug.serving import make_server

from app import create_app
from app.activities.models import Activity
from app.core.i18n import LANGUAGE_NAMES, localized
from app.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET
from app.demo.cli import ORGANIZER
from app.demo.forums import SEASON_SLUG
from app.extensions import db
from app.forums.models import Forum, Room
from app.scheduling.conflicts import Rule, new_conflicts
from app.scheduling.loading import load_snapshot
from app.scheduling.snapshot import Snapshot, Spot
from config import TestConfig
from tests.helpers import current_code

pytestmark = [pytest.mark.browser, pytest.mark.no_db_isolation]

LAPTOP = {"viewport": {"width": 1366, "height": 900}}
BOARD = f"/{SEASON_SLUG}/staff/schedule/"
REASON = "The large hall is closed for repairs that morning; the school lends its chairs."
NOTE = "Second version: the last three activities are in, and a few sessions have moved."


@dataclass(frozen=True)
class Drop:
    """A placed session and a free cell, on its day, of a room too small for it."""

    activity_id: int
    title: str
    attendance: int
    day_id: int
    room_id: int
    room: str
    capacity: int
    slot_id: int


def _forum() -> Forum:
    return db.session.scalar(sa.select(Forum).where(Forum.slug == SEASON_SLUG))


def _english_title(activity_id: int) -> str:
    return localized(db.session.get(Activity, activity_id), "title")


@pytest.fixture(scope="module")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The live app of this module (it stands for conftest's): an empty database,
    made by the migrations, with the demo loaded; CSRF on, mail left in the outbox."""
    database = tmp_path_factory.mktemp("demo-db") / "muntada.sqlite3"

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


@pytest.fixture
def demo(live_app: Flask) -> list[str]:
    """The titles (in English) of the accepted activities the demo leaves to place."""
    with live_app.test_request_context(), force_locale("en"):
        snapshot = load_snapshot(_forum())
        unplaced = sorted(set(snapshot.activities) - set(snapshot.placements))
        assert len(unplaced) == 3, unplaced
        return [_english_title(activity_id) for activity_id in unplaced]


def _only_too_small(snapshot: Snapshot, activity_id: int, room_id: int, slot_id: int) -> bool:
    """Whether moving the session to this free, open cell breaks the capacity rule
    and no other."""
    taken = {(s.room_id, slot) for s in snapshot.placements.values() for slot in s.slot_ids}
    if (room_id, slot_id) in taken:
        return False
    after = snapshot.with_changes({activity_id: Spot(room_id, (slot_id,))})
    broken = new_conflicts(snapshot, after, [activity_id])
    return [c.rule for c in broken] == [Rule.CAPACITY]


def _too_small_drop(live_app: Flask) -> Drop:
    """The placed one-slot session expecting the most people, and a free cell of its
    day in the smallest room that cannot seat them, where it breaks no other rule."""
    with live_app.test_request_context(), force_locale("en"):
        snapshot = load_snapshot(_forum())
        in_sequences = {a for sequence in snapshot.sequences for a in sequence}
        sessions = sorted(
            (a for a in snapshot.activities.values() if a.id in snapshot.placements),
            key=lambda a: (-a.attendance, a.id),
        )
        rooms = sorted(snapshot.rooms.values(), key=lambda r: (r.capacity, r.id))
        for activity in sessions:
            spot = snapshot.placements[activity.id]
            if len(spot.slot_ids) != 1 or activity.id in in_sequences:
                continue
            day_id = snapshot.slots[spot.slot_ids[0]].day_id
            day_slots = sorted(
                (s for s in snapshot.slots.values() if s.day_id == day_id), key=lambda s: s.starts
            )
            for room in (r for r in rooms if r.capacity < activity.attendance):
                for slot in day_slots:
                    if _only_too_small(snapshot, activity.id, room.id, slot.id):
                        return Drop(
                            activity_id=activity.id,
                            title=_english_title(activity.id),
                            attendance=activity.attendance,
                            day_id=day_id,
                            room_id=room.id,
                            room=localized(db.session.get(Room, room.id), "name"),
                            capacity=room.capacity,
                            slot_id=slot.id,
                        )
    raise AssertionError("the demo has no free cell in a room too small for a session")


def _signed_in_organizer(browser: Browser, base_url: str) -> Page:
    """The demo organizer on a laptop, signed in with a code, reading English."""
    context = browser.new_context(locale="en-GB", base_url=base_url, **LAPTOP)
    page = context.new_page()
    page.goto("/account/login")
    page.get_by_label("Email address").fill(ORGANIZER)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(current_code(DEMO_TOTP_SECRET))
    page.get_by_role("button", name="Continue").click()
    header = page.locator("header")
    expect(header.get_by_role("button", name=LANGUAGE_NAMES["ar"])).to_be_visible()
    # The demo organizer reads Arabic; the journey starts in English.
    header.get_by_role("button", name=LANGUAGE_NAMES["en"], exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    return page


def _drag(page: Page, card: Locator, cell: Locator) -> None:
    """An HTML5 drag of ``card`` onto ``cell``. Headless Chromium starts no HTML5
    drag from Playwright's mouse here, so the drag's events are dispatched, sharing
    one DataTransfer as a real drag does."""
    data = page.evaluate_handle("() => new DataTransfer()")
    card.dispatch_event("dragstart", {"dataTransfer": data})
    cell.dispatch_event("dragenter", {"dataTransfer": data})
    cell.dispatch_event("dragover", {"dataTransfer": data})
    cell.dispatch_event("drop", {"dataTransfer": data})
    card.dispatch_event("dragend", {"dataTransfer": data})


def _capacity_sentence(drop: Drop) -> str:
    return (
        f"{drop.room} seats {drop.capacity}, but “{drop.title}” expects {drop.attendance} people."
    )


def test_the_organizer_schedules_the_demo_forum_overrides_a_rule_and_publishes(
    browser: Browser, live_app: Flask, live_server: str, demo: list[str], screenshot
):
    page = _signed_in_organizer(browser, live_server)
    main = page.locator("main")

    # 1. The board of the demo forum: its first day, three activities to place.
    page.goto(BOARD)
    expect(main.get_by_role("heading", name="Schedule board", level=1)).to_be_visible()
    expect(main.locator("table.board-grid")).to_be_visible()
    unplaced = main.locator("section.board-unplaced")
    for title in demo:
        expect(unplaced.get_by_role("heading", name=title)).to_be_visible()
    expect(main.locator("#board")).to_contain_text("3 to place.")
    screenshot(page, "schedule-board-en")

    # 2. The auto-scheduler, given 5 seconds, proposes places for the three; all accepted.
    main.get_by_role("link", name="Suggest a schedule").click()
    page.get_by_label("Time limit in seconds").fill("5")
    # With every placed session kept where it is, the demo leaves no place for its
    # 2-slot assembly with simultaneous interpretation: sessions may move.
    page.get_by_label("May move sessions that are not pinned").check()
    main.get_by_role("button", name="Suggest a schedule").click()
    expect(page).to_have_url(re.compile(r"/staff/schedule/suggestions/\d+$"))
    expect(main.get_by_role("heading", name="Sessions it would place")).to_be_visible(
        timeout=60_000  # the page refreshes itself while the job runs
    )
    to_place = main.locator("h2:text-is('Sessions it would place') + table")
    expect(to_place.locator("tbody tr")).to_have_count(3)
    for title in demo:
        expect(to_place).to_contain_text(title)
    to_move = main.locator("h2:text-is('Sessions it would move') + table").locator("tbody tr")
    moved = to_move.count()
    expect(main).to_contain_text("Every accepted activity has a place.")
    screenshot(page, "schedule-suggestion-en")
    main.get_by_role("button", name="Accept all").click()
    expect(page).to_have_url(re.compile(rf"{BOARD}$"))
    expect(page.locator(".alert-success")).to_contain_text(
        f"{3 + moved} sessions placed or moved as suggested."
    )
    expect(main.locator("#board")).to_contain_text("0 to place.")
    expect(main.locator("#board")).to_contain_text("No conflicts.")

    # 3. Dragging the largest session into a small room is refused, with the reason.
    drop = _too_small_drop(live_app)
    page.goto(f"{BOARD}?day={drop.day_id}")
    card = main.locator(f'article.board-card[data-activity="{drop.activity_id}"]')
    cell = main.locator(
        f'td[data-drop="cell"][data-room="{drop.room_id}"][data-slot="{drop.slot_id}"]'
    )
    expect(card).to_contain_text(f"{drop.attendance} people")
    expect(cell).not_to_have_attribute("data-holder", re.compile(".*"))
    _drag(page, card, cell)
    refusal = main.locator("#board [role=alert]")
    expect(refusal).to_contain_text("This change was not made.")
    expect(refusal).to_contain_text("It breaks these scheduling rules:")
    expect(refusal.get_by_role("listitem")).to_have_text([_capacity_sentence(drop)])
    expect(cell).not_to_have_attribute("data-holder", re.compile(".*"))  # nothing moved
    expect(page).to_have_url(re.compile(rf"\?day={drop.day_id}$"))  # the board's fragment
    place_form = main.locator("#place-form")
    expect(place_form.get_by_role("heading")).to_have_text(f"Move “{drop.title}”")
    expect(place_form.get_by_label("Room")).to_have_value(str(drop.room_id))
    screenshot(page, "schedule-refusal-en")

    # 4. The organizer overrides it, saying why: the session is in the small room,
    #    and the board lists the conflict with who overrode it and why.
    place_form.get_by_label("Keep this change although it breaks these rules").check()
    place_form.get_by_label("Why the rules may be broken here").fill(REASON)
    place_form.get_by_role("button", name="Place anyway").click()
    expect(page.locator(".alert-success")).to_contain_text(f"Placed: \u2068{drop.title}\u2069.")
    expect(page).to_have_url(re.compile(rf"day={drop.day_id}.*#session-{drop.activity_id}$"))
    expect(cell).to_have_attribute("data-holder", str(drop.activity_id))
    expect(cell.locator("article.board-card")).to_contain_text(drop.title)
    conflict = main.locator("li.board-conflict").filter(has_text=_capacity_sentence(drop))
    expect(conflict).to_have_attribute("data-rule", "capacity")
    expect(conflict).to_contain_text("Overridden")
    expect(conflict).to_contain_text("by هدى الساعدي on")
    expect(conflict.locator("q")).to_have_text(REASON)
    expect(conflict.get_by_role("link", name=drop.title)).to_be_visible()
    screenshot(page, "schedule-override-en")

    # 5. Publishing makes version 2, listing the new sessions and the moved ones.
    main.get_by_role("link", name="Publish", exact=True).click()
    expect(main.get_by_role("heading", name="Publish the programme", level=1)).to_be_visible()
    expect(main).to_contain_text("The draft breaks 1 scheduling rule.")
    page.get_by_label("Note (optional)").fill(NOTE)
    main.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Version 2 is published.")
    expect(main.get_by_role("heading", level=1)).to_contain_text("Version 2")
    expect(main.locator("blockquote")).to_have_text(NOTE)
    changes = main.locator("table").first  # "Changes since the version before"
    for title in demo:
        expect(changes.get_by_role("row").filter(has_text=title)).to_contain_text("new")
    moved = changes.get_by_role("row").filter(has_text=drop.title)
    expect(moved).to_contain_text("moved")
    expect(moved).to_contain_text(drop.room)
    screenshot(page, "schedule-version-2-en")
    main.get_by_role("link", name="Published versions").click()
    latest = main.locator("tbody tr").first
    expect(latest).to_contain_text("2")
    expect(latest).to_contain_text("public")
    expect(latest).to_contain_text(NOTE)
    expect(latest.locator("td").nth(4)).to_have_text("3")  # new
    expect(main.locator("tbody tr")).to_have_count(2)
    screenshot(page, "schedule-versions-en")

    # 6. The same board in Arabic reads right to left.
    page.goto(f"{BOARD}?day={drop.day_id}")
    page.locator("header").get_by_role("button", name=LANGUAGE_NAMES["ar"]).click()
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(main.locator("table.board-grid")).to_be_visible()
    expect(cell).to_have_attribute("data-holder", str(drop.activity_id))
    screenshot(page, "schedule-board-ar")
    page.context.close()
