"""The public programme: anyone may read it (the matrix forum has an empty version 1)."""

from tests.access.expected import EVERYONE

EXPECTED = {
    "programme.index": ("GET", EVERYONE),
}
