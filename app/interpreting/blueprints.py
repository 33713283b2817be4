"""The interpreters' pages (``/<forum>/interpreting``) and the interpretation
coordinators' pages (``/<forum>/staff/interpreting``); each views module attaches
its routes."""

from app.forums.scope import forum_blueprint

interpreting_bp = forum_blueprint("interpreting", __name__, "/interpreting")
interpreting_staff_bp = forum_blueprint("interpreting_staff", __name__, "/staff/interpreting")
