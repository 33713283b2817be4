"""CSV files people open in a spreadsheet: written safely, read forgivingly.

Written files start with the UTF-8 byte-order mark, without which Excel reads
UTF-8 as the Windows code page and shows Arabic and Kurdish as noise. Lines end
in CRLF (the csv module's default) and every row has the header's columns.

Every cell is neutralised against formula injection (CSV injection, OWASP): a
spreadsheet runs a cell beginning with ``=``, ``+``, ``-`` or ``@`` as a formula,
and some also after a tab or a carriage return. Such a cell gets a leading
apostrophe, which the spreadsheet shows as text. We also neutralise a cell whose
first visible character is a trigger after leading spaces or invisible
direction marks (" =1+1", "\u200f=1+1"): some spreadsheets trim those before
reading a formula, and one apostrophe too many is harmless. Phone numbers begin
with "+": they are neutralised too, which keeps Excel from turning them into
numbers and dropping the "+".

Read files may come with or without the byte-order mark, separated by commas
(or by semicolons or tabs, as spreadsheets in some locales save them); a file in
another encoding than UTF-8 is refused with a code the caller explains.
"""

import codecs
import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _is_blank(character: str) -> bool:
    """Spaces and the invisible formatting marks (direction marks, zero-width joiners)."""
    return character.isspace() or unicodedata.category(character) == "Cf"


def needs_neutralising(text: str) -> bool:
    """Would a spreadsheet read this cell as a formula?"""
    if not text:
        return False
    if text[0] in FORMULA_TRIGGERS:
        return True
    if not _is_blank(text[0]):
        return False  # the common case, decided by the first character
    visible = next((character for character in text if not _is_blank(character)), "")
    return visible in FORMULA_TRIGGERS


def neutralise(value: object) -> str:
    """The cell's text, with a leading apostrophe when a spreadsheet would run it."""
    text = "" if value is None else str(value)
    return f"'{text}" if needs_neutralising(text) else text


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """The bytes of a CSV file: BOM, header, rows; every cell neutralised.

    Raises ValueError when a row does not have the header's number of columns.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # the "excel" dialect: CRLF, quotes where needed
    writer.writerow([neutralise(cell) for cell in header])
    for number, row in enumerate(rows, start=1):
        if len(row) != len(header):
            raise ValueError(f"row {number} has {len(row)} cells, the header {len(header)}")
        writer.writerow([neutralise(cell) for cell in row])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


class CsvProblem(StrEnum):
    NOT_UTF8 = "not_utf8"
    MALFORMED = "malformed"
    EMPTY = "empty"


class CsvFileError(Exception):
    """A file that cannot be read as CSV; ``problem`` says why."""

    def __init__(self, problem: CsvProblem):
        self.problem = problem
        super().__init__(problem)


@dataclass(frozen=True)
class CsvRow:
    """One record; ``number`` is its row in a spreadsheet (the header is row 1)."""

    number: int
    cells: list[str]


@dataclass(frozen=True)
class CsvTable:
    header: list[str]
    rows: list[CsvRow]


def decode_csv(data: bytes) -> str:
    """The text of an uploaded file: UTF-8, with or without the byte-order mark."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvFileError(CsvProblem.NOT_UTF8) from error


def _delimiter(first_line: str) -> str:
    """A comma, unless the header line holds none but semicolons or tabs."""
    if "," in first_line:
        return ","
    for candidate in (";", "\t"):
        if candidate in first_line:
            return candidate
    return ","


def read_csv(text: str) -> CsvTable:
    """The header and the records of a CSV text; wholly empty records are skipped
    (spreadsheets leave them at the end) but still counted in row numbers."""
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise CsvFileError(CsvProblem.MALFORMED)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        records = list(reader)
    except csv.Error as error:
        raise CsvFileError(CsvProblem.MALFORMED) from error
    if not records or not any(cell.strip() for cell in records[0]):
        raise CsvFileError(CsvProblem.EMPTY)
    rows = [
        CsvRow(number, cells)
        for number, cells in enumerate(records[1:], start=2)
        if any(cell.strip() for cell in cells)
    ]
    return CsvTable(header=records[0], rows=rows)
