import pytest

from app.core.urls import safe_next_path
from tests.helpers import csrf_token

BYPASS_PAYLOADS = [
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "https://evil.example",
    "http:/evil.example",
    "%2f%2fevil.example",
    "/%2f%2fevil.example",
    "/%5cevil.example",
    "%5c%5cevil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "//evil.example/%2e%2e",
    "///evil.example",
    "////evil.example",
    "/ /evil.example",
    "evil.example",
    "@evil.example",
    "/%09/evil.example",
    "/\u3000/evil.example",
    "/\u200b/evil.example",
    "",
    None,
    "/" + "a" * 3000,
]


@pytest.mark.parametrize("payload", BYPASS_PAYLOADS)
def test_next_path_refuses_anything_that_could_leave_the_site(payload):
    assert safe_next_path(payload) is None


@pytest.mark.parametrize(
    "target",
    [
        "/",
        "/account/",
        "/isf-4/programme?day=2&theme=3",
        "/account/?tab=security#password",
        "/a%20b",
    ],
)
def test_next_path_keeps_local_paths(target):
    assert safe_next_path(target) == target


@pytest.mark.parametrize("payload", BYPASS_PAYLOADS[:20])
def test_login_never_redirects_off_site(client, make_user, payload):
    user = make_user()
    page = client.get("/account/login")
    response = client.post(
        "/account/login",
        data={
            "email": user.email,
            "password": "correct horse battery staple",
            "next": payload or "",
            "csrf_token": csrf_token(page),
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_login_follows_a_local_next(client, make_user):
    user = make_user()
    page = client.get("/account/login?next=/account/")
    assert 'value="/account/"' in page.get_data(as_text=True)
    response = client.post(
        "/account/login",
        data={
            "email": user.email,
            "password": "correct horse battery staple",
            "next": "/account/",
            "csrf_token": csrf_token(page),
        },
    )
    assert response.headers["Location"] == "/account/"
