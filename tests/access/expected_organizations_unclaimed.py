"""Organizations without members get their first member from site administrators
(/admin/organizations/); nobody else may. The matrix POSTs carry no answer or
address: the invitation form is shown again with its error, an answer without a
choice leads back to the list."""

from tests.access.expected import REDIRECTS, only

UNCLAIMED = "unclaimed_organizations"
REDIRECTS.setdefault(UNCLAIMED, "/admin/organizations/")

EXPECTED = {
    "organizations_unclaimed.index": ("GET", only({"site_admin": 200})),
    "organizations_unclaimed.invite": ("POST", only({"site_admin": 200})),
    "organizations_unclaimed.answer_join_request": ("POST", only({"site_admin": UNCLAIMED})),
}
