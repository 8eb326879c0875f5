"""Keyword stuffing and gibberish, from repetition and letter statistics (Gopher-style).

Machine-made spam repeats itself (the same phrase over and over, a few keywords making most of the
words, the same sentences pasted again) or is not language at all (keyboard mash, random consonant
strings). Both are measured on the block, so they work in any language:

- stuffing: share of word 2-grams (character 4-grams for unspaced scripts) that occur more than
  once, the top phrase's coverage, the commonest content word, a sentence pasted three times. Honest text repeats itself too:
  table rows of the same values, rows of share buttons, code, product variants, cookie-consent
  purposes; cues against stuffing say so (a table row, code, interface words, function words of
  prose, a block repeated on the page, and repeated words that the page's other text uses as well);
- gibberish (Latin letters): the share and the number of words no language would write (no vowel,
  five consonants in a row, rare letters), and the letter statistics of the run (few vowels, many
  of the letters prose rarely uses), less when the same odd words repeat (units, codes).

Both run only on blocks that a cheap probe (:mod:`.probe`) marks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from worker.pipeline.spam.context import PageContext
from worker.pipeline.spam.detector import AGAINST, FOR, Cues, Detector, Verdict
from worker.pipeline.spam.lists import choose_separator
from worker.pipeline.spam.shape import code_share, function_word_share, interface_share, is_code_block, is_table_row, pasted_sentences
from worker.pipeline.spam.vocab import MATCHER
from worker.pipeline.textfacts import UNSEGMENTED

STUFFING_DETECTOR = "repetition"
GIBBERISH_DETECTOR = "gibberish"
MIN_STUFFING_CHARS = 80
MIN_GIBBERISH_CHARS = 40
WORD = re.compile(r"[^\W_]+")
CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{5}")
VOWEL = re.compile(r"[aeiouy]")
SENTENCE_PUNCTUATION = re.compile(r"[.!?。！？]")
TOKEN_PUNCTUATION = "\"'()[]{}.,;:!?«»“”‘’-"
MAX_STATISTICS_CHARS = 20_000  # statistics of a longer block are taken on its first 20,000 chars
MIN_RUN_WORDS = 12  # a stuffed run is at least this many words (Latin) ...
MIN_RUN_CHARS = 30  # ... or characters (Chinese, Japanese, Thai)
TOKEN = re.compile(r"\S+")
DIGIT = re.compile(r"\d")
CJK_OR_WORD = re.compile(f"[{UNSEGMENTED}]|[^\\W\\d_]+")
UNSPACED = re.compile(f"[{UNSEGMENTED}]")


def repetition_probe(text: str) -> bool:
    """Cheap test: does a piece of ``text`` recur 3+ times in it?

    Chinese/Japanese: 2-character pieces (a word) at a quarter, half and three quarters; spaced
    scripts (blocks of MIN_STUFFING_CHARS or more): 8-character pieces starting a word.

    The per-page probe (:mod:`.probe`) runs a compiled copy of this test and of
    :func:`spaced_repetition_probe` and :func:`vowel_probe` (native/src/probes.rs); these stay the
    definition, which tests/unit/test_spam_fast_paths.py holds the compiled copy to.
    """
    size = len(text)
    if size < 8:
        return False
    middle = size >> 1
    if "\u2e80" <= text[middle] < "\ua000" or "\u2e80" <= text[middle - 1] < "\ua000":  # one may be a comma
        quarter = middle >> 1
        return (
            text.count(text[middle : middle + 2]) >= 3
            or text.count(text[quarter : quarter + 2]) >= 3
            or text.count(text[middle + quarter : middle + quarter + 2]) >= 3
        )
    return size >= MIN_STUFFING_CHARS and spaced_repetition_probe(text)


def spaced_repetition_probe(text: str) -> bool:
    """:func:`repetition_probe` for a spaced script (what it is for any ASCII text of
    MIN_STUFFING_CHARS or more): does an 8-character piece starting a word recur 3+ times?"""
    middle = len(text) >> 1
    for at in (text.find(" ", middle >> 1) + 1, text.find(" ", middle) + 1):
        if at and text.count(text[at : at + 8]) >= 3:
            return True
    return False


# vowel_probe's most_vowels and fewest_rare (also handed to the compiled probes, spam.probe)
VOWEL_PROBE_DEFAULTS = (0.12, 0.06)


def vowel_probe(text: str, most_vowels: float = VOWEL_PROBE_DEFAULTS[0], fewest_rare: float = VOWEL_PROBE_DEFAULTS[1]) -> bool:
    """Cheap test for Latin gibberish: a, e, i, o (over 25% of the ASCII characters of prose) are rare.

    The letters are counted in the text's ASCII characters only, as bytes (a Cyrillic or Thai block
    has few, and lower-casing its whole text would cost more than the test), plus the two non-ASCII
    characters that lower-case to ASCII letters: İ (to i and a combining dot) and the Kelvin sign.
    """
    if text.count(" ") < 5:
        return False
    ascii_part = text.encode("ascii", "ignore")
    latin = len(ascii_part)
    if latin < MIN_GIBBERISH_CHARS:
        return False
    lowered = ascii_part.lower()  # capitals ('BREAKING NEWS') have vowels too
    vowels = lowered.count(b"e") + lowered.count(b"a") + lowered.count(b"o") + lowered.count(b"i")
    if latin < len(text):
        vowels += text.count("\u0130")
    if vowels >= most_vowels * latin:
        return False
    # Letters that prose rarely uses (~4% of English letters) are common in random strings (~25%).
    rare = sum(map(lowered.count, b"jkqvwxz"))
    if latin < len(text):
        rare += text.count("\u212a")
    return rare >= fewest_rare * latin


def best_run(marks: list[float]) -> tuple[int, int, float]:
    """The run of consecutive marks with the largest sum (Kadane): (first, last, sum)."""
    best = (0, -1, 0.0)
    start, total = 0, 0.0
    for i, mark in enumerate(marks):
        if total <= 0:
            start, total = i, 0.0
        total += mark
        if total > best[2]:
            best = (start, i, total)
    return best


def ngrams(tokens: list[str], size: int) -> list[str]:
    """Word 2-grams joined by a space (size 2), or character 4-grams of unspaced scripts (size 4)."""
    if size == 2:
        return [a + " " + b for a, b in zip(tokens, tokens[1:])]
    return [a + b + c + d for a, b, c, d in zip(tokens, tokens[1:], tokens[2:], tokens[3:])]


def repeated_tokens(units: list[str], counts: Counter[str], size: int) -> list[bool]:
    """Per token: does it belong to an n-gram (``units[i]`` covers tokens i..i+size-1) seen twice?"""
    covered = [False] * (len(units) + size - 1)
    cover = [True] * size
    for i, unit in enumerate(units):
        if counts[unit] > 1:
            covered[i : i + size] = cover
    return covered


class Repetition(Detector):
    """Keyword stuffing: a run of the block where repeated n-grams dominate."""

    name = STUFFING_DETECTOR
    CUES = {
        "repeated_ngrams": FOR, "top_phrase_coverage": FOR, "top_word_share": FOR, "no_sentence_punctuation": FOR,
        "numbered_entries": AGAINST, "navigation_links": AGAINST, "article_uses_the_words": AGAINST,
        "page_supports_the_words": AGAINST, "unsupported_words": FOR, "separator_list": AGAINST, "tag_line": AGAINST,
        "promotion_terms": FOR, "inside_a_paragraph": AGAINST, "table_row": AGAINST, "code": AGAINST,
        "interface_words": AGAINST, "duplicate_sentences": FOR, "few_distinct_words": AGAINST, "repeated_on_page": AGAINST,
        "page_chrome": AGAINST, "hidden": FOR, "short_block": AGAINST, "function_words": AGAINST,
        "sentence_three_times": FOR, "varied_words": AGAINST,
    }

    def candidates(self, ctx: PageContext) -> list[int]:
        return ctx.probes.stuffing

    def examine(self, ctx: PageContext, index: int) -> Iterator[Verdict]:
        verdict = self.score_stuffing(ctx, index)
        if verdict is not None:
            yield verdict

    def score_stuffing(self, ctx: PageContext, index: int) -> Verdict | None:
        text = ctx.blocks[index].text[:MAX_STATISTICS_CHARS]
        if text.count("\ufffd") * 20 > len(text):
            return None  # undecodable text repeats its replacement character; it is not stuffing
        lowered = text.lower()
        if UNSPACED.search(text[:200]) and text.count(" ") * 8 < len(text):
            spans = [m.span() for m in CJK_OR_WORD.finditer(lowered)]
            size = 4
        else:
            spans = [m.span() for m in WORD.finditer(lowered) if not m.group().isdigit()]
            size = 2
        tokens = [lowered[a:b] for a, b in spans]
        if len(tokens) < 8 + size:
            return None
        units = ngrams(tokens, size)
        counts = Counter(units)
        if max(counts.values()) < 3:
            return None  # then no n-gram of any run inside the block occurs 3 times either (top_count)
        # A token is 'repeated' when it belongs to an n-gram that occurs again: the stuffed run is the
        # stretch where repeated tokens dominate (spam glued to an honest sentence is cut out alone).
        covered = repeated_tokens(units, counts, size)
        marks = [1.0 if flag else -1.0 for flag in covered]
        first, last, _ = best_run(marks)
        if last - first + 1 < (MIN_RUN_CHARS if size == 4 else MIN_RUN_WORDS):
            return None
        start, end = spans[first][0], spans[last][1]
        # The run ends where honest text begins: at a sentence boundary. Without one, it is the block.
        if not SENTENCE_PUNCTUATION.search(text, 0, start):
            first, start = 0, spans[0][0]
        if not SENTENCE_PUNCTUATION.search(text, end, len(text) - 1):
            last, end = len(spans) - 1, spans[-1][1]
        run_text = text[start:end]
        # Statistics of the run alone: what repeats *inside* it.
        run_tokens = tokens[first : last + 1]
        run_units = ngrams(run_tokens, size)
        run_counts = Counter(run_units)
        top_unit, top_count = run_counts.most_common(1)[0]
        if top_count < 3:
            return None
        inside = repeated_tokens(run_units, run_counts, size)
        duplicated = sum(inside) / len(inside)
        coverage = top_count * len(top_unit) / max(1, len(run_text))  # Gopher: top n-gram character fraction
        content = [t for t in run_tokens if len(t) >= 4] if size == 2 else [a + b for a, b in zip(run_tokens, run_tokens[1:])]
        top_share = Counter(content).most_common(1)[0][1] / len(content) if len(content) >= 10 else 0.0

        cues = Cues()
        block = ctx.blocks[index]
        # What the run itself shows (cheap), then the one cue left that can raise the score; the
        # rest can only lower it, so a run that cannot reach 'flagged' stops here.
        cues.add("repeated_ngrams", duplicated, f"{duplicated:.0%} repeated n-grams")
        if coverage > 0.15:
            cues.add("top_phrase_coverage", (coverage - 0.15) / 0.85, f"top phrase covers {coverage:.0%}")
        if top_share > 0.1:
            cues.add("top_word_share", (top_share - 0.1) / 0.9, f"top word {top_share:.0%}")
        cues.add("no_sentence_punctuation", not SENTENCE_PUNCTUATION.search(run_text[:-1]), "no sentence punctuation")
        kind, weight = ctx.block_terms(index).promotion()
        if weight >= 3:
            cues.add("promotion_terms", 1, f"{kind} terms")
        else:
            kind = "keyword_stuffing"
        duplicates, most_repeated = pasted_sentences(run_text)
        cues.add("duplicate_sentences", duplicates, "the same sentences pasted again")
        cues.add("sentence_three_times", most_repeated >= 3, "a sentence pasted three times or more")
        cues.add("hidden", block.hidden, "hidden")
        if self.hopeless(ctx, cues, ("unsupported_words",)):
            return None
        cues.add("numbered_entries", len(DIGIT.findall(run_text)) >= max(top_count, 0.1 * len(run_text)), "numbered entries (a table of contents)")
        cues.add("navigation_links", block.link_density >= 0.3, "links (navigation)")
        part = whole_or_part(text, block.text, start, end)
        cues.add("inside_a_paragraph", part is not None, "inside a paragraph (rhetorical repetition?)")
        distinct = len(set(run_tokens))
        cues.add("few_distinct_words", distinct <= 3, f"only {distinct} distinct words")
        if size == 2:
            # Stuffing says its keyword and a few fillers over and over (a word in four or five is
            # new); honest text that repeats phrases (a consent notice's purposes, a ticker) still
            # writes a new word every other word.
            varied = distinct / len(run_tokens)
            cues.add("varied_words", (varied - 0.25) / 0.35, f"{varied:.0%} of its words distinct")
        cues.add("page_chrome", block.in_chrome and not block.hidden, "page chrome")
        cues.add("short_block", len(text) < 200, "short")
        cues.add("table_row", is_table_row(block, ctx.source(index)), "table cells")
        cues.add("code", max(code_share(run_text) * 2, is_code_block(block)), "code or markup")
        cues.add("function_words", 3 * function_word_share(run_text), "function words (prose)")
        if self.weighs(ctx, "interface_words"):
            cues.add("interface_words", interface_share(run_text) * 2, "interface words (share, follow, sign in)")
        if self.weighs(ctx, "separator_list"):
            cues.add("separator_list", choose_separator(run_text) is not None, "a separator list (judged as a list)")
        if self.weighs(ctx, "tag_line"):
            tag_line = starts_with_tag_label(text) or (index > 0 and is_tag_label(ctx.texts[index - 1]))
            cues.add("tag_line", tag_line, "a tag line")
        cues.add("repeated_on_page", ctx.repeats(index), "the same block elsewhere on the page")
        if self.hopeless(ctx, cues, ("unsupported_words",)):
            return None
        # The words the run repeats, and whether the rest of the page talks about them.
        # The repeated phrase, not its commonest word: stuffing repeats 'best sunglasses', and 'best'
        # is in any article.
        cues.add("article_uses_the_words", ctx.used_in_prose(index, top_unit), "the article uses the repeated phrase too")
        repeated_words = " ".join(word for word, _ in Counter(content).most_common(6)) if size == 2 else top_unit
        support = ctx.support(index, repeated_words, fewest=1)
        if support is not None:
            cues.add("page_supports_the_words", support, f"the page uses {support:.0%} of the repeated words elsewhere")
            cues.add("unsupported_words", support == 0, "the repeated words appear nowhere else on the page")
        return self.verdict(index, kind, cues, part)


def starts_with_tag_label(text: str) -> bool:
    """'Tags …', '关键词：…': a site's own tag line, which repeats its topic words by design."""
    return any(line == 0 and term.kind == "seo_weak" for line, term in MATCHER.find(text[:24].lower()))


def is_tag_label(text: str) -> bool:
    """A short line that only labels the next one: 'Tags', 'Keywords:', '标签'."""
    return len(text) <= 20 and starts_with_tag_label(text)


def whole_or_part(text: str, full_text: str, start: int, end: int) -> tuple[int, int] | None:
    """None when [start, end) is (nearly) the whole block, else the part, trimmed of punctuation."""
    while end < len(text) and not text[end].isspace() and not text[end].isalnum() and end - start < len(text):
        end += 1  # keep the run's closing punctuation (a trailing comma or full stop)
    if not full_text[:start].strip(" ,.;:!?，。、；：！？\"'“”") and not full_text[end:].strip(" ,.;:!?，。、；：！？\"'“”"):
        return None
    return (start, end)


class Gibberish(Detector):
    """Words no language would write (Latin letters)."""

    name = GIBBERISH_DETECTOR
    CUES = {
        "unpronounceable_words": FOR, "long_run": FOR, "inside_a_paragraph": AGAINST, "code": AGAINST, "hidden": FOR,
        "repeated_words": AGAINST, "few_vowels": FOR, "rare_letters": FOR, "a_line_of_its_own": FOR,
    }

    def candidates(self, ctx: PageContext) -> list[int]:
        return ctx.probes.gibberish

    def training_candidates(self, ctx: PageContext) -> list[int]:
        # Honest text hardly ever passes the vowel probe, too little to learn where honest text
        # ends: training also reads the blocks a looser probe passes (code, abbreviations,
        # compound words), which makes the model more careful, never less.
        return [i for i, text in enumerate(ctx.texts) if len(text) >= MIN_GIBBERISH_CHARS and vowel_probe(text, 0.2, 0.03)]

    def examine(self, ctx: PageContext, index: int) -> Iterator[Verdict]:
        text = ctx.blocks[index].text[:MAX_STATISTICS_CHARS]
        # Whole tokens only: URLs, handles, file names and codes are not words and are not gibberish.
        spans, marks, odd_words, words_at = [], [], [], []
        for match in TOKEN.finditer(text):
            word = match.group().strip(TOKEN_PUNCTUATION)
            spans.append(match.span())
            if len(word) >= 3 and word.isascii() and word.isalpha() and not word.isupper():
                odd = is_unpronounceable(word.lower())
                marks.append(1.0 if odd else -1.0)
                words_at.append(word.lower())
                if odd:
                    odd_words.append(word.lower())
            else:
                marks.append(-0.3)
                words_at.append("")
        first, last, _ = best_run(marks)
        # The line of such words on its own: the block, or its words after its last sentence end
        # (a line glued to a paragraph), when most of them are such words. Random letters make
        # some pronounceable words too, which would cut the best run short; an honest line of
        # codes or abbreviations has the code and repetition cues against it.
        line_start = 0
        for at, (_, token_end) in enumerate(spans[:-1]):
            if text[token_end - 1] in ".!?":
                line_start = at + 1
        line_words = [m for m in marks[line_start:] if m != -0.3]
        line_odd = sum(1 for m in line_words if m > 0)
        alone = line_odd >= 6 and line_odd >= 0.6 * len(line_words)
        if alone:
            first, last = line_start, len(marks) - 1
        words = [m for m in marks[first : last + 1] if m != -0.3]
        if len(words) < 6:  # no run of gibberish: the block as a whole (honest text scores low)
            first, last = 0, len(marks) - 1
            words = [m for m in marks if m != -0.3]
            if len(words) < 6:
                return
        share = sum(1 for m in words if m > 0) / len(words)
        cues = Cues()
        cues.add("unpronounceable_words", share, f"{share:.0%} unpronounceable words")
        odd = sum(1 for mark in words if mark > 0)
        cues.add("long_run", (odd - 5) / 15, f"{odd} unpronounceable words in a row")
        block = ctx.blocks[index]
        start, end = spans[first][0], spans[last][1]
        part = whole_or_part(text, block.text, start, end)
        cues.add("a_line_of_its_own", alone, "a line of such words on its own")
        cues.add("inside_a_paragraph", part is not None, "inside a paragraph")
        cues.add("code", max(code_share(text) * 2, is_code_block(block)), "code or markup")
        cues.add("hidden", block.hidden, "hidden")
        if odd_words:  # random strings do not repeat; abbreviations and units do ('TVs', 'mph')
            cues.add("repeated_words", 1 - len(set(odd_words)) / len(odd_words), "the same odd words again")
        vowels, rare = letter_statistics("".join(words_at[first : last + 1]))
        # Letters of prose in Latin script are about 38% vowels (a e i o u y) and 2-5% of the rare
        # j k q v w x z; random letters are a fifth vowels and a quarter rare ones.
        cues.add("few_vowels", (0.32 - vowels) / 0.16, f"{vowels:.0%} vowels")
        cues.add("rare_letters", (rare - 0.08) / 0.16, f"{rare:.0%} rare letters (j k q v w x z)")
        yield self.verdict(index, "gibberish", cues, part)


def letter_statistics(letters: str) -> tuple[float, float]:
    """(share of vowels, share of the letters j k q v w x z) among ``letters`` (ASCII, lower case)."""
    if not letters:
        return 0.4, 0.0
    vowels = sum(map(letters.count, "aeiouy"))
    rare = sum(map(letters.count, "jkqvwxz"))
    return vowels / len(letters), rare / len(letters)


def is_unpronounceable(word: str) -> bool:
    vowels = len(VOWEL.findall(word))
    if vowels == 0 or CONSONANT_RUN.search(word) is not None or (len(word) >= 6 and vowels / len(word) < 0.2):
        return True
    # Random letters use j, q and x far more than any language does (z, v, w, k: Slavic languages
    # use them a lot, so they count half).
    return len(word) >= 5 and sum(map(word.count, "jqx")) + 0.5 * sum(map(word.count, "zvwk")) >= 2
