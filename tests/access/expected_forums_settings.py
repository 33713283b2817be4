"""The staff overview and a forum's settings, status and charter pages.

The matrix forum is open (2017-11-30..2017-12-02) with charter version 1; the
rules' sample arguments are ``status="closed"`` and ``version=1``. The status POST
carries no status, so nothing changes and it goes back to the staff overview.
"""

from tests.access.expected import in_forum, only, organizers

EXPECTED = {
    "forum_staff.overview": ("GET", only({"reviewer": 200, "organizer": 200})),
    "forum_staff.settings": ("GET", organizers(200)),
    "forum_staff.change_status": ("POST", organizers(in_forum("/staff/"))),
    "forum_staff.confirm_status": ("GET", organizers(200)),
    "forum_staff.charter": ("GET", organizers(200)),
    "forum_staff.charter_version": ("GET", organizers(200)),
}
