"""Account journeys through HTTP: what a browser sees."""

import pytest

from app import create_app
from config import TestConfig
from tests.factories import PASSWORD
from tests.helpers import CSRF_PATTERN, csrf_token, log_in, outbox_to, post_form


def outbox(app, address):
    with app.app_context():
        return [message.body_text for message in outbox_to(address)]


def visible_answer(client, response) -> tuple:
    """What the person sees after a form post: the status, where it sends them, that page."""
    followed = client.get(response.headers["Location"]) if response.status_code == 302 else response
    page = CSRF_PATTERN.sub("", followed.get_data(as_text=True))  # differs per browser session
    return response.status_code, response.headers.get("Location"), page


def test_sign_up_answers_the_same_for_new_and_known_addresses(app, make_user):
    make_user(email="known@example.org")
    answers = []
    for email in ("known@example.org", "fresh@example.org"):
        client = app.test_client()
        response = post_form(
            client,
            "/account/signup",
            {"name": "Ali", "email": email, "password": "a long enough password"},
        )
        answers.append(visible_answer(client, response))

    assert answers[0] == answers[1]
    assert answers[0][1] == "/account/check-email"
    assert len(outbox(app, "known@example.org")) == 1
    assert len(outbox(app, "fresh@example.org")) == 1


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(app, make_user):
    make_user(email="known@example.org")
    answers = []
    for email in ("known@example.org", "nobody@example.org"):
        client = app.test_client()
        response = post_form(client, "/account/forgot", {"email": email})
        answers.append(visible_answer(client, response))

    assert answers[0] == answers[1]
    assert len(outbox(app, "known@example.org")) == 1
    assert outbox(app, "nobody@example.org") == []


def test_bad_sign_up_keeps_what_was_typed_and_explains_next_to_the_field(client):
    response = post_form(
        client,
        "/account/signup",
        {"name": "سارة", "email": "sara@example.org", "password": "short"},
    )
    page = response.get_data(as_text=True)

    assert response.status_code == 200
    assert 'value="سارة"' in page
    assert 'value="sara@example.org"' in page
    assert 'id="password-errors"' in page
    assert "is-invalid" in page


def test_full_account_journey_sign_up_verify_log_in(client, app):
    post_form(
        client,
        "/account/signup",
        {"name": "Rana", "email": "rana@example.org", "password": PASSWORD},
    )
    link = next(w for w in outbox(app, "rana@example.org")[0].split() if w.startswith("http"))
    path = link.split("localhost", 1)[1]

    assert log_in(client, "rana@example.org").status_code == 200  # not yet verified
    confirm = post_form(client, path, {})
    assert confirm.headers["Location"] == "/account/login"
    response = log_in(client, "rana@example.org")
    assert response.status_code == 302
    assert "Rana" in client.get("/").get_data(as_text=True)


def test_logout_ends_every_session_of_the_user(app, make_user):
    user = make_user()
    phone, laptop = app.test_client(), app.test_client()
    log_in(phone, user.email)
    log_in(laptop, user.email)
    assert phone.get("/account/").status_code == 200

    post_form(laptop, "/account/logout", {}, page_url="/account/")

    assert laptop.get("/account/").status_code == 302
    assert phone.get("/account/").status_code == 302


def test_password_change_ends_other_sessions_but_keeps_this_one(app, make_user):
    user = make_user()
    phone, laptop = app.test_client(), app.test_client()
    log_in(phone, user.email)
    log_in(laptop, user.email)

    response = post_form(
        laptop,
        "/account/password",
        {
            "current_password": PASSWORD,
            "password": "a brand new password",
            "confirm": "a brand new password",
        },
    )

    assert response.headers["Location"] == "/account/"
    assert laptop.get("/account/").status_code == 200
    assert phone.get("/account/").status_code == 302
    assert log_in(app.test_client(), user.email, "a brand new password").status_code == 302


def test_language_preference_is_kept_on_the_profile(app, make_user):
    user = make_user(locale="en")
    client = app.test_client()
    log_in(client, user.email)
    post_form(client, "/account/", {"name": "Kawa", "locale": "ckb"})

    other_browser = app.test_client()
    log_in(other_browser, user.email)
    page = other_browser.get("/account/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="ckb" dir="rtl">' in page


def test_login_is_limited_per_account(client, make_user):
    user = make_user()
    statuses = [
        post_form(client, "/account/login", {"email": user.email, "password": "wrong"}).status_code
        for _ in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    # Another account from the same address is not blocked by that one's limit.
    other = make_user()
    assert log_in(client, other.email).status_code == 302


def test_login_is_limited_per_client_address(client, make_user):
    users = [make_user() for _ in range(21)]
    statuses = [
        post_form(client, "/account/login", {"email": u.email, "password": "wrong"}).status_code
        for u in users
    ]
    assert statuses[:20] == [200] * 20
    assert statuses[20] == 429
    other_address = post_form(
        client,
        "/account/login",
        {"email": users[0].email, "password": "wrong"},
        environ_base={"REMOTE_ADDR": "10.9.8.7"},
    )
    assert other_address.status_code == 200


def test_password_reset_is_limited_per_account(client, make_user):
    user = make_user()
    statuses = [
        post_form(client, "/account/forgot", {"email": user.email}).status_code for _ in range(4)
    ]
    assert statuses == [302, 302, 302, 429]


def test_too_many_attempts_page_is_translated(client, make_user):
    user = make_user()
    client.set_cookie("lang", "ar")
    for _ in range(5):
        post_form(client, "/account/login", {"email": user.email, "password": "wrong"})
    response = post_form(client, "/account/login", {"email": user.email, "password": "wrong"})
    page = response.get_data(as_text=True)

    assert response.status_code == 429
    assert '<html lang="ar" dir="rtl">' in page
    assert "Too many attempts" not in page


def test_posting_without_a_csrf_token_is_refused(client, make_user):
    user = make_user()
    response = client.post("/account/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400


def test_session_cookie_flags(client, make_user):
    user = make_user()
    response = log_in(client, user.email)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_in_production(monkeypatch):
    from config import ProductionConfig

    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "x" * 40)
    monkeypatch.setattr(ProductionConfig, "DATA_KEY", TestConfig.DATA_KEY)
    monkeypatch.setattr(ProductionConfig, "DATA_HASH_KEY", TestConfig.DATA_HASH_KEY)
    app = create_app(ProductionConfig)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    from config import ProductionConfig

    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(ProductionConfig)


def test_test_config_is_not_production():
    assert TestConfig.ENV_NAME == "testing"


def test_confirm_link_page_needs_a_click_so_mail_scanners_do_not_use_it_up(client, app):
    post_form(
        client,
        "/account/signup",
        {"name": "Dara", "email": "dara@example.org", "password": PASSWORD},
    )
    link = next(w for w in outbox(app, "dara@example.org")[0].split() if w.startswith("http"))
    path = link.split("localhost", 1)[1]

    page = client.get(path)
    client.get(path)

    assert page.status_code == 200
    assert post_form(client, path, {}).headers["Location"] == "/account/login"
    assert log_in(client, "dara@example.org").status_code == 302
    assert csrf_token(page)
