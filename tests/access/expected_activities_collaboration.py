"""Co-organizer invitations and the message thread of an activity.

The matrix activity is led by the matrix organization; its co-organizer invitation
goes to another organization, so no matrix role may see or answer it.
"""

from tests.access.expected import LOGIN, SIGNED_IN_ROLES, members, signed_in

EXPECTED = {
    "co_organizers.manage": ("GET", members(200)),
    "co_organizers.invitation": ("GET", signed_in(404)),
    "co_organizers.answer": ("POST", signed_in(404)),
    # The forum's organizers and the members of the organizations involved.
    "thread.view": (
        "POST",
        {"visitor": LOGIN, **dict.fromkeys(SIGNED_IN_ROLES, 404), "member": 200, "organizer": 200},
    ),
}
