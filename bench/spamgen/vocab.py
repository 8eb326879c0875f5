"""The generator's own spam material: names, brands, phrases and templates per kind and language.

Written for the evaluation only, separately from the detector's lists in worker/pipeline/data: it
has brands, place names and phrasings the detector has never seen, so the evaluation measures the
detector's grasp of *patterns*. ``bench.spam`` reports which generated blocks happen to contain the
detector's strong terms ("in vocabulary") and which do not ("out of vocabulary").
"""

from __future__ import annotations

# ---- SEO lists -----------------------------------------------------------------------------------
HAN_SYLLABLES = list("安宝北昌长城崇大德东丰凤福阜高广海汉和河华淮黄吉江金京景开来乐临灵龙隆鹿罗茂梅蒙南宁平普齐庆泉仁荣瑞山商上邵石寿顺松泰天通万威文武西仙湘新兴阳宜永元云彰正中舟珠")
HAN_PLACE_SUFFIXES = ["县", "市", "区", "旗", "镇", "乡", "州"]
HAN_SEO_LABELS = ["主站蜘蛛池模板", "蜘蛛池", "友情链接", "网站地图", "热门城市", "站点导航", "推荐阅读", "百度收录", "城市分站", "本站推荐", "相关搜索", ""]
HAN_KEYWORD_HEADS = ["免费", "在线", "高清", "最新", "热门", "正版", "官方", "手机版", "无删减", "极速"]
HAN_KEYWORD_TAILS = ["电影", "小说", "视频", "下载", "直播", "资源", "影院", "漫画", "软件", "游戏"]
LATIN_TOWN_ROOTS = ["Ash", "Bel", "Brook", "Cal", "Clar", "Dun", "Elm", "Fair", "Glen", "Green", "Hart", "Hay", "Lake", "Lin", "Mar", "Mill", "Oak", "Pine", "Red", "Ros", "Stan", "Wake", "West", "Wil"]
LATIN_TOWN_SUFFIXES = ["ville", "ton", "field", "ford", "burg", "wood", "dale", "port", "mont", "bridge"]
LATIN_PLACE_KINDS = ["County", "Township", "District", "City"]
EN_SEO_LABELS = ["Site map", "Related searches", "Popular searches", "Trending", "Hot keywords", "Partners", "Tags", ""]
EN_KEYWORD_HEADS = ["cheap", "best", "buy", "discount", "wholesale", "replica", "free", "top", "original", "custom"]
EN_KEYWORD_ITEMS = ["jerseys", "handbags", "sunglasses", "watches", "sneakers", "essay writing", "backlinks", "followers", "movie download", "iphone unlock"]
RU_TOWN_ROOTS = ["Бел", "Вол", "Гор", "Добр", "Зелен", "Крас", "Лес", "Мир", "Ново", "Озер", "Перв", "Свет", "Стар", "Тих", "Холм"]
RU_TOWN_SUFFIXES = ["ск", "огорск", "овка", "ино", "град", "ополь"]
VI_PLACE_PREFIXES = ["Huyện", "Thị xã", "Quận", "Xã"]
VI_PLACE_NAMES = ["An Phú", "Bình Minh", "Cẩm Giàng", "Đông Hòa", "Gia Lộc", "Hòa Vang", "Kim Sơn", "Long Điền", "Mỹ Tú", "Ninh Hải", "Phú Tân", "Quế Sơn", "Tân Uyên", "Thạch Hà", "Vĩnh Cửu", "Yên Lạc"]
SEPARATORS = ["| ", " | ", "|", "、", " ", ", ", " - ", " · ", " / "]
TLDS = ["com", "net", "org", "xyz", "top", "info", "vip", "club", "site", "online", "cc", "shop", "live", "pro", "icu", "cn", "ru", "in"]
DOMAIN_SYLLABLES = ["win", "lux", "star", "max", "pro", "gold", "fast", "best", "top", "king", "mega", "sun", "ace", "joy", "hub", "zone", "link", "net", "go", "vip", "88", "168", "365", "777"]

# ---- promotion brands (invented) -----------------------------------------------------------------
GAMBLING_BRANDS = ["LuckyDragon88", "RoyalSpin Palace", "MegaWin365", "Golden Tiger Club", "Naga Emas", "WinBig777", "AceKing Bet", "Kimsa Jackpot", "ZeusPlay", "Phoenix Gaming", "金龙国际", "永利皇宫娱乐", "新濠天地", "宝马会", "Rồng Vàng Club", "สยามเบท", "ЗолотойСлот"]
ADULT_BRANDS = ["HotDateNow", "LoveCams24", "SweetGirls Live", "NightFlirt", "夜色传媒", "Bunga Malam", "ЛунаКлуб"]
PHARMA_BRANDS = ["MedsDirect", "RxWorld Pharmacy", "PillKing", "HealthMart Online", "BlueDragon Tabs", "ApotekaPlus", "健康大药房"]
SCAM_BRANDS = ["QuickCash Pro", "CoinDouble", "ElonX Giveaway", "DanaKilat", "Vay Nhanh 24h", "ДеньгиСразу", "速贷宝", "GlobalInvest Capital"]

# ---- promotion templates: {brand} {domain} {phone} {handle} {percent} {amount} --------------------
TEMPLATES: dict[str, dict[str, list[str]]] = {
    "gambling": {
        "en": [
            "Play at {brand}, the best online casino of {year}: {percent}% welcome bonus and 200 free spins. Sign up now at {domain}!",
            "{brand} - trusted sportsbook with the best odds. Bet now on football, get a {percent}% deposit bonus. WhatsApp {phone}",
            "Jackpot alert! Win up to {amount} at {brand} slots tonight. Instant withdrawal, 24/7 support. Join: {domain}",
            "Looking for a lucky streak? {brand} pays out every hour. Register today at {domain} and claim {percent}% extra on your first top-up.",
            "Real money roulette, baccarat and poker at {brand}. Fast payouts, VIP cashback. Telegram: {handle}",
        ],
        "id": [
            "{brand} situs judi slot gacor terpercaya, maxwin setiap hari! Daftar sekarang di {domain}, bonus new member {percent}%.",
            "Agen togel online resmi {brand}, deposit pulsa tanpa potongan, WA {phone}",
            "Link alternatif {brand}: {domain} - slot online gampang menang, RTP tinggi, withdraw cepat.",
            "Main di {brand} dijamin cuan! Pola gacor hari ini, bonus harian {percent}%, hubungi admin via Telegram {handle}.",
        ],
        "zh": [
            "{brand}官方网站：真人娱乐、百家乐、体育投注，注册送{percent}元彩金，24小时在线客服，网址 {domain}",
            "时时彩、北京赛车、六合彩在线购彩平台{brand}，首存即送{percent}%，提款快速到账！",
            "{brand}棋牌游戏，手机也能玩，每天返水，加微信 {handle} 领取新人福利。",
            "澳门{brand}线上平台，电子游艺、捕鱼、老虎机应有尽有，立即注册 {domain}",
        ],
        "vi": [
            "{brand} - nhà cái uy tín số 1, cá cược bóng đá, nổ hũ, tài xỉu. Đăng ký ngay tại {domain} nhận thưởng {percent}%!",
            "Game bài đổi thưởng {brand}: nạp tiền nhanh, rút tiền trong 3 phút. Liên hệ Zalo {phone}",
        ],
        "th": [
            "{brand} เว็บตรง สล็อตแตกง่าย บาคาร่าออนไลน์ สมัครวันนี้รับโบนัส {percent}% ฝากถอนไม่มีขั้นต่ำ",
            "แทงบอลออนไลน์กับ {brand} ราคาดีที่สุด ติดต่อไลน์ {handle}",
        ],
        "ru": [
            "{brand} — лучшее онлайн казино {year}: бездепозитный бонус и {percent} фриспинов. Регистрация на {domain}",
            "Ставки на спорт в {brand}: высокие коэффициенты, быстрый вывод. Пиши в Telegram {handle}",
        ],
        "es": ["Juega en {brand}, el mejor casino en línea: bono de bienvenida del {percent}% y giros gratis. Regístrate en {domain}"],
        "pt": ["{brand}: apostas esportivas e cassino online com bônus de {percent}%. Cadastre-se já em {domain}"],
        "tr": ["{brand} canlı bahis ve casino: deneme bonusu {percent} TL, hemen üye ol {domain}"],
    },
    "adult": {
        "en": [
            "Hot girls near you are waiting! Free live sex cams at {brand}, no credit card needed: {domain}",
            "Lonely tonight? Meet horny singles in your city at {brand}. Sign up free: {domain}",
            "{brand}: exclusive nude videos and private chat with real models, 100% anonymous. Visit {domain}",
        ],
        "id": ["Video bokep terbaru dan live streaming hot hanya di {brand}, klik {domain}"],
        "zh": ["{brand}成人视频在线观看，无码高清，同城约会交友，加微信 {handle}", "同城一夜情、上门服务，{brand}真实照片，联系QQ {phone}"],
        "ru": ["Индивидуалки и интим досуг в вашем городе — {brand}, звоните {phone}"],
        "vi": ["Phim sex mới nhất, gái gọi cao cấp {brand}, liên hệ {phone}"],
        "th": ["คลิปหลุดใหม่ล่าสุด ดูฟรีที่ {brand} {domain}"],
    },
    "pharma": {
        "en": [
            "Buy Viagra online without prescription at {brand}: cheap generic pills, discreet shipping worldwide. Order now {domain}",
            "{brand} online pharmacy - Cialis, Tramadol, Xanax at the lowest prices, no prescription needed, overnight delivery.",
            "Lose weight fast with {brand} diet pills! 100% natural, results in 7 days. Order today: {domain}",
            "Male enhancement that works: {brand} capsules, satisfaction guaranteed. Free trial at {domain}",
        ],
        "id": ["Jual obat kuat {brand} asli, pengiriman cepat seluruh Indonesia, hubungi WA {phone}"],
        "ru": ["Купить виагру без рецепта в {brand}, доставка по России, {domain}"],
        "zh": ["{brand}出售进口伟哥、壮阳药，正品保证，隐私发货，加微信 {handle}"],
        "es": ["Compra Viagra sin receta en {brand}, envío discreto, {domain}"],
        "vi": ["Thuốc cường dương {brand} chính hãng, giao hàng kín đáo, gọi {phone}"],
    },
    "scam": {
        "en": [
            "Instant loan approval in 5 minutes! No credit check, bad credit OK. Apply at {brand}: {domain}",
            "{brand} crypto giveaway: send 0.1 BTC to our wallet address and receive 0.2 BTC back instantly! Limited time.",
            "Congratulations! You have been selected to receive {amount}. Claim your prize now at {domain}",
            "Earn {amount} per week working from home with {brand}. Guaranteed returns, no experience needed. WhatsApp {phone}",
            "Fake passports, driving licences and IDs for sale, real database registered. Contact {brand} on Telegram {handle}",
        ],
        "id": ["Pinjaman online {brand} cair cepat tanpa jaminan, tanpa BI checking, hubungi WA {phone}"],
        "vi": ["Vay tiền nhanh {brand} không cần thế chấp, giải ngân trong 15 phút, liên hệ {phone}"],
        "zh": ["{brand}无抵押贷款，快速放款，黑户也能贷，秒到账，联系微信 {handle}", "兼职刷单日赚500元，{brand}招聘宝妈学生，加QQ {phone}"],
        "ru": ["Займ онлайн без отказа в {brand}, деньги на карту за 5 минут: {domain}"],
        "th": ["เงินกู้ด่วน {brand} อนุมัติไว ไม่ต้องค้ำ ติดต่อไลน์ {handle}"],
    },
}

# Out-of-vocabulary phrasing: written to avoid the detector's strong terms (checked in bench.spam).
OOV_TEMPLATES: dict[str, dict[str, list[str]]] = {
    "gambling": {
        "en": [
            "Spin the reels at {brand} and take home {amount} tonight! Lucky players cash out daily. Join free at {domain}",
            "{brand}: wager on tonight's derby with boosted odds, {percent}% match on your first top-up. Text {phone}",
        ],
        "id": ["Gabung {brand} sekarang, room gacor malam ini, withdraw berapapun dibayar lunas! Admin WA {phone}"],
        "zh": ["{brand}电子游艺大奖天天开，充值就送{percent}%，提现秒到，网址 {domain}"],
    },
    "adult": {"en": ["Naughty local girls want to chat with you tonight at {brand}, join in 30 seconds: {domain}"]},
    "pharma": {"en": ["{brand}: blue pills for men at 80% off, shipped in plain packaging, no doctor visit needed. {domain}"]},
    "scam": {"en": ["Need cash today? {brand} deposits up to {amount} into your account within the hour, any credit history. {domain}"]},
}

GIBBERISH_ALPHABET = "bcdfghjklmnpqrstvwxzaeiou"
GIBBERISH_CONSONANTS = "bcdfghjklmnpqrstvwxz"

# ---- forms the detector used to miss (issue 14) ---------------------------------------------------
# Chinese pools joined by the full-width comma, or by a mix of full-width and ASCII separators.
FULLWIDTH_SEPARATORS = ["，", "，", "，", "、", "；", "|", " "]
# Latin keyword lists of commerce and paid services: no sentence, no relation to the host article.
COMMERCE_HEADS = ["replica", "wholesale", "authentic", "outlet", "designer", "custom", "bulk", "clearance", "genuine", "factory"]
COMMERCE_ITEMS = [
    "ugg boots", "nfl jerseys", "rolex watches", "louis vuitton bags", "ray ban sunglasses", "nike air max", "moncler jackets",
    "oakley sunglasses", "michael kors purses", "pandora charms", "canada goose parkas", "beats headphones", "yeezy sneakers",
    "hermes belts", "gucci wallets", "jordan shoes",
]
SERVICE_ITEMS = [
    "essay writing service", "buy instagram followers", "youtube views", "google reviews", "seo company", "title loans near me",
    "cash advance online", "term papers for sale", "tiktok likes", "fake diploma", "dissertation help", "car title loans",
]
COMMERCE_SUFFIXES = ["", "", "online", "for sale", "uk", "usa", "outlet store", "2025", "free shipping", "on sale"]
COMMERCE_SEPARATORS = [", ", " | ", " - ", " / ", " · ", "; ", ","]
# Short gambling keyword pools in Thai and Indonesian (pipe- or space-separated, five to eight items).
THAI_KEYWORDS = [
    "สล็อตเว็บตรง", "บาคาร่าออนไลน์", "แทงบอลออนไลน์", "หวยออนไลน์", "คาสิโนสด", "เว็บตรงไม่ผ่านเอเย่นต์", "ยิงปลาออนไลน์",
    "ไฮโลออนไลน์", "รูเล็ตออนไลน์", "โปรสมาชิกใหม่", "ฝากถอนออโต้", "เว็บพนันถูกกฎหมาย", "ปั่นสล็อตฟรี", "สูตรบาคาร่า",
]
INDONESIAN_KEYWORDS = [
    "slot gacor", "situs slot", "togel online", "judi bola", "slot88", "rtp live", "bocoran admin", "link alternatif",
    "slot deposit pulsa", "bandar togel", "pola maxwin", "room anti rungkad", "akun pro thailand", "scatter hitam",
    "mahjong ways", "server kamboja",
]
SHORT_LIST_SEPARATORS = [" | ", "|", " ", " - ", " • "]
