"""What every template can use: language, direction, permissions, formatting."""

from flask import Flask
from flask_babel import pgettext
from flask_login import current_user

from app.core.i18n import (
    LANGUAGE_NAMES,
    current_language,
    format_day,
    format_moment,
    format_number,
    localized,
    text_direction,
)
from app.core.permissions import Permission, can
from app.core.urls import current_path


def _template_context() -> dict:
    return {
        "current_language": current_language(),
        "text_direction": text_direction(),
        "language_names": LANGUAGE_NAMES,
        "current_path": current_path(),
        "can": lambda permission, forum=None: can(current_user, permission, forum),
        "Permission": Permission,
        "localized": localized,
        # Translators: between the items of a short list ("Arabic, Kurdish, English").
        "list_separator": pgettext("list separator", ", "),
    }


def register_template_helpers(app: Flask) -> None:
    app.context_processor(_template_context)
    app.add_template_filter(format_number, "number")
    app.add_template_filter(format_day, "day")
    app.add_template_filter(format_moment, "moment")
