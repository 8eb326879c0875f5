"""Spam detection evaluation: ``python -m bench.spam`` from the repo root.

Builds the evaluation set with ``bench.spamgen`` (spam of every kind injected into the shared dev
pages at varied positions, as page text and as HTML; whole spam pages; hard honest pages), runs
the real pipeline (``worker.pipeline.process``) on each input, and prints:

- per kind and language (and text/HTML): recall of removals, recall of any finding, kind accuracy
  and the mean IoU of the removed evidence with the true span; in-vocabulary vs out-of-vocabulary
  recall (a generated block is "in vocabulary" when it contains one of the detector's strong terms);
- precision of removals over every input;
- the share of honest pages with any removed or quarantined finding (dev pages as text and HTML,
  and the hard honest pages), listing each such finding;
- quarantine recall on whole spam pages;
- the spam step's time per AEB page text and its share of the pipeline's time.

``--seed`` and ``--per`` (cases per kind and language) change the set; ``-v`` lists every miss.
"""

from __future__ import annotations

import argparse
from collections import defaultdict

from worker.devdata import raw_pages
from bench.spamgen import build_cases
from bench.spamgen.generate import Case
from worker.pipeline import process
from worker.pipeline.model import RawInput, Result
from worker.pipeline.spam.vocab import MATCHER

STRONG_KINDS = {"gambling", "adult", "pharma", "scam", "seo_strong"}


def run(raw: RawInput) -> Result:
    """The real pipeline on one input; its ``spam`` findings and ``quarantined`` flag are scored."""
    return process(raw)


def in_vocabulary(text: str) -> bool:
    return any(term.kind in STRONG_KINDS and term.weight >= 2 for _, term in MATCHER.find(text.lower()))


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def iou(truth_start: int, truth_end: int, spans: list[tuple[int, int]]) -> float:
    covered = set()
    for start, end in spans:
        covered.update(range(start, end))
    truth = set(range(truth_start, truth_end))
    union = len(covered | truth)
    return len(covered & truth) / union if union else 0.0


def pct(numerator: float, denominator: float) -> str:
    return f"{numerator / denominator:6.3f}" if denominator else "   n/a"


def evaluate_injected(cases: list[Case], verbose: bool) -> tuple[int, int]:
    rows: dict[tuple, dict] = defaultdict(lambda: defaultdict(float))
    vocab_rows: dict[tuple, dict] = defaultdict(lambda: defaultdict(float))
    removed_total = removed_true = 0
    misses = []
    for case in cases:
        raw = RawInput(content=case.content, content_type=case.content_type)
        result = run(raw)
        fmt = "html" if raw.is_html else "text"
        for finding in result.spam:
            if finding.action in ("removed", "quarantined"):
                removed_total += 1
                if any(overlap(s.start, s.end, t.start, t.end) for s in finding.evidence for t in case.truths):
                    removed_true += 1
                elif verbose:
                    print(f"  FALSE {case.name}: {finding.kind} {finding.action} {raw.content[finding.evidence[0].start:finding.evidence[0].end][:100]!r}")
        for truth in case.truths:
            hits = [f for f in result.spam if any(overlap(s.start, s.end, truth.start, truth.end) for s in f.evidence)]
            removed = [f for f in hits if f.action in ("removed", "quarantined")]
            row = rows[(truth.kind, truth.language, fmt)]
            row["n"] += 1
            row["removed"] += bool(removed)
            row["any"] += bool(hits)
            row["kind_ok"] += bool(hits) and hits[0].kind == truth.kind
            if removed:
                row["iou"] += iou(truth.start, truth.end, [(s.start, s.end) for f in removed for s in f.evidence])
            vocab = "in" if in_vocabulary(case.content[truth.start : truth.end]) else "oov"
            for key in ((truth.kind, vocab), ("ALL", vocab), ("ALL " + fmt, vocab), ("generator template", truth.template)):
                vocab_row = vocab_rows[key]
                vocab_row["n"] += 1
                vocab_row["removed"] += bool(removed)
                vocab_row["any"] += bool(hits)
            if not removed:
                misses.append((case.name, truth.kind, [(f.kind, f.action, round(f.score, 2)) for f in hits], case.content[truth.start : truth.end][:110]))

    print("\n== Injected spam blocks: per kind, language, format ==")
    print(f"{'kind':18} {'lang':4} {'fmt':4} {'n':>4} {'recall':>7} {'any':>7} {'kindok':>7} {'IoU':>7}")
    totals = defaultdict(float)
    for (kind, language, fmt), row in sorted(rows.items()):
        print(f"{kind:18} {language:4} {fmt:4} {int(row['n']):4d} {pct(row['removed'], row['n'])} {pct(row['any'], row['n'])} {pct(row['kind_ok'], row['n'])} {pct(row['iou'], row['removed'])}")
        for key in ("n", "removed", "any", "kind_ok", "iou"):
            totals[(fmt, key)] += row[key]
            totals[("all", key)] += row[key]
    for fmt in ("text", "html", "all"):
        print(f"{'ALL':18} {'':4} {fmt:4} {int(totals[(fmt, 'n')]):4d} {pct(totals[(fmt, 'removed')], totals[(fmt, 'n')])} {pct(totals[(fmt, 'any')], totals[(fmt, 'n')])} {pct(totals[(fmt, 'kind_ok')], totals[(fmt, 'n')])} {pct(totals[(fmt, 'iou')], totals[(fmt, 'removed')])}")
    print("\n== Recall by vocabulary (in = contains a strong detector term; 'generator template oov' =")
    print("   promotion written from the generator's out-of-vocabulary templates) ==")
    for (kind, vocab), row in sorted(vocab_rows.items()):
        print(f"{kind:18} {vocab:4} {int(row['n']):4d} removed {pct(row['removed'], row['n'])} any {pct(row['any'], row['n'])}")
    print(f"\nRemoval precision on injected pages: {pct(removed_true, removed_total)} ({removed_true}/{removed_total})")
    if verbose:
        for miss in misses:
            print("  MISS", miss)
    return removed_true, removed_total


def evaluate_honest(label: str, records: list[dict], verbose: bool = True) -> tuple[int, int]:
    bad_pages = flagged_pages = 0
    for record in records:
        raw = RawInput(content=record["content"], content_type=record.get("content_type", "text/plain"))
        result = run(raw)
        bad = [f for f in result.spam if f.action in ("removed", "quarantined")]
        bad_pages += bool(bad)
        flagged_pages += bool(result.spam) and not bad
        for finding in bad if verbose else []:
            span = finding.evidence[0]
            print(f"  {label} {record['id'][:16]}: {finding.kind} {finding.action} {finding.score} {raw.content[span.start:span.end][:120]!r}")
    print(f"{label:22} pages {len(records):4d}  removed/quarantined on {bad_pages} ({pct(bad_pages, len(records)).strip()})  flagged only on {flagged_pages}")
    return bad_pages, len(records)


def evaluate_whole_pages(cases: list[Case]) -> None:
    print("\n== Whole spam pages ==")
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for case in cases:
        result = run(RawInput(content=case.content, content_type=case.content_type))
        row = by_kind[case.name.split("/")[0][5:] + "/" + case.name.split("/")[1]]
        row[0] += 1
        row[1] += result.quarantined
        row[2] += result.quarantined and result.spam[0].kind == case.page_kind
    for name, (n, quarantined, kind_ok) in sorted(by_kind.items()):
        print(f"{name:18} pages {n}  quarantined {quarantined}  right kind {kind_ok}")
    total = sum(r[0] for r in by_kind.values())
    print(f"{'ALL':18} pages {total}  quarantined {sum(r[1] for r in by_kind.values())}  right kind {sum(r[2] for r in by_kind.values())}")


def measure_speed(records: list[dict]) -> None:
    """The spam step's time per page against the extract step's and the whole pipeline's (CPU
    time, best of three passes, through the pipeline's ``observe`` hook)."""
    raws = [RawInput(content=r["content"]) for r in records]
    best: dict[str, float] = {}
    for _ in range(3):
        totals: dict[str, float] = defaultdict(float)

        def observe(name: str, seconds: float, page) -> None:
            totals[name] += seconds

        for raw in raws:
            process(raw, observe=observe)
        for name, seconds in totals.items():
            best[name] = min(best.get(name, float("inf")), seconds)
    n = len(raws)
    whole = sum(best.values())
    print(f"\n== Speed (AEB page texts, {n} pages, best of 3 per step) ==")
    print(f"spam step     {best['spam'] / n * 1e3:.3f} ms/page   ({best['spam'] / whole:.0%} of the pipeline's time)")
    print(f"extract step  {best['extract'] / n * 1e3:.3f} ms/page   (for scale)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--per", type=int, default=24, help="cases per kind and language")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()

    text_hosts = raw_pages("aeb", "text") + raw_pages("zh", "text")
    html_hosts = raw_pages("aeb", "html") + raw_pages("zh", "html")
    cases = build_cases(text_hosts, html_hosts, seed=args.seed, per_kind_language=args.per)
    injected = [c for c in cases if c.group == "injected"]
    print(f"{len(injected)} injected cases, {sum(c.group == 'whole_page' for c in cases)} whole spam pages, {sum(c.group == 'hard_honest' for c in cases)} hard honest pages")
    evaluate_injected(injected, args.verbose)

    print("\n== Honest pages: any removed/quarantined finding ==")
    bad = total = 0
    for label, records in (
        ("aeb text", raw_pages("aeb", "text")),
        ("aeb html", raw_pages("aeb", "html")),
        ("zh text", raw_pages("zh", "text")),
        ("zh html", raw_pages("zh", "html")),
        ("hard honest", [{"id": c.name, "content": c.content, "content_type": c.content_type} for c in cases if c.group == "hard_honest"]),
    ):
        page_bad, page_total = evaluate_honest(label, records)
        bad, total = bad + page_bad, total + page_total
    print(f"{'all honest':22} pages {total:4d}  removed/quarantined on {bad} ({pct(bad, total).strip()})")

    evaluate_whole_pages([c for c in cases if c.group == "whole_page"])
    measure_speed(raw_pages("aeb", "text"))


if __name__ == "__main__":
    main()
