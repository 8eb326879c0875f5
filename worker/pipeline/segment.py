"""Boilerplate removal and segmentation (OWNED BY THE SEGMENT HELPER; stub)."""

from __future__ import annotations

from dataclasses import dataclass, field

from worker.pipeline.model import Block, Caption, Contributor, PageHints, PublishedDate, RawInput
from worker.pipeline.settings import PipelineSettings


@dataclass(slots=True)
class Segmented:
    title: str | None = None
    section: str | None = None
    published: PublishedDate | None = None
    source: str | None = None
    contributors: list[Contributor] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


def segment(blocks: list[Block], hints: PageHints | None, raw: RawInput, settings: PipelineSettings) -> Segmented:
    return Segmented(paragraphs=[b.text for b in blocks if len(b.text) > 80])
