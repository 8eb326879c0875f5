"""Snapshot the pipeline's full output on the dev pages, and compare a later run with it.

    python -m bench.snapshot save FILE      # every Result, as JSON lines
    python -m bench.snapshot compare FILE   # the pages whose Result differs now, and how
    python -m bench.snapshot compare FILE --ignore page_type,page_type_confidence
                                            # ... leaving out fields added since FILE was saved

For refactors and speed work that must not change what comes out: save before, compare after.
Every field of every :class:`~worker.pipeline.model.Result` is compared (title, date, people,
captions, paragraphs, sentence offsets, languages, spam findings and their evidence spans), for
the AEB, zh and wcxb dev pages as text and as HTML and the seed page. Exits 1 when anything differs.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from worker.devdata import REPO, raw_pages
from worker.contracts.messages import raw_input_from_dict
from worker.pipeline import process

FIXTURES = REPO / "tests" / "fixtures"  # the seed page
DATASETS = ("aeb", "zh", "wcxb")
KINDS = ("text", "html")


def pages() -> list[tuple[str, dict]]:
    """(key, RawArticle dict) for every page snapshotted."""
    found = []
    for dataset in DATASETS:
        for kind in KINDS:
            found.extend((f"{dataset}/{kind}/{page['id']}", page) for page in raw_pages(dataset, kind))
    for path in sorted(FIXTURES.glob("*.txt")):
        found.append((f"seed/text/{path.stem}", {"id": path.stem, "content": path.read_text("utf-8"), "content_type": "text/plain"}))
    return found


def outputs() -> dict[str, dict]:
    return {key: dataclasses.asdict(process(raw_input_from_dict(page))) for key, page in pages()}


def first_difference(before, after, path: str = "") -> str:
    """A readable pointer to the first place two JSON-like values differ."""
    if type(before) is not type(after):
        return f"{path}: {before!r:.120} -> {after!r:.120}"
    if isinstance(before, dict):
        for key in before.keys() | after.keys():
            if before.get(key) != after.get(key):
                return first_difference(before.get(key), after.get(key), f"{path}.{key}")
    if isinstance(before, list):
        if len(before) != len(after):
            return f"{path}: {len(before)} items -> {len(after)} items"
        for index, (left, right) in enumerate(zip(before, after)):
            if left != right:
                return first_difference(left, right, f"{path}[{index}]")
    return f"{path}: {before!r:.120} -> {after!r:.120}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--ignore", default="", help="comma-separated Result fields left out of the comparison")
    args = parser.parse_args(argv)
    ignored = {name for name in args.ignore.split(",") if name}
    now = outputs()
    if args.action == "save":
        with args.file.open("w", encoding="utf-8") as stream:
            for key, result in now.items():
                stream.write(json.dumps({"page": key, "result": result}, ensure_ascii=False) + "\n")
        print(f"saved {len(now)} results to {args.file}")
        return 0
    saved = {}
    with args.file.open(encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            saved[record["page"]] = record["result"]
    # JSON has no tuples: compare both sides as JSON values.
    now = {key: json.loads(json.dumps(result, ensure_ascii=False)) for key, result in now.items()}
    for results in (saved, now):
        for result in results.values():
            for name in ignored:
                result.pop(name, None)
    changed = sorted(key for key in saved.keys() | now.keys() if saved.get(key) != now.get(key))
    for key in changed:
        print(f"{key}  {first_difference(saved.get(key), now.get(key))}")
    print(f"{len(changed)} of {len(saved.keys() | now.keys())} pages differ")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
