"""A forum's days and time slots.

Days follow the forum's dates. Each day's slots come from a pattern and stay
editable per day; slots of one day never overlap (half-open: back-to-back is
fine). A day or slot that a session or shift uses cannot be removed, and a slot
in use keeps its times and kind: features that place things in slots register a
usage reader here.

Times are local times of the forum's time zone (``Forum.timezone``).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum

from app.core.intervals import Interval, overlapping_pairs
from app.core.usage import UsageRegistry
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

    @property
    def has_label(self) -> bool:
        return any((self.label_ar, self.label_ckb, self.label_en))


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

_slots_in_use = UsageRegistry()
# Sessions and shifts say which slots they use (see app.core.usage).
register_slot_usage, unregister_slot_usage = _slots_in_use.register, _slots_in_use.unregister
registered_slot_usage, slot_usage = _slots_in_use.registered, _slots_in_use.uses


class CalendarProblem(StrEnum):
    ENDS_BEFORE_START = "ends_before_start"  # times: the slot
    BREAK_WITHOUT_LABEL = "break_without_label"  # times: the break
    OVERLAP = "overlap"  # times: the slot; other: the one it overlaps
    KEPT_SLOT_OVERLAPS = "kept_slot_overlaps"  # uses: the kept slot; other: the new one
    IN_USE = "in_use"  # uses: the slot that cannot be removed
    TIMES_IN_USE = "times_in_use"  # uses: the slot whose times cannot change
    KIND_IN_USE = "kind_in_use"  # uses: the slot whose kind cannot change
    DAY_IN_USE = "day_in_use"  # uses: the slots of days that cannot leave the dates


@dataclass(frozen=True)
class SlotUse:
    """A slot in use: when it is and what uses it (the readers' descriptions)."""

    slot_id: int
    day: date
    times: Interval
    uses: tuple[str, ...]


class CalendarError(Exception):
    """A calendar change refused, with what a message needs to say why.

    ``times`` is the slot the change is about, ``other`` the slot it clashes with,
    ``day`` the day concerned and ``uses`` the slots in use that stand in the way.
    ``app.forums.calendar_messages`` turns it into a sentence in the reader's language.
    """

    def __init__(
        self,
        problem: CalendarProblem,
        *,
        times: Interval | None = None,
        other: Interval | None = None,
        day: date | None = None,
        uses: Sequence[SlotUse] = (),
    ):
        super().__init__(problem.value)
        self.problem = problem
        self.times = times
        self.other = other
        self.day = day
        self.uses = tuple(uses)

    @property
    def in_use(self) -> dict[int, list[str]]:
        return {use.slot_id: list(use.uses) for use in self.uses}


def _slot_uses(slots: Iterable[TimeSlot]) -> list[SlotUse]:
    slots = [slot for slot in slots if slot.id]
    used = slot_usage([slot.id for slot in slots])
    return [
        SlotUse(
            slot.id, slot.day.date, Interval(slot.starts_at, slot.ends_at), tuple(used[slot.id])
        )
        for slot in slots
        if slot.id in used
    ]


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
    uses = _slot_uses(slot for day in leaving for slot in day.slots)
    if uses:
        raise CalendarError(CalendarProblem.DAY_IN_USE, day=uses[0].day, uses=uses)
    for day in leaving:
        forum.days.remove(day)
    for when in sorted(wanted - set(existing)):
        forum.days.append(Day(date=when))
    db.session.flush()


def _check_spec(spec: SlotSpec) -> Interval:
    """A slot ends after it starts, and a break says what it is for."""
    if not spec.starts_at < spec.ends_at:
        raise CalendarError(CalendarProblem.ENDS_BEFORE_START)
    times = Interval(spec.starts_at, spec.ends_at)
    if spec.kind == SlotKind.BREAK and not spec.has_label:
        raise CalendarError(CalendarProblem.BREAK_WITHOUT_LABEL, times=times)
    return times


def _check_fits(day: Day, times: Interval, other_slots: Iterable[TimeSlot]) -> None:
    for slot in other_slots:
        existing = Interval(slot.starts_at, slot.ends_at)
        if times.overlaps(existing):
            raise CalendarError(CalendarProblem.OVERLAP, times=times, other=existing, day=day.date)


def _check_no_overlap(specs: Sequence[SlotSpec]) -> None:
    for spec in specs:
        _check_spec(spec)
    clashes = overlapping_pairs(Interval(s.starts_at, s.ends_at) for s in specs)
    if clashes:
        first, second = clashes[0]
        raise CalendarError(CalendarProblem.OVERLAP, times=first, other=second)


def apply_pattern(
    forum: Forum, pattern: Iterable[SlotSpec], days: Iterable[Day] | None = None
) -> None:
    """Give every day (or the given ones) the pattern's slots, replacing unused ones.

    Slots in use stay as they are; a pattern slot that would overlap one of them
    is refused (KEPT_SLOT_OVERLAPS), and then no day changes.
    """
    pattern = list(pattern)
    _check_no_overlap(pattern)
    days = list(days if days is not None else forum.days)
    plans = []
    for day in days:
        uses = _slot_uses(day.slots)
        kept = {use.times: use for use in uses}
        new = [s for s in pattern if Interval(s.starts_at, s.ends_at) not in kept]
        for spec in new:
            times = Interval(spec.starts_at, spec.ends_at)
            for kept_times, use in kept.items():
                if times.overlaps(kept_times):
                    raise CalendarError(
                        CalendarProblem.KEPT_SLOT_OVERLAPS,
                        times=kept_times,
                        other=times,
                        day=day.date,
                        uses=[use],
                    )
        plans.append((day, {use.slot_id for use in uses}, new))
    for day, kept_ids, new in plans:
        for slot in [slot for slot in day.slots if slot.id not in kept_ids]:
            day.slots.remove(slot)
        db.session.flush()
        day.slots.extend(TimeSlot(**spec.__dict__) for spec in new)
    db.session.flush()


def copy_day_to_other_days(day: Day) -> None:
    """The other days of the forum get this day's slots (as ``apply_pattern`` does)."""
    others = [other for other in day.forum.days if other is not day]
    apply_pattern(day.forum, pattern_of(day), others)


def add_slot(day: Day, spec: SlotSpec) -> TimeSlot:
    """One more slot on one day, if it overlaps none of that day's slots."""
    times = _check_spec(spec)
    _check_fits(day, times, day.slots)
    slot = TimeSlot(**spec.__dict__)
    day.slots.append(slot)
    db.session.flush()
    return slot


def update_slot(slot: TimeSlot, spec: SlotSpec) -> None:
    """Change a slot's times, kind or labels.

    It still overlaps none of the day's other slots; a slot in use (a session or
    shift is placed in it) may change its labels only, not its times or kind.
    """
    times = _check_spec(spec)
    _check_fits(slot.day, times, (other for other in slot.day.slots if other is not slot))
    moves = (spec.starts_at, spec.ends_at) != (slot.starts_at, slot.ends_at)
    if moves or spec.kind != slot.kind:
        uses = _slot_uses([slot])
        if uses:
            problem = CalendarProblem.TIMES_IN_USE if moves else CalendarProblem.KIND_IN_USE
            raise CalendarError(problem, times=uses[0].times, day=slot.day.date, uses=uses)
    for name, value in spec.__dict__.items():
        setattr(slot, name, value)
    db.session.flush()
    # keep the day's slots in time order after a move
    slot.day.slots.sort(key=lambda s: s.starts_at)


def check_removable(slot: TimeSlot) -> None:
    """A slot that something uses cannot be removed (IN_USE, naming what)."""
    uses = _slot_uses([slot])
    if uses:
        raise CalendarError(
            CalendarProblem.IN_USE, times=uses[0].times, day=slot.day.date, uses=uses
        )


def remove_slot(slot: TimeSlot) -> None:
    """A slot goes, unless something uses it (see ``check_removable``)."""
    check_removable(slot)
    slot.day.slots.remove(slot)
    db.session.flush()


def pattern_of(day: Day) -> list[SlotSpec]:
    """A day's slots as a pattern, to copy onto other days or forums."""
    return [
        SlotSpec(s.starts_at, s.ends_at, s.kind, s.label_ar, s.label_ckb, s.label_en)
        for s in day.slots
    ]
