"""A forum's organizers manage its staff."""

from tests.access.expected import organizers

EXPECTED = {
    "forum_staff.team": ("GET", organizers(200)),
    # The matrix forum's reviewer role: the confirmation page.
    "forum_staff.revoke_role": ("GET", organizers(200)),
}
