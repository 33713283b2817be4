"""Contact details as people type them and as they are kept: phone numbers (E.164,
Iraqi unless written with a country code) and web addresses (http or https only).

Plain functions with no database or request: profiles, delegates and imports share them.
"""

import re
from urllib.parse import urlsplit

import phonenumbers

PHONE_REGION = "IQ"  # numbers written without +country are Iraqi
_HOST_LABEL = re.compile(r"^(?!-)[^\W_](?:[\w-]{0,61}[^\W_])?$", re.UNICODE)


def normalise_phone(text: str | None, region: str = PHONE_REGION) -> str | None:
    """A phone number as E.164 (``0770 123 4567`` → ``+9647701234567``); None for none.

    Numbers without a country code are read as Iraqi; Arabic-Indic digits are
    understood. Raises ValueError for a number that cannot exist.
    """
    text = (text or "").strip()
    if not text:
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as error:
        raise ValueError("not a phone number") from error
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def international_phone(e164: str | None) -> str:
    """An E.164 number written for people: ``+964 770 123 4567``."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalise_url(text: str | None) -> str | None:
    """A web address, ``http(s)://host…``; one typed without its scheme gets https://.

    Raises ValueError for anything else (another scheme, no host, spaces).
    """
    text = (text or "").strip()
    if not text:
        return None
    if "://" not in text:
        text = "https://" + text
    if any(character.isspace() for character in text):
        raise ValueError("not a web address")
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError as error:
        raise ValueError("not a web address") from error
    host = parts.hostname or ""
    labels = host.rstrip(".").split(".")
    if (
        parts.scheme.lower() not in ("http", "https")
        or parts.username is not None
        or not port_ok
        or len(labels) < 2
        or not all(_HOST_LABEL.match(label) for label in labels)
    ):
        raise ValueError("not a web address")
    return text
