"""Sentence splitting and language identification on the dev data: ``python -m bench.sentences``.

Accuracy: the sentence-boundary golden rules in ``<devdata>/sentences/golden_rules.json`` (from
pySBD's test suite, 23 languages). A case passes when our list of sentences equals the gold list,
both compared with white space folded (the CLEAN lists expect pySBD's clean-up of line breaks; our
sentences are substrings of the paragraph and are never rewritten, so cases whose gold removes or
rewrites characters, e.g. HTML tags or dot leaders, cannot pass). pySBD is shown beside ours when
it is installed (``clean=True`` on the CLEAN lists, as its tests do).

Speed: the AEB pages' human-cleaned bodies, split into paragraphs on new lines (what the pipeline
hands to the sentence and language steps): milliseconds per page for ``split_sentences`` over all
paragraphs, and for ``detect_article_language`` + ``paragraph_languages``. Budget: 0.3 ms each.

:func:`evaluate_sentences` is importable (``bench.quality`` uses it) and has no side effects.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from worker.devdata import DEVDATA_DIR, golden_rule_language
from worker.pipeline.enrich.language import detect_article_language, paragraph_languages
from worker.pipeline.enrich.sentences import split_sentences

DEVDATA = DEVDATA_DIR
ENGLISH_GOLDEN = "tests/lang/test_english.py::GOLDEN_EN_RULES_TEST_CASES"
DUPLICATE_LISTS = {"benchmarks/english_golden_rules.py::GOLDEN_EN_RULES"}  # same cases as ENGLISH_GOLDEN

Splitter = Callable[[str, str, bool], list[str]]


def ours(text: str, language: str, clean: bool) -> list[str]:
    return [sentence.text for sentence in split_sentences(text, language)]


def pysbd_splitter() -> Splitter | None:
    try:
        import pysbd
    except ImportError:
        return None
    segmenters: dict[tuple[str, bool], object] = {}

    def split(text: str, language: str, clean: bool) -> list[str]:
        key = (language, clean)
        if key not in segmenters:
            try:
                segmenters[key] = pysbd.Segmenter(language=language, clean=clean)
            except ValueError:
                segmenters[key] = pysbd.Segmenter(language="en", clean=clean)
        return segmenters[key].segment(text)

    return split


CJK_SPACE = re.compile(r"(?<=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])")


def fold(sentences: list[str]) -> list[str]:
    """White space folded to one space (none next to CJK characters, which need none)."""
    return [folded for folded in (CJK_SPACE.sub("", " ".join(s.split())) for s in sentences) if folded]


def golden_path(devdata_dir: str | Path | None) -> Path:
    path = Path(devdata_dir) if devdata_dir else DEVDATA
    return path if path.is_file() else path / "sentences" / "golden_rules.json"


def score_lists(golden: dict[str, list[dict]], splitter: Splitter) -> dict[str, list[bool]]:
    """Pass/fail of every case, per list."""
    results = {}
    for name, cases in golden.items():
        language, clean = golden_rule_language(name), "CLEAN" in name or "PDF" in name
        results[name] = [fold(splitter(case["text"], language, clean)) == fold(case["sentences"]) for case in cases]
    return results


def summarize(results: dict[str, list[bool]]) -> dict[str, float]:
    """Accuracy per language, over all lists (duplicate list excluded), and on the English golden rules."""
    by_language: dict[str, list[bool]] = defaultdict(list)
    for name, passed in results.items():
        if name not in DUPLICATE_LISTS:
            by_language[golden_rule_language(name)].extend(passed)
    every = [p for name, passed in results.items() if name not in DUPLICATE_LISTS for p in passed]
    figures = {"en_golden": _mean(results.get(ENGLISH_GOLDEN, [])), "overall": _mean(every)}
    figures.update({language: _mean(passed) for language, passed in sorted(by_language.items())})
    return figures


def evaluate_sentences(devdata_dir: str | Path | None = None) -> dict[str, float]:
    """Our accuracy on the golden rules: 'en_golden', 'overall' and one figure per language.

    ``devdata_dir`` is the dev data directory (or the golden_rules.json file itself); default
    ``<repo>/../shared/devdata``.
    """
    golden = json.loads(golden_path(devdata_dir).read_text(encoding="utf-8"))
    return summarize(score_lists(golden, ours))


def _mean(values: list[bool]) -> float:
    return sum(values) / len(values) if values else float("nan")


def aeb_bodies(devdata_dir: Path) -> list[list[str]]:
    truth = json.loads((devdata_dir / "aeb" / "ground_truth.json").read_text(encoding="utf-8"))
    return [[line.strip() for line in page["body"].split("\n") if line.strip()] for page in truth.values()]


def time_per_page(pages: list, work: Callable[[object], object], repeat: int = 5) -> tuple[float, float]:
    """Best-of-``repeat`` milliseconds per page: (wall clock, this process's CPU time). On a busy
    machine the wall clock also counts time spent waiting for a core; CPU time does not."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        for page in pages:
            work(page)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best_wall / len(pages) * 1000, best_cpu / len(pages) * 1000


def split_page(page: tuple[list[str], str | None]) -> int:
    paragraphs, language = page
    return sum(len(split_sentences(p, language)) for p in paragraphs)


def identify_page(paragraphs: list[str]) -> list[str | None]:
    return paragraph_languages(paragraphs, detect_article_language(paragraphs, None))


def main() -> int:
    golden = json.loads(golden_path(None).read_text(encoding="utf-8"))
    ours_results = score_lists(golden, ours)
    pysbd = pysbd_splitter()
    theirs_results = score_lists(golden, pysbd) if pysbd else None

    print("Sentence-split accuracy on the golden rules (white space folded)")
    print(f"{'list':70} {'cases':>5} {'ours':>7} {'pySBD':>7}")
    for name, passed in ours_results.items():
        other = f"{_mean(theirs_results[name]):7.1%}" if theirs_results else "      -"
        print(f"{name:70} {len(passed):5} {_mean(passed):7.1%} {other}")
    mine, theirs = summarize(ours_results), summarize(theirs_results) if theirs_results else {}
    print(f"\n{'language':12} {'ours':>7} {'pySBD':>7}")
    for key, value in mine.items():
        other = f"{theirs[key]:7.1%}" if key in theirs else "      -"
        print(f"{key:12} {value:7.1%} {other}")

    pages = aeb_bodies(DEVDATA)
    identify_page(pages[0])  # loads the language model outside the timing
    with_language = [(paragraphs, detect_article_language(paragraphs, None)) for paragraphs in pages]
    sentences = sum(split_page(page) for page in with_language)
    print(f"\nAEB bodies: {len(pages)} pages, {sum(map(len, pages))} paragraphs, {sentences} sentences "
          "(times: best of 5, wall clock / CPU time)")
    wall, cpu = time_per_page(with_language, split_page)
    print(f"split_sentences: {wall:.3f} / {cpu:.3f} ms/page (budget 0.3), {sentences / len(pages) / cpu * 1000:,.0f} sentences/s (CPU)")
    if pysbd:
        sample = pages[:20]
        wall, cpu = time_per_page(sample, lambda ps: [pysbd(p, "en", False) for p in ps], repeat=1)
        print(f"pySBD (first {len(sample)} pages): {wall:.3f} / {cpu:.3f} ms/page")
    wall, cpu = time_per_page(pages, identify_page)
    print(f"detect_article_language + paragraph_languages: {wall:.3f} / {cpu:.3f} ms/page (budget 0.3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
