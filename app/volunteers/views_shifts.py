"""Routes: see the module docstring once written."""

from app.volunteers.blueprints import volunteering_bp  # noqa: F401
