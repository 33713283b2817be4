"""The demo's activities of the 4th season beyond their proposals: an invitation to
co-organize waiting for the demo CSO account's coalition, a message thread, a merge
waiting for the coalition's answer and one done; seeding again changes nothing."""

import sqlalchemy as sa

from app.accounts.models import User
from app.activities.merging import sequence_of
from app.activities.models import (
    Activity,
    ActivityMessage,
    CoOrganizer,
    Merge,
    MergeConsent,
    MergeMode,
    MergeStatus,
    Review,
)
from app.activities.thread import can_read_thread, thread_of
from app.demo.accounts import DEMO_PASSWORD
from app.extensions import db
from app.forums.models import Forum
from app.organizations.membership import is_member
from app.organizations.models import Organization
from tests.helpers import log_in

CSO = "cso@isf-demo.example.org"
ORGANIZER = "organizer@isf-demo.example.org"


def _seed(app) -> None:
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


def _season() -> Forum:
    return db.session.scalar(sa.select(Forum).where(Forum.slug == "isf-4"))


def _activity(title_en: str) -> Activity:
    return db.session.scalar(
        sa.select(Activity).where(Activity.forum_id == _season().id, Activity.title_en == title_en)
    )


def _user(email: str) -> User:
    return db.session.scalar(sa.select(User).where(User.email == email))


def _merges(status: MergeStatus) -> list[Merge]:
    return list(
        db.session.scalars(
            sa.select(Merge).where(Merge.forum_id == _season().id, Merge.status == status)
        )
    )


def test_the_demo_cso_has_an_invitation_to_co_organize_waiting(app):
    _seed(app)
    with app.app_context():
        coalition = db.session.scalar(
            sa.select(Organization).where(Organization.name_en == "Article 38 Coalition")
        )
        waiting = db.session.scalars(
            sa.select(CoOrganizer).where(CoOrganizer.accepted.is_(None))
        ).all()
        assert [(c.activity.title_en, c.organization_id) for c in waiting] == [
            ("Digital safety for activists and journalists", coalition.id)
        ]
        assert waiting[0].activity.lead_organization.name_en == "Masarat"
        assert is_member(_user(CSO), coalition)


def test_the_demo_has_a_thread_between_the_organizer_and_an_organization(app):
    _seed(app)
    with app.app_context():
        activity = _activity("The Shahrazad campaign: a law against domestic violence")
        messages = thread_of(activity)
        assert 3 <= len(messages) <= 4
        assert [m.author.email for m in messages] == [ORGANIZER, CSO] * (len(messages) // 2)
        assert [m.from_staff for m in messages] == [True, False] * (len(messages) // 2)
        assert can_read_thread(_user(CSO), activity)
        others = db.session.scalar(
            sa.select(sa.func.count(ActivityMessage.id)).where(
                ActivityMessage.activity_id != activity.id
            )
        )
        assert others == 0


def test_the_demo_has_a_merge_waiting_for_answers_and_one_done(app):
    _seed(app)
    with app.app_context():
        (proposed,) = _merges(MergeStatus.PROPOSED)
        assert proposed.mode is MergeMode.FUSION
        assert [m.activity.title_en for m in proposed.members] == [
            "Control of private security companies",
            "A law to regulate security companies",
        ]
        asked = [(c.organization.name_en, c.accepted) for c in proposed.consents]
        assert asked == [("Article 38 Coalition", None)]

        (done,) = _merges(MergeStatus.COMPLETED)
        assert done.mode is MergeMode.SEQUENCE
        assert all(c.accepted for c in done.consents)
        first = _activity("Article 38: freedom of expression in the constitution")
        second = _activity("The cybercrime bill: risks and proposals")
        assert sequence_of(second) == [first, second]


def test_the_demo_cso_sees_what_waits_for_an_answer(app):
    _seed(app)
    with app.app_context():
        invitation = db.session.scalar(sa.select(CoOrganizer).where(CoOrganizer.accepted.is_(None)))
        (merge,) = _merges(MergeStatus.PROPOSED)
        invitation_id, merge_id = invitation.id, merge.id
    client = app.test_client()
    log_in(client, CSO, DEMO_PASSWORD)
    mine = client.get("/isf-4/activities/mine").get_data(as_text=True)
    assert f"/isf-4/activities/invitations/{invitation_id}" in mine
    consent = client.get(f"/isf-4/activities/merges/{merge_id}").get_data(as_text=True)
    assert f"/isf-4/activities/merges/{merge_id}/answer" in consent


def _state() -> dict:
    """Everything the demo's activities consist of, to compare two seedings."""
    counts = {
        model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Activity, CoOrganizer, ActivityMessage, Merge, MergeConsent, Review)
    }
    return {
        **counts,
        "statuses": sorted(db.session.execute(sa.select(Activity.id, Activity.status)).all()),
        "merges": sorted(db.session.execute(sa.select(Merge.id, Merge.status)).all()),
        "consents": sorted(
            db.session.execute(sa.select(MergeConsent.id, MergeConsent.accepted)).all()
        ),
        "invitations": sorted(
            db.session.execute(sa.select(CoOrganizer.id, CoOrganizer.accepted)).all()
        ),
    }


def test_seeding_the_demo_again_changes_nothing_in_its_activities(app):
    _seed(app)
    with app.app_context():
        before = _state()
    _seed(app)
    with app.app_context():
        assert _state() == before
