"""How an outbox message physically leaves: SMTP in production, the console in development."""

import smtplib
import sys
from email.message import EmailMessage
from email.utils import format_datetime

from flask import current_app

from app.notifications.models import OutboxMessage


def build_email(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = message.message_id
    email["Date"] = format_datetime(message.created_at)
    email["Content-Language"] = message.locale
    email.set_content(message.body_text)
    email.add_alternative(message.body_html, subtype="html")
    return email


def transmit(message: OutboxMessage) -> None:
    """Hand one message to the configured transport; raises on failure."""
    backend = current_app.config["MAIL_BACKEND"]
    email = build_email(message)
    if backend == "console":
        # Development only: the whole mail, links included, for the developer to follow.
        print(f"----- mail {message.id} -----\n{email.as_string()}", file=sys.stdout, flush=True)
        return
    if backend != "smtp":
        raise RuntimeError(f"unknown MAIL_BACKEND {backend!r}")
    config = current_app.config
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(email)
