"""Spam blocks of every kind and language, and their injection into honest pages (text and HTML).

Everything is drawn from a seeded ``random.Random``, so the evaluation set is the same on every
run. Truth spans are code-point offsets into the generated content: for text the injected spam
itself, for HTML the injected element's markup (what a block-level parser can point at).
"""

from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass, field

from bench.spamgen import vocab as V

BLOCK_KINDS = ("seo_injection", "link_farm", "gambling", "adult", "pharma", "scam", "keyword_stuffing", "gibberish")


@dataclass(slots=True)
class Truth:
    kind: str
    language: str
    start: int
    end: int
    template: str = "in"  # 'in' | 'oov' (written to avoid the detector's lists)
    form: str = ""  # how the block was made: 'template', 'pool', 'fullwidth', 'commerce', 'short_list', ...


@dataclass(slots=True)
class Case:
    name: str
    group: str  # injected | lookalike (an honest block injected) | hard_honest | whole_page
    content: str
    content_type: str = "text/plain"
    truths: list[Truth] = field(default_factory=list)
    page_kind: str | None = None  # whole pages: the kind expected on the quarantine
    position: str = ""
    url: str | None = None  # the host page's address (the site's own domain is a cue)


@dataclass(slots=True)
class SpamBlock:
    kind: str
    language: str
    text: str
    template: str = "in"
    items: list[str] = field(default_factory=list)  # list-shaped spam: its items (for <a> lists)
    separator: str = ""
    form: str = "template"


# ---- fillers ---------------------------------------------------------------------------------------
def domain(rng: random.Random) -> str:
    return "".join(rng.choice(V.DOMAIN_SYLLABLES) for _ in range(rng.randint(2, 3))) + "." + rng.choice(V.TLDS)


def fill(rng: random.Random, template: str, brands: list[str]) -> str:
    return template.format(
        brand=rng.choice(brands),
        domain=domain(rng),
        phone=f"+{rng.choice(['62', '84', '66', '7', '1', '86'])} {rng.randint(800, 899)} {rng.randint(1000, 9999)} {rng.randint(100, 9999)}",
        handle="@" + rng.choice(["vip", "cs", "admin", "promo", "agent"]) + "_" + rng.choice(V.DOMAIN_SYLLABLES) + str(rng.randint(1, 99)),
        percent=rng.choice([50, 100, 150, 200, 300]),
        amount=rng.choice(["$5,000", "$10,000", "Rp 50 juta", "100万", "₽ 500 000", "$250"]),
        year=rng.choice([2023, 2024, 2025, 2026]),
    )


BRANDS = {"gambling": V.GAMBLING_BRANDS, "adult": V.ADULT_BRANDS, "pharma": V.PHARMA_BRANDS, "scam": V.SCAM_BRANDS}


# ---- spam blocks -------------------------------------------------------------------------------------
def place_names(rng: random.Random, language: str, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        if language == "zh":
            name = "".join(rng.sample(V.HAN_SYLLABLES, rng.choice([2, 2, 2, 3]))) + rng.choice(V.HAN_PLACE_SUFFIXES)
        elif language == "ru":
            name = rng.choice(V.RU_TOWN_ROOTS) + rng.choice(V.RU_TOWN_SUFFIXES)
        elif language == "vi":
            name = rng.choice(V.VI_PLACE_PREFIXES) + " " + rng.choice(V.VI_PLACE_NAMES)
        else:
            name = rng.choice(V.LATIN_TOWN_ROOTS) + rng.choice(V.LATIN_TOWN_SUFFIXES)
            if rng.random() < 0.5:
                name += " " + rng.choice(V.LATIN_PLACE_KINDS)
        if name not in names:
            names.append(name)
    return names


def keyword_items(rng: random.Random, language: str, count: int) -> list[str]:
    items: list[str] = []
    anchor = rng.choice(V.EN_KEYWORD_ITEMS if language != "zh" else V.HAN_KEYWORD_TAILS)
    while len(items) < count:
        if language == "zh":
            item = rng.choice(V.HAN_KEYWORD_HEADS) + (anchor if rng.random() < 0.7 else rng.choice(V.HAN_KEYWORD_TAILS))
        else:
            item = rng.choice(V.EN_KEYWORD_HEADS) + " " + (anchor if rng.random() < 0.8 else rng.choice(V.EN_KEYWORD_ITEMS))
            if rng.random() < 0.3:
                item += " " + rng.choice(["online", "2025", "sale", "free shipping", "near me"])
        items.append(item)
    return items


def join_list(rng: random.Random, label: str, items: list[str], separator: str) -> str:
    text = separator.join(items)
    if rng.random() < 0.4:
        text += separator.rstrip() or separator
    if label:
        text = label + rng.choice([": ", "：", " "]) + text
    return text.strip()


def seo_block(rng: random.Random, language: str) -> SpamBlock:
    count = rng.randint(8, 45)
    if rng.random() < 0.75:
        items = place_names(rng, language, count)
    else:
        items = keyword_items(rng, language, count)
    label = rng.choice(V.HAN_SEO_LABELS if language == "zh" else V.EN_SEO_LABELS) if rng.random() < 0.6 else ""
    separators = V.SEPARATORS if language == "zh" else [s for s in V.SEPARATORS if s not in ("、", " ")]
    separator = rng.choice(separators)
    return SpamBlock("seo_injection", language, join_list(rng, label, items, separator), items=items, separator=separator, form="pool")


def fullwidth_block(rng: random.Random) -> SpamBlock:
    """A Chinese place-name or keyword pool joined by the full-width comma, or by a mix of separators."""
    count = rng.randint(8, 40)
    items = place_names(rng, "zh", count) if rng.random() < 0.7 else keyword_items(rng, "zh", count)
    if rng.random() < 0.6:
        text = "，".join(items)
    else:
        text = items[0] + "".join(rng.choice(V.FULLWIDTH_SEPARATORS) + item for item in items[1:])
    if rng.random() < 0.3:
        text += "，"
    if rng.random() < 0.5:
        text = rng.choice(V.HAN_SEO_LABELS[:-1]) + rng.choice(["：", ":"]) + text
    return SpamBlock("seo_injection", "zh", text, items=items, separator="，", form="fullwidth")


def commerce_block(rng: random.Random) -> SpamBlock:
    """A Latin keyword list of replica goods and paid services, without a sentence."""
    items: list[str] = []
    services = rng.random() < 0.4
    while len(items) < rng.randint(6, 20):
        if services:
            item = rng.choice(V.SERVICE_ITEMS)
        else:
            item = rng.choice(V.COMMERCE_HEADS) + " " + rng.choice(V.COMMERCE_ITEMS)
        item = (item + " " + rng.choice(V.COMMERCE_SUFFIXES)).strip()
        if item not in items:
            items.append(item)
    separator = rng.choice(V.COMMERCE_SEPARATORS)
    label = rng.choice(V.EN_SEO_LABELS) if rng.random() < 0.4 else ""
    return SpamBlock("seo_injection", "en", join_list(rng, label, items, separator), items=items, separator=separator, form="commerce")


def short_list_block(rng: random.Random, language: str) -> SpamBlock:
    """Five to eight gambling keywords in Thai or Indonesian, joined by pipes, dashes or spaces."""
    pool = V.THAI_KEYWORDS if language == "th" else V.INDONESIAN_KEYWORDS
    items = rng.sample(pool, rng.randint(5, 8))
    separator = rng.choice(V.SHORT_LIST_SEPARATORS)
    return SpamBlock("gambling", language, separator.join(items), items=items, separator=separator, form="short_list")


def link_farm_block(rng: random.Random, language: str) -> SpamBlock:
    items = [domain(rng) for _ in range(rng.randint(6, 30))]
    label = rng.choice(["友情链接", "合作伙伴", "Partners", "Links", "Friends", ""]) if rng.random() < 0.5 else ""
    separator = rng.choice(["| ", " | ", " ", ", ", " · "])
    return SpamBlock("link_farm", language, join_list(rng, label, items, separator), items=items, separator=separator, form="pool")


def promotion_block(rng: random.Random, kind: str, language: str, oov: bool) -> SpamBlock:
    pool = (V.OOV_TEMPLATES if oov else V.TEMPLATES)[kind]
    language = language if language in pool else rng.choice(sorted(pool))
    templates = pool[language]
    sentences = [fill(rng, rng.choice(templates), BRANDS[kind]) for _ in range(rng.choice([1, 1, 2, 3]))]
    joiner = "" if language in ("zh", "th") else " "
    return SpamBlock(kind, language, joiner.join(sentences), template="oov" if oov else "in")


def stuffing_block(rng: random.Random, language: str) -> SpamBlock:
    if language == "zh":
        keyword = rng.choice(V.HAN_KEYWORD_HEADS) + rng.choice(V.HAN_KEYWORD_TAILS)
        fillers = ["最好的", "哪里有", "推荐", "排行榜", "大全", "网站", "免费看", "在线"]
        parts = [rng.choice([keyword + rng.choice(fillers), rng.choice(fillers) + keyword, keyword]) for _ in range(rng.randint(12, 30))]
        return SpamBlock("keyword_stuffing", "zh", "，".join(parts) + "。", form="stuffing")
    keyword = rng.choice(V.EN_KEYWORD_HEADS) + " " + rng.choice(V.EN_KEYWORD_ITEMS)
    fillers = ["best", "online", "buy", "for sale", "near me", "cheap", "top", "deals", "store", "2025"]
    shape = rng.random()
    if shape < 0.5:
        parts = [rng.choice([f"{keyword} {rng.choice(fillers)}", f"{rng.choice(fillers)} {keyword}", keyword]) for _ in range(rng.randint(10, 25))]
        text = rng.choice([", ", " ", ". "]).join(parts)
    else:
        sentence = f"Buy {keyword} at the lowest price, {keyword} with fast delivery and the best {keyword} deals."
        text = " ".join([sentence] * rng.randint(3, 6))
    return SpamBlock("keyword_stuffing", "en", text, form="stuffing")


def gibberish_block(rng: random.Random) -> SpamBlock:
    words = []
    for _ in range(rng.randint(10, 40)):
        size = rng.randint(3, 11)
        if rng.random() < 0.6:
            word = "".join(rng.choice(V.GIBBERISH_CONSONANTS) for _ in range(size))
        else:
            word = "".join(rng.choice(V.GIBBERISH_ALPHABET) for _ in range(size))
        words.append(word.capitalize() if rng.random() < 0.1 else word)
    return SpamBlock("gibberish", "xx", " ".join(words), form="gibberish")


def spam_block(rng: random.Random, kind: str, language: str, oov: bool = False, form: str = "") -> SpamBlock:
    if form == "fullwidth":
        return fullwidth_block(rng)
    if form == "commerce":
        return commerce_block(rng)
    if form == "short_list":
        return short_list_block(rng, language)
    if kind == "seo_injection":
        return seo_block(rng, language)
    if kind == "link_farm":
        return link_farm_block(rng, language)
    if kind == "keyword_stuffing":
        return stuffing_block(rng, language)
    if kind == "gibberish":
        return gibberish_block(rng)
    return promotion_block(rng, kind, language, oov)


def languages_of(kind: str) -> list[str]:
    if kind == "seo_injection":
        return ["zh", "en", "ru", "vi"]
    if kind == "link_farm":
        return ["xx"]
    if kind == "keyword_stuffing":
        return ["en", "zh"]
    if kind == "gibberish":
        return ["xx"]
    return sorted(V.TEMPLATES[kind])


def forms_of(kind: str, language: str) -> list[str]:
    """The ways spam of this kind and language is generated (each gets its own share of cases)."""
    if (kind, language) == ("seo_injection", "zh"):
        return ["pool", "fullwidth"]
    if (kind, language) == ("seo_injection", "en"):
        return ["pool", "commerce"]
    if kind == "gambling" and language in ("th", "id"):
        return ["template", "short_list"]
    return [""]


# ---- injection into page text ------------------------------------------------------------------------
SENTENCE_ENDS = (".", "!", "?", "。", "！", "？", ".\"", ".”")


def inject_text(rng: random.Random, content: str, spam: SpamBlock, position: str) -> tuple[str, Truth]:
    lines = content.split("\n")
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    if position == "glued":
        # Spam is glued after the end of a paragraph: a line of some length that ends a sentence
        # (a page of product titles and menus has none: the spam then goes on a line of its own).
        paragraphs = [i for i in nonempty if len(lines[i].strip()) >= 60 and lines[i].rstrip().endswith(SENTENCE_ENDS)]
        if not paragraphs:
            return inject_text(rng, content, spam, "bottom")
        target = rng.choice(paragraphs)
        line = lines[target].rstrip()
        prefix = "\n".join(lines[:target] + [line + " "])
        new = prefix + spam.text + "\n" + "\n".join(lines[target + 1 :])
        start = len(prefix)
        return new, Truth(spam.kind, spam.language, start, start + len(spam.text), spam.template, spam.form)
    if position == "top":
        at = nonempty[min(len(nonempty) - 1, rng.randint(0, 3))]
    elif position == "bottom":
        at = len(lines)
    else:
        at = rng.choice(nonempty[len(nonempty) // 4 : 3 * len(nonempty) // 4] or nonempty)
    prefix = "\n".join(lines[:at])
    if prefix:
        prefix += "\n"
    indent = "    " if rng.random() < 0.3 else ""
    new = prefix + indent + spam.text + "\n" + "\n".join(lines[at:])
    start = len(prefix) + len(indent)
    return new, Truth(spam.kind, spam.language, start, start + len(spam.text), spam.template, spam.form)


# ---- injection into HTML -------------------------------------------------------------------------------
PARAGRAPH_END = re.compile(r"</p\s*>", re.I)
RAW_TEXT_ELEMENT = re.compile(r"<(script|style|noscript|template|textarea)\b.*?</\1\s*>", re.I | re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
BODY_END = re.compile(r"</body\s*>", re.I)
BODY_START = re.compile(r"<body[^>]{0,500}>", re.I)


def spam_markup(rng: random.Random, spam: SpamBlock, wrapper: str) -> str:
    if wrapper == "links" and spam.items:
        links = [f'<a href="http://{domain(rng)}/">{html.escape(item)}</a>' for item in spam.items]
        return '<div class="links">' + html.escape(spam.separator).join(links) + "</div>"
    text = html.escape(spam.text, quote=False)
    if wrapper == "display_none":
        return f'<div style="display:none">{text}</div>'
    if wrapper == "hidden_attr":
        return f"<div hidden>{text}</div>"
    if wrapper == "div":
        return f"<div>{text}</div>"
    return f"<p>{text}</p>"


def inject_html(rng: random.Random, content: str, spam: SpamBlock, wrapper: str, position: str, markup: str | None = None) -> tuple[str, Truth]:
    markup = markup or spam_markup(rng, spam, wrapper)
    # Markup inside a comment or a script is not on the page: inject only where a browser renders.
    hidden_ranges = [m.span() for m in RAW_TEXT_ELEMENT.finditer(content)] + [m.span() for m in COMMENT.finditer(content)]

    def rendered(position: int) -> bool:
        return not any(a <= position < b for a, b in hidden_ranges)

    at = None
    if position == "middle":
        ends = [m.end() for m in PARAGRAPH_END.finditer(content) if rendered(m.start())]
        if ends:
            at = rng.choice(ends[len(ends) // 4 : 3 * len(ends) // 4 + 1] or ends)
    elif position == "top":
        at = next((m.end() for m in BODY_START.finditer(content) if rendered(m.start())), None)
    if at is None:
        ends = [m.start() for m in BODY_END.finditer(content) if rendered(m.start())]
        at = ends[-1] if ends else len(content)
    new = content[:at] + "\n" + markup + "\n" + content[at:]
    start = at + 1
    return new, Truth(spam.kind, spam.language, start, start + len(markup), spam.template, spam.form)
