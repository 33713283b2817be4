import click
from flask import Blueprint

from app.accounts import services
from app.extensions import db

cli = Blueprint("accounts_cli", __name__, cli_group=None)


@cli.cli.command("create-admin")
@click.argument("email")
@click.option("--name", default="Administrator", help="Name for a new account.")
@click.option("--language", type=click.Choice(["ar", "ckb", "en"]), default="ar")
def create_admin(email: str, name: str, language: str) -> None:
    """Make EMAIL a site administrator, creating the account if needed."""
    password = None
    if services.find_user_by_email(email) is None:
        password = click.prompt(
            "Password for the new account", hide_input=True, confirmation_prompt=True
        )
        if len(password) < services.MIN_PASSWORD_LENGTH:
            raise click.ClickException(f"use at least {services.MIN_PASSWORD_LENGTH} characters")
    services.make_site_admin(email, password, name, language)
    db.session.commit()
    click.echo(f"{services.normalise_email(email)} is a site administrator.")
