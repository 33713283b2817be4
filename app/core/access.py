"""Every view declares who may use it, with exactly one of these decorators.

The declaration is kept on the view function (``view.access``) so that a test
can walk ``app.url_map`` and fail on any view that does not say.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, g
from flask_login import current_user

from app.core.permissions import Permission, can
from app.extensions import login_manager

View = Callable[..., Any]


def _declare(description: str, check: Callable[[], None] | None = None):
    def decorator(view: View) -> View:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if check is not None:
                check()
            return view(*args, **kwargs)

        guarded.access = description  # type: ignore[attr-defined]
        return guarded

    return decorator


def _require_sign_in() -> None:
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())


def public(view: View) -> View:
    """Anyone, signed in or not."""
    return _declare("public")(view)


def signed_in(view: View) -> View:
    """Any signed-in account."""
    return _declare("signed_in", _require_sign_in)(view)


def site_admin(view: View) -> View:
    """Site administrators only; others get 403 (404 would hide nothing here)."""

    def check() -> None:
        _require_sign_in()
        if not can(current_user, Permission.ADMINISTER_SITE):
            abort(403)

    return _declare("site_admin", check)(view)


def forum_permission(permission: Permission) -> Callable[[View], View]:
    """Holders of ``permission`` in the forum of the URL (loaded into ``g.forum``)."""

    def check() -> None:
        _require_sign_in()
        if not can(current_user, permission, g.forum):
            abort(403)

    return _declare(f"forum:{permission}", check)
