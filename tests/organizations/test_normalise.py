"""Names people read as the same give the same key, in Arabic, Kurdish and English."""

import pytest

from app.organizations.normalise import name_keys, normalise_name


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("منظمة تموز للتنمية الاجتماعية", "منظمه تموز للتنميه الاجتماعيه"),  # ة / ه
        ("أمل", "امل"),  # hamza above
        ("إحياء", "احياء"),  # hamza below
        ("آفاق", "افاق"),  # madda
        ("مُنَظَّمَةُ السَّلامِ", "منظمة السلام"),  # harakat and shadda
        ("مـنـتـدى", "منتدى"),  # tatweel
        ("مستشفى", "مستشفي"),  # alef maksura / yeh
        ("Al Mesalla", "al  MESALLA"),  # case and spaces
        ("Un Ponte Per…", "un ponte per"),  # punctuation
        ("ڕێکخراوی کوردستان", "ڕێکخراوی  کوردستان"),  # Kurdish, spaces
        ("کۆمەڵەی ژنان", "كۆمەڵەی ژنان"),  # Arabic kaf typed for Kurdish keheh
        ("ڕێکخراوی ئاشتی", "ڕێکخراوي ئاشتی"),  # Arabic yeh typed for Kurdish yeh
        ("مركز ٣٨", "مركز 38"),  # Arabic-Indic digits
    ],
)
def test_names_read_as_the_same_give_the_same_key(first, second):
    assert normalise_name(first) == normalise_name(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("هۆڵ", "هول"),  # Kurdish ۆ and ڵ are letters of their own
        ("ڕووبار", "رووبار"),  # Kurdish ڕ is not ر
        ("پەیام", "بەیام"),  # پ is not ب
        ("ژیان", "زیان"),
        ("ئاشتی", "اشتی"),  # the hamza seat ئ is kept
        ("Tammuz", "Tamuz"),
    ],
)
def test_distinct_letters_stay_distinct(first, second):
    assert normalise_name(first) != normalise_name(second)


def test_an_organization_keeps_one_key_per_distinct_name():
    keys = name_keys("منظمة تموز", "ڕێکخراوی تەمموز", "Tammuz Organization", "منظمه تموز", None)
    assert keys == "|منظمه تموز||ڕێکخراوی تەمموز||tammuz organization|"
    assert name_keys(None, "", "  ") == ""
