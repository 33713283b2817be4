"""The public programme, under ``/<forum>/programme``."""

from app.forums.scope import forum_blueprint

programme_bp = forum_blueprint("programme", __name__)
