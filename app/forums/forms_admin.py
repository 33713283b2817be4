"""Site administrators' forms: create a forum, or start one as a copy of another."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.core.i18n import localized
from app.forums.forms_settings import date_message
from app.forums.labels import FORUM_KIND
from app.forums.models import Forum, ForumKind
from app.forums.services import date_errors

NO_PARENT = ""


def _slug_field() -> StringField:
    return StringField(
        _l("Web address"),
        validators=[DataRequired(), Length(max=80)],
        filters=[lambda value: value.strip() if value else value],
        render_kw={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"},
        description=_l(
            "The forum's pages live at /this-name: lower-case Latin letters, digits "
            "and hyphens, e.g. isf-5 or najaf-2018."
        ),
    )


def _organizers_field() -> TextAreaField:
    return TextAreaField(
        _l("First organizers"),
        validators=[DataRequired(message=_l("Name at least one organizer."))],
        render_kw={"dir": "ltr", "rows": 3, "spellcheck": "false"},
        description=_l("Email addresses of their accounts, one per line. They are told by email."),
    )


def organizer_emails(field) -> list[str]:
    return [line.strip() for line in (field.data or "").replace(",", "\n").splitlines()]


def _name_field(label, language: str) -> StringField:
    direction = "ltr" if language == "en" else "rtl"
    return StringField(
        label,
        validators=[Optional(), Length(max=200)],
        render_kw={"dir": direction, "lang": language},
    )


class NewForumForm(FlaskForm):
    kind = RadioField(
        _l("Kind"),
        choices=[SelectChoice(str(kind), label) for kind, label in FORUM_KIND.items()],
        default=str(ForumKind.SEASON),
        validators=[DataRequired()],
    )
    parent = SelectField(_l("Belongs to the season"), choices=[], validate_choice=True)
    number = IntegerField(_l("Season number"), validators=[Optional(), NumberRange(min=1, max=999)])
    slug = _slug_field()
    name_ar = _name_field(_l("Name in Arabic"), "ar")
    name_ckb = _name_field(_l("Name in Kurdish"), "ckb")
    name_en = _name_field(_l("Name in English"), "en")
    start_date = DateField(_l("First day"), validators=[DataRequired()])
    end_date = DateField(_l("Last day"), validators=[DataRequired()])
    organizers = _organizers_field()
    submit = SubmitField(_l("Create the forum"))

    def __init__(self, *args, seasons: list[Forum] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.parent.choices = [SelectChoice(NO_PARENT, _l("None: it stands alone"))] + [
            SelectChoice(str(season.id), localized(season, "name") or season.slug)
            for season in seasons
        ]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Each name is optional on its own (so not a field validator): one is needed.
        if not any((self.name_ar.data, self.name_ckb.data, self.name_en.data)):
            self.name_ar.errors = [
                *self.name_ar.errors,
                _l("Give the forum a name in at least one language."),
            ]
            valid = False
        for error in date_errors(self.start_date.data, self.end_date.data, {}):
            getattr(self, error.field).errors.append(date_message(error, None))
            valid = False
        return valid

    def validate_parent(self, field) -> None:
        if field.data != NO_PARENT and self.kind.data != ForumKind.LOCAL:
            raise ValidationError(_l("Only a local forum belongs to a season."))


class CopyForumForm(FlaskForm):
    source = SelectField(_l("Copy the forum"), choices=[], validate_choice=True)
    slug = _slug_field()
    start_date = DateField(
        _l("First day of the new forum"),
        validators=[DataRequired()],
        description=_l("Every date of the old forum moves by the same number of days."),
    )
    organizers = _organizers_field()
    submit = SubmitField(_l("Create the copy"))

    def __init__(self, *args, sources: list[Forum] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.source.choices = [
            SelectChoice(str(forum.id), localized(forum, "name") or forum.slug) for forum in sources
        ]
