"""The interpretation each placed session of the draft schedule needs, derived.

For a placed session: the source languages are the ones spoken in it; the target
languages are those the activity asked interpretation into, and those its
audience asks for — ``Delegate.interpretation_into`` of the approved registrations
of its organizations (lead and accepted co-organizers) — less the spoken ones.
(A delegate's other languages are not counted: speaking a language is not asking
for interpretation into it.) One need per target language:

- the source is a spoken language, the one most approved interpreters cover
  directly into the target (the first spoken one on a tie or when none does);
- when nobody covers any spoken language into the target and the forum allows
  relay, the need goes through a third language X with source → X and
  X → target both covered (``relay``); its team then works on two legs;
- the mode is the one the activity asked for, consecutive when it asked for none
  (the conflict engine already flags simultaneous sessions in rooms without a booth);
- simultaneous sessions longer than ``booth_team_after_minutes`` (the full span of
  a session of several slots) need a booth team of two, other needs one;
- a simultaneous session in a room with a booth has channels 1..n, one per target
  language (the ones the activity asked for first, then the audience's, by code).

Deriving again refreshes: a need the coordinator edited is kept as it is (and no
other need is derived for its target); a derived need is updated in place, its
assignments kept while the interpreter still has the direction; needs no longer
derived are deleted, and the needs of sessions no longer placed too (with their
assignments).
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.activities.models import Activity, InterpretationMode
from app.extensions import db
from app.forums.models import Forum
from app.interpreting.assigning_rules import Direction, Sitting, legs_of, sittings_of
from app.interpreting.models import (
    InterpretationNeed,
    Interpreter,
    InterpreterDirection,
    InterpreterStatus,
    InterpretingPolicy,
)
from app.interpreting.policy import policy_of
from app.organizations.models import Delegate, Registration, RegistrationStatus
from app.scheduling.loading import accepted_activities, load_snapshot
from app.scheduling.snapshot import Room


@dataclass(frozen=True)
class DerivedNeed:
    activity_id: int
    source: str
    target: str
    relay: str | None
    mode: InterpretationMode
    team_size: int
    channel: int | None


def coverage_of(forum: Forum) -> Counter[Direction]:
    """How many approved interpreters of the forum work in each direction."""
    rows = db.session.execute(
        sa.select(InterpreterDirection.source, InterpreterDirection.target)
        .join(Interpreter, Interpreter.id == InterpreterDirection.interpreter_id)
        .where(Interpreter.forum_id == forum.id, Interpreter.status == InterpreterStatus.APPROVED)
    )
    return Counter((source, target) for source, target in rows)


def audience_languages(forum: Forum) -> dict[int, set[str]]:
    """By organization: the languages its approved delegates ask interpretation into."""
    rows = db.session.execute(
        sa.select(Registration.organization_id, Delegate.interpretation_into)
        .join(Delegate, Delegate.registration_id == Registration.id)
        .where(
            Registration.forum_id == forum.id,
            Registration.status == RegistrationStatus.APPROVED,
            Registration.organization_id.is_not(None),
        )
    )
    languages: dict[int, set[str]] = {}
    for organization_id, into in rows:
        languages.setdefault(organization_id, set()).update(into or ())
    return languages


def organizations_of(activity: Activity) -> set[int]:
    return {activity.lead_organization_id} | {
        c.organization_id for c in activity.co_organizers if c.accepted
    }


def target_languages(activity: Activity, audience: Iterable[str]) -> list[str]:
    """Asked-for languages first (in their order), then the audience's, by code."""
    spoken = set(activity.spoken_languages or ())
    asked = [code for code in dict.fromkeys(activity.interpretation_into or ())]
    extra = sorted(set(audience) - set(asked))
    return [code for code in [*asked, *extra] if code not in spoken]


def choose_source(
    spoken: list[str], target: str, coverage: Counter[Direction], allow_relay: bool
) -> tuple[str, str | None]:
    """The spoken language to interpret from into ``target``, and the relay language
    when nobody covers it directly."""
    sources = [code for code in dict.fromkeys(spoken) if code != target]
    direct = max(sources, key=lambda s: coverage[s, target])
    if coverage[direct, target] or not allow_relay:
        return direct, None
    best: tuple[int, str, str] | None = None
    for source in sources:
        for (first, via), count in sorted(coverage.items()):
            if first != source or via in (source, target) or not count:
                continue
            strength = min(count, coverage[via, target])
            if strength and (best is None or strength > best[0]):
                best = (strength, source, via)
    if best is None:
        return direct, None
    return best[1], best[2]


def plan_needs(
    activity: Activity,
    sitting: Sitting,
    room: Room | None,
    audience: Iterable[str],
    coverage: Counter[Direction],
    policy: InterpretingPolicy,
) -> list[DerivedNeed]:
    """The needs of one placed session (see the module's docstring)."""
    spoken = list(activity.spoken_languages or ())
    targets = target_languages(activity, audience)
    if not spoken or not targets:
        return []
    mode = InterpretationMode(activity.interpretation_mode or InterpretationMode.CONSECUTIVE)
    simultaneous = mode == InterpretationMode.SIMULTANEOUS
    team_size = 2 if simultaneous and sitting.minutes > policy.booth_team_after_minutes else 1
    in_booth = simultaneous and room is not None and room.has_booth
    planned = []
    for number, target in enumerate(targets, start=1):
        source, relay = choose_source(spoken, target, coverage, policy.allow_relay)
        planned.append(
            DerivedNeed(
                activity_id=activity.id,
                source=source,
                target=target,
                relay=relay,
                mode=mode,
                team_size=team_size,
                channel=number if in_booth else None,
            )
        )
    return planned


def _placed_activities(forum: Forum, placed: set[int]) -> list[Activity]:
    return [a for a in accepted_activities(forum) if a.id in placed]


def derive_needs(forum: Forum) -> list[InterpretationNeed]:
    """Derive (or refresh) the needs of every placed session; returns all the
    forum's needs, by session and channel."""
    snapshot = load_snapshot(forum)
    sittings = {a: s for a, s in sittings_of(snapshot).items() if a in snapshot.activities}
    policy = policy_of(forum)
    coverage = coverage_of(forum)
    audience = audience_languages(forum)
    planned: dict[tuple[int, str], DerivedNeed] = {}
    for activity in _placed_activities(forum, set(sittings)):
        sitting = sittings[activity.id]
        heard = set().union(*(audience.get(o, set()) for o in organizations_of(activity)))
        room = snapshot.rooms.get(sitting.room_id)
        for need in plan_needs(activity, sitting, room, heard, coverage, policy):
            planned[need.activity_id, need.target] = need
    existing = list(
        db.session.scalars(
            sa.select(InterpretationNeed)
            .where(InterpretationNeed.forum_id == forum.id)
            .options(selectinload(InterpretationNeed.assignments))
            .order_by(InterpretationNeed.edited.desc(), InterpretationNeed.id)
        )
    )
    kept: dict[tuple[int, str], InterpretationNeed] = {}
    for need in existing:
        key = (need.activity_id, need.target)
        if need.activity_id not in sittings or key in kept or not (need.edited or key in planned):
            db.session.delete(need)
        else:
            kept[key] = need
    db.session.flush()
    for key, plan in planned.items():
        need = kept.get(key)
        if need is None:
            need = InterpretationNeed(forum_id=forum.id, activity_id=plan.activity_id)
            db.session.add(need)
            kept[key] = need
        elif need.edited:
            continue
        _update(need, plan)
    db.session.flush()
    return sorted(kept.values(), key=lambda n: (n.activity_id, n.channel or 0, n.target))


def _update(need: InterpretationNeed, plan: DerivedNeed) -> None:
    changed_legs = (need.source, need.target, need.relay) != (plan.source, plan.target, plan.relay)
    need.source, need.target, need.relay = plan.source, plan.target, plan.relay
    need.mode, need.team_size, need.channel = plan.mode, plan.team_size, plan.channel
    if changed_legs and need.id is not None:
        legs = set(legs_of(plan.source, plan.target, plan.relay))
        for assignment in list(need.assignments):
            directions = {(d.source, d.target) for d in assignment.interpreter.directions}
            if not legs & directions:
                need.assignments.remove(assignment)
