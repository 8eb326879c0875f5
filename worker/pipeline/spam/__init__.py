"""Spam detection (OWNED BY THE SPAM HELPER; this is a stub that keeps the pipeline importable)."""

from __future__ import annotations

from dataclasses import dataclass, field

from worker.pipeline.model import Block, RawInput, SpamFinding
from worker.pipeline.settings import PipelineSettings


@dataclass(slots=True)
class SpamReport:
    findings: list[SpamFinding] = field(default_factory=list)
    removed_blocks: set[int] = field(default_factory=set)  # indexes into the blocks given to detect()
    quarantined: bool = False


def detect(blocks: list[Block], raw: RawInput, settings: PipelineSettings) -> SpamReport:
    return SpamReport()
