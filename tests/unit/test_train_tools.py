"""The training command's experiment tools (bench.train): the feature-table cache and the per-type
thresholds chosen on held-out scores."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from bench import train
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
