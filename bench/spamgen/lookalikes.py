"""Honest blocks that look like spam, put into honest pages: the detector must leave them alone.

Issue 14 names the honest look-alikes that real pages are full of: rows of share and follow
buttons, product-variant lists, code, tables of repeated values, news tickers, regional
navigation, a site's own link lists (blogrolls, its subdomains), donation appeals, enumerations of
places inside a sentence, cookie-consent purposes, a lone sensitive word in a menu. Each form
here writes one such block from the host page's own words and address where a real page would
(a variant list repeats the product's name, a tag line the article's words, a blogroll the site's
domain), so that what the detector must learn is the difference a spammer cannot cheaply fake.

Used by ``bench.spamtrain`` (as honest examples, seeds of the training) and by ``bench.spam``
(which counts what the detector removes from them, held-out seeds).
"""

from __future__ import annotations

import random
import re
from urllib.parse import urlsplit

FORMS = (
    "code", "share_row", "variants", "spec_table", "tags", "region_nav", "blogroll", "donation", "enumeration",
    "consent", "ticker", "lone_term",
)

CODE_LINES = [
    "SELECT {t}.id AS {t}_id, {t}.name AS {t}_name, {t}.email AS {t}_email, {t}.created_at AS {t}_created_at FROM {t}",
    "{v} = [{v}_{a} for {v}_{a} in {v}_list if {v}_{a}.{b} is not None]  # keep the {b} ones",
    "const {v} = require('./{v}'); const {v}_{a} = {v}.{b}({v}_{a}_options); module.exports = {{ {v}, {v}_{a} }};",
    "{v}_final.py {v}_final_v2.py {v}_final_v2_{a}.py {v}_final_v3.py {v}_final_v3_{b}.py",
    "rsync -t -l -r ./{v}/ backup:{v}/ --delete-after && rsync -t -l -r ./{a}/ backup:{a}/ --delete-after",
    '{{"{v}": true, "{a}": false, "{b}": "", "{v}_{a}": null, "{v}_{b}": 0, "{a}_{b}": []}}',
    ">>> {v}({a}=[1, 2, 3], {b}=[4, 5, 6]) ... [(1, 4), (2, 5), (3, 6)]  # {v}() pairs {a} with {b}",
    "{t}.{v}.{a}_count {t}.{v}.{a}_count {t}.{v}.{b}_count {t}.{v}.{b}_count",
]
CODE_WORDS = ["user", "account", "order", "item", "config", "report", "address", "session", "cache", "record", "stars", "review"]
SHARE_ROWS = [
    "Share on Facebook Share on X Share on LinkedIn Share on WhatsApp Share via Email Copy link",
    "Share this page on Facebook Share this page on X Share this page via Email Copy this page to clipboard",
    "Follow on Facebook Follow on Instagram Follow on YouTube Follow on LinkedIn Follow on TikTok",
    "Sign in with Google Sign in with Apple Sign in with Facebook Sign in with Email",
    "Tweet Share Pin Email Print Share Tweet",
    "Teilen auf Facebook Teilen auf X Teilen per E-Mail Link kopieren",
    "分享到微博 分享到QQ空间 分享到豆瓣 复制链接",
]
VARIANT_WORDS = ["gray", "beige", "dark blue", "light green", "black/wood", "white/metal", "natural", "golden brown", "small", "medium", "large", "XL"]
SPEC_ROWS = ["Battery Type", "Screen Type", "Water Resistance", "Case Material", "Compatible with iOS", "Warranty", "Weight", "Charging Time"]
SPEC_VALUES = [["Yes", "No"], ["Lithium ion", "AA batteries"], ["AMOLED", "MIP", "LCD"], ["Titanium", "Polymer", "Aluminium"], ["2 years", "1 year"]]
REGIONS = {
    "zh": "北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆".split(),
    "en": ["Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland"],
    "ru": ["Москва", "Санкт-Петербург", "Новосибирск", "Екатеринбург", "Казань", "Нижний Новгород", "Челябинск", "Самара", "Омск", "Ростов-на-Дону", "Уфа", "Красноярск"],
    "id": ["Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Jambi", "Bengkulu", "Lampung", "Banten", "Jawa Barat", "Jawa Tengah", "Jawa Timur", "Bali", "Papua"],
    "vi": ["Hà Nội", "Hải Phòng", "Đà Nẵng", "Huế", "Nghệ An", "Thanh Hóa", "Khánh Hòa", "Lâm Đồng", "Cần Thơ", "An Giang", "Cà Mau", "Quảng Ninh"],
    "th": ["กรุงเทพมหานคร", "เชียงใหม่", "เชียงราย", "ขอนแก่น", "นครราชสีมา", "ภูเก็ต", "สงขลา", "ชลบุรี", "อุดรธานี", "พิษณุโลก", "สุราษฎร์ธานี"],
}
# Cities of one region with their administrative unit, as regional editions list them.
CITIES = {
    "zh": "石家庄市 唐山市 秦皇岛市 邯郸市 邢台市 保定市 张家口市 承德市 沧州市 廊坊市 衡水市 呼和浩特市 包头市 乌海市 赤峰市 通辽市 鄂尔多斯市 兴安盟".split(),
    "en": ["Cook County", "DuPage County", "Lake County", "Will County", "Kane County", "McHenry County", "Winnebago County", "Madison County", "St. Clair County", "Champaign County"],
    "ru": ["Московская область", "Ленинградская область", "Тверская область", "Тульская область", "Калужская область", "Рязанская область", "Владимирская область", "Ярославская область"],
    "vi": ["Quận Ba Đình", "Quận Hoàn Kiếm", "Quận Tây Hồ", "Quận Long Biên", "Quận Cầu Giấy", "Quận Đống Đa", "Quận Hai Bà Trưng", "Huyện Sóc Sơn", "Huyện Đông Anh", "Huyện Gia Lâm"],
}
REGION_SEPARATORS = [" ", " | ", "\t", " · ", ", "]
BIG_SITES = ["twitter.com", "facebook.com", "youtube.com", "instagram.com", "linkedin.com", "github.com", "wikipedia.org", "google.com"]
SUBDOMAINS = ["blog", "shop", "help", "careers", "news", "support", "docs", "store", "events", "community"]
DONATIONS = [
    "Support independent journalism! Donate today at {site}/donate: every $5 keeps our reporting free for everyone.",
    "We rely on readers like you. Become a member for $3 a month at {site}/support and get our newsletter first!",
    "Like what you read? Subscribe for 50% off your first year at {site}/subscribe.",
]
ENUMERATIONS = [
    "The storm cut power in {p}, {p}, {p}, {p}, {p} and {p}, officials said on Tuesday.",
    "Voters in {p}, {p}, {p}, {p}, {p}, {p} and {p} go to the polls next week, according to the election commission.",
    "受影响的地区包括{p}、{p}、{p}、{p}、{p}、{p}等地，有关部门已启动应急响应。",
]
CONSENT = [
    "Store and/or access information on a device. Use limited data to select advertising. Create profiles for personalised "
    "advertising. Use profiles to select personalised advertising. Create profiles to personalise content. Use profiles to "
    "select personalised content. Measure advertising performance. Measure content performance.",
]
TICKERS = [
    "DOW {n1}% • S&P 500 {n2}% • NASDAQ {n3}% • FTSE {n1}% • DAX {n2}% • NIKKEI {n3}% • Gold {n2}% • Oil {n1}%",
    "BREAKING: {h} • LIVE: {h} • BREAKING: {h} • WATCH: {h}",
]
LONE_TERMS = [
    "Laptops Budget Laptops Dating Apps Headphones Speakers VPNs Robot Vacuums Kindles Gift Guides",
    "News | Sport | Casino & Resorts | Travel | Weather | Obituaries",
    "Personal Loans | Mortgages | Credit Cards | Savings | Insurance",
    "Poker legend returns to the table after ten years",
    "Why payday loans cost borrowers so much",
]


def site_of(url: str | None) -> str:
    host = (urlsplit(url or "").hostname or "example.com").removeprefix("www.")
    return host


def host_words(content: str, language: str) -> list[str]:
    """Words of the host page's first lines: what a variant list or a tag line would repeat."""
    head = content[:3000]
    if language == "zh":
        return re.findall(r"[\u4e00-\u9fff]{2}", head)[:40] or ["新闻"]
    words = [w for w in re.findall(r"[^\W\d_]{4,}", head) if not w.isupper()]
    return words[:80] or ["article"]


def lookalike_block(rng: random.Random, form: str, content: str, url: str | None, language: str) -> str:
    """One honest look-alike block of ``form`` for a host page (its content, address and language)."""
    site = site_of(url)
    if form == "code":
        words = rng.sample(CODE_WORDS, 4)
        return rng.choice(CODE_LINES).format(t=words[0], v=words[1], a=words[2], b=words[3])
    if form == "share_row":
        return rng.choice(SHARE_ROWS)
    if form == "variants":
        words = host_words(content, language)
        name = " ".join(rng.sample(words, 2)).upper() if language != "zh" else "".join(rng.sample(words, 2))
        kind = rng.choice(words)
        shapes = ["Option: {name}, {kind}, {variant}", "{name} {kind} {variant}", "{name} ({variant})"]
        shape = rng.choice(shapes)
        return "".join(shape.format(name=name, kind=kind, variant=variant) for variant in rng.sample(VARIANT_WORDS, rng.randint(6, 10)))
    if form == "spec_table":
        values = rng.choice(SPEC_VALUES)
        return rng.choice(SPEC_ROWS) + "\t" + "\t".join(rng.choice(values) for _ in range(rng.randint(8, 18)))
    if form == "tags":
        words = host_words(content, language)
        tags = list(dict.fromkeys(rng.sample(words, min(len(words), rng.randint(5, 9)))))
        return rng.choice(["Tags: ", "Topics: ", "标签：", ""]) + rng.choice([", ", " | ", " · "]).join(tags)
    if form == "region_nav":
        places = REGIONS.get(language, REGIONS["en"])
        if language in CITIES and rng.random() < 0.5:
            places = CITIES[language]
        chosen = places[: rng.randint(8, len(places))]
        return rng.choice(REGION_SEPARATORS).join(chosen)
    if form == "blogroll":
        links = [f"{sub}.{site}" for sub in rng.sample(SUBDOMAINS, rng.randint(3, 6))] + rng.sample(BIG_SITES, rng.randint(2, 5))
        rng.shuffle(links)
        return rng.choice([",", ", ", " | ", " "]).join(links)
    if form == "donation":
        return rng.choice(DONATIONS).format(site=site)
    if form == "enumeration":
        places = REGIONS.get(language, REGIONS["en"])
        template = rng.choice(ENUMERATIONS[2:] if language == "zh" else ENUMERATIONS[:2])
        chosen = iter(rng.sample(places, template.count("{p}")))
        return re.sub(r"\{p\}", lambda _: next(chosen), template)
    if form == "consent":
        return rng.choice(CONSENT)
    if form == "ticker":
        words = host_words(content, language)
        headline = lambda: " ".join(rng.sample(words, 4))  # noqa: E731
        sign = lambda: f"{rng.choice('+-')}{rng.randint(1, 30) / 10}"  # noqa: E731
        return rng.choice(TICKERS).format(n1=sign(), n2=sign(), n3=sign(), h=headline())
    if form == "lone_term":
        return rng.choice(LONE_TERMS)
    raise ValueError(form)


HTML_WRAPPERS = {
    "code": "<pre><code>{}</code></pre>",
    "share_row": '<div class="share">{}</div>',
    "variants": '<div class="variants">{}</div>',
    "spec_table": "<table><tr>{}</tr></table>",
    "tags": '<p class="tags">{}</p>',
    "region_nav": "<nav><div>{}</div></nav>",
    "blogroll": '<footer><p>{}</p></footer>',
    "donation": '<p class="donate">{}</p>',
    "enumeration": "<p>{}</p>",
    "consent": '<div class="consent">{}</div>',
    "ticker": '<div class="ticker">{}</div>',
    "lone_term": "<nav><div>{}</div></nav>",
}


def as_markup(form: str, text: str) -> str:
    import html

    if form == "spec_table":
        cells = text.split("\t")
        return "<table><tr>" + "".join(f"<td>{html.escape(cell, quote=False)}</td>" for cell in cells) + "</tr></table>"
    return HTML_WRAPPERS[form].format(html.escape(text, quote=False))
