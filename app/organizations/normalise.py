"""Arabic-aware normalisation of names, to find duplicates and to search in any script.

Two names that people would read as the same name give the same key: case is
folded; the alef forms أ إ آ ٱ become ا; ة becomes ه; ى becomes ي; diacritics
(harakat, shadda, sukun, the superscript alef) and the tatweel are removed;
punctuation becomes space and runs of space one. Kurdish letters are kept as
they are (ڕ ڵ ۆ ێ ە ی ک گ چ پ ژ ڤ are letters of their own, not variants), but
the Arabic kaf ك and yeh ي, which Kurdish keyboards and older texts mix with
Kurdish ک and ی, are folded onto those, so both spellings meet.
"""

import re
import unicodedata

_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        # ى → ي, and ي → ی with the Kurdish folding below: one pass, so both go to ی.
        "ى": "ی",
        "ك": "ک",
        "ي": "ی",
        "ـ": None,  # tatweel
    }
)
# Harakat, tanwin, shadda, sukun, the superscript alef and other Arabic marks.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
# Arabic-Indic and Persian digits read as the same numbers as 0-9.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def normalise_name(name: str | None) -> str:
    """The comparison key of a name: empty for an empty name."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _MARKS.sub("", text).translate(_FOLD).translate(_DIGITS)
    return " ".join(_NOT_WORD.sub(" ", text).split())


def name_keys(*names: str | None) -> str:
    """The keys of an organization's names, one per name given, as stored in ``name_keys``:
    each between bars, so that ``|key|`` matches a whole name and nothing longer."""
    keys = dict.fromkeys(key for key in map(normalise_name, names) if key)
    return "".join(f"|{key}|" for key in keys)
