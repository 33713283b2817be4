"""Public forum pages: the home page, the archive and a forum's page (the matrix forum is open)."""

from tests.access.expected import EVERYONE

# endpoint -> (method, expected answer per role)
EXPECTED = {
    "forums.home": ("GET", EVERYONE),
    "forums.archive": ("GET", EVERYONE),
    "forum.page": ("GET", EVERYONE),
}
