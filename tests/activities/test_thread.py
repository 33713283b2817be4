"""Message thread rules without HTTP: who reads and writes, staff or not, lengths, order."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.activities import thread
from app.activities.models import ActivityMessage, CoOrganizer
from app.activities.thread import ThreadError, ThreadProblem
from app.core.permissions import ForumRoleName
from app.extensions import db
from tests import factories

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def _activity_with(accepted_answers=(True,)):
    """A forum, its organizer, an activity, a lead member and one member per co-organizer."""
    forum = factories.make_forum()
    organizer = factories.make_user()
    factories.grant_role(organizer, forum, ForumRoleName.ORGANIZER)
    lead_member = factories.make_user()
    activity = factories.make_activity(forum, factories.make_organization(members=[lead_member]))
    co_members = []
    for answer in accepted_answers:
        member = factories.make_user()
        organization = factories.make_organization(members=[member])
        db.session.add(
            CoOrganizer(activity_id=activity.id, organization_id=organization.id, accepted=answer)
        )
        co_members.append(member)
    db.session.flush()
    return forum, organizer, activity, lead_member, co_members


def test_organizers_write_as_staff_and_members_of_the_organizations_involved_not(ctx):
    _forum, organizer, activity, lead_member, (co_member,) = _activity_with()
    staff = thread.post_message(organizer, activity, "Can you do Tuesday?", now=NOW)
    lead = thread.post_message(lead_member, activity, "Yes.", now=NOW + timedelta(minutes=1))
    co = thread.post_message(co_member, activity, "We too.", now=NOW + timedelta(minutes=2))
    assert [m.from_staff for m in (staff, lead, co)] == [True, False, False]
    assert [m.author_id for m in (staff, lead, co)] == [organizer.id, lead_member.id, co_member.id]
    assert all(thread.can_read_thread(u, activity) for u in (organizer, lead_member, co_member))


def test_an_organizer_who_is_also_a_member_writes_as_staff(ctx):
    forum, _organizer, activity, lead_member, _co = _activity_with()
    factories.grant_role(lead_member, forum, ForumRoleName.ORGANIZER)
    assert thread.post_message(lead_member, activity, "Both hats.").from_staff is True


@pytest.mark.parametrize("who", ["invited", "declined", "reviewer", "other_forum", "stranger"])
def test_others_neither_read_nor_write(ctx, who):
    forum, _organizer, activity, _lead, (invited, declined) = _activity_with((None, False))
    reviewer, other_forum, stranger = (factories.make_user() for _ in range(3))
    factories.grant_role(reviewer, forum, ForumRoleName.REVIEWER)
    factories.grant_role(other_forum, factories.make_forum(), ForumRoleName.ORGANIZER)
    user = {
        "invited": invited,
        "declined": declined,
        "reviewer": reviewer,
        "other_forum": other_forum,
        "stranger": stranger,
    }[who]
    assert not thread.can_read_thread(user, activity)
    with pytest.raises(ThreadError) as refused:
        thread.post_message(user, activity, "Hello")
    assert refused.value.problems == [ThreadProblem.NOT_ALLOWED]
    assert db.session.scalar(sa.select(sa.func.count(ActivityMessage.id))) == 0


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("", ThreadProblem.EMPTY_BODY),
        (" \n ", ThreadProblem.EMPTY_BODY),
        (None, ThreadProblem.EMPTY_BODY),
        ("x" * 5001, ThreadProblem.BODY_TOO_LONG),
    ],
)
def test_a_body_has_1_to_5000_characters(ctx, body, problem):
    _forum, organizer, activity, _lead, _co = _activity_with()
    with pytest.raises(ThreadError) as refused:
        thread.post_message(organizer, activity, body)
    assert refused.value.problems == [problem]


@pytest.mark.parametrize("body", ["x", "x" * 5000, "  trimmed  "])
def test_bodies_at_the_limits_are_kept_trimmed(ctx, body):
    _forum, organizer, activity, _lead, _co = _activity_with()
    assert thread.post_message(organizer, activity, body).body == body.strip()


def test_a_stranger_with_an_empty_body_hears_both_problems(ctx):
    _forum, _organizer, activity, _lead, _co = _activity_with()
    with pytest.raises(ThreadError) as refused:
        thread.post_message(factories.make_user(), activity, "")
    assert refused.value.problems == [ThreadProblem.NOT_ALLOWED, ThreadProblem.EMPTY_BODY]


def test_the_thread_is_read_oldest_first_and_only_its_own(ctx):
    forum, organizer, activity, lead_member, _co = _activity_with()
    other = factories.make_activity(forum, factories.make_organization(members=[lead_member]))
    later = thread.post_message(lead_member, activity, "Second", now=NOW + timedelta(hours=1))
    earlier = thread.post_message(organizer, activity, "First", now=NOW)
    thread.post_message(organizer, other, "Elsewhere", now=NOW)
    assert thread.thread_of(activity) == [earlier, later]


def test_messages_are_encrypted_at_rest(ctx):
    _forum, organizer, activity, _lead, _co = _activity_with()
    thread.post_message(organizer, activity, "A secret plan")
    stored = db.session.execute(sa.text("SELECT body FROM activity_messages")).scalar_one()
    assert "secret" not in stored
