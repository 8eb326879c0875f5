"""The HTML path's tokenizer against the html5lib tokenizer tests (the WHATWG standard's cases).

Every case of every ``*.test`` file in ``html5lib-tests/tokenizer/`` runs through
``worker._native.tokenize``: the tokenizer the pipeline uses (html5gum with the project's own
emitter, which assembles tags, attributes, text, comments and doctypes and gives each its span).
The tokens must equal the expected ones (tag names, attributes, self-closing flag, text,
comments, doctype fields); parse errors are not compared, as the pipeline does not report them.

The suite is found at ``$NEWSWORKER_HTML5LIB_TESTS``, else ``<repo>/../shared/html5lib-tests``;
without it the tests are skipped with that reason.

Not run, with the reason:
* ``xmlViolation.test``: how a tokenizer must coerce its output to an XML infoset; the HTML
  standard's tokens are the ones in the other files, which the same inputs also cover.
* cases whose input holds a lone surrogate (U+D800-U+DFFF): a Python str with one is not UTF-8,
  so it cannot reach the tokenizer; ``extract_blocks`` replaces such code points by U+FFFD first
  (one for one, so offsets hold) - tested in test_html.py.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from worker import _native

REPO = Path(__file__).resolve().parents[2]
SUITE = Path(os.environ.get("NEWSWORKER_HTML5LIB_TESTS") or REPO.parent / "shared" / "html5lib-tests") / "tokenizer"
NOT_RUN_FILES = {"xmlViolation.test": "XML infoset coercion, not the HTML standard's tokens"}
STATES = {
    "Data state": "data",
    "PLAINTEXT state": "plaintext",
    "RCDATA state": "rcdata",
    "RAWTEXT state": "rawtext",
    "Script data state": "script data",
    "CDATA section state": "cdata section",
}
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _unescape(value):
    """doubleEscaped cases write some characters as \\uXXXX inside the JSON string."""
    if isinstance(value, str):
        return _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), value)
    if isinstance(value, list):
        return [_unescape(item) for item in value]
    if isinstance(value, dict):
        return {_unescape(key): _unescape(item) for key, item in value.items()}
    return value


def _cases():
    if not SUITE.is_dir():
        return [pytest.param(None, None, id="suite-missing", marks=pytest.mark.skip(reason=f"html5lib-tests not found at {SUITE} (set NEWSWORKER_HTML5LIB_TESTS)"))]
    cases = []
    for path in sorted(SUITE.glob("*.test")):
        if path.name in NOT_RUN_FILES:
            continue
        for index, case in enumerate(json.loads(path.read_text("utf-8"))["tests"]):
            if case.get("doubleEscaped"):
                case = {**case, "input": _unescape(case["input"]), "output": _unescape(case["output"])}
            marks = []
            if _SURROGATE.search(case["input"]):
                marks.append(pytest.mark.skip(reason="a lone surrogate cannot be UTF-8 (extract_blocks replaces it with U+FFFD)"))
            for state in case.get("initialStates", ["Data state"]):
                cases.append(pytest.param(case, STATES[state], id=f"{path.stem}-{index}-{STATES[state]}", marks=marks))
    return cases


def _merged(tokens: list) -> list:
    """Consecutive character tokens as one, as the suite writes them."""
    merged: list = []
    for token in tokens:
        if token[0] == "Character" and merged and merged[-1][0] == "Character":
            merged[-1] = ["Character", merged[-1][1] + token[1]]
        else:
            merged.append(list(token))
    return merged


def _as_html5lib(token: tuple) -> list:
    kind = token[0]
    if kind == "StartTag":
        _, name, attributes, self_closing = token
        return ["StartTag", name, attributes, True] if self_closing else ["StartTag", name, attributes]
    if kind == "DOCTYPE":
        _, name, public, system, correct = token
        return ["DOCTYPE", name or None, public, system, correct]
    return list(token)


@pytest.mark.parametrize("case,state", _cases())
def test_tokenizer_case(case, state):
    tokens = _native.tokenize(case["input"], state, case.get("lastStartTag"))
    actual = _merged([_as_html5lib(token) for token, _start, _end in tokens])
    assert actual == _merged(case["output"]), case["description"]


def test_the_suite_is_there_and_large():
    """Guard against a silently empty run: the suite has thousands of cases."""
    if not SUITE.is_dir():
        pytest.skip(f"html5lib-tests not found at {SUITE}")
    assert len(_cases()) > 6000
