"""The forum's public directory of organizations."""

from flask import g, render_template, request

from app.core.access import public
from app.organizations.blueprints import directory_bp
from app.organizations.directory import directory_page
from app.organizations.forms_directory import DirectoryFilterForm


@directory_bp.route("")
@public
def index():
    """Approved organizations that may be listed; nothing at all during a lockdown."""
    form = DirectoryFilterForm(formdata=request.args)
    form.validate()
    page = request.args.get("page", 1, type=int)
    return render_template(
        "organizations/directory.html",
        forum=g.forum,
        form=form,
        directory=directory_page(g.forum, page=page, **form.filters()),
        arguments=form.arguments(),
    )
