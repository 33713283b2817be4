import click
from flask import Blueprint

from app.demo.accounts import DEMO_PASSWORD, seed_accounts
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
        click.echo(f"  {account.email:<34} {role}")
