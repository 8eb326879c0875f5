"""Language identification (OWNED BY THE SENTENCES/LANGUAGE HELPER; stub)."""

from __future__ import annotations


def detect_article_language(paragraphs: list[str], hint: str | None = None) -> str | None:
    return hint or ("en" if paragraphs else None)


def paragraph_languages(paragraphs: list[str], article_language: str | None) -> list[str | None]:
    return [article_language for _ in paragraphs]
