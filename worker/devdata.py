"""Locate and load the shared dev data (../shared/devdata beside the repository).

For benchmarks, training and the tests that check figures on real pages: they all import it from
here (never from each other). The worker never uses it at run time. The data is never copied into
the repository; whoever reads it says so when it is missing.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


# ``$NEWSWORKER_DEVDATA``, else ``<repo>/../shared/devdata``; may not exist (tests skip then).
DEVDATA_DIR = Path(os.environ.get("NEWSWORKER_DEVDATA") or REPO.parent / "shared" / "devdata")


def devdata_dir() -> Path:
    """DEVDATA_DIR, or exit with a clear message when it is missing."""
    path = DEVDATA_DIR
    if not path.is_dir():
        raise SystemExit(f"dev data not found at {path} (set NEWSWORKER_DEVDATA)")
    return path


def load_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def raw_pages(dataset: str, kind: str) -> list[dict]:
    """RawArticle dicts of a data set ('aeb', 'zh', 'wcxb'); kind 'text' or 'html'."""
    folder = devdata_dir() / dataset
    name = "raw_text.jsonl" if kind == "text" else "raw_html.jsonl.gz"
    if not (folder / name).exists():  # wcxb ships its page text compressed too
        name += ".gz"
    return load_jsonl(folder / name)


def ground_truth(dataset: str) -> dict[str, dict]:
    return json.loads((devdata_dir() / dataset / "ground_truth.json").read_text("utf-8"))


# The language of each list of the sentence golden rules (devdata/sentences), by its source file's
# stem ("tests/lang/test_deutsch.py::..." -> "deutsch").
GOLDEN_RULE_LANGUAGES = {
    "amharic": "am", "arabic": "ar", "armenian": "hy", "bulgarian": "bg", "burmese": "my", "chinese": "zh",
    "danish": "da", "deutsch": "de", "dutch": "nl", "english": "en", "english_clean": "en", "french": "fr",
    "greek": "el", "hindi": "hi", "italian": "it", "japanese": "ja", "kazakh": "kk", "marathi": "mr",
    "persian": "fa", "polish": "pl", "russian": "ru", "slovak": "sk", "spanish": "es", "urdu": "ur",
}


def golden_rule_language(list_name: str) -> str:
    """The language of one list of the golden rules ('en' when the file does not say)."""
    stem = list_name.split("::")[0].rsplit("/", 1)[-1].removeprefix("test_").removesuffix(".py")
    return GOLDEN_RULE_LANGUAGES.get(stem, "en")
