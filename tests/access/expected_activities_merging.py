"""Merging: organizers see suggestions and propose; the organizations asked answer.

The matrix POSTs are incomplete: nothing changes, and each is sent back to its list.
"""

from tests.access.expected import LOGIN, SIGNED_IN_ROLES, in_forum, members, organizers

EXPECTED = {
    "merges_staff.index": ("GET", organizers(200)),
    "merges_staff.propose": ("POST", organizers(in_forum("/staff/merges/"))),
    "merges_staff.cancel": ("GET", organizers(200)),
    "merges.consent": ("GET", members(200)),
    "merges.answer": (
        "POST",
        {
            "visitor": LOGIN,
            **dict.fromkeys(SIGNED_IN_ROLES, 404),
            "member": in_forum("/activities/mine"),
        },
    ),
}
