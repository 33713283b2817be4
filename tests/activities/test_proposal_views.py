"""The organizations' proposal screens through HTTP: their activities, proposing
(save a draft, submit), changing, the activity's page and withdrawing; and who sees
a presenter's phone (only the organizations involved; never another organization)."""

from datetime import timedelta

import sqlalchemy as sa

from app.activities.models import Activity, ActivityStatus, CoOrganizer, Presenter
from app.core.db import utcnow
from app.extensions import db
from app.forums.listing import local_today
from app.forums.models import Day, Forum, ForumStatus, Theme
from app.forums.scope import forum_by_slug
from app.organizations.models import Organization, RegistrationStatus
from tests import factories
from tests.helpers import log_in, post_form

PHONE_TYPED, PHONE_SHOWN, PHONE_KEPT = "0770 123 4567", "+964 770 123 4567", "+9647701234567"


def day(offset: int):
    return local_today("Asia/Baghdad", utcnow()) + timedelta(days=offset)


def setting(app, client, window=(-5, 5), status=RegistrationStatus.APPROVED):
    """An open forum (proposals around today unless ``window`` is None), an approved
    organization with its member signed in, another organization and a second forum."""
    with app.app_context():
        fields = (
            {"proposals_open": day(window[0]), "proposals_close": day(window[1])} if window else {}
        )
        forum = factories.make_forum(
            slug="isf-4", status=ForumStatus.OPEN, name_en="ISF 4", start_date=day(20),
            end_date=day(22), max_activities_per_organization=2, **fields,
        )  # fmt: skip
        forum.themes = [Theme(name_en="Save the Tigris")]
        forum.days = [Day(date=day(20)), Day(date=day(21))]
        member = factories.make_user(name="Huda Ahmed")
        organization = factories.make_organization(members=[member], name_en="Tammuz")
        factories.make_registration(forum, organization, status=status)
        other = factories.make_organization(members=[factories.make_user()], name_en="Masarat")
        factories.make_registration(forum, other, status=RegistrationStatus.APPROVED)
        elsewhere = factories.make_forum(slug="najaf", status=ForumStatus.OPEN, name_en="Najaf")
        factories.make_activity(elsewhere, organization, title_en="Elsewhere activity")
        db.session.commit()
        ids = {
            "organization": organization.id,
            "other": other.id,
            "theme": forum.themes[0].id,
            "days": [d.id for d in forum.days],
        }
        email = member.email
    log_in(client, email)
    return ids


# What a browser sends for an empty form: the selects' first options.
AS_SENT = {"theme_id": "", "format": "workshop", "interpretation_mode": "", "length_slots": "1"}


def full_proposal(ids) -> dict:
    return {
        "title_ckb": "پاراستنی دیجلە",
        "description_en": "Saving the Tigris and the marshes.",
        "theme_id": ids["theme"],
        "format": "workshop",
        "spoken_languages": ["ar", "ckb"],
        "interpretation_into": ["en"],
        "interpretation_mode": "consecutive",
        "expected_attendance": "40",
        "length_slots": "2",
        "equipment": ["projector"],
        "preferred_day_ids": [ids["days"][0]],
        "impossible_day_ids": [ids["days"][1]],
        "presenters-0-name": "Ali Hassan",
        "presenters-0-phone": PHONE_TYPED,
        "presenters-0-languages": ["ar"],
    }


def only_activity(app) -> tuple:
    """The id, status and presenters of the one activity of the forum isf-4."""
    with app.app_context():
        activity = db.session.scalar(
            sa.select(Activity).join(Activity.forum).where(Forum.slug == "isf-4")
        )
        return activity.id, activity.status, [(p.name, p.phone) for p in activity.presenters]


def test_proposal_submitted_then_shown_with_presenter_contacts(app, client):
    ids = setting(app, client)
    url = f"/isf-4/activities/new/{ids['organization']}"
    page = client.get(url).get_data(as_text=True)
    assert 'dir="rtl" id="title_ckb" lang="ckb"' in page
    assert "Save the draft" in page
    # The first presenter is open; the spare ones are folded until wanted.
    assert "Presenter 1</legend>" in page
    assert "<summary>Add presenter 2</summary>" in page
    response = post_form(client, url, {**full_proposal(ids), "submit": "y"})
    assert response.status_code == 302
    activity_id, status, presenters = only_activity(app)
    assert status is ActivityStatus.SUBMITTED
    assert presenters == [("Ali Hassan", PHONE_KEPT)]
    page = client.get(f"/isf-4/activities/{activity_id}").get_data(as_text=True)
    assert PHONE_SHOWN in page
    assert "پاراستنی دیجلە" in page
    assert "Submitted" in page
    mine = client.get("/isf-4/activities/mine").get_data(as_text=True)
    assert "پاراستنی دیجلە" in mine
    assert "Elsewhere activity" not in mine


def test_bad_input_keeps_what_was_typed_and_creates_nothing(app, client):
    ids = setting(app, client)
    url = f"/isf-4/activities/new/{ids['organization']}"
    data = {**full_proposal(ids), "presenters-0-phone": "12", "save": "y"}
    response = post_form(client, url, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This is not a phone number" in page
    assert "Ali Hassan" in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Activity.id))) == 1  # elsewhere's


def test_incomplete_submission_keeps_the_draft_and_says_what_is_missing(app, client):
    ids = setting(app, client)
    url = f"/isf-4/activities/new/{ids['organization']}"
    response = post_form(
        client, url, {**AS_SENT, "description_en": "Only a description", "submit": "y"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Give a title in at least one language." in page
    assert "Name at least one presenter." in page
    assert "Only a description" in page
    activity_id, status, _ = only_activity(app)
    assert status is ActivityStatus.DRAFT
    assert f"/isf-4/activities/{activity_id}/edit" in page  # the form now changes the draft


def test_edit_then_withdraw(app, client):
    ids = setting(app, client)
    post_form(
        client, f"/isf-4/activities/new/{ids['organization']}", {**full_proposal(ids), "save": "y"}
    )
    activity_id, _status, _ = only_activity(app)
    edit = f"/isf-4/activities/{activity_id}/edit"
    assert "Ali Hassan" in client.get(edit).get_data(as_text=True)
    response = post_form(client, edit, {**full_proposal(ids), "title_en": "Tigris", "save": "y"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Activity, activity_id).title_en == "Tigris"
    withdraw = f"/isf-4/activities/{activity_id}/withdraw"
    assert "Yes, withdraw it" in client.get(withdraw).get_data(as_text=True)
    assert post_form(client, withdraw, {}).status_code == 200  # no confirm=yes: asked again
    assert post_form(client, withdraw, {"confirm": "yes"}).status_code == 302
    with app.app_context():
        assert db.session.get(Activity, activity_id).status is ActivityStatus.WITHDRAWN


def test_closed_window_and_unapproved_organization_say_why(app, client):
    ids = setting(app, client, window=(-10, -2), status=RegistrationStatus.PENDING)
    page = client.get(f"/isf-4/activities/new/{ids['organization']}").get_data(as_text=True)
    assert "Proposals closed on" in page
    assert "has not been approved" in page
    assert "Save the draft" not in page
    mine = client.get("/isf-4/activities/mine").get_data(as_text=True)
    assert "Proposals closed on" in mine


def test_another_organizations_activity_is_not_found(app, client):
    ids = setting(app, client)
    with app.app_context():
        other = db.session.get(Organization, ids["other"])
        forum = forum_by_slug("isf-4")
        theirs = factories.make_activity(forum, other, title_en="Theirs")
        theirs.presenters.append(Presenter(name="Secret", phone=PHONE_KEPT))
        invited = factories.make_activity(forum, other, title_en="Invited")
        invited.co_organizers.append(CoOrganizer(organization_id=ids["organization"]))
        db.session.commit()
        theirs_id, invited_id = theirs.id, invited.id
        invitation_id = invited.co_organizers[0].id
    for path in ("", "/edit", "/withdraw"):
        assert client.get(f"/isf-4/activities/{theirs_id}{path}").status_code == 404
        assert client.get(f"/isf-4/activities/{invited_id}{path}").status_code == 404
    assert client.get(f"/isf-4/activities/new/{ids['other']}").status_code == 404
    mine = client.get("/isf-4/activities/mine").get_data(as_text=True)
    assert "Invited" in mine
    assert "Theirs" not in mine
    assert PHONE_SHOWN not in mine
    assert f"/isf-4/activities/invitations/{invitation_id}" in mine


def test_a_completed_dialogue_is_shown_on_both_activities(app):
    from app.activities.merging import answer_merge, propose_merge
    from app.activities.models import MergeMode
    from app.core.permissions import ForumRoleName

    with app.test_request_context():
        forum = factories.make_forum(slug="dialogue-forum", status=ForumStatus.OPEN)
        organizer = factories.make_user()
        factories.grant_role(organizer, forum, ForumRoleName.ORGANIZER)
        members, activities = [], []
        for title in ("Save the Tigris", "Marshes and climate"):
            member = factories.make_user()
            organization = factories.make_organization(members=[member])
            members.append(member)
            activities.append(factories.make_activity(forum, organization, title_en=title))
        merge = propose_merge(organizer, forum, MergeMode.DIALOGUE, activities, None)
        for member, consent in zip(members, list(merge.consents), strict=True):
            answer_merge(member, merge, consent.organization, True)
        db.session.commit()
        pages = [(m.email, a.id) for m, a in zip(members, activities, strict=True)]
    for (email, activity_id), partner in zip(
        pages, ("Marshes and climate", "Save the Tigris"), strict=True
    ):
        client = app.test_client()
        client.set_cookie("lang", "en")
        log_in(client, email)
        page = client.get(f"/dialogue-forum/activities/{activity_id}").get_data(as_text=True)
        assert f"In dialogue with {partner}" in page
