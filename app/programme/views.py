"""Routes: see the module docstring once written."""

from app.programme.blueprints import programme_bp  # noqa: F401
