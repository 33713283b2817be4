"""The message thread of an activity: who reads and writes, who is emailed, pages."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask_babel import force_locale, gettext

from app.activities.models import ActivityMessage, CoOrganizer
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import ForumStatus
from tests import factories
from tests.helpers import log_in, outbox_to, post_form

URL = "/isf-4/activities/{}/messages"


def in_kurdish(app, message: str) -> str:
    """The page's text for a Kurdish-speaking member (their account's language)."""
    with app.test_request_context(), force_locale("ckb"):
        return gettext(message)


def _setting(app) -> dict:
    """An activity with a lead member, an accepted and an invited co-organizer, the
    forum's organizer and reviewer, and another forum's organizer."""
    with app.app_context():
        forum = factories.make_forum(slug="isf-4", status=ForumStatus.OPEN)
        organizer = factories.make_user(email="organizer@example.org", name="Huda", locale="ar")
        secret = factories.enable_two_factor(organizer)
        factories.grant_role(organizer, forum, ForumRoleName.ORGANIZER)
        reviewer = factories.make_user(email="reviewer@example.org")
        factories.grant_role(reviewer, forum, ForumRoleName.REVIEWER)
        elsewhere = factories.make_user(email="elsewhere@example.org")
        elsewhere_secret = factories.enable_two_factor(elsewhere)
        factories.grant_role(elsewhere, factories.make_forum(), ForumRoleName.ORGANIZER)
        lead_member = factories.make_user(email="lead@example.org", name="Lina")
        activity = factories.make_activity(
            forum, factories.make_organization(members=[lead_member])
        )
        for email, accepted in (("co@example.org", True), ("invited@example.org", None)):
            member = factories.make_user(email=email, locale="ckb")
            organization = factories.make_organization(members=[member])
            db.session.add(
                CoOrganizer(
                    activity_id=activity.id, organization_id=organization.id, accepted=accepted
                )
            )
        db.session.commit()
        return {"activity_id": activity.id, "secret": secret, "elsewhere": elsewhere_secret}


def _client(app, email, secret=None):
    client = app.test_client()
    log_in(client, email, totp_secret=secret)
    return client


def test_a_member_writes_and_the_organizers_get_a_notice_without_the_body(app):
    setting = _setting(app)
    url = URL.format(setting["activity_id"])
    client = _client(app, "lead@example.org")
    response = post_form(client, url, {"body": "  Can we have a projector?  "})
    assert response.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "Can we have a projector?" in page
    assert "Lina" in page
    with app.app_context():
        (notice,) = outbox_to("organizer@example.org")
        assert notice.locale == "ar"
        assert "projector" not in notice.body_text
        assert "projector" not in notice.body_html
        assert url in notice.body_text
        for email in ("lead@example.org", "co@example.org", "reviewer@example.org"):
            assert outbox_to(email) == []


def test_an_organizer_writes_as_staff_to_the_organizations_involved(app):
    setting = _setting(app)
    url = URL.format(setting["activity_id"])
    client = _client(app, "organizer@example.org", setting["secret"])
    post_form(client, url, {"body": "Tuesday, room 2?"})
    page = client.get(url).get_data(as_text=True)
    assert "Tuesday, room 2?" in page
    assert "badge text-bg-primary" in page
    with app.app_context():
        assert len(outbox_to("lead@example.org")) == 1
        (notice,) = outbox_to("co@example.org")
        assert notice.locale == "ckb"
        assert outbox_to("invited@example.org") == []
        assert outbox_to("organizer@example.org") == []


def test_an_empty_message_is_refused_beside_the_field(app):
    setting = _setting(app)
    url = URL.format(setting["activity_id"])
    response = post_form(_client(app, "co@example.org"), url, {"body": "   "})
    assert response.status_code == 200
    assert in_kurdish(app, "Write a message.") in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ActivityMessage.id))) == 0


def test_others_find_no_thread(app):
    setting = _setting(app)
    url = URL.format(setting["activity_id"])
    others = {"invited@example.org": None, "reviewer@example.org": None}
    others["elsewhere@example.org"] = setting["elsewhere"]
    for email, secret in others.items():
        client = _client(app, email, secret)
        assert client.get(url).status_code == 404, email
        assert post_form(client, url, {"body": "Hi"}, page_url="/").status_code == 404
    assert app.test_client().get(url).status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ActivityMessage.id))) == 0


def test_a_long_thread_opens_on_its_newest_page(app):
    setting = _setting(app)
    start = datetime(2026, 6, 1, 9, tzinfo=UTC)
    with app.app_context():
        author = db.session.scalar(
            sa.select(factories.User).where(factories.User.email == "lead@example.org")
        )
        db.session.add_all(
            ActivityMessage(
                activity_id=setting["activity_id"],
                author_id=author.id,
                body=f"Message number {n:03d}",
                created_at=start + timedelta(minutes=n),
            )
            for n in range(51)
        )
        db.session.commit()
    url = URL.format(setting["activity_id"])
    client = _client(app, "lead@example.org")
    newest = client.get(url).get_data(as_text=True)
    assert "Message number 050" in newest
    assert "Message number 049" not in newest
    oldest = client.get(f"{url}?page=1").get_data(as_text=True)
    assert "Message number 000" in oldest
    assert "Message number 050" not in oldest
    assert oldest.index("Message number 000") < oldest.index("Message number 049")
    assert client.get(f"{url}?page=3").status_code == 404
