"""Organizations imported by a forum's organizers from a CSV file: all or nothing.

The file is checked first (``preview_import``): each row is read into profile
values (codes may be written as their label in any language; lists are
separated by semicolons; yes/no) and checked by the same rules as a profile
typed on its page (``services.profile_issues``); every problem names its row and
column. A row whose name matches an existing organization, or an earlier row,
after Arabic-aware normalisation is a problem too, unless its ``create_anyway``
column says yes. ``import_organizations`` checks the file again (the database may
have changed since the preview) and creates every organization in one savepoint,
or none when any row is wrong or anything fails.

Imported organizations have no members: the people who run them ask to join,
or are invited, and a site administrator gives them their first member
(claiming.py). Text is stored as typed (trimmed); exports neutralise it.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from app.accounts.models import User
from app.audit.services import AuditAction, record
from app.core.csv_files import CsvFileError, CsvRow, decode_csv, read_csv
from app.core.i18n import localized
from app.extensions import db
from app.forums.models import Forum
from app.organizations.import_rules import (
    ImportProblem,
    Invalid,
    codes_by_label,
    parse_yes_no,
    profile_values,
)
from app.organizations.models import Organization
from app.organizations.normalise import name_keys, normalise_name
from app.organizations.services import ProfileProblem, clean_profile, profile_issues

NAME_COLUMNS = ("name_ar", "name_ckb", "name_en")
DESCRIPTION_COLUMNS = ("description_ar", "description_ckb", "description_en")
IMPORT_COLUMNS = (
    *NAME_COLUMNS,
    "acronym",
    "type",
    "legal_status",
    "registration_number",
    "country",
    "governorate",
    "fields_of_work",
    "website",
    "social_links",
    "contact_email",
    "contact_phone",
    "listed_publicly",
    *DESCRIPTION_COLUMNS,
    "create_anyway",
)
ALL_NAMES = "name_ar, name_ckb, name_en"
# The profile's argument each column fills, where the names differ.
_COLUMN_OF_ARGUMENT = {"kind": "type", "name": ALL_NAMES}
MAX_ROWS = 2000
MAX_CELL = 5000  # characters; the profile rules then hold each column to its size

Problem = ImportProblem | ProfileProblem


@dataclass(frozen=True)
class ImportIssue:
    """One problem: of the file (``row`` None) or of a row, in ``column``."""

    problem: Problem
    column: str | None = None
    row: int | None = None
    data: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass
class ImportRow:
    """A row of the file: what was typed, its problems, and (once it has none) the
    organization's columns as stored."""

    number: int
    values: dict[str, str]
    fields: dict[str, Any] = field(default_factory=dict)
    issues: list[ImportIssue] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.issues


@dataclass
class ImportPreview:
    text: str
    rows: list[ImportRow] = field(default_factory=list)
    file_issues: list[ImportIssue] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.file_issues and bool(self.rows) and all(r.is_valid for r in self.rows)

    @property
    def rows_with_problems(self) -> int:
        return sum(1 for row in self.rows if not row.is_valid)


class ImportRefused(Exception):
    """The file has problems: nothing was written. ``preview`` says which."""

    def __init__(self, preview: ImportPreview):
        self.preview = preview
        super().__init__(
            f"{len(preview.file_issues)} file issues, {preview.rows_with_problems} rows"
        )


def preview_import(data: bytes | str) -> ImportPreview:
    """Check an uploaded file (bytes) or its text, row by row, without writing."""
    try:
        text = decode_csv(data) if isinstance(data, bytes) else data
        table = read_csv(text)
    except CsvFileError as error:
        text = data if isinstance(data, str) else ""
        return ImportPreview(text, file_issues=[ImportIssue(ImportProblem(error.problem))])
    preview = ImportPreview(text)
    columns = [_column_name(cell) for cell in table.header]
    preview.file_issues = _header_issues(columns)
    if not table.rows:
        preview.file_issues.append(ImportIssue(ImportProblem.NO_ROWS))
    elif len(table.rows) > MAX_ROWS:
        preview.file_issues.append(ImportIssue(ImportProblem.TOO_MANY_ROWS, data={"max": MAX_ROWS}))
    if preview.file_issues:
        return preview
    codes = codes_by_label()
    preview.rows = [_check_row(row, columns, codes) for row in table.rows]
    _mark_duplicates(preview.rows)
    for row in preview.rows:
        row.fields = clean_profile(row.fields) if row.is_valid else {}
    return preview


def import_organizations(actor: User, forum: Forum, text: str) -> list[Organization]:
    """Create the organizations of a checked file, all or none (ImportRefused when any
    row is wrong now); created by ``actor``, without members; audited with the count."""
    preview = preview_import(text)
    if not preview.is_valid:
        raise ImportRefused(preview)
    with db.session.begin_nested():  # a failure half-way leaves nothing behind
        organizations = [_new_organization(actor, row.fields) for row in preview.rows]
        db.session.flush()
    record(AuditAction.ORGANIZATIONS_IMPORTED, actor=actor, forum=forum, count=len(organizations))
    return organizations


def _new_organization(actor: User, fields: Mapping[str, Any]) -> Organization:
    organization = Organization(**fields, created_by_id=actor.id)
    organization.name_keys = name_keys(*(fields.get(column) for column in NAME_COLUMNS))
    db.session.add(organization)
    return organization


def _column_name(cell: str) -> str:
    """A header cell as a column name: "Name AR" and "name-ar" mean name_ar."""
    cleaned = "".join(c for c in cell if c.isprintable()).strip().lower()
    return re.sub(r"[\s-]+", "_", cleaned)


def _header_issues(columns: list[str]) -> list[ImportIssue]:
    issues = []
    for column in dict.fromkeys(columns):
        if column and column not in IMPORT_COLUMNS:
            issues.append(ImportIssue(ImportProblem.UNKNOWN_COLUMN, column))
        elif column and columns.count(column) > 1:
            issues.append(ImportIssue(ImportProblem.REPEATED_COLUMN, column))
    if not set(NAME_COLUMNS) & set(columns):
        issues.append(ImportIssue(ImportProblem.MISSING_COLUMN, ALL_NAMES))
    if "type" not in columns:
        issues.append(ImportIssue(ImportProblem.MISSING_COLUMN, "type"))
    return issues


def _check_row(row: CsvRow, columns: list[str], codes: dict[str, dict[str, str]]) -> ImportRow:
    checked = ImportRow(row.number, values={})

    def add(problem: Problem, column: str | None, **data: Any) -> None:
        checked.issues.append(ImportIssue(problem, column, row.number, data))

    for position, cell in enumerate(cell.strip() for cell in row.cells):
        column = columns[position] if position < len(columns) else ""
        if column:
            checked.values[column] = cell
        elif cell:
            add(ImportProblem.EXTRA_CELLS, None)
    too_long = [column for column, value in checked.values.items() if len(value) > MAX_CELL]
    for column in too_long:
        add(ImportProblem.CELL_TOO_LONG, column, max=MAX_CELL)
    if too_long:  # not worth reading further
        return checked
    values, problems = profile_values(checked.values, codes)
    for column, invalid in problems:
        add(invalid.problem, column, **invalid.data)
    for issue in profile_issues(values):
        if issue.problem is ProfileProblem.UNKNOWN_TYPE and not checked.values.get("type"):
            add(ImportProblem.NO_TYPE, "type")
        else:
            add(issue.problem, _COLUMN_OF_ARGUMENT.get(issue.field, issue.field), **issue.data)
    checked.fields = values
    return checked


def _mark_duplicates(rows: list[ImportRow]) -> None:
    """A name already used (by an organization, or an earlier row) is a problem, unless
    the row's ``create_anyway`` says yes."""
    existing = _existing_names()
    seen: dict[str, int] = {}
    for row in rows:
        keys = {column: normalise_name(row.values.get(column)) for column in NAME_COLUMNS}
        keys = {column: key for column, key in keys.items() if key}
        if not _creates_anyway(row):
            _check_names(row, keys, existing, seen)
        for key in keys.values():
            seen.setdefault(key, row.number)


def _check_names(
    row: ImportRow, keys: dict[str, str], existing: dict[str, list[str]], seen: dict[str, int]
) -> None:
    taken = [column for column, key in keys.items() if key in existing]
    if taken:
        names = list(dict.fromkeys(name for c in taken for name in existing[keys[c]]))
        issue = ImportIssue(ImportProblem.ALREADY_EXISTS, taken[0], row.number, {"names": names})
        row.issues.append(issue)
    earlier = sorted((seen[key], column) for column, key in keys.items() if key in seen)
    if earlier:
        other, column = earlier[0]
        row.issues.append(
            ImportIssue(ImportProblem.SAME_AS_ROW, column, row.number, {"other": other})
        )


def _creates_anyway(row: ImportRow) -> bool:
    try:
        return parse_yes_no(row.values.get("create_anyway") or "no")
    except Invalid:
        return False


def _existing_names() -> dict[str, list[str]]:
    """Name key → names (in the reader's language) of the organizations that have it."""
    query = sa.select(
        Organization.name_keys, Organization.name_ar, Organization.name_ckb, Organization.name_en
    )
    names: dict[str, list[str]] = {}
    for organization in db.session.execute(query):
        for key in filter(None, organization.name_keys.split("|")):
            names.setdefault(key, []).append(localized(organization, "name"))
    return names
