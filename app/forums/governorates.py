"""The 18 governorates of Iraq, by code, with their translated names."""

from flask_babel import lazy_gettext as _l

GOVERNORATES = {
    "baghdad": _l("Baghdad"),
    "basra": _l("Basra"),
    "nineveh": _l("Nineveh"),
    "erbil": _l("Erbil"),
    "sulaymaniyah": _l("Sulaymaniyah"),
    "duhok": _l("Duhok"),
    "kirkuk": _l("Kirkuk"),
    "anbar": _l("Anbar"),
    "babil": _l("Babil"),
    "karbala": _l("Karbala"),
    "najaf": _l("Najaf"),
    "qadisiyah": _l("Al-Qadisiyah"),
    "muthanna": _l("Al-Muthanna"),
    "dhi_qar": _l("Dhi Qar"),
    "maysan": _l("Maysan"),
    "wasit": _l("Wasit"),
    "diyala": _l("Diyala"),
    "salahaddin": _l("Salah al-Din"),
}
# A forum held outside Iraq has no governorate; its country says where it is.
ABROAD = "abroad"
