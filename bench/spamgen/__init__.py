"""The spam evaluation set generator: honest pages with injected spam, whole spam pages, hard cases.

``build_cases(text_hosts, html_hosts, seed)`` returns :class:`~bench.spamgen.generate.Case` objects;
``bench.spam`` runs the detector on them and scores it, and ``bench.spamtrain`` fits the detector's
cue weights on them (other seeds, other host pages). Host pages are the shared dev pages (read by
the caller, never copied) plus the generator's own Thai, Indonesian, Vietnamese and Russian pages
(:mod:`bench.spamgen.hosts`), which take spam of their own language; everything injected comes
from ``bench.spamgen.vocab``.
"""

from __future__ import annotations

import random

from bench.spamgen import generate as G
from bench.spamgen import lookalikes as L
from bench.spamgen import pages as P
from bench.spamgen.generate import BLOCK_KINDS, Case, Truth  # noqa: F401  (re-exported)
from bench.spamgen.hosts import host_pages

TEXT_POSITIONS = ("top", "middle", "bottom", "glued")
HTML_WRAPPERS = ("p", "div", "display_none", "hidden_attr", "links")
HTML_POSITIONS = ("top", "middle", "bottom")
LOCAL_KINDS = ("gambling", "adult", "pharma", "scam")


def host_language(host: dict) -> str:
    """The language of a host page: the generator's own pages say it; the zh dev pages are Chinese."""
    return host.get("language") or ("zh" if host["id"].startswith("zh-") else "en")


def build_cases(text_hosts: list[dict], html_hosts: list[dict], seed: int = 20250101, per_kind_language: int = 24, lookalikes_per_form: int = 12) -> list[Case]:
    """Injected spam, honest look-alikes injected the same way (``lookalike``: their truth is the
    honest block), whole spam pages and hard honest pages; hosts of the promotion's own language
    (the generator's pages) take every other promotion of the languages they exist for."""
    rng = random.Random(seed)
    local_text, local_html = host_pages(seed)
    by_language: dict[tuple[str, str], list[dict]] = {}
    for host in local_text + local_html:
        by_language.setdefault((host["language"], host["content_type"]), []).append(host)

    def pick_host(kind: str, language: str, content_type: str, n: int, hosts: list[dict]) -> dict:
        # Promotion is written in the language of the page it is injected into; SEO pools and
        # link farms are pasted into pages of any language.
        local = by_language.get((language, content_type)) if kind in LOCAL_KINDS else None
        return rng.choice(local if local and n % 2 == 0 else hosts)

    cases: list[Case] = []
    for kind in BLOCK_KINDS:
        for language in G.languages_of(kind):
            for form in G.forms_of(kind, language):
                for n in range(per_kind_language):
                    oov = kind in G.BRANDS and n % 4 == 3 and form in ("", "template")
                    spam = G.spam_block(rng, kind, language, oov=oov, form=form)
                    host = pick_host(spam.kind, spam.language, "text/plain", n, text_hosts)
                    position = TEXT_POSITIONS[n % len(TEXT_POSITIONS)]
                    content, truth = G.inject_text(rng, host["content"], spam, position)
                    name = f"{kind}/{language}/text/{n}/{host['id']}"
                    cases.append(Case(name, "injected", content, "text/plain", [truth], position=position, url=host.get("url")))
                    if html_hosts and n % 2 == 0:
                        host = pick_host(spam.kind, spam.language, "text/html", n // 2, html_hosts)
                        wrapper = HTML_WRAPPERS[(n // 2) % len(HTML_WRAPPERS)]
                        if wrapper == "links" and not spam.items:
                            wrapper = "p"
                        position = HTML_POSITIONS[(n // 2) % len(HTML_POSITIONS)]
                        content, truth = G.inject_html(rng, host["content"], spam, wrapper, position)
                        name = f"{kind}/{language}/html/{n}/{host['id']}"
                        cases.append(Case(name, "injected", content, "text/html", [truth], position=f"{wrapper}@{position}", url=host.get("url")))
    text_pool, html_pool = text_hosts + local_text, html_hosts + local_html
    for form in L.FORMS:
        for n in range(lookalikes_per_form):
            host = rng.choice(text_pool)
            language = host_language(host)
            text = L.lookalike_block(rng, form, host["content"], host.get("url"), language)
            block = G.SpamBlock("honest", language, text, form=form)
            position = ("top", "middle", "bottom")[n % 3]
            content, truth = G.inject_text(rng, host["content"], block, position)
            cases.append(Case(f"lookalike:{form}/text/{n}/{host['id']}", "lookalike", content, "text/plain", [truth], position=position, url=host.get("url")))
            if html_hosts and n % 2 == 0:
                host = rng.choice(html_pool)
                language = host_language(host)
                text = L.lookalike_block(rng, form, host["content"], host.get("url"), language)
                block = G.SpamBlock("honest", language, text, form=form)
                content, truth = G.inject_html(rng, host["content"], block, "p", position, markup=L.as_markup(form, text))
                cases.append(Case(f"lookalike:{form}/html/{n}/{host['id']}", "lookalike", content, "text/html", [truth], position=position, url=host.get("url")))
    for kind, language in P.SPAM_PAGE_KINDS:
        for n in range(4):
            markup = n % 2 == 1
            content = P.spam_page(rng, kind, language, markup)
            url = f"https://{G.domain(rng)}/"
            cases.append(Case(f"page:{kind}/{language}/{n}", "whole_page", content, "text/html" if markup else "text/plain", page_kind=kind, url=url))
    for spec in P.HONEST_PAGES:
        for markup in (False, True):
            cases.append(Case(f"hard:{spec['name']}/{'html' if markup else 'text'}", "hard_honest", P.honest_page(spec, markup), "text/html" if markup else "text/plain"))
    return cases


__all__ = ["build_cases", "host_pages", "Case", "Truth"]
