"""What signing in and every signed-in request cost.

Run from the project root: .venv/bin/python -m bench.auth_costs
Prints the time of one Argon2id hash and one password-strength check, and the
SQL statements and time of one signed-in page for a participant and for an
organizer with two-factor sign-in (the session rules run on every request).
"""

import statistics
import time

import sqlalchemy as sa
from flask_migrate import upgrade

from app import create_app
from app.accounts.passwords import hash_password, password_problem
from app.core.permissions import ForumRoleName
from app.extensions import db
from config import TestConfig
from tests import factories
from tests.helpers import log_in


def timed(action, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    print(f"argon2id hash: {timed(lambda: hash_password('a long enough password'), 20):.1f} ms")

    def check():
        return password_problem("tigris marshes at dawn", staff=True, personal_words=["x@y.org"])

    print(f"password strength check: {timed(check, 20):.1f} ms")

    app = create_app(TestConfig)
    with app.app_context():
        upgrade()
        participant = factories.make_user()
        organizer = factories.make_user()
        secret = factories.enable_two_factor(organizer)
        factories.grant_role(organizer, factories.make_forum(), ForumRoleName.ORGANIZER)
        db.session.commit()
        people = {"participant": (participant.email, None), "organizer": (organizer.email, secret)}
        statements = []
        sa.event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(1))
    for role, (email, totp_secret) in people.items():
        client = app.test_client()
        log_in(client, email, totp_secret=totp_secret)
        client.get("/account/")
        statements.clear()
        client.get("/account/")
        count = len(statements)
        per_page = timed(lambda c=client: c.get("/account/"), 200)
        print(f"{role}: {count} SQL statements, {per_page:.2f} ms per page")


if __name__ == "__main__":
    main()
