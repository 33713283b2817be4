"""Compressed responses: pages, exports and the API, and the static CSS and JS.

Dynamic responses (HTML, JSON, iCalendar, XML, CSV) of 500 bytes or more are
compressed by Flask-Compress with Brotli or gzip, whichever the client prefers.
A response that already carries a Content-Encoding is left alone: the public
cache (app/core/public_cache.py) stores its pages precompressed, and the static
files are compressed once per file version here, since compressing the same
stylesheet on every first visit would cost more than serving it.
"""

import gzip
import os
import threading

import brotli
from flask import Flask, Response, current_app, request
from flask_compress import Compress
from werkzeug.security import safe_join

MIN_SIZE = 500
DYNAMIC_TYPES = (
    "text/html",
    "application/json",
    "text/calendar",
    "application/xml",
    "text/xml",
    "text/csv",
)
STATIC_TYPES = ("text/css", "text/javascript", "application/javascript", "image/svg+xml")
# Preferred first when the client accepts both equally.
ALGORITHMS = ("br", "gzip")
# Compressed once and kept: spend more effort than on a per-request response.
GZIP_LEVEL, BROTLI_QUALITY = 9, 9

compress = Compress()
_static_copies: dict[tuple[str, int, str], bytes] = {}
_static_lock = threading.Lock()


def init_compression(app: Flask) -> None:
    app.config.setdefault("COMPRESS_MIMETYPES", list(DYNAMIC_TYPES))
    app.config.setdefault("COMPRESS_MIN_SIZE", MIN_SIZE)
    app.config.setdefault("COMPRESS_ALGORITHM", list(ALGORITHMS))
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["br"])
    app.config.setdefault("COMPRESS_LEVEL", 6)
    app.config.setdefault("COMPRESS_BR_LEVEL", 4)
    compress.init_app(app)
    # Registered after Flask-Compress, so it runs before it (after_request runs in reverse).
    app.after_request(_precompressed_static)


def compress_bytes(data: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(data, quality=BROTLI_QUALITY)
    if encoding == "gzip":
        return gzip.compress(data, GZIP_LEVEL, mtime=0)
    raise ValueError(f"unknown encoding: {encoding}")


def is_compressible(content_type: str, size: int, types=DYNAMIC_TYPES) -> bool:
    return size >= MIN_SIZE and content_type.split(";", 1)[0].strip() in types


def compress_for_cache(data: bytes, content_type: str, encodings=ALGORITHMS) -> dict[str, bytes]:
    """Precompressed copies of a response body to keep, by encoding (none when
    the body is small or not text)."""
    if not is_compressible(content_type, len(data)):
        return {}
    return {encoding: compress_bytes(data, encoding) for encoding in encodings}


def accepted_encoding(encodings=ALGORITHMS, accept_encodings=None) -> str | None:
    """The client's favourite of ``encodings`` (ties: ours), None for none; the
    client is this request's, or the ``Accept`` given."""
    accepted = accept_encodings if accept_encodings is not None else request.accept_encodings
    best, quality = None, 0.0
    for encoding in encodings:
        if accepted[encoding] > quality:
            best, quality = encoding, accepted[encoding]
    return best


def _precompressed_static(response: Response) -> Response:
    if (
        request.endpoint != "static"
        or response.status_code != 200
        or "Content-Encoding" in response.headers
        or not is_compressible(response.mimetype, response.content_length or 0, STATIC_TYPES)
    ):
        return response
    encoding = accepted_encoding()
    path = safe_join(current_app.static_folder, request.view_args["filename"])
    if encoding is None or path is None:
        return response
    data = _static_copy(path, encoding)
    if hasattr(response.response, "close"):
        response.response.close()  # the file send_file opened
    response.direct_passthrough = False
    response.set_data(data)
    response.headers["Content-Encoding"] = encoding
    etag, weak = response.get_etag()
    if etag:
        response.set_etag(f"{etag}:{encoding}", weak=weak)
    response.vary.add("Accept-Encoding")
    return response.make_conditional(request)


def _static_copy(path: str, encoding: str) -> bytes:
    """One compressed copy per file, encoding and modification time (a handful of files)."""
    key = (path, os.stat(path).st_mtime_ns, encoding)
    with _static_lock:
        data = _static_copies.get(key)
    if data is None:
        with open(path, "rb") as file:
            data = compress_bytes(file.read(), encoding)
        with _static_lock:
            _static_copies[key] = data
    return data
