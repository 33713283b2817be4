"""The languages line of a session on the public programme.

What the audience reads first: the languages spoken, then each language the
session is interpreted into — with its channel when the interpretation is
simultaneous in a room with a booth ("Arabic · channel 1 Kurdish · channel 2
English"), otherwise with the mode ("Kurdish (consecutive)"). Language names are
in the reader's language.
"""

from collections.abc import Iterable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.activities.models import Activity, InterpretationMode
from app.forums.models import Room
from app.interpreting.models import InterpretationNeed

# Between the parts of the line, the same in every language.
SEPARATOR = " · "

LANGUAGE_NAMES = {
    "ar": _l("Arabic"),
    # Translators: Central Kurdish (Sorani), the Kurdish of the site.
    "ckb": _l("Kurdish"),
    "en": _l("English"),
    "kmr": _l("Kurmanji (Badini)"),
    "tr": _l("Turkmen"),
    "syr": _l("Syriac"),
    "fr": _l("French"),
    # Translators: a language spoken in a session that is not in the list.
    "other": _l("another language"),
}

# When several needs interpret into one language, the one shown is the first here.
_MODE_ORDER = (
    InterpretationMode.SIMULTANEOUS,
    InterpretationMode.CONSECUTIVE,
    InterpretationMode.WHISPERED,
)


def language_name(code: str) -> str:
    """A language's name in the reader's language (an unknown code as it is)."""
    name = LANGUAGE_NAMES.get(code)
    return str(name) if name is not None else code


def _mode_text(mode: InterpretationMode, language: str) -> str:
    if mode is InterpretationMode.CONSECUTIVE:
        return _("%(language)s (consecutive)", language=language)
    if mode is InterpretationMode.WHISPERED:
        return _("%(language)s (whispered)", language=language)
    return _("%(language)s (simultaneous)", language=language)


def _channel_of(need: InterpretationNeed, room: Room | None) -> int | None:
    if need.mode != InterpretationMode.SIMULTANEOUS or need.channel is None:
        return None
    if room is None or not room.has_booth:
        return None
    return need.channel


def _best_need(needs: list[InterpretationNeed], room: Room | None) -> InterpretationNeed:
    """The need shown for one target: one with a channel (the lowest), else by mode."""
    return min(
        needs,
        key=lambda need: (
            _channel_of(need, room) is None,
            _channel_of(need, room) or 0,
            _MODE_ORDER.index(InterpretationMode(need.mode)),
        ),
    )


def session_languages(
    activity: Activity, needs: Iterable[InterpretationNeed], room: Room | None
) -> list[str]:
    """The parts of the languages line: the spoken languages in the activity's
    order, then one part per interpretation target — channels first, in channel
    order, then the others in the order the needs came. A target that is already
    spoken is left out unless it has a channel (the room hears it anyway)."""
    spoken = list(dict.fromkeys(activity.spoken_languages or ()))
    by_target: dict[str, list[InterpretationNeed]] = {}
    for need in needs:
        if need.activity_id == activity.id:
            by_target.setdefault(need.target, []).append(need)
    interpreted = []
    for position, (target, target_needs) in enumerate(by_target.items()):
        need = _best_need(target_needs, room)
        channel = _channel_of(need, room)
        if channel is None and target in spoken:
            continue
        interpreted.append((channel is None, channel or 0, position, target, need, channel))
    parts = [language_name(code) for code in spoken]
    for *_order, target, need, channel in sorted(interpreted):
        name = language_name(target)
        if channel is not None:
            # Translators: an interpretation channel of a booth ("channel 2 English").
            parts.append(_("channel %(channel)s %(language)s", channel=channel, language=name))
        else:
            parts.append(_mode_text(InterpretationMode(need.mode), name))
    return parts


def languages_line(
    activity: Activity, needs: Iterable[InterpretationNeed], room: Room | None
) -> str:
    """The languages line as one text: the parts of ``session_languages`` joined."""
    return SEPARATOR.join(session_languages(activity, needs, room))
