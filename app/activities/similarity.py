"""Which proposals look alike, so organizers can suggest merging them (pure, no database).

Rules:
- an activity's words are those of its titles and descriptions in ar, ckb and en,
  normalised by app.organizations.normalise.normalise_name (so أ/ا, ة/ه, ي/ی, ك/ک
  meet), with one-letter words and a small list of stop words in the three
  languages dropped, and the Arabic article (ال, وال, بال, فال, کال, لل) stripped
  from the start of a word long enough to keep three letters after it;
- the similarity of two activities is the Jaccard index of their title words,
  weighted twice as much as that of their description words; when either has no
  description words, the titles alone decide;
- ``suggest_groups`` compares submitted and accepted activities only, and only
  within one theme (activities without a theme are compared with each other);
  those at ``threshold`` or above are linked, and each connected set of two or
  more is a suggestion, largest first.

Anything with the ``title_*``, ``description_*``, ``theme_id``, ``status`` and
``id`` attributes of an Activity may be given.
"""

from collections import defaultdict
from dataclasses import dataclass

from app.activities.models import ActivityStatus
from app.organizations.normalise import normalise_name

LANGUAGES = ("ar", "ckb", "en")
TITLE_WEIGHT = 2.0
DESCRIPTION_WEIGHT = 1.0
SUGGESTED_STATUSES = frozenset({ActivityStatus.SUBMITTED, ActivityStatus.ACCEPTED})

# Written as people type them; normalised below so they match normalised words.
_ARABIC_STOP_WORDS = "في من على الى إلى عن مع و ال او أو ثم هذا هذه التي الذي"
_KURDISH_STOP_WORDS = "و لە له بۆ بە به کە که ی لەگەڵ لەسەر ئەم ئەو یان"
_ENGLISH_STOP_WORDS = "the a an of and for in on to with by or at from its their our"
STOP_WORDS = frozenset(
    normalise_name(word)
    for words in (_ARABIC_STOP_WORDS, _KURDISH_STOP_WORDS, _ENGLISH_STOP_WORDS)
    for word in words.split()
)
# Longest first, so وال is stripped before ال. Written after normalisation (ك → ک).
_ARTICLES = ("وال", "بال", "فال", "کال", "لل", "ال")
_MIN_STEM = 3


@dataclass(frozen=True)
class ActivityWords:
    title: frozenset[str]
    description: frozenset[str]


def _strip_article(word: str) -> str:
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= _MIN_STEM:
            return word[len(article) :]
    return word


def text_words(text: str | None) -> frozenset[str]:
    """The normalised words of ``text`` that carry meaning."""
    words = set()
    for word in normalise_name(text).split():
        if word in STOP_WORDS:
            continue
        word = _strip_article(word)
        if len(word) > 1 and word not in STOP_WORDS:
            words.add(word)
    return frozenset(words)


def activity_words(activity) -> ActivityWords:
    """The words of an activity's titles and of its descriptions, all languages together."""
    title: set[str] = set()
    description: set[str] = set()
    for language in LANGUAGES:
        title |= text_words(getattr(activity, f"title_{language}", None))
        description |= text_words(getattr(activity, f"description_{language}", None))
    return ActivityWords(frozenset(title), frozenset(description))


def jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    """Shared words over all words; 0 when both are empty."""
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def words_similarity(first: ActivityWords, second: ActivityWords) -> float:
    """From 0 (nothing shared) to 1 (the same words)."""
    title = jaccard(first.title, second.title)
    if not first.description or not second.description:
        return title
    description = jaccard(first.description, second.description)
    return (TITLE_WEIGHT * title + DESCRIPTION_WEIGHT * description) / (
        TITLE_WEIGHT + DESCRIPTION_WEIGHT
    )


def similarity(first, second) -> float:
    """How alike two activities read, from 0 to 1."""
    return words_similarity(activity_words(first), activity_words(second))


def suggest_groups(activities, threshold: float) -> list[list]:
    """Groups of two or more submitted or accepted activities of one theme, linked by a
    similarity of ``threshold`` or more (connected sets); the largest group first,
    then by smallest id; each group in id order."""
    by_theme: dict[int | None, list] = defaultdict(list)
    for activity in activities:
        if activity.status in SUGGESTED_STATUSES:
            by_theme[activity.theme_id].append(activity)

    groups: list[list] = []
    for candidates in by_theme.values():
        candidates.sort(key=lambda activity: activity.id)
        groups.extend(_connected_groups(candidates, threshold))
    groups.sort(key=lambda group: (-len(group), group[0].id))
    return groups


def _connected_groups(candidates: list, threshold: float) -> list[list]:
    words = [activity_words(activity) for activity in candidates]
    parent = list(range(len(candidates)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for i in range(len(candidates)):
        for j in range(i + 1, len(candidates)):
            if words_similarity(words[i], words[j]) >= threshold:
                parent[root(j)] = root(i)

    components: dict[int, list] = defaultdict(list)
    for index, activity in enumerate(candidates):
        components[root(index)].append(activity)
    return [group for group in components.values() if len(group) > 1]
