"""Control characters never reach a view: no text column can hold a NUL byte
(PostgreSQL refuses it), and none of C0's other controls means anything in a
name, a title or a search.

Form fields and query strings arrive with them removed (tab, line feed and
carriage return stay: text areas keep their lines), and a URL segment that
holds one matches no route, so it is a plain 404. Uploaded files are left as
they are: their readers check them.
"""

from collections.abc import Iterable

from flask import Flask
from flask import Request as FlaskRequest
from werkzeug.datastructures import FileStorage, ImmutableMultiDict, MultiDict
from werkzeug.routing import PathConverter, UnicodeConverter

KEPT = "\t\n\r"
CONTROLS = {code: None for code in (*range(0x20), 0x7F) if chr(code) not in KEPT}
# The character class of a URL segment: what the default converter takes, less controls.
SEGMENT = r"[^/\x00-\x1f\x7f]"


def without_controls(text: str) -> str:
    return text.translate(CONTROLS)


class CleanMultiDict(ImmutableMultiDict):
    """Submitted values with the control characters taken out of keys and text."""

    def __init__(self, mapping=None):
        if mapping is None:
            super().__init__()
            return
        super().__init__(list(_clean_pairs(MultiDict(mapping).items(multi=True))))


def _clean_pairs(pairs: Iterable[tuple[str, object]]) -> Iterable[tuple[str, object]]:
    for key, value in pairs:
        if isinstance(value, FileStorage):
            yield without_controls(key), value
        else:
            yield without_controls(key), without_controls(str(value))


class CleanRequest(FlaskRequest):
    parameter_storage_class = CleanMultiDict


class SegmentConverter(UnicodeConverter):
    """``<name>``: one URL segment with no control character in it."""

    def __init__(self, map, minlength=1, maxlength=None, length=None):
        super().__init__(map, minlength, maxlength, length)
        self.regex = self.regex.replace("[^/]", SEGMENT, 1)


class CleanPathConverter(PathConverter):
    """``<path:name>``: segments and slashes, with no control character in them."""

    regex = rf"{SEGMENT}(?:{SEGMENT}|/)*?"


def init_input_filter(app: Flask) -> None:
    """Before any route is added: rules take their converters when they are added."""
    app.request_class = CleanRequest
    app.url_map.converters.update(
        default=SegmentConverter, string=SegmentConverter, path=CleanPathConverter
    )
