"""Routes: see the module docstring once written."""

from app.scheduling.blueprints import scheduling_bp  # noqa: F401
