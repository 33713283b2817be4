from datetime import datetime
from zoneinfo import ZoneInfo

import click
from flask import Blueprint, current_app

from app.extensions import db
from app.safety.retention import purge_expired

cli = Blueprint("safety_cli", __name__, cli_group=None)


@cli.cli.command("purge-contact-data")
@click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="Pretend today is this day."
)
def purge_contact_data(today) -> None:
    """Delete contact data whose retention time is over (run daily from cron)."""
    # Days are counted in the forums' home time zone.
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    report = purge_expired(today.date() if today else datetime.now(zone).date())
    db.session.commit()
    for scope, counts in report.items():
        click.echo(f"{scope}: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
