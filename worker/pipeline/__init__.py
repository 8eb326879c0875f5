"""The text pipeline: ``process(raw) -> Result``, pure and synchronous.

Steps, each a module with one concern:

1. ``normalize`` / ``html``: the raw content becomes a list of blocks with offsets into the content
   (one per line of page text, or one per block element of HTML) plus the page's declared hints.
2. ``spam``: injected spam blocks are found, reported and cut; whole-page spam is quarantined.
3. ``segment``: boilerplate is dropped and the rest is split into title, section, date, source,
   contributors, captions and body paragraphs (with ``dates`` and ``bylines`` as helpers).
4. ``language`` and ``sentences``: article and paragraph language, sentences with offsets.

No step does I/O or keeps state between calls; the same input always gives the same Result.
"""

from __future__ import annotations

from dataclasses import replace

from worker.pipeline import segment, spam
from worker.pipeline.enrich import language, sentences
from worker.pipeline.extract import html as html_extraction
from worker.pipeline.model import Paragraph, RawInput, Result
from worker.pipeline.extract.normalize import text_blocks
from worker.pipeline.settings import DEFAULT_SETTINGS, PipelineSettings

__all__ = ["process", "RawInput", "Result", "PipelineSettings"]


def process(raw: RawInput, settings: PipelineSettings = DEFAULT_SETTINGS) -> Result:
    """Turn one raw page into a structured article (or a quarantine), see the module docstring."""
    if raw.is_html:
        blocks, hints = html_extraction.extract_blocks(raw.content)
    else:
        blocks, hints = text_blocks(raw.content, settings.max_line_chars), None

    report = spam.detect(blocks, raw, settings)
    if report.quarantined:
        return Result(spam=report.findings, quarantined=True)
    kept = [
        replace(block, text=report.trimmed_blocks[index]) if index in report.trimmed_blocks else block
        for index, block in enumerate(blocks)
        if index not in report.removed_blocks
    ]

    parts = segment.segment(kept, hints, raw, settings)
    article_language = language.detect_article_language(parts.paragraphs, hint=raw.language or (hints.language if hints else None))
    paragraph_languages = language.paragraph_languages(parts.paragraphs, article_language)
    paragraphs = [
        Paragraph(text=text, sentences=sentences.split_sentences(text, lang or article_language), language=lang)
        for text, lang in zip(parts.paragraphs, paragraph_languages)
    ]
    return Result(
        title=parts.title,
        section=parts.section,
        published=parts.published,
        source=parts.source,
        contributors=parts.contributors,
        language=article_language,
        captions=parts.captions,
        paragraphs=paragraphs,
        spam=report.findings,
    )
