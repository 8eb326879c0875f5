"""Photo captions in page text: find them, keep each once, and read their credits.

Page text shows a photo's caption in a few recognisable ways, whatever the language:

- the caption twice in a row (the visible caption and the image's alt text or a lightbox copy);
- a line ending in a parenthesised credit: "Workers at a store. (Xu Peiqin / For China Daily)";
- a line followed by a credit line: "Photo: Damian Dovarganes, AP";
- for HTML, a <figcaption> element.

Reading a credit is the credits module's job (:func:`worker.pipeline.segment.credits.parse_photo_credit`,
which also splits "caption (credit)"); this module only decides where to ask, because asking is
not free: only duplicated lines, lines ending in a bracket, figcaptions and short non-prose lines
near the article are candidates. Caption and credit blocks are taken out of the body, and each
caption is reported once with its credit.
"""

from __future__ import annotations

from dataclasses import dataclass

from worker.pipeline.segment.credits import parse_photo_credit
from worker.pipeline.model import Block, BlockKind, Caption, Contributor
from worker.pipeline.segment.classify import SENTENCE_END

PROSE = BlockKind.PROSE

# How far apart (in blocks) the two copies of a duplicated caption may be.
DUPLICATE_REACH = 3
# Captions are sentences or noun phrases, not whole articles, and not single words.
MIN_CAPTION_CHARS = 15
MAX_CAPTION_CHARS = 600
# A line that may be a credit on its own ("Photo: Name, Agency", "Name/The Times").
MAX_CREDIT_LINE_CHARS = 80
CLOSING_BRACKETS = (")", "）", "]", "】")


@dataclass(slots=True)
class FoundCaptions:
    captions: list[Caption]
    blocks: set[int]  # indices of blocks that are captions or credits (not body)
    photographers: list[Contributor]


def find_captions(blocks: list[Block], start: int, end: int) -> FoundCaptions:
    """Captions among ``blocks[start:end]`` (see the module docstring), each reported once."""
    found = FoundCaptions(captions=[], blocks=set(), photographers=[])
    seen_texts: set[str] = set()
    copies_of = _near_copies(blocks, start, end)
    # Most lines are no candidate: pick the candidates in one cheap pass.
    candidates = [
        index for index, block in enumerate(blocks[start:end], start)
        if index in copies_of or block.text.endswith(CLOSING_BRACKETS) or block.tag == "figcaption"
    ]
    for index in candidates:
        if index in found.blocks:
            continue
        block = blocks[index]
        text = block.text
        copies = copies_of.get(index, ())
        figcaption = block.tag == "figcaption"
        if not figcaption and not MIN_CAPTION_CHARS <= len(text) <= MAX_CAPTION_CHARS:
            continue
        credited = parse_photo_credit(text)
        if credited is not None and (copies or figcaption or blocks[index].kind != PROSE or _photo_credit_shape(credited[1])):
            caption_text, credit, people = credited
        else:
            if not copies and not figcaption:
                continue
            caption_text, credit, people = text, None, []
            # A duplicated title or menu line is no caption: captions read like sentences.
            if not figcaption and not (copies and text[-1] in SENTENCE_END):
                continue
        last = copies[-1] if copies else index
        credit_line = _credit_line_after(blocks, last + 1, end) if credit is None else None
        if credit_line is not None:
            credit, people = credit_line[1], credit_line[2]
            found.blocks.add(credit_line[0])
        found.blocks.add(index)
        found.blocks.update(copies)
        _add(found, seen_texts, caption_text or text, credit, people)
    # Lone credit lines ("Photo: ...") under a caption that was not recognised as such.
    lone_credit_lines = [
        index for index in range(max(start, 1), end)
        if blocks[index].kind != PROSE and _credit_line_shape(blocks[index].text)
    ]
    for index in lone_credit_lines:
        if index in found.blocks:
            continue
        credit_line = _credit_line_after(blocks, index, index + 1)
        if credit_line is None:
            continue
        found.blocks.add(index)
        previous = index - 1
        if previous not in found.blocks and MIN_CAPTION_CHARS <= len(blocks[previous].text) <= MAX_CAPTION_CHARS:
            found.blocks.add(previous)
            _add(found, seen_texts, blocks[previous].text, credit_line[1], credit_line[2])
    return found


def _near_copies(blocks: list[Block], start: int, end: int) -> dict[int, list[int]]:
    """For each block of blocks[start:end] repeated within DUPLICATE_REACH blocks: its copies."""
    texts = [block.text for block in blocks[start:end]]
    if len(set(texts)) == len(texts):
        return {}  # the common case: no line repeated at all
    last_seen: dict[str, int] = {}
    first_of: dict[int, int] = {}  # copy -> the first block of its group
    copies: dict[int, list[int]] = {}
    for index, text in enumerate(texts, start):
        previous = last_seen.get(text)
        last_seen[text] = index
        if previous is not None and index - previous <= DUPLICATE_REACH:
            origin = first_of.get(previous, previous)
            first_of[index] = origin
            copies.setdefault(origin, []).append(index)
    return copies


def _photo_credit_shape(credit: str) -> bool:
    """Whether a bracketed credit closing a paragraph is a photo credit ("AP Photo/Name", "Image:
    Getty") rather than the article's own byline ("(常书香 马丹阳)", "(Reporting by ...)"): photo
    credits pair a source and a name around a slash or after a colon, or end in 摄 ("photographed")."""
    return "/" in credit or ":" in credit or "：" in credit or credit.endswith("摄")


def _credit_line_after(blocks: list[Block], index: int, end: int) -> tuple[int, str, list[Contributor]] | None:
    """(index, credit, people) when blocks[index] is a credit line on its own."""
    if index >= end or blocks[index].kind == PROSE:
        return None
    text = blocks[index].text
    if not _credit_line_shape(text):
        return None
    credited = parse_photo_credit(text)
    if credited is None or credited[0]:
        return None
    return index, credited[1], credited[2]


def _credit_line_shape(text: str) -> bool:
    """Credit lines are short and name a source after a cue and a colon, or a name and an agency
    around a slash ("6:34 am" and "https://..." have a colon or a slash too, but no credit)."""
    return len(text) <= MAX_CREDIT_LINE_CHARS and (("/" in text and "://" not in text) or ": " in text or "：" in text)


def _add(found: FoundCaptions, seen_texts: set[str], text: str, credit: str | None, people: list[Contributor]) -> None:
    if text in seen_texts:
        return
    seen_texts.add(text)
    found.captions.append(Caption(text=text, credit=credit or None))
    found.photographers.extend(people)
