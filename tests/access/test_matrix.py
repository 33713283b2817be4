"""Every URL rule, called as every kind of user, answers as expected.

Generated from ``app.url_map``: a new rule without an entry in one of the
``expected_*`` modules fails the test, so each view's audience is decided on
purpose. The matrix forum is open and holds one of each of its objects (a day, a
slot, a room, a closure, a theme, a reviewer's role, charter version 1), which the
rules' arguments name; a second forum holds the same, and its objects answer 404
under the first. Its activity is accepted and placed on the draft schedule in a
second room and slot, so the board shows its card and the session rules act on a
real session while the first room and slot stay free.
"""

import importlib
import pkgutil
import re
from datetime import date, time

import pytest

import tests.access
from app.activities.models import (
    Activity,
    ActivityStatus,
    CoOrganizer,
    InterpretationMode,
    Merge,
    MergeConsent,
    MergeMember,
    MergeMode,
    Presenter,
)
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.models import CharterVersion, ForumStatus, Room, RoomClosure, Theme, TimeSlot
from app.interpreting.models import (
    InterpretationAssignment,
    InterpretationNeed,
    Interpreter,
    InterpreterStatus,
)
from app.notifications.services import recipient_hash
from app.organizations.models import (
    Delegate,
    Invitation,
    JoinRequest,
    Organization,
    OrganizationMember,
    OrganizationType,
    Registration,
)
from app.scheduling.models import (
    Placement,
    PlacementCell,
    ScheduleSuggestion,
    ScheduleVersion,
    SuggestionStatus,
)
from app.volunteers.models import Shift, ShiftSignup, Team, Volunteer, VolunteerStatus
from tests import factories
from tests.access.expected import FORUM, ROLES, redirect_path
from tests.helpers import csrf_token, log_in


def _expected() -> dict:
    expected: dict = {}
    for module in pkgutil.iter_modules(tests.access.__path__):
        if module.name.startswith("expected_"):
            rows = importlib.import_module(f"tests.access.{module.name}").EXPECTED
            assert not set(rows) & set(expected), f"{module.name} repeats endpoints"
            expected.update(rows)
    return expected


EXPECTED = _expected()
# The matrix delegate's (and presenter's) phone, as stored and as shown; only these
# roles may see it.
DELEGATE_PHONE = ("+9647809876543", "+964 780 987 6543", "780 987 6543")
SEES_DELEGATES = {"member", "organizer"}
PAGES_WITH_DELEGATES = {
    "registration.view",
    "registrations_staff.detail",
    # The matrix volunteer's phone is the same canary, for coordinators only.
    "volunteers_staff.index",
    "volunteers_staff.roster",
}
# Pages that show the matrix activity's session card: never a presenter's contacts,
# whoever looks.
PAGES_WITH_SESSION_CARD = {"scheduling.board"}
# The matrix interpreter's email: coordinators (here the organizer) see it on the
# interpreter's page; no other role sees it anywhere.
INTERPRETER_EMAIL = f"interpreter.canary@{FORUM}.example.org"
PAGES_WITH_INTERPRETER_EMAIL = {"interpreting_staff.interpreter"}
FORUM_OBJECT_KEYS = {
    "day_id",
    "slot_id",
    "room_id",
    "closure_id",
    "theme_id",
    "role_id",
    "registration_id",
    "delegate_id",
    "activity_id",
    "co_organizer_id",
    "merge_id",
    "suggestion_id",
    "team_id",
    "shift_id",
    "volunteer_id",
    "signup_id",
    "need_id",
    "assignment_id",
    "interpreter_id",
}
ORGANIZATION_OBJECT_KEYS = {
    "organization_id",
    "registration_id",
    "delegate_id",
    "invitation_id",
    "request_id",
    "activity_id",
    "co_organizer_id",
}
STATIC_ARGUMENTS = {
    "token": "not-a-real-token",
    "filename": "css/app.css",
    "lockdown_id": 999999,
    "status": "closed",
    "version": 1,
    "language": "en",
    "path": "no-such-resource",  # the API's catch-all (a JSON 404)
}


def make_forum_with_objects(slug: str | None = None, **fields) -> dict:
    """An open forum with one of each object; returns the rules' arguments for it."""
    forum = factories.make_forum(
        **({"slug": slug} if slug else {}),
        status=ForumStatus.OPEN,
        start_date=date(2017, 11, 30),
        end_date=date(2017, 12, 2),
        name_en="Matrix forum",
        **fields,
    )
    sync_days(forum)
    day = forum.days[0]
    slot = TimeSlot(starts_at=time(9), ends_at=time(10, 30))
    day.slots.append(slot)
    room = Room(name_en="Hall", capacity=100)
    forum.rooms.append(room)
    room.closures.append(RoomClosure(day=day, starts_at=time(12), ends_at=time(13)))
    forum.themes.append(Theme(name_en="Peace and coexistence"))
    forum.charters.append(CharterVersion(version=1, text_en="Charter of Principles"))
    reviewer = factories.make_user()
    role = factories.grant_role(reviewer, forum, ForumRoleName.REVIEWER)
    # Where the matrix activity is placed; the rules' room and slot stay free.
    session_slot = TimeSlot(starts_at=time(14), ends_at=time(15, 30))
    day.slots.append(session_slot)
    session_room = Room(name_en="Small room", capacity=40)
    forum.rooms.append(session_room)
    db.session.flush()
    organization = make_organization_with_objects(forum)
    schedule = make_schedule_objects(forum, organization["activity_id"], session_room, session_slot)
    volunteering = make_volunteer_objects(forum, day, room)
    interpreting = make_interpreting_objects(forum, organization["activity_id"])
    return {
        **organization,
        **schedule,
        **volunteering,
        **interpreting,
        "forum": forum,
        "forum_slug": forum.slug,
        "day_id": day.id,
        "slot_id": slot.id,
        "room_id": room.id,
        "closure_id": room.closures[0].id,
        "theme_id": forum.themes[0].id,
        "role_id": role.id,
    }


def make_schedule_objects(forum, activity_id: int, room: Room, slot: TimeSlot) -> dict:
    """The accepted activity placed in ``room`` at ``slot`` on the draft, a finished
    auto-scheduler suggestion and a published version 1 (both empty)."""
    placement = Placement(
        forum_id=forum.id, activity_id=activity_id, room_id=room.id, day_id=slot.day_id
    )
    placement.cells.append(PlacementCell(room_id=room.id, slot_id=slot.id))
    suggestion = ScheduleSuggestion(
        forum_id=forum.id, status=SuggestionStatus.READY, solver_status="greedy"
    )
    version = ScheduleVersion(forum_id=forum.id, number=1)
    db.session.add_all([placement, suggestion, version])
    db.session.flush()
    return {"suggestion_id": suggestion.id, "version_number": version.number}


def make_volunteer_objects(forum, day, room: Room) -> dict:
    """A team with a shift in ``room``, held by an approved volunteer (an account of
    no matrix role) whose phone is the canary: only the forum's staff may see it."""
    team = Team(forum_id=forum.id, name_en="Guides")
    db.session.add(team)
    db.session.flush()
    shift = Shift(
        forum_id=forum.id, team_id=team.id, day_id=day.id, room_id=room.id,
        starts_at=time(9), ends_at=time(12), places_needed=2,
    )  # fmt: skip
    volunteer = Volunteer(
        forum_id=forum.id, user_id=factories.make_user().id, status=VolunteerStatus.APPROVED,
        languages=["ar"], phone=DELEGATE_PHONE[0], feed_nonce="0" * 32,
    )  # fmt: skip
    db.session.add_all([shift, volunteer])
    db.session.flush()
    signup = ShiftSignup(shift_id=shift.id, volunteer_id=volunteer.id)
    db.session.add(signup)
    db.session.flush()
    return {
        "team_id": team.id,
        "shift_id": shift.id,
        "volunteer_id": volunteer.id,
        "signup_id": signup.id,
    }


def make_interpreting_objects(forum, activity_id: int) -> dict:
    """A need of the placed matrix activity (edited, so deriving again keeps it)
    held by an approved interpreter (an account of no matrix role, whose email is
    the canary only coordinators may see)."""
    interpreter = Interpreter(
        forum_id=forum.id, status=InterpreterStatus.APPROVED,
        user_id=factories.make_user(email=f"interpreter.canary@{forum.slug}.example.org").id,
        modes=["consecutive"], experienced=True,
    )  # fmt: skip
    need = InterpretationNeed(
        forum_id=forum.id, activity_id=activity_id, source="ar", target="en",
        mode=InterpretationMode.CONSECUTIVE, edited=True,
    )  # fmt: skip
    db.session.add_all([interpreter, need])
    db.session.flush()
    assignment = InterpretationAssignment(
        need_id=need.id, interpreter_id=interpreter.id, pinned=True
    )
    db.session.add(assignment)
    db.session.flush()
    return {"need_id": need.id, "assignment_id": assignment.id, "interpreter_id": interpreter.id}


def make_organization_with_objects(forum) -> dict:
    """An organization registered for ``forum`` with a delegate, a pending invitation
    and a pending join request; ``member_id`` is its one member."""
    member = factories.make_user()
    organization = Organization(name_en="Matrix organization", kind=OrganizationType.NGO)
    organization.members.append(OrganizationMember(user_id=member.id))
    db.session.add(organization)
    db.session.flush()
    registration = Registration(forum_id=forum.id, organization_id=organization.id)
    registration.delegates.append(Delegate(name="Delegate", phone=DELEGATE_PHONE[0]))
    db.session.add(registration)
    invitation = Invitation(
        organization_id=organization.id,
        email="invited@example.org",
        email_hash=recipient_hash("invited@example.org"),
    )
    request = JoinRequest(organization_id=organization.id, user_id=factories.make_user().id)
    db.session.add_all([invitation, request])
    db.session.flush()
    activities = make_activities(forum, organization)
    return {
        **activities,
        "organization_id": organization.id,
        "registration_id": registration.id,
        "delegate_id": registration.delegates[0].id,
        "invitation_id": invitation.id,
        "request_id": request.id,
        "member_id": member.id,
    }


def make_activities(forum, organization) -> dict:
    """An accepted activity of ``organization`` with a presenter (whose phone is the
    canary), a pending co-organizer invitation to another organization, and a
    proposed fusion with another organization's activity."""
    activity = Activity(
        forum_id=forum.id,
        lead_organization_id=organization.id,
        title_en="Save the Tigris",
        description_en="A workshop.",
        spoken_languages=["ar"],
        status=ActivityStatus.ACCEPTED,
    )
    activity.presenters.append(Presenter(name="Presenter", phone=DELEGATE_PHONE[0]))
    other_organization = factories.make_organization(members=[factories.make_user()])
    activity.co_organizers.append(CoOrganizer(organization_id=other_organization.id))
    db.session.add(activity)
    other = factories.make_activity(forum, other_organization, title_en="Tigris and marshes")
    db.session.flush()
    merge = Merge(forum_id=forum.id, mode=MergeMode.FUSION)
    merge.members = [
        MergeMember(activity_id=activity.id, position=0),
        MergeMember(activity_id=other.id, position=1),
    ]
    merge.consents = [
        MergeConsent(organization_id=organization.id),
        MergeConsent(organization_id=other_organization.id),
    ]
    db.session.add(merge)
    db.session.flush()
    return {
        "activity_id": activity.id,
        "co_organizer_id": activity.co_organizers[0].id,
        "merge_id": merge.id,
    }


def test_every_view_declares_who_may_use_it(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue  # Flask's own: public files only
        view = app.view_functions[rule.endpoint]
        assert getattr(view, "access", None), f"{rule.endpoint} does not declare its audience"


def test_every_rule_has_an_expected_answer(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == set(EXPECTED), (
        f"add {sorted(endpoints - set(EXPECTED))}, remove {sorted(set(EXPECTED) - endpoints)}"
    )


def sign_in_as(app, client, role: str, forum, member_id: int | None = None) -> None:
    """Sign ``client`` in as ``role`` (staff who must use two-factor sign-in have it)."""
    if role == "visitor":
        return
    with app.app_context():
        if role == "member":
            user = db.session.get(factories.User, member_id)
        else:
            user = factories.make_user(is_site_admin=role == "site_admin")
        secret = None
        if role in ("organizer", "organizer_elsewhere", "site_admin"):
            secret = factories.enable_two_factor(user)
        if role == "organizer_elsewhere":
            factories.grant_role(user, factories.make_forum(), ForumRoleName.ORGANIZER)
        elif role in ("reviewer", "organizer"):
            factories.grant_role(user, db.session.merge(forum), ForumRoleName(role))
        db.session.commit()
        email = user.email
    log_in(client, email, totp_secret=secret)
    assert client.get("/account/").status_code == 200, "sign-in did not finish"


@pytest.fixture
def matrix(app):
    with app.app_context():
        arguments = make_forum_with_objects(FORUM)
        db.session.commit()
    return arguments


def _url(rule, arguments: dict) -> str:
    values = {**STATIC_ARGUMENTS, **arguments}
    return rule.build({name: values[name] for name in rule.arguments})[1]


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(app, matrix, role):
    client = app.test_client()
    sign_in_as(app, client, role, matrix["forum"], matrix["member_id"])
    token = csrf_token(client.get("/account/login" if role == "visitor" else "/"))
    # Logging out ends the session, so it is called last.
    rules = sorted(app.url_map.iter_rules(), key=lambda rule: rule.endpoint == "accounts.logout")
    for rule in rules:
        method, answers = EXPECTED[rule.endpoint]
        url = _url(rule, matrix)
        if method == "POST":
            response = client.post(url, data={"csrf_token": token, "language": "en", "next": "/"})
        else:
            response = client.get(url)
        expected = answers[role]
        where = f"{method} {url} as {role}"
        body = response.get_data(as_text=True)
        if role not in SEES_DELEGATES or rule.endpoint in PAGES_WITH_SESSION_CARD:
            assert not any(phone in body for phone in DELEGATE_PHONE), f"phone shown: {where}"
        elif rule.endpoint in PAGES_WITH_DELEGATES and response.status_code == 200:
            assert DELEGATE_PHONE[1] in body, f"the check above would see the phone: {where}"
        if role != "organizer":
            assert INTERPRETER_EMAIL not in body, f"interpreter's email shown: {where}"
        elif rule.endpoint in PAGES_WITH_INTERPRETER_EMAIL:
            assert INTERPRETER_EMAIL in body, f"the check above would see the email: {where}"
        if rule.endpoint in PAGES_WITH_SESSION_CARD and response.status_code == 200:
            card = f'id="session-{matrix["activity_id"]}"'
            assert card in body, f"the phone check above would see the card: {where}"
        if isinstance(expected, int):
            assert response.status_code == expected, where
        else:
            assert response.status_code == 302, where
            location = re.sub(r"\?.*", "", response.headers["Location"])
            assert location == redirect_path(expected), where


def _forum_rules(app):
    return [rule for rule in app.url_map.iter_rules() if "forum_slug" in rule.arguments]


def test_an_unknown_forum_is_not_found_even_for_its_would_be_organizer(app, matrix):
    client = app.test_client()
    sign_in_as(app, client, "organizer", matrix["forum"])
    for rule in _forum_rules(app):
        url = _url(rule, {**matrix, "forum_slug": "no-such-forum"})
        assert client.open(url, method=EXPECTED[rule.endpoint][0]).status_code == 404, url


@pytest.mark.parametrize("role", ["visitor", "user", "member", "organizer_elsewhere"])
def test_a_draft_forum_is_not_found_by_outsiders(app, matrix, role):
    with app.app_context():
        db.session.merge(matrix["forum"]).status = ForumStatus.DRAFT
        db.session.commit()
    client = app.test_client()
    sign_in_as(app, client, role, matrix["forum"], matrix["member_id"])
    token = csrf_token(client.get("/account/login" if role == "visitor" else "/"))
    for rule in _forum_rules(app):
        method = EXPECTED[rule.endpoint][0]
        response = client.open(_url(rule, matrix), method=method, data={"csrf_token": token})
        assert response.status_code == 404, f"{method} {rule.rule} as {role}"


def test_another_forums_objects_are_not_found(app, matrix):
    """The organizer of the matrix forum names objects of another forum in its URLs."""
    with app.app_context():
        other = make_forum_with_objects()
        db.session.commit()
    client = app.test_client()
    sign_in_as(app, client, "organizer", matrix["forum"])
    token = csrf_token(client.get("/"))
    object_keys = FORUM_OBJECT_KEYS
    rules = [rule for rule in _forum_rules(app) if rule.arguments & object_keys]
    for rule in rules:
        arguments = {**matrix, **{key: other[key] for key in rule.arguments & object_keys}}
        method = EXPECTED[rule.endpoint][0]
        response = client.open(_url(rule, arguments), method=method, data={"csrf_token": token})
        assert response.status_code == 404, f"{method} {rule.rule}"


def test_a_member_finds_nothing_of_another_organization(app, matrix):
    """A member of the matrix organization names another organization's objects."""
    with app.app_context():
        other = make_organization_with_objects(db.session.merge(matrix["forum"]))
        db.session.commit()
    client = app.test_client()
    sign_in_as(app, client, "member", matrix["forum"], matrix["member_id"])
    token = csrf_token(client.get("/"))
    # Staff pages refuse a member before any object is read (403, in the matrix).
    rules = [
        rule
        for rule in app.url_map.iter_rules()
        if rule.arguments & ORGANIZATION_OBJECT_KEYS and EXPECTED[rule.endpoint][1]["member"] != 403
    ]
    for rule in rules:
        keys = rule.arguments & ORGANIZATION_OBJECT_KEYS
        arguments = {**matrix, **{key: other[key] for key in keys}}
        method = EXPECTED[rule.endpoint][0]
        response = client.open(_url(rule, arguments), method=method, data={"csrf_token": token})
        assert response.status_code == 404, f"{method} {rule.rule}"
