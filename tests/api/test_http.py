"""How the API answers over HTTP: JSON, open CORS for reading, no cookie, JSON
errors, and its place in the URL space (``api`` is no forum's slug)."""

import pytest

from app.forums.services import RESERVED_SLUGS, SlugError, SlugProblem, check_slug
from tests.api.helpers import get_json

READS = ["/api/v1/", "/api/v1/openapi.json", "/api/v1/forums", "/api/v1/forums/isf-4/programme"]


@pytest.mark.parametrize("url", READS)
def test_any_origin_may_read(client, world, url):
    response = client.get(url, headers={"Origin": "https://example.net"})

    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers


@pytest.mark.parametrize("url", READS)
def test_a_preflight_for_get_is_answered(client, world, url):
    response = client.options(
        url,
        headers={
            "Origin": "https://example.net",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "Accept",
        },
    )

    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response.headers["Access-Control-Allow-Methods"]
    assert "POST" not in response.headers["Access-Control-Allow-Methods"]
    assert "accept" in response.headers["Access-Control-Allow-Headers"].lower()


def test_errors_are_open_to_any_origin_too(client, world):
    response = client.get("/api/v1/forums/no-such-forum")

    assert response.status_code == 404
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Cache-Control"] == "no-store"


def test_no_cookie_is_needed_or_set(client, world):
    for url in READS:
        response = client.get(url)
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers, url
        assert response.headers["Cache-Control"].startswith("public")


@pytest.mark.parametrize(
    "url", ["/api/v1/nothing-here", "/api/v1/forums/isf-4/nothing", "/api/v1/forums/isf-4/x/y"]
)
def test_an_unknown_path_is_a_json_404(client, world, url):
    assert get_json(client, url, status=404) == {"error": "not_found"}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/api/v1/forums", "/api/v1/forums/isf-4/programme"])
def test_a_method_other_than_reading_is_a_json_405_naming_the_allowed_ones(
    client, world, method, url
):
    response = getattr(client, method)(url, headers={"Origin": "https://example.net"})

    assert response.status_code == 405
    assert response.get_json() == {"error": "method_not_allowed"}
    assert set(response.headers["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_api_addresses_never_reach_the_forum_pages(app):
    """``/api/v1/…`` is the API's, whatever a forum page of the same shape exists."""
    adapter = app.url_map.bind("localhost")
    for url in [*READS, "/api/v1/forums/isf-4", "/api/v1/forums/isf-4/organizations"]:
        endpoint, _arguments = adapter.match(url)
        assert endpoint.startswith("api."), url
    for url in ["/api/v1/programme", "/api/v1/staff", "/api/v1/schedule.json"]:
        assert adapter.match(url)[0] == "api.not_found", url


def test_a_forum_cannot_take_the_slug_api():
    assert "api" in RESERVED_SLUGS
    with pytest.raises(SlugError) as raised:
        check_slug("api")
    assert raised.value.problem is SlugProblem.RESERVED


def test_the_answer_does_not_depend_on_the_reader_language(client, world):
    english = client.get("/api/v1/forums/isf-4/programme", headers={"Accept-Language": "en"})
    client.set_cookie("lang", "ar")
    arabic = client.get("/api/v1/forums/isf-4/programme", headers={"Accept-Language": "ar"})

    assert english.get_data() == arabic.get_data()
