"""Extraction quality on the dev data: ``python -m bench.quality`` from the repo root.

Reads ``<repo>/../shared/devdata`` (the AEB news pages and the Chinese pages, as page text and as
HTML) and prints, side by side in one table per measure:

- body precision/recall/F1 over 4-token shingles (a multiset, as in the AEB benchmark) against the human-cleaned bodies, averaged over
  pages, for our pipeline (``worker.pipeline.process``, paragraphs joined by newlines), a
  keep-everything baseline (the page text as is, or all visible text of the HTML) and trafilatura
  (``trafilatura.extract`` on the HTML, and on the page text wrapped one ``<p>`` per line);
- title exact-match rate (AEB has no title gold: the HTML's own og:title or <h1> is the reference);
- publication-day accuracy and author match on the Chinese pages that have gold for them;
- sentence-split accuracy (``bench.sentences.evaluate_sentences``, when that module exists);
- the time our segment step takes per page, and the whole pipeline's;
- the wcxb set (seven page types, tune/validation folds) with the benchmark's own word-level
  metric, metadata, trafilatura and rs-trafilatura: see :mod:`bench.wcxb` and its options.

Text is compared NFKC-normalized and lowercased; tokens are runs of letters/digits, except that
every Han/Hiragana/Katakana character is a token of its own (so Chinese is shingled per character
and white space, which the Chinese gold keeps from hard-wrapped pages, does not matter).
"""

from __future__ import annotations

import argparse
import gzip
import html as html_lib
import json
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import regex

from worker.devdata import DEVDATA_DIR
from worker.pipeline import process
from worker.pipeline.model import RawInput

DEVDATA = DEVDATA_DIR
DATASETS = ("aeb", "zh", "wcxb")  # wcxb is scored by bench.wcxb (its own metric and tables)
SHINGLE_SIZE = 4

TOKEN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]|[\p{L}\p{N}--\p{Han}\p{Hiragana}\p{Katakana}]+", regex.V1)


# ---------------------------------------------------------------------------------------------
# Data


@dataclass(slots=True)
class Page:
    id: str
    dataset: str
    text: str
    html: str | None
    gold_body: str
    gold_title: str | None = None
    gold_date: str | None = None
    gold_author: str | None = None
    url: str | None = None


def load_pages(root: Path, dataset: str) -> list[Page]:
    directory = root / dataset
    gold = json.loads((directory / "ground_truth.json").read_text(encoding="utf-8"))
    texts, urls = {}, {}
    with open(directory / "raw_text.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            texts[row["id"]] = row["content"]
            urls[row["id"]] = row.get("url")
    htmls = {}
    html_path = directory / "raw_html.jsonl.gz"
    if html_path.exists():
        with gzip.open(html_path, "rt", encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                htmls[row["id"]] = row["content"]
    pages = []
    for page_id, text in texts.items():
        truth = gold.get(page_id)
        if truth is None:
            continue
        page_html = htmls.get(page_id)
        pages.append(
            Page(
                id=page_id,
                dataset=dataset,
                text=text,
                html=page_html,
                gold_body=truth.get("body") or "",
                gold_title=truth.get("title") or (declared_title(page_html) if dataset == "aeb" and page_html else None),
                gold_date=truth.get("date"),
                gold_author=truth.get("author"),
                url=urls.get(page_id) or truth.get("url"),
            )
        )
    return pages


def declared_title(page_html: str) -> str | None:
    """The title a page declares: og:title, else its first <h1> (reference for AEB titles)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(page_html)
    node = tree.css_first('meta[property="og:title"]')
    if node is not None and node.attributes.get("content"):
        return " ".join(html_lib.unescape(node.attributes["content"]).split())
    node = tree.css_first("h1")
    if node is not None:
        text = " ".join(node.text(separator=" ").split())
        return text or None
    return None


def visible_text(page_html: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(page_html)
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    return tree.body.text(separator="\n") if tree.body else ""


# ---------------------------------------------------------------------------------------------
# Metric


def tokens(text: str) -> list[str]:
    return TOKEN.findall(unicodedata.normalize("NFKC", text).lower())


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The multiset of 4-token shingles (a text shorter than 4 tokens is one shingle)."""
    toks = tokens(text)
    if len(toks) < SHINGLE_SIZE:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + SHINGLE_SIZE]) for i in range(len(toks) - SHINGLE_SIZE + 1))


def body_scores(gold: str, predicted: str) -> tuple[float, float, float]:
    """Shingle precision, recall, F1 of one page (both empty counts as perfect).

    Shingles are counted as a multiset, as the AEB benchmark does: text repeated in the output
    that the gold has once is a false positive.
    """
    truth, guess = shingles(gold), shingles(predicted)
    if not truth and not guess:
        return 1.0, 1.0, 1.0
    common = sum((truth & guess).values())
    precision = common / sum(guess.values()) if guess else 0.0
    recall = common / sum(truth.values()) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def normalized_title(title: str | None) -> str:
    text = unicodedata.normalize("NFKC", title or "").casefold()
    for fancy, plain in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")):
        text = text.replace(fancy, plain)
    return " ".join(text.split())


TITLE_AFFIX = regex.compile(r"^\s*[|\-:·»]\s")


def title_matches_loosely(ours: str | None, reference: str | None) -> bool:
    """Equal, or equal once the reference loses a site-name affix ("Title | Site", "Opinion | Title")."""
    mine, theirs = normalized_title(ours), normalized_title(reference)
    if not mine or not theirs:
        return mine == theirs
    if mine == theirs:
        return True
    if theirs.startswith(mine) and TITLE_AFFIX.match(theirs[len(mine) :]):
        return True
    return theirs.endswith(mine) and bool(TITLE_AFFIX.match(theirs[: -len(mine)][::-1]))


# ---------------------------------------------------------------------------------------------
# Extractors


WITHOUT_URL = False  # set by --without-url


def run_ours(page: Page, kind: str, timezone: str | None = None, observe=None):
    content = page.text if kind == "text" else page.html
    kind_name = "text/plain" if kind == "text" else "text/html"
    url = None if WITHOUT_URL else page.url
    return process(RawInput(content=content, content_type=kind_name, url=url, timezone=timezone), observe=observe)


def ours_body(result) -> str:
    return "\n".join(p.text for p in result.paragraphs)


def load_trafilatura() -> Callable[[str], str] | None:
    try:
        import trafilatura
    except Exception:  # optional: not installed, or its lxml extras are missing
        return None

    def extract(page_html: str) -> str:
        try:
            return trafilatura.extract(page_html) or ""
        except Exception:
            return ""

    return extract


def text_as_html(text: str) -> str:
    lines = (html_lib.escape(line.strip()) for line in text.splitlines() if line.strip())
    return "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"


# ---------------------------------------------------------------------------------------------
# Report


SEGMENT_STEPS = frozenset(("classify", "region", "features", "page_type", "score", "captions", "header", "assemble"))


class SegmentTimer:
    """Sums the time ``process`` spends in the segmentation steps (through its ``observe`` hook)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.calls = 0

    def observe(self, name: str, seconds: float, page) -> None:
        if name in SEGMENT_STEPS:
            self.seconds += seconds
            if name == "classify":
                self.calls += 1


def unreadable(content: str) -> bool:
    """Input whose text was destroyed by a wrong decoding (mostly U+FFFD replacement characters)."""
    return content.count("\ufffd") > 0.05 * max(1, len(content) - content.count(" ") - content.count("\n"))


def body_row(dataset: str, kind: str, name: str, values: list[tuple[float, float, float]]) -> list[str]:
    return [
        dataset,
        kind,
        name,
        str(len(values)),
        fmt(mean(v[0] for v in values)),
        fmt(mean(v[1] for v in values)),
        fmt(mean(v[2] for v in values)),
    ]


def mean(values: Iterable[float]) -> float:
    values = list(values)
    return statistics.fmean(values) if values else float("nan")


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    print(f"\n{title}")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    print("  ".join(str(cell).ljust(width) for cell, width in zip(header, widths)))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(header and row, widths)))


def fmt(value: float) -> str:
    return "n/a" if value != value else f"{value:.3f}"


def run(root: Path, datasets: list[str], show_worst: int, with_trafilatura: bool) -> int:
    if not root.exists():
        print(f"no dev data at {root}", file=sys.stderr)
        return 1
    trafilatura_extract = load_trafilatura() if with_trafilatura else None
    body_rows: list[list[str]] = []
    meta_rows: list[list[str]] = []
    time_rows: list[list[str]] = []
    worst: list[tuple[float, str, str]] = []
    for dataset in datasets:
        pages = load_pages(root, dataset)
        for kind in ("text", "html"):
            usable = [page for page in pages if kind == "text" or page.html]
            if not usable:
                continue
            scores: dict[str, list[tuple[float, float, float]]] = {"ours": [], "keep-everything": []}
            if trafilatura_extract:
                scores["trafilatura"] = []
            titles_right = titles_loose = titles_total = dates_right = dates_total = authors_right = authors_total = 0
            timer = SegmentTimer()
            started = time.process_time()
            results = [run_ours(page, kind, observe=timer.observe) for page in usable]
            total_seconds = time.process_time() - started
            for page, result in zip(usable, results):
                ours = body_scores(page.gold_body, ours_body(result))
                scores["ours"].append(ours)
                worst.append((ours[2], f"{dataset}/{kind}", page.id))
                everything = page.text if kind == "text" else visible_text(page.html)
                scores["keep-everything"].append(body_scores(page.gold_body, everything))
                if trafilatura_extract:
                    source = page.html if kind == "html" else text_as_html(page.text)
                    scores["trafilatura"].append(body_scores(page.gold_body, trafilatura_extract(source)))
                if page.gold_title:
                    titles_total += 1
                    titles_right += normalized_title(result.title) == normalized_title(page.gold_title)
                    titles_loose += title_matches_loosely(result.title, page.gold_title)
                if page.gold_date:
                    dates_total += 1
                    dates_right += bool(result.published) and result.published.local[:10] == page.gold_date
                if page.gold_author:
                    # The gold lists several people space-separated; all of them must be found
                    # (as contributors, or as the credited source when that is a person or body).
                    authors_total += 1
                    names = {normalized_title(c.name) for c in result.contributors} | {normalized_title(result.source)}
                    authors_right += all(normalized_title(name) in names for name in page.gold_author.split())
            readable = [not unreadable(page.text if kind == "text" else page.html) for page in usable]
            for name, values in scores.items():
                body_rows.append(body_row(dataset, kind, name, values))
            if not all(readable):
                # Pages whose input is undecodable (lost to U+FFFD before it reached us): no
                # extractor can recover them, so also show the figures without them.
                for name, values in scores.items():
                    kept = [value for value, ok in zip(values, readable) if ok]
                    body_rows.append(body_row(dataset, kind, f"{name} (readable inputs)", kept))
            title_ref = "og:title/<h1> of the HTML (no gold)" if dataset == "aeb" else "gold"
            meta_rows.append(
                [
                    dataset,
                    kind,
                    f"{fmt(titles_right / titles_total)} of {titles_total} ({title_ref})" if titles_total else "n/a (no title gold)",
                    fmt(titles_loose / titles_total) if titles_total else "n/a",
                    f"{fmt(dates_right / dates_total)} of {dates_total}" if dates_total else "n/a",
                    f"{fmt(authors_right / authors_total)} of {authors_total}" if authors_total else "n/a",
                ]
            )
            time_rows.append(
                [
                    dataset,
                    kind,
                    str(len(usable)),
                    f"{1000 * timer.seconds / max(timer.calls, 1):.3f}",
                    f"{1000 * total_seconds / len(usable):.3f}",
                ]
            )
    print_table("Body (4-token shingles, mean over pages)", ["data", "input", "extractor", "pages", "P", "R", "F1"], body_rows)
    print_table("Metadata (ours)", ["data", "input", "title exact match", "title ignoring site-name affix", "date (day) accuracy", "author match (informational)"], meta_rows)
    print_table("Time per page (ms of CPU time, this machine, one run; segment includes its date/byline calls)", ["data", "input", "pages", "segment step", "whole pipeline"], time_rows)
    print_sentence_accuracy(root)
    if show_worst:
        print(f"\nWorst {show_worst} pages by our body F1:")
        for f1, where, page_id in sorted(worst)[:show_worst]:
            print(f"  {f1:.3f}  {where:9}  {page_id}")
    return 0


def print_sentence_accuracy(root: Path) -> None:
    try:
        from bench.sentences import evaluate_sentences
    except Exception as error:  # written by another helper; may be missing or broken
        print(f"\nSentences: bench.sentences.evaluate_sentences unavailable ({type(error).__name__})")
        return
    try:
        try:
            figures = evaluate_sentences()
        except TypeError:
            figures = evaluate_sentences(root / "sentences" / "golden_rules.json")
    except Exception as error:
        print(f"\nSentences: evaluate_sentences failed ({type(error).__name__}: {error})")
        return
    print("\nSentence split accuracy (bench.sentences)")
    if isinstance(figures, dict):
        for language, value in figures.items():
            print(f"  {language:10} {fmt(value) if isinstance(value, float) else value}")
    else:
        print(f"  {figures}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devdata", type=Path, default=DEVDATA)
    parser.add_argument("--datasets", nargs="*", default=list(DATASETS), choices=DATASETS)
    parser.add_argument("--worst", type=int, default=0, help="list the N pages where our body F1 is lowest")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip the (slow) trafilatura columns")
    parser.add_argument("--without-url", action="store_true", help="read every page without its URL (as a crawler that sends none)")
    from bench import wcxb

    wcxb.add_arguments(parser)
    args = parser.parse_args(argv)
    if args.without_url:
        global WITHOUT_URL
        WITHOUT_URL = True
    others = [dataset for dataset in args.datasets if dataset != "wcxb"]
    status = run(args.devdata, others, args.worst, not args.no_trafilatura) if others else 0
    if "wcxb" in args.datasets:
        status = wcxb.run_from_args(args) or status
    return status


if __name__ == "__main__":
    sys.exit(main())
