"""The public directory's filters, read from the query string."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional

from app.organizations.forms_review import GetForm, governorate_choices, type_choices
from app.organizations.models import OrganizationType


class DirectoryFilterForm(GetForm):
    kind = SelectField(_l("Type"), validators=[Optional()])
    governorate = SelectField(_l("Governorate"), validators=[Optional()])
    q = StringField(
        _l("Search"),
        validators=[Optional(), Length(max=200)],
        description=_l("A name in any script, or an acronym."),
        render_kw={"dir": "auto", "type": "search"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = type_choices(with_individuals=False)
        self.governorate.choices = governorate_choices()

    def filters(self) -> dict:
        """The arguments of directory.directory_page."""
        kind = self.value("kind")
        return {
            "kind": OrganizationType(kind) if kind else None,
            "governorate": self.value("governorate"),
            "query": self.value("q") or "",
        }

    def arguments(self) -> dict:
        """The filters as query-string arguments, for the page links."""
        return {name: self.value(name) for name in ("kind", "governorate", "q") if self.value(name)}
