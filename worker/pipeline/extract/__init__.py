"""Extraction: the raw content becomes a list of blocks with exact offsets into it.

Page text gives one block per line (:mod:`.normalize`); HTML one block per block-level element's
own text (:mod:`.html`), flagged hidden, chrome or in the article container (:mod:`.chrome`), plus
what the page declares about itself (:mod:`.hints`: meta tags, JSON-LD, <time>, <figcaption>).
Every later step works on these blocks; spam evidence points back into the content through them.
"""

from __future__ import annotations

from worker.pipeline.extract import html
from worker.pipeline.extract.normalize import text_blocks
from worker.pipeline.page import Page, Step


class ExtractBlocks(Step):
    """Page text or HTML into blocks (and, for HTML, the page's declared hints)."""

    name = "extract"

    def run(self, page: Page) -> None:
        if page.raw.is_html:
            page.blocks, page.hints = html.extract_blocks(page.raw.content)
        else:
            page.blocks = text_blocks(page.raw.content, page.settings.max_line_chars)
