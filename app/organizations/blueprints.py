"""The organizations feature's blueprints; its view modules attach their routes to these.

- ``organizations``: profiles, members, invitations, join requests (``/organizations/…``);
- ``registration``: a member registers their organization, or an activist themself,
  for a forum (``/<forum_slug>/register/…``);
- ``registrations_staff``: the forum's organizers review, export and import
  (``/<forum_slug>/staff/registrations/…``);
- ``directory``: the forum's public directory of organizations (``/<forum_slug>/organizations``);
- ``organizations_unclaimed``: site administrators give organizations without members
  their first member (``/admin/organizations/…``).
"""

from flask import Blueprint

from app.forums.scope import forum_blueprint

org_bp = Blueprint("organizations", __name__, url_prefix="/organizations")
registration_bp = forum_blueprint("registration", __name__, "/register")
review_bp = forum_blueprint("registrations_staff", __name__, "/staff/registrations")
directory_bp = forum_blueprint("directory", __name__, "/organizations")
unclaimed_bp = Blueprint("organizations_unclaimed", __name__, url_prefix="/admin/organizations")
