"""Reading the API in tests: JSON answers checked against the OpenAPI document."""

from functools import cache

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from app.api.openapi import document

DOCUMENT_URI = "urn:muntada:api:openapi"


@cache
def _registry() -> Registry:
    resource = Resource.from_contents(document(), default_specification=DRAFT202012)
    return Registry().with_resource(DOCUMENT_URI, resource)


def validator(reference: str) -> Draft202012Validator:
    """A validator of the schema at ``reference`` ("#/components/schemas/…")."""
    return Draft202012Validator(
        {"$ref": DOCUMENT_URI + reference},
        registry=_registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def response_schema(path: str, status: str = "200") -> str:
    """The reference of the documented schema of ``path``'s answer with ``status``."""
    response = document()["paths"][path]["get"]["responses"][status]
    if "$ref" in response:
        name = response["$ref"].rsplit("/", 1)[-1]
        response = document()["components"]["responses"][name]
    return response["content"]["application/json"]["schema"]["$ref"]


def get_json(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, (url, response.get_data(as_text=True))
    assert response.mimetype == "application/json", url
    return response.get_json()


def walk(client, url: str) -> list[dict]:
    """Every item of a paginated list, following ``next`` to the end."""
    items = []
    while url:
        page = get_json(client, url)
        items.extend(page["data"])
        url = page["next"]
    return items
