"""The compiled line flags of the feature table (native/src/lines.rs, ``features.LINE_FLAGS``)
against the Python definitions they stand in for on plain lines: ``region.end_cue``,
``region.time_stamp`` and ``classify.legal_notice``."""

from hypothesis import given, settings
from hypothesis import strategies as st

from worker.pipeline.model import Block
from worker.pipeline.segment.classify import LEGAL_PHRASES, legal_notice
from worker.pipeline.segment.features import LINE_FLAGS, MAX_CUE_CHARS, MAX_LEGAL_NOTICE_CHARS, line_flags
from worker.pipeline.segment.region import END_CUES, end_cue, time_stamp

# Pieces that make the patterns match, nearly match or fail at each of their steps.
FRAGMENTS = st.sampled_from(
    [
        *END_CUES[:40], *(phrase for phrase in LEGAL_PHRASES if phrase.isascii()),
        "All Rights Reserved", "RESERVED", "reproduction", "permission", "Comments", "comment", "commentaires",
        "responses", "reply", "thoughts", "ago", "AGO", "agora", "days", "Day", "hrs", "min", "mins", "minutes",
        "vor", "il y a", "Hace", "h", ":", "07:52", "9h30", "123:45", "1234567", "12", "3", "0", "29",
        " ", "  ", "   ", "    ", "\t", "\u00a0", "\u3000", "[", "(", "#", "*", "-", "|", "_", ".", "x", "Related",
        "\u2013", "\u2014", "\u2022", "\u2019", "\u00b7", "(c) 2024",
    ]
)


def python_flags(text: str) -> tuple[bool, bool, bool]:
    short = len(text) <= MAX_CUE_CHARS
    return (
        short and end_cue(text),
        short and time_stamp(text),
        len(text) < MAX_LEGAL_NOTICE_CHARS and legal_notice(text),
    )


@settings(max_examples=1500, deadline=None)
@given(st.lists(FRAGMENTS, min_size=1, max_size=8))
def test_compiled_flags_equal_the_python_definitions_on_plain_lines(fragments):
    text = "".join(fragments)
    assert LINE_FLAGS.line(text) == python_flags(text)


def test_each_flag_is_found_and_other_scripts_are_left_to_python():
    assert LINE_FLAGS.line("Leave a Reply") == (True, False, False)
    assert LINE_FLAGS.line("[ 167 comments ]") == (True, False, False)
    assert LINE_FLAGS.line("3 days ago at 07:52 am") == (False, True, False)
    assert LINE_FLAGS.line("il y a  2 jours") == (False, True, False)
    assert LINE_FLAGS.line("Copyright 2024 Example. All rights reserved.") == (False, False, True)
    assert LINE_FLAGS.line("1234567 comments at 123:456") == (False, False, False)
    assert LINE_FLAGS.line("Commentaires (3) — il y a 2 heures") is not None
    assert LINE_FLAGS.line("Комментарии") is None


def test_a_page_mixes_compiled_and_python_flags():
    texts = ["Related stories", "вчера в 10:15", "Alle Rechte vorbehalten", "Plain prose line."]
    blocks = [Block(text=text, start=0, end=len(text)) for text in texts]
    cues, stamps, legal = line_flags(blocks)
    assert [tuple(map(bool, python_flags(text))) for text in texts] == list(zip(map(bool, cues), map(bool, stamps), map(bool, legal)))
    assert cues[0] and stamps[1]
