"""Language choice, text direction and the one digit policy.

Digit policy: numbers are written with Western digits (0-9) in every language,
the way Iraqi phones, ID cards and the forms people fill in write them, so a
number reads and types the same in ar, ckb and en. Babel formats them with the
``latn`` numbering system; dates come out of Babel with the same digits.
"""

from collections.abc import Mapping
from datetime import date, datetime

from babel import Locale
from babel.numbers import format_decimal
from flask import current_app, request
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user
from werkzeug.wrappers import Request

LANGUAGE_COOKIE = "lang"
NUMBERING_SYSTEM = "latn"
RTL_LANGUAGES = frozenset({"ar", "ckb"})

# The name of each language in itself, for the switcher (never translated).
LANGUAGE_NAMES = {"ar": "العربية", "ckb": "کوردی", "en": "English"}


def supported_languages() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def normalise_language_tag(tag: str) -> str | None:
    """Map a browser language tag onto one of ours, or None.

    Browsers and phones name Sorani in several ways: ``ckb``, ``ku-Arab``,
    ``ku-Arab-IQ``, ``ku-IQ`` and ``ku-IR`` all mean Central Kurdish here; a plain
    ``ku`` is usually Kurmanji in Latin script, which we do not offer.
    """
    parts = tag.replace("_", "-").lower().split("-")
    primary, rest = parts[0], parts[1:]
    if primary == "ckb":
        return "ckb"
    if primary == "ku" and ({"arab", "iq", "ir"} & set(rest)):
        return "ckb"
    if primary in ("ar", "en"):
        return primary
    return None


def select_locale() -> str:
    """The account's language, else the visitor's cookie, else the browser's."""
    if current_user and current_user.is_authenticated and current_user.locale:
        return current_user.locale
    return visitor_language(request, current_app.config)


def visitor_language(asked: Request, config: Mapping) -> str:
    """The language of a visitor who is not signed in: the "lang" cookie, else
    the first of the browser's languages we offer, else the default. Takes the
    request and config so the public fast path can ask it before Flask runs."""
    languages = config["LANGUAGES"]
    cookie = asked.cookies.get(LANGUAGE_COOKIE)
    if cookie in languages:
        return cookie
    for tag, _quality in asked.accept_languages:
        language = normalise_language_tag(tag)
        if language in languages:
            return language
    return config["BABEL_DEFAULT_LOCALE"]


def isolated(text: str) -> str:
    """User-written text inside a translated sentence (a flash, a title, an email),
    kept in its own direction: first strong isolate … pop directional isolate."""
    return f"\u2068{text}\u2069"


def current_language() -> str:
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def text_direction(language: str | None = None) -> str:
    return "rtl" if (language or current_language()) in RTL_LANGUAGES else "ltr"


def format_number(value: float | int) -> str:
    return format_decimal(
        value, locale=Locale.parse(current_language()), numbering_system=NUMBERING_SYSTEM
    )


def format_day(value: date, style: str = "medium") -> str:
    return format_date(value, style)


def format_moment(value: datetime, style: str = "medium") -> str:
    return format_datetime(value, style)


def set_language_cookie(response, language: str) -> None:
    response.set_cookie(
        LANGUAGE_COOKIE,
        language,
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )


def localized(obj, field: str, language: str | None = None) -> str:
    """``obj.<field>_<language>`` in the reader's language, else whichever exists.

    User-written multilingual text (names, titles) is kept as one column per
    language; the page shows the reader's and falls back to what was given.
    """
    language = language or current_language()
    order = [language] + [code for code in ("ar", "ckb", "en") if code != language]
    for code in order:
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return value
    return ""
