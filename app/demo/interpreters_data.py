"""The demo's interpretation team of the 4th season: invented interpreters working
between Arabic, Sorani Kurdish and English.

Levels: A native, B active, C passive (one interprets from a C language, never
into it). Days are indexes into the forum's three days.
"""

# Allow relay (ckb → ar → en), three sessions a day at most, a booth team of two
# for simultaneous sessions longer than an hour.
POLICY = (True, 3, 60)

ALL_DAYS = (0, 1, 2)
BOOTH = ("simultaneous", "consecutive")

# (name, email local part, locale, languages {code: level}, directions, modes,
#  experienced, days, status)
INTERPRETERS = (
    ("رنا الجبوري", "rana.aljubouri", "ar", {"ar": "A", "en": "B"}, (("ar", "en"), ("en", "ar")), BOOTH, True, ALL_DAYS, "approved"),
    ("مهند الخفاجي", "muhannad.alkhafaji", "ar", {"ar": "A", "en": "B"}, (("ar", "en"), ("en", "ar")), BOOTH, False, ALL_DAYS, "approved"),
    ("ياسر العبيدي", "yasir.alobaidi", "ar", {"ar": "A", "en": "C"}, (("en", "ar"),), ("consecutive", "whispered"), False, (0, 1), "approved"),
    ("آلاء الموسوي", "alaa.almousawi", "ar", {"ar": "A", "ckb": "B"}, (("ar", "ckb"), ("ckb", "ar")), ("consecutive", "whispered"), False, ALL_DAYS, "approved"),
    ("دڵنیا عومەر", "dilnya.omer", "ckb", {"ckb": "A", "en": "B"}, (("ckb", "en"), ("en", "ckb")), BOOTH, True, ALL_DAYS, "approved"),
    ("هێمن مەحموود", "hemin.mahmoud", "ckb", {"ckb": "A", "ar": "B"}, (("ckb", "ar"), ("ar", "ckb")), (*BOOTH, "whispered"), True, ALL_DAYS, "approved"),
    ("شیرین ئەحمەد", "shirin.ahmed", "ckb", {"ckb": "A", "ar": "B", "en": "B"}, (("ckb", "ar"), ("ar", "ckb"), ("ckb", "en")), BOOTH, True, ALL_DAYS, "approved"),
    ("ئاراس جەلال", "aras.jalal", "ckb", {"ckb": "A", "en": "B", "ar": "C"}, (("ckb", "en"), ("en", "ckb"), ("ar", "ckb")), BOOTH, True, (1, 2), "approved"),
    ("کاوە سەعید", "kawa.saeed", "ckb", {"ckb": "A", "en": "C"}, (("en", "ckb"),), ("consecutive",), False, ALL_DAYS, "pending"),
)  # fmt: skip

# The demo volunteer account interprets too, so a demo user sees "my sessions":
# English native, Arabic active, both ways, a first forum.
DEMO_INTERPRETER = (
    {"en": "A", "ar": "B"},
    (("ar", "en"), ("en", "ar")),
    BOOTH,
    False,
    ALL_DAYS,
    "approved",
)

# The coordinator adds what Tammuz asked for in its thread with the programme team
# (a speaker from Erbil in Kurdish): (source, target, mode, team size).
ASKED_NEED = ("ckb", "ar", "consecutive", 1)
