"""The organizations' side of proposals: their activities, the proposal form, an
activity's page, and withdrawing it.

The matrix forum has no proposal window: the new and edit pages say why, 200, no
form. The matrix activity's pages are its organization's members' alone (404 for
everyone else, organizers and reviewers included: they have the staff screens).
"""

from tests.access.expected import members, signed_in

# endpoint -> (method, expected answer per role); GET+POST rules list the GET.
EXPECTED = {
    "proposals.mine": ("GET", signed_in(200)),
    "proposals.new": ("GET", members(200)),
    "proposals.view": ("GET", members(200)),
    "proposals.edit": ("GET", members(200)),
    "proposals.withdraw": ("GET", members(200)),
}
