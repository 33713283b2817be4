import click
from flask import Blueprint, current_app

from app.notifications import services

cli = Blueprint("notifications_cli", __name__, cli_group=None)


@cli.cli.command("send-mail")
def send_mail() -> None:
    """Send every email that is due (run it from cron when there is no worker)."""
    released = services.release_stuck()
    sent, not_sent = services.send_due()
    click.echo(f"sent {sent}, not sent {not_sent}, released {released}")


@cli.cli.command("mail-worker")
def mail_worker() -> None:
    """Run an RQ worker that sends mail as soon as it is queued (needs REDIS_URL)."""
    from rq import SimpleWorker

    from app.notifications.dispatch import mail_queue

    if not current_app.config["REDIS_URL"]:
        raise click.ClickException("REDIS_URL is not set")
    queue = mail_queue()
    # SimpleWorker runs jobs in this process, inside this app context (no fork).
    SimpleWorker([queue], connection=queue.connection).work()
