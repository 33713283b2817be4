"""Site administrators create forums, from scratch or as a copy of an earlier one."""

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.access import site_admin
from app.extensions import db
from app.forums import services
from app.forums.blueprints import admin_bp
from app.forums.copying import copy_forum
from app.forums.forms_admin import NO_PARENT, CopyForumForm, NewForumForm, organizer_emails
from app.forums.forms_settings import date_message, settings_message
from app.forums.models import Forum, ForumKind
from app.forums.staff import find_accounts

SLUG_MESSAGES = {
    services.SlugProblem.MALFORMED: lambda: _(
        "Use lower-case Latin letters, digits and hyphens only, e.g. isf-5."
    ),
    services.SlugProblem.RESERVED: lambda: _("The site uses this address itself: choose another."),
    services.SlugProblem.TAKEN: lambda: _("Another forum has this address already."),
}


def _forums() -> list[Forum]:
    return list(db.session.scalars(sa.select(Forum).order_by(Forum.start_date.desc(), Forum.slug)))


def _seasons() -> list[Forum]:
    return [forum for forum in _forums() if forum.kind is ForumKind.SEASON]


@admin_bp.route("/")
@site_admin
def index():
    return render_template("forums/admin/index.html", forums=_forums())


def _organizers_or_error(form) -> list | None:
    """The accounts named as first organizers, or None with the error beside the field."""
    organizers, unknown = find_accounts(organizer_emails(form.organizers))
    if unknown:
        form.organizers.errors.append(
            _(
                "No account uses: %(addresses)s. They must sign up first.",
                addresses=", ".join(unknown),
            )
        )
        return None
    if not organizers:
        form.organizers.errors.append(_("Name at least one organizer."))
        return None
    return organizers


RULE_MESSAGES = {
    services.ForumRule.NEEDS_ORGANIZER: lambda: _("Name at least one organizer."),
    services.ForumRule.ONLY_LOCAL_FORA_IN_SEASONS: lambda: _(
        "Only a local forum belongs to a season."
    ),
}


def _show_rule_error(form, error: services.ForumRuleError) -> None:
    """Each refusal of the services beside the field it is about, in the reader's language."""
    if isinstance(error, services.SlugError):
        form.slug.errors.append(SLUG_MESSAGES[error.problem]())
    for problem in error.errors:
        field = getattr(form, problem.field, None)
        message = (
            date_message(problem, None)
            if isinstance(problem, services.DateError)
            else settings_message(problem)
        )
        (field.errors if field is not None else form.form_errors).append(message)
    for rule in error.rules:
        form.form_errors.append(
            RULE_MESSAGES.get(rule, lambda: _("The forum could not be created."))()
        )


@admin_bp.route("/new", methods=["GET", "POST"])
@site_admin
def new():
    form = NewForumForm(seasons=_seasons())
    organizers = _organizers_or_error(form) if form.validate_on_submit() else None
    if organizers is None:
        return render_template("forums/admin/new.html", form=form)
    parent = db.session.get(Forum, int(form.parent.data)) if form.parent.data != NO_PARENT else None
    try:
        forum = services.create_forum(
            current_user,
            slug=form.slug.data,
            kind=ForumKind(form.kind.data),
            parent=parent,
            number=form.number.data,
            name_ar=form.name_ar.data or None,
            name_ckb=form.name_ckb.data or None,
            name_en=form.name_en.data or None,
            start_date=form.start_date.data,
            end_date=form.end_date.data,
            organizers=organizers,
        )
    except services.ForumRuleError as error:
        _show_rule_error(form, error)
        return render_template("forums/admin/new.html", form=form)
    db.session.commit()
    flash(_("The forum is created, as a draft. Its organizers have been told."), "success")
    return redirect(url_for("forum.page", forum_slug=forum.slug))


@admin_bp.route("/copy", methods=["GET", "POST"])
@site_admin
def copy():
    sources = [forum for forum in _forums() if forum.start_date is not None]
    form = CopyForumForm(sources=sources)
    if request.method == "GET" and request.args.get("source"):
        form.source.data = request.args["source"]
    organizers = _organizers_or_error(form) if form.validate_on_submit() else None
    if organizers is None:
        return render_template("forums/admin/copy.html", form=form, has_sources=bool(sources))
    source = db.session.get(Forum, int(form.source.data))
    try:
        forum = copy_forum(
            current_user,
            source,
            slug=form.slug.data,
            start_date=form.start_date.data,
            organizers=organizers,
        )
    except services.ForumRuleError as error:
        _show_rule_error(form, error)
        return render_template("forums/admin/copy.html", form=form, has_sources=True)
    db.session.commit()
    flash(_("The copy is created, as a draft. Its organizers have been told."), "success")
    return redirect(url_for("forum.page", forum_slug=forum.slug))
