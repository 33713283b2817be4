"""Helpers of the programme page tests: pages as text, and more published sessions."""

import re
from html import unescape

from app.extensions import db
from app.forums.models import Forum, Room, TimeSlot
from app.scheduling.publishing import publish_schedule
from tests import factories
from tests.interpreting.factories import make_placed_session


def get_page(client, url: str, language: str = "en", status: int = 200) -> str:
    client.set_cookie("lang", language)
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


def visible_text(html: str) -> str:
    """The visible text, without tags and Unicode isolates."""
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    text = re.sub(r"\s+", " ", re.sub("[\u2066-\u2069]", "", text)).strip()
    return re.sub(r" ([,.،])", r"\1", text)


def shown_ids(page: str) -> set[int]:
    """The activities whose session is on the page."""
    return {int(found) for found in re.findall(r'id="session-(\d+)"', page)}


def publish_more(world, *sessions: tuple[int, tuple[int, int], dict]) -> list[int]:
    """Place more sessions on the draft, each ``(room id, (day, slot) index, activity
    fields)``, publish the draft again and return the new activity ids."""
    forum = db.session.get(Forum, world.forum_id)
    ids = []
    for room_id, slot_key, fields in sessions:
        activity = make_placed_session(
            forum,
            db.session.get(Room, room_id),
            db.session.get(TimeSlot, world.slot_ids[slot_key]),
            organization=fields.pop("organization", None),
            **fields,
        )
        ids.append(activity.id)
    db.session.flush()
    publish_schedule(forum, db.session.get(factories.User, world.organizer_id))
    db.session.commit()
    return ids
