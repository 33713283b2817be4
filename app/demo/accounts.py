"""Demo accounts: one per kind of user, so every screen can be tried."""

from dataclasses import dataclass

import sqlalchemy as sa

from app.accounts.models import User
from app.accounts.passwords import hash_password
from app.core.db import utcnow
from app.core.permissions import PERSONAL_DATA_ROLES, ForumRoleName
from app.extensions import db
from app.forums.models import Forum, ForumRole

DEMO_PASSWORD = "muntada-demo-2017"
# The demo's staff sign in with two-factor codes from this key (add it to any
# authenticator app); a real account gets its own key when it enrols.
DEMO_TOTP_SECRET = "MUNTADADEMOKEYFORISFBAGHDADSEVEN"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    locale: str
    role: ForumRoleName | None = None
    site_admin: bool = False

    @property
    def two_factor(self) -> bool:
        return self.site_admin or self.role in PERSONAL_DATA_ROLES


DEMO_ACCOUNTS = (
    DemoAccount("admin@isf-demo.example.org", "Site administrator", "en", site_admin=True),
    DemoAccount("organizer@isf-demo.example.org", "هدى الساعدي", "ar", ForumRoleName.ORGANIZER),
    DemoAccount("reviewer@isf-demo.example.org", "Karwan Aziz", "ckb", ForumRoleName.REVIEWER),
    DemoAccount(
        "volunteers@isf-demo.example.org", "زينب كاظم", "ar", ForumRoleName.VOLUNTEER_COORDINATOR
    ),
    DemoAccount(
        "interpreting@isf-demo.example.org",
        "Shilan Rashid",
        "ckb",
        ForumRoleName.INTERPRETATION_COORDINATOR,
    ),
    DemoAccount("cso@isf-demo.example.org", "علي حسين", "ar"),
    DemoAccount("volunteer@isf-demo.example.org", "Sara Ahmed", "en"),
)


def seed_accounts() -> dict[str, User]:
    """Create the demo accounts (once); returns them by email address."""
    users = {}
    password_hash = None
    for account in DEMO_ACCOUNTS:
        user = db.session.scalar(sa.select(User).where(User.email == account.email))
        if user is None:
            password_hash = password_hash or hash_password(DEMO_PASSWORD)
            user = User(
                email=account.email,
                name=account.name,
                locale=account.locale,
                password_hash=password_hash,
                email_verified_at=utcnow(),
                is_site_admin=account.site_admin,
                totp_secret=DEMO_TOTP_SECRET if account.two_factor else None,
                totp_enabled_at=utcnow() if account.two_factor else None,
            )
            db.session.add(user)
            db.session.flush()
        users[account.email] = user
    return users


def grant_demo_roles(forum: Forum, users: dict[str, User]) -> None:
    """The demo staff's roles in the demo season; running it again changes nothing."""
    for account in DEMO_ACCOUNTS:
        user = users[account.email]
        if account.role and not any(
            r.user_id == user.id and r.role == account.role for r in forum.roles
        ):
            forum.roles.append(ForumRole(user=user, role=account.role))
    db.session.flush()
