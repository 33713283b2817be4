"""The exports, under ``/<forum>/schedule.xml`` and its siblings."""

from app.forums.scope import forum_blueprint

exports_bp = forum_blueprint("exports", __name__)
