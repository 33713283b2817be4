"""Registration screens: a member registers their organization (or an activist
themself) and sees, changes and withdraws it; organizers register on its behalf.

The matrix forum has no registration window: the start, new and individual pages
say that registration is not open (200, no form); the matrix registration's own
pages are its organization's members' alone (404 for everyone else, organizers
included: they have the staff screens).
"""

from tests.access.expected import members, organizers, signed_in

# endpoint -> (method, expected answer per role); GET+POST rules list the GET.
EXPECTED = {
    "registration.start": ("GET", signed_in(200)),
    "registration.new": ("GET", members(200)),
    "registration.individual": ("GET", signed_in(200)),
    "registration.view": ("GET", members(200)),
    "registration.edit": ("GET", members(200)),
    "registration.withdraw": ("GET", members(200)),
    "registrations_staff.register_on_behalf": ("GET", organizers(200)),
}
