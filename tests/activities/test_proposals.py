"""Proposals without HTTP: who may propose (approved organization, open forum, the
window on the forum's own date, the cap), drafts, field checks, editing, submitting
and withdrawing, with every allowed and refused transition."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from app.activities.models import (
    ActivityFormat,
    ActivityStatus,
    CoOrganizer,
    InterpretationMode,
)
from app.activities.proposal_fields import FieldIssue, FieldProblem, PresenterDetails
from app.activities.proposals import (
    ProposalError,
    ProposalProblem,
    can_propose,
    counted_activities,
    create_draft,
    submit,
    update_activity,
    withdraw,
)
from app.audit.models import AuditEvent
from app.extensions import db
from app.forums.models import Day, ForumStatus, Theme
from app.organizations.models import RegistrationStatus
from tests import factories

# Mid-window, in Baghdad (UTC+3) and in UTC alike.
NOW = datetime(2017, 11, 1, 12, tzinfo=UTC)
Status = ActivityStatus


def make_forum(**fields):
    """An open forum, proposals 1 October – 15 November 2017 (Baghdad), cap 2, two
    themes, three days from 30 November."""
    values = {
        "status": ForumStatus.OPEN,
        "name_en": "ISF 4",
        "start_date": date(2017, 11, 30),
        "end_date": date(2017, 12, 2),
        "proposals_open": date(2017, 10, 1),
        "proposals_close": date(2017, 11, 15),
        "max_activities_per_organization": 2,
        "min_assembly_co_organizers": 2,
        **fields,
    }
    forum = factories.make_forum(**values)
    forum.themes = [Theme(name_en="Save the Tigris"), Theme(name_en="Women's rights", position=1)]
    forum.days = [
        Day(date=day) for day in (date(2017, 11, 30), date(2017, 12, 1), date(2017, 12, 2))
    ]
    db.session.flush()
    return forum


@pytest.fixture
def forum(ctx):
    return make_forum()


@pytest.fixture
def member(ctx):
    return factories.make_user()


@pytest.fixture
def organization(forum, member):
    organization = factories.make_organization(members=[member])
    factories.make_registration(forum, organization, status=RegistrationStatus.APPROVED)
    return organization


def presenter(**fields) -> PresenterDetails:
    return PresenterDetails(**{"name": "Sara", "languages": ("ar",), **fields})


def complete(forum) -> dict:
    return {
        "title_ckb": "پاراستنی دیجلە",
        "description_ar": "ورشة عن حماية نهر دجلة",
        "theme_id": forum.themes[0].id if forum.themes else None,
        "format": ActivityFormat.WORKSHOP,
        "spoken_languages": ["ckb", "ar"],
        "length_slots": 2,
        "presenters": [presenter()],
    }


def problems_of(error) -> set:
    return set(error.value.problems)


def issues_of(error) -> set:
    return {(issue.field, issue.problem) for issue in error.value.issues}


def audit(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)))


def co_organizer(activity, accepted, members=()):
    other = factories.make_organization(members=list(members))
    activity.co_organizers.append(CoOrganizer(organization_id=other.id, accepted=accepted))
    db.session.flush()
    return other


# --- who may propose -------------------------------------------------------------


def test_member_of_an_approved_organization_starts_an_empty_draft(forum, member, organization):
    activity = create_draft(member, forum, organization, now=NOW)
    assert activity.status is Status.DRAFT
    assert activity.lead_organization_id == organization.id
    assert activity.created_by_id == member.id
    assert can_propose(member, forum, organization, NOW)
    [event] = audit("activity_created")
    assert event.object_id == activity.id
    assert event.forum_id == forum.id
    assert event.details == {"organization_id": organization.id}


@pytest.mark.parametrize(
    "now",
    [
        datetime(2017, 9, 30, 21, 0, tzinfo=UTC),  # 1 October, 00:00 in Baghdad
        datetime(2017, 11, 15, 20, 59, tzinfo=UTC),  # 15 November, 23:59 in Baghdad
    ],
)
def test_window_includes_its_first_and_last_day_in_the_forums_time_zone(
    forum, member, organization, now
):
    assert create_draft(member, forum, organization, now=now).status is Status.DRAFT


@pytest.mark.parametrize(
    ("now", "problem"),
    [
        (datetime(2017, 9, 30, 20, 59, tzinfo=UTC), ProposalProblem.WINDOW_NOT_YET_OPEN),
        (datetime(2017, 11, 15, 21, 0, tzinfo=UTC), ProposalProblem.WINDOW_CLOSED),
    ],
)
def test_proposing_outside_the_window_is_refused(forum, member, organization, now, problem):
    with pytest.raises(ProposalError) as error:
        create_draft(member, forum, organization, now=now)
    assert problems_of(error) == {problem}
    assert error.value.data["closes"] == date(2017, 11, 15)


@pytest.mark.parametrize("status", [ForumStatus.DRAFT, ForumStatus.CLOSED, ForumStatus.ARCHIVED])
def test_proposing_in_a_forum_that_is_not_open_is_refused(forum, member, organization, status):
    forum.status = status
    with pytest.raises(ProposalError) as error:
        create_draft(member, forum, organization, now=NOW)
    assert problems_of(error) == {ProposalProblem.FORUM_NOT_OPEN}


def test_proposing_without_a_window_is_refused(forum, member, organization):
    forum.proposals_close = None
    with pytest.raises(ProposalError) as error:
        create_draft(member, forum, organization, now=NOW)
    assert problems_of(error) == {ProposalProblem.NO_WINDOW}


def test_someone_outside_the_organization_cannot_propose_for_it(forum, organization):
    outsider = factories.make_user()
    with pytest.raises(ProposalError) as error:
        create_draft(outsider, forum, organization, now=NOW)
    assert problems_of(error) == {ProposalProblem.NOT_MEMBER}
    assert not can_propose(outsider, forum, organization, NOW)


@pytest.mark.parametrize(
    "status",
    [
        RegistrationStatus.PENDING,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.REJECTED,
        RegistrationStatus.WITHDRAWN,
        None,
    ],
)
def test_an_organization_not_approved_for_the_forum_cannot_propose(forum, member, status):
    organization = factories.make_organization(members=[member])
    if status is not None:
        factories.make_registration(forum, organization, status=status)
    with pytest.raises(ProposalError) as error:
        create_draft(member, forum, organization, now=NOW)
    assert problems_of(error) == {ProposalProblem.NOT_APPROVED}


def test_approval_for_another_forum_does_not_count(forum, member):
    organization = factories.make_organization(members=[member])
    factories.make_registration(make_forum(), organization, status=RegistrationStatus.APPROVED)
    with pytest.raises(ProposalError) as error:
        create_draft(member, forum, organization, now=NOW)
    assert problems_of(error) == {ProposalProblem.NOT_APPROVED}


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.ACCEPTED])
def test_the_cap_counts_drafts_submitted_and_accepted_activities(
    forum, member, organization, status
):
    factories.make_activity(forum, organization, status=Status.DRAFT)
    factories.make_activity(forum, organization, status=status)
    with pytest.raises(ProposalError) as error:
        create_draft(member, forum, organization, now=NOW)
    assert problems_of(error) == {ProposalProblem.TOO_MANY_ACTIVITIES}
    assert error.value.data["max"] == 2


@pytest.mark.parametrize("status", [Status.WITHDRAWN, Status.REJECTED, Status.MERGED])
def test_withdrawn_rejected_and_merged_activities_free_their_place(
    forum, member, organization, status
):
    factories.make_activity(forum, organization, status=Status.SUBMITTED)
    factories.make_activity(forum, organization, status=status)
    assert counted_activities(forum, organization) == 1
    assert create_draft(member, forum, organization, now=NOW).status is Status.DRAFT


def test_activities_in_another_forum_or_as_co_organizer_do_not_count(forum, member, organization):
    other_forum = make_forum()
    factories.make_activity(other_forum, organization)
    factories.make_activity(other_forum, organization)
    someone_elses = factories.make_activity(forum, factories.make_organization())
    someone_elses.co_organizers.append(CoOrganizer(organization_id=organization.id, accepted=True))
    db.session.flush()
    assert counted_activities(forum, organization) == 0
    assert can_propose(member, forum, organization, NOW)


def test_every_problem_is_reported_at_once(forum):
    organization = factories.make_organization()
    forum.status = ForumStatus.CLOSED
    with pytest.raises(ProposalError) as error:
        create_draft(factories.make_user(), forum, organization, now=NOW)
    assert problems_of(error) == {
        ProposalProblem.FORUM_NOT_OPEN,
        ProposalProblem.NOT_MEMBER,
        ProposalProblem.NOT_APPROVED,
    }


# --- the fields ------------------------------------------------------------------


def test_a_draft_saves_partial_fields(forum, member, organization):
    activity = create_draft(member, forum, organization, now=NOW, title_ckb="  پاراستنی دیجلە ")
    assert activity.title_ckb == "پاراستنی دیجلە"
    assert activity.description_ar is None
    assert activity.presenters == []


def test_a_complete_draft_keeps_every_field(forum, member, organization):
    days = forum.days
    activity = create_draft(
        member,
        forum,
        organization,
        now=NOW,
        **complete(forum),
        interpretation_into=["en"],
        interpretation_mode=InterpretationMode.SIMULTANEOUS,
        expected_attendance=40,
        equipment=["projector", "sound", "projector"],
        preferred_day_ids=[days[0].id],
        impossible_day_ids=[days[2].id],
        accessibility_notes="Step-free access please",
    )
    assert activity.theme_id == forum.themes[0].id
    assert activity.spoken_languages == ["ckb", "ar"]
    assert activity.interpretation_mode is InterpretationMode.SIMULTANEOUS
    assert activity.equipment == ["projector", "sound"]
    assert {(w.day_id, w.preferred) for w in activity.day_wishes} == {
        (days[0].id, True),
        (days[2].id, False),
    }
    assert activity.presenters[0].name == "Sara"


def test_presenters_contacts_are_normalised(forum, member, organization):
    activity = create_draft(
        member,
        forum,
        organization,
        now=NOW,
        presenters=[
            presenter(phone="0770 123 4567", email=" Sara@Example.ORG ", public_consent=True),
            presenter(name="Ali", row=1),
        ],
    )
    first, second = activity.presenters
    assert first.phone == "+9647701234567"
    assert first.email == "Sara@example.org"
    assert first.public_consent
    assert not second.public_consent
    assert (first.position, second.position) == (0, 1)


@pytest.mark.parametrize(
    ("fields", "issue"),
    [
        ({"title_en": "x" * 201}, ("title_en", FieldProblem.TOO_LONG)),
        ({"format": "party"}, ("format", FieldProblem.UNKNOWN_FORMAT)),
        ({"format": None}, ("format", FieldProblem.UNKNOWN_FORMAT)),
        ({"spoken_languages": ["ar", "fr"]}, ("spoken_languages", FieldProblem.UNKNOWN_LANGUAGE)),
        ({"interpretation_into": ["tr"], "interpretation_mode": "whispered"},
         ("interpretation_into", FieldProblem.UNKNOWN_LANGUAGE)),
        ({"interpretation_into": ["en"]}, ("interpretation_mode", FieldProblem.MODE_REQUIRED)),
        ({"interpretation_mode": "simultaneous"},
         ("interpretation_mode", FieldProblem.MODE_WITHOUT_LANGUAGES)),
        ({"interpretation_into": ["en"], "interpretation_mode": "sign"},
         ("interpretation_mode", FieldProblem.UNKNOWN_MODE)),
        ({"expected_attendance": 0}, ("expected_attendance", FieldProblem.OUT_OF_RANGE)),
        ({"expected_attendance": "many"}, ("expected_attendance", FieldProblem.OUT_OF_RANGE)),
        ({"length_slots": 0}, ("length_slots", FieldProblem.OUT_OF_RANGE)),
        ({"length_slots": 4}, ("length_slots", FieldProblem.OUT_OF_RANGE)),
        ({"length_slots": None}, ("length_slots", FieldProblem.OUT_OF_RANGE)),
        ({"equipment": ["projector", "stage"]}, ("equipment", FieldProblem.UNKNOWN_EQUIPMENT)),
        ({"presenters": [presenter(name=" ")]}, ("name", FieldProblem.MISSING)),
        ({"presenters": [presenter(phone="12")]}, ("phone", FieldProblem.INVALID_PHONE)),
        ({"presenters": [presenter(email="sara@")]}, ("email", FieldProblem.INVALID_EMAIL)),
        ({"presenters": [presenter(languages=("xx",))]},
         ("languages", FieldProblem.UNKNOWN_LANGUAGE)),
    ],
)  # fmt: skip
def test_invalid_values_are_refused_even_in_a_draft(forum, member, organization, fields, issue):
    with pytest.raises(ProposalError) as error:
        create_draft(member, forum, organization, now=NOW, **fields)
    assert problems_of(error) == {ProposalProblem.INVALID_FIELDS}
    assert issue in issues_of(error)
    assert counted_activities(forum, organization) == 0


@pytest.mark.parametrize("count", [1, 3, 10_000])
def test_attendance_and_lengths_in_range_are_kept(forum, member, organization, count):
    activity = create_draft(
        member, forum, organization, now=NOW, expected_attendance=count, length_slots=min(count, 3)
    )
    assert activity.expected_attendance == count


def test_other_spoken_language_is_allowed(forum, member, organization):
    activity = create_draft(member, forum, organization, now=NOW, spoken_languages=["other"])
    assert activity.spoken_languages == ["other"]


def test_a_theme_or_a_day_of_another_forum_is_refused(forum, member, organization):
    other = make_forum()
    with pytest.raises(ProposalError) as error:
        create_draft(
            member,
            forum,
            organization,
            now=NOW,
            theme_id=other.themes[0].id,
            preferred_day_ids=[other.days[0].id],
        )
    assert issues_of(error) == {
        ("theme_id", FieldProblem.UNKNOWN_THEME),
        ("preferred_day_ids", FieldProblem.DAY_OF_ANOTHER_FORUM),
    }


def test_a_day_cannot_be_both_preferred_and_impossible(forum, member, organization):
    day = forum.days[1].id
    with pytest.raises(ProposalError) as error:
        create_draft(
            member, forum, organization, now=NOW, preferred_day_ids=[day], impossible_day_ids=[day]
        )
    assert issues_of(error) == {("impossible_day_ids", FieldProblem.DAY_PREFERRED_AND_IMPOSSIBLE)}


def test_presenter_problems_say_which_row(forum, member, organization):
    with pytest.raises(ProposalError) as error:
        create_draft(
            member,
            forum,
            organization,
            now=NOW,
            presenters=[presenter(), presenter(name=None, email="bad", row=1)],
        )
    assert {(i.row, i.field) for i in error.value.issues} == {(1, "name"), (1, "email")}


def test_an_unknown_field_is_a_programming_error(forum, member, organization):
    with pytest.raises(TypeError):
        create_draft(member, forum, organization, now=NOW, status="accepted")


# --- editing ---------------------------------------------------------------------


@pytest.fixture
def draft(forum, member, organization):
    return create_draft(member, forum, organization, now=NOW, title_en="Save the Tigris")


def test_the_lead_edits_a_draft(member, draft):
    update_activity(member, draft, now=NOW, title_en="Save the Tigris and the Marshes")
    assert draft.title_en == "Save the Tigris and the Marshes"


def test_an_accepted_co_organizers_member_edits(draft):
    colleague = factories.make_user()
    co_organizer(draft, True, members=[colleague])
    update_activity(colleague, draft, now=NOW, description_en="About the marshes")
    assert draft.description_en == "About the marshes"


@pytest.mark.parametrize("accepted", [None, False])
def test_a_co_organizer_that_has_not_accepted_cannot_edit(draft, accepted):
    colleague = factories.make_user()
    co_organizer(draft, accepted, members=[colleague])
    with pytest.raises(ProposalError) as error:
        update_activity(colleague, draft, now=NOW, title_en="Taken over")
    assert problems_of(error) == {ProposalProblem.NOT_INVOLVED}
    assert draft.title_en == "Save the Tigris"


def test_another_organization_cannot_edit(forum, draft):
    rival = factories.make_user()
    rival_organization = factories.make_organization(members=[rival])
    factories.make_registration(forum, rival_organization, status=RegistrationStatus.APPROVED)
    with pytest.raises(ProposalError) as error:
        update_activity(rival, draft, now=NOW, title_en="Taken over")
    assert problems_of(error) == {ProposalProblem.NOT_INVOLVED}


def test_editing_after_the_window_is_refused(member, draft):
    with pytest.raises(ProposalError) as error:
        update_activity(member, draft, now=datetime(2017, 11, 16, 12, tzinfo=UTC), title_en="Late")
    assert problems_of(error) == {ProposalProblem.WINDOW_CLOSED}


@pytest.mark.parametrize(
    "status", [Status.ACCEPTED, Status.REJECTED, Status.MERGED, Status.WITHDRAWN]
)
def test_only_drafts_and_submitted_proposals_are_edited(member, draft, status):
    draft.status = status
    with pytest.raises(ProposalError) as error:
        update_activity(member, draft, now=NOW, title_en="Changed")
    assert problems_of(error) == {ProposalProblem.NOT_EDITABLE}


def test_a_submitted_proposal_is_edited_but_stays_complete(forum, member, organization):
    activity = create_draft(member, forum, organization, now=NOW, **complete(forum))
    submit(member, activity, now=NOW)
    update_activity(member, activity, now=NOW, title_en="Tigris")
    assert activity.title_en == "Tigris"
    with pytest.raises(ProposalError) as error:
        update_activity(member, activity, now=NOW, title_ckb=None, title_en="", presenters=[])
    assert problems_of(error) == {ProposalProblem.INCOMPLETE}
    assert issues_of(error) == {
        ("title", FieldProblem.MISSING),
        ("presenters", FieldProblem.MISSING),
    }
    assert activity.title_en == "Tigris"
    assert len(activity.presenters) == 1


def test_day_wishes_are_replaced_and_can_swap(forum, member, draft):
    first, second, third = (day.id for day in forum.days)
    update_activity(member, draft, now=NOW, preferred_day_ids=[first], impossible_day_ids=[second])
    update_activity(member, draft, now=NOW, preferred_day_ids=[second], impossible_day_ids=[first])
    assert {(w.day_id, w.preferred) for w in draft.day_wishes} == {(second, True), (first, False)}
    # Giving one list keeps the other.
    update_activity(member, draft, now=NOW, preferred_day_ids=[third])
    assert {(w.day_id, w.preferred) for w in draft.day_wishes} == {(third, True), (first, False)}
    with pytest.raises(ProposalError) as error:
        update_activity(member, draft, now=NOW, preferred_day_ids=[first])
    assert issues_of(error) == {("impossible_day_ids", FieldProblem.DAY_PREFERRED_AND_IMPOSSIBLE)}


def test_presenters_are_replaced(member, draft):
    update_activity(member, draft, now=NOW, presenters=[presenter(), presenter(name="Ali")])
    update_activity(member, draft, now=NOW, presenters=[presenter(name="Huda")])
    assert [p.name for p in draft.presenters] == ["Huda"]


def test_interpretation_mode_is_checked_against_what_is_kept(member, draft):
    update_activity(
        member, draft, now=NOW, interpretation_into=["en"], interpretation_mode="consecutive"
    )
    with pytest.raises(ProposalError) as error:
        update_activity(member, draft, now=NOW, interpretation_mode=None)
    assert issues_of(error) == {("interpretation_mode", FieldProblem.MODE_REQUIRED)}
    update_activity(member, draft, now=NOW, interpretation_into=[], interpretation_mode=None)
    assert draft.interpretation_mode is None


# --- submitting ------------------------------------------------------------------


def test_a_complete_draft_is_submitted(forum, member, organization):
    activity = create_draft(member, forum, organization, now=NOW, **complete(forum))
    submit(member, activity, now=NOW)
    assert activity.status is Status.SUBMITTED
    assert activity.submitted_at == NOW
    [event] = audit("activity_submitted")
    assert event.object_id == activity.id
    assert event.actor_id == member.id


def test_submitting_reports_every_missing_piece_at_once(member, draft):
    draft.spoken_languages = []
    with pytest.raises(ProposalError) as error:
        submit(member, draft, now=NOW)
    assert problems_of(error) == {ProposalProblem.INCOMPLETE}
    assert set(error.value.issues) == {
        FieldIssue(name, FieldProblem.MISSING)
        for name in ("description", "theme_id", "spoken_languages", "presenters")
    }
    assert draft.status is Status.DRAFT


def test_a_theme_is_needed_only_when_the_forum_has_themes(ctx, member):
    forum = make_forum()
    forum.themes = []
    organization = factories.make_organization(members=[member])
    factories.make_registration(forum, organization, status=RegistrationStatus.APPROVED)
    fields = {**complete(forum), "theme_id": None}
    activity = create_draft(member, forum, organization, now=NOW, **fields)
    assert submit(member, activity, now=NOW).status is Status.SUBMITTED


@pytest.mark.parametrize(
    "status", [Status.SUBMITTED, Status.ACCEPTED, Status.REJECTED, Status.MERGED, Status.WITHDRAWN]
)
def test_only_a_draft_is_submitted(forum, member, organization, status):
    activity = create_draft(member, forum, organization, now=NOW, **complete(forum))
    activity.status = status
    with pytest.raises(ProposalError) as error:
        submit(member, activity, now=NOW)
    assert ProposalProblem.NOT_A_DRAFT in problems_of(error)
    assert ProposalProblem.NOT_EDITABLE not in problems_of(error)


def test_submitting_after_the_window_or_by_an_outsider_is_refused(forum, member, organization):
    activity = create_draft(member, forum, organization, now=NOW, **complete(forum))
    with pytest.raises(ProposalError) as error:
        submit(factories.make_user(), activity, now=datetime(2017, 11, 20, tzinfo=UTC))
    assert problems_of(error) == {ProposalProblem.WINDOW_CLOSED, ProposalProblem.NOT_INVOLVED}


def test_an_assembly_needs_enough_accepted_co_organizers(forum, member, organization):
    fields = {**complete(forum), "format": ActivityFormat.ASSEMBLY}
    activity = create_draft(member, forum, organization, now=NOW, **fields)
    co_organizer(activity, True)
    co_organizer(activity, None)
    co_organizer(activity, False)
    with pytest.raises(ProposalError) as error:
        submit(member, activity, now=NOW)
    assert problems_of(error) == {ProposalProblem.TOO_FEW_CO_ORGANIZERS}
    assert error.value.data["min"] == 2
    co_organizer(activity, True)
    assert submit(member, activity, now=NOW).status is Status.SUBMITTED


def test_other_formats_need_no_co_organizer(forum, member, organization):
    activity = create_draft(member, forum, organization, now=NOW, **complete(forum))
    assert submit(member, activity, now=NOW).status is Status.SUBMITTED


# --- withdrawing -----------------------------------------------------------------

BEFORE_FORUM = datetime(2017, 11, 29, 20, 59, tzinfo=UTC)  # 29 November, 23:59 in Baghdad


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.ACCEPTED])
@pytest.mark.parametrize("now", [NOW, BEFORE_FORUM])
def test_withdrawing_any_time_before_the_forum(forum, member, organization, status, now):
    activity = factories.make_activity(forum, organization, status=status)
    withdraw(member, activity, now=now)
    assert activity.status is Status.WITHDRAWN
    assert activity.withdrawn_at == now
    [event] = audit("activity_withdrawn")
    assert event.details == {"previous": str(status)}


def test_an_accepted_co_organizer_may_withdraw(forum, organization):
    activity = factories.make_activity(forum, organization)
    colleague = factories.make_user()
    co_organizer(activity, True, members=[colleague])
    assert withdraw(colleague, activity, now=NOW).status is Status.WITHDRAWN


@pytest.mark.parametrize(
    "now",
    [datetime(2017, 11, 29, 21, 0, tzinfo=UTC), datetime(2017, 12, 5, tzinfo=UTC)],
)
def test_withdrawing_from_the_forums_first_day_is_refused(forum, member, organization, now):
    activity = factories.make_activity(forum, organization)
    with pytest.raises(ProposalError) as error:
        withdraw(member, activity, now=now)
    assert problems_of(error) == {ProposalProblem.FORUM_STARTED}
    assert activity.status is Status.SUBMITTED


@pytest.mark.parametrize("status", [Status.REJECTED, Status.MERGED, Status.WITHDRAWN])
def test_withdrawing_a_closed_activity_is_refused(forum, member, organization, status):
    activity = factories.make_activity(forum, organization, status=status)
    with pytest.raises(ProposalError) as error:
        withdraw(member, activity, now=NOW)
    assert problems_of(error) == {ProposalProblem.NOT_WITHDRAWABLE}


def test_an_outsider_cannot_withdraw(forum, organization):
    activity = factories.make_activity(forum, organization)
    with pytest.raises(ProposalError) as error:
        withdraw(factories.make_user(), activity, now=NOW)
    assert problems_of(error) == {ProposalProblem.NOT_INVOLVED}
    assert audit("activity_withdrawn") == []
