"""The scheduling blueprint: the organizers' board, suggestions and versions,
under ``/<forum>/staff/schedule``. Each views module attaches its routes."""

from app.forums.scope import forum_blueprint

scheduling_bp = forum_blueprint("scheduling", __name__, "/staff/schedule")
