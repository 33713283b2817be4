"""The demo's volunteers of the 4th season, their teams and the teams' shifts.

The people are invented; the names are the kind heard at the forum, in Arabic,
Kurdish (Sorani) and Latin script.
"""

from datetime import time

# The days a volunteer can work: (day of the forum from 0, from, until); None: all day.
ALL_DAYS = ((0, None, None), (1, None, None), (2, None, None))
FIRST_TWO = ((0, None, None), (1, None, None))
LAST_TWO = ((1, None, None), (2, None, None))
MORNINGS = tuple((day, None, time(13, 0)) for day in range(3))
AFTERNOONS = tuple((day, time(13, 0), None) for day in range(3))
# Students with classes on the last afternoon.
NOT_LAST_AFTERNOON = ((0, None, None), (1, None, None), (2, None, time(13, 0)))

# key: (name_ar, name_ckb, name_en, description, requires approval, language, hosts rooms)
TEAMS = {
    "registration": (
        "مكتب التسجيل", "مێزی تۆمارکردن", "Registration desk",
        "استقبال المشاركين وتسليم البطاقات · Welcoming participants and handing out badges",
        False, None, False,
    ),
    "logistics": (
        "اللوجستيات", "لۆجیستیک", "Logistics",
        "القاعات والمعدات والماء والطعام · Rooms, equipment, water and food",
        False, None, False,
    ),
    "stewards": (
        "فريق التنظيم", "تیمی ڕێکخستن", "Stewards",
        "الممرات والحديقة وتوجيه الجمهور بين الجلسات · Corridors, garden, crowds between sessions",
        False, None, False,
    ),
    "guides": (
        "الأدلّاء", "ڕێنماییکاران", "Guides",
        "مرافقة الضيوف الدوليين · Accompanying the international guests",
        False, "en", False,
    ),
    "media": (
        "الإعلام", "میدیا", "Media",
        "التصوير ووسائل التواصل والصحفيون · Photos, social media and the press",
        True, None, False,
    ),
    "hosts": (
        "مضيفو القاعات", "میوانداری هۆڵەکان", "Room hosts",
        "جلسة واحدة في قاعتها: الميكروفونات والوقت والحضور · One session in its room: microphones, time, attendance",
        False, None, True,
    ),
}  # fmt: skip

# The teams' shifts but the stewards' (one per session slot) and the room hosts'
# (one per published session): team → (area, [(start, end, places) per day]).
MORNING, AFTERNOON = (time(8, 30), time(12, 30)), (time(13, 30), time(17, 30))
# The last afternoon runs until the closing assembly ends.
LAST_AFTERNOON = (time(13, 30), time(18, 0))
SHIFTS = {
    "registration": (
        "المدخل الرئيسي · Main entrance",
        (
            ((time(8, 0), time(12, 0), 6), (time(12, 0), time(16, 0), 4)),
            ((time(8, 0), time(12, 0), 4), (time(12, 0), time(16, 0), 3)),
            ((time(8, 0), time(12, 0), 3), (time(12, 0), time(16, 0), 2)),
        ),
    ),
    "logistics": (
        "المخزن · Store room",
        (
            ((*MORNING, 3), (*AFTERNOON, 3)),
            ((*MORNING, 3), (*AFTERNOON, 3)),
            ((*MORNING, 3), (*LAST_AFTERNOON, 4)),
        ),
    ),
    "guides": (
        "بوابة الفندق · Hotel gate",
        (
            ((*MORNING, 2), (*AFTERNOON, 2)),
            ((*MORNING, 2), (*AFTERNOON, 2)),
            ((*MORNING, 2), (*LAST_AFTERNOON, 2)),
        ),
    ),
    "media": (
        "مكتب الإعلام · Media office",
        (
            ((*MORNING, 2), (*AFTERNOON, 2)),
            ((*MORNING, 2), (*AFTERNOON, 2)),
            ((*MORNING, 2), (*LAST_AFTERNOON, 3)),
        ),
    ),
}
STEWARDS_AREA = "الممرات والحديقة · Corridors and garden"
STEWARDS_PLACES = 2

# The volunteers approved for the media team (which requires approval).
MEDIA_TEAM = ("ali.jasim", "hiba.sattar", "giulia.conti")

# Invented volunteers: (name, address before @, locale, languages, skills, phone,
# contact preference, status, availability, teams wanted, shifts they take).
VOLUNTEERS = (
    ("مريم حسن العبيدي", "maryam.hassan", "ar", ["ar"], ["registration_desk"], "07701234601", "whatsapp", "approved", ALL_DAYS, ("registration",), 3),
    ("مصطفى كريم الجبوري", "mustafa.karim", "ar", ["ar"], ["logistics", "driving"], "07801234602", "phone", "approved", FIRST_TWO, ("logistics",), 3),
    ("نور علي الربيعي", "noor.ali", "ar", ["ar", "en"], ["registration_desk", "it"], "07701234603", "whatsapp", "approved", ALL_DAYS, ("registration", "guides"), 4),
    ("حسين عباس التميمي", "hussein.abbas", "ar", ["ar"], ["logistics", "first_aid"], "07901234604", "whatsapp", "approved", ALL_DAYS, ("logistics", "stewards"), 5),
    ("زهراء محمد الموسوي", "zahraa.mohammed", "ar", ["ar"], ["first_aid"], "07711234605", "telegram", "approved", MORNINGS, ("stewards",), 4),
    ("علي جاسم الساعدي", "ali.jasim", "ar", ["ar", "en"], ["media"], "07801234606", "whatsapp", "approved", ALL_DAYS, ("media", "hosts"), 5),
    ("فاطمة رعد الخفاجي", "fatima.raad", "ar", ["ar"], ["registration_desk"], None, "email", "approved", LAST_TWO, ("registration",), 3),
    ("أحمد صباح الدليمي", "ahmed.sabah", "ar", ["ar"], ["logistics"], "07721234608", "phone", "approved", ALL_DAYS, ("logistics", "stewards"), 5),
    ("رقية عادل الحسيني", "ruqaya.adel", "ar", ["ar", "en"], ["guiding"], "07701234609", "whatsapp", "approved", ALL_DAYS, ("guides", "hosts"), 5),
    ("محمد قاسم الكعبي", "mohammed.qasim", "ar", ["ar"], ["it"], "07811234610", "whatsapp", "approved", ALL_DAYS, ("hosts",), 8),
    ("سجى ناظم البياتي", "saja.nadhim", "ar", ["ar", "tr"], ["registration_desk"], "07701234611", "signal", "approved", NOT_LAST_AFTERNOON, ("hosts", "registration"), 6),
    ("يوسف منير الشمري", "yousif.munir", "ar", ["ar"], ["driving", "logistics"], "07901234612", "phone", "approved", AFTERNOONS, ("logistics",), 2),
    ("هبة ستار العزاوي", "hiba.sattar", "ar", ["ar", "en"], ["media"], "07731234613", "whatsapp", "approved", FIRST_TWO, ("media",), 3),
    ("عمار فاضل الزبيدي", "ammar.fadhil", "ar", ["ar"], ["first_aid"], "07701234614", "whatsapp", "approved", ALL_DAYS, ("stewards", "hosts"), 7),
    ("آية حميد الكناني", "aya.hameed", "ar", ["ar"], ["childcare"], None, "email", "approved", MORNINGS, ("registration",), 2),
    ("كرار حيدر العامري", "karrar.haider", "ar", ["ar"], ["first_aid"], "07801234616", "telegram", "approved", ALL_DAYS, ("stewards",), 5),
    ("دعاء سلام النعيمي", "duaa.salam", "ar", ["ar", "en"], ["interpreting"], "07701234617", "whatsapp", "approved", NOT_LAST_AFTERNOON, ("guides",), 3),
    ("ڕێبوار عومەر", "rebwar.omar", "ckb", ["ckb", "ar", "en"], ["guiding"], "07501234618", "whatsapp", "approved", ALL_DAYS, ("guides", "hosts"), 6),
    ("ژیان مەحمود", "zhiyan.mahmoud", "ckb", ["ckb", "ar"], ["registration_desk"], "07511234619", "phone", "approved", ALL_DAYS, ("registration",), 3),
    # Wants the media team, which has not approved him (yet): he stewards instead.
    ("هاوڕێ سەعید", "hawre.saeed", "ckb", ["ckb", "ar"], ["media"], "07501234620", "whatsapp", "approved", FIRST_TWO, ("media", "stewards"), 3),
    ("دیلان کەریم", "dilan.karim", "ckb", ["ckb", "en"], ["it"], "07501234621", "signal", "approved", ALL_DAYS, ("hosts",), 8),
    ("ئاراس جەلال", "aras.jalal", "ckb", ["ckb", "ar"], ["logistics", "driving"], "07511234622", "phone", "approved", LAST_TWO, ("logistics",), 3),
    ("ڤیان عەلی", "vian.ali", "ckb", ["ckb"], ["first_aid"], None, "email", "approved", MORNINGS, ("stewards",), 3),
    ("Layla Hassan", "layla.hassan", "en", ["en", "ar"], ["guiding"], "07701234624", "whatsapp", "approved", ALL_DAYS, ("guides",), 4),
    ("Giulia Conti", "giulia.conti", "en", ["en", "fr"], ["media"], None, "email", "approved", ALL_DAYS, ("media",), 4),
    ("Omar Al-Khafaji", "omar.alkhafaji", "en", ["en", "ar"], ["it"], "07801234626", "telegram", "approved", FIRST_TWO, ("registration", "hosts"), 5),
    ("حوراء صادق", "hawraa.sadiq", "ar", ["ar"], ["registration_desk"], "07701234627", "whatsapp", "pending", ALL_DAYS, (), 0),
    ("شێرزاد حەمە", "sherzad.hama", "ckb", ["ckb", "ar"], ["driving"], "07501234628", "phone", "pending", LAST_TWO, (), 0),
    ("Daniel Youkhana", "daniel.youkhana", "en", ["syr", "ar", "en"], ["sign_language"], "07901234629", "whatsapp", "pending", ALL_DAYS, (), 0),
    ("مهدي ناصر", "mahdi.nasser", "ar", ["ar"], [], "07801234630", "phone", "rejected", FIRST_TWO, (), 0),
)  # fmt: skip

# The demo volunteer account (it exists already), and the shifts it takes first:
# (team, day of the forum from 0), the earliest free one of each.
DEMO_VOLUNTEER = (["en", "ar"], ["guiding"], "07701234600", "whatsapp", ALL_DAYS)
DEMO_SHIFTS = (("guides", 0), ("hosts", 1))

# A coordinator put someone on a shift a rule kept him from, with a reason.
OVERRIDE = (
    "karrar.haider",
    "guides",
    "يتكلم الإنكليزية لكنه لم يذكرها في استمارته · Speaks English; left it off his form",
)
