"""How the cells of an imported row are read, and what only a CSV import can get wrong.

A row becomes the arguments of a profile (``profile_values``): codes may be
written as themselves or as their label in any of the three languages, lists are
separated by semicolons (Latin or Arabic), yes/no in English, Arabic or Kurdish.
The profile's own rules (names, type, place, links, contacts) are then those of
``app.organizations.services.profile_issues``; the problems here are those of a
file (encoding, columns, size) and of cells a form would not let through.
"""

import re
from enum import StrEnum
from typing import Any

from flask_babel import force_locale

from app.forums.governorates import GOVERNORATES
from app.organizations import labels
from app.organizations.normalise import normalise_name

YES = frozenset({"yes", "y", "true", "1", "نعم", "بەڵێ", "بەلێ"})
NO = frozenset({"no", "n", "false", "0", "لا", "نەخێر", "نا"})
_SEPARATOR = re.compile("[;؛]")  # the Latin and the Arabic semicolon
_SEPARATOR_OR_SPACE = re.compile(r"[\s;؛]+")
LANGUAGES = ("ar", "ckb", "en")
# Columns whose text goes to the profile as typed (trimmed; the profile rules check it).
AS_TYPED = (
    *(f"name_{code}" for code in LANGUAGES),
    "acronym",
    "registration_number",
    *(f"description_{code}" for code in LANGUAGES),
    "website",
    "contact_email",
    "contact_phone",
)


class ImportProblem(StrEnum):
    # The file as a whole
    NOT_UTF8 = "not_utf8"
    MALFORMED = "malformed"
    EMPTY = "empty"
    NO_ROWS = "no_rows"
    TOO_MANY_ROWS = "too_many_rows"
    UNKNOWN_COLUMN = "unknown_column"
    REPEATED_COLUMN = "repeated_column"
    MISSING_COLUMN = "missing_column"
    # One row
    EXTRA_CELLS = "extra_cells"
    CELL_TOO_LONG = "cell_too_long"
    NO_TYPE = "no_type"
    FIELD_OF_WORK_NOT_FOUND = "field_of_work_not_found"
    NOT_YES_NO = "not_yes_no"
    ALREADY_EXISTS = "already_exists"
    SAME_AS_ROW = "same_as_row"


class Invalid(Exception):
    """A cell refused: ``problem`` says why, ``data`` fills the message."""

    def __init__(self, problem: ImportProblem, **data: Any):
        self.problem = problem
        self.data = data
        super().__init__(problem)


def parse_yes_no(value: str) -> bool:
    """yes/no (also true/false, 1/0, and yes and no in Arabic and Kurdish)."""
    word = value.strip().casefold()
    if word in YES:
        return True
    if word in NO:
        return False
    raise Invalid(ImportProblem.NOT_YES_NO)


def split_list(value: str, spaces: bool = False) -> list[str]:
    """The items of a cell holding several, separated by semicolons (or spaces too)."""
    separator = _SEPARATOR_OR_SPACE if spaces else _SEPARATOR
    return [item.strip() for item in separator.split(value or "") if item.strip()]


def codes_by_label() -> dict[str, dict[str, str]]:
    """Per coded column: a code found by itself or by its label in any language."""
    coded = {
        "type": labels.ORGANIZATION_TYPE,
        "legal_status": labels.LEGAL_STATUS,
        "governorate": GOVERNORATES,
        "fields_of_work": labels.FIELDS_OF_WORK,
    }
    tables = {
        column: {normalise_name(str(c)): str(c) for c in codes} for column, codes in coded.items()
    }
    for language in LANGUAGES:
        with force_locale(language):
            for column, codes in coded.items():
                for code, label in codes.items():
                    tables[column].setdefault(normalise_name(str(label)), str(code))
    return tables


def profile_values(
    typed: dict[str, str], codes: dict[str, dict[str, str]]
) -> tuple[dict[str, Any], list[tuple[str, Invalid]]]:
    """The arguments of a profile read from a row, and what could not be read."""
    problems: list[tuple[str, Invalid]] = []

    def code(column: str, default: str | None = None) -> str | None:
        value = typed.get(column) or default
        return codes[column].get(normalise_name(value), value) if value else None

    def yes_no(column: str) -> bool:
        try:
            return parse_yes_no(typed.get(column) or "no")
        except Invalid as invalid:
            problems.append((column, invalid))
            return False

    fields_of_work = []
    for item in split_list(typed.get("fields_of_work", "")):
        if normalise_name(item) in codes["fields_of_work"]:
            fields_of_work.append(codes["fields_of_work"][normalise_name(item)])
        else:
            problems.append(
                ("fields_of_work", Invalid(ImportProblem.FIELD_OF_WORK_NOT_FOUND, value=item))
            )
    values = {column: typed.get(column) or None for column in AS_TYPED}
    values.update(
        kind=code("type") or "",
        legal_status=code("legal_status", "informal"),
        country=(typed.get("country") or "IQ").upper(),
        governorate=code("governorate"),
        fields_of_work=list(dict.fromkeys(fields_of_work)),
        social_links=split_list(typed.get("social_links", ""), spaces=True),
        listed_publicly=yes_no("listed_publicly"),
    )
    yes_no("create_anyway")
    return values, problems
