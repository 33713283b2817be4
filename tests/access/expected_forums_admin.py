"""Site administrators create and copy forums; nobody else may."""

from tests.access.expected import only

EXPECTED = {
    "forums_admin.index": ("GET", only({"site_admin": 200})),
    "forums_admin.new": ("GET", only({"site_admin": 200})),
    "forums_admin.copy": ("GET", only({"site_admin": 200})),
}
