"""The volunteers' own pages (``/<forum>/volunteer/…``).

No matrix role volunteers for the matrix forum, whose volunteering window is not
planned: the sign-up page says so (200); every other page sends a signed-in
non-volunteer to it. The matrix sign-up belongs to another account's volunteer:
dropping it is 404 for everyone (no one reaches another volunteer's shifts). The
calendar feed is public (calendar apps cannot log in): a token that is not a
volunteer's current one is 404.
"""

from tests.access.expected import EVERYONE, in_forum, members, signed_in

SIGN_UP = in_forum("/volunteer/")

# endpoint -> (method, expected answer per role); GET+POST rules list the GET.
EXPECTED = {
    "volunteering.sign_up": ("GET", signed_in(200)),
    "volunteering.withdraw": ("POST", signed_in(SIGN_UP)),
    "volunteering.shifts": ("GET", signed_in(SIGN_UP)),
    "volunteering.take": ("POST", signed_in(SIGN_UP)),
    "volunteering.my_shifts": ("GET", signed_in(SIGN_UP)),
    "volunteering.drop": ("POST", members(404, others=404)),
    "volunteering.download": ("GET", signed_in(SIGN_UP)),
    "volunteering.revoke_feed": ("POST", signed_in(SIGN_UP)),
    "volunteering.feed": ("GET", dict.fromkeys(EVERYONE, 404)),
}
