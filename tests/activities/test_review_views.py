"""Reviewers score proposals; organizers see the dashboard and decide, one by one or in bulk."""

from dataclasses import dataclass

from app.activities.models import Activity, ActivityFormat, ActivityStatus, CoOrganizer, Presenter
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import ForumStatus
from tests import factories
from tests.helpers import log_in, outbox_to, post_form

PHONE = "+9647709876543"


@dataclass
class Setup:
    forum_id: int
    proposal_id: int
    second_id: int
    other_forum_activity_id: int
    conflicted_id: int
    organizer_secret: str


def _setup(app) -> Setup:
    with app.app_context():
        forum = factories.make_forum(slug="isf-4", status=ForumStatus.OPEN, name_en="ISF 4")
        other_forum = factories.make_forum(slug="najaf", status=ForumStatus.OPEN)
        lead_member = factories.make_user(email="lead@example.org", locale="ar")
        co_member = factories.make_user(email="co@example.org", locale="ckb")
        reviewer = factories.make_user(email="reviewer@example.org", name="Rana Reviewer")
        second_reviewer = factories.make_user(email="second@example.org", name="Sami Second")
        organizer = factories.make_user(email="organizer@example.org")
        for user in (reviewer, second_reviewer):
            factories.grant_role(user, forum, ForumRoleName.REVIEWER)
        factories.grant_role(organizer, forum, ForumRoleName.ORGANIZER)
        lead = factories.make_organization(members=[lead_member], name_en="Tigris Youth")
        co = factories.make_organization(members=[co_member], name_en="Basra Women")
        reviewers_own = factories.make_organization(members=[second_reviewer])
        proposal = factories.make_activity(forum, lead, title_en="Water rights workshop")
        proposal.presenters.append(Presenter(name="Layla Presenter", phone=PHONE))
        proposal.co_organizers.append(CoOrganizer(organization_id=co.id, accepted=True))
        second = factories.make_activity(
            forum, lead, title_en="Marsh screening", format=ActivityFormat.SCREENING
        )
        conflicted = factories.make_activity(forum, reviewers_own, title_en="Own proposal")
        factories.make_activity(forum, lead, title_en="Secret draft", status=ActivityStatus.DRAFT)
        elsewhere = factories.make_activity(other_forum, lead, title_en="Najaf activity")
        secret = factories.enable_two_factor(organizer)
        db.session.commit()
        return Setup(forum.id, proposal.id, second.id, elsewhere.id, conflicted.id, secret)


def _as(app, email, secret=None):
    client = app.test_client()
    log_in(client, email, totp_secret=secret)
    return client


def test_a_reviewer_scores_and_then_sees_the_others_reviews_without_contacts(app):
    setup = _setup(app)
    second = _as(app, "second@example.org")
    post_form(
        second,
        f"/isf-4/staff/activities/{setup.proposal_id}/review",
        {"score": "2"},
        page_url=f"/isf-4/staff/activities/{setup.proposal_id}",
    )
    client = _as(app, "reviewer@example.org")

    listing = client.get("/isf-4/staff/activities/").get_data(as_text=True)
    assert "Water rights workshop" in listing
    assert "Marsh screening" in listing
    assert "Secret draft" not in listing
    assert "Najaf activity" not in listing
    url = f"/isf-4/staff/activities/{setup.proposal_id}"
    page = client.get(url).get_data(as_text=True)
    assert "Layla Presenter" in page
    assert "770 987 6543" not in page
    assert PHONE not in page
    assert "Sami Second" not in page  # not before one's own review

    response = post_form(client, f"{url}/review", {"score": "4", "comment": "Strong"}, page_url=url)

    assert response.headers["Location"] == url
    page = client.get(url).get_data(as_text=True)
    assert "Sami Second" in page
    assert "Strong" in page
    listing = client.get("/isf-4/staff/activities/").get_data(as_text=True)
    assert "Your score: 4" in listing


def test_conflict_of_interest_shows_a_message_and_no_form(app):
    setup = _setup(app)
    client = _as(app, "second@example.org")
    assert "Own proposal" not in client.get("/isf-4/staff/activities/").get_data(as_text=True)
    page = client.get(f"/isf-4/staff/activities/{setup.conflicted_id}").get_data(as_text=True)
    assert "you do not review it" in page
    assert "/review" not in page


def test_incomplete_posts_change_nothing_and_other_forums_are_404(app):
    setup = _setup(app)
    client = _as(app, "reviewer@example.org")
    url = f"/isf-4/staff/activities/{setup.proposal_id}"
    response = post_form(client, f"{url}/review", {"comment": "no score"}, page_url=url)
    assert response.headers["Location"] == "/isf-4/staff/activities/"
    assert client.get(f"/isf-4/staff/activities/{setup.other_forum_activity_id}").status_code == 404
    assert (
        post_form(client, f"{url}/decision", {"decision": "accept"}, page_url=url).status_code
        == 403
    )
    with app.app_context():
        assert db.session.get(Activity, setup.proposal_id).status is ActivityStatus.SUBMITTED


def test_an_organizer_sees_contacts_and_accepts_and_every_organization_is_told(app):
    setup = _setup(app)
    client = _as(app, "organizer@example.org", setup.organizer_secret)
    url = f"/isf-4/staff/activities/{setup.proposal_id}"
    page = client.get(url).get_data(as_text=True)
    assert "770 987 6543" in page

    refused = post_form(client, f"{url}/decision", {"decision": "reject"}, page_url=url)
    assert refused.status_code == 200
    assert "a message is needed" in refused.get_data(as_text=True)

    response = post_form(
        client, f"{url}/decision", {"decision": "accept", "message": "Welcome"}, page_url=url
    )

    assert response.headers["Location"] == url
    with app.app_context():
        assert db.session.get(Activity, setup.proposal_id).status is ActivityStatus.ACCEPTED
        (lead_mail,) = outbox_to("lead@example.org")
        (co_mail,) = outbox_to("co@example.org")
        assert (lead_mail.locale, co_mail.locale) == ("ar", "ckb")
        assert f"/isf-4/activities/{setup.proposal_id}" in lead_mail.body_text
        assert "Welcome" in co_mail.body_text


def test_the_dashboard_filters_and_decides_in_bulk_all_or_nothing(app):
    setup = _setup(app)
    client = _as(app, "organizer@example.org", setup.organizer_secret)
    page = client.get("/isf-4/staff/activities/?format=screening").get_data(as_text=True)
    assert "Marsh screening" in page
    assert "Water rights workshop" not in page
    assert "Film screening: 1" in page  # counts by format, whatever the filters

    index = "/isf-4/staff/activities/"
    with app.app_context():
        db.session.get(Activity, setup.second_id).status = ActivityStatus.WITHDRAWN
        db.session.commit()
    refused = post_form(
        client,
        f"{index}bulk",
        {
            "decision": "reject",
            "message": "Full",
            "activities": [setup.proposal_id, setup.second_id],
        },
        page_url=index,
    )
    assert refused.status_code == 200
    assert "Nothing was decided" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Activity, setup.proposal_id).status is ActivityStatus.SUBMITTED

    response = post_form(
        client,
        f"{index}bulk",
        {
            "decision": "reject",
            "message": "Full",
            "activities": [setup.proposal_id, setup.conflicted_id],
        },
        page_url=index,
    )
    assert response.headers["Location"] == index
    with app.app_context():
        assert db.session.get(Activity, setup.conflicted_id).status is ActivityStatus.REJECTED
        assert len(outbox_to("lead@example.org")) == 1
    other = post_form(
        client,
        f"{index}bulk",
        {"decision": "accept", "activities": [setup.other_forum_activity_id]},
        page_url=index,
    )
    assert other.status_code == 404
