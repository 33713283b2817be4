"""Similar proposals: words, scores and suggested groups (pure, no database)."""

from types import SimpleNamespace

import pytest

from app.activities.models import ActivityStatus
from app.activities.similarity import (
    activity_words,
    jaccard,
    similarity,
    suggest_groups,
    text_words,
)

_ids = iter(range(1, 10_000))


def activity(theme_id=1, status=ActivityStatus.SUBMITTED, **fields):
    values = {
        f"{part}_{lang}": None for part in ("title", "description") for lang in ("ar", "ckb", "en")
    }
    return SimpleNamespace(id=next(_ids), theme_id=theme_id, status=status, **{**values, **fields})


TIGRIS = activity(title_ar="حماية نهر دجلة")
TIGRIS_MARSHES = activity(title_ar="حماية دجلة والأهوار")
WOMEN_KURDISH = activity(title_ckb="مافی ئافرەتان لە کوردستان")
WOMEN_KURDISH_ARABIC_LETTERS = activity(title_ckb="مافي ئافرەتان له كوردستان")
LABOUR = activity(title_en="A just labour law for Iraqi workers")
LABOUR_AGAIN = activity(title_en="Workers and the labour law")
SPORTS = activity(title_en="Football for peace in Mosul")


def test_words_are_normalised_and_stop_words_dropped():
    assert text_words("حماية نهر دجلة") == {"حمایه", "نهر", "دجله"}
    # The article is stripped (also after و), the conjunction dropped.
    assert text_words("حماية دجلة والأهوار") == {"حمایه", "دجله", "اهوار"}
    assert text_words("في الحماية من التلوث") == {"حمایه", "تلوث"}
    assert text_words("The right to a job, and a just wage!") == {"right", "job", "just", "wage"}
    assert text_words("") == frozenset()
    assert text_words(None) == frozenset()


def test_a_short_word_keeps_its_letters_after_al():
    # "الم" (pain) would keep one letter only: it stays as it is.
    assert text_words("الم") == {"الم"}


def test_kurdish_arabic_and_kurdish_letters_meet():
    assert text_words("مافي ئافرەتان له كوردستان") == text_words("مافی ئافرەتان لە کوردستان")


def test_activity_words_take_every_language():
    words = activity_words(
        activity(title_ar="حماية دجلة", title_en="Save the Tigris", description_ckb="ڕووباری دیجلە")
    )
    assert words.title == {"حمایه", "دجله", "save", "tigris"}
    assert words.description == {"ڕووباری", "دیجلە"}


def test_jaccard():
    assert jaccard(frozenset("ab"), frozenset("bc")) == pytest.approx(1 / 3)
    assert jaccard(frozenset(), frozenset()) == 0


def test_titles_weigh_more_than_descriptions():
    same_title = similarity(
        activity(title_en="Tigris water", description_en="dams upstream"),
        activity(title_en="Tigris water", description_en="children schools"),
    )
    same_description = similarity(
        activity(title_en="Tigris water", description_en="dams upstream"),
        activity(title_en="Children schools", description_en="dams upstream"),
    )
    assert same_title == pytest.approx(2 / 3)
    assert same_description == pytest.approx(1 / 3)


def test_without_descriptions_the_titles_decide():
    assert similarity(TIGRIS, TIGRIS_MARSHES) == pytest.approx(0.5)
    assert similarity(WOMEN_KURDISH, WOMEN_KURDISH_ARABIC_LETTERS) == 1
    assert similarity(TIGRIS, SPORTS) == 0


def test_similar_activities_of_one_theme_are_grouped():
    groups = suggest_groups(
        [
            TIGRIS,
            TIGRIS_MARSHES,
            WOMEN_KURDISH,
            WOMEN_KURDISH_ARABIC_LETTERS,
            LABOUR,
            LABOUR_AGAIN,
            SPORTS,
        ],
        threshold=0.4,
    )
    as_ids = [[a.id for a in group] for group in groups]
    assert [TIGRIS.id, TIGRIS_MARSHES.id] in as_ids
    assert [WOMEN_KURDISH.id, WOMEN_KURDISH_ARABIC_LETTERS.id] in as_ids
    assert [LABOUR.id, LABOUR_AGAIN.id] in as_ids
    assert all(SPORTS.id not in group for group in as_ids)
    assert len(groups) == 3


def test_a_higher_threshold_keeps_only_the_closest():
    groups = suggest_groups(
        [TIGRIS, TIGRIS_MARSHES, WOMEN_KURDISH, WOMEN_KURDISH_ARABIC_LETTERS], 0.9
    )
    assert [[a.id for a in group] for group in groups] == [
        [WOMEN_KURDISH.id, WOMEN_KURDISH_ARABIC_LETTERS.id]
    ]


def test_different_themes_never_group():
    water = activity(theme_id=1, title_ar="حماية نهر دجلة")
    rights = activity(theme_id=2, title_ar="حماية نهر دجلة")
    assert similarity(water, rights) == 1
    assert suggest_groups([water, rights], 0.1) == []


def test_activities_without_a_theme_are_compared_with_each_other():
    first = activity(theme_id=None, title_en="Freedom of the press")
    second = activity(theme_id=None, title_en="Press freedom in Iraq")
    assert suggest_groups([first, second], 0.5) == [[first, second]]


@pytest.mark.parametrize(
    ("status", "grouped"),
    [
        (ActivityStatus.SUBMITTED, True),
        (ActivityStatus.ACCEPTED, True),
        (ActivityStatus.DRAFT, False),
        (ActivityStatus.REJECTED, False),
        (ActivityStatus.MERGED, False),
        (ActivityStatus.WITHDRAWN, False),
    ],
)
def test_only_submitted_or_accepted_activities_are_suggested(status, grouped):
    first = activity(title_en="Women journalists and safety")
    second = activity(status=status, title_en="Safety of women journalists")
    assert (suggest_groups([first, second], 0.5) != []) is grouped


def test_links_chain_into_one_group_largest_first():
    a = activity(title_en="tigris water dams")
    b = activity(title_en="tigris water marshes")
    c = activity(title_en="water marshes birds")
    d = activity(title_en="labour law reform")
    e = activity(title_en="labour law unions")
    groups = suggest_groups([e, d, c, b, a], 0.5)
    assert groups == [[a, b, c], [d, e]]
