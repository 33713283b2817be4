"""The OpenAPI document is valid, and every documented GET answers as documented."""

from urllib.parse import urlsplit

from openapi_spec_validator import validate

from app.api.openapi import document
from tests.api.helpers import get_json, response_schema, validator
from tests.api.world import DRAFT_SLUG


def _url(path: str, slug: str) -> str:
    return "/api/v1" + path.replace("{forum_slug}", slug)


def test_the_document_is_valid_openapi(client):
    served = get_json(client, "/api/v1/openapi.json")

    validate(served)
    assert served["openapi"].startswith("3.1")
    assert served == document()


def test_every_schema_is_valid_json_schema():
    for name in document()["components"]["schemas"]:
        validator(f"#/components/schemas/{name}").check_schema(
            document()["components"]["schemas"][name]
        )


def test_every_documented_get_answers_as_documented(client, world):
    paths = document()["paths"]
    assert all(set(operations) == {"get"} for operations in paths.values())
    for path in paths:
        body = get_json(client, _url(path, world.slug))
        errors = list(validator(response_schema(path)).iter_errors(body))
        assert not errors, (path, [error.message for error in errors])
        if "data" in body:
            assert body["data"], f"{path}: an empty list proves little"


def test_every_documented_error_answers_as_documented(client, world):
    for path, operations in document()["paths"].items():
        responses = operations["get"]["responses"]
        if "404" in responses:
            body = get_json(client, _url(path, DRAFT_SLUG), status=404)
            assert body == {"error": "not_found"}
            assert validator(response_schema(path, "404")).is_valid(body)
        if "400" in responses:
            body = get_json(client, _url(path, world.slug) + "?limit=0", status=400)
            assert body == {"error": "bad_limit"}
            assert validator(response_schema(path, "400")).is_valid(body)


def test_every_api_route_is_documented(app):
    documented = {_url(path, "<forum_slug>") for path in document()["paths"]}
    routes = {
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.") and rule.endpoint != "api.not_found"
    }
    assert routes == documented


def test_the_links_lead_to_documented_answers(client, world):
    forum = get_json(client, f"/api/v1/forums/{world.slug}")
    for name, link in forum["links"].items():
        path = urlsplit(link).path
        assert get_json(client, path), name
    index = get_json(client, "/api/v1/")
    assert urlsplit(index["openapi"]).path == "/api/v1/openapi.json"
