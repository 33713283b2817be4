"""What the demo forums hold: the ISF 4th season as it ran in Baghdad in 2017, its
local fora, and an upcoming local forum whose windows are open today."""

# (name_ar, name_ckb, name_en, capacity, booth channels, step-free, equipment)
ROOMS = (
    ("القاعة الكبرى", "هۆڵی گەورە", "Main hall", 400, 3, True, ["projector", "sound", "microphones", "screen"]),
    ("قاعة المؤتمرات", "هۆڵی کۆنفرانس", "Conference room", 150, 2, True, ["projector", "sound", "microphones"]),
    ("قاعة دجلة", "هۆڵی دیجلە", "Tigris room", 80, 0, True, ["projector", "sound"]),
    ("قاعة الفرات", "هۆڵی فورات", "Euphrates room", 80, 0, True, ["projector", "sound"]),
    ("قاعة الأهوار", "هۆڵی هۆرەکان", "Marshes room", 60, 0, True, ["projector", "whiteboard"]),
    ("غرفة الورش ١", "ژووری وۆرکشۆپ ١", "Workshop room 1", 35, 0, False, ["whiteboard"]),
    ("غرفة الورش ٢", "ژووری وۆرکشۆپ ٢", "Workshop room 2", 35, 0, False, ["whiteboard"]),
    ("خيمة الحديقة", "خێوەتی باخچە", "Garden tent", 120, 0, True, ["sound"]),
)  # fmt: skip

# The ICSSI campaigns' themes.
THEMES = (
    ("حقوق المرأة (شهرزاد)", "مافەکانی ژن (شەهرەزاد)", "Women's rights (Shahrazad)"),
    ("حقوق العمال وقانون عمل عادل", "مافەکانی کرێکاران و یاسایەکی دادپەروەرانەی کار", "Workers' rights and a just labour law"),
    ("حرية التعبير والإعلام", "ئازادیی ڕادەربڕین و میدیا", "Freedom of expression and of the media"),
    ("أنقذوا دجلة والأهوار العراقية", "دیجلە و هۆرەکانی عێراق ڕزگار بکەن", "Save the Tigris and the Iraqi Marshes"),
    ("حماية الأقليات", "پاراستنی کەمینەکان", "Protection of minorities"),
    ("الرياضة من أجل السلام", "وەرزش بۆ ئاشتی", "Sports for peace"),
    ("السلام والتعايش", "ئاشتی و پێکەوەژیان", "Peace and coexistence"),
    ("الرقابة على الشركات العسكرية والأمنية الخاصة", "چاودێریی کۆمپانیا سەربازی و ئەمنییە تایبەتەکان", "Control of private military and security companies"),
)  # fmt: skip

CHARTER = {
    "ar": (
        "ميثاق مبادئ المنتدى الاجتماعي العالمي\n\n"
        "المنتدى الاجتماعي فضاء مفتوح للقاء والنقاش الديمقراطي للأفكار، وصياغة المقترحات، "
        "والتبادل الحر للخبرات، وربط العمل الفعّال بين منظمات وحركات المجتمع المدني "
        "التي تعارض الهيمنة والعنف، وتعمل من أجل مجتمع يقوم على حقوق الإنسان والسلام.\n\n"
        "المنتدى ليس جهة تمثيلية ولا يتخذ قرارات باسم المشاركين فيه، ولا يشارك فيه "
        "بصفتها ممثلين عن أحزاب أو حكومات أو جماعات مسلحة."
    ),
    "ckb": (
        "بەیاننامەی بنەماکانی فۆرەمی کۆمەڵایەتیی جیهانی\n\n"
        "فۆرەمی کۆمەڵایەتی شوێنێکی کراوەیە بۆ یەکتربینین و گفتوگۆی دیموکراتیانەی بیرۆکەکان، "
        "داڕشتنی پێشنیار، ئاڵوگۆڕی ئازادانەی ئەزموون و پێکەوەبەستنی کاری ڕێکخراو و "
        "بزووتنەوەکانی کۆمەڵگەی مەدەنی کە دژی زاڵبوون و توندوتیژین و بۆ کۆمەڵگەیەک کار دەکەن "
        "کە لەسەر مافەکانی مرۆڤ و ئاشتی بنیات نرابێت.\n\n"
        "فۆرەم نوێنەرایەتی ناکات و بە ناوی بەشداربووانەوە بڕیار نادات؛ حیزب و حکومەت و "
        "گرووپە چەکدارەکان وەک نوێنەر تێیدا بەشدار نابن."
    ),
    "en": (
        "World Social Forum Charter of Principles\n\n"
        "The Social Forum is an open meeting place for reflective thinking, democratic debate "
        "of ideas, formulation of proposals, free exchange of experiences and interlinking for "
        "effective action, by groups and movements of civil society that are opposed to "
        "domination and violence and are committed to building a society centred on human "
        "rights and peace.\n\n"
        "The Forum does not represent anyone and takes no decisions in its participants' "
        "name; parties, governments and armed groups do not take part as such."
    ),
}
