"""The demo's activities of the 4th season, six or seven per theme (theme index in THEMES),
with their lead organization (index in ORGANIZATIONS) and format."""

# (theme, lead organization, format, title_ar, title_en)
ACTIVITIES = (
    (0, 6, "workshop", "الصحفيات في مواجهة التحرش الإلكتروني", "Women journalists against online harassment"),
    (0, 0, "seminar", "حملة شهرزاد: قانون الحماية من العنف الأسري", "The Shahrazad campaign: a law against domestic violence"),
    (0, 6, "workshop", "المرأة في النقابات والعمل", "Women in trade unions and at work"),
    (0, 0, "assembly", "جمعية حقوق النساء في المنتدى", "Assembly of women's rights at the forum"),
    (0, 2, "screening", "عرض فيلم: أصوات من سنجار", "Screening: voices from Sinjar"),
    (0, 8, "workshop", "الشابات والمشاركة في القرار المحلي", "Young women in local decision-making"),
    (1, 1, "seminar", "نحو قانون عمل عادل", "Towards a just labour law"),
    (1, 11, "workshop", "التنظيم النقابي في القطاع الخاص", "Organising unions in the private sector"),
    (1, 1, "workshop", "عمال النفط وحقوقهم في البصرة", "Oil workers and their rights in Basra"),
    (1, 11, "seminar", "الضمان الاجتماعي للعاملين غير المنظمين", "Social security for informal workers"),
    (1, 0, "assembly", "جمعية العمال والحركات الاجتماعية", "Assembly of workers and social movements"),
    (1, 8, "workshop", "الشباب والبطالة: ما العمل؟", "Youth and unemployment: what is to be done?"),
    (2, 7, "seminar", "المادة 38: حرية التعبير في الدستور", "Article 38: freedom of expression in the constitution"),
    (2, 5, "workshop", "السلامة الرقمية للناشطين والصحفيين", "Digital safety for activists and journalists"),
    (2, 7, "workshop", "قانون الجرائم المعلوماتية: مخاطر ومقترحات", "The cybercrime bill: risks and proposals"),
    (2, 6, "seminar", "الإعلام المستقل في العراق", "Independent media in Iraq"),
    (2, 5, "screening", "عرض وثائقي: صحافة تحت التهديد", "Documentary: journalism under threat"),
    (2, 12, "workshop", "حق الوصول إلى المعلومات", "The right of access to information"),
    (3, 4, "workshop", "حماية نهر دجلة", "Protecting the Tigris river"),
    (3, 3, "workshop", "حماية دجلة والأهوار", "Protecting the Tigris and the marshes"),
    (3, 4, "seminar", "السدود ومستقبل المياه في العراق", "Dams and the future of water in Iraq"),
    (3, 3, "exhibition", "معرض صور: الأهوار بعيون أهلها", "Photo exhibition: the marshes through their people's eyes"),
    (3, 10, "seminar", "حملة إنقاذ دجلة: تضامن عابر للحدود", "Save the Tigris: solidarity across borders"),
    (3, 4, "cultural", "أمسية شعرية على ضفاف دجلة", "An evening of poetry by the Tigris"),
    (4, 5, "seminar", "حماية الأقليات بعد داعش", "Protecting minorities after ISIS"),
    (4, 2, "workshop", "التعايش في سهل نينوى", "Coexistence in the Nineveh plains"),
    (4, 5, "workshop", "تعليم اللغات الأم للأقليات", "Mother-tongue education for minorities"),
    (4, 2, "seminar", "الناجيات الإيزيديات والعدالة", "Yazidi survivors and justice"),
    (4, 12, "workshop", "التمثيل السياسي للأقليات", "Political representation of minorities"),
    (4, 10, "assembly", "جمعية التنوع العراقي", "Assembly of Iraq's diversity"),
    (5, 9, "sports", "دوري كرة القدم من أجل السلام", "A football league for peace"),
    (5, 9, "workshop", "الرياضة ضد العنف في المدارس", "Sport against violence in schools"),
    (5, 8, "sports", "ماراثون شباب بغداد", "Baghdad youth marathon"),
    (5, 9, "seminar", "الرياضة النسائية: عوائق وفرص", "Women's sport: obstacles and chances"),
    (5, 8, "sports", "كرة السلة للجميع", "Basketball for everyone"),
    (5, 0, "workshop", "الملاعب مساحات للتعايش", "Playgrounds as spaces of coexistence"),
    (6, 2, "seminar", "المصالحة المجتمعية في المناطق المحررة", "Community reconciliation in the liberated areas"),
    (6, 10, "workshop", "الحوار بين الأديان والمجتمع المدني", "Interfaith dialogue and civil society"),
    (6, 0, "assembly", "جمعية السلام والتعايش", "Assembly for peace and coexistence"),
    (6, 8, "workshop", "الشباب بناة السلام", "Youth as peacebuilders"),
    (6, 2, "cultural", "موسيقى من كل العراق", "Music from all of Iraq"),
    (6, 12, "seminar", "العدالة الانتقالية في العراق", "Transitional justice in Iraq"),
    (6, 5, "exhibition", "معرض: ذاكرة الموصل", "Exhibition: the memory of Mosul"),
    (7, 7, "seminar", "الرقابة على الشركات الأمنية الخاصة", "Control of private security companies"),
    (7, 10, "seminar", "المساءلة عن انتهاكات الشركات العسكرية", "Accountability for military companies' abuses"),
    (7, 12, "workshop", "الشفافية في عقود الأمن", "Transparency in security contracts"),
    (7, 7, "workshop", "قانون ينظم الشركات الأمنية", "A law to regulate security companies"),
    (7, 11, "seminar", "حقوق العاملين في الشركات الأمنية", "The rights of security company workers"),
    (7, 0, "assembly", "جمعية حملة مناهضة الشركات العسكرية", "Assembly of the campaign on military companies"),
    (3, 3, "workshop", "المياه والمناخ في جنوب العراق", "Water and climate in southern Iraq"),
)  # fmt: skip

# What happened around the proposals after the window closed (9 November 2017).
# Activities are named by their English title, organizations by their English name.

# Masarat invited the Article 38 Coalition (the demo CSO account's) to co-organize;
# the coalition has not answered yet.
PENDING_INVITATION = ("Digital safety for activists and journalists", "Article 38 Coalition")

# A thread between the demo organizer and the demo CSO account, for Tammuz:
# (written by the organizer?, days and hours after the window closed, text).
THREAD_ACTIVITY = "The Shahrazad campaign: a law against domestic violence"
THREAD = (
    (
        True,
        (3, 10),
        "مرحباً، نحن نوزّع القاعات الآن. تتوقعون نحو أربعين مشاركاً: هل تحتاجون ترجمة إلى "
        "الكردية أو الإنجليزية، وهل يكفيكم جهاز عرض؟\nهدى — فريق البرنامج",
    ),
    (
        False,
        (3, 16),
        "شكراً هدى. جهاز العرض يكفينا. ستتحدث معنا المحامية روناك جمال من أربيل بالكردية، "
        "فنحتاج ترجمة تتابعية إلى العربية. ونفضّل اليوم الأول إن أمكن.",
    ),
    (
        True,
        (4, 11),
        "Noted: consecutive interpretation from Kurdish into Arabic, and a projector. Day one "
        "is full in the large halls, so we propose the morning of day two in the Tigris room "
        "(80 seats). Does that work for you?",
    ),
    (
        False,
        (4, 13),
        "نعم، صباح اليوم الثاني في قاعة دجلة يناسبنا. سنرسل أسماء المتحدثات قبل نهاية الأسبوع.",
    ),
)

# (mode, activities in order, the organizers' note, days after the window closed)
PROPOSED_MERGE = (
    "fusion",
    ("Control of private security companies", "A law to regulate security companies"),
    "اقتراحان متقاربان جداً من التحالف نفسه: نقترح ورشة واحدة عن الرقابة على الشركات "
    "الأمنية ومشروع القانون معاً، في فترتين.",
    6,
)
# The coalition agreed to hold its two sessions one after the other, in one room.
COMPLETED_MERGE = (
    "sequence",
    (
        "Article 38: freedom of expression in the constitution",
        "The cybercrime bill: risks and proposals",
    ),
    "The cybercrime bill follows the session on Article 38, in the same room: the same "
    "audience will want both.",
    2,
)
