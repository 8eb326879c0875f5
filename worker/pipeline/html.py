"""HTML pages to blocks (OWNED BY THE HTML HELPER; this is a stub that keeps the pipeline importable)."""

from __future__ import annotations

from worker.pipeline.model import Block, PageHints
from worker.pipeline.normalize import normalize_text


def extract_blocks(content: str) -> tuple[list[Block], PageHints]:
    """Parse HTML into block elements in document order, with offsets into ``content``."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(content)
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    text = tree.body.text(separator="\n") if tree.body else ""
    blocks = []
    for line in text.splitlines():
        norm = normalize_text(line)
        if norm:
            pos = content.find(line.strip())
            blocks.append(Block(text=norm, start=max(pos, 0), end=max(pos, 0) + len(line.strip()), tag="p"))
    return blocks, PageHints()
