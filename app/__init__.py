"""Muntada: registration and programme of the Iraqi Social Forum."""

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import Config, config_for, instance_secret

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: type[Config] | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    app.config.from_object(config or config_for())
    _require_secret_key(app)
    _configure_data_keys(app)
    register_extensions(app)
    register_blueprints(app)
    register_cli(app)
    register_request_hooks(app)
    _apply_proxy_fix(app)
    return app


def _require_secret_key(app: Flask) -> None:
    if app.config["SECRET_KEY"]:
        return
    if app.config["ENV_NAME"] == "production":
        raise RuntimeError("SECRET_KEY must be set in production")
    app.config["SECRET_KEY"] = instance_secret("secret_key")


def _configure_data_keys(app: Flask) -> None:
    from app.core.crypto import keyring, new_data_key

    if not (app.config["DATA_KEY"] and app.config["DATA_HASH_KEY"]):
        if app.config["ENV_NAME"] == "production":
            raise RuntimeError("DATA_KEY and DATA_HASH_KEY must be set in production")
        app.config["DATA_KEY"] = app.config["DATA_KEY"] or instance_secret("data_key", new_data_key)
        app.config["DATA_HASH_KEY"] = app.config["DATA_HASH_KEY"] or instance_secret(
            "data_hash_key"
        )
    keyring.configure(app.config["DATA_KEY"], app.config["DATA_HASH_KEY"])


def register_extensions(app: Flask) -> None:
    from app.accounts.services import load_user_from_session
    from app.core.after_commit import register_after_commit
    from app.core.compression import init_compression
    from app.core.i18n import select_locale
    from app.core.input_filter import init_input_filter
    from app.core.public_cache import init_public_cache
    from app.extensions import babel, csrf, db, limiter, login_manager, migrate

    init_input_filter(app)
    _load_models()
    db.init_app(app)
    register_after_commit()
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(ROOT / "app" / "translations"),
    )
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user_from_session)
    _translate_login_message()
    init_compression(app)
    init_public_cache(app)


def _load_models() -> None:
    """Every feature's models, so the metadata (and Alembic) sees all tables."""
    import app.accounts.models
    import app.activities.models
    import app.audit.models
    import app.forums.models
    import app.interpreting.models
    import app.notifications.models
    import app.organizations.models
    import app.programme.models
    import app.safety.models
    import app.scheduling.models
    import app.volunteers.models  # noqa: F401


def _translate_login_message() -> None:
    from flask_babel import lazy_gettext as _l

    from app.extensions import login_manager

    login_manager.login_message = _l("Please log in to see this page.")


def register_blueprints(app: Flask) -> None:
    from app.accounts import views_privacy, views_two_factor  # noqa: F401 - routes on accounts_bp
    from app.accounts.views import bp as accounts_bp
    from app.audit.views import bp as audit_bp
    from app.audit.views import forum_bp as forum_audit_bp
    from app.core.views import bp as core_bp
    from app.forums import (  # noqa: F401 - each attaches its routes to a forums blueprint
        views,
        views_admin,
        views_calendar,
        views_settings,
        views_team,
        views_venue,
    )
    from app.forums.blueprints import admin_bp, forum_bp, public_bp, staff_bp
    from app.organizations import views as organization_views  # noqa: F401
    from app.organizations import (  # noqa: F401 - each attaches its routes to a blueprint
        views_data,
        views_directory,
        views_registration,
        views_review,
        views_unclaimed,
    )
    from app.organizations.blueprints import (
        directory_bp,
        org_bp,
        registration_bp,
        review_bp,
        unclaimed_bp,
    )
    from app.safety.views import bp as safety_bp

    app.register_blueprint(core_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(safety_bp)
    app.register_blueprint(audit_bp)
    app.register_blueprint(forum_audit_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(public_bp)
    app.register_blueprint(org_bp)
    app.register_blueprint(unclaimed_bp)
    from app.api import views as api_views  # noqa: F401 - routes on api_bp
    from app.api.blueprints import api_bp

    app.register_blueprint(api_bp)
    # Forum pages last: /<forum_slug>/ must not shadow the site's own first segments.
    app.register_blueprint(staff_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(registration_bp)
    app.register_blueprint(directory_bp)
    from app.activities.views_co_organizers import co_organizers_bp

    app.register_blueprint(co_organizers_bp)
    from app.activities.views_thread import thread_bp

    app.register_blueprint(thread_bp)
    from app.activities.views_merging import merges_bp, merges_staff_bp

    app.register_blueprint(merges_staff_bp)
    app.register_blueprint(merges_bp)
    from app.activities.views_proposals import proposals_bp

    app.register_blueprint(proposals_bp)
    from app.activities.views_review import activity_review_bp

    app.register_blueprint(activity_review_bp)
    from app.scheduling import (  # noqa: F401 - each attaches its routes to scheduling_bp
        views_board,
        views_suggestions,
        views_versions,
    )
    from app.scheduling.blueprints import scheduling_bp
    from app.scheduling.usage import register_usage

    register_usage()
    app.register_blueprint(scheduling_bp)
    from app.volunteers import (  # noqa: F401 - each attaches its routes to a blueprint
        views_coverage,
        views_feed,
        views_shifts,
        views_signup,
        views_staff,
        views_teams,
    )
    from app.volunteers.blueprints import volunteering_bp, volunteers_staff_bp

    app.register_blueprint(volunteering_bp)
    app.register_blueprint(volunteers_staff_bp)
    from app.interpreting import views_assignments  # noqa: F401 - routes on interpreting_bp
    from app.interpreting import views_board as interpreting_board  # noqa: F401
    from app.interpreting import views_coverage as interpreting_coverage  # noqa: F401
    from app.interpreting import views_staff as interpreting_staff  # noqa: F401
    from app.interpreting import views_team as interpreting_team  # noqa: F401
    from app.interpreting.blueprints import interpreting_bp, interpreting_staff_bp

    app.register_blueprint(interpreting_bp)
    app.register_blueprint(interpreting_staff_bp)
    from app.programme import views as programme_views  # noqa: F401
    from app.programme.blueprints import programme_bp

    app.register_blueprint(programme_bp)
    from app.exports import views as export_views  # noqa: F401 - routes on exports_bp
    from app.exports.blueprints import exports_bp

    app.register_blueprint(exports_bp)
    app.register_blueprint(forum_bp)


def register_cli(app: Flask) -> None:
    from app.accounts.cli import cli as accounts_cli
    from app.core.cli import cli as core_cli
    from app.demo.cli import cli as demo_cli
    from app.notifications.cli import cli as notifications_cli
    from app.safety.cli import cli as safety_cli
    from app.scheduling.jobs import cli as scheduling_cli
    from app.volunteers.cli import cli as volunteers_cli

    clis = (
        accounts_cli,
        core_cli,
        demo_cli,
        notifications_cli,
        safety_cli,
        scheduling_cli,
        volunteers_cli,
    )
    for blueprint in clis:
        app.register_blueprint(blueprint)


def register_request_hooks(app: Flask) -> None:
    from app.accounts.sessions import register_session_rules
    from app.core.errors import register_error_pages
    from app.core.logging import register_logging
    from app.core.security import register_security_headers
    from app.core.templating import register_template_helpers
    from app.forums.templating import register_forum_template_helpers
    from app.notifications.dispatch import register_dispatch
    from app.organizations.templating import register_organization_template_helpers

    register_logging(app)
    register_session_rules(app)
    register_error_pages(app)
    register_security_headers(app)
    register_template_helpers(app)
    register_forum_template_helpers(app)
    register_organization_template_helpers(app)
    register_dispatch(app)
    # After every other hook: it stores what they made of a response; before ProxyFix
    # wraps the WSGI app, so its layer sees the host and scheme the client asked for.
    from app.core.public_fast_path import init_public_fast_path

    init_public_fast_path(app)


def _apply_proxy_fix(app: Flask) -> None:
    counts = {key: app.config[f"PROXY_FIX_X_{key.upper()}"] for key in ("for", "proto", "host")}
    if any(counts.values()):
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=counts["for"], x_proto=counts["proto"], x_host=counts["host"]
        )
