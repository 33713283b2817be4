"""Delegates' personal data goes when the forum's retention time is over; counts stay."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.extensions import db
from app.organizations.models import Delegate, Gender, Registration
from app.organizations.models import RegistrationStatus as Status
from app.organizations.retention import purge_delegates
from app.safety import retention
from tests import factories

END = date(2017, 12, 2)


def _forum_with_delegates():
    forum = factories.make_forum(end_date=END, retention_days=60)
    registration = factories.make_registration(
        forum,
        factories.make_organization(),
        delegates=0,
        status=Status.REJECTED,
        decision_reason="About Zainab's safety",
    )
    registration.delegates.extend(
        [
            Delegate(name="Zainab", phone="+9647701234567", email="z@example.org",
                     gender=Gender.WOMAN, languages=["ar", "en"], interpretation_into=["en"],
                     needs_step_free=True, other_needs="A quiet room"),
            Delegate(name="Karwan", gender=Gender.MAN, languages=["ckb"]),
        ]
    )  # fmt: skip
    person = factories.make_user()
    factories.make_registration(forum, None, delegates=1, individual_id=person.id)
    db.session.flush()
    return forum


def test_the_delegates_purger_is_registered():
    assert retention.registered_purgers()["delegates"] is purge_delegates


@pytest.mark.parametrize(("days_after_end", "purged"), [(60, False), (61, True)])
def test_delegates_lose_their_personal_data_the_day_after_retention(ctx, days_after_end, purged):
    forum = _forum_with_delegates()
    other = factories.make_forum(end_date=END + timedelta(days=30), retention_days=60)
    kept = factories.make_registration(other, factories.make_organization(), delegates=1)

    retention.purge_expired(END + timedelta(days=days_after_end))

    db.session.expire_all()
    delegates = db.session.scalars(
        sa.select(Delegate)
        .join(Registration, Delegate.registration_id == Registration.id)
        .where(Registration.forum_id == forum.id)
        .order_by(Delegate.id)
    ).all()
    names = [delegate.name for delegate in delegates]
    if not purged:
        assert "Zainab" in names
        return
    assert all(
        (d.name, d.phone, d.email, d.other_needs) == (None, None, None, None) for d in delegates
    )
    zainab = delegates[0]
    assert zainab.gender is Gender.WOMAN
    assert zainab.languages == ["ar", "en"]
    assert zainab.interpretation_into == ["en"]
    assert zainab.needs_step_free is True
    assert len(delegates) == 3  # the anonymous counts survive
    assert all(r.decision_reason is None for r in _registrations(forum))
    assert kept.delegates[0].name is not None  # another forum, not yet due


def _registrations(forum):
    return db.session.scalars(sa.select(Registration).where(Registration.forum_id == forum.id))


def test_the_purge_counts_what_changed_and_is_audited(ctx):
    forum = _forum_with_delegates()

    counts = retention.purge_forum_contact_data(forum, {"delegates": purge_delegates})

    # three delegates (the individual's included) and one decision reason
    assert counts == {"delegates": 4}
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "contact_data_purged")
    ).one()
    assert event.details == {"delegates": 4}
    assert purge_delegates(forum) == 0  # nothing left to delete
