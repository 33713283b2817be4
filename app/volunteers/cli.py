"""``flask remind-volunteers``: the reminders of tomorrow's shifts (run daily from cron)."""

import click
from flask import Blueprint, current_app

from app.core.db import utcnow
from app.extensions import db
from app.volunteers.reminders import send_reminders

cli = Blueprint("volunteers_cli", __name__, cli_group=None)


@cli.cli.command("remind-volunteers")
@click.option(
    "--base-url",
    default="http://127.0.0.1:5000",
    show_default=True,
    help="The site's public address, for the links in the emails.",
)
def remind_volunteers(base_url: str) -> None:
    """Email each volunteer with shifts tomorrow (once per shift)."""
    with current_app.test_request_context(base_url=base_url):
        sent = send_reminders(utcnow())
        db.session.commit()
    click.echo(f"reminders queued: {sent}")
