"""Control characters never reach a view: stripped from form fields and query
strings, and no route matches a URL segment holding one (PostgreSQL refuses a
NUL byte in any text column, so each of these was a 500 there)."""

import re

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.extensions import db
from tests.helpers import post_form

STRING_ARGUMENT = re.compile(r"<(?:(?:string|path|default)(?:\([^)]*\))?:)?(\w+)>")


def _url_with_nul(rule) -> str:
    """The rule's URL with a NUL byte in each text argument and 1 in the others."""
    url = rule.rule
    for converter in re.findall(r"<[^>]+>", url):
        is_text = STRING_ARGUMENT.fullmatch(converter) is not None
        url = url.replace(converter, "a%00b" if is_text else "1", 1)
    return url


def _rules_with_text_arguments(app):
    for rule in app.url_map.iter_rules():
        if any(STRING_ARGUMENT.fullmatch(part) for part in re.findall(r"<[^>]+>", rule.rule)):
            yield rule


def test_no_route_takes_a_segment_with_a_control_character(app):
    rules = list(_rules_with_text_arguments(app))
    assert len(rules) > 50  # every forum page: /<forum_slug>/…
    client = app.test_client()
    for rule in rules:
        for method in sorted(rule.methods - {"OPTIONS", "HEAD"}):
            response = client.open(_url_with_nul(rule), method=method)
            assert response.status_code == 404, f"{method} {rule.rule}"


def test_a_query_string_arrives_without_control_characters(app):
    with app.test_request_context("/isf-4/programme?q=%00Shah%01razad%7F&day\x00=1"):
        from flask import request

        assert request.args.to_dict() == {"q": "Shahrazad", "day": "1"}


def test_a_form_keeps_its_text_without_control_characters(app):
    client = app.test_client()
    response = post_form(
        client,
        "/account/signup",
        {
            "name": "Ali\x00 Hassan\x07",
            "email": "ali@example.org",
            "password": "a long enough\x00 password",
        },
    )

    assert response.status_code == 302
    with app.app_context():
        name = db.session.scalar(sa.select(User.name).where(User.name.like("Ali%")))
    assert name == "Ali Hassan"


@pytest.mark.parametrize("kept", ["\t", "\n", "\r\n"])
def test_tabs_and_line_breaks_stay(app, kept):
    with app.test_request_context("/", method="POST", data={"text": f"one{kept}two\x00"}):
        from flask import request

        assert request.form["text"] == f"one{kept}two"
        assert request.args == {}
