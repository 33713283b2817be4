"""The app as the public programme benchmark serves it, with the ceiling beside it.

``gunicorn bench.public_server:app`` serves Muntada and, under ``/__ceiling/<path>``,
a bare Flask app answering from memory the very bytes Muntada answered for
``<path>`` (asked once per worker, per path, encoding and cookies): what Flask under
the same gunicorn manages when a page costs nothing. Only the benchmark uses it.
"""

from flask import Flask, Response, request
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from app import create_app

CEILING = "/__ceiling"
KEPT_HEADERS = ("Content-Type", "Content-Encoding")

muntada = create_app()
ceiling = Flask("ceiling")
_copies: dict[tuple, tuple[bytes, dict[str, str]]] = {}


def _copy_of(path: str) -> tuple[bytes, dict[str, str]]:
    client = muntada.test_client()
    for name, value in request.cookies.items():
        client.set_cookie(name, value)
    headers = {
        name: request.headers[name]
        for name in ("Accept-Encoding", "Accept-Language")
        if name in request.headers
    }
    answer = client.get(path, query_string=request.query_string, headers=headers)
    return answer.get_data(), {
        name: answer.headers[name] for name in KEPT_HEADERS if name in answer.headers
    }


@ceiling.route("/<path:target>")
def copy(target: str) -> Response:
    key = (
        target,
        request.query_string,
        request.headers.get("Accept-Encoding", ""),
        request.headers.get("Accept-Language", ""),
        request.headers.get("Cookie", ""),
    )
    if key not in _copies:
        _copies[key] = _copy_of(f"/{target}")
    body, headers = _copies[key]
    return Response(body, headers=headers)


app = DispatcherMiddleware(muntada.wsgi_app, {CEILING: ceiling})
