"""Reviewers and organizers review the forum's proposals; only organizers decide.

The matrix POSTs name no score nor decision: nothing changes and the staff member goes
back to the list. Deciding is checked inside (MANAGE_FORUM): a reviewer gets 403.
"""

from tests.access.expected import in_forum, only, organizers

INDEX = in_forum("/staff/activities/")
STAFF = {"reviewer": 200, "organizer": 200}

EXPECTED = {
    "activity_review.index": ("GET", only(STAFF)),
    "activity_review.detail": ("GET", only(STAFF)),
    "activity_review.score": ("POST", only({"reviewer": INDEX, "organizer": INDEX})),
    "activity_review.decide": ("POST", organizers(INDEX)),
    "activity_review.decide_many": ("POST", organizers(INDEX)),
}
