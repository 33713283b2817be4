"""Merging screens: suggestions, proposing (with emails), consents, refusal, cancelling."""

import sqlalchemy as sa

from app.activities.models import ActivityStatus, Merge, MergeStatus
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import ForumStatus
from tests import factories
from tests.helpers import log_in, outbox_to, post_form


def _setup(app):
    """An open forum with two alike proposals of two organizations, one unlike, and an
    alike one in another forum; its organizer signed in. Returns (client, ids)."""
    client = app.test_client()
    with app.app_context():
        forum = factories.make_forum(slug="isf-4", status=ForumStatus.OPEN, name_en="ISF 4")
        elsewhere = factories.make_forum(slug="najaf", status=ForumStatus.OPEN)
        organizer = factories.make_user(name="Huda")
        secret = factories.enable_two_factor(organizer)
        factories.grant_role(organizer, forum, ForumRoleName.ORGANIZER)
        leila = factories.make_user(email="leila@example.org", locale="ar")
        karwan = factories.make_user(email="karwan@example.org", locale="ckb")
        first_org = factories.make_organization(members=[leila], name_en="Waterkeepers Iraq")
        second_org = factories.make_organization(members=[karwan], name_en="Humat Dijla")
        first = factories.make_activity(
            forum, first_org, title_en="Save the Tigris river", description_en=None
        )
        second = factories.make_activity(
            forum, second_org, title_en="Saving the Tigris river", description_en=None
        )
        factories.make_activity(forum, first_org, title_en="Football for peace")
        factories.make_activity(elsewhere, second_org, title_en="Save the Tigris river now")
        db.session.commit()
        ids = {"first": first.id, "second": second.id, "first_org": first_org.id}
        ids["second_org"] = second_org.id
        email = organizer.email
    log_in(client, email, totp_secret=secret)
    return client, ids


def _propose(client, ids, mode="fusion"):
    return post_form(
        client,
        "/isf-4/staff/merges/propose",
        {"mode": mode, "activity_ids": [ids["first"], ids["second"]], "note": "Same river"},
        page_url="/isf-4/staff/merges/",
    )


def test_organizers_see_alike_proposals_of_their_forum_only(app):
    client, _ = _setup(app)
    page = client.get("/isf-4/staff/merges/").get_data(as_text=True)
    assert "Save the Tigris river" in page
    assert "Saving the Tigris river" in page
    assert "Humat Dijla" in page
    assert "Football for peace" not in page
    assert "river now" not in page


def test_a_proposed_merge_asks_each_organization_in_its_language(app):
    client, ids = _setup(app)
    response = _propose(client, ids)
    assert response.headers["Location"] == "/isf-4/staff/merges/"
    with app.app_context():
        merge = db.session.scalar(sa.select(Merge))
        assert merge.status == MergeStatus.PROPOSED
        assert [m.activity_id for m in merge.members] == [ids["first"], ids["second"]]
        (to_leila,) = outbox_to("leila@example.org")
        (to_karwan,) = outbox_to("karwan@example.org")
        assert (to_leila.locale, to_karwan.locale) == ("ar", "ckb")
        assert f"/isf-4/activities/merges/{merge.id}" in to_karwan.body_text
    page = client.get("/isf-4/staff/merges/").get_data(as_text=True)
    assert "not answered yet" in page
    # Both are in an open merge now: no more suggestion.
    assert "No proposals look alike for now." in page


def test_a_refused_proposal_is_explained_and_changes_nothing(app):
    client, ids = _setup(app)
    response = post_form(
        client,
        "/isf-4/staff/merges/propose",
        {"mode": "fusion", "activity_ids": [ids["first"]]},
        page_url="/isf-4/staff/merges/",
        follow_redirects=True,
    )
    assert "A merge needs at least two different activities." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(Merge)) is None


def _member_client(app, email):
    client = app.test_client()
    log_in(client, email)
    return client


def _answer(client, merge_id, organization_id, answer):
    url = f"/isf-4/activities/merges/{merge_id}"
    return post_form(
        client,
        f"{url}/answer",
        {"organization_id": organization_id, "answer": answer},
        page_url=url,
    )


def test_the_fusion_happens_when_every_organization_accepts(app):
    client, ids = _setup(app)
    _propose(client, ids)
    with app.app_context():
        merge_id = db.session.scalar(sa.select(Merge.id))
    leila = _member_client(app, "leila@example.org")
    page = leila.get(f"/isf-4/activities/merges/{merge_id}").get_data(as_text=True)
    assert "Saving the Tigris river" in page
    assert 'value="accept"' in page
    _answer(leila, merge_id, ids["first_org"], "accept")
    page = leila.get(f"/isf-4/activities/merges/{merge_id}").get_data(as_text=True)
    assert 'value="accept"' not in page

    karwan = _member_client(app, "karwan@example.org")
    # Answering for an organization of someone else changes nothing.
    _answer(karwan, merge_id, ids["first_org"], "decline")
    response = _answer(karwan, merge_id, ids["second_org"], "accept")
    assert response.headers["Location"] == f"/isf-4/activities/merges/{merge_id}"
    with app.app_context():
        merge = db.session.get(Merge, merge_id)
        assert merge.status == MergeStatus.COMPLETED
        second = merge.members[1].activity
        assert second.status == ActivityStatus.MERGED
        assert second.merged_into_id == ids["first"]


def test_one_refusal_closes_the_merge(app):
    client, ids = _setup(app)
    _propose(client, ids, mode="dialogue")
    with app.app_context():
        merge_id = db.session.scalar(sa.select(Merge.id))
    karwan = _member_client(app, "karwan@example.org")
    _answer(karwan, merge_id, ids["second_org"], "decline")
    with app.app_context():
        assert db.session.get(Merge, merge_id).status == MergeStatus.REFUSED


def test_only_members_of_organizations_asked_see_the_merge(app):
    client, ids = _setup(app)
    _propose(client, ids)
    with app.app_context():
        merge_id = db.session.scalar(sa.select(Merge.id))
        factories.make_user(email="outsider@example.org")
        db.session.commit()
    outsider = _member_client(app, "outsider@example.org")
    assert outsider.get(f"/isf-4/activities/merges/{merge_id}").status_code == 404
    assert client.get(f"/isf-4/activities/merges/{merge_id}").status_code == 404


def test_an_organizer_cancels_a_proposed_merge_after_confirming(app):
    client, ids = _setup(app)
    _propose(client, ids)
    with app.app_context():
        merge_id = db.session.scalar(sa.select(Merge.id))
    url = f"/isf-4/staff/merges/{merge_id}/cancel"
    assert "Cancel this proposed merge?" in client.get(url).get_data(as_text=True)
    response = post_form(client, url, {"confirm": "yes"})
    assert response.headers["Location"] == "/isf-4/staff/merges/"
    with app.app_context():
        assert db.session.get(Merge, merge_id).status == MergeStatus.CANCELLED
    assert client.get(url).headers["Location"] == "/isf-4/staff/merges/"
