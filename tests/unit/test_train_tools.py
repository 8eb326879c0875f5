"""The training command's experiment tools (bench.train): the feature-table cache and the per-type
thresholds chosen on held-out scores."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from bench import train
from worker import _native
from worker.pipeline.segment import scoring
from worker.pipeline.segment.features import FEATURES


def record(page_id: str, page_type: str, texts: list[str], gold: str) -> train.PageRecord:
    rows = np.zeros((len(texts), len(FEATURES)))
    rows[:, FEATURES.index(f"type_{page_type}")] = 1.0  # the page-type model is sure of the type
    return train.PageRecord(page_id, "wcxb", "text", "tune", page_type, 0, gold, rows, texts)


def test_a_cache_of_other_features_is_refused(tmp_path):
    cache = tmp_path / "records.pickle"
    cache.write_bytes(pickle.dumps({"features": FEATURES[:-1], "records": [], "page_model": {}}))
    with pytest.raises(SystemExit, match="other features"):
        train.fitted_records(str(cache))


def test_a_cache_of_these_features_is_read_back(tmp_path):
    cache = tmp_path / "records.pickle"
    stored = [record("p1", "article", ["one line"], "one line")]
    cache.write_bytes(pickle.dumps({"features": FEATURES, "records": stored, "page_model": {"classes": ["article"]}}))
    records, page_model = train.fitted_records(str(cache))
    assert [r.id for r in records] == ["p1"] and page_model == {"classes": ["article"]}


def test_a_type_gets_its_own_threshold_only_where_it_scores_better(monkeypatch):
    monkeypatch.setattr(train, "MIN_TYPE_PAGES", 2)
    # Collections: the content scores 0.3, below the common 0.5, the chrome 0.1; articles: 0.9 and 0.1.
    collections = [(record(f"c{i}", "collection", ["card text here", "menu"], "card text here"), np.array([0.3, 0.1])) for i in range(3)]
    articles = [(record(f"a{i}", "article", ["a paragraph", "menu"], "a paragraph"), np.array([0.9, 0.1])) for i in range(3)]
    chosen = train.choose_type_thresholds(collections + articles, 0.5, "text")
    assert "article" not in chosen
    assert 0.1 < chosen["collection"] <= 0.3
    collection = collections[0][0]
    threshold = scoring.mixed_threshold(train.type_probabilities(collection), 0.5, chosen)
    assert threshold == chosen["collection"]
    assert train.page_f1(collection, collections[0][1], threshold) == 1.0


def labelled_pages(count: int) -> list[train.PageRecord]:
    """Pages of 30 blocks each, one domain per page, whose content blocks are those with a high
    first feature (and some noise, so that fits on other pages differ)."""
    generator = np.random.default_rng(7)
    pages = []
    for number in range(count):
        rows = generator.random((30, len(FEATURES)))
        content = rows[:, 0] + 0.3 * generator.random(30) > 0.65
        texts = [f"block {number} {i} {'content' if keep else 'chrome'}" for i, keep in enumerate(content)]
        page = train.PageRecord(f"p{number}", "wcxb", "html", "tune", "article", number * 7919, " ".join(t for t, k in zip(texts, content) if k), rows, texts)
        page.labels, page.weights = content.astype(float), np.full(30, 4.0)
        pages.append(page)
    return pages


SMALL_TREES = {"max_iter": 5, "max_leaf_nodes": 4, "learning_rate": 0.3, "min_samples_leaf": 5}


def test_a_bag_exports_as_one_ensemble_of_its_members_mean_logit():
    pages = labelled_pages(24)
    bag = train.fit_bag(pages, [p.rows for p in pages], SMALL_TREES, members=3, share=0.7)
    rows = np.vstack([p.rows for p in pages[:4]])
    logits = [member.decision_function(rows) for member in bag.members]
    assert not np.allclose(logits[0], logits[1])  # each member saw other domains
    exported = train.export_bag(bag)
    assert len(exported["trees"]) == 3 * SMALL_TREES["max_iter"]
    ensemble = _native.TreeEnsemble(*scoring.tree_data(exported), len(FEATURES))
    compiled = np.frombuffer(ensemble.probabilities(np.ascontiguousarray(rows, dtype="<f8").tobytes()), dtype="<f8")
    expected = 1.0 / (1.0 + np.exp(-np.mean(logits, axis=0)))
    assert np.allclose(compiled, expected, atol=1e-6)
    assert np.allclose(bag.predict_proba(rows)[:, 1], expected)


def test_a_bag_of_one_is_the_plain_fit_on_every_page():
    pages = labelled_pages(12)
    bag = train.fit_bag(pages, [p.rows for p in pages], SMALL_TREES, members=1, share=0.5)
    plain = train.fit_trees(*train.stacked(pages), SMALL_TREES)
    assert train.export_bag(bag) == train.export_trees(plain)


def test_a_bagged_block_model_scores_in_the_package_as_in_training(monkeypatch):
    # fit_block_model stops when the package's compiled scorer disagrees with the fitted stages
    pages = labelled_pages(24)
    model = train.fit_block_model(pages, "html", {**SMALL_TREES, "bag": (2, 0.8)})
    assert len(model["first"]["trees"]) == len(model["second"]["trees"]) == 2 * SMALL_TREES["max_iter"]
    assert 0.3 <= model["threshold"] <= 0.6


def test_each_stability_repeat_leaves_out_another_tenth_of_the_domains():
    pages = [train.PageRecord(f"p{n}", "wcxb", "text", "tune", "article", n * 104729, "", None, []) for n in range(2000)]
    left_out = [{p.id for p in pages if train.domain_dropped(p, repeat)} for repeat in range(3)]
    for share in left_out:
        assert abs(len(share) / len(pages) - train.STABILITY_DROPPED) < 0.02
    assert len(left_out[0] & left_out[1]) < 0.2 * len(left_out[0])  # drawn anew, not the same domains
