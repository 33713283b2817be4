"""The forums feature's blueprints; its view modules attach their routes to these.

- ``forums``: the home page and other pages outside any forum;
- ``forum``: a forum's public pages, under ``/<forum_slug>/``;
- ``forum_staff``: a forum's staff area, under ``/<forum_slug>/staff/``;
- ``forums_admin``: site administrators create and copy forums.
"""

from flask import Blueprint

from app.forums.scope import forum_blueprint

public_bp = Blueprint("forums", __name__)
forum_bp = forum_blueprint("forum", __name__)
staff_bp = forum_blueprint("forum_staff", __name__, "/staff")
admin_bp = Blueprint("forums_admin", __name__, url_prefix="/admin/forums")
