"""Responses are compressed when they are big enough and of a text type; what is
already compressed is left alone; the static CSS is compressed once per file."""

import gzip

import brotli
import pytest
from flask import Flask, Response

from app.core.compression import init_compression

BIG = "Save the Tigris and the Iraqi Marshes; " * 40
TYPES = ["text/html", "application/json", "text/calendar", "application/xml", "text/csv"]


@pytest.fixture(scope="module")
def tiny_app():
    """A bare app with only the compression wired: every type, big and small."""
    app = Flask(__name__)
    init_compression(app)

    @app.route("/big/<path:mimetype>")
    def big(mimetype):
        return Response(BIG, mimetype=mimetype)

    @app.route("/small")
    def small():
        return Response("<p>short</p>", mimetype="text/html")

    @app.route("/image")
    def image():
        return Response(b"\x89PNG" + b"\0" * 2000, mimetype="image/png")

    @app.route("/already")
    def already():
        return Response(
            gzip.compress(BIG.encode()), mimetype="text/html", headers={"Content-Encoding": "gzip"}
        )

    return app


@pytest.mark.parametrize("mimetype", TYPES)
def test_big_text_responses_are_compressed(tiny_app, mimetype):
    response = tiny_app.test_client().get(f"/big/{mimetype}", headers={"Accept-Encoding": "gzip"})

    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.get_data()).decode() == BIG
    assert "Accept-Encoding" in response.vary


def test_brotli_is_preferred_when_the_client_takes_both(tiny_app):
    response = tiny_app.test_client().get(
        "/big/text/html", headers={"Accept-Encoding": "gzip, deflate, br"}
    )

    assert response.headers["Content-Encoding"] == "br"
    assert brotli.decompress(response.get_data()).decode() == BIG


@pytest.mark.parametrize("path", ["/small", "/image"])
def test_small_or_binary_responses_are_not_compressed(tiny_app, path):
    response = tiny_app.test_client().get(path, headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in response.headers


def test_nothing_is_compressed_for_a_client_that_does_not_ask(tiny_app):
    assert "Content-Encoding" not in tiny_app.test_client().get("/big/text/html").headers


def test_an_already_compressed_response_is_left_alone(tiny_app):
    response = tiny_app.test_client().get("/already", headers={"Accept-Encoding": "gzip, br"})

    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.get_data()).decode() == BIG


def test_the_apps_pages_are_compressed(client):
    response = client.get("/", headers={"Accept-Encoding": "gzip"})

    assert response.headers["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(response.get_data())


def test_the_stylesheet_is_compressed_once_and_revalidated(client):
    url = "/static/vendor/bootstrap/css/bootstrap.min.css"
    plain = client.get(url)
    first = client.get(url, headers={"Accept-Encoding": "gzip"})
    again = client.get(
        url, headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]}
    )

    assert first.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.get_data()) == plain.get_data()
    assert len(first.get_data()) < len(plain.get_data()) / 4
    assert first.headers["ETag"] != plain.headers["ETag"]
    assert again.status_code == 304
