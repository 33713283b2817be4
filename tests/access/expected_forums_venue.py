"""The rooms (with their closures) and themes screens of a forum's staff area."""

from tests.access.expected import in_forum, organizers

# endpoint -> (method, expected answer per role); GET+POST rules list the GET.
EXPECTED = {
    "forum_staff.rooms": ("GET", organizers(200)),
    "forum_staff.add_room": ("GET", organizers(200)),
    "forum_staff.edit_room": ("GET", organizers(200)),
    "forum_staff.remove_room": ("GET", organizers(200)),
    # An incomplete POST (no direction) moves nothing and goes back to the list.
    "forum_staff.move_room": ("POST", organizers(in_forum("/staff/rooms"))),
    "forum_staff.add_closure": ("GET", organizers(200)),
    "forum_staff.remove_closure": ("GET", organizers(200)),
    "forum_staff.themes": ("GET", organizers(200)),
    "forum_staff.add_theme": ("GET", organizers(200)),
    "forum_staff.edit_theme": ("GET", organizers(200)),
    "forum_staff.remove_theme": ("GET", organizers(200)),
    "forum_staff.move_theme": ("POST", organizers(in_forum("/staff/themes"))),
}
