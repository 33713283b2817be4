"""The volunteers' pages (``/<forum>/volunteer``) and the coordinators' pages
(``/<forum>/staff/volunteers``); each views module attaches its routes."""

from app.forums.scope import forum_blueprint

volunteering_bp = forum_blueprint("volunteering", __name__, "/volunteer")
volunteers_staff_bp = forum_blueprint("volunteers_staff", __name__, "/staff/volunteers")
