"""Registries of what uses an object, so that it is not removed while in use.

The forums feature owns slots, rooms and themes; the features that place things
in them (sessions, shifts, activities) come later and register a reader each.
A reader gets object ids and returns, for the objects in use only, short
descriptions of what uses them. They are shown to organizers as they are, inside
translated error messages, so a reader returns them already in the request's
language (``_()`` or ``lazy_gettext`` strings), short ("session: Save the
Tigris") and free of personal data; they are never parsed.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

# A usage reader: object ids in, {id: descriptions of what uses it} out.
Usage = Callable[[list[int]], dict[int, list[str]]]


class UsageRegistry:
    """The readers that say what uses one kind of object, by feature name."""

    def __init__(self) -> None:
        self._readers: dict[str, Usage] = {}

    def register(self, name: str, reader: Usage) -> None:
        self._readers[name] = reader

    def unregister(self, name: str) -> None:
        self._readers.pop(name, None)

    @contextmanager
    def registered(self, name: str, reader: Usage) -> Iterator[None]:
        """``reader`` registered for the duration of a ``with`` block (tests, scripts)."""
        self.register(name, reader)
        try:
            yield
        finally:
            self.unregister(name)

    def uses(self, ids: list[int]) -> dict[int, list[str]]:
        """What uses each of these objects, from every reader; unused ones are absent."""
        used: dict[int, list[str]] = {}
        for reader in self._readers.values() if ids else ():
            for object_id, uses in reader(ids).items():
                if uses:
                    used.setdefault(object_id, []).extend(uses)
        return used
