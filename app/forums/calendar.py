"""A forum's days and time slots.

Days follow the forum's dates. Each day's slots come from a pattern and stay
editable per day; slots of one day never overlap (half-open: back-to-back is
fine). A day or slot that a session or shift uses cannot be removed: features
that place things in slots register a usage reader here.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta

from app.core.intervals import Interval, overlapping_pairs
from app.extensions import db
from app.forums.models import Day, Forum, SlotKind, TimeSlot


@dataclass(frozen=True)
class SlotSpec:
    """One line of a slot pattern: 09:00–10:30, or a named break."""

    starts_at: time
    ends_at: time
    kind: SlotKind = SlotKind.SESSION
    label_ar: str | None = None
    label_ckb: str | None = None
    label_en: str | None = None


DEFAULT_PATTERN = (
    SlotSpec(time(9, 0), time(10, 30)),
    SlotSpec(time(11, 0), time(12, 30)),
    SlotSpec(
        time(12, 30),
        time(14, 0),
        SlotKind.BREAK,
        "استراحة الغداء والصلاة",
        "پشووی نانی نیوەڕۆ و نوێژ",
        "Lunch and prayer break",
    ),
    SlotSpec(time(14, 0), time(15, 30)),
    SlotSpec(time(16, 0), time(17, 30)),
)

# usage readers: slot ids -> descriptions of what uses them ("session 12", "shift 4")
SlotUsage = Callable[[list[int]], dict[int, list[str]]]
_usage_readers: dict[str, SlotUsage] = {}


def register_slot_usage(name: str, reader: SlotUsage) -> None:
    _usage_readers[name] = reader


def slot_usage(slot_ids: list[int]) -> dict[int, list[str]]:
    used: dict[int, list[str]] = {}
    for reader in _usage_readers.values():
        for slot_id, uses in reader(slot_ids).items():
            used.setdefault(slot_id, []).extend(uses)
    return used


class CalendarError(Exception):
    """A calendar change refused; ``in_use`` names what holds the slots or days."""

    def __init__(self, message: str, in_use: dict[int, list[str]] | None = None):
        super().__init__(message)
        self.in_use = in_use or {}


def forum_dates(forum: Forum) -> list[date]:
    if forum.start_date is None or forum.end_date is None:
        return []
    length = (forum.end_date - forum.start_date).days + 1
    return [forum.start_date + timedelta(days=offset) for offset in range(length)]


def sync_days(forum: Forum) -> None:
    """Make the days match the forum's dates; a day in use outside them is an error."""
    wanted = set(forum_dates(forum))
    existing = {day.date: day for day in forum.days}
    leaving = [day for when, day in existing.items() if when not in wanted]
    in_use = slot_usage([slot.id for day in leaving for slot in day.slots if slot.id])
    if in_use:
        raise CalendarError("a day outside the new dates is in use", in_use)
    for day in leaving:
        forum.days.remove(day)
    for when in sorted(wanted - set(existing)):
        forum.days.append(Day(date=when))
    db.session.flush()


def _check_no_overlap(times: Iterable[tuple[time, time]]) -> None:
    clashes = overlapping_pairs(Interval(start, end) for start, end in times)
    if clashes:
        first, second = clashes[0]
        raise CalendarError(f"{_span(first)} overlaps {_span(second)}")


def _span(interval: Interval) -> str:
    return f"{interval.start:%H:%M}-{interval.end:%H:%M}"


def _times(slots) -> list[tuple[time, time]]:
    return [(slot.starts_at, slot.ends_at) for slot in slots]


def apply_pattern(
    forum: Forum, pattern: Iterable[SlotSpec], days: Iterable[Day] | None = None
) -> None:
    """Give every day (or the given ones) the pattern's slots, replacing unused ones.

    Slots in use stay; a pattern slot that would overlap one of them is refused.
    """
    pattern = list(pattern)
    _check_no_overlap(_times(pattern))
    for day in list(days if days is not None else forum.days):
        in_use = slot_usage([slot.id for slot in day.slots if slot.id])
        kept = set(_times(slot for slot in day.slots if slot.id in in_use))
        new = [spec for spec in pattern if (spec.starts_at, spec.ends_at) not in kept]
        _check_no_overlap([*kept, *_times(new)])
        for slot in [slot for slot in day.slots if slot.id not in in_use]:
            day.slots.remove(slot)
        db.session.flush()
        day.slots.extend(TimeSlot(**spec.__dict__) for spec in new)
    db.session.flush()


def add_slot(day: Day, spec: SlotSpec) -> TimeSlot:
    """One more slot on one day, if it overlaps none of that day's slots."""
    _check_no_overlap(
        [(s.starts_at, s.ends_at) for s in day.slots] + [(spec.starts_at, spec.ends_at)]
    )
    slot = TimeSlot(**spec.__dict__)
    day.slots.append(slot)
    db.session.flush()
    return slot


def remove_slot(slot: TimeSlot) -> None:
    in_use = slot_usage([slot.id])
    if in_use:
        raise CalendarError("this slot is in use", in_use)
    slot.day.slots.remove(slot)
    db.session.flush()


def pattern_of(day: Day) -> list[SlotSpec]:
    """A day's slots as a pattern, to copy onto other days or forums."""
    return [
        SlotSpec(s.starts_at, s.ends_at, s.kind, s.label_ar, s.label_ckb, s.label_en)
        for s in day.slots
    ]
