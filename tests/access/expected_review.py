"""Organizers review the forum's registrations; everyone reads its directory.

The matrix POSTs name no decision (nor confirm the promotion): nothing changes and the
organizer is sent back to the queue.
"""

from tests.access.expected import EVERYONE, in_forum, organizers

QUEUE = in_forum("/staff/registrations/")

EXPECTED = {
    "registrations_staff.queue": ("GET", organizers(200)),
    "registrations_staff.detail": ("GET", organizers(200)),
    "registrations_staff.decide": ("POST", organizers(QUEUE)),
    "registrations_staff.promote": ("POST", organizers(QUEUE)),
    "directory.index": ("GET", EVERYONE),
}
