"""Whole-page spam: when spam is (nearly) all the page's text, no article is published.

Doorway pages and pure promotion pages have no honest article to save. The page's spam share is
the spam blocks' size against that of the remaining sentence-like, paragraph-sized blocks (menus,
keyword lines and other short lines count for neither side; sizes in UTF-8 bytes); a page is
quarantined when that share is high, the detections are confident and little honest prose remains
(three cues, weighed by the fitted ``whole_page`` model like the block detectors' cues). The
finding's kind is the dominant promotion kind, or ``doorway`` when the page is made of SEO lists,
stuffed keywords or gibberish.
"""

from __future__ import annotations

from collections import defaultdict

from worker.pipeline.spam.context import PageContext, is_sentence_like
from worker.pipeline.spam.detector import AGAINST, FOR, Cues, CueModel, Verdict, fitted_models

DETECTOR = "whole_page"
PROSE_MIN_BYTES = 80  # sizes in UTF-8 bytes, so that 30 Chinese characters weigh like 90 Latin letters
MIN_SPAM_SHARE = 0.6  # below this share of the text, a page is never spam as a whole
MAX_PROSE_BYTES = 6000  # the 'other prose' cue is measured up to this many bytes
DOORWAY_KINDS = {"seo_injection", "keyword_stuffing", "link_farm", "gibberish", "doorway"}


class WholePage:
    """The page-level verdict over the block detectors' verdicts."""

    name = DETECTOR
    CUES = {
        "spam_share": FOR, "typical_confidence": FOR, "other_prose": AGAINST, "spam_blocks": FOR, "suspect_share": FOR,
        "other_text": AGAINST,
    }

    def __init__(self, model: CueModel | None = None):
        self.model = model if model is not None else fitted_models()[self.name]

    def judge(self, ctx: PageContext, verdicts: dict[int, Verdict], flag_threshold: float) -> Verdict | None:
        cues_kind = self.measure(ctx, verdicts, flag_threshold)
        if cues_kind is None:
            return None
        cues, kind = cues_kind
        return Verdict(-1, kind, cues, self.model, self.name)

    def measure(self, ctx: PageContext, verdicts: dict[int, Verdict], flag_threshold: float) -> tuple[Cues, str] | None:
        blocks = ctx.blocks
        spam = {i: v for i, v in verdicts.items() if v.score >= flag_threshold}
        if not spam:
            return None
        spam_chars: dict[str, int] = defaultdict(int)
        for i, verdict in spam.items():
            start, end = verdict.part or (0, len(blocks[i].text))
            spam_chars[verdict.kind] += len(blocks[i].text[start:end].encode("utf-8"))
        prose_chars = other_chars = suspect_chars = all_chars = 0
        suspects = ctx.suspects
        for i, block in enumerate(blocks):
            text = block.text
            if len(text) < PROSE_MIN_BYTES // 3:
                continue
            size = len(text.encode("utf-8"))
            all_chars += size
            suspect_chars += size if i in suspects or i in spam else 0
            if i not in spam:
                other_chars += size
                if size >= PROSE_MIN_BYTES and is_sentence_like(text):
                    prose_chars += size
        total_spam = sum(spam_chars.values())
        share = total_spam / (total_spam + prose_chars)
        if share < MIN_SPAM_SHARE:
            return None
        confidence = sorted((v.logit for v in spam.values()), reverse=True)
        typical_logit = confidence[len(confidence) // 2]
        cues = Cues()
        cues.add("spam_share", (share - MIN_SPAM_SHARE) / (1 - MIN_SPAM_SHARE), f"spam is {share:.0%} of the text")
        cues.add("typical_confidence", (min(max(typical_logit, -2.0), 5.0) + 2.0) / 7.0, f"{len(spam)} spam blocks")
        cues.add("other_prose", prose_chars / MAX_PROSE_BYTES, f"{prose_chars} bytes of other prose")
        cues.add("spam_blocks", (len(spam) - 1) / 5, f"{len(spam)} spam blocks")
        cues.add("suspect_share", suspect_chars / max(1, all_chars), f"{suspect_chars / max(1, all_chars):.0%} of the text in suspect blocks")
        cues.add("other_text", other_chars / MAX_PROSE_BYTES, f"{other_chars} bytes of other text")
        kind = max(spam_chars, key=spam_chars.__getitem__)
        if kind in DOORWAY_KINDS:
            kind = "doorway"
        return cues, kind
