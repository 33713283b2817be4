"""Search of the public programme, in any script.

A session's search text is made of its title and description in every language
and the names (every language, acronym) of the organizations the programme names;
query and text go through the Arabic-aware normalisation of organization names, so
hamza forms, ta marbuta, alef maqsura, diacritics and the Arabic/Kurdish kaf and yeh
all meet. Every word of the query must appear in the text (in any order, as a
part of a word: "دجل" finds "دجلة").
"""

from collections.abc import Iterable

from app.organizations.normalise import normalise_name

# Longer queries are cut: nobody types more, and the cost stays bounded.
QUERY_MAX_LENGTH = 200
_LANGUAGES = ("ar", "ckb", "en")


def search_key(texts: Iterable[str | None]) -> str:
    """The normalised text a session is searched in."""
    return " ".join(key for key in map(normalise_name, texts) if key)


def multilingual_texts(obj, *fields: str) -> list[str | None]:
    """``obj.<field>_<language>`` for every field and language."""
    return [getattr(obj, f"{field}_{code}", None) for field in fields for code in _LANGUAGES]


def query_words(query: str | None) -> tuple[str, ...]:
    """The normalised words of a query; none for an empty one."""
    return tuple(normalise_name((query or "")[:QUERY_MAX_LENGTH]).split())


def matches_query(key: str, words: tuple[str, ...]) -> bool:
    """Does a search text hold every word of the query?"""
    return all(word in key for word in words)
