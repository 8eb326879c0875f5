"""Whole-page spam: when spam is (nearly) all the page's text, no article is published.

Doorway pages and pure promotion pages have no honest article to save. The page's spam share is
the spam blocks' size against that of the remaining sentence-like, paragraph-sized blocks (menus,
keyword lines and other short lines count for neither side; sizes in UTF-8 bytes); a page is quarantined when that share is high, the detections
are confident and little honest prose remains. The finding's kind is the dominant promotion kind, or
``doorway`` when the page is made of SEO lists, stuffed keywords or gibberish.
"""

from __future__ import annotations

from collections import defaultdict

from worker.pipeline.model import Block
from worker.pipeline.spam.context import is_sentence_like
from worker.pipeline.spam.verdict import Evidence, Verdict

DETECTOR = "whole_page"
PROSE_MIN_BYTES = 80  # sizes in UTF-8 bytes, so that 30 Chinese characters weigh like 90 Latin letters
DOORWAY_KINDS = {"seo_injection", "keyword_stuffing", "link_farm", "gibberish", "doorway"}


def score_page(blocks: list[Block], verdicts: dict[int, Verdict], flag_threshold: float) -> Verdict | None:
    spam = {i: v for i, v in verdicts.items() if v.score >= flag_threshold}
    if not spam:
        return None
    spam_chars: dict[str, int] = defaultdict(int)
    for i, verdict in spam.items():
        start, end = verdict.part or (0, len(blocks[i].text))
        spam_chars[verdict.kind] += len(blocks[i].text[start:end].encode("utf-8"))
    prose_chars = 0
    for i, block in enumerate(blocks):
        text = block.text
        if i not in spam and len(text) >= PROSE_MIN_BYTES // 3 and is_sentence_like(text):
            size = len(text.encode("utf-8"))
            if size >= PROSE_MIN_BYTES:
                prose_chars += size
    total_spam = sum(spam_chars.values())
    share = total_spam / (total_spam + prose_chars)
    if share < 0.6:
        return None
    confidence = sorted((v.logit for v in spam.values()), reverse=True)
    typical_logit = confidence[len(confidence) // 2]
    evidence = Evidence(prior=0.0)
    evidence.add(round(10.0 * (share - 0.75), 1), f"spam is {share:.0%} of the text")
    evidence.add(round(0.6 * min(max(typical_logit, -2.0), 5.0), 1), f"{len(spam)} spam blocks")
    evidence.add(-round(prose_chars / 1200, 1), f"{prose_chars} bytes of other prose")
    kind = max(spam_chars, key=spam_chars.__getitem__)
    if kind in DOORWAY_KINDS:
        kind = "doorway"
    return Verdict(-1, kind, evidence.logit, DETECTOR, evidence.cues)
