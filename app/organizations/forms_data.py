"""Forms of the data page (import of organizations), and the words for import problems.

Between the preview and the import the checked file travels in a hidden field,
signed (itsdangerous, with the app's secret key and a salt of its own) and bound
to the forum and the organizer, so it cannot be changed or replayed elsewhere,
and nothing of it is stored on the server. It expires after an hour.
"""

from babel.lists import format_list
from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from itsdangerous import BadSignature, URLSafeTimedSerializer
from wtforms import HiddenField, SubmitField
from wtforms.validators import InputRequired

from app.core.i18n import format_number
from app.organizations.csv_import import IMPORT_COLUMNS, ImportIssue
from app.organizations.forms import profile_message
from app.organizations.import_rules import ImportProblem
from app.organizations.services import ProfileIssue, ProfileProblem

MAX_UPLOAD_BYTES = 1024 * 1024
# The hidden field must fit Flask's MAX_FORM_MEMORY_SIZE (500,000 bytes by default);
# the signed text is compressed, so a file of 1 MB usually fits well within it.
MAX_SEALED_CHARS = 450_000
SEAL_MAX_AGE = 3600
_SALT = "muntada.organizations.import"


class ImportUploadForm(FlaskForm):
    file = FileField(
        _l("CSV file"),
        validators=[
            FileRequired(_l("Choose a CSV file.")),
            FileAllowed(
                ["csv"], _l("Choose a file ending in .csv (in Excel: Save as, CSV UTF-8).")
            ),
            FileSize(MAX_UPLOAD_BYTES, message=_l("The file is larger than 1 MB: split it.")),
        ],
        description=_l("UTF-8 text (in Excel: Save as, CSV UTF-8), at most 1 MB."),
        render_kw={"accept": ".csv,text/csv"},
    )
    check = SubmitField(_l("Check the file"))


class ImportConfirmForm(FlaskForm):
    content = HiddenField(validators=[InputRequired()])
    do_import = SubmitField(_l("Import"))

    def opened_text(self, forum_id: int, user_id: int) -> str | None:
        """The file text sealed for this forum and organizer; None if changed or expired."""
        try:
            sealed = _serializer().loads(self.content.data or "", max_age=SEAL_MAX_AGE)
        except BadSignature:
            return None
        if sealed.get("forum") != forum_id or sealed.get("user") != user_id:
            return None
        return sealed.get("text")


def seal_import(text: str, forum_id: int, user_id: int) -> str | None:
    """The signed form of a checked file, or None when too large for one form field."""
    sealed = _serializer().dumps({"forum": forum_id, "user": user_id, "text": text})
    return sealed if len(sealed) <= MAX_SEALED_CHARS else None


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=_SALT)


# What each column holds, shown on the page beside the column's name.
COLUMN_HELP = {
    "name_ar": _l("Name in Arabic"),
    "name_ckb": _l("Name in Kurdish"),
    "name_en": _l("Name in English. At least one of the three names is needed."),
    "acronym": _l("Short name, e.g. ISF"),
    "type": _l("Type: its code or its name in any language, e.g. ngo, trade_union, NGO"),
    "legal_status": _l("registered_baghdad, registered_kurdistan or informal (the default)"),
    "registration_number": _l("The NGO Directorate's number: needed when registered"),
    "country": _l("Two-letter country code, e.g. IQ (the default)"),
    "governorate": _l("Governorate code or name, e.g. baghdad, basra, erbil: needed in Iraq"),
    "fields_of_work": _l("Codes or names separated by ;, e.g. human_rights;peace"),
    "website": _l("Web address, e.g. https://example.org"),
    "social_links": _l("Up to 5 web addresses separated by spaces or ;"),
    "contact_email": _l("Public contact email"),
    "contact_phone": _l("Public contact phone; Iraqi numbers may omit +964"),
    "listed_publicly": _l("yes or no (the default): may the public directory list it?"),
    "description_ar": _l("Description in Arabic"),
    "description_ckb": _l("Description in Kurdish"),
    "description_en": _l("Description in English"),
    "create_anyway": _l("yes to create it even though an organization has the same name"),
}
assert set(COLUMN_HELP) == set(IMPORT_COLUMNS)

FILE_MESSAGES = {
    ImportProblem.NOT_UTF8: _l(
        "This file is not UTF-8 text. In Excel choose Save as, then CSV UTF-8, and try again."
    ),
    ImportProblem.MALFORMED: _l("This file cannot be read as CSV. Save it as CSV UTF-8."),
    ImportProblem.EMPTY: _l("The file is empty: its first line names the columns."),
    ImportProblem.NO_ROWS: _l("The file has no rows under its header."),
    ImportProblem.TOO_MANY_ROWS: _l("At most %(max)s rows at once: split the file."),
    ImportProblem.UNKNOWN_COLUMN: _l("Unknown column %(column)s: use the names listed below."),
    ImportProblem.REPEATED_COLUMN: _l("The column %(column)s appears twice."),
    ImportProblem.MISSING_COLUMN: _l("The file needs the column %(column)s."),
}
# A row's problems, in the words of a file (a form's "choose from the list" would not fit).
ROW_MESSAGES = {
    ImportProblem.EXTRA_CELLS: _l("there are more cells than columns"),
    ImportProblem.CELL_TOO_LONG: _l("at most %(max)s characters"),
    ImportProblem.NO_TYPE: _l("the type is needed"),
    ImportProblem.FIELD_OF_WORK_NOT_FOUND: _l("%(value)s is not a known field of work"),
    ImportProblem.NOT_YES_NO: _l("write yes or no"),
    ImportProblem.ALREADY_EXISTS: _l("already exists: %(names)s"),
    ImportProblem.SAME_AS_ROW: _l("same name as row %(other)s"),
    ProfileProblem.NO_NAME: _l("give the name in at least one language"),
    ProfileProblem.TOO_LONG: _l("at most %(max)s characters"),
    ProfileProblem.UNKNOWN_TYPE: _l("not a known type of organization"),
    ProfileProblem.UNKNOWN_LEGAL_STATUS: _l("not a known legal status"),
    ProfileProblem.NEEDS_REGISTRATION_NUMBER: _l(
        "a registered organization needs the Directorate's registration number"
    ),
    ProfileProblem.INFORMAL_HAS_NUMBER: _l(
        "an informal organization has no registration number: check legal_status"
    ),
    ProfileProblem.UNKNOWN_COUNTRY: _l("not a two-letter country code"),
    ProfileProblem.NEEDS_GOVERNORATE: _l("an organization in Iraq needs its governorate"),
    ProfileProblem.UNKNOWN_GOVERNORATE: _l("not a governorate of Iraq"),
    ProfileProblem.GOVERNORATE_OUTSIDE_IRAQ: _l("a governorate is given for Iraq only"),
    ProfileProblem.UNKNOWN_FIELD_OF_WORK: _l("not a known field of work"),
    ProfileProblem.INVALID_URL: _l("not a web address such as https://example.org"),
    ProfileProblem.TOO_MANY_LINKS: _l("at most %(max)s links"),
    ProfileProblem.INVALID_EMAIL: _l("not a valid email address"),
    ProfileProblem.INVALID_PHONE: _l("not a valid phone number"),
}
assert set(FILE_MESSAGES) | set(ROW_MESSAGES) >= set(ImportProblem)
LINK_NOT_URL = _l("%(link)s is not a web address such as https://example.org")
TOO_LARGE_TO_CONFIRM = _l("This file is too large to import at once: split it in two.")
ROW_MESSAGE = _l("Row %(row)s, %(column)s: %(problem)s")
ROW_MESSAGE_WITHOUT_COLUMN = _l("Row %(row)s: %(problem)s")


def _filled(issue: ImportIssue) -> str:
    if issue.problem is ProfileProblem.INVALID_URL and "link" in issue.data:
        message = LINK_NOT_URL
    elif issue.problem in FILE_MESSAGES:
        message = FILE_MESSAGES[issue.problem]
    elif issue.problem in ROW_MESSAGES:
        message = ROW_MESSAGES[issue.problem]
    else:  # a profile rule newer than this list: the form's words
        return profile_message(ProfileIssue(issue.problem, issue.column or "", issue.data))
    data = {"column": issue.column or "", **issue.data}
    if "names" in data:
        names = [f"\u2068{name}\u2069" for name in data["names"]]
        data["names"] = format_list(names, locale=get_locale())
    for key in ("value", "link"):
        if key in data:
            data[key] = f"\u2068{data[key]}\u2069"
    if "max" in data:
        data["max"] = format_number(data["max"])
    return str(message) % data


def issue_message(issue: ImportIssue) -> str:
    """The problem in the reader's language; a row's names its row and column."""
    if issue.row is None:
        return _filled(issue)
    message = ROW_MESSAGE if issue.column else ROW_MESSAGE_WITHOUT_COLUMN
    return str(message) % {"row": issue.row, "column": issue.column, "problem": _filled(issue)}
