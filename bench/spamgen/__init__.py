"""The spam evaluation set generator: honest pages with injected spam, whole spam pages, hard cases.

``build_cases(text_hosts, html_hosts, seed)`` returns :class:`~bench.spamgen.generate.Case` objects;
``bench.spam`` runs the detector on them and scores it. Host pages are the shared dev pages (read by
``bench.spam``, never copied); everything injected comes from ``bench.spamgen.vocab``.
"""

from __future__ import annotations

import random

from bench.spamgen import generate as G
from bench.spamgen import pages as P
from bench.spamgen.generate import BLOCK_KINDS, Case, Truth  # noqa: F401  (re-exported)

TEXT_POSITIONS = ("top", "middle", "bottom", "glued")
HTML_WRAPPERS = ("p", "div", "display_none", "hidden_attr", "links")
HTML_POSITIONS = ("top", "middle", "bottom")


def build_cases(text_hosts: list[dict], html_hosts: list[dict], seed: int = 20250101, per_kind_language: int = 24) -> list[Case]:
    rng = random.Random(seed)
    cases: list[Case] = []
    for kind in BLOCK_KINDS:
        for language in G.languages_of(kind):
            for n in range(per_kind_language):
                oov = kind in G.BRANDS and n % 4 == 3
                spam = G.spam_block(rng, kind, language, oov=oov)
                host = rng.choice(text_hosts)
                position = TEXT_POSITIONS[n % len(TEXT_POSITIONS)]
                content, truth = G.inject_text(rng, host["content"], spam, position)
                cases.append(Case(f"{kind}/{language}/text/{n}/{host['id']}", "injected", content, "text/plain", [truth], position=position))
                if html_hosts and n % 2 == 0:
                    host = rng.choice(html_hosts)
                    wrapper = HTML_WRAPPERS[(n // 2) % len(HTML_WRAPPERS)]
                    if wrapper == "links" and not spam.items:
                        wrapper = "p"
                    position = HTML_POSITIONS[(n // 2) % len(HTML_POSITIONS)]
                    content, truth = G.inject_html(rng, host["content"], spam, wrapper, position)
                    cases.append(Case(f"{kind}/{language}/html/{n}/{host['id']}", "injected", content, "text/html", [truth], position=f"{wrapper}@{position}"))
    for kind, language in P.SPAM_PAGE_KINDS:
        for n in range(4):
            markup = n % 2 == 1
            content = P.spam_page(rng, kind, language, markup)
            cases.append(Case(f"page:{kind}/{language}/{n}", "whole_page", content, "text/html" if markup else "text/plain", page_kind=kind))
    for spec in P.HONEST_PAGES:
        for markup in (False, True):
            cases.append(Case(f"hard:{spec['name']}/{'html' if markup else 'text'}", "hard_honest", P.honest_page(spec, markup), "text/html" if markup else "text/plain"))
    return cases


__all__ = ["build_cases", "Case", "Truth"]
