"""Extraction quality on WCXB, the Web Content eXtraction Benchmark (Foley 2026, CC-BY-4.0).

    python -m bench.quality --datasets wcxb [--fold validation] [--kind html] [--jobs 2] [--json out.json]
    python -m bench.wcxb [same options]            # the same, without the AEB/zh tables
    python -m bench.wcxb --diff old.json new.json  # what changed between two --json runs

The dev split of WCXB (``$NEWSWORKER_DEVDATA/wcxb``: 1,497 pages, seven page types, gold body,
title, author, date) is scored per fold (``tune``, ``validation``), per page type and per input
kind (the HTML, or the page text a browser shows), for our pipeline (``worker.pipeline.process``,
the one code path), a keep-everything baseline (all visible text), trafilatura and rs-trafilatura
(optional: ``pip install .[compare]``), side by side in one run.

Body metric: the benchmark's own (``evaluate.py`` of github.com/Murrough-Foley/web-content-extraction-benchmark
at c039d5e), reproduced exactly: tokens are ``re.findall(r"\\w+", text.lower())``, a page's
precision and recall are the clipped overlap of the two bags of tokens over the predicted and the
gold token counts, F1 their harmonic mean, all averaged over pages; an empty gold scores 1 against
an empty output and 0 against anything else, and an empty output scores 0. Its ``with`` and
``without`` figures are the share of the page's snippets found as lowercase substrings of the output
(``with``: higher is better; ``without``: boilerplate kept, lower is better).

The benchmark's script scores nothing else (it loads the title but never uses it), so title,
author and date are scored here, on the pages whose gold has one (see :func:`title_matches`,
:func:`author_matches`, :func:`date_matches`); page-type accuracy uses ``Result.page_type`` once
the pipeline has it (``n/a`` before), and rs-trafilatura's own classifier.

Every page is run in a worker process (``--jobs``), which returns scores only; ``--json`` writes
them per page and extractor, so that two runs can be compared with ``--diff``. Validation pages
stand for pages nobody has seen: the diff and ``--worst`` list single pages of the tune fold only.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from worker.devdata import DEVDATA_DIR, REPO, load_jsonl

FOLDS = ("tune", "validation")
PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")
KINDS = ("html", "text")
EXTRACTORS = ("ours", "keep-everything", "trafilatura", "rs-trafilatura")
BENCHMARK = "WCXB dev split (Foley 2026, CC-BY-4.0, github.com/Murrough-Foley/web-content-extraction-benchmark)"


# ---------------------------------------------------------------------------------------------
# The benchmark's metric (evaluate.py), exactly

_WORD = re.compile(r"\w+")


def tokenize(text: str | None) -> list[str]:
    """Lowercase ``\\w+`` runs: the benchmark's tokens (Unicode-aware, ``str.lower``, no NFKC)."""
    if not text:
        return []
    return _WORD.findall(text.lower())


def word_scores(predicted: str | None, reference: str | None) -> tuple[float, float, float]:
    """Word-level (precision, recall, F1) of one page: bags of tokens, counts clipped."""
    predicted_tokens, reference_tokens = tokenize(predicted), tokenize(reference)
    if not reference_tokens:
        return (1.0, 1.0, 1.0) if not predicted_tokens else (0.0, 0.0, 0.0)
    if not predicted_tokens:
        return 0.0, 0.0, 0.0
    overlap = sum((Counter(predicted_tokens) & Counter(reference_tokens)).values())
    precision = overlap / len(predicted_tokens)
    recall = overlap / len(reference_tokens)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def snippet_rate(text: str | None, snippets: Sequence[str]) -> float:
    """Share of the snippets that occur in the text (lowercase substring test); 1 when none."""
    if not snippets:
        return 1.0
    lowered = (text or "").lower()
    return sum(1 for snippet in snippets if snippet.lower() in lowered) / len(snippets)


# ---------------------------------------------------------------------------------------------
# Metadata: our own rules (the benchmark has none)

_QUOTES_AND_DASHES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
# What joins a site name or section to a title: "Title | Site", "Site - Title", "Title :: Site".
_TITLE_AFFIX_JOIN = re.compile(r"\s+(?:[|\-:·»/]|::)\s+")


def normalized_text(text: str | None) -> str:
    """NFKC, casefolded, typographic quotes and dashes made plain, white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text or "").translate(_QUOTES_AND_DASHES).casefold().split())


def title_matches(predicted: str | None, gold: str | None) -> bool:
    """The same title once normalized (see :func:`normalized_text`)."""
    return bool(predicted) and normalized_text(predicted) == normalized_text(gold)


def title_matches_without_affix(predicted: str | None, gold: str | None) -> bool:
    """The same title, or one is the other plus a site-name affix ("Title | Site", "Site - Title").

    Lenient on purpose: it tells a title found but decorated from a wrong one.
    """
    mine, theirs = normalized_text(predicted), normalized_text(gold)
    if not mine or not theirs:
        return False
    if mine == theirs:
        return True
    longer, shorter = (mine, theirs) if len(mine) > len(theirs) else (theirs, mine)
    if longer.startswith(shorter) and _TITLE_AFFIX_JOIN.match(longer, len(shorter)):
        return True
    if longer.endswith(shorter):
        head = longer[: len(longer) - len(shorter)]
        return any(match.end() == len(head) for match in _TITLE_AFFIX_JOIN.finditer(head))
    return False


# "A, B and C", "A & B", "A; B", "A / B", "A und B": one person per piece.
_PEOPLE_SEPARATOR = re.compile(r"\s*(?:[,;&/|]|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*", re.IGNORECASE)
# A piece that is a credential, not a name: "MS", "RD", "Ph.D.", "E-RYT 200", "MBA".
_CREDENTIAL = re.compile(r"^(?:[A-Z]{1,5}(?:-[A-Z]{1,5})?(?:\s+\d+)?|(?:[A-Z][a-z]?\.\s?){1,3}[A-Z]?\.?|Ph\.?\s?D\.?|Jr\.?|Sr\.?)$")


def people(names: str | Iterable[str] | None) -> list[str]:
    """The persons named, in order, each as its normalized ``\\w+`` tokens joined by spaces.

    A gold author string may name several people with credentials or roles ("Dylan Bailey, MS,
    RD", "A, B and C"); extractors give one string or a list. Both are split the same way (so a
    name holding "and" stays comparable), credentials dropped.
    """
    if not names:
        return []
    if isinstance(names, str):
        names = [names]
    found: list[str] = []
    for name in names:
        for piece in _PEOPLE_SEPARATOR.split(name or ""):
            piece = piece.strip()
            if not piece or _CREDENTIAL.match(piece):
                continue
            normalized = " ".join(tokenize(unicodedata.normalize("NFKC", piece).casefold()))
            if normalized and normalized not in found:
                found.append(normalized)
    return found


def author_matches(predicted: str | Iterable[str] | None, gold: str | None) -> bool:
    """The gold's first person is named, and everyone named is in the gold.

    Case, punctuation, order and credentials aside. Naming only the first of several authors
    counts (the gold's extra pieces are often roles: "Mike Marshall, Shipping Expert"); naming a
    wrong person besides does not.
    """
    expected, given = people(gold), people(predicted)
    return bool(expected) and expected[0] in given and all(person in expected for person in given)


def date_matches(predicted: str | None, gold: str | None) -> bool:
    """The same day (or the same month, for the few golds that give only 'YYYY-MM')."""
    return bool(predicted) and bool(gold) and predicted[: len(gold)] == gold


def page_type_name(value) -> str | None:
    """A page type as a plain name, from a string or an object with a name-like attribute."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    for attribute in ("name", "type", "value", "label", "kind"):
        inner = getattr(value, attribute, None)
        if isinstance(inner, str):
            return inner
    return str(value)


# ---------------------------------------------------------------------------------------------
# Data


@dataclass(slots=True)
class Gold:
    id: str
    domain: str
    page_type: str
    fold: str
    title: str | None
    author: str | None
    date: str | None
    body: str
    with_snippets: list[str]
    without_snippets: list[str]


def load_gold(root: Path) -> dict[str, Gold]:
    truth = json.loads((root / "wcxb" / "ground_truth.json").read_text("utf-8"))
    return {
        page_id: Gold(
            id=page_id,
            domain=row.get("domain") or "",
            page_type=row["page_type"],
            fold=row["fold"],
            title=row.get("title"),
            author=row.get("author"),
            date=row.get("date"),
            body=row.get("body") or "",
            with_snippets=row.get("with") or [],
            without_snippets=row.get("without") or [],
        )
        for page_id, row in truth.items()
    }


def load_raw(root: Path, kind: str) -> dict[str, dict]:
    """RawArticle dicts by id, for one input kind."""
    name = "raw_html.jsonl.gz" if kind == "html" else "raw_text.jsonl.gz"
    return {row["id"]: row for row in load_jsonl(root / "wcxb" / name)}


# ---------------------------------------------------------------------------------------------
# Extractors: each takes a RawArticle dict and returns an Extraction


@dataclass(slots=True)
class Extraction:
    body: str
    title: str | None = None
    authors: list[str] | None = None
    date: str | None = None
    page_type: str | None = None
    has_metadata: bool = True  # False: the extractor gives no title/author/date at all
    has_page_type: bool = False


# Contributor roles that count as the page's author (not photographers, editors or translators).
AUTHOR_ROLES = frozenset(("author", "reporter", "contributor"))


def extract_ours(page: dict) -> Extraction:
    from worker.contracts.messages import raw_input_from_dict
    from worker.pipeline import process

    result = process(raw_input_from_dict(page))
    page_type = getattr(result, "page_type", None)
    return Extraction(
        body="\n".join(paragraph.text for paragraph in result.paragraphs),
        title=result.title,
        authors=[person.name for person in result.contributors if person.role in AUTHOR_ROLES],
        date=result.published.local if result.published else None,
        page_type=page_type_name(page_type),
        has_page_type=hasattr(result, "page_type"),
    )


def extract_everything(page: dict) -> Extraction:
    from bench.quality import visible_text

    if page.get("content_type") == "text/html":
        return Extraction(body=visible_text(page["content"]), has_metadata=False)
    return Extraction(body=page["content"], has_metadata=False)


def _as_html(page: dict) -> str:
    """The page as HTML for the HTML-only extractors (page text: one <p> per line)."""
    from bench.quality import text_as_html

    return page["content"] if page.get("content_type") == "text/html" else text_as_html(page["content"])


def extract_trafilatura(page: dict) -> Extraction:
    """trafilatura with its defaults (comments included, as ``trafilatura.extract``), plus metadata.

    ``bare_extraction`` once gives both; the body is what ``extract``'s txt output holds (text,
    then comments, NFC) without the metadata header.
    """
    import trafilatura

    document = trafilatura.bare_extraction(_as_html(page), url=page.get("url"), with_metadata=True)
    if document is None:
        return Extraction(body="")
    text = "\n".join(part for part in (document.text, document.comments) if part)
    authors = [name for name in (document.author or "").split(";") if name.strip()]
    return Extraction(
        body=unicodedata.normalize("NFC", text),
        title=document.title,
        authors=authors,
        date=document.date,
    )


def extract_rs_trafilatura(page: dict) -> Extraction:
    """rs-trafilatura with its defaults and the page URL (its page-type classifier reads it)."""
    import rs_trafilatura

    result = rs_trafilatura.extract(_as_html(page), url=page.get("url"))
    return Extraction(
        body=result.main_content or "",
        title=result.title,
        authors=[result.author] if result.author else [],
        date=result.date,
        page_type=result.page_type,
        has_page_type=True,
    )


EXTRACTOR_FUNCTIONS: dict[str, Callable[[dict], Extraction]] = {
    "ours": extract_ours,
    "keep-everything": extract_everything,
    "trafilatura": extract_trafilatura,
    "rs-trafilatura": extract_rs_trafilatura,
}
EXTRACTOR_MODULES = {"trafilatura": "trafilatura", "rs-trafilatura": "rs_trafilatura"}


def available(name: str) -> bool:
    module = EXTRACTOR_MODULES.get(name)
    if module is None:
        return True
    try:
        __import__(module)
    except Exception:  # optional comparison: not installed, or its native part is missing
        return False
    return True


def _quiet_trafilatura_logging() -> None:
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


# ---------------------------------------------------------------------------------------------
# Scoring one page


def score(extraction: Extraction, gold: Gold) -> dict:
    """Every figure of one extraction of one page (None: not applicable)."""
    precision, recall, f1 = word_scores(extraction.body, gold.body)
    record = {
        "p": precision,
        "r": recall,
        "f1": f1,
        "with": snippet_rate(extraction.body, gold.with_snippets) if gold.with_snippets else None,
        "without": snippet_rate(extraction.body, gold.without_snippets) if gold.without_snippets else None,
        "title_ok": None,
        "title_affix_ok": None,
        "author_ok": None,
        "date_ok": None,
        "type_ok": None,
    }
    if extraction.has_metadata:
        if gold.title:
            record["title_ok"] = title_matches(extraction.title, gold.title)
            record["title_affix_ok"] = title_matches_without_affix(extraction.title, gold.title)
        if gold.author:
            record["author_ok"] = author_matches(extraction.authors, gold.author)
        if gold.date:
            record["date_ok"] = date_matches(extraction.date, gold.date)
        record.update(title=extraction.title, authors=extraction.authors or [], date=extraction.date)
    if extraction.has_page_type:
        record["type_ok"] = extraction.page_type == gold.page_type
        record["page_type"] = extraction.page_type
    return record


def evaluate_page(task: tuple[dict, Gold, str, tuple[str, ...]]) -> list[dict]:
    """Run every extractor on one page of one kind: one record each (run in worker processes)."""
    page, gold, kind, extractors = task
    records = []
    for name in extractors:
        started = time.process_time()
        try:
            extraction = EXTRACTOR_FUNCTIONS[name](page)
            error = None
        except Exception as exception:  # counted and printed: one crash must not end the run
            extraction = Extraction(body="")
            error = f"{type(exception).__name__}: {exception}"[:300]
        record = {
            "id": gold.id,
            "fold": gold.fold,
            "type": gold.page_type,
            "kind": kind,
            "extractor": name,
            **score(extraction, gold),
            "ms": 1000 * (time.process_time() - started),
        }
        if error:
            record["error"] = error
        records.append(record)
    return records


def _init_worker() -> None:
    _quiet_trafilatura_logging()


def collect(
    root: Path,
    folds: Sequence[str] = FOLDS,
    types: Sequence[str] = PAGE_TYPES,
    kinds: Sequence[str] = KINDS,
    extractors: Sequence[str] = EXTRACTORS,
    jobs: int = 1,
    progress: bool = True,
) -> list[dict]:
    """Per-page records of every (page, kind, extractor) selected."""
    gold = load_gold(root)
    chosen = {page_id: truth for page_id, truth in gold.items() if truth.fold in folds and truth.page_type in types}
    tasks = []
    for kind in kinds:
        for page_id, page in load_raw(root, kind).items():
            if page_id in chosen:
                tasks.append((page, chosen[page_id], kind, tuple(extractors)))
    # Big pages first, so that the pool does not end waiting on one of them.
    tasks.sort(key=lambda task: -len(task[0]["content"]))
    records: list[dict] = []
    started = time.monotonic()
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_init_worker) as pool:
            for done, page_records in enumerate(pool.imap_unordered(evaluate_page, tasks, chunksize=2), 1):
                records.extend(page_records)
                _progress(progress, done, len(tasks), started)
    else:
        _init_worker()
        for done, task in enumerate(tasks, 1):
            records.extend(evaluate_page(task))
            _progress(progress, done, len(tasks), started)
    if progress:
        print(file=sys.stderr)
    records.sort(key=lambda record: (record["id"], record["kind"], record["extractor"]))
    return records


def _progress(show: bool, done: int, total: int, started: float) -> None:
    if show and (done % 50 == 0 or done == total):
        print(f"\rwcxb: {done}/{total} page inputs, {time.monotonic() - started:.0f} s", end="", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Report


def mean(values: Iterable[float | None]) -> float:
    kept = [value for value in values if value is not None]
    return statistics.fmean(kept) if kept else float("nan")


def fmt(value: float) -> str:
    return "n/a" if value != value else f"{value:.3f}"


def rate(records: Sequence[dict], field: str) -> str:
    """'0.812 (n)' over the records where the field applies, 'n/a' where it applies to none."""
    values = [record[field] for record in records if record.get(field) is not None]
    return f"{fmt(mean(values))} ({len(values)})" if values else "n/a"


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    print(f"\n{title}")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    print("  ".join(str(cell).ljust(width) for cell, width in zip(header, widths)).rstrip())
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())


def grouped(records: Sequence[dict]) -> dict[tuple[str, str, str], list[dict]]:
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for record in records:
        groups[(record["fold"], record["kind"], record["extractor"])].append(record)
    order = {name: i for i, name in enumerate(EXTRACTORS)}
    return dict(sorted(groups.items(), key=lambda item: (FOLDS.index(item[0][0]), KINDS.index(item[0][1]), order[item[0][2]])))


def report(records: Sequence[dict]) -> None:
    """Print the body, per-type and metadata tables of a run."""
    groups = grouped(records)
    types = [t for t in PAGE_TYPES if any(record["type"] == t for record in records)]
    body_rows, recall_rows, precision_rows, meta_rows = [], [], [], []
    for (fold, kind, name), group in groups.items():
        by_type = {t: [record for record in group if record["type"] == t] for t in types}
        body_rows.append(
            [fold, kind, name, str(len(group)), fmt(mean(r["p"] for r in group)), fmt(mean(r["r"] for r in group)),
             fmt(mean(r["f1"] for r in group)), fmt(mean(r["with"] for r in group)), fmt(mean(r["without"] for r in group))]
            + [fmt(mean(r["f1"] for r in by_type[t])) for t in types]
        )
        recall_rows.append([fold, kind, name] + [fmt(mean(r["r"] for r in by_type[t])) for t in types])
        precision_rows.append([fold, kind, name] + [fmt(mean(r["p"] for r in by_type[t])) for t in types])
        if name != "keep-everything":
            meta_rows.append(
                [fold, kind, name, rate(group, "title_ok"), rate(group, "title_affix_ok"), rate(group, "author_ok"),
                 rate(group, "date_ok"), rate(group, "type_ok"), fmt(mean(r["ms"] for r in group))]
            )
    counts = Counter((record["fold"], record["type"]) for record in records if record["extractor"] == records[0]["extractor"] and record["kind"] == records[0]["kind"])
    print(f"\n{BENCHMARK}: pages per fold and type " + ", ".join(f"{fold}/{t} {n}" for (fold, t), n in sorted(counts.items())))
    print_table(
        "Body, the benchmark's word-level metric (mean over pages; with/without: snippet rates, 'without' lower is better), F1 per page type",
        ["fold", "input", "extractor", "pages", "P", "R", "F1", "with", "without", *types],
        body_rows,
    )
    print_table("Body recall per page type", ["fold", "input", "extractor", *types], recall_rows)
    print_table("Body precision per page type", ["fold", "input", "extractor", *types], precision_rows)
    print_table(
        "Metadata on the pages whose gold has it: accuracy (pages); title exact (normalized) and ignoring a site-name affix; "
        "author: the gold's first person named, no wrong one; date: same day; page type: the extractor's own (Result.page_type for ours). ms: CPU per page",
        ["fold", "input", "extractor", "title", "title (affix ok)", "author", "date", "page type", "ms"],
        meta_rows,
    )
    errors = Counter((record["kind"], record["extractor"]) for record in records if record.get("error"))
    if errors:
        print("\nExtractor errors (page scored as empty output): " + ", ".join(f"{kind}/{name}: {n}" for (kind, name), n in sorted(errors.items())))
        for record in [r for r in records if r.get("error")][:5]:
            print(f"  {record['id']} {record['kind']} {record['extractor']}: {record['error']}")


def print_worst(records: Sequence[dict], count: int) -> None:
    """Our lowest body F1 on TUNE pages (validation pages are never listed one by one)."""
    ours = sorted((r for r in records if r["extractor"] == "ours" and r["fold"] == "tune"), key=lambda r: r["f1"])
    print(f"\nWorst {count} tune pages by our body F1 (P/R):")
    for record in ours[:count]:
        print(f"  {record['f1']:.3f} ({record['p']:.2f}/{record['r']:.2f})  {record['kind']:4}  {record['type']:13}  {record['id']}")


def diff(old_path: Path, new_path: Path, count: int = 15) -> None:
    """Mean changes per (fold, kind, extractor, page type) between two runs, and the tune pages that moved most."""
    old, new = (_load_records(path) for path in (old_path, new_path))
    shared = sorted(old.keys() & new.keys())
    by_group: dict[tuple, list[tuple[dict, dict]]] = defaultdict(list)
    for key in shared:
        page_id, kind, extractor = key
        record = new[key]
        by_group[(record["fold"], kind, extractor, record["type"])].append((old[key], record))
        by_group[(record["fold"], kind, extractor, "all")].append((old[key], record))
    rows = []
    for (fold, kind, extractor, page_type), pairs in sorted(by_group.items()):
        delta = mean(b["f1"] for _, b in pairs) - mean(a["f1"] for a, _ in pairs)
        meta = [mean(float(b[f]) for _, b in pairs if b.get(f) is not None) - mean(float(a[f]) for a, _ in pairs if a.get(f) is not None) for f in ("title_ok", "author_ok", "date_ok")]
        if any(abs(value) > 1e-9 for value in [delta, *meta] if value == value):
            rows.append([fold, kind, extractor, page_type, str(len(pairs)), f"{delta:+.3f}", *(("n/a" if v != v else f"{v:+.3f}") for v in meta)])
    print_table(f"Changes {old_path} -> {new_path}", ["fold", "input", "extractor", "type", "pages", "F1", "title", "author", "date"], rows)
    moved = sorted(
        ((new[key]["f1"] - old[key]["f1"], key) for key in shared if new[key]["fold"] == "tune" and abs(new[key]["f1"] - old[key]["f1"]) > 1e-9),
    )
    worse = [item for item in moved if item[0] < 0][:count]
    better = [item for item in reversed(moved) if item[0] > 0][:count]
    for title, items in (("worse", worse), ("better", better)):
        if items:
            print(f"\nTune pages that got {title} most (F1 change, input, extractor, type, id):")
            for change, (page_id, kind, extractor) in items:
                print(f"  {change:+.3f}  {kind:4}  {extractor:15}  {new[(page_id, kind, extractor)]['type']:13}  {page_id}")
    only = len(old.keys() ^ new.keys())
    if only:
        print(f"\n{only} page records are in one run only")


def _load_records(path: Path) -> dict[tuple[str, str, str], dict]:
    document = json.loads(path.read_text("utf-8"))
    return {(record["id"], record["kind"], record["extractor"]): record for record in document["pages"]}


def write_json(path: Path, records: Sequence[dict], arguments: dict) -> None:
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True, timeout=10).stdout.strip())
    except (OSError, subprocess.SubprocessError):
        commit, dirty = "", False
    document = {"benchmark": BENCHMARK, "commit": commit, "dirty": dirty, "arguments": arguments, "pages": list(records)}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=None) + "\n", "utf-8")


# ---------------------------------------------------------------------------------------------
# Command line (shared with bench.quality)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("wcxb")
    group.add_argument("--fold", nargs="+", choices=FOLDS, default=list(FOLDS), help="wcxb folds (default both)")
    group.add_argument("--types", nargs="+", choices=PAGE_TYPES, default=list(PAGE_TYPES), help="wcxb page types (default all)")
    group.add_argument("--kind", nargs="+", choices=KINDS, default=list(KINDS), help="wcxb input kinds (default both)")
    group.add_argument("--extractors", nargs="+", choices=EXTRACTORS, default=list(EXTRACTORS), help="wcxb extractors (default all installed)")
    group.add_argument("--jobs", type=int, default=1, help="wcxb worker processes (pages are independent)")
    group.add_argument("--json", type=Path, help="write every wcxb page's scores to this file (for --diff)")


def run_from_args(args: argparse.Namespace) -> int:
    root = getattr(args, "devdata", None) or DEVDATA_DIR
    if not (root / "wcxb" / "ground_truth.json").exists():
        print(f"no wcxb dev data at {root / 'wcxb'} (set NEWSWORKER_DEVDATA)", file=sys.stderr)
        return 1
    extractors = [name for name in args.extractors if not (getattr(args, "no_trafilatura", False) and name in EXTRACTOR_MODULES)]
    missing = [name for name in extractors if not available(name)]
    if missing:
        print(f"wcxb: not installed, skipped: {', '.join(missing)} (pip install -e '.[bench,compare]')", file=sys.stderr)
        extractors = [name for name in extractors if name not in missing]
    started = time.monotonic()
    records = collect(root, args.fold, args.types, args.kind, extractors, max(1, args.jobs))
    elapsed = time.monotonic() - started
    report(records)
    print(f"\nwcxb: {len(records)} page records in {elapsed:.0f} s wall time with --jobs {args.jobs}")
    if getattr(args, "worst", 0):
        print_worst(records, args.worst)
    if args.json:
        arguments = {"fold": args.fold, "types": args.types, "kind": args.kind, "extractors": extractors}
        write_json(args.json, records, arguments)
        print(f"wcxb: per-page scores written to {args.json}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--devdata", type=Path, default=DEVDATA_DIR)
    parser.add_argument("--worst", type=int, default=0, help="list the N tune pages where our body F1 is lowest")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip trafilatura and rs-trafilatura")
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("OLD", "NEW"), help="compare two --json files instead of running")
    add_arguments(parser)
    args = parser.parse_args(argv)
    if args.diff:
        diff(*args.diff)
        return 0
    return run_from_args(args)


if __name__ == "__main__":
    sys.exit(main())
