"""Reviewers score the forum's proposals; organizers see the dashboard and decide.

Every screen is for the forum's reviewers and organizers (REVIEW_PROPOSALS); the
decisions are the organizers' (MANAGE_FORUM, checked inside: 403 for a reviewer).
A POST that names no score or no decision changes nothing and goes back to the list.
"""

import sqlalchemy as sa
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from app.activities import decisions, review
from app.activities.decision_notices import tell_decisions
from app.activities.forms_review import (
    DECISION_MESSAGES,
    REVIEW_MESSAGES,
    BulkDecisionForm,
    DecisionForm,
    ListingFilterForm,
    ScoreForm,
)
from app.activities.labels import ACTIVITY_FORMAT, ACTIVITY_STATUS, INTERPRETATION_MODE
from app.activities.models import Activity, ActivityStatus
from app.core.access import forum_permission
from app.core.i18n import LANGUAGE_NAMES, localized
from app.core.pagination import page_count
from app.core.permissions import Permission, can
from app.extensions import db
from app.forums.models import Theme
from app.forums.scope import forum_blueprint, forum_object
from app.organizations.contacts import international_phone

activity_review_bp = forum_blueprint("activity_review", __name__, "/staff/activities")

PAGE_SIZE = 50
LABELS = {
    "status_labels": ACTIVITY_STATUS,
    "format_labels": ACTIVITY_FORMAT,
    "mode_labels": INTERPRETATION_MODE,
    "language_names": LANGUAGE_NAMES,
}


def _organizes() -> bool:
    return can(current_user, Permission.MANAGE_FORUM, g.forum)


def _require_organizer() -> None:
    if not _organizes():
        abort(403)


def _proposal(activity_id: int) -> Activity:
    """A proposal of this forum (drafts are not proposals yet: 404)."""
    activity = forum_object(Activity, activity_id)
    if activity.status is ActivityStatus.DRAFT:
        abort(404)
    return activity


def _page_of(rows: list):
    pages = page_count(len(rows), PAGE_SIZE)
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    return rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], page, pages


def _themes() -> list[Theme]:
    query = sa.select(Theme).where(Theme.forum_id == g.forum.id).order_by(Theme.position, Theme.id)
    return list(db.session.scalars(query))


def _render_index(bulk_form: BulkDecisionForm | None = None):
    if not _organizes():
        activities = review.reviewable_activities(current_user, g.forum)
        shown, page, pages = _page_of(activities)
        return render_template(
            "activities/review_index.html",
            organizer=False,
            activities=shown,
            total=len(activities),
            scores=review.own_scores(current_user, shown),
            page=page,
            pages=pages,
            arguments={},
            **LABELS,
        )
    themes = _themes()
    form = ListingFilterForm(themes, formdata=request.args)
    form.validate()
    rows = review.organizer_listing(g.forum, **form.filters(), locale=str(get_locale()))
    shown, page, pages = _page_of(rows)
    bulk_form = bulk_form or BulkDecisionForm(formdata=None)
    return render_template(
        "activities/review_index.html",
        organizer=True,
        form=form,
        rows=shown,
        total=len(rows),
        counts=review.proposal_counts(g.forum),
        themes={theme.id: theme for theme in themes},
        bulk_form=bulk_form,
        ticked=set(bulk_form.activities.data or []),
        page=page,
        pages=pages,
        arguments=form.arguments(),
        **LABELS,
    )


@activity_review_bp.route("/")
@forum_permission(Permission.REVIEW_PROPOSALS)
def index():
    return _render_index()


def _render_detail(activity: Activity, score_form=None, decision_form=None):
    organizer = _organizes()
    problems = review.review_problems(current_user, activity)
    own = review.own_review(current_user, activity)
    if score_form is None:
        score_form = ScoreForm(formdata=None, obj=None)
        if own is not None:
            score_form.score.data, score_form.comment.data = str(own.score), own.comment
    return render_template(
        "activities/review_detail.html",
        activity=activity,
        organizer=organizer,
        presenters=activity.presenters,
        co_organizers=[c for c in activity.co_organizers if c.accepted],
        summary=review.review_summary(activity),
        own=own,
        review_refusals=[REVIEW_MESSAGES[p] for p in problems],
        score_form=score_form if not problems else None,
        reviews=review.visible_reviews(current_user, activity),
        decision_form=(decision_form or DecisionForm(formdata=None)) if organizer else None,
        phone=international_phone,
        **LABELS,
    )


@activity_review_bp.route("/<int:activity_id>")
@forum_permission(Permission.REVIEW_PROPOSALS)
def detail(activity_id: int):
    return _render_detail(_proposal(activity_id))


@activity_review_bp.route("/<int:activity_id>/review", methods=["POST"])
@forum_permission(Permission.REVIEW_PROPOSALS)
def score(activity_id: int):
    activity = _proposal(activity_id)
    form = ScoreForm()
    if not form.score.data:
        flash(_("Nothing was saved: choose a score first."), "info")
        return redirect(url_for("activity_review.index"))
    if not form.validate_on_submit():
        return _render_detail(activity, score_form=form)
    try:
        review.score(current_user, activity, int(form.score.data), form.comment.data)
    except review.ReviewError as error:
        form.show_problems(error.problems)
        return _render_detail(activity, score_form=form)
    db.session.commit()
    flash(_("Your review is saved."), "success")
    return redirect(url_for("activity_review.detail", activity_id=activity.id))


@activity_review_bp.route("/<int:activity_id>/decision", methods=["POST"])
@forum_permission(Permission.REVIEW_PROPOSALS)
def decide(activity_id: int):
    _require_organizer()
    activity = _proposal(activity_id)
    form = DecisionForm()
    if form.decision.data not in set(decisions.Decision):
        flash(_("Nothing was decided: choose a decision first."), "info")
        return redirect(url_for("activity_review.index"))
    if not form.validate_on_submit():
        return _render_detail(activity, decision_form=form)
    try:
        organizations = decisions.decide(
            current_user, activity, decisions.Decision(form.decision.data), form.message.data
        )
    except decisions.DecisionError as error:
        form.show_problems(error.problems)
        return _render_detail(activity, decision_form=form)
    tell_decisions([activity], {activity.id: organizations})
    db.session.commit()
    flash(_("Decided. The organizations involved have been told by email."), "success")
    return redirect(url_for("activity_review.detail", activity_id=activity.id))


@activity_review_bp.route("/bulk", methods=["POST"])
@forum_permission(Permission.REVIEW_PROPOSALS)
def decide_many():
    """One decision on the ticked proposals, all or nothing; refusals are listed."""
    _require_organizer()
    form = BulkDecisionForm()
    if form.decision.data not in set(decisions.Decision):
        flash(_("Nothing was decided: choose a decision first."), "info")
        return redirect(url_for("activity_review.index"))
    if not form.validate_on_submit():
        return _render_index(form)
    ids = list(dict.fromkeys(form.activities.data or []))
    activities = [_proposal(activity_id) for activity_id in ids]
    decision = decisions.Decision(form.decision.data)
    try:
        organizations = decisions.decide_many(current_user, activities, decision, form.message.data)
    except decisions.DecisionError as error:
        _flash_refusals(error, {activity.id: activity for activity in activities})
        form.show_problems({issue.problem for issue in error.issues if issue.activity_id is None})
        return _render_index(form)
    tell_decisions(activities, organizations)
    db.session.commit()
    flash(
        ngettext(
            "%(num)s proposal decided. The organizations involved have been told by email.",
            "%(num)s proposals decided. The organizations involved have been told by email.",
            len(activities),
        ),
        "success",
    )
    return redirect(url_for("activity_review.index"))


def _flash_refusals(error: decisions.DecisionError, activities: dict[int, Activity]) -> None:
    for issue in error.issues:
        if issue.activity_id is None:
            continue
        flash(
            _(
                "Nothing was decided. “%(title)s”: %(problem)s",
                title=localized(activities[issue.activity_id], "title"),
                problem=DECISION_MESSAGES[issue.problem],
            ),
            "danger",
        )
