"""The cues added for issue 14's misses: a pitch that ends with where to go, a pitch glued to a long
on-topic paragraph (cut alone, the paragraph kept), search phrases that name a network (no share
buttons), and credit lines written with a dash."""

from __future__ import annotations

import pytest

from worker.pipeline.extract.normalize import text_blocks
from worker.pipeline.model import RawInput
from worker.pipeline.settings import DEFAULT_SETTINGS
from worker.pipeline.spam import detect
from worker.pipeline.spam.lists import menu_item_share, searches_shape
from worker.pipeline.spam.promotion import ends_with_contact
from worker.pipeline.spam.shape import CREDIT


@pytest.mark.parametrize(
    "text",
    [
        "Meet someone tonight, sign up in a minute: flirtbox.top",
        "Claim your bonus now at winbig.example!",
        "Questions? WhatsApp +62 812 3456 7890.",
        "Ask our agent on Telegram @promo_desk12",
    ],
)
def test_a_pitch_ends_with_where_to_go(text):
    assert ends_with_contact(text)


@pytest.mark.parametrize(
    "text",
    [
        "The council approved the budget on Tuesday.",
        "The full report is at https://example.org/reports/2025/budget.pdf",  # a citation: a whole link
        "The service was rewritten in Node.js",  # a framework, not an address
        "Contact the press office at example.org for the full statement, officials said.",
    ],
)
def test_prose_and_citations_do_not_end_with_a_pitch(text):
    assert not ends_with_contact(text)


def test_search_phrases_that_name_a_network_are_no_menu():
    phrases = ["buy instagram followers", "youtube views for sale", "tiktok likes cheap", "essay writing help", "seo company online"]
    buttons = ["Share on Facebook", "Share on Twitter", "Instagram", "YouTube", "Email"]
    assert searches_shape(phrases) and menu_item_share(phrases) < 0.25
    assert not searches_shape(buttons) and menu_item_share(buttons) >= 0.8


@pytest.mark.parametrize("line, credit", [("Photo credits - upper left: example.blogspot.com", True), ("Source — Reuters", True), ("Open-source-code tools", False)])
def test_credit_lines_written_with_a_dash(line, credit):
    assert (CREDIT.search(line) is not None) is credit


PARAGRAPHS = [
    "City council approves new budget for road repairs",
    "The city council on Tuesday approved a budget of 12 million dollars for road repairs, the largest such spending in a decade, officials said. "
    "The money will be spent on resurfacing 40 kilometres of streets and replacing 15 bridges, according to the transport department. "
    "Council members said the road repairs would start in the spring and the budget would be reviewed every six months by the transport department.",
    "The transport department said the road repairs budget covers streets, bridges and drainage, and that the council will publish contracts for the repairs. "
    "Residents asked the council how the budget for road repairs would be split between the districts, and the department promised a public map of the streets.",
    "The council will review progress on the road repairs every six months, and the transport department will report on the budget to residents.",
]
PITCH = "Hot singles near you want to meet tonight, free adult chat and dating in a minute: flirtbox.top"


def test_a_pitch_glued_to_a_long_on_topic_paragraph_is_cut_alone():
    lines = list(PARAGRAPHS)
    lines[2] = lines[2] + " " + PITCH
    content = "\n".join(lines) + "\n"
    report = detect(text_blocks(content), RawInput(content=content), DEFAULT_SETTINGS)
    cut = [f for f in report.findings if f.action == "removed"]
    assert len(cut) == 1, [(f.kind, f.action, f.score, f.reason) for f in report.findings]
    start = content.index(PITCH)
    assert [(s.start, s.end) for s in cut[0].evidence] == [(start, start + len(PITCH))]
