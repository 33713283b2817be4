"""The languages line of a session on the public programme (no database needed)."""

import pytest
from flask_babel import force_locale

from app.activities.models import Activity, InterpretationMode
from app.forums.models import Room
from app.interpreting.models import InterpretationNeed
from app.interpreting.public import languages_line, session_languages

SIMULTANEOUS, CONSECUTIVE, WHISPERED = (
    InterpretationMode.SIMULTANEOUS,
    InterpretationMode.CONSECUTIVE,
    InterpretationMode.WHISPERED,
)
BOOTH = Room(name_en="Hall", has_booth=True, booth_channels=2)
NO_BOOTH = Room(name_en="Small room", has_booth=False, booth_channels=0)


def _activity(*spoken: str) -> Activity:
    return Activity(id=7, spoken_languages=list(spoken))


def _need(target: str, mode=SIMULTANEOUS, channel=None, source="ar", activity_id=7):
    return InterpretationNeed(
        activity_id=activity_id, source=source, target=target, mode=mode, channel=channel
    )


@pytest.fixture
def english(ctx):
    with force_locale("en"):
        yield


def test_simultaneous_targets_in_a_booth_room_show_their_channels_in_order(english):
    needs = [_need("en", channel=2), _need("ckb", channel=1)]

    line = languages_line(_activity("ar"), needs, BOOTH)

    assert line == "Arabic · channel 1 Kurdish · channel 2 English"


def test_consecutive_and_whispered_targets_show_their_mode(english):
    needs = [_need("ckb", CONSECUTIVE), _need("en", WHISPERED)]

    assert session_languages(_activity("ar"), needs, BOOTH) == [
        "Arabic",
        "Kurdish (consecutive)",
        "English (whispered)",
    ]


def test_simultaneous_without_a_booth_shows_the_mode_not_a_channel(english):
    needs = [_need("en", channel=1)]

    assert languages_line(_activity("ar"), needs, NO_BOOTH) == "Arabic · English (simultaneous)"
    assert languages_line(_activity("ar"), needs, None) == "Arabic · English (simultaneous)"


def test_channels_come_before_other_targets_whatever_the_order_of_the_needs(english):
    needs = [_need("en", CONSECUTIVE), _need("ckb", channel=1)]

    assert languages_line(_activity("ar"), needs, BOOTH) == (
        "Arabic · channel 1 Kurdish · English (consecutive)"
    )


def test_a_target_reached_from_two_languages_is_shown_once_with_its_channel(english):
    needs = [_need("en", CONSECUTIVE, source="ckb"), _need("en", channel=1, source="ar")]

    assert languages_line(_activity("ar", "ckb"), needs, BOOTH) == (
        "Arabic · Kurdish · channel 1 English"
    )


def test_a_spoken_target_is_left_out_unless_it_has_a_channel(english):
    bilingual = _activity("ar", "ckb")

    consecutive = [_need("ckb", CONSECUTIVE), _need("ar", CONSECUTIVE, source="ckb")]
    assert languages_line(bilingual, consecutive, BOOTH) == "Arabic · Kurdish"
    booth = [_need("ckb", channel=1), _need("ar", channel=2, source="ckb")]
    assert languages_line(bilingual, booth, BOOTH) == (
        "Arabic · Kurdish · channel 1 Kurdish · channel 2 Arabic"
    )


def test_spoken_languages_alone_without_needs_and_another_sessions_needs_ignored(english):
    others = [_need("en", channel=1, activity_id=8)]

    assert languages_line(_activity("ar", "ar", "other"), others, BOOTH) == (
        "Arabic · another language"
    )
    assert session_languages(_activity(), [], BOOTH) == []


def test_an_unknown_language_code_is_shown_as_it_is(english):
    assert languages_line(_activity("de"), [_need("fr", CONSECUTIVE)], BOOTH) == (
        "de · French (consecutive)"
    )


@pytest.mark.parametrize("language", ["ar", "ckb"])
def test_the_line_keeps_western_digits_and_its_separators_in_every_language(ctx, language):
    needs = [_need("en", channel=1)]
    with force_locale("en"):
        english = languages_line(_activity("ar"), needs, BOOTH)
    with force_locale(language):
        translated = languages_line(_activity("ar"), needs, BOOTH)

    assert "1" in translated  # Western digits in every language
    assert translated.count(" · ") == english.count(" · ") == 1
