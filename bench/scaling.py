"""Cost per MB of the HTML path as pages grow, and HTML extractors side by side on the same pages.

    python -m bench.scaling [--sizes 0.1 1 4 16] [--compare] [--no-pin]

:func:`scaling_rows` times one step (by default HTML block extraction, ``extract_blocks``; pass
``process`` for the whole pipeline) on one page of each shape at each size and reports ms per MB;
the floor is that the cost per MB at 16 MB is at most 1.5x the cost per MB at 0.1 MB, for every
shape. The shapes are a normal article page repeated, and the hostile ones of
tests/unit/test_adversarial.py grown to size: one unbroken line, deep nesting, huge attribute
values, repeated lines. Small sizes are repeated until a timing lasts long enough to read, and
every timing is the best of a few, because this machine is shared and noisy.

:func:`extractor_rows` times our HTML pipeline, our block extraction alone, trafilatura and
resiliparse (a compiled extractor; both are bench extras, skipped when not installed) over the
same dev pages, alternating the order between rounds, and reports pages/s and each one's ratio
to trafilatura. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from collections.abc import Callable

from worker import pipeline
from worker.pipeline.extract.html import extract_blocks

SIZES_MB = (0.1, 1, 4, 16)
MAX_RATIO = 1.5  # cost per MB at the largest size over cost per MB at the smallest
MIN_SECONDS = 0.3  # repeat a small page until one timing lasts this long
ROUNDS = 3

_PARAGRAPH = (
    "<p>The council voted on Tuesday to approve the new budget after a long debate about "
    "<a href='/schools'>schools</a>, roads and the future of the public library in the town centre, "
    "and the mayor said the vote &amp; the hearing were &ldquo;a fair process&rdquo;.</p>\n"
)
_SECTION = (
    "<div class='story-section'><h2>Budget in brief</h2>" + _PARAGRAPH * 6
    + "<figure><img src='/a.jpg' alt='The hall'><figcaption>The town hall. <span class='credit'>Photo: A. B.</span></figcaption></figure>"
    + "<table><tr><th>Item</th><th>Cost</th></tr><tr><td>Roads</td><td>$1.2m</td></tr></table>"
    + "<ul class='related-links'><li><a href='/a'>Related story one</a></li><li><a href='/b'>Related story two</a></li></ul>"
    + "<script>window.dataLayer = window.dataLayer || []; if (a < b) { track('x'); }</script></div>\n"
)
_HEAD = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Budget approved | Town Herald</title>"
    "<meta property='og:title' content='Budget approved'><style>body{margin:0}</style></head><body>"
    "<nav class='main-nav'><a href='/'>Home</a> <a href='/news'>News</a></nav><main><article><h1>Budget approved</h1>"
)
_TAIL = "</article></main><footer>Contact us</footer></body></html>"


def _grown(unit: str, size: int, head: str = "", tail: str = "") -> str:
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


# shape name -> page of about `size` characters
HTML_SHAPES: dict[str, Callable[[int], str]] = {
    "normal page, repeated": lambda size: _grown(_SECTION, size, _HEAD, _TAIL),
    "one unbroken line (words)": lambda size: _grown("lorem ipsum dolor ", size, "<p>", "</p>"),
    "one unbroken line (no spaces)": lambda size: _grown("a", size, "<div>", "</div>"),
    "deep nesting": lambda size: "<div>" * (size // 11) + "deep text" + "</div>" * (size // 11),
    "huge attribute values": lambda size: _grown("x", size, '<div class="', '">text</div><a href="/a">link</a>'),
    "repeated lines": lambda size: _grown("<p>The same line of text, again.</p>\n", size),
    "unclosed tags": lambda size: _grown("<p><span><b>word ", size),
    "broken markup": lambda size: _grown("<<<>>><p<p<<div>>", size),
}
_TEXT_PAGE = (
    "Budget approved\nHome\nNews\nBy Jane Doe\nNovember 19, 2019\n"
    + "The council voted on Tuesday to approve the new budget after a long debate about schools, roads and "
    "the future of the public library in the town centre, and the mayor called it a fair process.\n" * 6
    + "Related stories\nContact us\n"
)
# The same for page text (the text path's shapes)
TEXT_SHAPES: dict[str, Callable[[int], str]] = {
    "normal page text, repeated": lambda size: _grown(_TEXT_PAGE, size),
    "one unbroken line (words)": lambda size: _grown("lorem ipsum dolor ", size),
    "one unbroken line (no spaces)": lambda size: _grown("a", size),
    "repeated lines": lambda size: _grown("The same line of text, again.\n", size),
    "many short lines": lambda size: _grown("Home\nNews\n42\n", size),
}


def _best_seconds_per_call(step: Callable[[str], object], page: str) -> float:
    step(page)  # warm up
    calls = 1
    started = time.perf_counter()
    step(page)
    once = time.perf_counter() - started
    calls = max(1, int(MIN_SECONDS / max(once, 1e-6)))
    best = float("inf")
    for _ in range(ROUNDS):
        gc.collect()
        started = time.perf_counter()
        for _ in range(calls):
            step(page)
        best = min(best, (time.perf_counter() - started) / calls)
    return best


def scaling_rows(
    step: Callable[[str], object] = extract_blocks,
    shapes: dict[str, Callable[[int], str]] | None = None,
    sizes_mb: tuple[float, ...] = SIZES_MB,
) -> list[dict]:
    """One row per shape: ms per MB at each size and the ratio largest/smallest."""
    rows = []
    for name, make in (shapes or HTML_SHAPES).items():
        per_mb = {}
        for size_mb in sizes_mb:
            page = make(int(size_mb * 1_000_000))
            megabytes = len(page.encode("utf-8")) / 1e6
            per_mb[size_mb] = _best_seconds_per_call(step, page) * 1000 / megabytes
            del page
        ratio = per_mb[sizes_mb[-1]] / per_mb[sizes_mb[0]]
        rows.append({"shape": name, "ms/MB": per_mb, "ratio": ratio, "ok": ratio <= MAX_RATIO})
    return rows


def print_scaling_table(rows: list[dict], title: str = "HTML block extraction") -> None:
    sizes = list(rows[0]["ms/MB"]) if rows else []
    print(f"{title}: ms per MB by page size (best of {ROUNDS}); floor: {sizes[-1] if sizes else ''} MB <= {MAX_RATIO}x {sizes[0] if sizes else ''} MB")
    print(f"{'shape':32}" + "".join(f"{str(size) + ' MB':>10}" for size in sizes) + f"{'ratio':>8}")
    for row in rows:
        cells = "".join(f"{value:10.1f}" for value in row["ms/MB"].values())
        print(f"{row['shape']:32}{cells}{row['ratio']:7.2f}{'' if row['ok'] else '  OVER'}")


# -- extractors side by side -----------------------------------------------------------------


def _extractors() -> dict[str, Callable[[str], object]]:
    from worker.pipeline import RawInput, process

    found: dict[str, Callable[[str], object]] = {
        "newsworker, whole HTML pipeline": lambda html: process(RawInput(content=html, content_type="text/html")),
        "newsworker, block extraction": extract_blocks,
    }
    try:
        import trafilatura

        found["trafilatura.extract"] = trafilatura.extract
    except ImportError:
        pass
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        found["resiliparse, main content"] = lambda html: extract_plain_text(HTMLTree.parse(html), main_content=True)
    except ImportError:
        pass
    return found


def extractor_rows(pages: list[str], rounds: int = ROUNDS) -> list[dict]:
    """pages/s of each extractor over the same pages: best of `rounds`, order alternated."""
    extractors = _extractors()
    pipeline.preload()  # as the worker does at start-up: the model load is not per-page work
    for extract in extractors.values():
        for page in pages[:3]:
            extract(page)
    best = {name: float("inf") for name in extractors}
    names = list(extractors)
    for round_number in range(rounds):
        for name in names if round_number % 2 == 0 else reversed(names):
            gc.collect()
            started = time.perf_counter()
            for page in pages:
                extractors[name](page)
            best[name] = min(best[name], time.perf_counter() - started)
    reference = best.get("trafilatura.extract")
    return [
        {"extractor": name, "pages/s": len(pages) / seconds, "vs trafilatura": (reference / seconds) if reference else None}
        for name, seconds in best.items()
    ]


def print_extractor_table(rows: list[dict], title: str) -> None:
    print(title)
    print(f"{'':34}{'pages/s':>9}{'x trafilatura':>15}")
    for row in rows:
        ratio = f"{row['vs trafilatura']:.1f}" if row["vs trafilatura"] else "-"
        print(f"{row['extractor']:34}{row['pages/s']:9.0f}{ratio:>15}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=list(SIZES_MB), help="page sizes in MB")
    parser.add_argument("--compare", action="store_true", help="also time the extractors on the AEB and wcxb dev pages")
    parser.add_argument("--wcxb-pages", type=int, default=300, help="wcxb pages to compare on (of ~1,500)")
    parser.add_argument("--no-pin", action="store_true", help="do not pin the process to one CPU")
    args = parser.parse_args()
    if not args.no_pin and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    print_scaling_table(scaling_rows(sizes_mb=tuple(args.sizes)))
    if args.compare:
        from worker.devdata import raw_pages

        for dataset, limit in (("aeb", None), ("wcxb", args.wcxb_pages)):
            pages = [page["content"] for page in raw_pages(dataset, "html")][:limit]
            print()
            print_extractor_table(extractor_rows(pages), f"{dataset}: {len(pages)} HTML pages, one core, best of {ROUNDS} rounds")


if __name__ == "__main__":
    main()
