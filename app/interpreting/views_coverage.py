"""Routes: see the module docstring once written."""

from app.interpreting.blueprints import interpreting_staff_bp  # noqa: F401
