"""What the public forum pages cost, on the demo data.

Run from the project root: .venv/bin/python -m bench.public_pages
Loads the demo (``flask seed-demo``) into a fresh in-memory database, then prints,
for the home page, the archive and the 4th season's page, as a visitor: the SQL
statements of one request, the median time of one request through the WSGI app
(no network), and the size of the page.
"""

import statistics
import time

import sqlalchemy as sa
from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from config import TestConfig

PAGES = ("/", "/forums/archive", "/isf-4/", "/basra/")


def timed(action, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    app = create_app(TestConfig)
    with app.app_context():
        upgrade()
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    statements: list[int] = []
    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(1))
    client = app.test_client()
    client.set_cookie("lang", "ar")
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        statements.clear()
        client.get(path)
        count = len(statements)
        per_page = timed(lambda p=path: client.get(p), 200)
        size = len(response.data)
        print(f"{path:<18} {count} SQL statements, {per_page:.2f} ms, {size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
