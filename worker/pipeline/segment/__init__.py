"""Segmentation: from the page's blocks to title, date, people, captions and body paragraphs.

The orchestrator hands over the page's blocks (plain-text lines or HTML block elements, injected
spam already cut). This module puts the pieces together, each in its own module:

1. blocks the HTML parser saw as hidden are dropped, and page chrome (<nav>, <footer>...) is kept
   out of the body (but not out of the header search: an article's <header> is chrome too);
2. :mod:`boilerplate` classifies the blocks and finds the body region (cut where comments,
   "related" teasers or newsletter prompts take over) and its paragraphs and list items; lines
   of page text carry no markup, so for them step 1 is skipped;
3. :mod:`captions` finds photo captions near it (kept once, with their credits, out of the body);
4. :mod:`metadata` reads the header around the body's start: title, section, date, outlet,
   contributors (photographers come from caption credits);
5. header lines the body region swallowed (a standfirst, the byline) are cut from the body's start;
6. a caption that only repeats the title without a credit (an image whose alt text or caption is
   the headline) is dropped: it says nothing about the picture.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from worker.pipeline.segment import bylines, captions
from worker.pipeline.segment import classify as boilerplate
from worker.pipeline.segment import header as metadata
from worker.pipeline.model import Block, Caption, Contributor, PageHints, PublishedDate, RawInput
from worker.pipeline.settings import PipelineSettings

# The header (title, byline, date) is cut from the body's start only when it sits among the first
# blocks of the body region: further in, a date line is part of the article.
MAX_HEADER_INSIDE_BODY = 6


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
    """Split one page's blocks into the article's parts (see the module docstring)."""
    if raw.is_html:
        blocks = [block for block in blocks if not block.hidden]
        kinds, sizes = boilerplate.classify_blocks(blocks)
        _trust_article_container(blocks, kinds)
        body, start, end = _find_body(blocks, kinds, sizes)
    else:  # lines of page text carry no markup: nothing hidden, no article container, no chrome
        kinds, sizes = boilerplate.classify_blocks(blocks)
        body, start, end = boilerplate.find_body(blocks, kinds, sizes)
    found = captions.find_captions(blocks, kinds, max(0, start - metadata.HEADER_REACH), end)
    if found.blocks:
        body = [index for index in body if index not in found.blocks]

    header = metadata.read_header(blocks, kinds, body, hints, raw.timezone, settings.default_timezone, raw.fetched_at)
    if header.last_index is not None and body:
        inside = [position for position, index in enumerate(body[:MAX_HEADER_INSIDE_BODY]) if index <= header.last_index]
        if inside and len(body) > inside[-1] + 1:
            body = body[inside[-1] + 1 :]

    return Segmented(
        title=header.title,
        section=header.section,
        published=header.published,
        source=header.source,
        contributors=metadata.dedupe_contributors(header.contributors + found.photographers),
        captions=[caption for caption in found.captions if not _repeats_title(caption, header.title)],
        paragraphs=[blocks[index].text for index in body],
    )


def _repeats_title(caption: Caption, title: str | None) -> bool:
    """Whether a caption is the title again (case and spacing aside) and credits nobody."""
    return bool(title) and caption.credit is None and " ".join(caption.text.casefold().split()) == " ".join(title.casefold().split())


def _find_body(blocks: list[Block], kinds: list[int], sizes: list[float]) -> tuple[list[int], int, int]:
    """The body's block indices and the region [start, end) they come from.

    Chrome blocks (<nav>, <header>, <footer>...) are never body, but the article's own <header>
    holds its title, byline and date, so they stay in the block list for the header search: the
    region is searched among the other blocks, as if the chrome were not there.
    """
    content = [index for index, block in enumerate(blocks) if not block.in_chrome]
    if len(content) == len(blocks):
        return boilerplate.find_body(blocks, kinds, sizes)
    for index, block in enumerate(blocks):
        if block.in_chrome:
            kinds[index] = boilerplate.JUNK
    content_kinds = [kinds[index] for index in content]
    content_blocks = [blocks[index] for index in content]
    positions, start, end = boilerplate.find_body(content_blocks, content_kinds, [sizes[index] for index in content])
    body = [content[position] for position in positions]
    if end <= start:
        return body, 0, 0
    return body, content[start], content[end - 1] + 1


def _trust_article_container(blocks: list[Block], kinds: list[int]) -> None:
    """Inside the page's article container (<article>, <main>...), an undecided block (a short
    line, a subheading, a table row, a list item) is article text: the markup says so. Blocks
    with evidence against them (link lists, repeats, legal lines) stay junk, and so does the
    page's first <h1> (the title, which is not body text)."""
    title_seen = False
    for index, block in enumerate(blocks):
        if block.heading_level == 1 and not title_seen:
            title_seen = True
            continue
        if block.in_article and not block.in_chrome and kinds[index] in (boilerplate.SHORT, boilerplate.TINY):
            if len(block.text) <= metadata.MAX_BYLINE_CHARS and bylines.opens_with_cue(block.text):
                continue  # a byline or credit line ("记者 ...", "Editor: ..."): the header reader's
            kinds[index] = boilerplate.PROSE
