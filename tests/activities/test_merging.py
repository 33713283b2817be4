"""Merging activities: proposal, consents, the three modes' bookkeeping, history."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from app.activities.co_organizers import answer_invitation
from app.activities.decisions import reject
from app.activities.merging import (
    MergeError,
    MergeProblem,
    answer_merge,
    cancel_merge,
    dialogue_partners,
    merge_history,
    propose_merge,
    sequence_of,
)
from app.activities.models import (
    ActivityStatus,
    CoOrganizer,
    MergeMode,
    MergeStatus,
)
from app.activities.proposals import withdraw
from app.audit.models import AuditEvent
from app.audit.services import AuditAction
from app.core.permissions import ForumRoleName
from app.extensions import db
from tests.factories import (
    grant_role,
    make_activity,
    make_forum,
    make_organization,
    make_user,
)
from tests.helpers import outbox_to

NOW = datetime(2017, 11, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def world(ctx):
    forum = make_forum()
    organizer = make_user()
    grant_role(organizer, forum, ForumRoleName.ORGANIZER)
    people = {name: make_user() for name in ("humat", "waterkeepers", "tammuz", "stranger")}
    humat = make_organization(members=[people["humat"]], name_en="Humat Dijla")
    waterkeepers = make_organization(members=[people["waterkeepers"]], name_en="Waterkeepers Iraq")
    tammuz = make_organization(members=[people["tammuz"]], name_en="Tammuz")
    masarat = make_organization(members=[people["stranger"]], name_en="Masarat")
    first = make_activity(forum, humat, title_ar="حماية نهر دجلة")
    second = make_activity(
        forum, waterkeepers, title_ar="حماية دجلة والأهوار", status=ActivityStatus.ACCEPTED
    )
    # Tammuz co-organizes the second activity.
    second.co_organizers.append(CoOrganizer(organization_id=tammuz.id, accepted=True))
    db.session.flush()
    return {
        "forum": forum,
        "organizer": organizer,
        "people": people,
        "orgs": {"humat": humat, "waterkeepers": waterkeepers, "tammuz": tammuz},
        "masarat": masarat,
        "activities": [first, second],
    }


def _propose(world, mode=MergeMode.FUSION, activities=None):
    return propose_merge(
        world["organizer"],
        world["forum"],
        mode,
        activities or world["activities"],
        "Both work on the Tigris",
        now=NOW,
    )


def _accept_all(world, merge):
    members = {org.id: world["people"][name] for name, org in world["orgs"].items()}
    for consent in list(merge.consents):
        answer_merge(members[consent.organization_id], merge, consent.organization, True, now=NOW)


def _actions():
    return list(db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


def test_a_proposal_asks_every_organization_involved(world):
    merge = _propose(world)
    assert merge.status == MergeStatus.PROPOSED
    assert [m.activity_id for m in merge.members] == [a.id for a in world["activities"]]
    assert [m.position for m in merge.members] == [0, 1]
    assert [c.organization_id for c in merge.consents] == [
        world["orgs"][name].id for name in ("humat", "waterkeepers", "tammuz")
    ]
    assert all(c.accepted is None for c in merge.consents)
    assert _actions() == [AuditAction.MERGE_PROPOSED]


def test_declined_and_pending_co_organizers_are_not_asked(world):
    first = world["activities"][0]
    other = make_organization()
    pending = make_organization()
    first.co_organizers.append(CoOrganizer(organization_id=other.id, accepted=False))
    first.co_organizers.append(CoOrganizer(organization_id=pending.id, accepted=None))
    db.session.flush()
    merge = _propose(world)
    assert {other.id, pending.id}.isdisjoint(c.organization_id for c in merge.consents)


@pytest.mark.parametrize("role", [None, ForumRoleName.REVIEWER])
def test_only_organizers_propose(world, role):
    user = make_user()
    if role:
        grant_role(user, world["forum"], role)
    with pytest.raises(MergeError) as error:
        propose_merge(user, world["forum"], MergeMode.FUSION, world["activities"], None)
    assert error.value.problems == [MergeProblem.NOT_ORGANIZER]


def test_one_activity_is_not_a_merge(world):
    with pytest.raises(MergeError) as error:
        _propose(world, activities=[world["activities"][0]])
    assert error.value.problems == [MergeProblem.TOO_FEW_ACTIVITIES]


def test_the_same_activity_twice_is_refused(world):
    first = world["activities"][0]
    with pytest.raises(MergeError) as error:
        _propose(world, activities=[first, first, world["activities"][1]])
    assert error.value.problems == [MergeProblem.DUPLICATE_ACTIVITY]


def test_an_activity_of_another_forum_is_refused(world):
    elsewhere = make_activity(make_forum(), world["orgs"]["tammuz"])
    with pytest.raises(MergeError) as error:
        _propose(world, activities=[world["activities"][0], elsewhere])
    assert error.value.problems == [MergeProblem.OTHER_FORUM]
    assert error.value.activity_ids == [elsewhere.id]


@pytest.mark.parametrize(
    "status",
    [
        ActivityStatus.DRAFT,
        ActivityStatus.MERGED,
        ActivityStatus.WITHDRAWN,
        ActivityStatus.REJECTED,
    ],
)
def test_an_activity_no_longer_open_is_refused(world, status):
    closed = make_activity(world["forum"], world["orgs"]["tammuz"], status=status)
    with pytest.raises(MergeError) as error:
        _propose(world, activities=[world["activities"][0], closed])
    assert error.value.problems == [MergeProblem.NOT_MERGEABLE]
    assert error.value.activity_ids == [closed.id]


def test_an_activity_already_merged_by_a_fusion_is_refused(world):
    merge = _propose(world)
    _accept_all(world, merge)
    third = make_activity(world["forum"], world["orgs"]["tammuz"])
    with pytest.raises(MergeError) as error:
        _propose(world, activities=[third, world["activities"][1]])
    assert error.value.problems == [MergeProblem.NOT_MERGEABLE]


def test_an_activity_in_an_open_merge_is_refused(world):
    _propose(world, MergeMode.DIALOGUE)
    third = make_activity(world["forum"], world["orgs"]["tammuz"])
    with pytest.raises(MergeError) as error:
        _propose(world, activities=[third, world["activities"][0]])
    assert error.value.problems == [MergeProblem.IN_OPEN_MERGE]
    assert error.value.activity_ids == [world["activities"][0].id]


def test_a_closed_merge_frees_its_activities(world):
    merge = _propose(world)
    cancel_merge(world["organizer"], merge, now=NOW)
    assert _propose(world, MergeMode.DIALOGUE).status == MergeStatus.PROPOSED


def test_an_activity_belongs_to_one_sequence(world):
    _accept_all(world, _propose(world, MergeMode.SEQUENCE))
    third = make_activity(world["forum"], world["orgs"]["tammuz"])
    with pytest.raises(MergeError) as error:
        _propose(world, MergeMode.SEQUENCE, [third, world["activities"][1]])
    assert error.value.problems == [MergeProblem.IN_SEQUENCE]


def test_several_problems_are_reported_at_once(world):
    withdrawn = make_activity(world["forum"], world["orgs"]["tammuz"], status="withdrawn")
    elsewhere = make_activity(make_forum(), world["orgs"]["tammuz"])
    with pytest.raises(MergeError) as error:
        _propose(world, activities=[withdrawn, elsewhere])
    assert error.value.problems == [MergeProblem.OTHER_FORUM, MergeProblem.NOT_MERGEABLE]


def test_fusion_completes_when_every_organization_accepted(world):
    first, second = world["activities"]
    merge = _propose(world)
    answer_merge(world["people"]["humat"], merge, world["orgs"]["humat"], True, now=NOW)
    answer_merge(world["people"]["waterkeepers"], merge, world["orgs"]["waterkeepers"], True)
    assert merge.status == MergeStatus.PROPOSED
    assert second.status == ActivityStatus.ACCEPTED
    # The co-organizer of the second activity has its say too.
    answer_merge(world["people"]["tammuz"], merge, world["orgs"]["tammuz"], True, now=NOW)

    assert merge.status == MergeStatus.COMPLETED
    assert merge.closed_at == NOW
    assert merge.result_id == first.id
    assert first.status == ActivityStatus.SUBMITTED
    assert second.status == ActivityStatus.MERGED
    assert second.merged_into_id == first.id
    co_organizers = {c.organization_id: c.accepted for c in first.co_organizers}
    assert co_organizers == {
        world["orgs"]["waterkeepers"].id: True,
        world["orgs"]["tammuz"].id: True,
    }
    assert _actions() == [AuditAction.MERGE_PROPOSED] + [AuditAction.MERGE_ANSWERED] * 3 + [
        AuditAction.MERGE_COMPLETED
    ]


def test_fusion_accepts_a_pending_invitation_of_an_organization_involved(world):
    first, _second = world["activities"]
    first.co_organizers.append(
        CoOrganizer(organization_id=world["orgs"]["waterkeepers"].id, accepted=None)
    )
    db.session.flush()
    _accept_all(world, _propose(world))
    assert [(c.organization_id, c.accepted) for c in first.co_organizers] == [
        (world["orgs"]["waterkeepers"].id, True),
        (world["orgs"]["tammuz"].id, True),
    ]


def test_sequence_keeps_the_activities_in_order(world):
    first, second = world["activities"]
    third = make_activity(world["forum"], world["orgs"]["tammuz"])
    merge = _propose(world, MergeMode.SEQUENCE, [second, third, first])
    assert sequence_of(first) == []
    _accept_all(world, merge)
    assert merge.status == MergeStatus.COMPLETED
    assert merge.result_id is None
    assert [a.status for a in (first, second, third)] == [
        ActivityStatus.SUBMITTED,
        ActivityStatus.ACCEPTED,
        ActivityStatus.SUBMITTED,
    ]
    assert sequence_of(first) == [second, third, first]
    assert sequence_of(third) == [second, third, first]
    assert dialogue_partners(first) == []


def test_dialogue_partners(world):
    first, second = world["activities"]
    third = make_activity(world["forum"], world["orgs"]["tammuz"])
    _accept_all(world, _propose(world, MergeMode.DIALOGUE))
    _accept_all(world, _propose(world, MergeMode.DIALOGUE, [first, third]))
    assert first.status == ActivityStatus.SUBMITTED
    assert second.status == ActivityStatus.ACCEPTED
    assert dialogue_partners(first) == [second, third]
    assert dialogue_partners(second) == [first]
    assert sequence_of(first) == []


def test_a_refusal_closes_the_merge_and_changes_nothing(world):
    first, second = world["activities"]
    merge = _propose(world)
    answer_merge(world["people"]["humat"], merge, world["orgs"]["humat"], True, now=NOW)
    answer_merge(world["people"]["tammuz"], merge, world["orgs"]["tammuz"], False, now=NOW)
    assert merge.status == MergeStatus.REFUSED
    assert merge.closed_at == NOW
    assert merge.result_id is None
    assert (first.status, second.status) == (ActivityStatus.SUBMITTED, ActivityStatus.ACCEPTED)
    assert second.merged_into_id is None
    assert first.co_organizers == []
    with pytest.raises(MergeError) as error:
        answer_merge(world["people"]["waterkeepers"], merge, world["orgs"]["waterkeepers"], True)
    assert error.value.problems == [MergeProblem.NOT_OPEN]


def test_a_stranger_cannot_answer_for_an_organization(world):
    merge = _propose(world)
    with pytest.raises(MergeError) as error:
        answer_merge(world["people"]["stranger"], merge, world["orgs"]["humat"], True)
    assert error.value.problems == [MergeProblem.NOT_MEMBER]
    with pytest.raises(MergeError) as error:
        answer_merge(world["organizer"], merge, world["orgs"]["humat"], True)
    assert error.value.problems == [MergeProblem.NOT_MEMBER]


def test_an_organization_not_involved_has_no_say(world):
    merge = _propose(world)
    with pytest.raises(MergeError) as error:
        answer_merge(world["people"]["stranger"], merge, world["masarat"], True)
    assert error.value.problems == [MergeProblem.NOT_INVOLVED]


def test_answering_twice_is_refused(world):
    merge = _propose(world)
    answer_merge(world["people"]["humat"], merge, world["orgs"]["humat"], True)
    with pytest.raises(MergeError) as error:
        answer_merge(world["people"]["humat"], merge, world["orgs"]["humat"], False)
    assert error.value.problems == [MergeProblem.ALREADY_ANSWERED]
    assert merge.status == MergeStatus.PROPOSED


def test_an_activity_withdrawn_meanwhile_stops_the_completion(world):
    _first, second = world["activities"]
    merge = _propose(world)
    answer_merge(world["people"]["humat"], merge, world["orgs"]["humat"], True)
    answer_merge(world["people"]["waterkeepers"], merge, world["orgs"]["waterkeepers"], True)
    second.status = ActivityStatus.WITHDRAWN
    with pytest.raises(MergeError) as error:
        answer_merge(world["people"]["tammuz"], merge, world["orgs"]["tammuz"], True)
    assert error.value.problems == [MergeProblem.NOT_MERGEABLE]
    assert error.value.activity_ids == [second.id]
    assert merge.status == MergeStatus.PROPOSED


def test_organizers_cancel_a_proposed_merge_only(world):
    merge = _propose(world)
    with pytest.raises(MergeError) as error:
        cancel_merge(world["people"]["humat"], merge)
    assert error.value.problems == [MergeProblem.NOT_ORGANIZER]
    cancel_merge(world["organizer"], merge, now=NOW)
    assert merge.status == MergeStatus.CANCELLED
    assert merge.closed_at == NOW
    with pytest.raises(MergeError) as error:
        cancel_merge(world["organizer"], merge)
    assert error.value.problems == [MergeProblem.NOT_OPEN]
    with pytest.raises(MergeError) as error:
        answer_merge(world["people"]["humat"], merge, world["orgs"]["humat"], True)
    assert error.value.problems == [MergeProblem.NOT_OPEN]


def test_a_completed_merge_cannot_be_cancelled(world):
    merge = _propose(world, MergeMode.DIALOGUE)
    _accept_all(world, merge)
    with pytest.raises(MergeError) as error:
        cancel_merge(world["organizer"], merge)
    assert error.value.problems == [MergeProblem.NOT_OPEN]


def test_merge_history_lists_every_merge_newest_first(world):
    first, second = world["activities"]
    cancelled = _propose(world)
    cancel_merge(world["organizer"], cancelled)
    refused = propose_merge(
        world["organizer"], world["forum"], MergeMode.SEQUENCE, [first, second], None
    )
    answer_merge(world["people"]["humat"], refused, world["orgs"]["humat"], False)
    open_one = propose_merge(
        world["organizer"], world["forum"], MergeMode.DIALOGUE, [first, second], None
    )
    assert merge_history(first) == [open_one, refused, cancelled]
    third = make_activity(world["forum"], world["orgs"]["tammuz"])
    assert merge_history(third) == []


def test_audit_records_hold_codes_only(world):
    merge = _propose(world)
    answer_merge(world["people"]["humat"], merge, world["orgs"]["humat"], False)
    events = list(db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id)))
    assert [e.details for e in events] == [
        {"mode": "fusion", "activities": 2, "organizations": 3},
        {"organization_id": world["orgs"]["humat"].id, "accepted": False},
    ]
    assert {e.object_id for e in events} == {merge.id}
    assert {e.forum_id for e in events} == {world["forum"].id}


def test_withdrawing_an_activity_cancels_the_merges_proposed_for_it(world):
    merge = _propose(world, MergeMode.SEQUENCE)
    first, second = world["activities"]

    withdraw(world["people"]["humat"], first, now=NOW)

    assert merge.status == MergeStatus.CANCELLED
    assert merge.closed_at == NOW
    assert merge_history(second) == [merge]  # the history keeps it


def test_rejecting_an_activity_cancels_the_merges_proposed_for_it(world):
    merge = _propose(world, MergeMode.FUSION)
    first, _second = world["activities"]

    reject(world["organizer"], first, "Outside the forum's themes.", now=NOW)

    assert merge.status == MergeStatus.CANCELLED


def test_an_organization_that_becomes_a_co_organizer_meanwhile_is_asked_too(world):
    merge = _propose(world)
    first = world["activities"][0]
    late_member = make_user(email="late@example.org")
    late = make_organization(members=[late_member], name_en="Iraqi Al-Amal Association")
    invitation = CoOrganizer(organization_id=late.id, accepted=None)
    first.co_organizers.append(invitation)
    db.session.flush()

    answer_invitation(late_member, invitation, True, now=NOW)
    for name in ("humat", "waterkeepers", "tammuz"):
        answer_merge(world["people"][name], merge, world["orgs"][name], True, now=NOW)

    assert late.id in [consent.organization_id for consent in merge.consents]
    assert merge.status == MergeStatus.PROPOSED  # not without the newcomer's consent
    assert len(outbox_to("late@example.org")) == 1
    assert outbox_to(world["people"]["humat"].email) == []  # the others are not asked again
    answer_merge(late_member, merge, late, True, now=NOW)
    assert merge.status == MergeStatus.COMPLETED


def test_declining_a_co_organizer_invitation_asks_nothing(world):
    merge = _propose(world)
    member = make_user()
    declining = make_organization(members=[member])
    invitation = CoOrganizer(organization_id=declining.id, accepted=None)
    world["activities"][0].co_organizers.append(invitation)
    db.session.flush()

    answer_invitation(member, invitation, False, now=NOW)

    assert declining.id not in [consent.organization_id for consent in merge.consents]
