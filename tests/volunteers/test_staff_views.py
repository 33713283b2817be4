"""The coordinators' pages through HTTP: the volunteers' list and decisions, the
rules, teams, shifts, coverage, the roster (assigning, check-in, hours, no-shows),
messages and the CSV; only the forum's coordinators and organizers get in."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from app.activities.models import ActivityStatus
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.models import Forum, ForumStatus, Room, TimeSlot
from app.safety.services import start_lockdown
from app.scheduling.models import PublishedSession, ScheduleVersion
from app.volunteers.models import (
    Shift,
    ShiftSignup,
    Team,
    Volunteer,
    VolunteeringPolicy,
    VolunteerStatus,
)
from tests import factories
from tests.helpers import csrf_token, log_in, outbox_to, post_form
from tests.volunteers.factories import make_shift, make_signup, make_team, make_volunteer

BASE = "/isf-vol/staff/volunteers"
PHONE = "+9647701234567"


@pytest.fixture
def setting(app):
    """A forum from today for three days, a team with a full shift today and an
    empty one later, an approved volunteer (with a phone) on today's shift and a
    pending one; a coordinator, a reviewer, and a coordinator of another forum."""
    with app.app_context():
        today = datetime.now(ZoneInfo("Asia/Baghdad")).date()
        forum = factories.make_forum(
            slug="isf-vol",
            status=ForumStatus.OPEN,
            start_date=today,
            end_date=today + timedelta(days=2),
            name_en="ISF",
        )
        sync_days(forum)
        for day in forum.days:
            day.slots.append(TimeSlot(starts_at=time(9), ends_at=time(10, 30)))
        team = make_team(forum, name_en="Stewards")
        today_shift = make_shift(team, forum.days[0], "00:00", "23:59", places=1)
        later = make_shift(team, forum.days[2], "09:00", "12:00", places=2)
        aya = make_volunteer(forum, user=factories.make_user(name="Aya"), phone=PHONE)
        pending = make_volunteer(
            forum, user=factories.make_user(name="Zina"), status=VolunteerStatus.PENDING
        )
        signup = make_signup(today_shift, aya)
        other = factories.make_forum(slug="najaf-vol", status=ForumStatus.OPEN)
        people = {}
        for name, where, role in (
            ("coordinator", forum, ForumRoleName.VOLUNTEER_COORDINATOR),
            ("reviewer", forum, ForumRoleName.REVIEWER),
            ("elsewhere", other, ForumRoleName.VOLUNTEER_COORDINATOR),
        ):
            user = factories.make_user(name=name.title())
            secret = factories.enable_two_factor(user)
            factories.grant_role(user, where, role)
            people[name] = (user.email, secret)
        db.session.commit()
        return {
            "people": people,
            "team": team.id,
            "today_shift": today_shift.id,
            "later": later.id,
            "aya": aya.id,
            "aya_email": aya.user.email,
            "pending": pending.id,
            "pending_email": pending.user.email,
            "signup": signup.id,
            "days": [day.id for day in forum.days],
        }


def _client(app, setting, who="coordinator"):
    client = app.test_client()
    email, secret = setting["people"][who]
    log_in(client, email, totp_secret=secret)
    return client


@pytest.fixture
def coordinator(app, setting):
    return _client(app, setting)


def _page(response) -> str:
    return response.get_data(as_text=True)


def test_the_list_shows_volunteers_with_filters_and_phones(coordinator, setting):
    page = _page(coordinator.get(f"{BASE}/"))
    assert "Aya" in page
    assert "Zina" in page
    assert "+964 770 123 4567" in page
    assert page.index("Zina") < page.index("Aya")  # pending first
    filtered = _page(coordinator.get(f"{BASE}/?status=pending"))
    assert "Zina" in filtered
    assert "Aya" not in filtered
    assert 'href="/isf-vol/staff/volunteers/"' in _page(coordinator.get("/isf-vol/staff/"))


def test_approving_emails_the_volunteer(app, coordinator, setting):
    response = post_form(coordinator, f"{BASE}/{setting['pending']}/approve", {}, f"{BASE}/")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Volunteer, setting["pending"]).status == VolunteerStatus.APPROVED
        assert len(outbox_to(setting["pending_email"])) == 1


def test_turning_down_asks_first(app, coordinator, setting):
    url = f"{BASE}/{setting['aya']}/reject"
    page = _page(coordinator.get(url))
    assert "Turn down" in page
    assert "They are told by email" in page
    response = post_form(coordinator, url, {"confirm": "yes"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Volunteer, setting["aya"]).status == VolunteerStatus.REJECTED


def test_the_rules_form_keeps_numbers_in_bounds(app, coordinator, setting):
    url = f"{BASE}/rules"
    data = {"drop_cutoff_hours": "12", "max_hours_per_day": "30", "min_rest_minutes": "0"}
    response = post_form(coordinator, url, data)
    assert response.status_code == 200
    assert "A whole number from 1 to 24." in _page(response)
    response = post_form(coordinator, url, {**data, "max_hours_per_day": "6", "auto_approve": "y"})
    assert response.status_code == 302
    with app.app_context():
        policy = db.session.scalar(sa.select(VolunteeringPolicy))
        assert (policy.auto_approve, policy.max_hours_per_day) == (True, 6)


def test_teams_are_added_with_names_in_their_direction_and_removed_only_when_empty(
    app, coordinator, setting
):
    form = _page(coordinator.get(f"{BASE}/teams/new"))
    assert 'dir="rtl" id="name_ar"' in form or ('id="name_ar"' in form and 'dir="rtl"' in form)
    response = post_form(coordinator, f"{BASE}/teams/new", {"name_ar": "الإعلام", "name_en": ""})
    assert response.status_code == 302
    assert "الإعلام" in _page(coordinator.get(f"{BASE}/teams"))
    empty = post_form(coordinator, f"{BASE}/teams/new", {"name_en": " "})
    assert "Give the name in at least one language." in _page(empty)
    refused = post_form(coordinator, f"{BASE}/teams/{setting['team']}/remove", {"confirm": "yes"})
    assert "hold 1 places" in _page(coordinator.get(refused.headers["Location"]))
    with app.app_context():
        assert db.session.get(Team, setting["team"]) is not None


def test_shifts_are_added_one_by_one_and_from_the_slots(app, coordinator, setting):
    data = {
        "team": setting["team"],
        "day": setting["days"][1],
        "starts_at": "14:00",
        "ends_at": "13:00",
        "room": "0",
        "area": "Gate",
        "places_needed": "3",
    }
    refused = post_form(coordinator, f"{BASE}/shifts/new", data)
    assert "The end comes after the start." in _page(refused)
    assert (
        post_form(coordinator, f"{BASE}/shifts/new", {**data, "ends_at": "16:00"}).status_code
        == 302
    )
    slots = {"team": setting["team"], "days": setting["days"], "places_needed": "2"}
    response = post_form(coordinator, f"{BASE}/shifts/from-slots", slots)
    assert response.status_code == 302
    assert "3 shifts created" in _page(coordinator.get(response.headers["Location"]))
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Shift.id))) == 2 + 1 + 3


def test_room_host_shifts_need_a_published_programme(app, coordinator, setting):
    with app.app_context():
        team = db.session.get(Team, setting["team"])
        team.hosts_rooms = True
        db.session.commit()
    response = post_form(
        coordinator, f"{BASE}/shifts/room-hosts", {"team": setting["team"], "places_needed": "1"}
    )
    assert "No programme is published yet." in _page(response)


def _publish_both(forum_id: int, number: int, activity_ids, room_id: int, day_id: int) -> None:
    published = ScheduleVersion(forum_id=forum_id, number=number)
    published.sessions = [
        PublishedSession(
            activity_id=activity_id,
            room_id=room_id,
            day_id=day_id,
            starts_at=time(9),
            ends_at=time(10, 30),
        )
        for activity_id in activity_ids
    ]
    db.session.add(published)
    db.session.commit()


def test_room_host_shifts_say_which_ones_moved_and_which_volunteers_still_hold(
    app, coordinator, setting
):
    with app.app_context():
        forum = db.session.scalar(sa.select(Forum).where(Forum.slug == "isf-vol"))
        db.session.get(Team, setting["team"]).hosts_rooms = True
        room = Room(name_en="Hall", capacity=80)
        forum.rooms.append(room)
        organization = factories.make_organization()
        free, held = (
            factories.make_activity(forum, organization, status=ActivityStatus.ACCEPTED)
            for _ in range(2)
        )
        db.session.flush()
        forum_id, activity_ids, room_id, held_id = forum.id, (free.id, held.id), room.id, held.id
        _publish_both(forum_id, 1, activity_ids, room_id, setting["days"][1])
    form = {"team": setting["team"], "places_needed": "1"}
    created = post_form(coordinator, f"{BASE}/shifts/room-hosts", form)
    assert "2 shifts created" in _page(coordinator.get(created.headers["Location"]))
    with app.app_context():
        held_shift = db.session.scalar(sa.select(Shift).where(Shift.activity_id == held_id))
        make_signup(held_shift, db.session.get(Volunteer, setting["aya"]))
        # Version 2: both sessions move to another day.
        _publish_both(forum_id, 2, activity_ids, room_id, setting["days"][2])

    moved = post_form(coordinator, f"{BASE}/shifts/room-hosts", form)
    page = _page(coordinator.get(moved.headers["Location"]))

    assert "1 shift moved with its session." in page
    assert "still has volunteers: change or remove it by hand" in page


def test_coverage_puts_the_gaps_first_and_links_the_rosters(coordinator, setting):
    page = _page(coordinator.get(f"{BASE}/coverage"))
    later = f"/shifts/{setting['later']}/roster"
    full = f"/shifts/{setting['today_shift']}/roster"
    assert later in page
    assert full in page
    assert page.index(later) < page.index(full)
    assert "1 of 3 places taken; 2 still needed." in page


def test_the_roster_shows_phones_and_refuses_a_full_shift(app, coordinator, setting):
    url = f"{BASE}/shifts/{setting['today_shift']}/roster"
    page = _page(coordinator.get(url))
    assert "Aya" in page
    assert "+964 770 123 4567" in page
    response = post_form(
        coordinator,
        f"{BASE}/shifts/{setting['today_shift']}/assign",
        {"volunteer": setting["pending"]},
        url,
    )
    # Zina is not approved: not offered at all.
    assert response.status_code == 200
    assert "Not a valid choice" in _page(response)


def test_assigning_a_volunteer_against_a_rule_needs_an_override(app, coordinator, setting):
    with app.app_context():
        db.session.get(Volunteer, setting["pending"]).status = VolunteerStatus.APPROVED
        shift = db.session.get(Shift, setting["today_shift"])
        shift.places_needed = 2
        db.session.commit()
    url = f"{BASE}/shifts/{setting['today_shift']}/assign"
    roster = f"{BASE}/shifts/{setting['today_shift']}/roster"
    refused = post_form(coordinator, url, {"volunteer": setting["pending"]}, roster)
    assert "This shift has already started or is over." in _page(refused)
    assert "tick the override" in _page(refused)
    done = post_form(
        coordinator,
        url,
        {"volunteer": setting["pending"], "override": "y", "reason": "Came to help late"},
        roster,
    )
    assert done.status_code == 302
    with app.app_context():
        signup = db.session.scalar(
            sa.select(ShiftSignup).where(ShiftSignup.volunteer_id == setting["pending"])
        )
        assert signup.override_reason == "Came to help late"


def test_full_shifts_cannot_be_overridden(app, coordinator, setting):
    with app.app_context():
        db.session.get(Volunteer, setting["pending"]).status = VolunteerStatus.APPROVED
        db.session.commit()
    url = f"{BASE}/shifts/{setting['today_shift']}/assign"
    data = {"volunteer": setting["pending"], "override": "y", "reason": "Please"}
    refused = post_form(coordinator, url, data, f"{BASE}/shifts/{setting['today_shift']}/roster")
    assert "This shift is full." in _page(refused)
    assert "Nobody can override this." in _page(refused)


def test_check_in_hours_and_no_show(app, coordinator, setting):
    roster = f"{BASE}/shifts/{setting['today_shift']}/roster"
    signup_url = f"{BASE}/shifts/{setting['today_shift']}/signups/{setting['signup']}"
    assert (
        post_form(
            coordinator, f"{signup_url}/attendance", {"action": "check_in"}, roster
        ).status_code
        == 302
    )
    with app.app_context():
        signup = db.session.get(ShiftSignup, setting["signup"])
        assert signup.checked_in_at is not None
        assert signup.minutes_worked == 23 * 60 + 59
    assert (
        post_form(
            coordinator, f"{signup_url}/hours", {"hours": "3", "minutes": "30"}, roster
        ).status_code
        == 302
    )
    assert "Hours worked: 3:30" in _page(coordinator.get(roster))
    bad = post_form(coordinator, f"{signup_url}/hours", {"hours": "30"}, roster)
    assert bad.status_code == 200
    assert "0 to 24" in _page(bad)
    post_form(coordinator, f"{signup_url}/attendance", {"action": "no_show"}, roster)
    with app.app_context():
        signup = db.session.get(ShiftSignup, setting["signup"])
        assert signup.no_show
        assert signup.minutes_worked is None


def test_removing_a_volunteer_from_a_shift_asks_first(app, coordinator, setting):
    url = f"{BASE}/shifts/{setting['later']}/signups/0/remove"
    assert coordinator.get(url).status_code == 404
    url = f"{BASE}/shifts/{setting['today_shift']}/signups/{setting['signup']}/remove"
    page = _page(coordinator.get(url))
    assert "cut-off for dropping this shift has passed" in page
    refused = post_form(coordinator, url, {"confirm": "yes"})
    assert refused.status_code == 200
    done = post_form(coordinator, url, {"confirm": "yes", "override": "y", "reason": "Ill"})
    assert done.status_code == 302
    with app.app_context():
        assert db.session.get(ShiftSignup, setting["signup"]) is None


def test_a_message_is_checked_then_sent(app, coordinator, setting):
    url = f"{BASE}/teams/{setting['team']}/message"
    data = {"subject": "Meeting", "body": "At 8, at the gate."}
    preview = post_form(coordinator, url, data)
    assert "goes by email to 1 volunteer" in _page(preview)
    with app.app_context():
        assert outbox_to(setting["aya_email"]) == []
    sent = coordinator.post(
        url, data={**data, "confirmed": "yes", "csrf_token": csrf_token(preview)}
    )
    assert sent.status_code == 302
    with app.app_context():
        (email,) = outbox_to(setting["aya_email"])
        assert "At 8, at the gate." in email.body_text


def test_the_roster_csv_is_a_download_kept_out_of_caches(coordinator):
    response = coordinator.get(f"{BASE}/roster.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "Aya" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"


def test_during_a_lockdown_the_roster_is_refused_and_explained(app, setting):
    with app.app_context():
        forum = db.session.scalar(sa.select(Forum).where(Forum.slug == "isf-vol"))
        start_lockdown(factories.make_user(), forum)
        db.session.commit()
    client = _client(app, setting)
    refused = client.get(f"{BASE}/roster.csv")
    assert refused.status_code == 302
    assert refused.headers["Location"] == f"{BASE}/coverage"
    assert "stopped while the lockdown lasts" in _page(client.get(refused.headers["Location"]))


@pytest.mark.parametrize("who", ["reviewer", "elsewhere"])
def test_others_are_refused(app, setting, who):
    client = _client(app, setting, who)
    for path in (
        "/",
        "/teams",
        "/coverage",
        f"/shifts/{setting['today_shift']}/roster",
        "/roster.csv",
    ):
        response = client.get(BASE + path)
        assert response.status_code == 403, path
        assert PHONE not in _page(response)


def test_the_pages_work_right_to_left_in_arabic(app, setting):
    from app.accounts.models import User

    with app.app_context():
        email = setting["people"]["coordinator"][0]
        db.session.scalar(sa.select(User).where(User.email == email)).locale = "ar"
        db.session.commit()
    client = _client(app, setting)
    shift, team = setting["today_shift"], setting["team"]
    for path in (
        "/",
        "/rules",
        "/teams",
        "/teams/new",
        f"/teams/{team}",
        f"/teams/{team}/approvals",
        f"/teams/{team}/message",
        "/coverage",
        "/shifts/new",
        "/shifts/from-slots",
        "/shifts/room-hosts",
        f"/shifts/{shift}",
        f"/shifts/{shift}/roster",
        f"/shifts/{shift}/message",
        f"/shifts/{shift}/signups/{setting['signup']}/remove",
    ):
        response = client.get(BASE + path)
        assert response.status_code == 200, path
        assert '<html lang="ar" dir="rtl">' in _page(response), path
