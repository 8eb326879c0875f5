"""Spam detection: find injected spam blocks, say where they are, cut them; quarantine spam pages.

``detect(blocks, raw, settings)`` is called by the orchestrator between block extraction and
segmentation. It works in three layers, each cheap enough for every page (see ``context``):

1. candidates: one automaton pass over the page finds, per block, promotion and SEO-label terms,
   web addresses and list separators; a split on commas finds comma lists; two C-speed probes find
   repetitive or vowel-less text. Most blocks of a page (plain prose) are never looked at again.
2. detectors, one concern each, score a candidate block as log-odds from named cues:
   ``lists`` (spider pools, keyword lists, link farms), ``promotion`` (gambling, adult, pharma,
   scam), ``advert`` (promotion in words the lists do not know: a contact, an offer, an unknown
   brand, a topic of its own), ``statistics`` (keyword stuffing, gibberish). The best-scoring
   opinion per block wins.
3. actions from the thresholds in settings: remove (block cut, or only its spam part), flag
   (reported, nothing cut), and ``page`` decides whether the page is spam through and through
   (quarantined, one finding saying why).

Evidence spans are code-point offsets into ``raw.content`` with ``content[start:end]`` exactly the
offending text: the block's source span, or the spam part of a block whose other part is honest.
For such partly-spam blocks, ``SpamReport.trimmed_blocks`` gives the text the article should keep.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from worker.pipeline.model import Block, RawInput, SpamFinding, Span
from worker.pipeline.page import Page, Step
from worker.pipeline.settings import PipelineSettings
from worker.pipeline.spam import advert, lists, page, promotion, statistics
from worker.pipeline.spam.context import PageContext
from worker.pipeline.spam.verdict import Verdict

DETECTOR_VERSION = "1.1"
# A list/promotion span covering at least this share of its block removes the whole block.
WHOLE_BLOCK_SHARE = 0.8
MAX_EVIDENCE_SPANS = 20
GIBBERISH_TAIL = 60  # chars at the end of a long block probed for glued gibberish


@dataclass(slots=True)
class SpamReport:
    findings: list[SpamFinding] = field(default_factory=list)
    removed_blocks: set[int] = field(default_factory=set)  # indexes into the blocks given to detect()
    quarantined: bool = False
    # Blocks that are only partly spam: index -> the block text without its spam part (the
    # orchestrator should use this text instead of block.text; the block is not in removed_blocks).
    trimmed_blocks: dict[int, str] = field(default_factory=dict)


class DetectSpam(Step):
    """Find and report spam; cut removed blocks (or their spam part) from the page, or finish a
    page that is spam through and through (quarantined: no article)."""

    name = "spam"

    def run(self, page: Page) -> None:
        report = detect(page.blocks, page.raw, page.settings)
        page.result.spam = report.findings
        if report.quarantined:
            page.result.quarantined = True
            page.finished = True
            return
        if report.removed_blocks or report.trimmed_blocks:
            trimmed = report.trimmed_blocks
            page.blocks = [
                replace(block, text=trimmed[index]) if index in trimmed else block
                for index, block in enumerate(page.blocks)
                if index not in report.removed_blocks
            ]


def detect(blocks: list[Block], raw: RawInput, settings: PipelineSettings) -> SpamReport:
    if not blocks:
        return SpamReport()
    ctx = PageContext(blocks, raw.is_html)
    verdicts = score_blocks(ctx)
    flag = settings.spam_flag_threshold
    if not any(v.score >= flag for v in verdicts.values()):
        return SpamReport()

    whole_page = page.score_page(blocks, verdicts, flag)
    quarantine_spans = []
    if whole_page is not None and whole_page.score >= settings.spam_quarantine_threshold:
        spans = [block_span(blocks[i], raw, v.part) for i, v in sorted(verdicts.items()) if v.score >= flag]
        quarantine_spans = [span for span in spans if span.end > span.start] or [whole_content_span(raw.content)]
        quarantine_spans = [span for span in quarantine_spans if span.end > span.start]
    if quarantine_spans:
        finding = SpamFinding(
            kind=whole_page.kind,
            action="quarantined",
            score=round(whole_page.score, 4),
            evidence=merge_touching(quarantine_spans, raw.content)[:MAX_EVIDENCE_SPANS],
            detector=whole_page.detector,
            detector_version=DETECTOR_VERSION,
            reason=whole_page.reason,
        )
        return SpamReport(findings=[finding], quarantined=True)
    return report_blocks(blocks, raw, verdicts, settings)


def score_blocks(ctx: PageContext) -> dict[int, Verdict]:
    """The best verdict of any detector for each candidate block."""
    best: dict[int, Verdict] = {}

    def keep(verdict: Verdict | None) -> None:
        if verdict is not None and (verdict.block not in best or verdict.logit > best[verdict.block].logit):
            best[verdict.block] = verdict

    list_blocks, stuffing_blocks, gibberish_blocks = probe_blocks(ctx)
    for index in list_blocks:
        keep(lists.score_list(ctx, index))
    for index, terms in ctx.terms.items():
        if promotion.is_candidate(terms):
            keep(promotion.score_promotion(ctx, index))
    for index in stuffing_blocks:
        keep(statistics.score_stuffing(ctx, index))
    for index in gibberish_blocks:
        keep(statistics.score_gibberish(ctx, index))
    for index in advert.candidate_blocks(ctx):
        keep(advert.score_advert(ctx, index))
    return best


def probe_blocks(ctx: PageContext) -> tuple[list[int], list[int], list[int]]:
    """Cheap passes over the page: which blocks may be lists, stuffed text, or gibberish.

    This runs on every page, so it reuses the automaton's per-block counts and works on the joined
    page text with C-speed string operations (see :func:`separator_runs`).
    """
    texts = ctx.texts
    joined = ctx.joined
    list_lines: set[int] = set()
    # Separators other than commas were counted per block by the vocabulary automaton's pass.
    for index, terms in ctx.terms.items():
        for separator, count in terms.separators.items():
            if count >= lists.SEPARATORS[separator][1]:
                list_lines.add(index)
                break
    max_piece, fewest = lists.SEPARATORS[","]
    if joined.count(",") >= fewest:
        list_lines.update(separator_runs(joined, ",", max_piece, fewest))
    enough = lists.MIN_ITEMS - 1
    if ctx.cjk_chars >= 2 * enough:
        list_lines.update(cjk_space_lists(texts, enough))
    list_lines.update(i for i, terms in ctx.terms.items() if terms.counts.get("tld", 0) >= enough)  # domain lists
    list_blocks = sorted(i for i in list_lines if i < len(texts) and lists.is_candidate(texts[i]))

    # This loop runs over every block of every page: a length test, then the two C-speed probes.
    stuffing_blocks, gibberish_blocks = [], []
    min_gibberish = statistics.MIN_GIBBERISH_CHARS
    repetition_probe, vowel_probe = statistics.repetition_probe, statistics.vowel_probe
    spaced_repetition_probe = statistics.spaced_repetition_probe
    min_stuffing = statistics.MIN_STUFFING_CHARS
    tail_e = 0.04 * GIBBERISH_TAIL
    for index, text in enumerate(texts):
        size = len(text)
        if size < min_gibberish:  # most lines are short
            continue
        if text.isascii():  # an ASCII text is never CJK: the probe's spaced-script half decides
            if size >= min_stuffing and spaced_repetition_probe(text):
                stuffing_blocks.append(index)
        elif repetition_probe(text):
            stuffing_blocks.append(index)
        if text.count("e") < 0.04 * size and vowel_probe(text):  # prose is ~10% 'e'; random letters ~3%
            gibberish_blocks.append(index)
        elif size >= 3 * GIBBERISH_TAIL and text.count("e", size - GIBBERISH_TAIL) < tail_e and vowel_probe(text[-GIBBERISH_TAIL:]):
            gibberish_blocks.append(index)  # gibberish glued after an honest paragraph
    return list_blocks, stuffing_blocks, gibberish_blocks


def separator_runs(joined: str, separator: str, max_piece: int, enough: int) -> set[int]:
    """Line numbers where ``enough`` separators follow each other with short pieces between them.

    The page is split on the separator (C speed); a Python loop then walks the piece lengths only,
    one step per occurrence of the separator, which is rare except for commas.
    """
    lines: set[int] = set()
    run = offset = line = counted_to = 0
    width = len(separator)
    for piece in joined.split(separator):
        size = len(piece)
        offset += size + width
        if "\n" in piece:
            run = 1  # the piece's last line starts a new run
        elif size > max_piece:
            run = 0
        else:
            run += 1
            if run == enough:
                line += joined.count("\n", counted_to, offset)
                counted_to = offset
                lines.add(line)
    return lines


def cjk_space_lists(texts: list[str], enough: int) -> list[int]:
    """Blocks of CJK words separated by spaces (a spider pool without punctuation)."""
    return [
        i
        for i, text in enumerate(texts)
        if text.count(" ") >= enough and not text.isascii() and len(text.encode("utf-8")) >= 2 * len(text)
    ]


def report_blocks(blocks: list[Block], raw: RawInput, verdicts: dict[int, Verdict], settings: PipelineSettings) -> SpamReport:
    report = SpamReport()
    groups: list[list[Verdict]] = []
    for index in sorted(verdicts):
        verdict = verdicts[index]
        if verdict.score < settings.spam_flag_threshold:
            continue
        previous = groups[-1][-1] if groups else None
        if (
            previous is not None
            and previous.block == index - 1
            and previous.kind == verdict.kind
            and previous.part is None
            and verdict.part is None
            and action_for(previous, settings) == action_for(verdict, settings)
        ):
            groups[-1].append(verdict)
        else:
            groups.append([verdict])

    for group in groups:
        action = action_for(group[0], settings)
        spans = [span for v in group if (span := block_span(blocks[v.block], raw, v.part)).end > span.start]
        if not spans:
            continue  # the parser gave these blocks no usable offsets: nothing to point at, keep them
        top = max(group, key=lambda v: v.logit)
        report.findings.append(
            SpamFinding(
                kind=top.kind,
                action=action,
                score=round(top.score, 4),
                evidence=merge_touching(spans, raw.content),
                detector=top.detector,
                detector_version=DETECTOR_VERSION,
                reason=top.reason,
            )
        )
        if action != "removed":
            continue
        for verdict in group:
            text = blocks[verdict.block].text
            if verdict.part is None or (verdict.part[1] - verdict.part[0]) >= WHOLE_BLOCK_SHARE * len(text):
                report.removed_blocks.add(verdict.block)
            else:
                start, end = verdict.part
                report.trimmed_blocks[verdict.block] = (text[:start].rstrip() + " " + text[end:].lstrip()).strip()
    return report


def action_for(verdict: Verdict, settings: PipelineSettings) -> str:
    return "removed" if verdict.score >= settings.spam_remove_threshold else "flagged"


def block_span(block: Block, raw: RawInput, part: tuple[int, int] | None) -> Span:
    """Offsets in ``raw.content`` of the block, or of its spam ``part`` (offsets into block.text).

    For plain text the block's source usually equals its text; otherwise (normalization changed it,
    or the source is HTML markup) the part is located in the source by its head and tail.
    """
    content = raw.content
    start, end = max(0, block.start), min(len(content), block.end)
    if part is None and raw.is_html and end - start > 3 * len(block.text) + 200:
        part = (0, len(block.text))  # a parser span far larger than its text: point at the text
    if part is not None:
        source = content[start:end]
        piece = block.text[part[0] : part[1]]
        if source == block.text:
            start, end = start + part[0], start + part[1]
        else:
            found = source.find(piece)
            if found >= 0:
                start, end = start + found, start + found + len(piece)
            else:
                head, tail = piece[:12], piece[-12:]
                head_at, tail_at = source.find(head), source.rfind(tail)
                if head_at >= 0 and tail_at >= 0 and tail_at + len(tail) > head_at:
                    start, end = start + head_at, start + tail_at + len(tail)
    while start < end and content[start].isspace():
        start += 1
    while end > start and content[end - 1].isspace():
        end -= 1
    return Span(start, end)


def whole_content_span(content: str) -> Span:
    start, end = len(content) - len(content.lstrip()), len(content.rstrip())
    return Span(start, max(start, end))


def merge_touching(spans: list[Span], content: str) -> list[Span]:
    """Spans in order, with neighbours merged when only white space separates them."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and (span.start <= merged[-1].end or not content[merged[-1].end : span.start].strip()):
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged
