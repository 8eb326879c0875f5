"""Tell a page's article body from its boilerplate (menus, widgets, teasers, footers), any language.

A crawled page is mostly not the article: navigation menus, share and print widgets, "related" and
"most popular" teaser lists, subscription prompts, cookie banners, tag clouds, footers. Lists of
sites or phrases cannot keep up with that, so every decision here rests on general evidence that
holds across languages:

1. **One cheap pass of features per block** (:func:`classify_blocks`): its size in words (a Han,
   Hiragana or Katakana character counts as half a word, so that a Chinese line and its English
   translation weigh about the same), whether it ends like a sentence, how much in-sentence
   punctuation it holds, its share of function words ("the", "de", "и", "的"...: prose is full of
   them, menus and headlines are not), its share of letters, whether the same text appears
   elsewhere on the page (menus, widgets and photo captions repeat; paragraphs do not), copyright
   signs, link separators, and for HTML the link density.
2. **Context-free classes**: PROSE (reads like a paragraph), SHORT (undecided: a subheading, a
   one-line quote, a headline), TINY (one or two words seen once: a menu item, or a terse
   subheading) and JUNK (strong evidence of chrome).
3. **The main body region** (:func:`weights`, :func:`main_region`): every block gets a weight and
   the body is the contiguous run of blocks with the largest total (a maximum-sum subarray).
   Prose adds its size; other blocks cost, more and more along a run of them, so that a
   subheading or an ad label between paragraphs is cheap to bridge and a menu or a teaser list is
   not; a paragraph with no paragraph next to it is worth less (teaser lists and comment threads
   alternate one short line with one summary). The region spans the article and stops where
   chrome takes over.
4. **Context-sensitive keep** (:func:`body_blocks`): inside the region, prose is kept, and so are
   short blocks in a short gap between paragraphs and a tiny block alone between two paragraphs
   (subheadings); junk is dropped.

This is in the spirit of jusText (context-sensitive classes) and body-text-extraction by maximum
subarray, built to be fast: one pass of string methods per block, regexes only on lines that need
them.
"""

from __future__ import annotations

import re
from collections import Counter

from worker.pipeline.model import Block

# Characters of scripts written without spaces between words: Hiragana, Katakana, Han (Hangul is
# spaced, so not here). Stdlib `re` with explicit ranges is several times faster than \p{Han}.
UNSPACED_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
UNSPACED_CHAR = re.compile(f"[{UNSPACED_RANGES}]")
SPACED_WORD = re.compile(f"[^\\W{UNSPACED_RANGES}]+")
# Everything that is not a letter: digits, punctuation, symbols, white space.
NOT_LETTER = re.compile(r"[\W\d_]+")

# Punctuation a sentence (or a paragraph) ends with, closing quotes and brackets after it included.
SENTENCE_END = frozenset('.!?。！？…"”’»」』')

# Small function-word lists, from general knowledge of each language (not from any page). Prose in
# these languages is 30-55% function words; menus, tag clouds and headlines far less.
FUNCTION_WORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as into about than then that this these
    those it its is are was were be been being has have had do does did not no so he she they we you
    i his her their our your my me him them us who which what when where how there here will would
    can could should may might must also just only more most very all any some such said says after
    before over under while because since until during between both each other own same up out
    der die das den dem des ein eine einer eines einem einen und oder aber wenn als auch auf aus bei
    mit nach von vor zu zum zur ist sind war waren wird werden hat haben nicht kein keine sich es er
    sie wir ihr ich du im am an in dass daß wie noch nur so um über für durch
    le la les un une des du de et ou mais si que qui quoi dont où est sont était été être a ont
    avait pas ne ce cette ces il elle ils elles nous vous je tu au aux en dans sur par pour avec
    sans sous plus son sa ses leur leurs se lui y
    el los las una unos unas del al y o pero que es son era fue ser está están ha han había no
    lo le les se su sus por para con sin sobre entre como más muy ya también cuando donde este esta
    estos estas ese esa
    il lo gli i una uno di da dei delle della dello degli nel nella nei sul sulla con per tra fra
    che è sono era ha hanno non si ci anche come più ma o e
    o os as um uma uns umas do da dos das no na nos nas ao aos pelo pela pelos pelas em com por para
    que é são foi ser está não se seu sua seus suas mais mas também como
    de het een en of maar dat die dit is zijn was waren wordt worden heeft hebben niet geen ook
    met voor van op aan bij naar uit over als er hij zij wij ze je ik
    и в во не на что с со как а то все она он они мы вы я так его её ее их но да к ко у же по за
    из от до для о об при это был была было были быть есть уже или ли бы только еще ещё также
    і та що це як але до від для з зі не він вона вони ми ви
    i w we z ze na do nie że się jest są był była było to ten ta te jak ale lub oraz od po przez
    dla o przy jego jej ich
    och att det som en ett är var har inte på med för av till den de han hon vi
    og at det som en et er var har ikke på med for av til den de han hun vi
    ve bir bu da de ile için ama gibi daha çok olan olarak ya ki
    yang dan di ke dari untuk dengan ini itu adalah pada dalam tidak akan juga atau oleh telah
    karena bahwa
    và của có là được cho các những trong với không một này đã người
    수 것 등 및 그 이 더 또 있는 있다 했다 한다 위해 대한 통해 그리고 하지만 때문에 있습니다 합니다
    """.split()
)
# Characters that play the role of function words in Chinese and Japanese text.
UNSPACED_FUNCTION_CHARS = frozenset("的了是在和有也就不这我他们一与为对到等被将从以而之其所但都要说着中上个地得很没还把让给并于及或该即则因此如在をはがにのでともへやかねよなた")

# Classes.
PROSE = 2
SHORT = 1
JUNK = 0
TINY = 3  # one or two words, seen once: a menu item, or a terse subheading ("Analysis", "US FALLS")

# A stretch of consecutive non-prose blocks this long (or shorter) between two prose blocks is an
# in-body gap (subheading, quote, ad label), longer gaps are chrome.
MAX_BODY_GAP = 3
# Function-word share above which a block reads like prose, and the page-level average below which
# the page's language is taken to be one without a list (then the test is not used).
MIN_FUNCTION_RATIO = 0.12
# The ratio is estimated on the block's first characters (about 25 words): enough to tell.
FUNCTION_SAMPLE_CHARS = 150
# Sizes (in words): below MIN_SENTENCE_WORDS a line is too short to tell a sentence from a label;
# from MIN_PROSE_WORDS a line with function words and punctuation reads as prose; from
# LONG_BLOCK_WORDS a block is a paragraph unless it has neither function words nor punctuation.
MIN_SENTENCE_WORDS = 6
MIN_PROSE_WORDS = 8
LONG_BLOCK_WORDS = 30
UNKNOWN_LANGUAGE_FUNCTION_RATIO = 0.08
# How many blocks of 15+ words the page-level check looks at.
LANGUAGE_SAMPLE_BLOCKS = 8
# Weights of the maximum-sum region search.
SHORT_COST = 1.5
JUNK_COST = 5.0
ISOLATED_PROSE_SHARE = 0.45
MAX_RUN_FACTOR = 3


def classify_blocks(blocks: list[Block]) -> tuple[list[int], list[float]]:
    """The class (PROSE, SHORT, TINY, JUNK) and the size in words of every block.

    One pass of string methods per block, most expensive features last and only for blocks that
    need them: the many one- and two-word menu lines are settled after a handful of operations.
    A second pass is needed only on pages whose language has no function-word list (there the
    function-word test is dropped).
    """
    counts = Counter([block.text for block in blocks])
    kinds: list[int] = []
    sizes: list[float] = []
    function_ratios: list[float] = []  # of blocks of 15+ words, for the page-level language check
    sentence_end = SENTENCE_END
    for block in blocks:
        text = block.text
        if text.isascii():
            words, unspaced = float(text.count(" ") + 1), 0
            # Fast path for the commonest block of all, the one- or two-word menu item.
            if words <= 2 and text[-1] not in sentence_end and not block.heading_level:
                sizes.append(words)
                kinds.append(JUNK if counts[text] > 1 else TINY)
                continue
        else:
            words, unspaced = _size(text)
        sizes.append(words)
        need_ratio = len(function_ratios) < LANGUAGE_SAMPLE_BLOCKS
        kind, ratio = _classify(block, text, words, unspaced, counts[text] > 1, True, need_ratio)
        kinds.append(kind)
        if ratio is not None and words >= 15:
            function_ratios.append(ratio)
    if function_ratios and sum(function_ratios) / len(function_ratios) < UNKNOWN_LANGUAGE_FUNCTION_RATIO:
        for index, block in enumerate(blocks):
            if sizes[index] >= 6:
                _, unspaced = _size(block.text)
                kinds[index] = _classify(block, block.text, sizes[index], unspaced, counts[block.text] > 1, False)[0]
    return kinds, sizes


def _size(text: str) -> tuple[float, int]:
    """Size in words (Han/Hiragana/Katakana characters count half a word) and the count of those."""
    if text.isascii():
        return float(text.count(" ") + 1), 0
    if UNSPACED_CHAR.search(text) is None:  # accents, curly quotes: still a spaced script
        return float(text.count(" ") + 1), 0
    unspaced = len(UNSPACED_CHAR.findall(text))
    return unspaced / 2 + len(SPACED_WORD.findall(text)), unspaced


def _classify(
    block: Block, text: str, words: float, unspaced: int, repeated: bool, trust_function_words: bool,
    need_ratio: bool = True,
) -> tuple[int, float | None]:
    """The class of one block from its own features, and its function-word ratio when computed."""
    ends_sentence = text[-1] in SENTENCE_END
    if block.link_density > 0.5:
        return JUNK, None
    if words <= 2 and not ends_sentence:
        if block.heading_level:
            return SHORT, None
        return (JUNK if repeated else TINY), None
    chars = len(text)
    if chars < 300:
        if "©" in text or "opyright" in text or "OPYRIGHT" in text or "版权" in text:
            return JUNK, None
        if ("|" in text or "›" in text or "»" in text or " > " in text) and (
            text.count("|") + text.count("›") + text.count("»") + text.count(" > ") >= 2
        ):
            return JUNK, None  # a row of links or a breadcrumb
    if words < MIN_SENTENCE_WORDS:
        if repeated or 2 * len(NOT_LETTER.sub("", text)) < chars - text.count(" "):
            return JUNK, None
        return SHORT, None
    # Paragraphs of an article do not repeat; menus, teasers and photo captions do. A long line
    # in capitals is a promotion ("CLICK HERE TO GET THE APP"), not a subheading.
    if repeated or (not unspaced and text.isupper()):
        return JUNK, None
    if words >= LONG_BLOCK_WORDS and ends_sentence and not need_ratio:
        return PROSE, None  # a long paragraph ending like one: no need to count function words
    ratio = _function_ratio(text, unspaced)
    wordy = ratio >= MIN_FUNCTION_RATIO or not trust_function_words
    if words >= LONG_BLOCK_WORDS:
        if wordy or ends_sentence or _clause_marks(text, unspaced) >= 2:
            return PROSE, ratio
        return SHORT, ratio
    if words >= MIN_PROSE_WORDS and wordy and (ends_sentence or _clause_marks(text, unspaced) >= (1 if unspaced else 2)):
        return PROSE, ratio
    if words >= MIN_SENTENCE_WORDS and wordy and ends_sentence and not text.endswith(("...", "…")):
        return PROSE, ratio  # a short sentence (not a teaser cut short with an ellipsis)
    return SHORT, ratio


def _clause_marks(text: str, unspaced: int) -> int:
    """Commas and other punctuation found inside sentences (menus and headlines rarely have it)."""
    marks = text.count(",") + text.count(";") + text.count(". ") + text.count(": ")
    if unspaced:
        marks += text.count("，") + text.count("、") + text.count("。") + text.count("；") + text.count("：")
    return marks


def _function_ratio(text: str, unspaced: int) -> float:
    """Share of function words among the first words (for Chinese/Japanese: characters, scaled)."""
    if unspaced:
        sample = text[:80]
        hits = sum(1 for char in sample if char in UNSPACED_FUNCTION_CHARS)
        return min(1.0, 2.5 * hits / max(1, len(UNSPACED_CHAR.findall(sample))))
    parts = text[:FUNCTION_SAMPLE_CHARS].lower().split()
    if len(parts) > 3:
        parts.pop()  # may be cut in the middle
    return sum(map(FUNCTION_WORDS.__contains__, parts)) / len(parts)


def weights(kinds: list[int], sizes: list[float]) -> list[float]:
    """What each block adds to a candidate body region.

    Prose adds its size; other blocks cost, and each further block of a run of non-prose blocks
    costs more than the one before (up to a cap): a subheading or an ad label between paragraphs
    is cheap to bridge, a list of teaser headlines is not. A prose block with no prose neighbour
    is worth much less: articles come in runs of paragraphs, while teaser lists and comment
    threads alternate one headline or name line with one summary or comment.
    """
    padded = [JUNK, *kinds, JUNK]
    result = []
    run = 0
    for index, kind in enumerate(kinds):
        if kind == PROSE:
            run = 0
            size = sizes[index]
            if padded[index] != PROSE and padded[index + 2] != PROSE:
                size = size * ISOLATED_PROSE_SHARE - SHORT_COST
            result.append(size)
        else:
            if run < MAX_RUN_FACTOR:
                run += 1
            result.append(-run * (SHORT_COST if kind == SHORT else JUNK_COST))
    return result


def main_region(weights: list[float]) -> tuple[int, int]:
    """[start, end) of the contiguous run of blocks with the largest total weight (Kadane)."""
    best_sum, best = 0.0, (0, 0)
    running, start = 0.0, 0
    for index, value in enumerate(weights):
        if running <= 0:
            running, start = value, index
        else:
            running += value
        if running > best_sum:
            best_sum, best = running, (start, index + 1)
    return best


def body_blocks(kinds: list[int], start: int, end: int) -> list[int]:
    """Indices kept as body inside the region [start, end): prose, short blocks in short gaps, and
    a tiny block alone between two paragraphs (menus come in runs, subheadings alone)."""
    kept: list[int] = []
    index = start
    while index < end:
        if kinds[index] == PROSE:
            kept.append(index)
            index += 1
            continue
        gap_end = index
        while gap_end < end and kinds[gap_end] != PROSE:
            gap_end += 1
        bounded = kept and gap_end < end
        if bounded and gap_end - index == 1 and kinds[index] == TINY:
            kept.append(index)  # a lone terse line between paragraphs: a subheading
        elif bounded and gap_end - index <= MAX_BODY_GAP:
            kept.extend(i for i in range(index, gap_end) if kinds[i] == SHORT)
        index = gap_end
    return kept
