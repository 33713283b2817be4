"""Sequence merges as chains the auto-scheduler places whole: each member starts, in
the same room, in the slot right after the one before it ends."""

from itertools import pairwise

from app.scheduling.snapshot import Snapshot


def chains_of(snapshot: Snapshot) -> tuple[list[list[int]], set[int]]:
    """The snapshot's sequences joined into chains (a member closing one sequence
    and opening another links them), and the activities of tangles that no chain
    can satisfy (a member with two successors, a loop). Members the snapshot does
    not know, placed or not, break nothing and are left out."""
    known = {*snapshot.activities, *snapshot.placements}
    following: dict[int, set[int]] = {}
    preceding: dict[int, set[int]] = {}
    for sequence in snapshot.sequences:
        for first, second in pairwise(sequence):
            if first == second or first not in known or second not in known:
                continue
            following.setdefault(first, set()).add(second)
            preceding.setdefault(second, set()).add(first)
    chains, broken = [], set()
    for group in _components(following):
        heads = [a for a in group if a not in preceding]
        tangled = any(len(following.get(a, ())) > 1 or len(preceding.get(a, ())) > 1 for a in group)
        if tangled or len(heads) != 1:
            broken.update(group)
            continue
        chain = [heads[0]]
        while chain[-1] in following:
            chain.append(next(iter(following[chain[-1]])))
        if len(chain) != len(group):
            broken.update(group)
        else:
            chains.append(chain)
    return chains, broken


def _components(following: dict[int, set[int]]) -> list[set[int]]:
    neighbours: dict[int, set[int]] = {}
    for first, seconds in following.items():
        for second in seconds:
            neighbours.setdefault(first, set()).add(second)
            neighbours.setdefault(second, set()).add(first)
    seen, groups = set(), []
    for node in sorted(neighbours):
        if node in seen:
            continue
        group, todo = set(), [node]
        while todo:
            here = todo.pop()
            if here not in group:
                group.add(here)
                todo.extend(neighbours[here] - group)
        seen |= group
        groups.append(group)
    return groups
