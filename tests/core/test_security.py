"""Security headers, error pages and self-hosted assets."""

import re
from pathlib import Path

import pytest
from flask import abort

from app import create_app
from config import ProductionConfig, TestConfig

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", ["/", "/account/login", "/no-such-page", "/static/css/app.css"])
def test_every_response_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    policy = headers["Content-Security-Policy"]

    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers


def test_production_adds_hsts_and_trusts_the_proxy(monkeypatch):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "x" * 40)
    monkeypatch.setattr(ProductionConfig, "DATA_KEY", TestConfig.DATA_KEY)
    monkeypatch.setattr(ProductionConfig, "DATA_HASH_KEY", TestConfig.DATA_HASH_KEY)
    monkeypatch.setattr(ProductionConfig, "SQLALCHEMY_DATABASE_URI", "sqlite://")
    app = create_app(ProductionConfig)

    @app.get("/_whoami")
    def whoami():
        from flask import request

        return f"{request.remote_addr} {request.scheme}"

    client = app.test_client()
    response = client.get(
        "/_whoami", headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    )
    assert response.get_data(as_text=True) == "203.0.113.9 https"
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def _app_with_failing_views():
    class Config(TestConfig):
        PROPAGATE_EXCEPTIONS = False

    app = create_app(Config)

    @app.get("/_boom")
    def boom():
        raise RuntimeError("SELECT secret FROM users -- Traceback")

    @app.get("/_forbidden")
    def forbidden():
        abort(403)

    return app


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/_boom", 500),
        ("get", "/_forbidden", 403),
        ("get", "/nowhere", 404),
        ("put", "/", 405),
        ("post", "/account/login", 400),  # no CSRF token
    ],
)
@pytest.mark.parametrize("language", ["ar", "ckb", "en"])
def test_error_pages_are_translated_and_reveal_nothing(method, path, status, language):
    app = _app_with_failing_views()
    client = app.test_client()
    client.set_cookie("lang", language)

    response = getattr(client, method)(path)
    page = response.get_data(as_text=True)

    assert response.status_code == status
    assert f'<html lang="{language}"' in page
    assert "Traceback" not in page
    assert "SELECT" not in page
    assert "RuntimeError" not in page
    assert f">{status}<" in page
    if language != "en":
        english_titles = ["Something went wrong", "Not allowed", "Page not found", "Bad request"]
        assert not any(title in page for title in english_titles)


def test_a_405_page_names_the_methods_the_page_takes(client):
    response = client.put("/")

    assert response.status_code == 405
    assert response.mimetype == "text/html"
    assert "GET" in response.headers["Allow"]


def test_templates_load_nothing_from_other_sites():
    external = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', re.I)
    for template in (ROOT / "templates").rglob("*.html"):
        if template.parts[-2] == "email":
            continue
        assert not external.search(template.read_text()), template


@pytest.mark.parametrize(
    "path",
    [
        "vendor/bootstrap/css/bootstrap.min.css",
        "vendor/bootstrap/css/bootstrap.rtl.min.css",
        "vendor/htmx/htmx.min.js",
        "vendor/bootstrap/LICENSE",
        "vendor/htmx/LICENSE",
    ],
)
def test_vendored_assets_are_served_by_the_app_with_their_licences(client, path):
    response = client.get(f"/static/{path}")
    assert response.status_code == 200
    assert b"sourceMappingURL" not in response.data


def test_health_check_reaches_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_a_request_body_over_the_limit_is_refused_with_a_translated_page(client):
    client.set_cookie("lang", "ar")
    response = client.post("/language", data={"language": "x" * (3 * 1024 * 1024)})

    assert response.status_code == 413
    assert '<html lang="ar" dir="rtl">' in response.get_data(as_text=True)
