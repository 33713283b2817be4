"""Organization profiles, members, invitations and join requests (/organizations/…).

Every organization page is for its members; others find nothing (404). The matrix
POSTs carry no answer, so they change nothing: members are led back to
/organizations/. The matrix invitation is addressed to invited@example.org, which no
role's account has (404 for all). Asking to join without the form's confirmation
finds nothing (404), as an organization's URLs do for outsiders.
"""

from tests.access.expected import REDIRECTS, members, signed_in

MY_ORGANIZATIONS = "my_organizations"
REDIRECTS.setdefault(MY_ORGANIZATIONS, "/organizations/")

EXPECTED = {
    "organizations.mine": ("GET", signed_in(200)),
    "organizations.new": ("GET", signed_in(200)),
    "organizations.profile": ("GET", members(200)),
    "organizations.edit": ("GET", members(200)),
    "organizations.toggle_hidden": ("POST", members(MY_ORGANIZATIONS)),
    "organizations.members": ("GET", members(200)),
    "organizations.cancel_invitation": ("POST", members(MY_ORGANIZATIONS)),
    # The matrix member is the organization's only one: a page says they cannot leave.
    "organizations.remove_member": ("GET", members(200)),
    "organizations.answer_invitation": ("POST", signed_in(404)),
    "organizations.request_to_join": ("POST", signed_in(404)),
    "organizations.answer_join_request": ("POST", members(MY_ORGANIZATIONS)),
}
