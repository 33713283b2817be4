"""The coordinators' pages (``/<forum>/staff/volunteers/…``): the forum's organizers
and volunteer coordinators only (MANAGE_VOLUNTEERS); reviewers, organizers of
another forum and site administrators are refused.

The matrix volunteer is approved already: approving again changes nothing and goes
back to the list. The other POSTs name nothing (no volunteer, no action, no hours,
no subject, no confirmation): their pages come back with the errors (200).
Removals and the turning down are confirmation pages (200). The CSV files are
downloads (200).
"""

from tests.access.expected import in_forum, organizers

LIST = in_forum("/staff/volunteers/")

EXPECTED = {
    "volunteers_staff.index": ("GET", organizers(200)),
    "volunteers_staff.approve": ("POST", organizers(LIST)),
    "volunteers_staff.reject": ("GET", organizers(200)),
    "volunteers_staff.policy": ("GET", organizers(200)),
    "volunteers_staff.message_team": ("POST", organizers(200)),
    "volunteers_staff.message_shift": ("POST", organizers(200)),
    "volunteers_staff.export_roster": ("GET", organizers(200)),
    "volunteers_staff.export_team_roster": ("GET", organizers(200)),
    "volunteers_staff.teams": ("GET", organizers(200)),
    "volunteers_staff.add_team": ("GET", organizers(200)),
    "volunteers_staff.edit_team": ("GET", organizers(200)),
    "volunteers_staff.remove_team": ("GET", organizers(200)),
    "volunteers_staff.team_approvals": ("GET", organizers(200)),
    "volunteers_staff.revoke_team_approval": ("POST", organizers(200)),
    "volunteers_staff.add_shift": ("GET", organizers(200)),
    "volunteers_staff.edit_shift": ("GET", organizers(200)),
    "volunteers_staff.remove_shift": ("GET", organizers(200)),
    "volunteers_staff.add_shifts_from_slots": ("GET", organizers(200)),
    "volunteers_staff.add_room_host_shifts": ("GET", organizers(200)),
    "volunteers_staff.coverage": ("GET", organizers(200)),
    "volunteers_staff.roster": ("GET", organizers(200)),
    "volunteers_staff.assign": ("POST", organizers(200)),
    "volunteers_staff.remove_signup": ("GET", organizers(200)),
    "volunteers_staff.attendance": ("POST", organizers(200)),
    "volunteers_staff.hours": ("POST", organizers(200)),
}
