"""Every code of the activities feature has a name people can read, in every language."""

import pytest
from flask_babel import force_locale

from app.activities import labels
from app.activities.models import ActivityFormat, ActivityStatus, InterpretationMode, MergeMode


@pytest.mark.parametrize(
    ("table", "codes"),
    [
        (labels.ACTIVITY_FORMAT, ActivityFormat),
        (labels.ACTIVITY_STATUS, ActivityStatus),
        (labels.INTERPRETATION_MODE, InterpretationMode),
        (labels.MERGE_MODE, MergeMode),
    ],
)
def test_every_code_has_a_translated_label(ctx, table, codes):
    assert set(table) == set(codes)
    for code in codes:
        with force_locale("en"):
            english = str(table[code])
        with force_locale("ar"):
            assert str(table[code]) not in ("", english), code
