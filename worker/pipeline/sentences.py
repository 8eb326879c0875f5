"""Sentence splitting (OWNED BY THE SENTENCES/LANGUAGE HELPER; stub)."""

from __future__ import annotations

import re

from worker.pipeline.model import Sentence

_SENTENCE = re.compile(r"[^.!?。！？]+[.!?。！？]*")


def split_sentences(text: str, language: str | None = None) -> list[Sentence]:
    out = []
    for m in _SENTENCE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Sentence(text=text[s:e], start=s, end=e))
    return out
