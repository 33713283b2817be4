"""The interpretation coordinator's team pages through HTTP: the list (filters,
pending first), approving and turning down with emails, one interpreter's page,
the rules; only the forum's coordinators and organizers get in."""

from datetime import date

import pytest

from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.calendar import sync_days
from app.forums.models import ForumStatus
from app.interpreting.models import Interpreter, InterpreterStatus, InterpretingPolicy
from tests import factories
from tests.helpers import csrf_token, log_in, outbox_to, post_form
from tests.interpreting.factories import make_interpreter

BASE = "/isf-int-staff/staff/interpreting"


@pytest.fixture
def setting(app):
    """A forum with an approved interpreter (Aya, ar→en) and a pending one (Zina,
    ckb→en); a coordinator, a reviewer, and a coordinator of another forum."""
    with app.app_context():
        forum = factories.make_forum(
            slug="isf-int-staff",
            status=ForumStatus.OPEN,
            start_date=date(2030, 5, 10),
            end_date=date(2030, 5, 11),
            name_en="ISF",
        )
        sync_days(forum)
        db.session.flush()
        aya = make_interpreter(forum, user=factories.make_user(name="Aya", email="aya@example.org"))
        zina = make_interpreter(
            forum,
            user=factories.make_user(name="Zina", locale="ar"),
            directions=[("ckb", "en")],
            status=InterpreterStatus.PENDING,
        )
        other = factories.make_forum(slug="najaf-int", status=ForumStatus.OPEN)
        people = {}
        for name, where, role in (
            ("coordinator", forum, ForumRoleName.INTERPRETATION_COORDINATOR),
            ("reviewer", forum, ForumRoleName.REVIEWER),
            ("elsewhere", other, ForumRoleName.INTERPRETATION_COORDINATOR),
        ):
            user = factories.make_user(name=name.title())
            secret = factories.enable_two_factor(user)
            factories.grant_role(user, where, role)
            people[name] = (user.email, secret)
        db.session.commit()
        return {
            "people": people,
            "forum": forum.id,
            "aya": aya.id,
            "zina": zina.id,
            "zina_email": zina.user.email,
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


def test_the_list_shows_the_team_pending_first_with_filters(coordinator, setting):
    page = _page(coordinator.get(f"{BASE}/"))
    assert page.index("Zina") < page.index("Aya")
    assert "Waiting for a decision" in page
    by_direction = _page(coordinator.get(f"{BASE}/?direction=ckb-en"))
    assert "Zina" in by_direction
    assert "Aya" not in by_direction
    by_status = _page(coordinator.get(f"{BASE}/?status=approved&language=ar"))
    assert "Aya" in by_status
    assert "Zina" not in by_status
    # The staff menu leads here.
    assert f'href="{BASE}/"' in _page(coordinator.get("/isf-int-staff/staff/"))


def test_approving_tells_the_interpreter(app, coordinator, setting):
    token = csrf_token(coordinator.get(f"{BASE}/"))
    response = coordinator.post(
        f"{BASE}/team/{setting['zina']}/approve", data={"csrf_token": token}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Interpreter, setting["zina"]).status is InterpreterStatus.APPROVED
        [mail] = outbox_to(setting["zina_email"])
        assert mail.locale == "ar"
    assert "is approved and has been told by email" in _page(coordinator.get(f"{BASE}/"))


def test_turning_down_asks_first(app, coordinator, setting):
    url = f"{BASE}/team/{setting['zina']}/reject"
    confirm = _page(coordinator.get(url))
    assert "Turn down" in confirm
    assert "Zina" in confirm
    token = csrf_token(coordinator.get(url))
    assert coordinator.post(url, data={"csrf_token": token, "confirm": "yes"}).status_code == 302
    with app.app_context():
        assert db.session.get(Interpreter, setting["zina"]).status is InterpreterStatus.REJECTED
        assert len(outbox_to(setting["zina_email"])) == 1


def test_an_interpreters_page_shows_their_details_and_email(coordinator, setting):
    page = _page(coordinator.get(f"{BASE}/team/{setting['aya']}"))
    assert "aya@example.org" in page
    assert "العربية → English" in page
    assert "Simultaneous interpretation" in page
    assert "No session assigned yet." in page


def test_the_rules_are_saved_and_wrong_numbers_shown(app, coordinator, setting):
    url = f"{BASE}/rules"
    wrong = post_form(
        coordinator,
        url,
        {"allow_relay": "y", "max_sessions_per_day": "11", "booth_team_after_minutes": "60"},
    )
    assert "A whole number from 1 to 10." in _page(wrong)
    assert 'value="11"' in _page(wrong)
    response = post_form(
        coordinator, url, {"max_sessions_per_day": "4", "booth_team_after_minutes": "90"}
    )
    assert response.status_code == 302
    with app.app_context():
        policy = db.session.get(InterpretingPolicy, setting["forum"])
        assert (policy.allow_relay, policy.max_sessions_per_day) == (False, 4)
        assert policy.booth_team_after_minutes == 90


@pytest.mark.parametrize("who", ["reviewer", "elsewhere"])
def test_others_are_refused(app, setting, who):
    client = _client(app, setting, who)
    assert client.get(f"{BASE}/").status_code == 403
    assert client.get(f"{BASE}/team/{setting['aya']}").status_code == 403
    assert client.get(f"{BASE}/rules").status_code == 403
