"""Segmentation: from the page's blocks to title, date, people, captions and body paragraphs.

The steps, in order (each a :class:`~worker.pipeline.page.Step`):

1. :class:`ClassifyBlocks`: every block gets its class (:mod:`.classify`); inside the HTML
   article container an undecided line is article text, and page chrome (<nav>, <footer>...) and
   hidden blocks are junk: the region search passes over them, the block scorer weighs them (a
   product's description in a closed tab, a thread in <noscript>, are content), and an article's
   <header> is chrome too. Lines of page text carry no markup, so the HTML rules are skipped.
2. :class:`FindBody`: the body region and its paragraphs and list items (:mod:`.region`).
3. :class:`FindCaptions`: photo captions near it, kept once with their credits, out of the body
   (:mod:`.captions`).
4. :class:`ReadHeader`: title, section, date, outlet and contributors around the body's start
   (:mod:`.header`, with :mod:`.dates` and :mod:`.bylines`); header lines the body region
   swallowed (a standfirst, the byline) are cut from the body's start.
5. :class:`AssembleArticle`: the article's contributors (photographers come from caption
   credits), its captions (one that only repeats the title without a credit says nothing about
   the picture and is dropped) and its paragraphs.
"""

from __future__ import annotations

from worker.pipeline.model import Block, BlockKind, Caption, Paragraph
from worker.pipeline.page import Page, Step
from worker.pipeline.segment import bylines
from worker.pipeline.segment.captions import find_captions
from worker.pipeline.segment.classify import classify_blocks
from worker.pipeline.segment.lines import ends_sentence
from worker.pipeline.segment.header import HEADER_REACH, dedupe_contributors, read_header
from worker.pipeline.segment.region import find_body

# The header (title, byline, date) is cut from the body's start only when it sits among the first
# blocks of the body region: further in, a date line is part of the article.
MAX_HEADER_INSIDE_BODY = 6
# Paragraphs of sentences a header may hold before its byline or date line: a standfirst, and a
# headline that reads like a sentence (ending in a quote or a question mark).
MAX_STANDFIRST_PARAGRAPHS = 2


class ClassifyBlocks(Step):
    name = "classify"

    def run(self, page: Page) -> None:
        if page.raw.is_html:
            classify_blocks(page.blocks)
            _trust_article_container(page.blocks)
            for block in page.blocks:
                if block.in_chrome or block.hidden:
                    block.kind = BlockKind.JUNK
        else:  # lines of page text carry no markup: nothing hidden, no article container, no chrome
            classify_blocks(page.blocks)


class FindBody(Step):
    name = "region"

    def run(self, page: Page) -> None:
        page.body, start, end, items = _find_body(page.blocks)
        page.region = (start, end)
        page.list_items = set(items)


class FindCaptions(Step):
    name = "captions"

    def run(self, page: Page) -> None:
        start, end = page.region
        found = find_captions(page.blocks, max(0, start - HEADER_REACH), end)
        if found.blocks:
            page.body = [index for index in page.body if index not in found.blocks]
        page.captions = found


class ReadHeader(Step):
    name = "header"

    def run(self, page: Page) -> None:
        header = read_header(page.blocks, page.body, page.hints, page.when)
        body = page.body
        if header.line_indices and body:
            # The body's opening up to its last header line (a standfirst above a byline goes too).
            candidates = _header_candidates(page.blocks, body, header.title_index)
            limit = body[len(candidates)] if len(candidates) < len(body) else len(page.blocks)
            last = max((index for index in header.line_indices if index < limit), default=-1)
            inside = [position for position, index in enumerate(candidates) if index <= last]
            if inside and len(body) > inside[-1] + 1:
                page.body = body[inside[-1] + 1 :]
        page.header = header
        result = page.result
        result.title, result.section, result.published, result.source = header.title, header.section, header.published, header.source


def _header_candidates(blocks: list[Block], body: list[int], title_index: int | None) -> list[int]:
    """The body's first blocks that may be header lines: up to MAX_HEADER_INSIDE_BODY of them,
    ending before its paragraph of sentences number MAX_STANDFIRST_PARAGRAPHS + 1. A paragraph above
    the byline is a standfirst (part of the header, as the dev sets' gold bodies agree); a byline or
    date line after several paragraphs closes the article ("责任编辑：...", an editor's credit), and
    cutting up to it would drop the article's opening."""
    opening, paragraphs = [], 0
    for index in body[:MAX_HEADER_INSIDE_BODY]:
        block = blocks[index]
        if index != title_index and block.kind == BlockKind.PROSE and ends_sentence(block.text):
            paragraphs += 1
            if paragraphs > MAX_STANDFIRST_PARAGRAPHS:
                break
        opening.append(index)
    return opening


class AssembleArticle(Step):
    name = "assemble"

    def run(self, page: Page) -> None:
        result, found = page.result, page.captions
        result.contributors = dedupe_contributors(page.header.contributors + found.photographers)
        result.captions = [caption for caption in found.captions if not _repeats_title(caption, result.title)]
        result.paragraphs = [Paragraph(text=page.blocks[index].text) for index in page.body]
        result.empty_reason = None if result.paragraphs else _why_empty(page)


def _why_empty(page: Page) -> str:
    """Name why a page gave no paragraphs, so an empty article is never silent (see EMPTY_REASONS)."""
    if page.result.captions:  # set before: the text is there, as captions
        return "only_captions"
    if any(not block.hidden and any(char.isalnum() for char in block.text) for block in page.blocks):
        return "only_boilerplate"
    if any(finding.action == "removed" for finding in page.result.spam):
        return "all_spam_removed"
    return "no_text"


def _repeats_title(caption: Caption, title: str | None) -> bool:
    """Whether a caption is the title again (case and spacing aside) and credits nobody."""
    return bool(title) and caption.credit is None and " ".join(caption.text.casefold().split()) == " ".join(title.casefold().split())


def _find_body(blocks: list[Block]) -> tuple[list[int], int, int, list[int]]:
    """The body's block indices and the region [start, end) they come from.

    Chrome and hidden blocks are never the region's, but the article's own <header>
    holds its title, byline and date, so they stay in the block list for the header search: the
    region is searched among the other blocks, as if the chrome were not there.
    """
    content = [index for index, block in enumerate(blocks) if not block.in_chrome and not block.hidden]
    if len(content) == len(blocks):
        return find_body(blocks)
    positions, start, end, items = find_body([blocks[index] for index in content])
    body = [content[position] for position in positions]
    items = [content[position] for position in items]
    if end <= start:
        return body, 0, 0, items
    return body, content[start], content[end - 1] + 1, items


def _trust_article_container(blocks: list[Block]) -> None:
    """Inside the page's article container (<article>, <main>...), an undecided block (a short
    line, a subheading, a table row, a list item) is article text: the markup says so. Blocks
    with evidence against them (link lists, repeats, legal lines) stay junk, and so does the
    page's first <h1> (the title, which is not body text)."""
    title_seen = False
    for block in blocks:
        if block.heading_level == 1 and not title_seen:
            title_seen = True
            continue
        if block.in_article and not block.in_chrome and block.kind in (BlockKind.SHORT, BlockKind.TINY):
            if len(block.text) <= bylines.MAX_BYLINE_CHARS and bylines.opens_with_cue(block.text):
                continue  # a byline or credit line ("记者 ...", "Editor: ..."): the header reader's
            block.kind = BlockKind.PROSE
