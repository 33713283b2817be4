"""Review rules without HTTP: who reviews, conflicts of interest, visibility, summaries
and the organizers' listing."""

from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from app.activities import review
from app.activities.models import ActivityFormat, ActivityStatus, CoOrganizer, Review
from app.activities.review import ReviewError, ReviewProblem, ReviewSummary
from app.core.permissions import ForumRoleName
from app.extensions import db
from app.forums.models import Theme
from tests import factories


@contextmanager
def _count_queries():
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    engine = db.session.get_bind()
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)


def _reviewer(forum, role=ForumRoleName.REVIEWER):
    user = factories.make_user()
    factories.grant_role(user, forum, role)
    return user


def _refused(problem, *args):
    with pytest.raises(ReviewError) as refused:
        review.score(*args)
    assert problem in refused.value.problems


def test_reviewers_and_organizers_of_the_forum_review(ctx):
    forum = factories.make_forum()
    activity = factories.make_activity(forum, factories.make_organization())
    for role in (ForumRoleName.REVIEWER, ForumRoleName.ORGANIZER):
        user = _reviewer(forum, role)
        assert review.can_review(user, activity)
        assert review.score(user, activity, 4, " Clear. ").comment == "Clear."


@pytest.mark.parametrize(
    "role", [ForumRoleName.VOLUNTEER_COORDINATOR, ForumRoleName.INTERPRETATION_COORDINATOR, None]
)
def test_other_roles_and_nobody_do_not_review(ctx, role):
    forum = factories.make_forum()
    activity = factories.make_activity(forum, factories.make_organization())
    user = _reviewer(forum, role) if role else factories.make_user()
    assert not review.can_review(user, activity)
    assert review.reviewable_activities(user, forum) == []
    _refused(ReviewProblem.NOT_REVIEWER, user, activity, 3)


def test_a_reviewer_of_forum_a_does_not_review_on_forum_b(ctx):
    forum_a, forum_b = factories.make_forum(), factories.make_forum()
    reviewer = _reviewer(forum_a)
    on_b = factories.make_activity(forum_b, factories.make_organization())
    assert review.reviewable_activities(reviewer, forum_b) == []
    assert review.review_problems(reviewer, on_b) == [ReviewProblem.NOT_REVIEWER]
    _refused(ReviewProblem.NOT_REVIEWER, reviewer, on_b, 5)
    assert review.visible_reviews(reviewer, on_b) == []


@pytest.mark.parametrize(
    "status",
    [
        ActivityStatus.DRAFT,
        ActivityStatus.ACCEPTED,
        ActivityStatus.REJECTED,
        ActivityStatus.MERGED,
        ActivityStatus.WITHDRAWN,
    ],
)
def test_only_submitted_proposals_are_reviewed(ctx, status):
    forum = factories.make_forum()
    activity = factories.make_activity(forum, factories.make_organization(), status=status)
    reviewer = _reviewer(forum)
    assert activity not in review.reviewable_activities(reviewer, forum)
    _refused(ReviewProblem.NOT_SUBMITTED, reviewer, activity, 3)


@pytest.mark.parametrize(("accepted", "conflicted"), [(None, True), (True, True), (False, False)])
def test_members_of_the_lead_or_of_an_invited_or_accepted_co_organizer_are_in_conflict(
    ctx, accepted, conflicted
):
    forum = factories.make_forum()
    lead_member, co_member = _reviewer(forum), _reviewer(forum)
    lead = factories.make_organization(members=[lead_member])
    co_organizer = factories.make_organization(members=[co_member])
    activity = factories.make_activity(forum, lead)
    other = factories.make_activity(forum, factories.make_organization())
    db.session.add(
        CoOrganizer(activity_id=activity.id, organization_id=co_organizer.id, accepted=accepted)
    )
    db.session.flush()

    assert review.reviewable_activities(lead_member, forum) == [other]
    _refused(ReviewProblem.CONFLICT_OF_INTEREST, lead_member, activity, 5)
    assert review.can_review(co_member, activity) is not conflicted
    expected = [other] if conflicted else [activity, other]
    assert sorted(review.reviewable_activities(co_member, forum), key=lambda a: a.id) == expected


@pytest.mark.parametrize("given", [0, 6, -1, 2.5, True, "3"])
def test_a_score_is_from_1_to_5(ctx, given):
    forum = factories.make_forum()
    activity = factories.make_activity(forum, factories.make_organization())
    _refused(ReviewProblem.SCORE_OUT_OF_RANGE, _reviewer(forum), activity, given)


def test_a_comment_has_at_most_5000_characters(ctx):
    forum = factories.make_forum()
    activity = factories.make_activity(forum, factories.make_organization())
    reviewer = _reviewer(forum)
    _refused(ReviewProblem.COMMENT_TOO_LONG, reviewer, activity, 3, "x" * 5001)
    assert review.score(reviewer, activity, 3, "x" * 5000).score == 3


def test_several_problems_are_reported_at_once(ctx):
    forum = factories.make_forum()
    reviewer = _reviewer(forum)
    lead = factories.make_organization(members=[reviewer])
    activity = factories.make_activity(forum, lead, status=ActivityStatus.ACCEPTED)
    with pytest.raises(ReviewError) as refused:
        review.score(reviewer, activity, 9)
    assert set(refused.value.problems) == {
        ReviewProblem.NOT_SUBMITTED,
        ReviewProblem.CONFLICT_OF_INTEREST,
        ReviewProblem.SCORE_OUT_OF_RANGE,
    }


def test_scoring_again_updates_the_one_review(ctx):
    forum = factories.make_forum()
    activity = factories.make_activity(forum, factories.make_organization())
    reviewer = _reviewer(forum)
    first = review.score(reviewer, activity, 2, "weak")
    second = review.score(reviewer, activity, 4, "")
    assert second.id == first.id
    assert (second.score, second.comment) == (4, None)
    assert db.session.scalar(sa.select(sa.func.count(Review.id))) == 1


def test_others_reviews_are_seen_only_after_giving_ones_own(ctx):
    forum = factories.make_forum()
    activity = factories.make_activity(forum, factories.make_organization())
    first, second = _reviewer(forum), _reviewer(forum)
    organizer = _reviewer(forum, ForumRoleName.ORGANIZER)
    assert review.visible_reviews(first, activity) == []
    theirs = review.score(first, activity, 5, "strong")
    assert review.visible_reviews(second, activity) == []
    assert review.visible_reviews(first, activity) == [theirs]
    mine = review.score(second, activity, 2)
    assert review.visible_reviews(second, activity) == [theirs, mine]
    assert review.visible_reviews(organizer, activity) == [theirs, mine]


def test_a_conflicted_reviewer_sees_no_reviews(ctx):
    forum = factories.make_forum()
    conflicted = _reviewer(forum)
    activity = factories.make_activity(forum, factories.make_organization(members=[conflicted]))
    review.score(_reviewer(forum), activity, 4)
    assert review.visible_reviews(conflicted, activity) == []


def test_summaries_give_count_average_and_spread_in_one_query(ctx):
    forum = factories.make_forum()
    organization = factories.make_organization()
    scored, unscored = (factories.make_activity(forum, organization) for _ in range(2))
    for given in (2, 5, 5):
        review.score(_reviewer(forum), scored, given)
    with _count_queries() as statements:
        summaries = review.review_summaries([scored, unscored])
    assert len(statements) == 1
    assert summaries[scored.id] == ReviewSummary(3, 4.0, 3)
    assert summaries[unscored.id] == ReviewSummary(0, None, None)
    assert review.review_summary(scored).spread == 3
    assert review.review_summaries([]) == {}


def _listing_forum():
    forum = factories.make_forum()
    theme = Theme(forum_id=forum.id, name_en="Water")
    db.session.add(theme)
    db.session.flush()
    organization = factories.make_organization()
    moment = datetime(2026, 5, 1, tzinfo=UTC)
    made = {
        "b_high": dict(title_en="Bread", theme_id=theme.id, spoken_languages=["ar", "en"]),
        "a_low": dict(title_en="apples", format=ActivityFormat.SEMINAR),
        "c_none": dict(title_en="Cats", status=ActivityStatus.ACCEPTED),
    }
    activities = {}
    for number, (key, fields) in enumerate(made.items()):
        submitted_at = moment.replace(day=3 - number)
        activities[key] = factories.make_activity(
            forum, organization, submitted_at=submitted_at, **fields
        )
    factories.make_activity(forum, organization, title_en="Draft", status=ActivityStatus.DRAFT)
    factories.make_activity(factories.make_forum(), organization, title_en="Elsewhere")
    for given in (4, 5):
        review.score(_reviewer(forum), activities["b_high"], given)
    review.score(_reviewer(forum), activities["a_low"], 2)
    return forum, theme, activities


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("score", ["b_high", "a_low", "c_none"]),
        ("submitted", ["c_none", "a_low", "b_high"]),
        ("title", ["a_low", "b_high", "c_none"]),
    ],
)
def test_the_listing_sorts_the_forums_proposals_without_drafts(ctx, sort, expected):
    forum, _theme, activities = _listing_forum()
    rows = review.organizer_listing(forum, sort=sort)
    assert [row.activity for row in rows] == [activities[key] for key in expected]
    high = next(row for row in rows if row.activity == activities["b_high"])
    assert high.summary == ReviewSummary(2, 4.5, 1)


def test_the_listing_filters(ctx):
    forum, theme, activities = _listing_forum()

    def keys(**filters):
        rows = review.organizer_listing(forum, **filters)
        return {key for key, a in activities.items() if a in [row.activity for row in rows]}

    assert keys(theme=theme) == keys(theme=theme.id) == {"b_high"}
    assert keys(format=ActivityFormat.SEMINAR) == {"a_low"}
    assert keys(language="en") == {"b_high"}
    assert keys(language="ar") == {"b_high", "a_low", "c_none"}
    assert keys(min_score=3) == {"b_high"}
    assert keys(min_score=2) == {"b_high", "a_low"}
    assert keys(status=ActivityStatus.ACCEPTED) == {"c_none"}
    assert keys(status=ActivityStatus.SUBMITTED, min_score=4.5) == {"b_high"}


def test_the_listing_is_one_query_with_organization_and_theme(ctx):
    forum, _theme, _activities = _listing_forum()
    db.session.expire_all()
    assert forum.id  # loads the forum again, outside the count
    with _count_queries() as statements:
        rows = review.organizer_listing(forum)
        names = [(row.activity.lead_organization.name_en, row.activity.theme) for row in rows]
    assert len(statements) == 1
    assert len(names) == 3


def test_the_listing_refuses_an_unknown_sort(ctx):
    with pytest.raises(ValueError, match="unknown sort"):
        review.organizer_listing(factories.make_forum(), sort="random")


def test_own_scores_and_proposal_counts(ctx):
    forum, other_forum = factories.make_forum(), factories.make_forum()
    theme = Theme(forum_id=forum.id, name_en="Water")
    db.session.add(theme)
    db.session.flush()
    organization = factories.make_organization()
    scored = factories.make_activity(forum, organization, theme_id=theme.id)
    unscored = factories.make_activity(forum, organization, format=ActivityFormat.SEMINAR)
    factories.make_activity(forum, organization, status=ActivityStatus.DRAFT)
    factories.make_activity(other_forum, organization)
    reviewer, other = _reviewer(forum), _reviewer(forum)
    review.score(reviewer, scored, 4)
    review.score(other, unscored, 2)

    assert review.own_scores(reviewer, [scored, unscored]) == {scored.id: 4}
    assert review.own_scores(reviewer, []) == {}
    counts = review.proposal_counts(forum)
    assert counts.total == 2
    assert counts.by_status == {ActivityStatus.SUBMITTED: 2}
    assert counts.by_theme == {theme.id: 1, None: 1}
    assert counts.by_format == {ActivityFormat.WORKSHOP: 1, ActivityFormat.SEMINAR: 1}
