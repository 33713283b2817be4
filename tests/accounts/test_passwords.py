"""Password rules: length (longer for staff), nothing common, no composition rules."""

import pytest

from app.accounts.passwords import password_problem
from tests.helpers import post_form


@pytest.mark.parametrize(
    "password",
    [
        "password1234",
        "qwertyuiop123",
        "iloveyou1234",
        "123456789012",
        "aaaaaaaaaaaa",
        "abcdefghijkl",
    ],
)
def test_common_or_guessable_passwords_are_refused(ctx, password):
    assert password_problem(password, staff=False, personal_words=[]) is not None


def test_a_password_made_of_the_persons_own_details_is_refused(ctx):
    words = ["nadia.kareem@example.org", "Nadia Kareem"]
    assert password_problem("nadiakareem2024", staff=False, personal_words=words) is not None


@pytest.mark.parametrize(
    "password", ["correct horse battery staple", "نخلة على ضفاف دجلة", "شاخی سەرسەوز لە هەولێر"]
)
def test_long_unusual_passwords_pass_without_composition_rules(ctx, password):
    assert password_problem(password, staff=False, personal_words=[]) is None


def test_staff_need_fifteen_characters(ctx):
    fourteen = "tigris marsh 7"
    assert len(fourteen) == 14
    assert password_problem(fourteen, staff=False, personal_words=[]) is None
    assert password_problem(fourteen, staff=True, personal_words=[]) is not None
    assert password_problem(fourteen + "x", staff=True, personal_words=[]) is None


def test_sign_up_explains_a_weak_password_next_to_the_field(client):
    response = post_form(
        client,
        "/account/signup",
        {"name": "Ali", "email": "ali@example.org", "password": "password1234"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="password-errors"' in page
    assert 'value="ali@example.org"' in page
