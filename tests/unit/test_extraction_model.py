"""The fitted extraction models' machinery: the feature table, tree ensembles, page types, labels."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worker import _native
from worker.pipeline import process
from worker.pipeline.extract.html import extract_blocks
from worker.pipeline.model import Block, PageHints, RawInput
from worker.pipeline.segment import features, pagetype, scoring
from worker.pipeline.segment.classify import classify_blocks

PARAGRAPH = (
    "The city council voted on Tuesday to expand the bus network, a decision that will add twelve new "
    "routes and is expected to cut commuting times for thousands of residents across the region."
)


def classified(texts: list[str]) -> list[Block]:
    blocks = [Block(text=text, start=0, end=len(text)) for text in texts]
    classify_blocks(blocks)
    return blocks


def test_the_feature_table_has_a_named_column_for_every_feature_and_reads_the_text():
    blocks = classified(["Home", "News", PARAGRAPH, "Price: $19.99", "Contact us at jane.doe@example.com"])
    table = features.block_features(blocks, (2, 3), [2], set(), {"product": 0.7, "article": 0.3})
    assert table.shape == (5, len(features.FEATURES))
    column = {name: table[:, position] for position, name in enumerate(features.FEATURES)}
    assert column["kind_prose"].tolist() == [0, 0, 1, 0, 0]
    assert column["kept_by_region"].tolist() == [0, 0, 1, 0, 0]
    assert column["price"][3] == 1 and column["key_value"][3] == 1 and column["price"][2] == 0
    assert column["url_or_email"][4] == 1
    assert column["function_ratio"][2] > 0.2 and column["ends_sentence"][2] == 1
    assert (column["type_product"] == 0.7).all()
    assert (column["dom_depth"] == 0).all()  # page text has no markup


def test_html_blocks_carry_their_structure_into_the_table():
    html = (
        "<html><body><nav><ul><li>Home</li><li>World</li></ul></nav>"
        + "".join(f'<div class="card"><p>Card number {n} of the grid, with its own words.</p></div>' for n in range(5))
        + "<footer><p>About us</p></footer></body></html>"
    )
    blocks, _ = extract_blocks(html)
    classify_blocks(blocks)
    table = features.block_features(blocks, (0, len(blocks)), [], set(), None)
    column = {name: table[:, position] for position, name in enumerate(features.FEATURES)}
    texts = [block.text for block in blocks]
    assert column["in_nav"][texts.index("Home")] == 1 and column["in_nav"][texts.index("About us")] == 0
    assert column["in_footer"][texts.index("About us")] == 1
    card = texts.index("Card number 2 of the grid, with its own words.")
    assert column["dom_repeat"][card] == np.float32(np.log1p(4))  # four look-alike siblings


CARD_GRID = (
    "<html><body><nav><ul><li>Home</li><li>World</li><li>Sport</li></ul></nav><main>"
    + "".join(f'<div class="card"><h3>Headline {n}</h3><p>Teaser {n} of the grid, in a few words.</p>'
              f'<span class="meta">{n} May</span></div>' for n in range(5))
    + "</main><footer><p>About us</p></footer></body></html>"
)


def card_table() -> tuple[list[str], dict[str, np.ndarray]]:
    blocks, _ = extract_blocks(CARD_GRID)
    classify_blocks(blocks)
    table = features.block_features(blocks, (0, len(blocks)), [], set(), None)
    return [block.text for block in blocks], {name: table[:, position] for position, name in enumerate(features.FEATURES)}


def test_the_blocks_of_look_alike_cards_share_their_groups():
    texts, column = card_table()
    headlines = [texts.index(f"Headline {n}") for n in range(5)]
    teasers = [texts.index(f"Teaser {n} of the grid, in a few words.") for n in range(5)]
    # every headline has the same markup path, and so has every teaser, each its own group
    assert len({column["path_first"][i] for i in headlines}) == 1
    assert column["path_first"][headlines[0]] != column["path_first"][teasers[0]]
    assert column["path_blocks"][headlines[0]] == np.float32(np.log1p(4))
    # a card's headline and teaser are in one card group: the run of five look-alike containers
    card = {column["card_first"][i] for i in headlines + teasers}
    assert len(card) == 1
    assert column["card_blocks"][headlines[0]] >= np.float32(np.log1p(9))
    assert 0.5 < column["card_text_share"][teasers[0]] <= 1
    # the menu is a group of its own, the footer's line is alone
    home, about = texts.index("Home"), texts.index("About us")
    assert column["card_first"][home] not in card and column["card_first"][about] not in card
    assert column["card_blocks"][about] == 0



def test_text_hidden_only_from_screen_readers_is_told_from_text_hidden_from_everyone():
    """aria-hidden keeps a carousel's other slides from screen readers while they stay on screen;
    display:none, the hidden attribute and a hide class take text off the screen. Both are hidden
    blocks; only the first has the aria_hidden column (collections keep such slides as content)."""
    page = (
        "<html><body><main><p>The article's own paragraph, shown to everyone who opens the page.</p>"
        '<div aria-hidden="true"><p>A slide on screen</p><div style="display:none"><p>Inside both</p></div></div>'
        '<div style="display: none" aria-hidden="true"><p>Styled away</p></div>'
        '<p hidden aria-hidden="true">Attribute away</p>'
        "</main></body></html>"
    )
    blocks, _ = extract_blocks(page)
    classify_blocks(blocks)
    table = features.block_features(blocks, (0, len(blocks)), [], set(), None)
    texts = [block.text for block in blocks]
    column = table[:, features.FEATURES.index("aria_hidden")]
    hidden = {text: (block.hidden, value) for text, block, value in zip(texts, blocks, column)}
    assert hidden["A slide on screen"] == (True, 1.0)
    assert hidden["Inside both"] == (True, 0.0)
    assert hidden["Styled away"] == (True, 0.0)
    assert hidden["Attribute away"] == (True, 0.0)
    assert hidden["The article's own paragraph, shown to everyone who opens the page."] == (False, 0.0)

def test_the_second_stage_reads_each_cards_look_alikes():
    texts, column = card_table()
    rows = np.column_stack([column[name] for name in features.FEATURES])
    # the first teaser alone scores low, its four look-alikes high: the group says content
    teasers = [texts.index(f"Teaser {n} of the grid, in a few words.") for n in range(5)]
    probabilities = np.full(len(texts), 0.1)
    probabilities[teasers[1:]] = 0.9
    means = scoring.card_means(rows, probabilities, grouped=True)
    path_mean = means[:, list(scoring.CARD_GROUPS).index("path_first")]
    assert path_mean[teasers[0]] == pytest.approx(0.9)
    assert path_mean[teasers[1]] == pytest.approx((0.1 + 3 * 0.9) / 4)  # the others, not itself
    assert path_mean[texts.index("About us")] == 0.1  # alone: its own
    # page text has no markup: every line is alone
    assert np.array_equal(scoring.card_means(rows, probabilities, grouped=False)[:, 0], probabilities)
    assert scoring.stage_two_rows(rows, probabilities, True).shape == (len(texts), len(features.FEATURES) + len(scoring.STAGE_TWO_FEATURES))


def tree(feature: int, threshold: float, low: float, high: float) -> dict:
    return {"feature": [feature, 0, 0], "threshold": [threshold, 0.0, 0.0], "left": [1, 0, 0], "right": [2, 0, 0],
            "value": [0.0, low, high], "leaf": [False, True, True]}


def ensemble(baseline: float, trees: list[dict], width: int):
    return _native.TreeEnsemble(baseline, [(t["feature"], t["threshold"], t["left"], t["right"], t["value"], t["leaf"]) for t in trees], width)


def test_a_tree_ensemble_adds_its_leaves_to_the_baseline():
    model = ensemble(0.5, [tree(0, 1.0, -2.0, 2.0), tree(1, 0.0, 0.0, 1.0)], 2)
    rows = np.array([[0.5, 0.0], [1.5, 1.0], [1.0, -1.0]])
    expected = 1 / (1 + np.exp(-np.array([0.5 - 2.0, 0.5 + 2.0 + 1.0, 0.5 - 2.0])))
    assert np.allclose(np.frombuffer(model.probabilities(rows.astype("<f8").tobytes()), dtype="<f8"), expected)


def test_a_malformed_tree_is_refused_when_the_model_loads():
    looping = {"feature": [0, 0], "threshold": [0.0, 0.0], "left": [0, 1], "right": [1, 1], "value": [0.0, 1.0], "leaf": [False, True]}
    try:
        ensemble(0.0, [looping], 1)
    except ValueError:
        pass
    else:
        raise AssertionError("a node pointing to itself must be refused")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=80))
def test_smoothing_columns_stay_probabilities(values):
    rows = scoring.smoothing_rows(np.array(values))
    assert rows.shape == (len(values), len(scoring.SMOOTHING_FEATURES))
    assert np.all(rows >= -1e-9) and np.all(rows <= 1 + 1e-9)
    assert np.allclose(rows[:, 0], values)


def test_page_features_read_the_url_and_the_declared_types():
    hints = PageHints(schema_types=["product", "offer"], og_type="product")
    blocks = classified(["Blue Widget", "$19.99", PARAGRAPH])
    row = pagetype.page_features(features.base_table(blocks, (0, 3), [2], set()), hints, "https://shop.example/products/blue-widget", False)
    named = dict(zip(pagetype.FEATURES, row))
    assert named["url_product"] == 1 and named["schema_product"] == 1 and named["og_product"] == 1
    assert named["url_forum"] == 0 and named["schema_none"] == 0


def test_page_features_read_the_subdomains_but_not_the_site_name():
    table = features.base_table(classified([PARAGRAPH]), (0, 1), [0], set())
    named = dict(zip(pagetype.FEATURES, pagetype.page_features(table, None, "https://docs.example.com/start/", False)))
    assert named["url_documentation"] == 1
    # The registered name itself says nothing ("forum.com" could sell anything).
    named = dict(zip(pagetype.FEATURES, pagetype.page_features(table, None, "https://www.forum.com/start/", False)))
    assert named["url_forum"] == 0


def test_every_page_gets_a_type_with_a_probability():
    result = process(RawInput(content=PARAGRAPH + "\n" + PARAGRAPH.replace("bus", "tram")))
    assert result.page_type in pagetype.PAGE_TYPES
    assert 0 < result.page_type_confidence <= 1


def test_the_page_type_model_gives_a_distribution():
    model = pagetype.load_model()
    if model is None:
        return
    probabilities = model.probabilities(pagetype.page_features(features.base_table(classified([PARAGRAPH]), (0, 1), [0], set()), None, None, False))
    assert set(probabilities) == set(pagetype.PAGE_TYPES)
    assert abs(sum(probabilities.values()) - 1) < 1e-9


def test_the_word_vector_has_unit_length_and_shrinks_on_a_page_of_unknown_words():
    vocabulary = {"reply": 0, "cart": 1, "price": 2}
    idf = np.array([2.0, 1.5, 1.0])
    english = pagetype.word_vector({"reply", "cart", "the"}, vocabulary, idf)
    assert abs(np.linalg.norm(english) - 1) < 1e-9 and english[2] == 0
    # one known word among twenty: the vector keeps its direction but shrinks
    foreign = pagetype.word_vector({"reply", *(f"wort{n}" for n in range(19))}, vocabulary, idf)
    assert 0 < np.linalg.norm(foreign) < 0.5 and foreign[1] == foreign[2] == 0
    assert not pagetype.word_vector({"unknown"}, vocabulary, idf).any()


def test_page_words_are_the_distinct_lower_case_words_of_two_letters_or_more():
    assert pagetype.page_words(["Add to Cart", "add 2 items, a cart"]) == {"add", "to", "cart", "items"}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("aZé2_ ½²-\n\tß'İ文"), max_size=40), max_size=4))
def test_page_words_are_what_the_word_pattern_finds(texts):
    assert pagetype.page_words(texts) == set(pagetype.PAGE_WORD.findall("\n".join(texts).lower()))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=30) | st.text(alphabet=st.sampled_from("ΣσςΑ Ωİi\u0307ǅ\ud800"), max_size=12), max_size=4))
def test_page_words_are_what_the_word_pattern_finds_in_any_script(texts):
    # any script, and a lone surrogate; Greek capital sigma lowers by its place in the word
    assert pagetype.page_words(texts) == set(pagetype.PAGE_WORD.findall("\n".join(texts).lower()))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["reply", "Cart", "PRICE", "the", "wört", "2", "a"]), max_size=12).map(" ".join), max_size=4))
def test_the_model_reads_the_same_words_from_block_texts_as_from_a_word_set(texts):
    model = pagetype.PageTypeModel(_toy_model_data())
    row = [0.5] * len(pagetype.FEATURES)
    assert model.page_probabilities(row, texts) == model.probabilities(row, pagetype.page_words(texts))


def _toy_model_data() -> dict:
    vocabulary = ["reply", "cart", "price"]
    width = len(pagetype.FEATURES) + len(vocabulary)
    return {
        "features": list(pagetype.FEATURES), "classes": ["article", "forum"], "vocabulary": vocabulary,
        "idf": [2.0, 1.5, 1.0], "word_scale": 0.7, "means": [0.1] * len(pagetype.FEATURES),
        "scales": [1.0] * len(pagetype.FEATURES), "intercepts": [0.0, 0.1],
        "weights": [[0.01 * (n % 7) for n in range(width)], [0.02 * (n % 5) - 0.03 for n in range(width)]],
    }


def test_the_words_of_a_page_move_its_type():
    model = pagetype.load_model()
    if model is None or not model.vocabulary:
        return
    row = pagetype.page_features(features.base_table(classified([PARAGRAPH]), (0, 1), [0], set()), None, None, False)
    # the vocabulary word most telling of forums, against the page without words
    forum = model.classes.index("forum")
    columns = model.weights[forum, len(pagetype.FEATURES):] - model.weights.mean(axis=0)[len(pagetype.FEATURES):]
    telling = max(model.vocabulary, key=lambda word: columns[model.vocabulary[word]])
    assert model.probabilities(row, {telling})["forum"] > model.probabilities(row, set())["forum"]


def test_text_statistics_are_computed_by_the_extension_with_the_pipeline_vocabulary():
    blocks = classified(["他的书是好的。", "HOME"])
    table = features.base_table(blocks, (0, 2), [], set())
    column = {name: table[:, position] for position, name in enumerate(features.BASE_FEATURES)}
    assert column["function_ratio"][0] > 0.5 and column["ends_sentence"][0] == 1
    assert column["all_caps"][1] == 1 and column["all_caps"][0] == 0


def test_a_page_type_with_its_own_threshold_moves_the_threshold_by_its_probability():
    model = object.__new__(scoring.BlockModel)
    model.threshold, model.type_thresholds = 0.4, {"collection": 0.2}
    assert model.threshold_for({}) == 0.4
    assert model.threshold_for({"article": 1.0}) == 0.4
    assert abs(model.threshold_for({"collection": 1.0}) - 0.2) < 1e-12
    assert abs(model.threshold_for({"article": 0.5, "collection": 0.5}) - 0.3) < 1e-12
    fitted = scoring.load_models()["html"]
    assert all(0 < value < 1 for value in fitted.type_thresholds.values())
