"""Template helpers of the forums feature: labels of its codes."""

from flask import Flask

from app.forums import labels


def register_forum_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(
        forum_status_label=labels.forum_status_label,
        forum_kind_label=labels.forum_kind_label,
        role_label=labels.role_label,
        governorate_label=labels.governorate_label,
    )
