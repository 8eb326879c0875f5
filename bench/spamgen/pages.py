"""Whole spam pages (promotion landing pages, doorways) and hard honest pages, as text and HTML.

The hard honest pages are the cases the issue names as must-not-detect: reports that list many
places, an election by district, news about casinos, lotteries, drugs and scams (one quoting spam),
menus and footers with pipes, tables of numbers, tag lines and friendly-link footers.
"""

from __future__ import annotations

import html
import random

from bench.spamgen import generate as G


def as_html(title: str, nav: list[str], paragraphs: list[str], footer: list[str], lang: str = "en") -> str:
    """A plain news-like HTML page: nav, article paragraphs, footer."""
    def esc(text: str) -> str:
        return html.escape(text, quote=False)

    parts = [f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(title)}</title></head><body>']
    if nav:
        parts.append("<nav>" + "".join(f"<div>{esc(line)}</div>" for line in nav) + "</nav>")
    parts.append(f"<article><h1>{esc(title)}</h1>")
    parts.extend(f"<p>{esc(p)}</p>" for p in paragraphs)
    parts.append("</article>")
    if footer:
        parts.append("<footer>" + "".join(f"<p>{esc(line)}</p>" for line in footer) + "</footer>")
    parts.append("</body></html>")
    return "\n".join(parts)


def as_text(title: str, nav: list[str], paragraphs: list[str], footer: list[str]) -> str:
    return "\n".join(nav + ["", title, ""] + [p + "\n" for p in paragraphs] + footer) + "\n"


# ---- whole spam pages -----------------------------------------------------------------------------
def promotion_page(rng: random.Random, kind: str, language: str) -> tuple[str, list[str], list[str], list[str]]:
    blocks = [G.promotion_block(rng, kind, language, oov=rng.random() < 0.2).text for _ in range(rng.randint(5, 12))]
    title = G.promotion_block(rng, kind, language, oov=False).text[:80]
    nav = [" | ".join(rng.sample(["Home", "Promo", "Login", "Register", "Contact", "VIP", "App"], 5))]
    footer = [G.link_farm_block(rng, language).text] if rng.random() < 0.5 else []
    return title, nav, blocks, footer


def doorway_page(rng: random.Random) -> tuple[str, list[str], list[str], list[str]]:
    language = rng.choice(["en", "zh"])
    blocks = [G.stuffing_block(rng, language).text for _ in range(rng.randint(3, 6))]
    blocks += [G.seo_block(rng, language).text for _ in range(rng.randint(1, 3))]
    blocks += [G.link_farm_block(rng, language).text for _ in range(rng.randint(1, 2))]
    rng.shuffle(blocks)
    return blocks[0][:60], [], blocks, []


# ---- hard honest pages ------------------------------------------------------------------------------
HONEST_PAGES: list[dict] = [
    {
        "name": "flood_counties_en",
        "lang": "en",
        "title": "Governor declares disaster in 14 counties after record flooding",
        "nav": ["Home | News | Weather | Sports | Business | Opinion | Obituaries | Contact"],
        "paragraphs": [
            "The governor on Monday declared a state of disaster in 14 counties after days of heavy rain pushed rivers past record levels and forced thousands of residents from their homes.",
            "The declaration covers Adams County, Brown County, Clark County, Douglas County, Franklin County, Grant County, Jackson County, Lincoln County, Marion County, Monroe County, Perry County, Pike County, Scott County and Warren County.",
            "Counties under the declaration: Adams, Brown, Clark, Douglas, Franklin, Grant, Jackson, Lincoln, Marion, Monroe, Perry, Pike, Scott, Warren.",
            "Emergency officials said at least 2,300 homes were damaged and 41 roads remained closed on Tuesday morning.",
            "\"We are asking people in the river valleys to stay off the roads,\" the state emergency director said at a briefing in the capital.",
        ],
        "footer": ["About Us | Advertise | Privacy Policy | Terms of Service | Contact", "© 2025 The Valley Herald. All rights reserved."],
    },
    {
        "name": "flood_counties_zh",
        "lang": "zh",
        "title": "广东北部遭遇强降雨 多地启动应急响应",
        "nav": ["首页 | 新闻 | 财经 | 体育 | 娱乐 | 科技 | 汽车 | 房产 | 教育 | 旅游 | 健康"],
        "paragraphs": [
            "记者从省应急管理厅获悉，受持续强降雨影响，粤北多地出现洪涝灾害，省防总已启动防汛三级应急响应。",
            "受灾地区包括仁化县、乐昌市、南雄市、始兴县、翁源县、新丰县、乳源县、曲江区、武江区、浈江区、连州市、阳山县等12个县（市、区），紧急转移群众2.3万人。",
            "据气象部门预报，未来三天粤北地区仍有大到暴雨，局部有大暴雨，有关部门要做好防御工作。",
            "目前，各地正全力开展抢险救灾工作，受损道路和电力设施正在抢修中。",
        ],
        "footer": ["关于我们 | 联系我们 | 广告服务 | 网站地图 | 版权声明", "友情链接：新华网 | 人民网 | 央视网 | 中国网 | 光明网 | 中国日报网 | 中新网"],
    },
    {
        "name": "election_districts_en",
        "lang": "en",
        "title": "City council election: results by district",
        "nav": ["News | Politics | Elections | Local | Data"],
        "paragraphs": [
            "Voters returned six incumbents and elected three newcomers in Tuesday's city council election, according to unofficial results released by the county clerk.",
            "District 1 | Maria Lopez | 12,345 | 54.2%",
            "District 2 | James Carter | 9,876 | 51.0%",
            "District 3 | Aisha Khan | 11,002 | 60.3%",
            "District 4 | Tom Becker | 8,431 | 49.8%",
            "District 5 | Li Wei | 10,220 | 57.1%",
            "Results by district: District 1, District 2, District 3, District 4, District 5, District 6, District 7, District 8 and District 9 all reported by 11 p.m.",
            "Turnout was 38 percent, up from 31 percent four years ago, the clerk's office said.",
        ],
        "footer": ["Privacy | Terms | Cookie settings | Accessibility | Careers | Newsletters"],
    },
    {
        "name": "casino_news_en",
        "lang": "en",
        "title": "Macau casino revenue jumps as visitors return",
        "nav": ["Markets | Business | Tech | Casino & Gaming | Travel"],
        "paragraphs": [
            "Gross gaming revenue in Macau rose 22 percent in October from a year earlier, the city's gaming regulator said on Saturday, as mainland visitors returned for the Golden Week holiday.",
            "Casino operators including Sands China and Galaxy Entertainment have bet heavily on non-gaming attractions, but baccarat tables still generate most of their profit, analysts said.",
            "Online casino and sports betting remain illegal in mainland China, and police have stepped up a crackdown on cross-border gambling rings that recruit players through social media.",
            "Analysts at one brokerage said slot machine revenue and premium mass-market play were recovering faster than VIP betting, which has shrunk since junket operators were shut down.",
        ],
        "footer": ["Terms of use | Privacy | Advertise | Help"],
    },
    {
        "name": "lottery_news_zh",
        "lang": "zh",
        "title": "警方破获特大网络赌博案 涉案金额逾3亿元",
        "nav": ["首页 | 国内 | 国际 | 社会 | 法治 | 评论"],
        "paragraphs": [
            "记者从市公安局获悉，警方近日成功破获一起利用境外网站组织网络赌博的案件，抓获犯罪嫌疑人46名，涉案金额逾3亿元。",
            "据警方介绍，该团伙以“时时彩”“六合彩”等名义在微信群中招揽赌客，并以高额返水为诱饵，引诱群众充值下注。",
            "警方提醒，网络赌博“十赌九骗”，所谓注册送彩金、百家乐稳赚不赔都是骗局，广大群众切勿参与。",
            "今年以来，全市公安机关共打击网络赌博犯罪团伙23个，依法查处违法人员300余人。",
        ],
        "footer": ["网站声明 | 网站地图 | 联系我们"],
    },
    {
        "name": "drug_news_en",
        "lang": "en",
        "title": "Police seize counterfeit Viagra and tramadol pills in warehouse raid",
        "nav": ["Home | UK | World | Health | Science"],
        "paragraphs": [
            "Police and medicines regulators seized more than 400,000 counterfeit pills, including fake Viagra, Cialis and tramadol, in a raid on a warehouse in the Midlands, officials said on Thursday.",
            "The regulator warned that buying prescription medicines online without a prescription from unregistered websites was dangerous, because the pills often contained the wrong dose or toxic ingredients.",
            "Three men were arrested and charged with selling unlicensed medicines. Investigators said the gang advertised cheap erectile dysfunction pills through spam emails and social media.",
            "\"If a website offers Viagra without a prescription, it is breaking the law,\" a spokeswoman for the regulator said.",
        ],
        "footer": ["Contact | Privacy | Terms | Accessibility help"],
    },
    {
        "name": "scam_quote_en",
        "lang": "en",
        "title": "Text message scam promising instant loans targets pensioners",
        "nav": ["News | Money | Consumer | Tech"],
        "paragraphs": [
            "Consumer groups have warned about a wave of text messages offering instant loans and crypto giveaways, which police say are designed to steal bank details.",
            "One message seen by reporters read: \"Instant loan approval in 5 minutes! No credit check, bad credit OK. Apply now at quick-cash-now.xyz\".",
            "Another promised a crypto giveaway: \"Send 0.1 BTC to our wallet address and receive 0.2 BTC back\", a classic fraud, according to the national fraud office.",
            "Officials said victims lost an estimated 12 million pounds last year and urged people to report suspicious messages.",
        ],
        "footer": ["About | Contact us | Complaints | Privacy notice"],
    },
    {
        "name": "judi_news_id",
        "lang": "id",
        "title": "Polisi tangkap 12 admin situs judi online di Jakarta",
        "nav": ["Beranda | Nasional | Metro | Ekonomi | Olahraga | Teknologi"],
        "paragraphs": [
            "Polisi menangkap 12 orang yang diduga menjadi admin situs judi online di kawasan Jakarta Barat, kata Kapolres dalam konferensi pers, Senin.",
            "Menurut polisi, para tersangka mempromosikan situs judi slot melalui media sosial dengan iming-iming bonus deposit dan kemenangan besar.",
            "Kementerian Komunikasi telah memblokir lebih dari 800 ribu konten judi online sepanjang tahun ini, kata pejabat kementerian.",
            "Para tersangka dijerat dengan undang-undang ITE dengan ancaman hukuman enam tahun penjara.",
        ],
        "footer": ["Tentang Kami | Redaksi | Pedoman Media Siber | Kontak"],
    },
    {
        "name": "numbers_table_en",
        "lang": "en",
        "title": "Quarterly results at a glance",
        "nav": ["Markets | Stocks | Bonds | Currencies | Commodities"],
        "paragraphs": [
            "The company reported higher revenue in every region in the third quarter, helped by strong demand for its cloud services.",
            "Revenue, 12.4, 13.1, 14.0, 15.2, 16.8",
            "Operating income, 2.1, 2.4, 2.2, 2.9, 3.3",
            "Q1 / Q2 / Q3 / Q4 / FY: 3.1 / 3.4 / 3.9 / 4.2 / 14.6",
            "Shares rose 4 percent in after-hours trading after the results were published.",
        ],
        "footer": ["Data delayed 15 minutes | Terms | Privacy | Contact"],
    },
    {
        "name": "menus_tags_en",
        "lang": "en",
        "title": "New bridge opens to traffic after three years of work",
        "nav": [
            "Home | News | Sport | Business | Innovation | Culture | Arts | Travel | Earth | Video | Live",
            "English | Español | Français | Deutsch | 中文 | 日本語 | Русский | العربية",
        ],
        "paragraphs": [
            "The new river bridge opened to traffic on Sunday morning, three years after construction began and six months behind schedule.",
            "City officials said the bridge would cut travel times between the two districts by up to 20 minutes during rush hour.",
            "Tags: bridge, transport, construction, traffic, city council",
        ],
        "footer": [
            "About us | Contact us | Careers | Advertise with us | Privacy policy | Cookie policy | Terms & Conditions | Sitemap | RSS | Newsletter | Help",
            "Follow us: Facebook | Twitter | Instagram | YouTube | LinkedIn",
        ],
    },
    {
        "name": "pharma_health_ru",
        "lang": "ru",
        "title": "Минздрав предупредил о поддельных лекарствах в интернете",
        "nav": ["Главная | Новости | Общество | Здоровье | Экономика"],
        "paragraphs": [
            "Министерство здравоохранения предупредило граждан о росте продаж поддельных лекарств через интернет, сообщила пресс-служба ведомства.",
            "По данным ведомства, злоумышленники предлагают купить без рецепта антибиотики и препараты для похудения, которые могут быть опасны для здоровья.",
            "Полиция заблокировала более 300 сайтов, торговавших незарегистрированными препаратами, заявил представитель ведомства.",
        ],
        "footer": ["О проекте | Реклама | Контакты | Политика конфиденциальности"],
    },
]


def honest_page(spec: dict, as_markup: bool) -> str:
    if as_markup:
        return as_html(spec["title"], spec["nav"], spec["paragraphs"], spec["footer"], spec["lang"])
    return as_text(spec["title"], spec["nav"], spec["paragraphs"], spec["footer"])


def spam_page(rng: random.Random, kind: str, language: str, as_markup: bool) -> str:
    title, nav, blocks, footer = doorway_page(rng) if kind == "doorway" else promotion_page(rng, kind, language)
    if as_markup:
        return as_html(title, nav, blocks, footer, language if language != "xx" else "en")
    return as_text(title, nav, blocks, footer)


SPAM_PAGE_KINDS = [("gambling", "en"), ("gambling", "id"), ("gambling", "zh"), ("gambling", "vi"), ("gambling", "th"), ("gambling", "ru"),
                   ("adult", "en"), ("adult", "zh"), ("pharma", "en"), ("pharma", "id"), ("scam", "en"), ("scam", "vi"), ("scam", "zh"),
                   ("doorway", "xx")]
