"""Hostile inputs through the whole pipeline: each must finish (no catastrophic backtracking,
no quadratic blow-up) and give a well-formed result.

The timeout is a hang detector, not a speed assertion: a linear pipeline finishes these in well
under a second; an exponential regex or quadratic loop would never finish within it.
"""

from __future__ import annotations

import pytest

from worker.pipeline import RawInput, process

ADVERSARIAL_TEXTS = {
    "one 1 MB line of words": "word " * 200_000,
    "one 1 MB line without spaces": "a" * 1_000_000,
    "100k short lines": "ab\n" * 100_000,
    "long run of punctuation": "!?.,;:|" * 150_000,
    "long run of dots and digits": "1." * 300_000,
    "pipes and CJK": "县|" * 200_000,
    "nested brackets and quotes": "(\"[" * 100_000 + "]\")" * 100_000,
    "spaces and newlines": " \n\t\u00a0\u200b" * 200_000,
    "long URL-like line": "http://" + "a." * 300_000 + "com",
    "date-like digits": "2019-11-19 " * 90_000,
    "repeated byline cue": "By " * 300_000,
}
ADVERSARIAL_HTML = {
    "50k nested tags": "<div>" * 50_000 + "text" + "</div>" * 50_000,
    "50k unclosed tags": "<p><span><b>" * 50_000,
    "1 MB attribute": '<div class="' + "x" * 1_000_000 + '">body</div>',
    "50k links": "<p>" + "<a href='/x'>link</a> | " * 50_000 + "</p>",
    "broken markup": "<<<>>><p<p<<div>>" * 100_000,
    "huge hidden block": "<div style='display:none'>" + "casino bonus " * 80_000 + "</div><p>Hello.</p>",
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", list(ADVERSARIAL_TEXTS))
def test_hostile_text_finishes(name):
    result = process(RawInput(content=ADVERSARIAL_TEXTS[name]))
    for paragraph in result.paragraphs:
        for sentence in paragraph.sentences:
            assert paragraph.text[sentence.start : sentence.end] == sentence.text


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", list(ADVERSARIAL_HTML))
def test_hostile_html_finishes(name):
    content = ADVERSARIAL_HTML[name]
    result = process(RawInput(content=content, content_type="text/html"))
    for finding in result.spam:
        for span in finding.evidence:
            assert 0 <= span.start <= span.end <= len(content)
