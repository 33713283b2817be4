"""Keep personal data and secrets out of every log line.

A filter on every handler rewrites each record before it is written: email
addresses, phone numbers, emailed tokens in URL paths and query strings are
replaced. Names cannot be recognised by a pattern, so the other half of the
rule is that our code never logs a name — only ids. SQLAlchemy is told to keep
bound parameters out of its logs and error messages (``hide_parameters``).
"""

import logging
import re

from flask import Flask

_REPLACEMENTS = [
    # PostgreSQL repeats the offending values in its errors: "Key (email)=(…) already exists".
    (re.compile(r"(Key \([^)]*\))=\((?:[^()]|\([^()]*\))*\)"), r"\1=([value])"),
    # Tokens of emailed links, in a path: /account/verify/<token>, /reset/<token>, ...
    (re.compile(r"(/(?:verify|reset|confirm)/)[^\s/?\"']+"), r"\1[token]"),
    (re.compile(r"\?[^\s\"']*"), "?[query]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    # Phone numbers: +964 770 123 4567, 0770-123-4567, 9647701234567 ...
    (re.compile(r"(?<![\w.:-])\+?\d(?:[\s().-]?\d){8,}(?![\w.:-])"), "[phone]"),
    # Long opaque strings: session ids, signed tokens, keys.
    (re.compile(r"\b[A-Za-z0-9_-]{32,}(?:\.[A-Za-z0-9_-]+)*"), "[secret]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _REPLACEMENTS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = redact(message)
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        record.exc_info = None  # the redacted text above replaces it
        return True


_FILTER = RedactingFilter()
LOGGER_NAMES = (
    "",
    "werkzeug",
    "gunicorn.error",
    "gunicorn.access",
    "flask.app",
    "app",
    "sqlalchemy",
)


def install_redaction(handler: logging.Handler) -> None:
    if _FILTER not in handler.filters:
        handler.addFilter(_FILTER)


def install_on_loggers() -> None:
    """On each known logger and its handlers: a logger's own filters do not see
    records propagated from child loggers, handlers do."""
    for name in LOGGER_NAMES:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
        for handler in logger.handlers:
            install_redaction(handler)


def register_logging(app: Flask) -> None:
    install_on_loggers()
    if _FILTER not in app.logger.filters:
        app.logger.addFilter(_FILTER)
    for handler in app.logger.handlers:
        install_redaction(handler)
