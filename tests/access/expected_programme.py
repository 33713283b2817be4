"""The public programme: anyone may read it (the matrix forum has an empty version 1,
so the matrix activity, placed on the draft only, is no session of it: its page is
404 for everyone and no one can star it). Stars in an account need one: visitors
keep theirs in the browser and are asked to log in to post one."""

from tests.access.expected import EVERYONE, signed_in

NOT_FOUND = dict.fromkeys(EVERYONE, 404)

EXPECTED = {
    "programme.index": ("GET", EVERYONE),
    "programme.session": ("GET", NOT_FOUND),
    "programme.mine": ("GET", EVERYONE),
    "programme.mine_ics": ("GET", EVERYONE),
    "programme.star": ("POST", signed_in(404)),
    "programme.unstar": ("POST", signed_in(404)),
}
