"""Routes: see the module docstring once written."""

from app.volunteers.blueprints import volunteers_staff_bp  # noqa: F401
