"""gunicorn settings: ``gunicorn -c gunicorn.conf.py wsgi:app``.

The access log shows the path without its query string, and no user agent or
referrer; every gunicorn log line also goes through the app's redacting filter
(app/core/logging.py), so tokens in paths never reach the log.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)s'


def post_worker_init(worker):
    from app.core.logging import install_on_loggers

    install_on_loggers()
