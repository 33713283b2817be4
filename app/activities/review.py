"""Reviewing proposals: scores, who sees which reviews, and the organizers' listing.

Rules:
- the reviewers of a proposal are the forum's REVIEWERs and ORGANIZERs; a role in
  another forum gives nothing here;
- only SUBMITTED proposals are reviewed;
- conflict of interest: a member of the lead organization, or of a co-organizer that
  was invited (waiting) or accepted, never reviews that proposal (a co-organizer that
  declined is no longer involved);
- a score is 1 to 5 with an optional comment (at most ``MAX_COMMENT`` characters);
  one review per reviewer and proposal, scoring again updates it;
- a reviewer sees the others' reviews only once they gave their own; organizers see
  them all.

The summary of a proposal's reviews is their count, average and spread. The spread is
the highest score minus the lowest (0 to 4): on a five-point scale it says at a glance
whether reviewers disagree, and it is computed by the database for many proposals in
one query, unlike a standard deviation.

Services flush, never commit, and raise ReviewError with codes.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.activities.models import Activity, ActivityFormat, ActivityStatus, CoOrganizer, Review
from app.core.permissions import ForumRoleName, forum_roles
from app.extensions import db
from app.forums.models import Forum, Theme
from app.organizations.models import OrganizationMember

MIN_SCORE, MAX_SCORE = 1, 5
MAX_COMMENT = 5000
REVIEWING_ROLES = frozenset({ForumRoleName.REVIEWER, ForumRoleName.ORGANIZER})
SORTS = ("score", "submitted", "title")
TITLE_LANGUAGES = ("ar", "ckb", "en")


class ReviewProblem(StrEnum):
    NOT_REVIEWER = "not_reviewer"  # no reviewing role in the proposal's forum
    NOT_SUBMITTED = "not_submitted"
    CONFLICT_OF_INTEREST = "conflict_of_interest"
    SCORE_OUT_OF_RANGE = "score_out_of_range"
    COMMENT_TOO_LONG = "comment_too_long"


class ReviewError(Exception):
    """A review refused; ``problems`` say every rule that stands in the way."""

    def __init__(self, problems: Iterable[ReviewProblem]):
        self.problems = list(problems)
        super().__init__(", ".join(self.problems))


@dataclass(frozen=True)
class ReviewSummary:
    count: int = 0
    average: float | None = None
    spread: int | None = None  # highest score minus lowest


@dataclass(frozen=True)
class ListingRow:
    activity: Activity
    summary: ReviewSummary


def is_reviewer(user, forum: Forum) -> bool:
    """Reviewers and organizers of ``forum`` review its proposals."""
    return bool(forum_roles(user, forum.id) & REVIEWING_ROLES)


def _conflicted(user_id):
    """A condition on Activity: ``user_id`` is a member of its lead or of a
    co-organizer invited or accepted."""
    lead = sa.exists().where(
        OrganizationMember.organization_id == Activity.lead_organization_id,
        OrganizationMember.user_id == user_id,
    )
    co_organizer = sa.exists().where(
        CoOrganizer.activity_id == Activity.id,
        sa.or_(CoOrganizer.accepted.is_(None), CoOrganizer.accepted.is_(True)),
        OrganizationMember.organization_id == CoOrganizer.organization_id,
        OrganizationMember.user_id == user_id,
    )
    return sa.or_(lead, co_organizer)


def has_conflict_of_interest(user, activity: Activity) -> bool:
    if user is None or not user.is_authenticated:
        return False
    query = sa.select(Activity.id).where(Activity.id == activity.id, _conflicted(user.id))
    return db.session.scalar(query) is not None


def review_problems(reviewer, activity: Activity) -> list[ReviewProblem]:
    """What keeps ``reviewer`` from reviewing ``activity`` (empty: nothing)."""
    problems = []
    if not is_reviewer(reviewer, activity.forum):
        return [ReviewProblem.NOT_REVIEWER]
    if activity.status != ActivityStatus.SUBMITTED:
        problems.append(ReviewProblem.NOT_SUBMITTED)
    if has_conflict_of_interest(reviewer, activity):
        problems.append(ReviewProblem.CONFLICT_OF_INTEREST)
    return problems


def can_review(reviewer, activity: Activity) -> bool:
    return not review_problems(reviewer, activity)


def reviewable_activities(reviewer, forum: Forum) -> list[Activity]:
    """The forum's SUBMITTED proposals ``reviewer`` may review, oldest submission first."""
    if not is_reviewer(reviewer, forum):
        return []
    query = (
        sa.select(Activity)
        .where(
            Activity.forum_id == forum.id,
            Activity.status == ActivityStatus.SUBMITTED,
            sa.not_(_conflicted(reviewer.id)),
        )
        .order_by(Activity.submitted_at, Activity.id)
    )
    return list(db.session.scalars(query))


def own_review(reviewer, activity: Activity) -> Review | None:
    return db.session.scalar(
        sa.select(Review).where(
            Review.activity_id == activity.id, Review.reviewer_id == reviewer.id
        )
    )


def score(reviewer, activity: Activity, score: int, comment: str | None = None) -> Review:
    """Give (or change) ``reviewer``'s score of ``activity``, 1 to 5, with a comment."""
    problems = review_problems(reviewer, activity)
    if isinstance(score, bool) or not isinstance(score, int) or not MIN_SCORE <= score <= MAX_SCORE:
        problems.append(ReviewProblem.SCORE_OUT_OF_RANGE)
    comment = (comment or "").strip() or None
    if comment is not None and len(comment) > MAX_COMMENT:
        problems.append(ReviewProblem.COMMENT_TOO_LONG)
    if problems:
        raise ReviewError(problems)
    review = own_review(reviewer, activity)
    if review is None:
        review = Review(activity_id=activity.id, reviewer_id=reviewer.id)
        db.session.add(review)
    review.score, review.comment = score, comment
    db.session.flush()
    return review


def visible_reviews(reviewer, activity: Activity) -> list[Review]:
    """The reviews ``reviewer`` may read, oldest first: organizers all of them; a
    reviewer free of conflict all of them once they gave their own, else none."""
    roles = forum_roles(reviewer, activity.forum_id)
    if ForumRoleName.ORGANIZER not in roles:
        if not roles & REVIEWING_ROLES or has_conflict_of_interest(reviewer, activity):
            return []
        if own_review(reviewer, activity) is None:
            return []
    query = (
        sa.select(Review)
        .where(Review.activity_id == activity.id)
        .order_by(Review.created_at, Review.id)
    )
    return list(db.session.scalars(query))


def _summary_columns(review=Review):
    return (
        sa.func.count(review.id).label("review_count"),
        sa.func.avg(review.score).label("review_average"),
        (sa.func.max(review.score) - sa.func.min(review.score)).label("review_spread"),
    )


def _summary(count, average, spread) -> ReviewSummary:
    if not count:
        return ReviewSummary()
    return ReviewSummary(int(count), float(average), int(spread))


def review_summaries(activities: Iterable[Activity]) -> dict[int, ReviewSummary]:
    """The summary of each activity's reviews, by activity id, in one query."""
    ids = [activity.id for activity in activities]
    summaries = dict.fromkeys(ids, ReviewSummary())
    if ids:
        query = (
            sa.select(Review.activity_id, *_summary_columns())
            .where(Review.activity_id.in_(ids))
            .group_by(Review.activity_id)
        )
        for activity_id, count, average, spread in db.session.execute(query):
            summaries[activity_id] = _summary(count, average, spread)
    return summaries


def review_summary(activity: Activity) -> ReviewSummary:
    return review_summaries([activity])[activity.id]


def _title_order(locale: str):
    """The title in ``locale``, falling back to the other languages."""
    order = [locale] + [language for language in TITLE_LANGUAGES if language != locale]
    titles = [
        getattr(Activity, f"title_{language}") for language in order if language in TITLE_LANGUAGES
    ]
    return sa.func.lower(sa.func.coalesce(*titles, ""))


def organizer_listing(
    forum: Forum,
    *,
    theme: Theme | int | None = None,
    format: ActivityFormat | None = None,
    language: str | None = None,
    min_score: float | None = None,
    status: ActivityStatus | None = None,
    sort: str = "score",
    locale: str = "en",
) -> list[ListingRow]:
    """The forum's proposals with their review summaries, filtered and sorted, in
    one query (lead organization and theme loaded with it).

    Drafts are never listed (they are not proposals yet); without ``status`` every
    other status is. ``language`` keeps activities spoken in it; ``min_score`` keeps
    those whose average reaches it (unreviewed ones drop out). Sorts: "score"
    (best average first, unreviewed last), "submitted" (oldest first), "title" (in
    ``locale``, falling back to the other languages). The caller checks that the
    user organizes the forum.
    """
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}")
    summary = (
        sa.select(Review.activity_id, *_summary_columns()).group_by(Review.activity_id).subquery()
    )
    query = (
        sa.select(
            Activity,
            summary.c.review_count,
            summary.c.review_average,
            summary.c.review_spread,
        )
        .outerjoin(summary, summary.c.activity_id == Activity.id)
        .where(Activity.forum_id == forum.id, Activity.status != ActivityStatus.DRAFT)
        .options(joinedload(Activity.lead_organization), joinedload(Activity.theme))
    )
    if theme is not None:
        query = query.where(Activity.theme_id == getattr(theme, "id", theme))
    if format is not None:
        query = query.where(Activity.format == format)
    if status is not None:
        query = query.where(Activity.status == status)
    if min_score is not None:
        query = query.where(summary.c.review_average >= min_score)
    if sort == "score":
        query = query.order_by(
            summary.c.review_average.is_(None),
            summary.c.review_average.desc(),
            summary.c.review_count.desc(),
            Activity.id,
        )
    elif sort == "submitted":
        query = query.order_by(Activity.submitted_at.is_(None), Activity.submitted_at, Activity.id)
    else:
        query = query.order_by(_title_order(locale), Activity.id)
    rows = [
        ListingRow(activity, _summary(count, average, spread))
        for activity, count, average, spread in db.session.execute(query)
    ]
    if language is not None:
        # Spoken languages are a JSON list: filtered here, alike on SQLite and PostgreSQL.
        rows = [row for row in rows if language in (row.activity.spoken_languages or [])]
    return rows


def own_scores(reviewer, activities: Iterable[Activity]) -> dict[int, int]:
    """``reviewer``'s score of each of ``activities`` they scored, by activity id."""
    ids = [activity.id for activity in activities]
    if not ids:
        return {}
    query = sa.select(Review.activity_id, Review.score).where(
        Review.reviewer_id == reviewer.id, Review.activity_id.in_(ids)
    )
    return {activity_id: value for activity_id, value in db.session.execute(query)}


@dataclass(frozen=True)
class ProposalCounts:
    """The organizers' dashboard: how many proposals (drafts aside) by status, theme
    (None: no theme) and format."""

    by_status: dict[ActivityStatus, int]
    by_theme: dict[int | None, int]
    by_format: dict[ActivityFormat, int]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def proposal_counts(forum: Forum) -> ProposalCounts:
    """Count the forum's proposals (drafts are not proposals yet) three ways."""

    def counted(column) -> dict:
        query = (
            sa.select(column, sa.func.count(Activity.id))
            .where(Activity.forum_id == forum.id, Activity.status != ActivityStatus.DRAFT)
            .group_by(column)
        )
        return {activity_id: value for activity_id, value in db.session.execute(query)}

    return ProposalCounts(
        by_status=counted(Activity.status),
        by_theme=counted(Activity.theme_id),
        by_format=counted(Activity.format),
    )
