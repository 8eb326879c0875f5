"""Spam findings from block verdicts: actions by the thresholds, evidence spans in the raw content.

Neighbouring blocks with the same kind and action make one finding. Evidence spans are code-point
offsets into ``raw.content`` with ``content[start:end]`` exactly the offending text: the block's
source span, or the spam part of a block whose other part is honest. For such partly-spam blocks,
``SpamReport.trimmed_blocks`` gives the text the article keeps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from worker.pipeline.model import Block, RawInput, SpamFinding, Span
from worker.pipeline.settings import PipelineSettings
from worker.pipeline.spam.detector import Verdict, weights_version

# A list/promotion span covering at least this share of its block removes the whole block.
WHOLE_BLOCK_SHARE = 0.8
MAX_EVIDENCE_SPANS = 20


def detector_version() -> str:
    """The version reported with every finding: the code's and the fitted weights'."""
    return f"{CODE_VERSION}+w{weights_version()}"


CODE_VERSION = "2.0"


@dataclass(slots=True)
class SpamReport:
    findings: list[SpamFinding] = field(default_factory=list)
    removed_blocks: set[int] = field(default_factory=set)  # indexes into the blocks given to detect()
    quarantined: bool = False
    # Blocks that are only partly spam: index -> the block text without its spam part (the
    # orchestrator should use this text instead of block.text; the block is not in removed_blocks).
    trimmed_blocks: dict[int, str] = field(default_factory=dict)


def quarantine(blocks: list[Block], raw: RawInput, verdicts: dict[int, Verdict], page_verdict: Verdict, flag: float) -> SpamReport | None:
    """The one finding of a page that is spam as a whole, or None when nothing can be pointed at."""
    spans = [block_span(blocks[i], raw, v.part) for i, v in sorted(verdicts.items()) if v.score >= flag]
    spans = [span for span in spans if span.end > span.start] or [whole_content_span(raw.content)]
    spans = [span for span in spans if span.end > span.start]
    if not spans:
        return None
    finding = SpamFinding(
        kind=page_verdict.kind,
        action="quarantined",
        score=round(page_verdict.score, 4),
        evidence=merge_touching(spans, raw.content)[:MAX_EVIDENCE_SPANS],
        detector=page_verdict.detector,
        detector_version=detector_version(),
        reason=page_verdict.reason,
    )
    return SpamReport(findings=[finding], quarantined=True)


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
                detector_version=detector_version(),
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
