"""Adverts without promotion vocabulary: a contact, an offer and a sales pitch unrelated to the article.

The promotion detector needs words it knows (judi online, without prescription). Spam written in
other words still has the *shape* of an advert, in any language and for any product:

- a way to reach the seller: a web address, a messenger handle or a phone number;
- a brand the article never mentions, written like brands are (CamelCase, letters glued to
  digits as in ``WinBig777``, or a name in another script than the text around it);
- an offer (a percentage, an amount of money, offer emoji), a hook (``!``), the reader addressed
  directly (you, your, anda, 您);
- a topic of its own: few of its words occur anywhere else on the page.

Honest pages have contacts too (bylines, copyright lines, "follow us", a site's own newsletter or
donation appeal), so each cue is weak and the score needs most of them at once. Cues against:
reporting language, a quotation, page chrome, a copyright line, a web address the page uses
elsewhere or on the site's own domain, and a page full of offers and prices (a shop, where one
more offer is no stranger). Text in another script than the page counts for it.
Text glued after an honest paragraph is found as the paragraph's last sentences (or first ones).
The kind comes from the promotion words present, weak ones included; an advert with none is
``scam`` (unsolicited promotion of unknown nature).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from worker.pipeline.spam.context import PageContext, terms_of
from worker.pipeline.spam.detector import AGAINST, FOR, Cues, Detector, Verdict
from worker.pipeline.spam.promotion import BARE_DOMAIN, CLAUSE_END_ALTERNATIVES, CONTACT, OFFER, QUOTED, ends_with_contact, first_char_alternation, foreign_script, is_quoted, sentence_spans, topic_shift
from worker.pipeline.spam.shape import COPYRIGHT, is_throwaway
from worker.pipeline.spam.vocab import NEWS_MATCHER
from worker.pipeline.textfacts import NON_LATIN_LETTER, dominant_script, script_profile

DETECTOR = "advert"
MAX_SCAN_CHARS = 5000
MAX_UNIT_CHARS = 700  # an advert is short; a longer block is scanned by its first and last sentences
MAX_EDGE_SENTENCES = 3
# Where an advert may begin or end inside a paragraph: sentence ends, and semicolons (Chinese lists
# of clauses end with '；' where English would put a full stop).
UNIT_END = first_char_alternation(*CLAUSE_END_ALTERNATIVES, ("[;；]", r"\s*"))
MAX_EXTEND_SENTENCES = 12
EXTEND_FROM_SCORE = 0.8  # only adverts that will be removed are worth locating precisely
MAX_CANDIDATES = 40
# Brands are written unlike words: CamelCase, or letters glued to digits (LuckyDragon88, 9to5Mac).
BRAND = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z][a-z]{1,20}(?:[A-Z][a-z0-9]{1,20})+|[A-Za-z]{2,20}\d{2,6}|\d{1,6}(?!st\b|nd\b|rd\b|th\b|s\b)[A-Za-z]{2,20})(?![A-Za-z0-9])"
)  # ASCII boundaries: a brand glued to Chinese text ('WinBig777电子游艺') is still one
SECOND_PERSON = re.compile(
    r"(?=[yakbvusвт您你])\b(?:you|your|yours|anda|kamu|bạn|вы|вас|ваш|ваша|вам|тебя|usted|você|vous|votre|siz|senin)\b|您|你",
    re.I,
)
HOOK = re.compile(r"[!！]")
MENU_SEPARATORS = ("|", "•", "·", "｜")
READER_WORDS = ("you", "anda", "kamu", "bạn", "вы", "ваш", "вам", "вас", "тебя", "usted", "você", "vous", "votre", "siz", "senin", "您", "你")
# Characters without which a text has no offer and no exclamation (see OFFER), with the words USD
# and Rp: a cheap first test (see has_offer_mark).
OFFER_MARK = re.compile(r"[!！%$€£¥₽元万฿đ🎰🎲💰💵🔥✅🎁💯👉]")


def candidate_blocks(ctx: PageContext) -> list[int]:
    """Blocks with something to contact: a web address (found by the automaton), '@' or '+'.

    (Messenger ids without '@' or '+', like 'WeChat abc123', are not looked for: adverts that
    give one have promotion words for the promotion detector, or a web address besides.)"""
    lines = set(ctx.contact_lines)
    joined = ctx.joined
    for mark in ("@", "+"):  # str.find and str.count run at C speed; a regex would cost 20x more
        at, line, counted_to = joined.find(mark), 0, 0
        while at >= 0:
            follower = joined[at + 1 : at + 2]
            if follower.isdigit() if mark == "+" else follower.isalpha():
                line += joined.count("\n", counted_to, at)
                counted_to = at
                lines.add(line)
            at = joined.find(mark, at + 1)
    texts = ctx.texts
    # A unit's cues are a subset of its block's: a block without an offer, a hook or the reader
    # addressed cannot make an advert (most contact lines stop here, on substring tests).
    found = []
    for i in sorted(lines):
        text = texts[i]
        if len(text) < 25:
            continue
        hints = has_offer_mark(text) + reader_hint(text)
        # One hint alone reaches 'removed' only with a brand, promotion words or hidden markup.
        if hints >= 2 or (hints and (BRAND.search(text) or i in ctx.terms and ctx.terms[i].promotion()[1] or ctx.blocks[i].hidden or not text.isascii())):
            found.append(i)
    return found[:MAX_CANDIDATES]


def offer_share(ctx: PageContext) -> float:
    """Share of the page's lines of some length that carry an offer mark (%, a currency, offer
    emoji): a shop or a pricing page is full of them, and an advert there is no stranger."""
    cached = ctx.memo.get("offer_share")
    if cached is None:
        lines = [text for text in ctx.texts if len(text) >= 25]
        cached = ctx.memo["offer_share"] = sum(1 for text in lines if has_offer_mark(text)) / max(1, len(lines))
    return cached


def has_offer_mark(text: str) -> bool:
    # A one-class regex plus substring tests: an alternation with the words would scan 1.6x slower.
    return OFFER_MARK.search(text) is not None or "USD" in text or "usd" in text or "Rp" in text


def reader_hint(text: str) -> bool:
    """Substring test for :data:`SECOND_PERSON` (cheaper; 'young' passes too, the regex decides later)."""
    lowered = text.lower()
    return any(word in lowered for word in READER_WORDS)


class BlockFacts:
    """Positions of the block's contacts, addresses, brands, offers and hooks, found once per block.

    A block is scored as several overlapping units (the whole block, its first and last sentences);
    each unit then only counts the facts inside its range instead of searching its text again.
    """

    __slots__ = ("contacts", "domains", "brands", "offers", "hooks", "readers")

    def __init__(self, ctx: PageContext, index: int):
        text = ctx.texts[index]
        # E-mail addresses match neither contact pattern: both refuse to start right after a letter or '@'.
        self.domains = [(m.start(), m.group().lower()) for m in BARE_DOMAIN.finditer(text) if not m.group().lower().startswith("www.")]
        self.contacts = [m.start() for m in CONTACT.finditer(text)] + [at for at, _ in self.domains]
        self.brands = [
            (m.start(), m.group(), ctx.appears_outside(index, m.group()))
            for m in BRAND.finditer(text)
            if not BARE_DOMAIN.fullmatch(m.group())
        ]
        self.offers = [m.start() for m in OFFER.finditer(text)] if has_offer_mark(text) else []
        self.hooks = [m.start() for m in HOOK.finditer(text)]
        self.readers = [m.start() for m in SECOND_PERSON.finditer(text)]


def within(positions: list[int], start: int, end: int) -> int:
    return sum(1 for at in positions if start <= at < end)


class Advert(Detector):
    """Adverts by their shape, without promotion vocabulary (see the module docstring)."""

    name = DETECTOR
    CUES = {
        "contact": FOR, "more_contacts": FOR, "throwaway_address": FOR, "offer": FOR, "exclamation": FOR,
        "addresses_the_reader": FOR, "unknown_brand": FOR, "known_brand": AGAINST, "kind_words": FOR, "calls_to_action": FOR,
        "own_address": AGAINST, "reporting_language": AGAINST, "quoted": AGAINST, "copyright_line": AGAINST,
        "page_chrome": AGAINST, "menu_line": AGAINST, "hidden": FOR, "off_topic": FOR, "glued_to_on_topic_paragraph": FOR,
        "unrelated_seller": FOR, "little_shared": FOR, "some_shared": FOR, "on_topic": AGAINST, "foreign_script": FOR,
        "commercial_page": AGAINST, "ends_with_contact": FOR, "brand_pitch": FOR,
        "many_sentences": AGAINST, "starts_on_topic": AGAINST,
    }
    TOPIC_CUES = ("off_topic", "glued_to_on_topic_paragraph", "unrelated_seller", "little_shared", "some_shared", "on_topic")

    def candidates(self, ctx: PageContext) -> list[int]:
        return candidate_blocks(ctx)

    def examine(self, ctx: PageContext, index: int) -> Iterator[Verdict]:
        text = ctx.texts[index]
        facts = BlockFacts(ctx, index)
        if not facts.contacts:
            return
        for start, end in units(text):
            if within(facts.contacts, start, end):
                part = None if (start, end) == (0, len(text)) else (start, end)
                verdict = self.score_unit(ctx, index, facts, start, end, part)
                if verdict is not None:
                    yield verdict

    def finish(self, ctx: PageContext, verdict: Verdict) -> Verdict:
        if verdict.part is not None and verdict.score >= EXTEND_FROM_SCORE:
            verdict.part = extend_part(ctx, verdict.block, verdict.part)
            if verdict.part == (0, len(ctx.texts[verdict.block])):
                verdict.part = None
        return verdict

    def score_unit(self, ctx: PageContext, index: int, facts: BlockFacts, start: int, end: int, part: tuple[int, int] | None) -> Verdict | None:
        offers, hooks, readers = within(facts.offers, start, end), within(facts.hooks, start, end), within(facts.readers, start, end)
        if not (offers or hooks or readers):
            return None  # a contact alone (a byline, a 'follow us' line) is no advert
        text = ctx.texts[index][start:end]
        block = ctx.blocks[index]
        contacts = within(facts.contacts, start, end)
        cues = Cues()
        cues.add("contact", 1, "contact")
        cues.add("more_contacts", min(contacts - 1, 2) / 2, "contact")
        domains = [name for at, name in facts.domains if start <= at < end]
        address = next((name for name in domains if is_throwaway(name)), "")
        cues.add("throwaway_address", bool(address), f"address {address[:24]!r}")
        pitch_end = ends_with_contact(text)
        cues.add("ends_with_contact", pitch_end, "ends with where to go")
        cues.add("offer", offers > 0, "offer/amount")
        cues.add("exclamation", hooks > 0, "exclamation")
        cues.add("addresses_the_reader", readers > 0, "addresses the reader")
        brands = [(name, outside) for at, name, outside in facts.brands if start <= at < end]
        brand = next((name for name, outside in brands if not outside), "") or unknown_foreign_run(ctx, index, text)
        cues.add("unknown_brand", bool(brand), f"brand {brand[:20]!r} not in the article")
        # Together, an unknown brand and a pitch that ends with where to go (the weights add up;
        # the fit needs the pair as a cue of its own to weigh what neither says alone).
        cues.add("brand_pitch", bool(brand) and pitch_end, "an unknown brand's pitch ending with its contact")
        known = next((name for name, outside in brands if outside and len(name) >= 4), "")
        cues.add("known_brand", bool(known), f"names {known[:20]!r}, which the page uses elsewhere (its own)")
        terms = terms_of(text)
        kind, weight = terms.promotion()
        cta = terms.weights.get("cta", 0.0)
        cues.add("kind_words", min(weight, 3.0) / 3, f"{kind} words")
        cues.add("calls_to_action", min(cta, 2.0) / 2, "calls to action")
        own = any(ctx.is_own_domain(name) or ctx.appears_outside(index, name.removeprefix("www."), lowered=True) for name in domains)
        cues.add("own_address", own, "the site's own web address")
        news = len(NEWS_MATCHER.find(text))
        cues.add("reporting_language", min(news, 3) / 3, "reporting language")
        cues.add("quoted", is_quoted(text) or QUOTED.fullmatch(text.strip()) is not None, "quoted")
        cues.add("copyright_line", COPYRIGHT.search(text) is not None, "copyright line")
        if block.in_chrome:
            cues.add("page_chrome", 1, "page chrome")
        else:
            cues.add("menu_line", sum(map(text.count, MENU_SEPARATORS)) >= 3, "a menu or list line")
        cues.add("hidden", ctx.is_html and block.hidden, "hidden")
        cues.add("foreign_script", foreign_script(ctx, index, text), "written in another script than the page")
        # An advert is a pitch of a few sentences; a paragraph of many is prose, whatever it names.
        sentences = len(UNIT_END.findall(text, 0, MAX_UNIT_CHARS))
        cues.add("many_sentences", (sentences - 3) / 4, f"{sentences} sentences")
        if self.hopeless(ctx, cues, self.TOPIC_CUES):
            return None  # cannot reach 'flagged': skip the page's vocabulary (the costly part)
        if self.weighs(ctx, "commercial_page"):
            offers = offer_share(ctx)
            cues.add("commercial_page", 5 * offers, f"offers and prices in {offers:.0%} of the page's lines (a shop)")
        overlap = ctx.page_overlap(index, text)
        if overlap is not None:
            if overlap < 0.3:
                cues.add("off_topic", 1, f"off-topic ({overlap:.0%} of its words on the page)")
                cues.add("glued_to_on_topic_paragraph", part is not None and topic_shift(ctx, index, part), "glued to a paragraph on the page's topic")
                cues.add("unrelated_seller", bool(brand or address), "an unrelated seller")
            elif overlap < 0.4:
                cues.add("little_shared", 1, f"little shared with the page ({overlap:.0%})")
            elif overlap < 0.5:
                cues.add("some_shared", 1, f"little shared with the page ({overlap:.0%})")
            elif overlap >= 0.6:
                cues.add("on_topic", 1, f"on the page's topic ({overlap:.0%})")
        if sentences >= 2 and overlap is not None and overlap < 0.6:
            # A paragraph of the article with a pitch glued to its end: the reading that takes both
            # starts on the page's topic (the pitch alone is a reading of its own).
            first = sentence_spans(text, UNIT_END)[0]
            lead = ctx.page_overlap(index, text[first[0] : first[1]])
            cues.add("starts_on_topic", lead is not None and lead >= 0.5, "starts with a sentence on the page's topic")
        return self.verdict(index, kind or "scam", cues, part)


def extend_part(ctx: PageContext, index: int, part: tuple[int, int]) -> tuple[int, int]:
    """Grow an advert found in a paragraph's first or last sentences over its neighbours.

    The best-scoring run is often only the pitch's strongest sentences; the sentences next to it
    belong to the advert as long as they are not about the page's topic (spam pasted several times
    in a row, a hook like 'Need cash today?'). The growth stops at the first on-topic sentence.
    """
    text = ctx.texts[index]
    spans = sentence_spans(text, UNIT_END)
    start, end = part
    at_tail = text[end:].strip() == ""
    neighbours = [s for s in spans if s[1] <= start + 1][::-1] if at_tail else [s for s in spans if s[0] >= end - 1]
    for low, high in neighbours[:MAX_EXTEND_SENTENCES]:
        piece = text[low:high]
        if not piece.strip():
            continue
        overlap = ctx.page_overlap(index, piece)
        if NEWS_MATCHER.find(piece) or (overlap is not None and overlap >= 0.35):
            break
        start, end = (min(start, low), end) if at_tail else (start, max(end, high))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def units(text: str) -> list[tuple[int, int]]:
    """The block, and runs of its first and last sentences (spam glued to an honest paragraph)."""
    found = []
    if len(text) <= MAX_UNIT_CHARS:
        found.append((0, len(text)))
    spans = sentence_spans(text, UNIT_END)
    if len(spans) >= 2:
        for k in range(1, min(MAX_EDGE_SENTENCES, len(spans) - 1) + 1):
            head = (spans[0][0], spans[k - 1][1])
            tail = (spans[-k][0], spans[-1][1])
            for start, end in (head, tail):
                piece = text[start:end]
                start += len(piece) - len(piece.lstrip())
                end = start + len(piece.strip())
                if 20 <= end - start <= MAX_UNIT_CHARS:
                    found.append((start, end))
    return found


def unknown_foreign_run(ctx: PageContext, index: int, text: str) -> str:
    """A run of another script (a brand like 宝马会 in English text) that the rest of the page never uses."""
    foreign = foreign_run(text)
    return foreign if foreign and not ctx.appears_outside(index, foreign) else ""


def foreign_run(text: str) -> str:
    """A run of letters in another script than most of ``text`` (宝马会 in English, Rồng in Thai)."""
    if text.isascii() or not NON_LATIN_LETTER.search(text):
        return ""
    text = CONTACT.sub(" ", text)  # addresses are Latin in every language
    profile = script_profile(text)
    main, share = dominant_script(profile)
    if not main or share > 0.97 or share < 0.6:
        return ""
    run = []
    for char in text:  # Latin names in other scripts are ordinary (English names in Chinese news)
        if char.isalpha() and script_of(char) not in ("", main, "latin"):
            run.append(char)
        elif run and len(run) >= 2:
            break
        else:
            run = []
    return "".join(run) if len(run) >= 2 else ""


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    name, _ = dominant_script(script_profile(char))
    return name
