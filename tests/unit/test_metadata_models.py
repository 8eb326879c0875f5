"""The three fitted metadata choosers ship with model files that fit the code, for page text only."""

import pytest

from worker.pipeline.segment.authormodel import ChooseAuthors
from worker.pipeline.segment.datemodel import ChooseDate
from worker.pipeline.segment.titlemodel import ChooseTitle


@pytest.mark.parametrize("step_class", [ChooseTitle, ChooseAuthors, ChooseDate])
def test_the_shipped_model_fits_the_features_the_code_computes(step_class):
    step = step_class()
    ranker = step.ranker(is_html=False)  # loading raises when the file was fitted on other features
    assert ranker is not None and 0 < ranker.threshold < 1
    probabilities = ranker.probabilities([[0.0] * len(step_class.features), [1.0] * len(step_class.features)])
    assert probabilities.shape == (2,) and all(0 <= p <= 1 for p in probabilities)
    assert step.ranker(is_html=True) is None  # HTML pages keep the rules
