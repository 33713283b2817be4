"""The demo's organizations, from the ISF's public record; their delegates are invented."""

# (name_ar, name_ckb, name_en, acronym, type, country, governorate, fields of work, listed)
# Imported by the 4th season's organizers from their list of Basra groups: nobody on
# the site runs them yet (the site administrator gives them a first member).
IMPORTED = (
    ("جمعية الأمل العراقية", None, "Iraqi Al-Amal Association", None, "ngo", "IQ", "basra", ["human_rights", "youth"], True),
    ("اتحاد نقابات عمال الموانئ", None, "Union of Port Workers", None, "trade_union", "IQ", "basra", ["labour"], True),
)  # fmt: skip
ORGANIZATIONS = (
    ("منظمة تموز للتنمية الاجتماعية", "ڕێکخراوی تەمموز بۆ گەشەپێدانی کۆمەڵایەتی", "Tammuz Organization for Social Development", "TOSD", "ngo", "IQ", "baghdad", ["democracy", "human_rights", "womens_rights"], True),
    ("منظمة المسلة لتنمية الموارد البشرية", None, "Al Mesalla Organization for Human Resources Development", None, "ngo", "IQ", "baghdad", ["labour", "human_rights"], True),
    ("منظمة السلام والحرية", "ڕێکخراوی ئاشتی و ئازادی", "Peace and Freedom Organization", "PFO", "ngo", "IQ", "erbil", ["peace", "minorities"], True),
    ("حراس المياه العراق", "پاسەوانانی ئاوی عێراق", "Waterkeepers Iraq", None, "ngo", "IQ", "sulaymaniyah", ["environment"], True),
    ("حماة دجلة", "پارێزەرانی دیجلە", "Humat Dijla (Tigris Keepers)", None, "network", "IQ", "baghdad", ["environment"], True),
    ("مسارات", None, "Masarat", None, "media", "IQ", "baghdad", ["minorities", "media_freedom"], True),
    ("منتدى الإعلاميات العراقيات", None, "Iraqi Women Journalists Forum", "IWJF", "womens_organization", "IQ", "baghdad", ["media_freedom", "womens_rights"], True),
    ("تحالف المادة 38", None, "Article 38 Coalition", None, "network", "IQ", "baghdad", ["media_freedom"], True),
    ("شباب بلاد الرافدين", "گەنجانی میزۆپۆتامیا", "Mesopotamian Youth", None, "youth_group", "IQ", "basra", ["youth", "peace"], True),
    ("الرياضة ضد العنف", "وەرزش دژی توندوتیژی", "Sports Against Violence", None, "youth_group", "IQ", "najaf", ["sports", "peace"], True),
    ("جسر إلى", None, "Un Ponte Per", "UPP", "international_partner", "IT", None, ["peace", "human_rights"], True),
    ("مركز التضامن", None, "Solidarity Center", None, "international_partner", "US", None, ["labour"], True),
    ("مركز المعلومات للبحوث والتنمية", None, "Information Center for Research and Development", None, "ngo", "IQ", "najaf", ["democracy", "education"], False),
)  # fmt: skip

# Invented delegates: (name, phone, gender, languages)
DELEGATES = (
    ("زينب عبد الكريم", "07701234501", "woman", ["ar"]),
    ("حيدر جاسم", "07801234502", "man", ["ar", "en"]),
    ("Rebwar Karim", "07501234503", "man", ["ckb", "ar"]),
    ("نور الهدى سلمان", "07901234504", "woman", ["ar"]),
    ("Shno Omer", "07701234505", "woman", ["ckb", "en"]),
    ("مصطفى علي", None, None, ["ar"]),
    ("Lana Aziz", "07511234507", "woman", ["ckb"]),
    ("سجاد كاظم", "07811234508", "man", ["ar"]),
)  # fmt: skip
