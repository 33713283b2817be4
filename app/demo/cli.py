import click
from flask import Blueprint

from app.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_accounts
from app.extensions import db

cli = Blueprint("demo_cli", __name__, cli_group=None)


@cli.cli.command("seed-demo")
def seed_demo() -> None:
    """Load the demo forum and its accounts (safe to run again)."""
    accounts = seed_accounts()
    db.session.commit()
    click.echo(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for account in accounts:
        role = "site administrator" if account.site_admin else (account.role or "participant")
        two_factor = "  (two-factor)" if account.two_factor else ""
        click.echo(f"  {account.email:<34} {role}{two_factor}")
    click.echo(f"Two-factor key of the demo staff, for an authenticator app: {DEMO_TOTP_SECRET}")
