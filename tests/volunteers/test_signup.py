"""Signing up as a volunteer: the window, the policy, the details, editing, withdrawing."""

from datetime import UTC, date, datetime, time

import pytest

from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.models import ForumStatus
from app.volunteers.models import ContactPreference, ShiftSignup, VolunteerStatus
from app.volunteers.signup import (
    DayAvailability,
    DetailProblem,
    DetailsRejected,
    SignupClosed,
    SignupRefused,
    VolunteerDetails,
    check_details,
    update_details,
    volunteer_for,
    volunteer_of,
    volunteering_is_open,
    withdraw_volunteering,
)
from app.volunteers.taking import policy_of
from tests.factories import make_forum, make_user
from tests.volunteers.factories import make_shift, make_signup, make_team, make_volunteer

# The window: 1 to 20 November 2017, Baghdad dates; the forum 30 November to 2 December.
INSIDE = datetime(2017, 11, 10, 9, tzinfo=UTC)
BEFORE = datetime(2017, 10, 31, 20, 59, tzinfo=UTC)  # 23:59 on 31 October in Baghdad
LAST_EVENING = datetime(2017, 11, 20, 20, 30, tzinfo=UTC)  # 23:30 on 20 November in Baghdad
AFTER = datetime(2017, 11, 20, 21, 0, tzinfo=UTC)  # 00:00 on 21 November in Baghdad


@pytest.fixture
def forum(ctx):
    forum = make_forum(
        status=ForumStatus.OPEN,
        timezone="Asia/Baghdad",
        start_date=date(2017, 11, 30),
        end_date=date(2017, 12, 2),
        volunteering_opens=date(2017, 11, 1),
        volunteering_closes=date(2017, 11, 20),
    )
    sync_days(forum)
    return forum


def details(forum, **fields) -> VolunteerDetails:
    values = {
        "languages": ("ar", "en"),
        "skills": ("first_aid",),
        "availability": (DayAvailability(forum.days[0].id),),
        "phone": "0770 123 4567",
        "contact_preference": ContactPreference.WHATSAPP,
    }
    return VolunteerDetails(**{**values, **fields})


def auto_approve(forum) -> None:
    policy = policy_of(forum)
    policy.auto_approve = True
    db.session.add(policy)
    db.session.flush()


@pytest.mark.parametrize(
    ("now", "is_open"),
    [(BEFORE, False), (INSIDE, True), (LAST_EVENING, True), (AFTER, False)],
)
def test_volunteering_window_follows_the_forums_local_dates(forum, now, is_open):
    assert volunteering_is_open(forum, now) is is_open


def test_volunteering_is_closed_in_a_closed_forum(forum):
    forum.status = ForumStatus.CLOSED
    assert not volunteering_is_open(forum, INSIDE)


def test_signing_up_inside_the_window_keeps_the_details_pending(forum):
    user = make_user()
    volunteer = volunteer_for(forum, user, details(forum), now=INSIDE)
    assert volunteer.status is VolunteerStatus.PENDING
    assert volunteer.decided_at is None
    assert volunteer.languages == ["ar", "en"]
    assert volunteer.skills == ["first_aid"]
    assert volunteer.phone == "+9647701234567"
    assert volunteer.contact_preference is ContactPreference.WHATSAPP
    assert [a.day_id for a in volunteer.availability] == [forum.days[0].id]
    assert volunteer.feed_nonce
    assert len(volunteer.feed_nonce) == 32
    assert volunteer_of(forum, user) is volunteer


def test_signing_up_with_auto_approve_approves_at_once(forum):
    auto_approve(forum)
    volunteer = volunteer_for(forum, make_user(), details(forum), now=INSIDE)
    assert volunteer.status is VolunteerStatus.APPROVED
    assert volunteer.decided_at == INSIDE


@pytest.mark.parametrize("now", [BEFORE, AFTER])
def test_signing_up_outside_the_window_is_refused(forum, now):
    user = make_user()
    with pytest.raises(SignupClosed):
        volunteer_for(forum, user, details(forum), now=now)
    assert volunteer_of(forum, user) is None


def test_a_volunteer_turned_down_cannot_sign_up_again(forum):
    user = make_user()
    make_volunteer(forum, user, status=VolunteerStatus.REJECTED)
    with pytest.raises(SignupRefused):
        volunteer_for(forum, user, details(forum), now=INSIDE)


def test_a_volunteer_who_withdrew_signs_up_again_on_the_same_row(forum):
    user = make_user()
    old = make_volunteer(forum, user, status=VolunteerStatus.WITHDRAWN)
    volunteer = volunteer_for(forum, user, details(forum), now=INSIDE)
    assert volunteer.id == old.id
    assert volunteer.status is VolunteerStatus.PENDING


@pytest.mark.parametrize(
    ("fields", "field", "problem"),
    [
        ({"languages": ()}, "languages", DetailProblem.NO_LANGUAGE),
        ({"languages": ("ar", "xx")}, "languages", DetailProblem.UNKNOWN_LANGUAGE),
        ({"skills": ("juggling",)}, "skills", DetailProblem.UNKNOWN_SKILL),
        ({"phone": "12"}, "phone", DetailProblem.INVALID_PHONE),
        ({"phone": ""}, "phone", DetailProblem.PHONE_NEEDED),
        ({"availability": ()}, "availability", DetailProblem.NO_DAY),
        ({"availability": (DayAvailability(999999),)}, "availability", DetailProblem.UNKNOWN_DAY),
        ({"notes": "x" * 1001}, "notes", DetailProblem.TOO_LONG),
    ],
)
def test_details_are_checked(forum, fields, field, problem):
    _cleaned, errors = check_details(forum, details(forum, **fields))
    assert [(e.field, e.problem) for e in errors] == [(field, problem)]


def test_a_days_times_must_be_in_order(forum):
    day_id = forum.days[1].id
    given = (DayAvailability(day_id, time(14), time(9)),)
    _cleaned, errors = check_details(forum, details(forum, availability=given))
    assert [(e.problem, e.day_id) for e in errors] == [(DetailProblem.ENDS_BEFORE_START, day_id)]


def test_no_phone_is_fine_for_email_contact(forum):
    cleaned, errors = check_details(
        forum, details(forum, phone=" ", contact_preference=ContactPreference.EMAIL)
    )
    assert errors == []
    assert cleaned.phone is None


def test_bad_details_refuse_the_sign_up(forum):
    user = make_user()
    with pytest.raises(DetailsRejected) as refused:
        volunteer_for(forum, user, details(forum, phone="not a phone"), now=INSIDE)
    assert refused.value.errors[0].problem is DetailProblem.INVALID_PHONE
    assert volunteer_of(forum, user) is None


def test_editing_keeps_the_status_and_changes_the_details(forum):
    auto_approve(forum)
    volunteer = volunteer_for(forum, make_user(), details(forum), now=INSIDE)
    nonce = volunteer.feed_nonce
    last, first = forum.days[2], forum.days[0]
    update_details(
        volunteer,
        details(
            forum,
            languages=("ckb",),
            availability=(DayAvailability(last.id, time(9), time(13)), DayAvailability(first.id)),
            phone="",
            contact_preference=ContactPreference.EMAIL,
        ),
    )
    db.session.expire_all()
    assert volunteer.status is VolunteerStatus.APPROVED
    assert volunteer.languages == ["ckb"]
    assert volunteer.phone is None
    kept = sorted((a.day_id, a.starts_at, a.ends_at) for a in volunteer.availability)
    assert kept == sorted([(first.id, None, None), (last.id, time(9), time(13))])
    assert volunteer.feed_nonce == nonce


def test_signing_up_again_while_volunteering_changes_the_details_even_after_the_window(forum):
    volunteer = volunteer_for(forum, make_user(), details(forum), now=INSIDE)
    again = volunteer_for(forum, volunteer.user, details(forum, skills=("it",)), now=AFTER)
    assert again is volunteer
    assert volunteer.skills == ["it"]


def test_withdrawing_drops_the_shifts_not_started_and_keeps_the_others(forum):
    volunteer = make_volunteer(forum, feed_nonce="a" * 32)
    team = make_team(forum)
    first, last = forum.days[0], forum.days[2]
    done = make_signup(make_shift(team, first, "09:00", "12:00"), volunteer)
    future = make_signup(make_shift(team, last, "09:00", "12:00"), volunteer)
    # 10:00 on the first day in Baghdad: the first day's shift is under way.
    dropped = withdraw_volunteering(volunteer, now=datetime(2017, 11, 30, 7, tzinfo=UTC))
    assert dropped == 1
    assert volunteer.status is VolunteerStatus.WITHDRAWN
    assert volunteer.feed_nonce != "a" * 32
    assert db.session.get(ShiftSignup, done.id) is not None
    assert db.session.get(ShiftSignup, future.id) is None


def test_another_forums_days_are_not_the_volunteers(forum):
    other = make_forum(start_date=date(2017, 11, 30), end_date=date(2017, 11, 30))
    sync_days(other)
    given = (DayAvailability(other.days[0].id),)
    _cleaned, errors = check_details(forum, details(forum, availability=given))
    assert [e.problem for e in errors] == [DetailProblem.UNKNOWN_DAY]
