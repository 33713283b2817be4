"""Data out and in: CSV exports of registrations and delegates, import of organizations."""

from tests.access.expected import organizers

# endpoint -> (method, expected answer per role); GET+POST rules list the GET.
EXPECTED = {
    "registrations_staff.data": ("GET", organizers(200)),
    "registrations_staff.export_registrations": ("GET", organizers(200)),
    "registrations_staff.export_delegates": ("GET", organizers(200)),
    "registrations_staff.import_organizations": ("GET", organizers(200)),
    "registrations_staff.import_template": ("GET", organizers(200)),
}
