"""Publishing without HTTP: numbering, what a version freezes, its changes (new,
moved, cancelled), the emails to the organizations concerned in their language,
and the latest version as the only public one."""

from datetime import time

import pytest
import sqlalchemy as sa

from app.activities.models import ActivityStatus, CoOrganizer
from app.extensions import db
from app.forums.models import ForumStatus
from app.notifications.models import OutboxMessage
from app.scheduling import publishing
from app.scheduling.models import ChangeKind
from app.scheduling.placing import apply_changes
from app.scheduling.publishing import PublishError, PublishProblem
from app.scheduling.snapshot import Spot
from tests import factories
from tests.helpers import outbox_to
from tests.scheduling.board_data import accepted, make_data


def _place(data, activity, room, *slots):
    apply_changes(
        data.forum, {activity.id: Spot(room.id, tuple(s.id for s in slots))}, by=data.organizer
    )


def _unplace(data, activity):
    apply_changes(data.forum, {activity.id: None}, by=data.organizer)


def _changes(version) -> set[tuple[int, ChangeKind]]:
    return {(c.activity_id, c.kind) for c in publishing.version_changes(version)}


def _all_mail() -> list[OutboxMessage]:
    return list(db.session.scalars(sa.select(OutboxMessage)))


def test_the_first_version_freezes_every_placed_accepted_session(ctx):
    data = make_data()
    long = accepted(data, "Long", length_slots=2)
    short = accepted(data, "Short", organization=factories.make_organization())
    accepted(data, "Not placed", organization=factories.make_organization())
    _place(data, long, data.hall, data.noon, data.afternoon)
    _place(data, short, data.small, data.day2)
    version = publishing.publish_schedule(data.forum, data.organizer, "  First programme  ")
    assert (version.number, version.note, version.published_by_id) == (
        1,
        "First programme",
        data.organizer.id,
    )
    frozen = {s.activity_id: s for s in version.sessions}
    assert set(frozen) == {long.id, short.id}
    assert (frozen[long.id].room_id, frozen[long.id].day_id) == (data.hall.id, data.noon.day_id)
    assert (frozen[long.id].starts_at, frozen[long.id].ends_at) == (time(11), time(14))
    assert frozen[long.id].slot_ids == [data.noon.id, data.afternoon.id]
    assert _changes(version) == {(long.id, ChangeKind.NEW), (short.id, ChangeKind.NEW)}


def test_nothing_to_publish_and_nothing_changed_are_refused(ctx):
    data = make_data()
    with pytest.raises(PublishError) as refused:
        publishing.publish_schedule(data.forum, data.organizer)
    assert refused.value.problem == PublishProblem.NOTHING_TO_PUBLISH
    _place(data, accepted(data, "Talk"), data.hall, data.morning)
    publishing.publish_schedule(data.forum, data.organizer)
    with pytest.raises(PublishError) as refused:
        publishing.publish_schedule(data.forum, data.organizer)
    assert refused.value.problem == PublishProblem.NOTHING_CHANGED


def test_the_next_version_records_new_moved_and_cancelled_and_numbers_on(ctx):
    data = make_data()
    organizations = [factories.make_organization() for _ in range(4)]
    stays, moves, goes, rejected = (
        accepted(data, title, organization=org)
        for title, org in zip(("Stays", "Moves", "Goes", "Rejected"), organizations, strict=True)
    )
    _place(data, stays, data.hall, data.morning)
    _place(data, moves, data.small, data.morning)
    _place(data, goes, data.hall, data.noon)
    _place(data, rejected, data.hall, data.day2)
    assert publishing.publish_schedule(data.forum, data.organizer).number == 1
    new = accepted(data, "New", organization=factories.make_organization())
    _place(data, new, data.small, data.noon)
    _place(data, moves, data.small, data.day2)
    _unplace(data, goes)
    rejected.status = ActivityStatus.REJECTED  # still placed, no longer in the programme
    db.session.flush()
    assert {a for a, _kind in publishing.pending_changes(data.forum)} == {
        new.id,
        moves.id,
        goes.id,
        rejected.id,
    }
    version = publishing.publish_schedule(data.forum, data.organizer)
    assert version.number == 2
    assert _changes(version) == {
        (new.id, ChangeKind.NEW),
        (moves.id, ChangeKind.MOVED),
        (goes.id, ChangeKind.CANCELLED),
        (rejected.id, ChangeKind.CANCELLED),
    }
    assert {s.activity_id for s in version.sessions} == {stays.id, moves.id, new.id}
    assert publishing.change_counts(version) == {
        ChangeKind.NEW: 1,
        ChangeKind.MOVED: 1,
        ChangeKind.CANCELLED: 2,
    }


def test_another_room_at_the_same_time_is_a_move(ctx):
    data = make_data()
    talk = accepted(data, "Talk")
    _place(data, talk, data.small, data.morning)
    publishing.publish_schedule(data.forum, data.organizer)
    _place(data, talk, data.hall, data.morning)
    version = publishing.publish_schedule(data.forum, data.organizer)
    assert _changes(version) == {(talk.id, ChangeKind.MOVED)}


def test_organizations_of_new_and_moved_sessions_are_emailed_in_their_language(ctx):
    data = make_data()
    arabic = factories.make_user(locale="ar", email="lead@example.org")
    kurdish = factories.make_user(locale="ckb", email="co@example.org")
    invited = factories.make_user(locale="en", email="invited@example.org")
    calm = factories.make_user(locale="en", email="calm@example.org")
    lead = factories.make_organization(members=[arabic], name_en="Tigris Keepers")
    co = factories.make_organization(members=[kurdish])
    pending = factories.make_organization(members=[invited])
    unchanged_org = factories.make_organization(members=[calm])
    moved = accepted(data, "Save the Tigris", organization=lead)
    moved.co_organizers.extend(
        [
            CoOrganizer(organization_id=co.id, accepted=True),
            CoOrganizer(organization_id=pending.id, accepted=None),
        ]
    )
    unchanged = accepted(data, "Sports for peace", organization=unchanged_org)
    _place(data, moved, data.small, data.morning)
    _place(data, unchanged, data.hall, data.morning)
    publishing.publish_schedule(data.forum, data.organizer)
    db.session.execute(sa.delete(OutboxMessage))
    _place(data, moved, data.hall, data.day2)
    publishing.publish_schedule(data.forum, data.organizer, "Room change")

    (to_lead,) = outbox_to("lead@example.org")
    (to_co,) = outbox_to("co@example.org")
    assert (to_lead.locale, to_co.locale) == ("ar", "ckb")
    assert 'dir="rtl"' in to_lead.body_html
    assert 'dir="rtl"' in to_co.body_html
    for message in (to_lead, to_co):
        assert "Save the Tigris" in message.body_text
        assert "Hall" in message.body_text
        assert "Small room" in message.body_text
        assert "10:30" in message.body_text
        assert f"/activities/{moved.id}" in message.body_text
        assert "Room change" in message.body_text
        assert "Sports for peace" not in message.body_text
    assert outbox_to("invited@example.org") == [], "an invitation not accepted is not told"
    assert outbox_to("calm@example.org") == [], "nothing changed for them"


def test_the_first_version_tells_everyone_placed_once_even_with_two_sessions(ctx):
    data = make_data()
    member = factories.make_user(locale="en", email="both@example.org")
    organization = factories.make_organization(members=[member])
    first = accepted(data, "First talk", organization=organization)
    second = accepted(data, "Second talk", organization=organization)
    _place(data, first, data.hall, data.morning)
    _place(data, second, data.hall, data.noon)
    publishing.publish_schedule(data.forum, data.organizer)
    (message,) = outbox_to("both@example.org")
    assert "First talk" in message.body_text
    assert "Second talk" in message.body_text
    assert message.subject == "Where and when your sessions take place"


def test_organizations_of_a_cancelled_session_are_told_where_it_was(ctx):
    data = make_data()
    member = factories.make_user(locale="en", email="cancelled@example.org")
    talk = accepted(data, "Talk", organization=factories.make_organization(members=[member]))
    _place(data, talk, data.hall, data.morning)
    publishing.publish_schedule(data.forum, data.organizer)
    db.session.execute(sa.delete(OutboxMessage))
    _unplace(data, talk)
    publishing.publish_schedule(data.forum, data.organizer)
    (message,) = outbox_to("cancelled@example.org")
    assert "Talk" in message.body_text
    assert "No longer in the programme." in message.body_text
    assert "Before:" in message.body_text
    assert "Hall" in message.body_text


def test_the_public_programme_is_the_latest_version_of_that_forum_only(ctx):
    data = make_data()
    other = make_data()
    assert publishing.published_programme(data.forum) is None
    talk = accepted(data, "Talk")
    _place(data, talk, data.small, data.morning)
    publishing.publish_schedule(data.forum, data.organizer)
    assert publishing.published_session_of(talk).room_id == data.small.id
    _place(data, talk, data.hall, data.noon)
    assert publishing.published_session_of(talk).room_id == data.small.id, "drafts are not public"
    latest = publishing.publish_schedule(data.forum, data.organizer)
    assert publishing.published_programme(data.forum).id == latest.id
    assert publishing.published_session_of(talk).room_id == data.hall.id
    assert publishing.published_programme(other.forum) is None
    assert [v.number for v in publishing.versions_of(data.forum)] == [2, 1]
    assert publishing.previous_version(latest).number == 1


def test_an_archived_forum_publishes_nothing(ctx):
    data = make_data()
    _place(data, accepted(data, "Talk"), data.hall, data.morning)
    data.forum.status = ForumStatus.ARCHIVED
    with pytest.raises(PublishError) as refused:
        publishing.publish_schedule(data.forum, data.organizer)
    assert refused.value.problem == PublishProblem.READ_ONLY


def test_publishing_is_audited_with_its_number(ctx):
    from app.audit.models import AuditEvent

    data = make_data()
    talk = accepted(data, "Talk")
    _place(data, talk, data.hall, data.morning)
    version = publishing.publish_schedule(data.forum, data.organizer)
    event = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.action == "schedule_published")
    )
    assert (event.actor_id, event.forum_id, event.object_id) == (
        data.organizer.id,
        data.forum.id,
        version.id,
    )
    assert event.details == {"number": 1}
