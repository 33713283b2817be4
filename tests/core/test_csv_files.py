"""CSV files for spreadsheets: BOM, CRLF, formula neutralisation; forgiving reading."""

import codecs
import csv
import io

import pytest

from app.core.csv_files import (
    FORMULA_TRIGGERS,
    CsvFileError,
    CsvProblem,
    decode_csv,
    neutralise,
    read_csv,
    write_csv,
)


@pytest.mark.parametrize(
    "cell",
    [
        '=HYPERLINK("http://example.org","click")',
        "+1",
        "-2",
        "@SUM(A1:A2)",
        "\tx",
        "\rx",
        "=1+1",
        "+9647701234567",  # a phone in E.164 starts with + and is neutralised too
    ],
)
def test_a_cell_a_spreadsheet_would_run_gets_an_apostrophe(cell):
    assert neutralise(cell) == "'" + cell


def test_every_trigger_is_covered():
    assert set(FORMULA_TRIGGERS) == {"=", "+", "-", "@", "\t", "\r"}
    for trigger in FORMULA_TRIGGERS:
        assert neutralise(f"{trigger}x") == f"'{trigger}x"


@pytest.mark.parametrize("cell", ["  =1+1", " +1", "\u200f=1+1", "\u202b@SUM(A1)", "\n-2"])
def test_a_trigger_after_spaces_or_direction_marks_is_neutralised_too(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize(
    "cell",
    [
        "",
        "Tammuz",
        "منظمة تموز للتنمية الاجتماعية",
        "ڕێکخراوی ئاشتی و ئازادی",
        "a=b",
        "1-2",
        "x@y.org",
    ],
)
def test_ordinary_text_is_left_as_it_is(cell):
    assert neutralise(cell) == cell


def test_values_other_than_text_are_written_as_text():
    assert neutralise(None) == ""
    assert neutralise(42) == "42"
    assert neutralise(-3) == "'-3"


def test_a_written_file_has_the_bom_crlf_and_neutralised_cells():
    content = write_csv(["name", "phone"], [["Tammuz", "+9647701234567"], ["=cmd", None]])

    assert content.startswith(codecs.BOM_UTF8)
    assert content.count(b"\r\n") == 3
    rows = list(csv.reader(io.StringIO(content[3:].decode("utf-8"), newline="")))
    assert rows == [["name", "phone"], ["Tammuz", "'+9647701234567"], ["'=cmd", ""]]


def test_a_cell_with_a_line_break_or_quotes_survives_the_round_trip():
    text = 'سطر أول\nسطر "ثاني", وثالث'
    content = write_csv(["note"], [[text]])
    assert read_csv(decode_csv(content)).rows[0].cells == [text]


def test_every_row_has_the_header_s_columns():
    with pytest.raises(ValueError, match="row 2 has 1 cells"):
        write_csv(["a", "b"], [["1", "2"], ["only one"]])


def test_utf8_is_read_with_or_without_the_bom():
    text = "name_ar\nمنظمة تموز\n"
    assert decode_csv(text.encode()) == text
    assert decode_csv(codecs.BOM_UTF8 + text.encode()) == text


@pytest.mark.parametrize("encoding", ["cp1256", "utf-16"])
def test_other_encodings_are_refused_with_a_code(encoding):
    with pytest.raises(CsvFileError) as refused:
        decode_csv("name_ar\nمنظمة تموز\n".encode(encoding))
    assert refused.value.problem is CsvProblem.NOT_UTF8


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_commas_semicolons_and_tabs_separate_columns(separator):
    table = read_csv(f"name_en{separator}type\r\nTammuz{separator}ngo\r\n")
    assert table.header == ["name_en", "type"]
    assert table.rows[0].cells == ["Tammuz", "ngo"]


def test_empty_records_are_skipped_but_counted_in_row_numbers():
    table = read_csv("name_en,type\nA,ngo\n,\n\nB,media\n")
    assert [(row.number, row.cells[0]) for row in table.rows] == [(2, "A"), (5, "B")]


def test_a_record_spanning_lines_is_one_spreadsheet_row():
    table = read_csv('name_en,description_en\nA,"two\nlines"\nB,x\n')
    assert [row.number for row in table.rows] == [2, 3]


@pytest.mark.parametrize(
    ("text", "problem"),
    [("", CsvProblem.EMPTY), ("\n\n", CsvProblem.EMPTY), ("a,b\n1,\x002\n", CsvProblem.MALFORMED)],
)
def test_unreadable_files_are_refused_with_a_code(text, problem):
    with pytest.raises(CsvFileError) as refused:
        read_csv(text)
    assert refused.value.problem is problem
