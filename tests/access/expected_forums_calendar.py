"""The organizers' days-and-time-slots screens."""

from tests.access.expected import in_forum, organizers

# endpoint -> (method, expected answer per role)
EXPECTED = {
    "forum_staff.calendar": ("GET", organizers(200)),
    # The button forms: an incomplete POST changes nothing and goes back to the calendar.
    "forum_staff.apply_pattern": ("POST", organizers(in_forum("/staff/calendar"))),
    "forum_staff.copy_day": ("POST", organizers(in_forum("/staff/calendar"))),
    "forum_staff.add_slot": ("GET", organizers(200)),
    "forum_staff.edit_slot": ("GET", organizers(200)),
    "forum_staff.remove_slot": ("GET", organizers(200)),
}
