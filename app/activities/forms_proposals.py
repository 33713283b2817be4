"""The proposal form (new and edit) and the words for the proposal rules' codes.

Presenters are entered without JavaScript: three fieldsets, of which blank ones are
ignored. Every refusal of app.activities.proposals is shown beside its field (or
above the form when it belongs to none), in the reader's language.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TelField,
    TextAreaField,
)
from wtforms.validators import Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.activities.labels import ACTIVITY_FORMAT, INTERPRETATION_MODE
from app.activities.models import Activity
from app.activities.proposal_fields import (
    LANGUAGES,
    LENGTHS,
    MAX_NAME,
    MAX_TITLE,
    FieldIssue,
    FieldProblem,
    PresenterDetails,
)
from app.activities.proposals import ProposalError, ProposalProblem
from app.core.i18n import LANGUAGE_NAMES, format_day, localized
from app.forums.forms_venue import EQUIPMENT_LABELS
from app.forums.models import Forum
from app.forums.venue import EQUIPMENT, MAX_CAPACITY
from app.organizations.registration_delegates import OTHER_LANGUAGE

PRESENTER_ROWS = 3
DIRECTION = {"ar": "rtl", "ckb": "rtl", "en": "ltr"}

PROBLEMS = {
    ProposalProblem.FORUM_NOT_OPEN: _l("This forum is not open for proposals."),
    ProposalProblem.NO_WINDOW: _l("The forum has not set a period for proposals yet."),
    ProposalProblem.WINDOW_NOT_YET_OPEN: _l("Proposals open on %(opens)s."),
    ProposalProblem.WINDOW_CLOSED: _l("Proposals closed on %(closes)s."),
    ProposalProblem.NOT_MEMBER: _l("You are not a member of this organization."),
    ProposalProblem.NOT_APPROVED: _l(
        "Your organization's registration for this forum has not been approved."
    ),
    ProposalProblem.TOO_MANY_ACTIVITIES: _l(
        "Your organization has already proposed %(max)s activities, the most this forum allows."
    ),
    ProposalProblem.NOT_INVOLVED: _l("Your organizations do not organize this activity."),
    ProposalProblem.NOT_EDITABLE: _l("This activity can no longer be changed."),
    ProposalProblem.NOT_A_DRAFT: _l("This proposal has already been submitted."),
    ProposalProblem.INVALID_FIELDS: _l("Some answers need correcting: see below."),
    ProposalProblem.INCOMPLETE: _l("Some answers are missing: see below."),
    ProposalProblem.TOO_FEW_CO_ORGANIZERS: _l(
        "An assembly needs at least %(min)s co-organizing organizations that have accepted."
    ),
    ProposalProblem.NOT_WITHDRAWABLE: _l("This activity can no longer be withdrawn."),
    ProposalProblem.FORUM_STARTED: _l("The forum began on %(start)s: it is too late."),
}
assert set(PROBLEMS) == set(ProposalProblem)

FIELD_PROBLEMS = {
    FieldProblem.MISSING: _l("This is needed to submit the proposal."),
    FieldProblem.TOO_LONG: _l("At most %(max)s characters."),
    FieldProblem.UNKNOWN_THEME: _l("Choose one of the forum's themes."),
    FieldProblem.UNKNOWN_FORMAT: _l("Choose a format from the list."),
    FieldProblem.UNKNOWN_LANGUAGE: _l("Choose languages from the list."),
    FieldProblem.UNKNOWN_MODE: _l("Choose a mode from the list."),
    FieldProblem.MODE_REQUIRED: _l("Choose how the interpretation is done."),
    FieldProblem.MODE_WITHOUT_LANGUAGES: _l("Tick the languages to interpret into, too."),
    FieldProblem.OUT_OF_RANGE: _l("From %(min)s to %(max)s."),
    FieldProblem.UNKNOWN_EQUIPMENT: _l("Choose equipment from the list."),
    FieldProblem.DAY_OF_ANOTHER_FORUM: _l("Choose one of this forum's days."),
    FieldProblem.DAY_PREFERRED_AND_IMPOSSIBLE: _l("A day cannot be both preferred and impossible."),
    FieldProblem.INVALID_PHONE: _l(
        "This is not a phone number: write it like 0770 123 4567, or with its country code."
    ),
    FieldProblem.INVALID_EMAIL: _l("This is not an email address."),
}
assert set(FIELD_PROBLEMS) == set(FieldProblem)

# Missing pieces that are no single input: shown above their group of inputs.
GROUPS = {
    "title": _l("Give a title in at least one language."),
    "description": _l("Give a description in at least one language."),
    "presenters": _l("Name at least one presenter."),
}


def _formatted(data: dict) -> dict:
    return {k: format_day(v) if hasattr(v, "strftime") else v for k, v in data.items()}


def problem_message(problem: ProposalProblem, data: dict) -> str:
    return str(PROBLEMS[problem]) % _formatted(data)


def issue_message(issue: FieldIssue) -> str:
    message = str(FIELD_PROBLEMS[issue.problem])
    return message % issue.data if issue.data else message


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class PresenterForm(Form):
    """One presenter's fieldset; part of ProposalForm (whose CSRF token covers it)."""

    name = StringField(
        _l("Name"), validators=[Optional(), Length(max=MAX_NAME)], filters=[_strip],
        render_kw={"dir": "auto", "autocomplete": "off"},
    )  # fmt: skip
    organization_name = StringField(
        _l("Organization (optional)"), validators=[Optional(), Length(max=200)],
        filters=[_strip], render_kw={"dir": "auto"},
    )  # fmt: skip
    languages = MultiCheckboxField(_l("Languages spoken"))
    phone = TelField(
        _l("Phone (optional)"), validators=[Optional(), Length(max=40)], filters=[_strip],
        description=_l("An Iraqi number such as 0770 123 4567, or one with its country code."),
        render_kw={"dir": "ltr", "inputmode": "tel", "autocomplete": "off"},
    )  # fmt: skip
    email = EmailField(
        _l("Email (optional)"), validators=[Optional(), Length(max=254)], filters=[_strip],
        render_kw={"dir": "ltr", "autocomplete": "off"},
    )  # fmt: skip
    public_consent = BooleanField(
        _l("May be shown publicly"),
        description=_l("Only the name and organization, and only if the person agreed."),
    )

    @property
    def is_blank(self) -> bool:
        return not any((self.name.data, self.organization_name.data, self.phone.data,
                        self.email.data, self.languages.data))  # fmt: skip


def _text(kind: str, code: str):
    # Formatted when shown (lazily), so the label is in the reader's language.
    language = LANGUAGE_NAMES[code]
    label = {
        "title": _l("Title in %(language)s", language=language),
        "description": _l("Description in %(language)s", language=language),
    }
    field_class, validators, extra = (
        (StringField, [Optional(), Length(max=MAX_TITLE)], {})
        if kind == "title"
        else (TextAreaField, [Optional()], {"rows": 5})
    )
    return field_class(
        label[kind],
        validators=validators,
        render_kw={"dir": DIRECTION[code], "lang": code, **extra},
    )


class ProposalForm(FlaskForm):
    title_ar, title_ckb, title_en = (_text("title", code) for code in LANGUAGES)
    description_ar, description_ckb, description_en = (
        _text("description", code) for code in LANGUAGES
    )
    theme_id = SelectField(_l("Theme"), coerce=_int_or_none, validate_choice=True)
    format = SelectField(
        _l("Format"), choices=[SelectChoice(str(f), label) for f, label in ACTIVITY_FORMAT.items()]
    )
    spoken_languages = MultiCheckboxField(_l("Languages spoken in the activity"))
    interpretation_into = MultiCheckboxField(_l("Interpretation wanted into"))
    interpretation_mode = SelectField(
        _l("Interpretation mode"),
        choices=[SelectChoice("", _l("No interpretation"))]
        + [SelectChoice(str(m), label) for m, label in INTERPRETATION_MODE.items()],
        default="",
    )
    expected_attendance = IntegerField(
        _l("Expected attendance (optional)"),
        validators=[Optional(), NumberRange(min=1, max=MAX_CAPACITY)],
        render_kw={"inputmode": "numeric", "dir": "ltr"},
    )
    length_slots = SelectField(
        _l("Length in time slots"),
        coerce=int,
        choices=[SelectChoice(n, str(n)) for n in LENGTHS],
        default=1,
    )
    equipment = MultiCheckboxField(
        _l("Equipment needed"), choices=[SelectChoice(c, EQUIPMENT_LABELS[c]) for c in EQUIPMENT]
    )
    preferred_day_ids = MultiCheckboxField(_l("Preferred days"), coerce=int)
    impossible_day_ids = MultiCheckboxField(_l("Days the activity cannot take place"), coerce=int)
    accessibility_notes = TextAreaField(
        _l("Accessibility notes (optional)"), render_kw={"dir": "auto", "rows": 3}
    )
    presenters = FieldList(
        FormField(PresenterForm), min_entries=PRESENTER_ROWS, max_entries=PRESENTER_ROWS
    )
    save = SubmitField(_l("Save the draft"))
    submit = SubmitField(_l("Submit the proposal"))

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.form_errors: list[str] = []
        self.group_errors: dict[str, list[str]] = {}
        self.theme_id.choices = [SelectChoice("", _l("Choose a theme"))] + [
            SelectChoice(theme.id, localized(theme, "name")) for theme in forum.themes
        ]
        names = [SelectChoice(code, LANGUAGE_NAMES[code]) for code in LANGUAGES]
        self.spoken_languages.choices = [
            *names,
            SelectChoice(OTHER_LANGUAGE, _l("Another language")),
        ]
        self.interpretation_into.choices = [
            SelectChoice(code, LANGUAGE_NAMES[code]) for code in forum.languages
        ]
        days = [SelectChoice(day.id, format_day(day.date, "full")) for day in forum.days]
        self.preferred_day_ids.choices = self.impossible_day_ids.choices = days
        for entry in self.presenters:
            entry.form.languages.choices = self.spoken_languages.choices

    def fill(self, activity: Activity) -> None:
        """Show ``activity`` as it is (on a GET of the edit page)."""
        for name in ("title", "description"):
            for code in LANGUAGES:
                getattr(self, f"{name}_{code}").data = getattr(activity, f"{name}_{code}")
        self.theme_id.data = activity.theme_id
        self.format.data = str(activity.format)
        self.spoken_languages.data = list(activity.spoken_languages or [])
        self.interpretation_into.data = list(activity.interpretation_into or [])
        mode = activity.interpretation_mode
        self.interpretation_mode.data = str(mode) if mode else ""
        self.expected_attendance.data = activity.expected_attendance
        self.length_slots.data = activity.length_slots
        self.equipment.data = list(activity.equipment or [])
        wishes = activity.day_wishes
        self.preferred_day_ids.data = [w.day_id for w in wishes if w.preferred]
        self.impossible_day_ids.data = [w.day_id for w in wishes if not w.preferred]
        self.accessibility_notes.data = activity.accessibility_notes
        for entry, presenter in zip(self.presenters, activity.presenters, strict=False):
            form = entry.form
            form.name.data, form.organization_name.data = (
                presenter.name,
                presenter.organization_name,
            )
            form.languages.data = list(presenter.languages or [])
            form.phone.data, form.email.data = presenter.phone, presenter.email
            form.public_consent.data = presenter.public_consent

    def fields(self) -> dict:
        """Every field, as app.activities.proposals takes them; blank presenters left out."""
        values = {f"{n}_{c}": getattr(self, f"{n}_{c}").data for n in ("title", "description")
                  for c in LANGUAGES}  # fmt: skip
        values.update(
            theme_id=self.theme_id.data,
            format=self.format.data,
            spoken_languages=self.spoken_languages.data or [],
            interpretation_into=self.interpretation_into.data or [],
            interpretation_mode=self.interpretation_mode.data or None,
            expected_attendance=self.expected_attendance.data,
            length_slots=self.length_slots.data,
            equipment=self.equipment.data or [],
            preferred_day_ids=self.preferred_day_ids.data or [],
            impossible_day_ids=self.impossible_day_ids.data or [],
            accessibility_notes=self.accessibility_notes.data,
            presenters=[
                PresenterDetails(
                    name=entry.form.name.data,
                    organization_name=entry.form.organization_name.data,
                    languages=tuple(entry.form.languages.data or ()),
                    phone=entry.form.phone.data,
                    email=entry.form.email.data,
                    public_consent=bool(entry.form.public_consent.data),
                    row=row,
                )
                for row, entry in enumerate(self.presenters)
                if not entry.form.is_blank
            ],
        )
        return values

    def show(self, error: ProposalError) -> None:
        """The service's refusal beside the fields it is about, the rest at the top."""
        for problem in error.problems:
            self.form_errors.append(problem_message(problem, error.data))
        for issue in error.issues:
            if issue.field in GROUPS:
                self.group_errors.setdefault(issue.field, []).append(str(GROUPS[issue.field]))
                continue
            if issue.row is not None:
                field = getattr(self.presenters[issue.row].form, issue.field)
            else:
                field = getattr(self, issue.field)
            field.errors = [*field.errors, issue_message(issue)]
