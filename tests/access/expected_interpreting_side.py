"""The interpreters' own pages (``/<forum>/interpreting/…``) and the coordinators'
team pages (``/<forum>/staff/interpreting/``, ``…/team/…``, ``…/rules``).

No matrix role is in the matrix forum's interpretation team. The forum is open
and sets no volunteering window, so the team takes interpreters: the join page
is a form (200); every other interpreter page sends a signed-in non-interpreter
to it. The matrix assignment belongs to another account's interpreter: giving it
back is 404 for everyone (no one reaches another interpreter's sessions). The
calendar feed is public (calendar apps cannot log in): a token that is not an
interpreter's current one is 404.

The team pages are for the forum's organizers and interpretation coordinators
(MANAGE_INTERPRETING); reviewers, organizers of another forum and site
administrators are refused. The matrix interpreter is approved already:
approving again changes nothing and goes back to the list; turning down asks
first (200).
"""

from tests.access.expected import EVERYONE, in_forum, organizers, signed_in

JOIN = in_forum("/interpreting/")
TEAM = in_forum("/staff/interpreting/")

# endpoint -> (method, expected answer per role); GET+POST rules list the GET.
EXPECTED = {
    "interpreting.join": ("GET", signed_in(200)),
    "interpreting.withdraw": ("POST", signed_in(JOIN)),
    "interpreting.assignments": ("GET", signed_in(JOIN)),
    "interpreting.cannot_make_it": ("POST", signed_in(404)),
    "interpreting.download": ("GET", signed_in(JOIN)),
    "interpreting.revoke_feed": ("POST", signed_in(JOIN)),
    "interpreting.feed": ("GET", dict.fromkeys(EVERYONE, 404)),
    "interpreting_staff.index": ("GET", organizers(200)),
    "interpreting_staff.interpreter": ("GET", organizers(200)),
    "interpreting_staff.approve": ("POST", organizers(TEAM)),
    "interpreting_staff.reject": ("GET", organizers(200)),
    "interpreting_staff.policy": ("GET", organizers(200)),
}
