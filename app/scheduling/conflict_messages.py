"""A conflict of the scheduling rules in words, in the reader's language.

Names come in already translated and are put in as plain text: the template
escapes them. Presenters and interpreters are never named, only their sessions.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from flask_babel import gettext, ngettext, pgettext

from app.scheduling.conflicts import Conflict, Rule


@dataclass(frozen=True)
class Names:
    activities: Mapping[int, str]  # titles, already in the reader's language
    rooms: Mapping[int, str]
    slots: Mapping[int, str]  # e.g. "Thursday 30 November, 09:00–10:30"
    organizations: Mapping[int, str]
    # Days by id (e.g. "Thursday 30 November"), for IMPOSSIBLE_DAY; without them
    # the message names the slot instead.
    days: Mapping[int, str] = field(default_factory=dict)


def describe(conflict: Conflict, names: Names) -> str:
    """One sentence saying which rule the sessions break."""
    return _DESCRIBERS[conflict.rule](conflict, names)


def _name(names: Mapping[int, str], id_: int | None) -> str:
    if id_ is not None and id_ in names:
        return names[id_]
    # Translators: stands for a room, session, slot or organization whose name is unknown.
    return pgettext("unknown name", "#%(id)s", id=id_ if id_ is not None else "?")


def _activity(conflict: Conflict, names: Names) -> str:
    return _name(names.activities, conflict.activity_ids[0])


def _pair(conflict: Conflict, names: Names) -> dict[str, str]:
    first, second = conflict.activity_ids[:2]
    return {
        "first": _name(names.activities, first),
        "second": _name(names.activities, second),
    }


def _double_booked(conflict: Conflict, names: Names) -> str:
    return gettext(
        "“%(first)s” and “%(second)s” are both in %(room)s at %(slot)s.",
        room=_name(names.rooms, conflict.room_id),
        slot=_name(names.slots, conflict.slot_id),
        **_pair(conflict, names),
    )


def _bad_spot(conflict: Conflict, names: Names) -> str:
    length = conflict.numbers[0] if conflict.numbers else 1
    return ngettext(
        "“%(activity)s” is not placed in one session slot of a room.",
        "“%(activity)s” is not placed in %(num)d consecutive session slots of one day in one room.",
        length,
        activity=_activity(conflict, names),
    )


def _capacity(conflict: Conflict, names: Names) -> str:
    capacity, attendance = conflict.numbers
    return ngettext(
        "%(room)s seats %(capacity)d, but “%(activity)s” expects %(num)d person.",
        "%(room)s seats %(capacity)d, but “%(activity)s” expects %(num)d people.",
        attendance,
        room=_name(names.rooms, conflict.room_id),
        capacity=capacity,
        activity=_activity(conflict, names),
    )


def _no_booth(conflict: Conflict, names: Names) -> str:
    # Translators: the booth is the interpreters' booth for simultaneous interpretation.
    return gettext(
        "“%(activity)s” needs simultaneous interpretation, but %(room)s has no booth.",
        activity=_activity(conflict, names),
        room=_name(names.rooms, conflict.room_id),
    )


def _too_few_channels(conflict: Conflict, names: Names) -> str:
    channels, languages = conflict.numbers
    # Translators: channels of the interpreters' booth, one per target language.
    return ngettext(
        "“%(activity)s” needs interpretation into %(num)d language, more than the "
        "channels of the booth in %(room)s (%(channels)d).",
        "“%(activity)s” needs interpretation into %(num)d languages, more than the "
        "channels of the booth in %(room)s (%(channels)d).",
        languages,
        activity=_activity(conflict, names),
        room=_name(names.rooms, conflict.room_id),
        channels=channels,
    )


def _organization_clash(conflict: Conflict, names: Names) -> str:
    return gettext(
        "%(organization)s is in “%(first)s” and “%(second)s” at the same time (%(slot)s).",
        organization=_name(names.organizations, conflict.organization_id),
        slot=_name(names.slots, conflict.slot_id),
        **_pair(conflict, names),
    )


def _presenter_clash(conflict: Conflict, names: Names) -> str:
    return gettext(
        "A presenter of “%(first)s” also presents “%(second)s” at the same time (%(slot)s).",
        slot=_name(names.slots, conflict.slot_id),
        **_pair(conflict, names),
    )


def _impossible_day(conflict: Conflict, names: Names) -> str:
    day_id = conflict.numbers[0] if conflict.numbers else None
    if day_id in names.days:
        return gettext(
            "“%(activity)s” cannot take place on %(day)s.",
            activity=_activity(conflict, names),
            day=names.days[day_id],
        )
    return gettext(
        "“%(activity)s” cannot take place on the day of %(slot)s.",
        activity=_activity(conflict, names),
        slot=_name(names.slots, conflict.slot_id),
    )


def _room_closed(conflict: Conflict, names: Names) -> str:
    return gettext(
        "%(room)s is closed during “%(activity)s”.",
        room=_name(names.rooms, conflict.room_id),
        activity=_activity(conflict, names),
    )


def _sequence(conflict: Conflict, names: Names) -> str:
    # The numbers hold the two sessions in the sequence's order.
    first, second = conflict.numbers or conflict.activity_ids
    # Translators: a sequence is a merge of activities held one after the other.
    return gettext(
        "“%(first)s” and “%(second)s” form a sequence and must follow each other in one room.",
        first=_name(names.activities, first),
        second=_name(names.activities, second),
    )


def _interpreter_clash(conflict: Conflict, names: Names) -> str:
    return gettext(
        "An interpreter of “%(first)s” is also assigned to “%(second)s” at the same time "
        "(%(slot)s).",
        slot=_name(names.slots, conflict.slot_id),
        **_pair(conflict, names),
    )


_DESCRIBERS: dict[Rule, Callable[[Conflict, Names], str]] = {
    Rule.DOUBLE_BOOKED: _double_booked,
    Rule.BAD_SPOT: _bad_spot,
    Rule.CAPACITY: _capacity,
    Rule.NO_BOOTH: _no_booth,
    Rule.TOO_FEW_CHANNELS: _too_few_channels,
    Rule.ORGANIZATION_CLASH: _organization_clash,
    Rule.PRESENTER_CLASH: _presenter_clash,
    Rule.IMPOSSIBLE_DAY: _impossible_day,
    Rule.ROOM_CLOSED: _room_closed,
    Rule.SEQUENCE: _sequence,
    Rule.INTERPRETER_CLASH: _interpreter_clash,
}
