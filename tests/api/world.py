"""The programme world (tests/programme/world.py) plus what the API lists, with
data that could leak:

- organizations registered for the 4th season: two listed and approved (one with
  canary contacts and a ``javascript:`` website), one unlisted, one hidden, one
  listed but still pending, and one listed and approved for the other forum only;
- themes and rooms of the other forum, whose names must not appear;
- a draft forum (a local forum of the season) with its own published programme;
- a local forum of the season whose season is shown as its parent.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from app.extensions import db
from app.forums.models import Forum, ForumKind, ForumStatus, Room, Theme
from app.organizations.models import RegistrationStatus
from app.scheduling.publishing import publish_schedule
from tests import factories
from tests.interpreting.factories import make_placed_session
from tests.programme.world import World, listed, make_open_forum, make_world, slots_of

CONTACT_EMAIL = "canary.contact@example.org"
CONTACT_PHONE = "+9647712223333"
UNLISTED_REGISTERED = "Canary Unlisted Registered"
HIDDEN_REGISTERED = "Canary Hidden Registered"
PENDING_REGISTERED = "Canary Pending Registered"
OTHER_REGISTERED = "Canary Other Forum Organization"
OTHER_THEME = "Canary theme of the other forum"
DRAFT_SLUG = "draft-forum"
DRAFT_TITLE = "Canary session of a draft forum"
LOCAL_SLUG = "najaf-2017"


@dataclass
class ApiWorld:
    programme: World
    listed_ids: list[int]
    draft_parent_id: int

    @property
    def slug(self) -> str:
        return self.programme.slug

    @property
    def other_slug(self) -> str:
        return self.programme.other_slug


def _register(forum: Forum, status=RegistrationStatus.APPROVED, **fields):
    organization = factories.make_organization(**fields)
    factories.make_registration(forum, organization, status=status)
    return organization


def make_api_world() -> ApiWorld:
    programme = make_world()
    forum = db.session.get(Forum, programme.forum_id)
    other = db.session.scalar(db.select(Forum).where(Forum.slug == programme.other_slug))
    forum.number = 4
    forum.slogan_en = "Another Iraq is possible"
    forum.city = "Baghdad"
    forum.governorate = "baghdad"

    first = _register(
        forum, listed_publicly=True, name_en="Tammuz Organization", name_ar="منظمة تموز",
        contact_email=CONTACT_EMAIL, contact_phone=CONTACT_PHONE, website="javascript:alert(1)",
        registration_number="CANARY-REG-123",
    )  # fmt: skip
    second = _register(
        forum, listed_publicly=True, name_en="Al Mesalla", website="https://almesalla.example.org"
    )
    _register(forum, name_en=UNLISTED_REGISTERED)
    _register(
        forum, listed_publicly=True, name_en=HIDDEN_REGISTERED,
        hidden_at=datetime(2017, 11, 1, tzinfo=UTC),
    )  # fmt: skip
    _register(
        forum, status=RegistrationStatus.PENDING, listed_publicly=True, name_en=PENDING_REGISTERED
    )
    _register(other, listed_publicly=True, name_en=OTHER_REGISTERED)
    other.themes.append(Theme(name_en=OTHER_THEME))

    local = make_open_forum(LOCAL_SLUG, "Najaf Social Forum")
    local.kind, local.parent_id = ForumKind.LOCAL, forum.id
    draft = make_open_forum(DRAFT_SLUG, "Canary draft forum")
    draft.kind, draft.parent_id = ForumKind.LOCAL, forum.id
    room = Room(name_en="Draft room", capacity=10)
    draft.rooms.append(room)
    db.session.flush()
    make_placed_session(
        draft, room, slots_of(draft)[(0, 0)], organization=listed(), title_en=DRAFT_TITLE
    )
    publish_schedule(draft, factories.make_user())
    draft.status = ForumStatus.DRAFT
    # A draft season: its local forum must not name it as its parent.
    hidden_parent = factories.make_forum(status=ForumStatus.DRAFT, slug="canary-draft-season")
    draft_child = make_open_forum("child-of-a-draft", "Child of a draft season")
    draft_child.parent_id = hidden_parent.id
    db.session.commit()
    return ApiWorld(programme, [first.id, second.id], hidden_parent.id)
