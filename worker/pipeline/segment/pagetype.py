"""What kind of page this is: article, forum, product, collection, listing, documentation, service.

The kind decides what the content is (a forum's posts, a listing's cards, a product's description
and specifications: all of them, not one), so the block scorer takes it as evidence. It is read
from general signals, from HTML or from page text:

- the URL's path words ("product", "thread", "docs", "category", "tag") and shape (a dated slug,
  depth, a query string);
- what the page declares: JSON-LD ``@type`` (Product, DiscussionForumPosting, QAPage, ItemList,
  TechArticle, FAQPage...) and ``og:type``;
- its blocks: how much is prose, how long blocks are, how many are list items, table cells, code,
  headings, prices, time stamps, links, repeats.

A multinomial logistic regression over these (``data/page_type_model.json``, fitted by
``python -m bench.train`` on the tune fold) gives a probability per type; the most probable type
and its probability are reported. Without a model file every page is an article.
"""

from __future__ import annotations

import math
import re
from urllib.parse import urlsplit

import numpy as np

from worker.pipeline.model import Block, BlockKind, PageHints
from worker._native import DOM_FEATURES
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
PRICE = re.compile(r"[$€£¥₹₩₽]\s?\d|\d(?:[.,]\d\d)?\s?(?:€|USD|EUR|GBP|kr|zł|руб|元)")
DATED_PATH = re.compile(r"/(?:19|20)\d\d/(?:[01]?\d/)?")
PATH_WORD = re.compile(r"[a-z]+")
MAX_BLOCKS_READ = 2000

FEATURES: tuple[str, ...] = (
    *(f"url_{name}" for name in URL_WORDS),
    "url_dated", "url_depth", "url_slug_words", "url_query", "url_root", "url_numeric",
    *(f"schema_{name}" for name in SCHEMA_TYPES), "schema_none",
    *(f"og_{name}" for name in OG_TYPES),
    "html", "log_blocks", "prose_share", "mean_log_words", "short_share", "link_share", "heading_share",
    "list_share", "cell_share", "code_share", "price_share", "stamp_share", "repeat_share", "question_share",
    "article_share", "chrome_share", "long_prose_share",
    "card_share", "form_share", "nav_share", "list_tag_share", "table_tag_share", "mean_depth",
)
REPEATED_CARD = math.log1p(3)  # dom_repeat of a block whose container has 3+ look-alike siblings


def page_features(blocks: list[Block], hints: PageHints | None, url: str | None, is_html: bool) -> list[float]:
    """The page-level features (see the module docstring), in :data:`FEATURES` order."""
    path, query = "", ""
    if url:
        try:
            parts = urlsplit(url)
            path, query = parts.path.lower(), parts.query
        except ValueError:
            pass
    segments = [segment for segment in path.split("/") if segment]
    words = set(PATH_WORD.findall(path))
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
    sample = blocks[:MAX_BLOCKS_READ]
    count = len(sample) or 1
    tally = dict.fromkeys(("prose", "short", "link", "heading", "list", "cell", "code", "price", "stamp", "question",
                           "article", "chrome", "long"), 0)
    log_words = 0.0
    texts: dict[str, int] = {}
    for block in sample:
        text = block.text
        texts[text] = texts.get(text, 0) + 1
        log_words += math.log1p(block.words)
        tally["prose"] += block.kind is BlockKind.PROSE
        tally["long"] += block.kind is BlockKind.PROSE and block.words >= 40
        tally["short"] += block.words <= 4
        tally["link"] += block.link_density > 0.5
        tally["heading"] += block.heading_level > 0
        tally["list"] += block.tag == "li"
        tally["cell"] += block.tag in ("td", "th", "tr")
        tally["code"] += block.tag in ("pre", "code")
        tally["price"] += len(text) <= 60 and PRICE.search(text) is not None
        tally["stamp"] += block.kind is not BlockKind.PROSE and len(text) <= 60 and any(char.isdigit() for char in text) and ":" in text
        tally["question"] += text.endswith(("?", "？"))
        tally["article"] += block.in_article
        tally["chrome"] += block.in_chrome
    repeated = sum(times for times in texts.values() if times > 1)
    dom_rows = [block.dom for block in sample if block.dom is not None]
    dom = np.frombuffer(b"".join(dom_rows), dtype="<f4").reshape(len(dom_rows), len(DOM_FEATURES))
    dom_count = len(dom_rows) or 1
    at = {name: position for position, name in enumerate(DOM_FEATURES)}
    row += [
        is_html, math.log1p(len(blocks)) / 8, tally["prose"] / count, log_words / count / 5, tally["short"] / count,
        tally["link"] / count, tally["heading"] / count, tally["list"] / count, tally["cell"] / count,
        tally["code"] / count, tally["price"] / count, tally["stamp"] / count, repeated / count,
        tally["question"] / count, tally["article"] / count, tally["chrome"] / count, tally["long"] / count,
        (dom[:, at["dom_repeat"]] >= REPEATED_CARD).sum() / dom_count,
        dom[:, at["in_form"]].sum() / dom_count, dom[:, at["in_nav"]].sum() / dom_count,
        dom[:, at["in_list"]].sum() / dom_count, dom[:, at["in_table"]].sum() / dom_count,
        dom[:, at["dom_depth"]].sum() / dom_count,
    ]
    return [float(value) for value in row]


class PageTypeModel:
    """Multinomial logistic regression over :func:`page_features` (weights from a data file)."""

    __slots__ = ("classes", "weights", "intercepts", "means", "scales")

    def __init__(self, data: dict) -> None:
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{MODEL_FILE} was fitted on other features: refit with python -m bench.train")
        self.classes: tuple[str, ...] = tuple(data["classes"])
        self.weights: list[list[float]] = data["weights"]
        self.intercepts: list[float] = data["intercepts"]
        self.means: list[float] = data["means"]
        self.scales: list[float] = data["scales"]

    def probabilities(self, row: list[float]) -> dict[str, float]:
        scaled = [(value - mean) / scale for value, mean, scale in zip(row, self.means, self.scales)]
        logits = [intercept + sum(w * x for w, x in zip(weights, scaled)) for weights, intercept in zip(self.weights, self.intercepts)]
        top = max(logits)
        exps = [math.exp(logit - top) for logit in logits]
        total = sum(exps)
        return {name: value / total for name, value in zip(self.classes, exps)}


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
            row = page_features(page.blocks, page.hints, page.raw.url, page.raw.is_html)
            page.page_type = self.model.probabilities(row)
        best = max(page.page_type, key=page.page_type.__getitem__)
        page.result.page_type = best
        page.result.page_type_confidence = round(page.page_type[best], 3)
