"""Enrichment of the article's paragraphs: their language (:mod:`.language`) and sentences with
offsets (:mod:`.sentences`)."""

from __future__ import annotations

from worker.pipeline.enrich import language
from worker.pipeline.enrich.sentences import split_sentences
from worker.pipeline.page import Page, Step


class DetectLanguage(Step):
    """The article's language, then each paragraph's (the article's unless its script disagrees)."""

    name = "language"

    def run(self, page: Page) -> None:
        result = page.result
        texts = [paragraph.text for paragraph in result.paragraphs]
        hint = page.raw.language or (page.hints.language if page.hints else None)
        result.language = language.detect_article_language(texts, hint=hint)
        for paragraph, paragraph_language in zip(result.paragraphs, language.paragraph_languages(texts, result.language)):
            paragraph.language = paragraph_language


class SplitSentences(Step):
    """Each paragraph's sentences, with offsets into the paragraph text."""

    name = "sentences"

    def run(self, page: Page) -> None:
        article_language = page.result.language
        for paragraph in page.result.paragraphs:
            paragraph.sentences = split_sentences(paragraph.text, paragraph.language or article_language)
