"""What kind of page this is: article, forum, product, collection, listing, documentation, service.

The kind decides what the content is (a forum's posts, a listing's cards, a product's description
and specifications: all of them, not one), so the block scorer takes it as evidence. It is read
from general signals, from HTML or from page text:

- the URL's words, of its path and its subdomains ("product", "thread", "docs", "category", "tag";
  docs.example.com, community.example.org) and its shape (a dated slug, depth, a query string);
- what the page declares: JSON-LD ``@type`` (Product, DiscussionForumPosting, QAPage, ItemList,
  TechArticle, FAQPage...) and ``og:type``;
- its blocks, through the means of the page's feature table (:mod:`.features`): how much is prose,
  how long blocks are, how many are list items, table cells, code, headings, prices, time stamps,
  links, repeats, forms, navigation, look-alike cards;
- the words it uses: which of a fitted vocabulary of frequent words (``reply``, ``cart``,
  ``parameters``, ``pricing``...) occur in its blocks, each weighed by its rarity (idf) and the
  vector scaled to unit length. A page written mostly in words outside the vocabulary (a language
  the tune pages do not use) has its word vector shrunk in proportion, so that a few stray English
  words ("Home", "Copyright") do not speak for a Chinese page; its type then rests on the other
  signals.

A multinomial logistic regression over these (``data/page_type_model.json``, fitted by
``python -m bench.train`` on the tune fold) gives a probability per type; the most probable type
and its probability are reported. Without a model file every page is an article.
"""

from __future__ import annotations

import functools
import math
import re
import sys
from urllib.parse import urlsplit

import numpy as np

from worker._native import PageWords
from worker.pipeline.model import PageHints
from worker.pipeline.segment.features import COLUMN
from worker.pipeline.page import Page, Step
from worker.pipeline.textfacts import data_path, load_json

PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")
MODEL_FILE = "page_type_model.json"

# Words of URL paths, by what they suggest (general web conventions, several languages).
URL_WORDS: dict[str, frozenset[str]] = {
    "product": frozenset("product products produkt produit producto prodotto item items p dp sku buy shop store".split()),
    "forum": frozenset("forum forums thread threads topic topics t community discussion discussions discuss questions "
                       "question q viewtopic showthread board boards comments answers r".split()),
    "documentation": frozenset("docs doc documentation api reference ref guide guides manual tutorial tutorials learn "
                               "developer developers sdk wiki handbook kb knowledge".split()),
    "collection": frozenset("category categories collection collections c catalog catalogue department departments "
                            "browse brand brands kategorie categorie categoria".split()),
    "listing": frozenset("tag tags archive archives search page pages events jobs list results author authors "
                         "latest index feed".split()),
    "article": frozenset("blog post posts article articles story stories news noticia nachrichten actualites".split()),
    "service": frozenset("pricing features solutions services service platform enterprise about contact plans "
                         "demo integrations customers".split()),
}
# JSON-LD types, by the page type they declare.
SCHEMA_TYPES: dict[str, frozenset[str]] = {
    "article": frozenset("article newsarticle blogposting reportage analysisnewsarticle opinionnewsarticle "
                         "scholarlyarticle liveblogposting".split()),
    "forum": frozenset("discussionforumposting qapage question answer comment socialmediaposting".split()),
    "product": frozenset("product offer aggregateoffer aggregaterating productgroup individualproduct".split()),
    "collection": frozenset("collectionpage offercatalog".split()),
    "listing": frozenset("itemlist searchresultspage".split()),
    "documentation": frozenset("techarticle apireference softwaresourcecode howto".split()),
    "service": frozenset("service softwareapplication organization localbusiness faqpage webapplication".split()),
}
OG_TYPES = ("article", "product", "website")
DATED_PATH = re.compile(r"/(?:19|20)\d\d/(?:[01]?\d/)?")
PATH_WORD = re.compile(r"[a-z]+")
PAGE_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of two letters or more, for the word vector
# A page whose distinct words are at least this share in the vocabulary has a full-length word
# vector; below it the vector shrinks in proportion (see the module docstring).
FULL_VOCABULARY_COVERAGE = 0.3

REPEATED_CARD = math.log1p(3)  # dom_repeat of a block whose container has 3+ look-alike siblings
# Columns of the page's feature table whose mean over the blocks says something of the page.
BLOCK_SHARES = (
    "kind_prose", "log_words", "short_words", "link_heavy", "heading", "tag_li", "tag_cell", "tag_code", "price",
    "time_stamp", "repeats", "question", "in_article", "in_chrome", "long_prose", "key_value", "hidden",
    "in_form", "in_nav", "in_list", "in_table", "in_footer", "in_aside", "dom_depth",
)

FEATURES: tuple[str, ...] = (
    *(f"url_{name}" for name in URL_WORDS),
    "url_dated", "url_depth", "url_slug_words", "url_query", "url_root", "url_numeric",
    *(f"schema_{name}" for name in SCHEMA_TYPES), "schema_none",
    *(f"og_{name}" for name in OG_TYPES),
    "html", "log_blocks", *(f"mean_{name}" for name in BLOCK_SHARES), "card_share",
)
_SHARE_COLUMNS = [COLUMN[name] for name in BLOCK_SHARES]


def page_features(table: np.ndarray, hints: PageHints | None, url: str | None, is_html: bool) -> list[float]:
    """The page-level features (see the module docstring), in :data:`FEATURES` order; ``table`` is
    the page's block feature table (:func:`.features.base_table`)."""
    path, query, subdomains = "", "", ""
    if url:
        try:
            parts = urlsplit(url)
            path, query = parts.path.lower(), parts.query
            subdomains = " ".join((parts.hostname or "").split(".")[:-2])  # 'docs', 'community', 'shop'
        except ValueError:
            pass
    segments = [segment for segment in path.split("/") if segment]
    words = set(PATH_WORD.findall(path)) | set(PATH_WORD.findall(subdomains))
    slug = segments[-1] if segments else ""
    row: list[float] = [float(bool(words & vocabulary)) for vocabulary in URL_WORDS.values()]
    row += [
        DATED_PATH.search(path) is not None, min(len(segments), 6) / 6, min(slug.count("-") + slug.count("_"), 12) / 12,
        bool(query), not segments, any(segment.isdigit() for segment in segments),
    ]
    declared = set(hints.schema_types) if hints is not None else set()
    row += [float(bool(declared & vocabulary)) for vocabulary in SCHEMA_TYPES.values()]
    row.append(not declared)
    og_type = (hints.og_type or "") if hints is not None else ""
    row += [og_type == name for name in OG_TYPES]
    row += [is_html, math.log1p(len(table)) / 8]
    if len(table):
        row += table[:, _SHARE_COLUMNS].mean(axis=0).tolist()
        row.append(float((table[:, COLUMN["dom_repeat"]] >= REPEATED_CARD).mean()))
    else:
        row += [0.0] * (len(BLOCK_SHARES) + 1)
    return [float(value) for value in row]


@functools.cache
def letter_ranges() -> list[tuple[int, int]]:
    """The code points above ASCII that PAGE_WORD's letter class matches, as (low, high) ranges:
    found once by Python's own ``re`` over every code point (a tenth of a second), so that the
    compiled word scan (``worker._native.PageWords``) reads letters exactly as the pattern does."""
    everything = "".join(map(chr, range(0x80, sys.maxunicode + 1)))
    return [(0x80 + run.start(), 0x80 + run.end() - 1) for run in re.finditer(r"[^\W\d_]+", everything)]


@functools.cache
def _word_scan() -> PageWords:
    return PageWords(letter_ranges(), {})


def page_words(texts) -> set[str]:
    """The distinct words (lower case, two letters or more: PAGE_WORD) of a page's block texts:
    the same set as ``set(PAGE_WORD.findall("\n".join(texts).lower()))``, found in compiled code
    (native/src/words.rs)."""
    return _word_scan().words(texts)


def word_vector(words: set[str], vocabulary: dict[str, int], idf: np.ndarray) -> np.ndarray:
    """The page's words as a vector over ``vocabulary``: idf where the word occurs, unit length,
    shrunk when fewer than FULL_VOCABULARY_COVERAGE of the page's distinct words are known."""
    return known_word_vector([vocabulary[word] for word in words if word in vocabulary], len(words), idf)


def known_word_vector(known: list[int], distinct_words: int, idf: np.ndarray) -> np.ndarray:
    """:func:`word_vector` from the vocabulary indices of the page's known words (in any order)
    and the number of its distinct words."""
    vector = np.zeros(len(idf))
    if not known:
        return vector
    vector[known] = idf[known]
    coverage = len(known) / distinct_words
    return vector * (min(1.0, coverage / FULL_VOCABULARY_COVERAGE) / np.linalg.norm(vector))


class PageTypeModel:
    """Multinomial logistic regression over :func:`page_features` and the page's
    :func:`word_vector` (weights from a data file)."""

    __slots__ = ("classes", "weights", "intercepts", "means", "scales", "vocabulary", "idf", "word_scale", "word_scan")

    def __init__(self, data: dict) -> None:
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{MODEL_FILE} was fitted on other features: refit with python -m bench.train")
        self.classes: tuple[str, ...] = tuple(data["classes"])
        self.weights = np.array(data["weights"])  # classes x (features + vocabulary)
        self.intercepts = np.array(data["intercepts"])
        self.means = np.array(data["means"])
        self.scales = np.array(data["scales"])
        self.vocabulary: dict[str, int] = {word: index for index, word in enumerate(data.get("vocabulary", ()))}
        self.idf = np.array(data.get("idf", ()), dtype=float)
        # the word vector's weight against the standardized features (a fitted setting: bench.train)
        self.word_scale = float(data.get("word_scale", 0.0))
        # the page's known words and its number of distinct words, in one compiled pass
        self.word_scan = PageWords(letter_ranges(), self.vocabulary) if self.vocabulary else None
        if self.weights.shape[1] != len(FEATURES) + len(self.vocabulary):
            raise ValueError(f"{MODEL_FILE}: weights do not match its features and vocabulary")

    def inputs(self, row: list[float], words: set[str]) -> np.ndarray:
        """The model's input: the standardized page features, then the scaled word vector."""
        return self.known_inputs(row, [self.vocabulary[word] for word in words if word in self.vocabulary], len(words))

    def known_inputs(self, row: list[float], known: list[int], distinct_words: int) -> np.ndarray:
        """:meth:`inputs` from the vocabulary indices of the page's known words and the number of
        its distinct words (:func:`known_word_vector`)."""
        standardized = (np.asarray(row) - self.means) / self.scales
        if not self.vocabulary:
            return standardized
        return np.concatenate([standardized, self.word_scale * known_word_vector(known, distinct_words, self.idf)])

    def probabilities(self, row: list[float], words: set[str] = frozenset()) -> dict[str, float]:
        return self._softmax(self.inputs(row, words))

    def page_probabilities(self, row: list[float], texts) -> dict[str, float]:
        """:meth:`probabilities` of a page with these block texts (its words read in compiled code)."""
        if self.word_scan is None:
            return self._softmax(self.known_inputs(row, [], 0))
        return self._softmax(self.known_inputs(row, *self.word_scan.known(texts)))

    def _softmax(self, inputs: np.ndarray) -> dict[str, float]:
        logits = self.weights @ inputs + self.intercepts
        exps = np.exp(logits - logits.max())
        return dict(zip(self.classes, (exps / exps.sum()).tolist()))


def load_model() -> PageTypeModel | None:
    """The fitted model, or None when the package ships none (then every page is an article)."""
    if not data_path(MODEL_FILE).exists():
        return None
    return PageTypeModel(load_json(MODEL_FILE))


class ClassifyPage(Step):
    """The page's type and its probability (the block scorer reads all types' probabilities)."""

    name = "page_type"

    def __init__(self, model: PageTypeModel | None = None, *, load: bool = True) -> None:
        # ``load=False`` with no model: every page an article (training fits the model first)
        self._model = model
        self._load = model is None and load  # read the data file on first use (see preload)

    @property
    def model(self) -> PageTypeModel | None:
        if self._load:
            self._model, self._load = load_model(), False
        return self._model

    def preload(self) -> None:
        self.model  # noqa: B018 (reads the model file now, and fails now if it does not fit)

    def run(self, page: Page) -> None:
        if self.model is None:
            page.page_type = {"article": 1.0}
        else:
            row = page_features(page.features, page.hints, page.raw.url, page.raw.is_html)
            page.page_type = self.model.page_probabilities(row, [block.text for block in page.blocks])
        best = max(page.page_type, key=page.page_type.__getitem__)
        page.result.page_type = best
        page.result.page_type_confidence = round(page.page_type[best], 3)
