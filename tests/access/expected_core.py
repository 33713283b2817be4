"""Site-wide rules: accounts, language, safety and the audit log."""

from tests.access.expected import (
    ANONYMOUS_ONLY,
    EVERYONE,
    FORGOT,
    HOME,
    LOGIN,
    PRIVACY,
    ROLES,
    TWO_FACTOR,
    only,
    signed_in,
)

# endpoint -> (method, expected answer per role)
EXPECTED = {
    "static": ("GET", EVERYONE),
    "core.health": ("GET", EVERYONE),
    "core.set_language": ("POST", dict.fromkeys(ROLES, HOME)),
    "core.switch_language": ("GET", dict.fromkeys(ROLES, HOME)),
    "accounts.sign_up": ("GET", ANONYMOUS_ONLY),
    "accounts.check_email": ("GET", EVERYONE),
    "accounts.verify_email": ("GET", EVERYONE),
    "accounts.login": ("GET", ANONYMOUS_ONLY),
    "accounts.two_factor_login": ("GET", dict.fromkeys(ROLES, LOGIN)),
    "accounts.two_factor_confirm": ("GET", signed_in(200)),
    "accounts.two_factor": ("GET", signed_in(200)),
    "accounts.regenerate_recovery_codes": ("POST", signed_in(TWO_FACTOR)),
    "accounts.disable_two_factor": ("POST", signed_in(TWO_FACTOR)),
    "accounts.logout": ("POST", signed_in(HOME)),
    "accounts.forgot_password": ("GET", EVERYONE),
    "accounts.reset_password": ("GET", dict.fromkeys(ROLES, FORGOT)),
    "accounts.settings": ("GET", signed_in(200)),
    "accounts.change_password": ("GET", signed_in(200)),
    "accounts.change_email": ("GET", signed_in(200)),
    "accounts.confirm_email_change": ("GET", EVERYONE),
    "accounts.privacy_settings": ("GET", signed_in(200)),
    "accounts.toggle_hidden": ("POST", signed_in(PRIVACY)),
    "accounts.download_my_data": ("GET", signed_in(200)),
    "accounts.delete_account": ("GET", signed_in(200)),
    "safety.lockdowns": ("GET", only({"site_admin": 200})),
    "safety.start_lockdown": ("POST", only({"site_admin": 200})),  # unconfirmed: the form again
    "safety.end_lockdown": ("POST", only({"site_admin": 404})),  # no such lockdown
    "audit.site_log": ("GET", only({"site_admin": 200})),
    "forum_audit.forum_log": ("GET", only({"organizer": 200})),
}
