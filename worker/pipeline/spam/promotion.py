"""Gambling, adult, pharma and scam promotion in a block of prose or a short ad.

Honest news talks about casinos, drugs and fraud too, so vocabulary alone never removes anything.
A promotion scores from several independent cues: terms of one promotion kind (judi online, 博彩,
without prescription, crypto giveaway; counted once per term), calls to action (sign up, 立即注册,
daftar), contact channels (web addresses, WhatsApp / Telegram / LINE handles, phone numbers),
offers (percentages, amounts, emoji), and density (the terms are most of the block). Reporting
language (said, police, according to, 记者, 表示), quotation marks around the promotion, and an
article that is itself about the topic count against it: a news report quotes spam to describe it.
So do the shapes of honest pages that name a vice once: terms alone (no contact, call to action or
offer), a menu line or a heading, a photo credit, the site's own address, a block the page repeats.

Spam is often glued to an honest paragraph on one line; then the block's sentences are scored one
run at a time and the evidence is the run of promotional sentences only.
"""

from __future__ import annotations

import re

from collections.abc import Iterator

from worker.pipeline.spam.context import PROMOTION_KINDS, BlockTerms, PageContext, terms_of
from worker.pipeline.spam.detector import AGAINST, FOR, Cues, Detector, Verdict
from worker.pipeline.spam.shape import CREDIT, HEADING_TAGS, WEB_ADDRESS, capitalized_share
from worker.pipeline.textfacts import NON_LATIN_LETTER, dominant_script, script_profile
from worker.pipeline.spam.vocab import NEWS_MATCHER

DETECTOR = "promotion"
MAX_SCAN_CHARS = 5000
TOPIC_LETTERS = 400  # letters the rest of the page needs for a block to be on or off its topic
# A web address written without its scheme ('luckywin.vip', 'cash.example.co.uk'), in running text.
BARE_DOMAIN = re.compile(r"(?<![\w@./-])[a-z0-9][a-z0-9-]{1,40}(?:\.[a-z0-9-]{1,40}){0,2}\.[a-z]{2,12}(?![\w.]|\.\w)", re.I)
CONTACT = re.compile(
    # The lookahead on the first character lets the engine skip most positions at once (6x faster).
    r"(?=[hwtlqvz微+@])(?:"
    r"https?://\S{3,200}|www\.\S{3,200}"
    r"|(?:wa\.me|t\.me|line\.me)/\S{1,60}"
    r"|(?:whatsapp|wa|telegram|tg|line|wechat|zalo|微信|qq|vx|v信)\s{0,2}[:：]?\s{0,2}[+@]?[\w.-]*\d[\w.-]{2,30}"
    r"|\+\d{1,3}[ -]?\(?\d{2,4}\)?[ -]?\d{3,4}[ -]?\d{3,5}"
    r"|(?<![\w@])@[a-z][a-z0-9_]{3,31})",
    re.I,
)
QUOTED = re.compile(r"\"[^\"\n]{8,600}\"|“[^”\n]{8,600}”|«[^»\n]{8,600}»|「[^」\n]{8,600}」|„[^“\n]{8,600}“")
OFFER = re.compile(
    # As for CONTACT, a lookahead on the first character (2x faster than trying each alternative).
    r"(?=[\d$r🎰🎲💰💵🔥✅🎁💯👉])(?:\d{2,4}\s?%|\$\s?\d|\d\s?(?:usd|idr|vnd|đ|฿|₽|元|万)|rp\.?\s?\d|[🎰🎲💰💵🔥✅🎁💯👉])",
    re.I,
)


def first_char_alternation(*alternatives: tuple[str, str]) -> re.Pattern[str]:
    """The regex ``class1 rest1|class2 rest2|...`` (each alternative starting with one character of
    a class), written so that the engine skips at C speed to where a match can start.

    The pattern becomes one leading class, the union of all, followed by each rest behind a
    look-behind on its own class: ``[class1class2](?:(?<=class1)rest1|(?<=class2)rest2)``. It
    matches the same text, alternatives tried in the same order; but a pattern that starts with a
    plain class is searched for with a C loop over the characters, while an alternation (or a
    repeated class, ``[.!?]+``) is tried as a whole at every position, 5-10x slower on long blocks.
    """
    leading = "".join(first[1:-1] for first, _ in alternatives)
    return re.compile(f"[{leading}](?:" + "|".join(f"(?<={first}){rest}" for first, rest in alternatives) + ")")


# Sentence ends: '.', '!' or '?' (repeated, maybe a closing quote) before white space or the end;
# '。', '！' or '？' anywhere. (``[.!?]+`` is the leading class and the rest ``[.!?]*``.)
CLAUSE_END_ALTERNATIVES = (("[.!?]", r"[.!?]*[\"”»」]?(?:\s+|$)"), ("[。！？]", r"[。！？]*[\"”»」]?\s*"))
CLAUSE_END = first_char_alternation(*CLAUSE_END_ALTERNATIVES)


# What may follow the address a pitch ends with: its closing punctuation.
PITCH_END_MARKS = " \t.!！。)）]\"”'»"
ENDING_SCAN_CHARS = 80
# Names that end like a web address but are files or frameworks (Node.js, setup.py, index.html).
FILE_SUFFIXES = frozenset("js ts py md txt json html htm php css pdf jpg jpeg png gif svg xml yaml yml csv exe zip sh rs go java".split())


def ends_with_contact(text: str) -> bool:
    """Does the text end with where to go: a bare web address (a name, no scheme or path), a
    messenger handle or a phone number (closing punctuation aside)? A pitch ends with its contact
    ('... join now: 777win.top'); prose ends with a word, and a citation gives a whole link
    (https://..., with its path) or goes on after it."""
    tail = text.rstrip(PITCH_END_MARKS)
    start = max(0, len(tail) - ENDING_SCAN_CHARS)
    end = len(tail)
    for match in WEB_ADDRESS.finditer(tail, start):
        if match.end() == end:
            return match.end(1) == end and "/" not in match.group() and match.group(1).rpartition(".")[2].lower() not in FILE_SUFFIXES
    return any(match.end() == end and not match.group().startswith(("http", "www")) for match in CONTACT.finditer(tail, start))


def is_candidate(terms: BlockTerms) -> bool:
    _, weight = terms.promotion()
    return weight >= 2 or (weight >= 1 and (terms.weights.get("cta", 0.0) >= 1 or terms.counts.get("tld", 0) >= 1))


class Promotion(Detector):
    """Gambling, adult, pharma and scam promotion in the detector's vocabulary (module docstring)."""

    name = DETECTOR
    CUES = {
        "kind_terms": FOR, "calls_to_action": FOR, "contact": FOR, "more_contacts": FOR, "offer": FOR, "dense": FOR,
        "diluted": AGAINST, "reporting_language": AGAINST, "quoted": AGAINST, "hidden": FOR, "article_about_kind": AGAINST,
        "page_promotes_kind": FOR, "terms_alone": AGAINST, "menu_like": AGAINST, "heading": AGAINST, "short_line": AGAINST,
        "repeated_on_page": AGAINST, "page_chrome": AGAINST, "own_site_contact": AGAINST, "credit_line": AGAINST,
        "weak_terms_only": AGAINST, "foreign_script": FOR, "ends_with_contact": FOR, "off_topic": FOR,
        "on_topic": AGAINST, "glued_to_on_topic_paragraph": FOR,
    }
    # A run of promotional sentences is preferred to the whole block unless the block scores this
    # much higher: cutting less of a paragraph is worth a little confidence.
    PART_MARGIN = 1.0
    TOPIC_CUES = ("off_topic", "glued_to_on_topic_paragraph")

    def candidates(self, ctx: PageContext) -> list[int]:
        return [index for index, terms in ctx.terms.items() if is_candidate(terms)]

    def examine(self, ctx: PageContext, index: int) -> Iterator[Verdict]:
        terms = ctx.block_terms(index)
        text = ctx.texts[index]
        whole = self.score_text(ctx, index, text, terms)
        yield whole
        if len(text) >= 80 and (ctx.exhaustive or self.part_may_flag(ctx, whole)):
            yield from self.sentence_runs(ctx, index, text)

    def part_may_flag(self, ctx: PageContext, whole: Verdict) -> bool:
        """Can a run of the block's sentences reach the flag threshold? At best it sheds what
        counts against the whole block for its length (diluted in long prose) and gains the cue
        of a pitch glued to an on-topic paragraph, which the whole block cannot have."""
        weights = self.model.weights
        shed = -weights.get("diluted", 0.0) * whole.cues.values.get("diluted", 0.0)
        return whole.logit + shed + self.model.best_gain(("glued_to_on_topic_paragraph",)) >= ctx.min_logit

    def best(self, ctx: PageContext, index: int) -> Verdict | None:
        readings = list(self.examine(ctx, index))
        whole = readings[0]
        parts = [verdict for verdict in readings[1:] if verdict.logit >= whole.logit - self.PART_MARGIN]
        return max(parts, key=lambda verdict: verdict.logit) if parts else whole  # (first of equals)

    def score_text(self, ctx: PageContext, index: int, text: str, terms: BlockTerms, part: tuple[int, int] | None = None, quoted: bool = False) -> Verdict:
        kind, weight = terms.promotion()
        cta = terms.weights.get("cta", 0.0)
        block = ctx.blocks[index]
        words = max(1, len(text.split()), len(text) // 4 if not text.isascii() and " " not in text[:40] else 0)

        cues = Cues()
        cues.add("kind_terms", min(weight, 5.0) / 5, f"{kind} terms")
        cues.add("calls_to_action", min(cta, 3.0) / 3, "calls to action")
        contacts = len(CONTACT.findall(text, 0, MAX_SCAN_CHARS)) + terms.counts.get("tld", 0)
        cues.add("contact", contacts > 0, "contacts/web addresses")
        cues.add("more_contacts", min(contacts - 1, 2) / 2, "contacts/web addresses")
        cues.add("ends_with_contact", contacts > 0 and ends_with_contact(text), "ends with where to go")
        offer = OFFER.search(text, 0, MAX_SCAN_CHARS) is not None
        cues.add("offer", offer, "offer/amount")
        cues.add("terms_alone", not (contacts or cta or offer), "terms alone (no contact, call to action or offer)")
        sentence = CLAUSE_END.search(text) is not None
        cues.add("menu_like", not sentence and capitalized_share(text) >= 0.7 and len(text.split()) >= 4, "a menu line (capitalized words, no sentence)")
        cues.add("heading", block.tag in HEADING_TAGS, "a heading")
        cues.add("short_line", len(text) < 60 and not sentence, "a short line")
        cues.add("repeated_on_page", part is None and ctx.repeats(index), "the same block elsewhere on the page")
        cues.add("page_chrome", block.in_chrome and not block.hidden, "page chrome")
        domains = [match.group(1).lower() for match in WEB_ADDRESS.finditer(text, 0, MAX_SCAN_CHARS)]
        cues.add("own_site_contact", bool(domains) and all(ctx.is_own_domain(name) for name in domains), "the site's own address")
        cues.add("credit_line", CREDIT.search(text, 0, MAX_SCAN_CHARS) is not None, "a credit or copyright line")
        cues.add("weak_terms_only", weight > 0 and weight <= terms.counts.get(kind, 0), f"only words that news uses too ({kind})")
        cues.add("foreign_script", foreign_script(ctx, index, text), "written in another script than the page")
        density = (weight + cta) / words
        cues.add("dense", density >= 0.2, "dense")
        cues.add("diluted", words >= 60 and density < 0.06, "diluted in long prose")
        news = len(NEWS_MATCHER.find(text))
        cues.add("reporting_language", min(news, 3) / 3, "reporting language")
        cues.add("quoted", quoted or is_quoted(text), "quoted in a sentence")
        cues.add("hidden", ctx.is_html and block.hidden, "hidden")
        if topic_of_article(ctx, index, kind):
            cues.add("article_about_kind", 1, f"article is about {kind}")
        elif page_is_promotion(ctx, kind):
            cues.add("page_promotes_kind", 1, f"page promotes {kind}")
        # Promotion pasted into a page shares few of its words with it; a report on the vice, or
        # the page's own offer, is about what the page is about. (Measured last, and only when it
        # can lift the reading to 'flagged': comparing a long block's words with the page costs most.)
        if (contacts or cta) and not self.hopeless(ctx, cues, self.TOPIC_CUES):
            self.add_topic(ctx, index, text, part, cues)
        return self.verdict(index, kind, cues, part)

    def add_topic(self, ctx: PageContext, index: int, text: str, part: tuple[int, int] | None, cues: Cues) -> None:
        if ctx.script_outside(index)[1] < TOPIC_LETTERS:
            # On a page of a few short paragraphs few words recur anywhere: no measure of topic, so
            # the cue takes its middle value (as likely off the topic as on it), and a short page
            # is judged as an average one, not as one where everything is on topic.
            cues.add("off_topic", 0.5, "a page too short to tell its topic")
            return
        overlap = ctx.page_overlap(index, text)
        if overlap is None:
            return
        # (graded: 1 when a fifth or less of its words occur on the page, 0 from a half on)
        cues.add("off_topic", (0.5 - overlap) / 0.3, f"off-topic ({overlap:.0%} of its words on the page)")
        cues.add("on_topic", overlap >= 0.6, f"on the page's topic ({overlap:.0%})")
        if part is not None and overlap < 0.4:
            cues.add("glued_to_on_topic_paragraph", topic_shift(ctx, index, part), "glued to a paragraph on the page's topic")

    def sentence_runs(self, ctx: PageContext, index: int, text: str) -> Iterator[Verdict]:
        """Each run of consecutive promotional sentences inside a longer block."""
        spans = sentence_spans(text)
        if len(spans) < 2:
            return
        quotes = [m.span() for m in QUOTED.finditer(text, 0, MAX_SCAN_CHARS)]
        flags = []
        for start, end in spans:
            terms = terms_of(text[start:end])
            flags.append(is_candidate(terms) or terms.counts.get("tld", 0) > 0 or bool(CONTACT.search(text, start, end)))
        i = 0
        while i < len(spans):
            if not flags[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(spans) and flags[j + 1]:
                j += 1
            start, end = spans[i][0], spans[j][1]
            piece = text[start:end]
            stripped_start = start + len(piece) - len(piece.lstrip())
            stripped_end = start + len(piece.rstrip())
            if stripped_end - stripped_start < len(text.strip()):
                terms = terms_of(piece)
                if terms.promotion()[1] >= 1:
                    quoted = any(q_start < stripped_end and stripped_start < q_end for q_start, q_end in quotes)
                    yield self.score_text(ctx, index, piece, terms, (stripped_start, stripped_end), quoted)
            i = j + 1


def foreign_script(ctx: PageContext, index: int, text: str) -> bool:
    """Is most of ``text`` written in another script than the rest of the page (Chinese promotion
    on an English page)? Addresses do not count: they are Latin in every language."""
    if ctx.is_latin_page and NON_LATIN_LETTER.search(text) is None:
        return False
    script, share = dominant_script(script_profile(BARE_DOMAIN.sub(" ", CONTACT.sub(" ", text))))
    page_script, letters = ctx.script_outside(index)
    return bool(script) and share >= 0.5 and letters >= 150 and script != page_script


def topic_shift(ctx: PageContext, index: int, part: tuple[int, int]) -> bool:
    """The rest of the block (the honest paragraph the part is glued to) shares the page's topic."""
    text = ctx.texts[index]
    rest = text[: part[0]] + " " + text[part[1] :]
    overlap = ctx.page_overlap(index, rest)
    return overlap is not None and overlap >= 0.4


def is_quoted(text: str) -> bool:
    """True when a quotation holds the promotion and a sentence of the writer's own frames it."""
    match = QUOTED.search(text, 0, MAX_SCAN_CHARS)
    if match is None:
        return False
    outside = text[: match.start()] + " " + text[match.end() :]
    return len(outside.split()) >= 4 or len(outside.strip()) >= 12


def sentence_spans(text: str, boundary: re.Pattern[str] = CLAUSE_END) -> list[tuple[int, int]]:
    """[start, end) of the text's sentences, cut after each ``boundary`` match in its first
    MAX_SCAN_CHARS characters (the rest is one span)."""
    spans, start = [], 0
    for match in boundary.finditer(text, 0, MAX_SCAN_CHARS):
        if match.end() > start:
            spans.append((start, match.end()))
            start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def topic_of_article(ctx: PageContext, index: int, kind: str) -> bool:
    """True when at least two other blocks discuss ``kind`` in reporting language (a news story)."""
    reporting_blocks = 0
    for other, terms in ctx.terms.items():
        if other != index and terms.weights.get(kind, 0.0) >= 1 and NEWS_MATCHER.find(ctx.texts[other]):
            reporting_blocks += 1
            if reporting_blocks >= 2:
                return True
    return False


def page_is_promotion(ctx: PageContext, kind: str) -> bool:
    """True when the page as a whole is saturated with ``kind`` terms and has little reporting language."""
    if ctx.promotion_totals.get(kind, 0.0) < 12:
        return False
    return sum(len(NEWS_MATCHER.find(ctx.texts[i])) for i in ctx.terms) <= 2


__all__ = ["Promotion", "PROMOTION_KINDS"]
