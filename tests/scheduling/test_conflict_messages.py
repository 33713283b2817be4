"""Conflicts in words: each rule gives a sentence naming its room and sessions."""

import pytest
from flask_babel import force_locale

from app.scheduling.conflict_messages import Names, describe
from app.scheduling.conflicts import Conflict, Rule

SLOT = "Thursday 30 November, 09:00–10:30"
NAMES = Names(
    activities={1: "Save the Tigris", 2: "A just labour law"},
    rooms={5: "Hall B", 6: "Room C"},
    slots={11: SLOT},
    organizations={7: "Tammuz Organization"},
)
PRESENTER = "email:amal.hassan@example.org"

SENTENCES = [
    pytest.param(
        Conflict(Rule.DOUBLE_BOOKED, (1, 2), room_id=5, slot_id=11),
        f"“Save the Tigris” and “A just labour law” are both in Hall B at {SLOT}.",
        id="double_booked",
    ),
    pytest.param(
        Conflict(Rule.BAD_SPOT, (1,), room_id=5, slot_id=11, numbers=(2,)),
        "“Save the Tigris” is not placed in 2 consecutive session slots of one day in one room.",
        id="bad_spot",
    ),
    pytest.param(
        Conflict(Rule.CAPACITY, (1,), room_id=5, numbers=(40, 120)),
        "Hall B seats 40, but “Save the Tigris” expects 120 people.",
        id="capacity",
    ),
    pytest.param(
        Conflict(Rule.NO_BOOTH, (1,), room_id=6),
        "“Save the Tigris” needs simultaneous interpretation, but Room C has no booth.",
        id="no_booth",
    ),
    pytest.param(
        Conflict(Rule.TOO_FEW_CHANNELS, (1,), room_id=5, numbers=(2, 3)),
        "“Save the Tigris” needs interpretation into 3 languages, more than the channels "
        "of the booth in Hall B (2).",
        id="too_few_channels",
    ),
    pytest.param(
        Conflict(Rule.ORGANIZATION_CLASH, (1, 2), slot_id=11, organization_id=7),
        "Tammuz Organization is in “Save the Tigris” and “A just labour law” at the same "
        f"time ({SLOT}).",
        id="organization_clash",
    ),
    pytest.param(
        Conflict(Rule.PRESENTER_CLASH, (1, 2), slot_id=11),
        "A presenter of “Save the Tigris” also presents “A just labour law” at the same "
        f"time ({SLOT}).",
        id="presenter_clash",
    ),
    pytest.param(
        Conflict(Rule.IMPOSSIBLE_DAY, (1,), slot_id=11, numbers=(3,)),
        f"“Save the Tigris” cannot take place on the day of {SLOT}.",
        id="impossible_day",
    ),
    pytest.param(
        Conflict(Rule.ROOM_CLOSED, (1,), room_id=6, slot_id=11),
        "Room C is closed during “Save the Tigris”.",
        id="room_closed",
    ),
    pytest.param(
        Conflict(Rule.SEQUENCE, (1, 2), numbers=(2, 1)),
        "“A just labour law” and “Save the Tigris” form a sequence and must follow each "
        "other in one room.",
        id="sequence",
    ),
    pytest.param(
        Conflict(Rule.INTERPRETER_CLASH, (1, 2), slot_id=11),
        "An interpreter of “Save the Tigris” is also assigned to “A just labour law” at the "
        f"same time ({SLOT}).",
        id="interpreter_clash",
    ),
]


@pytest.fixture
def english(app):
    with app.test_request_context(), force_locale("en"):
        yield


def test_every_rule_has_a_sentence():
    assert {case.id for case in SENTENCES} == {rule.value for rule in Rule}


@pytest.mark.parametrize(("conflict", "sentence"), SENTENCES)
def test_conflict_in_english(english, conflict, sentence):
    assert describe(conflict, NAMES) == sentence


def test_a_day_is_named_when_known(english):
    names = Names(NAMES.activities, NAMES.rooms, NAMES.slots, NAMES.organizations, {3: "Friday"})
    conflict = Conflict(Rule.IMPOSSIBLE_DAY, (1,), slot_id=11, numbers=(3,))

    assert describe(conflict, names) == "“Save the Tigris” cannot take place on Friday."


@pytest.mark.parametrize(
    ("conflict", "sentence"),
    [
        (
            Conflict(Rule.CAPACITY, (1,), room_id=5, numbers=(0, 1)),
            "Hall B seats 0, but “Save the Tigris” expects 1 person.",
        ),
        (
            Conflict(Rule.BAD_SPOT, (1,), room_id=5, numbers=(1,)),
            "“Save the Tigris” is not placed in one session slot of a room.",
        ),
    ],
)
def test_singular_forms(english, conflict, sentence):
    assert describe(conflict, NAMES) == sentence


def test_unknown_names_do_not_break_the_sentence(english):
    conflict = Conflict(Rule.BAD_SPOT, (9,), room_id=99, slot_id=999, numbers=(1,))

    assert describe(conflict, NAMES) == "“#9” is not placed in one session slot of a room."


def test_titles_stay_plain_text_for_the_template_to_escape(english):
    names = Names({1: "<b>50% & more</b>"}, {5: "Hall B"}, {}, {})

    text = describe(Conflict(Rule.ROOM_CLOSED, (1,), room_id=5), names)

    assert text == "Hall B is closed during “<b>50% & more</b>”."


def test_no_sentence_names_a_presenter(english):
    for case in SENTENCES:
        conflict, _sentence = case.values
        assert "amal" not in describe(conflict, NAMES)
        assert PRESENTER not in conflict.key


def test_conflicts_in_arabic(app):
    conflict = Conflict(Rule.NO_BOOTH, (1,), room_id=6)
    with app.test_request_context():
        with force_locale("en"):
            english = describe(conflict, NAMES)
        with force_locale("ar"):
            arabic = describe(conflict, NAMES)
    if arabic == english:
        pytest.skip("the conflict messages are not translated into Arabic yet")

    assert "Room C" in arabic
