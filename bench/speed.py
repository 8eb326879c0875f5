"""Speed of the pipeline, text and HTML, against trafilatura and resiliparse in the same run.

    python -m bench.speed [--repeat N] [--no-pin] [--no-compare] [--wcxb-pages N] [--scaling]
    python -m bench.speed --step-minimums   # page_type, features, spam, rankers' rows alone, fastest run a page

Runs on one core (the process pins itself to CPU 0 unless --no-pin): the text pipeline over the
AEB page texts, the HTML pipeline over the AEB HTML pages, and trafilatura.extract over the same
HTML. Prints pages/s, MB/s, the worst single-page time, and the share of pipeline time spent in
each step (timed through the pipeline's own ``observe`` hook), so that the spam detector's cost
can be checked against its 25% budget. Then the HTML extractors side by side on the AEB pages
and on wcxb pages (``bench.scaling.extractor_rows``: ours whole and extraction alone,
trafilatura, resiliparse; rounds alternated), and with ``--scaling`` the whole pipeline's cost per
MB for one page at 0.1, 1, 4 and 16 MB, HTML and text, normal and hostile shapes, and the peak
RSS. Speed is measured as ratios in one run, because this machine is shared and noisy; nothing
here is a test.
"""
from __future__ import annotations

import argparse
import resource
import gc
import os
import time
from collections import defaultdict

from worker.devdata import raw_pages
from worker.contracts.messages import raw_input_from_dict
from bench.scaling import HTML_SHAPES, ROUNDS, TEXT_SHAPES, extractor_rows, print_extractor_table, print_scaling_table, scaling_rows
from worker.pipeline import RawInput, preload, process


def run_pipeline(pages: list[dict], repeat: int) -> dict:
    inputs = [raw_input_from_dict(page) for page in pages]
    megabytes = sum(len(page["content"].encode("utf-8")) for page in pages) / 1e6
    preload()  # as the worker does at start-up: the model load is not per-page work
    gc.collect()
    gc.freeze()  # also as the worker does: long-lived start-up objects are not rescanned
    for raw in inputs[:5]:  # warm caches and lazy imports
        process(raw)
    worst = 0.0
    started = time.perf_counter()
    for _ in range(repeat):
        for raw in inputs:
            t0 = time.perf_counter()
            process(raw)
            worst = max(worst, time.perf_counter() - t0)
    elapsed = time.perf_counter() - started
    steps: dict[str, float] = defaultdict(float)

    def observe(name: str, seconds: float, page) -> None:
        steps[name] += seconds

    step_started = time.perf_counter()
    for raw in inputs:
        process(raw, observe=observe)
    step_elapsed = time.perf_counter() - step_started
    count = len(inputs) * repeat
    return {
        "pages/s": count / elapsed,
        "MB/s": megabytes * repeat / elapsed,
        "worst ms": worst * 1000,
        "steps": {name: seconds / step_elapsed for name, seconds in steps.items() if seconds},
    }


def step_minimums(pages: list[dict], runs: int = 10) -> dict[str, float]:
    """Microseconds per page of the work that only reads the page state it is given: the
    page_type and features steps, the spam detector's verdicts (``spam.detect`` on the blocks the
    spam step was handed) and, on page text, the title and author rankers' candidate rows
    (``titlemodel.candidates``, ``authormodel.candidates``, on every page, also where the rules
    found an author and the step does not ask for them). Each is run ``runs`` times on each page's
    state as the pipeline left it (the blocks as the spam step received them), the fastest run
    kept, summed over the pages and divided by their number. A minimum per page is hardly moved by
    the bursts of load of a shared host, so base and new code compare closely."""
    from worker.pipeline import spam
    from worker.pipeline.segment import authormodel, dates, titlemodel
    from worker.pipeline.segment.authormodel import ChooseAuthors
    from worker.pipeline.segment.features import BuildFeatures
    from worker.pipeline.segment.pagetype import ClassifyPage
    from worker.pipeline.segment.titlemodel import ChooseTitle

    # name: (the step whose input is captured, what is timed on it, page text only)
    timed = {
        "page_type": (ClassifyPage, lambda step, page, blocks: ClassifyPage.run(step, page), False),
        "features": (BuildFeatures, lambda step, page, blocks: BuildFeatures.run(step, page), False),
        "spam detect": (spam.DetectSpam, lambda step, page, blocks: spam.detect(blocks, page.raw, page.settings), False),
        "title candidates": (ChooseTitle, lambda step, page, blocks: titlemodel.candidates(page), True),
        "authors candidates": (ChooseAuthors, lambda step, page, blocks: authormodel.candidates(page), True),
    }
    watched = {cls: cls.run for cls, _, _ in timed.values()}
    forget_dates = getattr(dates, "clear_memo", lambda: None)  # (code before the memo has none)
    captured: dict[type, list] = {cls: [] for cls in watched}

    def capturing(cls, run):
        def wrapper(step, page):
            captured[cls].append((step, page, page.blocks))
            return run(step, page)
        return wrapper

    preload()
    for cls, run in watched.items():
        cls.run = capturing(cls, run)
    try:
        for page in pages:
            process(raw_input_from_dict(page))
    finally:
        for cls, run in watched.items():
            cls.run = run
    figures = {}
    for name, (cls, work, text_only) in timed.items():
        states = [state for state in captured[cls] if not (text_only and state[1].raw.is_html)]
        if not states:
            continue
        total = 0.0
        for state in states:
            fastest = float("inf")
            for _ in range(runs):
                forget_dates()  # each run reads its dated lines anew (not from the previous run's memo)
                t0 = time.perf_counter()
                work(*state)
                fastest = min(fastest, time.perf_counter() - t0)
            total += fastest
        figures[name] = 1e6 * total / len(states)
    return figures


def run_trafilatura(pages: list[dict]) -> dict | None:
    try:
        import trafilatura
    except ImportError:
        return None
    megabytes = sum(len(page["content"].encode("utf-8")) for page in pages) / 1e6
    worst = 0.0
    started = time.perf_counter()
    for page in pages:
        t0 = time.perf_counter()
        trafilatura.extract(page["content"])
        worst = max(worst, time.perf_counter() - t0)
    elapsed = time.perf_counter() - started
    return {"pages/s": len(pages) / elapsed, "MB/s": megabytes / elapsed, "worst ms": worst * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the pages for the pipeline figures")
    parser.add_argument("--no-pin", action="store_true", help="do not pin the process to one CPU")
    parser.add_argument("--no-compare", action="store_true", help="skip the extractors side by side (trafilatura, resiliparse)")
    parser.add_argument("--wcxb-pages", type=int, default=300, help="wcxb HTML pages in the comparison (of 1,497)")
    parser.add_argument("--scaling", action="store_true", help="also the cost per MB of the whole pipeline at 0.1 to 16 MB (slow)")
    parser.add_argument("--step-minimums", action="store_true",
                        help="only page_type, features, spam detection and (page text) the title and author candidate rows, fastest of 10 runs a page (AEB text and HTML, wcxb HTML)")
    args = parser.parse_args()
    if not args.no_pin and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    if args.step_minimums:
        for dataset, kind in (("aeb", "text"), ("aeb", "html"), ("wcxb", "html")):
            figures = step_minimums(raw_pages(dataset, kind))
            print(f"{dataset} {kind}: " + ", ".join(f"{name} {us:.0f} us" for name, us in figures.items()) + " a page (fastest of 10)")
        return
    text_pages, html_pages = raw_pages("aeb", "text"), raw_pages("aeb", "html")
    rows = [
        ("pipeline, page text", run_pipeline(text_pages, args.repeat)),
        ("pipeline, HTML", run_pipeline(html_pages, args.repeat)),
    ]
    trafilatura_figures = run_trafilatura(html_pages)
    if trafilatura_figures:
        rows.append(("trafilatura, HTML", trafilatura_figures))

    print(f"AEB dev pages: {len(text_pages)} texts, {len(html_pages)} HTML; one core; pipeline x{args.repeat} passes\n")
    print(f"{'':24} {'pages/s':>9} {'MB/s':>7} {'worst ms':>9}")
    for name, figures in rows:
        print(f"{name:24} {figures['pages/s']:9.0f} {figures['MB/s']:7.2f} {figures['worst ms']:9.1f}")
    if trafilatura_figures:
        ratio = rows[1][1]["pages/s"] / trafilatura_figures["pages/s"]
        print(f"\nHTML pipeline vs trafilatura: {ratio:.1f}x the pages/s")
    for name, figures in rows[:2]:
        shares = ", ".join(f"{step} {share:.0%}" for step, share in sorted(figures["steps"].items(), key=lambda s: -s[1]))
        print(f"share of time, {name}: {shares}")
    if not args.no_compare:
        for dataset, limit in (("aeb", None), ("wcxb", args.wcxb_pages)):
            pages = [page["content"] for page in raw_pages(dataset, "html")][:limit]
            print()
            print_extractor_table(extractor_rows(pages), f"{dataset}: {len(pages)} HTML pages, one core, best of {ROUNDS} rounds, order alternated")
    if args.scaling:
        html = lambda page: process(RawInput(content=page, content_type="text/html"))  # noqa: E731
        text = lambda page: process(RawInput(content=page))  # noqa: E731
        print()
        print_scaling_table(scaling_rows(html, HTML_SHAPES), "Whole pipeline, HTML")
        print()
        print_scaling_table(scaling_rows(text, TEXT_SHAPES), "Whole pipeline, page text")
        print(f"RSS of this process at the end: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (peak)")


if __name__ == "__main__":
    main()
