//! `worker._native`: the compiled part of newsworker's HTML path.
//!
//! * [`Extractor::extract`]: one page of HTML to blocks, a table of the containers holding
//!   them, and the raw material of the page hints, in one pass of the WHATWG tokenizer
//!   (html5gum) driving the block builder (see builder.rs). worker/pipeline/html.py calls it
//!   and makes the data-driven decisions (main content, chrome, hints) in Python.
//! * [`tokenize`]: the same tokenizer as a token list, for the html5lib conformance tests.
//!
//! Offsets handed to Python are code-point offsets into the Python string.

pub mod builder;
pub mod flags;
pub mod offsets;
mod tags;
mod classify;
mod features;
mod lines;
mod probes;
mod text;
mod textstats;
mod trees;
mod words;
pub mod tokenizer;

use std::borrow::Cow;

use pyo3::exceptions::{PyUnicodeEncodeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::string::PyStringData;
use pyo3::types::{PyBytes, PyDict, PyList, PySet, PyString, PyTuple};

use crate::builder::{Builder, Settings};
use std::sync::Mutex;

use crate::flags::{FlagCache, FxHashMap, FxHashSet, Vocabulary};
use crate::offsets::CodePoints;
use crate::tokenizer::{Doctype, Sink, Tag};

/// Extracts blocks from HTML pages with the vocabulary and limits given once.
#[pyclass(frozen, module = "worker._native")]
struct Extractor {
    settings: Settings,
    cache: Mutex<FlagCache>,
    normalize: Py<PyAny>,
    block_type: Py<PyAny>,
}

fn word_set(vocabulary: &Bound<'_, PyDict>, key: &str) -> PyResult<FxHashSet<String>> {
    let words = vocabulary
        .get_item(key)?
        .ok_or_else(|| PyValueError::new_err(format!("vocabulary has no {key:?}")))?;
    let mut set = FxHashSet::default();
    for word in words.try_iter()? {
        set.insert(word?.extract::<String>()?);
    }
    Ok(set)
}

fn pairs_dict<'py>(py: Python<'py>, pairs: &[(String, String)]) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (name, value) in pairs {
        dict.set_item(name, value)?;
    }
    Ok(dict)
}

#[pymethods]
impl Extractor {
    /// `vocabulary`: a mapping of word lists (chrome_tokens, author_tokens, credit_tokens,
    /// hidden_class_tokens, embed_tokens, layout_modifiers, chrome_roles, semantic_roles,
    /// chrome_tags, semantic_tags); `normalize(text) -> str` finishes a block's text;
    /// `block_type(text, start, end, tag, in_article, in_chrome, hidden, link_density,
    /// heading_level)` makes a block.
    #[new]
    #[pyo3(signature = (*, vocabulary, normalize, block_type, max_data_cell_chars, max_sources, max_json_ld_chars))]
    fn new(
        vocabulary: &Bound<'_, PyDict>,
        normalize: Py<PyAny>,
        block_type: Py<PyAny>,
        max_data_cell_chars: usize,
        max_sources: usize,
        max_json_ld_chars: usize,
    ) -> PyResult<Self> {
        let mut words = Vocabulary::default();
        words.chrome_tokens = word_set(vocabulary, "chrome_tokens")?;
        words.author_tokens = word_set(vocabulary, "author_tokens")?;
        words.credit_tokens = word_set(vocabulary, "credit_tokens")?;
        words.hidden_class_tokens = word_set(vocabulary, "hidden_class_tokens")?;
        words.embed_tokens = word_set(vocabulary, "embed_tokens")?;
        words.layout_modifiers = word_set(vocabulary, "layout_modifiers")?;
        words.chrome_roles = word_set(vocabulary, "chrome_roles")?;
        words.semantic_roles = word_set(vocabulary, "semantic_roles")?;
        words.chrome_tags = word_set(vocabulary, "chrome_tags")?;
        words.semantic_tags = word_set(vocabulary, "semantic_tags")?;
        let vocabulary = words.index();
        Ok(Extractor {
            settings: Settings { vocabulary, max_data_cell_chars, max_sources, max_json_ld_chars },
            cache: Mutex::new(FlagCache::default()),
            normalize,
            block_type,
        })
    }

    /// One page: `(blocks, owners, weights, teasers, containers, hints)`.
    ///
    /// * blocks: block_type objects in document order (in_article/in_chrome left False);
    /// * owners[i]: the index in `containers` of block i's element; weights[i]: its length in
    ///   code points, CJK characters twice; teasers[i]: its first text is a link's;
    /// * containers: `(lasts, own_chrome, semantic, articles)` over the elements that hold
    ///   blocks, in document order (0: the page itself): lasts[i] is the index of the last
    ///   container inside container i; then the indices of the chrome-looking containers, of
    ///   the semantic-article ones and of the <article> elements;
    /// * hints: `(metas, json_ld, title, html_attributes, times, authors, captions,
    ///   author_links)`: meta tags' attribute dicts, (start, end) spans of JSON-LD script
    ///   contents and of the first <title>'s content, the <html> tag's attributes, (datetime, in
    ///   an article or header) of <time> elements, texts of byline elements, (caption, credit)
    ///   of figcaptions, texts of links to author pages.
    fn extract<'py>(&self, py: Python<'py>, content: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyTuple>> {
        let source = utf8_of(content)?;
        let source: &str = &source;
        let normalize = self.normalize.bind(py);
        let mut finish_text = |text: &str| -> PyResult<String> { normalize.call1((text,))?.extract::<String>() };
        // The cache is shared by the pages of this extractor; a thread that finds it taken
        // (another thread's extraction, paused in a Python call) works with a fresh one.
        let mut shared = self.cache.try_lock();
        let mut own = FlagCache::default();
        let cache = match shared.as_mut() {
            Ok(guard) => &mut **guard,
            Err(_) => &mut own,
        };
        let mut builder = Builder::new(source, &self.settings, cache, &mut finish_text);
        // A bug here must fail this page (a ValueError, which the pipeline dead-letters), not
        // raise PanicException, a BaseException that would stop the worker.
        let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            tokenizer::tokenize(source, &mut builder, html5gum::State::Data, None);
            builder.finish();
        }));
        if built.is_err() {
            return Err(PyValueError::new_err("HTML extraction failed on this page (an internal error of worker._native)"));
        }
        if let Some(error) = builder.error.take() {
            return Err(error);
        }
        let offsets = CodePoints::new(source);
        let block_type = self.block_type.bind(py);

        // What Python needs from the builder; its containers, text runs and buffers are freed
        // before the Python objects are made (a page of 10^5 blocks would hold both at once).
        let table = builder.container_table();
        let mut tag_names: Vec<Option<Bound<'py, PyString>>> = Vec::new();
        for block in &builder.blocks {
            let index = block.tag as usize;
            if tag_names.len() <= index {
                tag_names.resize(index + 1, None);
            }
            if tag_names[index].is_none() {
                tag_names[index] = Some(PyString::intern(py, builder.tag_name(block.tag)));
            }
        }
        let built = std::mem::take(&mut builder.blocks);
        let hints = std::mem::take(&mut builder.hints);
        drop(builder);

        let weights = PyList::new(py, built.iter().map(|b| b.weight))?;
        let teasers = PyList::new(py, built.iter().map(|b| b.starts_with_link))?;
        let blocks = PyList::empty(py);
        for (block, dom) in built.into_iter().zip(&table.dom) {
            let tag = tag_names[block.tag as usize].clone();
            // the block's structural facts as little-endian f32s (numpy reads them in one go)
            let dom_bytes: Vec<u8> = dom.iter().flat_map(|value| value.to_le_bytes()).collect();
            let made = block_type.call1((
                block.text, // each block's text is freed as its Python string is made
                offsets.of(block.start),
                offsets.of(block.end),
                tag,
                false,
                false,
                block.hidden,
                block.link_density,
                block.heading_level,
                py.None(),
                0.0,
                PyBytes::new(py, &dom_bytes),
            ))?;
            blocks.append(made)?;
        }
        let owners = PyList::new(py, &table.owners)?;
        let containers = (
            PyList::new(py, &table.lasts)?,
            PyList::new(py, &table.own_chrome)?,
            PyList::new(py, &table.semantic)?,
            PyList::new(py, &table.articles)?,
        )
            .into_pyobject(py)?;
        drop(table);

        let metas = PyList::empty(py);
        for meta in &hints.metas {
            metas.append(pairs_dict(py, meta)?)?;
        }
        let span = |&(start, end): &(usize, usize)| (offsets.of(start), offsets.of(end));
        let json_ld = PyList::new(py, hints.json_ld.iter().map(span))?;
        let title = hints.title.as_ref().map(span);
        let html_attributes = hints.html_attributes.as_ref().map(|pairs| pairs_dict(py, pairs)).transpose()?;
        let times = PyList::new(py, &hints.times)?;
        let authors = PyList::new(py, &hints.authors)?;
        let author_links = PyList::new(py, &hints.author_links)?;
        let captions = PyList::new(py, &hints.captions)?;
        let hints = (metas, json_ld, title, html_attributes, times, authors, captions, author_links).into_pyobject(py)?;
        (blocks, owners, weights, teasers, containers, hints).into_pyobject(py)
    }
}

/// "a-bc-d..." (a regex character class body of ranges) as (low, high) pairs.
fn ranges_of(class: &str) -> PyResult<Vec<(char, char)>> {
    let chars: Vec<char> = class.chars().collect();
    if chars.len() % 3 != 0 || chars.chunks(3).any(|range| range[1] != '-') {
        return Err(PyValueError::new_err("ranges must be written low-high, one after another"));
    }
    Ok(chars.chunks(3).map(|range| (range[0], range[2])).collect())
}

/// The block scorer's feature table of a page (see features.rs), with the vocabulary, the four
/// block kinds and the tag families handed over once.
#[pyclass(frozen, module = "worker._native")]
struct BlockTable {
    vocabulary: textstats::Vocabulary,
    kinds: [Py<PyAny>; 4],
    families: FxHashMap<String, usize>,
    min_article_words: f64,
}

#[pymethods]
impl BlockTable {
    /// ``kinds``: the BlockKind members PROSE, SHORT, TINY, JUNK; ``families``: tag -> family
    /// name (one of TAG_FAMILIES); other tags are a "div".
    #[new]
    fn new(
        function_words: Vec<String>,
        unspaced_function_chars: &str,
        unspaced_ranges: &str,
        sentence_end: &str,
        kinds: [Py<PyAny>; 4],
        families: FxHashMap<String, String>,
        min_article_words: f64,
    ) -> PyResult<Self> {
        let mut by_tag = FxHashMap::default();
        for (tag, family) in families {
            let index = features::FAMILIES
                .iter()
                .position(|name| *name == family)
                .ok_or_else(|| PyValueError::new_err(format!("unknown tag family {family:?}")))?;
            by_tag.insert(tag, index);
        }
        Ok(BlockTable {
            vocabulary: textstats::Vocabulary::new(
                function_words.into_iter().collect(),
                unspaced_function_chars.chars().collect(),
                ranges_of(unspaced_ranges)?,
                sentence_end.chars().collect(),
            ),
            kinds,
            families: by_tag,
            min_article_words,
        })
    }

    /// The rows of the page's blocks (BLOCK_FEATURES then DOM_FEATURES columns, little-endian
    /// f64, row-major).
    /// ``cues``, ``stamps``, ``legal``: one byte per block, 1 where Python's tests say so.
    #[allow(clippy::too_many_arguments)]
    fn table<'py>(
        &self,
        py: Python<'py>,
        blocks: &Bound<'py, PyList>,
        region: (usize, usize),
        body: Vec<usize>,
        items: Vec<usize>,
        cues: &[u8],
        stamps: &[u8],
        legal: &[u8],
    ) -> PyResult<Bound<'py, PyBytes>> {
        let mut texts: Vec<Cow<'_, str>> = Vec::with_capacity(blocks.len());
        let mut rest = Vec::with_capacity(blocks.len());
        let mut holders = Vec::with_capacity(blocks.len());
        let mut doms = Vec::with_capacity(blocks.len());
        for block in blocks.iter() {
            let text = block.getattr(intern!(py, "text"))?.cast_into::<PyString>()?;
            holders.push(text);
            let kind = block.getattr(intern!(py, "kind"))?;
            let kind = self.kinds.iter().position(|k| k.bind(py).is(&kind)).unwrap_or(3) as u8;
            let tag = block.getattr(intern!(py, "tag"))?;
            let tag = tag.cast::<PyString>()?.to_cow()?;
            let family = if tag.is_empty() { None } else { Some(self.families.get(tag.as_ref()).copied().unwrap_or(features::FAMILIES.len() - 1)) };
            rest.push((
                kind,
                block.getattr(intern!(py, "words"))?.extract::<f64>()?,
                block.getattr(intern!(py, "link_density"))?.extract::<f64>()?,
                block.getattr(intern!(py, "heading_level"))?.extract::<u8>()?,
                family,
                block.getattr(intern!(py, "in_article"))?.is_truthy()?,
                block.getattr(intern!(py, "in_chrome"))?.is_truthy()?,
                block.getattr(intern!(py, "hidden"))?.is_truthy()?,
            ));
            let dom = block.getattr(intern!(py, "dom"))?;
            doms.push(if dom.is_none() {
                [0f32; builder::DOM_WIDTH]
            } else {
                let data = dom.cast::<PyBytes>()?.as_bytes();
                if data.len() != 4 * builder::DOM_WIDTH {
                    return Err(PyValueError::new_err("a block's dom facts are not DOM_FEATURES f32 values"));
                }
                std::array::from_fn(|at| f32::from_le_bytes(data[4 * at..4 * at + 4].try_into().unwrap()))
            });
        }
        for holder in &holders {
            texts.push(holder.to_cow()?);
        }
        let facts: Vec<features::BlockFacts> = texts
            .iter()
            .zip(&rest)
            .map(|(text, &(kind, words, link_density, heading_level, family, in_article, in_chrome, hidden))| features::BlockFacts {
                text,
                kind,
                words,
                link_density,
                heading_level,
                family,
                in_article,
                in_chrome,
                hidden,
            })
            .collect();
        let page = features::Page { region, body: &body, items: &items, cues, stamps, legal, min_article_words: self.min_article_words };
        let rows = features::table(&facts, &page, &self.vocabulary);
        // each row, then the block's DOM_FEATURES (zero for a line of page text), as f64
        let mut out: Vec<u8> = Vec::with_capacity(8 * (rows.len() + doms.len() * builder::DOM_WIDTH));
        for (row, dom) in rows.chunks_exact(features::WIDTH).zip(&doms) {
            out.extend(row.iter().flat_map(|value| value.to_le_bytes()));
            out.extend(dom.iter().flat_map(|&value| f64::from(value).to_le_bytes()));
        }
        Ok(PyBytes::new(py, &out))
    }
}

/// The block classes of worker/pipeline/segment/classify.py (see classify.rs).
#[pyclass(frozen, module = "worker._native")]
struct BlockClassifier {
    rules: classify::Rules,
    kinds: [Py<PyAny>; 4],
    /// Python's measures of a non-ASCII text: size, letters, shouting, function_ratio,
    /// full_of_function_words (see classify::Measures).
    measures: [Py<PyAny>; 5],
}

/// classify::Measures asked of Python.
struct PythonMeasures<'a, 'py> {
    texts: &'a [Bound<'py, PyString>],
    measures: &'a [Py<PyAny>; 5],
}

impl PythonMeasures<'_, '_> {
    fn call<T: for<'a, 'py> FromPyObject<'a, 'py>>(&self, which: usize, index: usize, unspaced: Option<usize>) -> PyResult<T> {
        let text = &self.texts[index];
        let measure = self.measures[which].bind(text.py());
        let value = match unspaced {
            Some(unspaced) => measure.call1((text, unspaced))?,
            None => measure.call1((text,))?,
        };
        value.extract::<T>().map_err(Into::into)
    }
}

impl classify::Measures for PythonMeasures<'_, '_> {
    type Error = PyErr;
    fn size(&self, index: usize) -> PyResult<(f64, usize)> {
        self.call(0, index, None)
    }
    fn letters(&self, index: usize) -> PyResult<usize> {
        self.call(1, index, None)
    }
    fn shouting(&self, index: usize, unspaced: usize) -> PyResult<bool> {
        self.call(2, index, Some(unspaced))
    }
    fn function_ratio(&self, index: usize, unspaced: usize) -> PyResult<f64> {
        self.call(3, index, Some(unspaced))
    }
    fn full_of_function_words(&self, index: usize, unspaced: usize) -> PyResult<bool> {
        self.call(4, index, Some(unspaced))
    }
}

#[pymethods]
impl BlockClassifier {
    /// ``rules``: the thresholds by name (the fields of classify::Rules but the four below);
    /// ``kinds``: the BlockKind members PROSE, SHORT, TINY, JUNK.
    #[new]
    fn new(
        rules: &Bound<'_, PyDict>,
        function_words: Vec<String>,
        sentence_end: &str,
        question_marks: &str,
        unspaced_lead_bytes: &[u8],
        kinds: [Py<PyAny>; 4],
        measures: [Py<PyAny>; 5],
    ) -> PyResult<Self> {
        // (every threshold as a float; the counts among them are small whole numbers)
        let number = |name: &str| -> PyResult<f64> {
            rules.get_item(name)?.ok_or_else(|| PyValueError::new_err(format!("classifier rule {name} missing")))?.extract::<f64>()
        };
        let rules = classify::Rules {
            function_words: function_words.into_iter().collect(),
            sentence_end: sentence_end.chars().collect(),
            question_marks: question_marks.chars().collect(),
            unspaced_lead_bytes: std::array::from_fn(|byte| unspaced_lead_bytes.contains(&(byte as u8))),
            min_function_ratio: number("min_function_ratio")?,
            function_sample_chars: number("function_sample_chars")? as usize,
            min_sentence_words: number("min_sentence_words")?,
            min_prose_words: number("min_prose_words")?,
            long_block_words: number("long_block_words")?,
            unknown_language_function_ratio: number("unknown_language_function_ratio")?,
            language_sample_blocks: number("language_sample_blocks")? as usize,
            known_language_total: number("known_language_total")?,
            min_question_words: number("min_question_words")?,
            max_link_density: number("max_link_density")?,
            sampled_block_words: number("sampled_block_words")?,
            max_breadcrumb_chars: number("max_breadcrumb_chars")? as usize,
        };
        Ok(BlockClassifier { rules, kinds, measures })
    }

    /// (letters, in capitals, function-word ratio or None) of an ASCII text as the rules compute
    /// them without asking Python; None for other text. For the tests.
    fn ascii_measures(&self, text: &str) -> Option<(usize, bool, Option<f64>)> {
        classify::ascii_measures(text, &self.rules)
    }

    /// Set every block's ``kind`` and ``words`` (classify.py's ``classify_blocks``).
    fn classify(&self, py: Python<'_>, blocks: &Bound<'_, PyList>) -> PyResult<()> {
        let mut texts = Vec::with_capacity(blocks.len());
        let mut rest = Vec::with_capacity(blocks.len());
        for block in blocks.iter() {
            texts.push(block.getattr(intern!(py, "text"))?.cast_into::<PyString>()?);
            rest.push((block.getattr(intern!(py, "heading_level"))?.extract::<i64>()?, block.getattr(intern!(py, "link_density"))?.extract::<f64>()?));
        }
        let contents = texts.iter().map(|text| text.to_cow()).collect::<PyResult<Vec<_>>>()?;
        let facts: Vec<classify::BlockFacts> = contents
            .iter()
            .zip(&rest)
            .map(|(text, &(heading_level, link_density))| classify::BlockFacts { text, heading_level, link_density })
            .collect();
        let (kinds, sizes) = classify::classify(&facts, &self.rules, &PythonMeasures { texts: &texts, measures: &self.measures })?;
        for ((block, kind), size) in blocks.iter().zip(kinds).zip(sizes) {
            block.setattr(intern!(py, "kind"), self.kinds[kind as usize].bind(py))?;
            block.setattr(intern!(py, "words"), size)?;
        }
        Ok(())
    }
}

/// A tree ensemble fitted by bench.train (see trees.rs) given as
/// (baseline, [(feature, threshold, left, right, value, leaf) per tree]).
type TreeData = (f64, Vec<(Vec<u32>, Vec<f64>, Vec<u32>, Vec<u32>, Vec<f64>, Vec<bool>)>);

fn ensemble_of((baseline, trees): TreeData, width: usize) -> PyResult<trees::Ensemble> {
    let trees = trees
        .into_iter()
        .map(|(feature, threshold, left, right, value, leaf)| {
            (0..feature.len())
                .map(|at| trees::Node { feature: feature[at], threshold: threshold[at], left: left[at], right: right[at], value: value[at], leaf: leaf[at] })
                .collect()
        })
        .collect();
    trees::Ensemble::new(baseline, trees, width)
        .ok_or_else(|| PyValueError::new_err("the tree model is malformed (a node points outside its tree, or back up)"))
}

fn floats_of(data: &[u8], width: usize) -> PyResult<Vec<f64>> {
    if width == 0 || data.len() % (8 * width) != 0 {
        return Err(PyValueError::new_err("the rows do not hold whole rows of the model's width"));
    }
    Ok(data.chunks_exact(8).map(|b| f64::from_le_bytes(b.try_into().unwrap())).collect())
}

fn bytes_of<'py>(py: Python<'py>, values: &[f64]) -> Bound<'py, PyBytes> {
    let out: Vec<u8> = values.iter().flat_map(|p| p.to_le_bytes()).collect();
    PyBytes::new(py, &out)
}

/// One tree ensemble (bench.train checks the export against scikit-learn with it).
#[pyclass(frozen, module = "worker._native")]
struct TreeEnsemble {
    ensemble: trees::Ensemble,
    width: usize,
}

#[pymethods]
impl TreeEnsemble {
    #[new]
    fn new(baseline: f64, trees: Vec<(Vec<u32>, Vec<f64>, Vec<u32>, Vec<u32>, Vec<f64>, Vec<bool>)>, width: usize) -> PyResult<Self> {
        Ok(TreeEnsemble { ensemble: ensemble_of((baseline, trees), width)?, width })
    }

    /// The probability of each row of ``rows`` (row-major little-endian f64s), as f64 bytes.
    fn probabilities<'py>(&self, py: Python<'py>, rows: &[u8]) -> PyResult<Bound<'py, PyBytes>> {
        let values = floats_of(rows, self.width)?;
        Ok(bytes_of(py, &py.detach(|| self.ensemble.probabilities(&values, self.width))))
    }
}

/// The block scorer's two stages (see trees.rs `two_stage`).
#[pyclass(frozen, module = "worker._native")]
struct TwoStageModel {
    first: trees::Ensemble,
    second: trees::Ensemble,
    width: usize,
    groups: Vec<usize>,
    grouped: bool,
}

#[pymethods]
impl TwoStageModel {
    /// `groups`: the feature table's group-id columns, one group-mean column each in the second
    /// stage; `grouped` false: every row is its own group (page text).
    #[new]
    fn new(first: TreeData, second: TreeData, width: usize, groups: Vec<usize>, grouped: bool) -> PyResult<Self> {
        if groups.iter().any(|&column| column >= width) {
            return Err(PyValueError::new_err("a group column lies outside the feature table"));
        }
        let second = ensemble_of(second, width + trees::SMOOTHING_WIDTH + groups.len())?;
        Ok(TwoStageModel { first: ensemble_of(first, width)?, second, width, groups, grouped })
    }

    /// The second stage's probability of each row of the feature table (row-major f64 bytes).
    fn scores<'py>(&self, py: Python<'py>, table: &[u8]) -> PyResult<Bound<'py, PyBytes>> {
        let values = floats_of(table, self.width)?;
        Ok(bytes_of(py, &py.detach(|| trees::two_stage(&self.first, &self.second, &values, self.width, &self.groups, self.grouped))))
    }
}

/// The second stage's extra columns for first-stage probabilities (f64 bytes in, row-major f64
/// bytes out): for training, which must build them exactly as the scorer does.
#[pyfunction]
fn smoothing_rows<'py>(py: Python<'py>, probabilities: &[u8]) -> PyResult<Bound<'py, PyBytes>> {
    let values = floats_of(probabilities, 1)?;
    Ok(bytes_of(py, &trees::smoothing_rows(&values)))
}

/// The group-mean columns (trees.rs `group_means`) for first-stage probabilities and their feature
/// table (f64 bytes, `width` columns): for training, which must build them as the scorer does.
#[pyfunction]
fn group_means<'py>(py: Python<'py>, probabilities: &[u8], table: &[u8], width: usize, groups: Vec<usize>, grouped: bool) -> PyResult<Bound<'py, PyBytes>> {
    let p = floats_of(probabilities, 1)?;
    let values = floats_of(table, width)?;
    if values.len() != p.len() * width || groups.iter().any(|&column| column >= width) {
        return Err(PyValueError::new_err("the table does not hold one row per probability, or a group column lies outside it"));
    }
    Ok(bytes_of(py, &trees::group_means(&p, &values, width, &groups, grouped)))
}

/// The UTF-8 text of a Python string. ASCII strings are used in place; others are encoded here,
/// from the string's own 1-, 2- or 4-byte code units in one pass (faster than asking CPython for
/// its UTF-8 form, which would also stay cached in the string object, doubling its memory).
/// Lone surrogates are not UTF-8: UnicodeEncodeError.
fn utf8_of<'a>(content: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    // SAFETY: a str object is immutable, and `content` keeps it alive while the data is read.
    let data = unsafe { content.data() }?;
    let lone_surrogate = || PyUnicodeEncodeError::new_err(("utf-8", "", 0, 1, "a lone surrogate is not UTF-8"));
    match data {
        PyStringData::Ucs1(bytes) if bytes.is_ascii() => Ok(Cow::Borrowed(std::str::from_utf8(bytes).map_err(|_| lone_surrogate())?)),
        PyStringData::Ucs1(bytes) => Ok(Cow::Owned(encode_units(bytes).ok_or_else(lone_surrogate)?)),
        PyStringData::Ucs2(units) => Ok(Cow::Owned(encode_units(units).ok_or_else(lone_surrogate)?)),
        PyStringData::Ucs4(points) => Ok(Cow::Owned(encode_units(points).ok_or_else(lone_surrogate)?)),
    }
}

/// UTF-8 of code points (1-, 2- or 4-byte units); None at a surrogate.
fn encode_units<T: Copy + Into<u32>>(units: &[T]) -> Option<String> {
    let mut out: Vec<u8> = Vec::with_capacity(units.len() + units.len() / 2);
    let mut at = 0;
    while at < units.len() {
        // Runs of ASCII, the bulk of any page's markup, eight units at a time.
        if let Some(eight) = units.get(at..at + 8) {
            if eight.iter().fold(0u32, |all, &unit| all | unit.into()) < 0x80 {
                out.extend(eight.iter().map(|&unit| Into::<u32>::into(unit) as u8));
                at += 8;
                continue;
            }
        }
        let point: u32 = units[at].into();
        at += 1;
        if point < 0x80 {
            out.push(point as u8);
        } else if point < 0x800 {
            out.extend_from_slice(&[0xC0 | (point >> 6) as u8, 0x80 | (point & 0x3F) as u8]);
        } else if point < 0x10000 {
            if (0xD800..0xE000).contains(&point) {
                return None;
            }
            out.extend_from_slice(&[0xE0 | (point >> 12) as u8, 0x80 | ((point >> 6) & 0x3F) as u8, 0x80 | (point & 0x3F) as u8]);
        } else {
            out.extend_from_slice(&[
                0xF0 | (point >> 18) as u8,
                0x80 | ((point >> 12) & 0x3F) as u8,
                0x80 | ((point >> 6) & 0x3F) as u8,
                0x80 | (point & 0x3F) as u8,
            ]);
        }
    }
    // Encoded above, so valid; checked all the same (one fast pass) rather than assumed.
    String::from_utf8(out).ok()
}

/// Records tokens for [`tokenize`].
struct Recorder<'py> {
    py: Python<'py>,
    tokens: Vec<Bound<'py, PyAny>>,
    spans: Vec<(usize, usize)>,
    error: Option<PyErr>,
}

impl<'py> Recorder<'py> {
    fn record(&mut self, token: PyResult<Bound<'py, PyAny>>, start: usize, end: usize) {
        match token {
            Ok(token) => {
                self.tokens.push(token);
                self.spans.push((start, end));
            }
            Err(error) => {
                self.error.get_or_insert(error);
            }
        }
    }
}

impl<'py> Sink for Recorder<'py> {
    fn text(&mut self, text: &str, start: usize, end: usize) {
        let token = ("Character", text).into_pyobject(self.py).map(|t| t.into_any());
        self.record(token, start, end);
    }

    fn start_tag(&mut self, tag: &Tag, start: usize, end: usize) -> Option<html5gum::State> {
        let py = self.py;
        let token = (|| {
            let attributes = PyDict::new(py);
            for (name, value) in tag.attributes() {
                attributes.set_item(name, value)?;
            }
            Ok(("StartTag", tag.name.as_str(), attributes, tag.self_closing).into_pyobject(py)?.into_any())
        })();
        self.record(token, start, end);
        None
    }

    fn end_tag(&mut self, name: &str, start: usize, end: usize) {
        let token = ("EndTag", name).into_pyobject(self.py).map(|t| t.into_any());
        self.record(token, start, end);
    }

    fn comment(&mut self, data: &str, start: usize, end: usize) {
        let token = ("Comment", data).into_pyobject(self.py).map(|t| t.into_any());
        self.record(token, start, end);
    }

    fn doctype(&mut self, doctype: &Doctype, start: usize, end: usize) {
        let token = (
            "DOCTYPE",
            doctype.name.as_str(),
            doctype.public_identifier.as_deref(),
            doctype.system_identifier.as_deref(),
            !doctype.force_quirks,
        )
            .into_pyobject(self.py)
            .map(|t| t.into_any());
        self.record(token, start, end);
    }
}

/// The tokens of `html`, as html5lib's tokenizer tests write them, each with its code-point
/// span: `[(token, start, end)]`. `state`: 'data', 'plaintext', 'rcdata', 'rawtext',
/// 'script data' or 'cdata section'; `last_start_tag`: the element the RCDATA/RAWTEXT text is in.
/// The feature table's per-line flags (end-of-article cue, time stamp, legal notice) of the
/// plain lines of a page, with region.py's and classify.py's vocabulary (see lines.rs).
#[pyclass(frozen, module = "worker._native")]
struct LineFlags {
    flags: lines::LineFlags,
}

#[pymethods]
impl LineFlags {
    /// ``cues_by_head``: first two characters -> the end cues starting so, longest first, each
    /// as (cue, whether its last character is a letter or digit).
    #[new]
    fn new(
        cues_by_head: FxHashMap<String, Vec<(String, bool)>>,
        legal_markers: Vec<String>,
        legal_phrases: Vec<String>,
        max_cue_chars: usize,
        max_legal_chars: usize,
    ) -> PyResult<Self> {
        let legal_markers = aho_corasick::AhoCorasick::new(&legal_markers).map_err(|error| PyValueError::new_err(error.to_string()))?;
        Ok(LineFlags { flags: lines::LineFlags { cues_by_head, legal_markers, legal_phrases, max_cue_chars, max_legal_chars } })
    }

    /// ``(cues, stamps, legal, others)`` of the page's blocks: a byte per block for each flag,
    /// and the indices of the blocks that are not plain text, whose flags are left to Python.
    fn page<'py>(&self, py: Python<'py>, blocks: &Bound<'py, PyList>) -> PyResult<Bound<'py, PyTuple>> {
        let count = blocks.len();
        let (mut cues, mut stamps, mut legal) = (vec![0u8; count], vec![0u8; count], vec![0u8; count]);
        let mut others: Vec<usize> = Vec::new();
        for (index, block) in blocks.iter().enumerate() {
            let text = block.getattr(intern!(py, "text"))?.cast_into::<PyString>()?;
            let text = text.to_cow()?;
            if !lines::plain(&text) {
                others.push(index);
                continue;
            }
            cues[index] = self.flags.end_cue(&text) as u8;
            stamps[index] = self.flags.time_stamp(&text) as u8;
            legal[index] = self.flags.legal_notice(&text) as u8;
        }
        (PyBytes::new(py, &cues), PyBytes::new(py, &stamps), PyBytes::new(py, &legal), others).into_pyobject(py)
    }

    /// The three flags of one plain text, or None for another text (for tests).
    fn line(&self, text: &str) -> Option<(bool, bool, bool)> {
        lines::plain(text).then(|| (self.flags.end_cue(text), self.flags.time_stamp(text), self.flags.legal_notice(text)))
    }
}

/// The title model's facts of each candidate line (see lines.rs): a tuple for a plain line,
/// None for another (Python reads those).
#[pyfunction]
fn title_line_facts(texts: Vec<String>, opening: FxHashSet<String>, url_words: FxHashSet<String>, rules: &str) -> Vec<Option<lines::TitleFacts>> {
    texts.iter().map(|text| lines::title_facts(text, &opening, &url_words, rules)).collect()
}

/// The title model's candidates of a page and their rows, ``(indices, rows)`` with the rows as
/// little-endian f64, row-major (see lines::title_rows for the window and the two callbacks:
/// ``line_facts(text, opening, url_words, rules)`` and ``dated(text)``); ``limits``: (min_chars,
/// max_chars, dateline_reach, max_dateline_chars, (fewest, most) title words).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (texts, kinds, repeated, first, count, low, high, start, body, sentence_end, opening, url_words, rules, line_facts, dated, limits))]
fn title_rows<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    kinds: Vec<u8>,
    repeated: Vec<bool>,
    first: usize,
    count: usize,
    low: usize,
    high: usize,
    start: usize,
    body: Vec<usize>,
    sentence_end: &str,
    opening: &Bound<'py, PyAny>,
    url_words: &Bound<'py, PyAny>,
    rules: &str,
    line_facts: &Bound<'py, PyAny>,
    dated: &Bound<'py, PyAny>,
    limits: (usize, usize, usize, usize, (f64, f64)),
) -> PyResult<(Vec<usize>, Bound<'py, PyBytes>)> {
    let (min_chars, max_chars, dateline_reach, max_dateline_chars, title_words) = limits;
    let limits = lines::TitleLimits { min_chars, max_chars, dateline_reach, max_dateline_chars, title_words };
    let covered = first + texts.len();
    if kinds.len() != texts.len() || repeated.len() != texts.len() || low > high || first > low.saturating_sub(1) || covered < count.min(high + dateline_reach.max(3)) {
        return Err(PyValueError::new_err("the title window does not cover the candidates and their neighbours"));
    }
    let texts_of: Vec<&str> = texts.iter().map(String::as_str).collect();
    let body: FxHashSet<usize> = body.into_iter().collect();
    let sentence_end: Vec<char> = sentence_end.chars().collect();
    let (opening_words, url): (FxHashSet<String>, FxHashSet<String>) = (opening.extract()?, url_words.extract()?);
    let window = lines::TitleWindow {
        texts: &texts_of,
        kinds: &kinds,
        repeated: &repeated,
        first,
        count,
        low,
        high,
        start,
        body: &body,
        sentence_end: &sentence_end,
        opening: &opening_words,
        url: &url,
        rules,
        limits,
    };
    let (indices, rows) = lines::title_rows(
        &window,
        |text| line_facts.call1((text, opening, url_words, rules))?.extract::<lines::TitleFacts>(),
        |text| dated.call1((text,))?.extract::<bool>(),
    )?;
    Ok((indices, bytes_of(py, &rows)))
}

#[pyfunction]
#[pyo3(signature = (html, state = "data", last_start_tag = None))]
fn tokenize<'py>(py: Python<'py>, html: &str, state: &str, last_start_tag: Option<&str>) -> PyResult<Bound<'py, PyList>> {
    use html5gum::State;
    let state = match state {
        "data" => State::Data,
        "plaintext" => State::PlainText,
        "rcdata" => State::RcData,
        "rawtext" => State::RawText,
        "script data" => State::ScriptData,
        "cdata section" => State::CdataSection,
        other => return Err(PyValueError::new_err(format!("unknown tokenizer state {other:?}"))),
    };
    let mut recorder = Recorder { py, tokens: Vec::new(), spans: Vec::new(), error: None };
    tokenizer::tokenize(html, &mut recorder, state, last_start_tag);
    if let Some(error) = recorder.error.take() {
        return Err(error);
    }
    let offsets = CodePoints::new(html);
    let items = recorder
        .tokens
        .into_iter()
        .zip(recorder.spans)
        .map(|(token, (start, end))| (token, offsets.of(start), offsets.of(end)));
    PyList::new(py, items)
}

/// The page-type model's word set of a page (see words.rs), with its vocabulary and Python's
/// letters handed over once.
#[pyclass(frozen, module = "worker._native")]
struct PageWords {
    letters: words::Letters,
    vocabulary: words::WordMap<u32>,
}

impl PageWords {
    /// Calls `read` with the page's word set. Texts that are not ASCII are lowered by Python's
    /// `str.lower()` first (kept alive here while the set borrows from them).
    fn with_words<T>(&self, py: Python<'_>, texts: &Bound<'_, PyAny>, read: impl FnOnce(&words::WordSet) -> T) -> PyResult<T> {
        let mut strings: Vec<(Bound<'_, PyString>, bool)> = Vec::new();
        for text in texts.try_iter()? {
            let text = text?.cast_into::<PyString>()?;
            // SAFETY: a str object is immutable, and `text` keeps it alive while it is read.
            let ascii = matches!(unsafe { text.data() }?, PyStringData::Ucs1(bytes) if bytes.is_ascii());
            if ascii {
                strings.push((text, true));
            } else {
                strings.push((text.call_method0(intern!(py, "lower"))?.cast_into::<PyString>()?, false));
            }
        }
        let mut set = words::WordSet::new(&self.letters);
        for (text, ascii) in &strings {
            // SAFETY: as above; `strings` outlives `set`, which borrows from the data.
            match unsafe { text.data() }? {
                PyStringData::Ucs1(bytes) if *ascii => set.add_ascii(bytes),
                PyStringData::Ucs1(units) => set.add_points(units),
                PyStringData::Ucs2(units) => set.add_points(units),
                PyStringData::Ucs4(units) => set.add_points(units),
            }
        }
        Ok(read(&set))
    }
}

#[pymethods]
impl PageWords {
    /// ``letters``: the code points above ASCII that PAGE_WORD's class matches, as (low, high)
    /// ranges; ``vocabulary``: word -> index of the model's word vector.
    #[new]
    fn new(letters: Vec<(u32, u32)>, vocabulary: words::WordMap<u32>) -> Self {
        PageWords { letters: words::Letters::new(letters), vocabulary }
    }

    /// The distinct words of ``texts`` (an iterable of str), as a set.
    fn words<'py>(&self, py: Python<'py>, texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PySet>> {
        self.with_words(py, texts, |set| PySet::new(py, &set.words))?
    }

    /// ``(known, count)``: the vocabulary indices of the distinct words of ``texts`` that are in
    /// the vocabulary (in no particular order), and the number of distinct words.
    fn known(&self, py: Python<'_>, texts: &Bound<'_, PyAny>) -> PyResult<(Vec<u32>, usize)> {
        self.with_words(py, texts, |set| set.known(&self.vocabulary))
    }
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Extractor>()?;
    m.add_class::<TreeEnsemble>()?;
    m.add_class::<TwoStageModel>()?;
    m.add_function(wrap_pyfunction!(smoothing_rows, m)?)?;
    m.add_function(wrap_pyfunction!(group_means, m)?)?;
    m.add("SMOOTHING_WIDTH", trees::SMOOTHING_WIDTH)?;
    m.add_class::<BlockTable>()?;
    m.add_class::<BlockClassifier>()?;
    m.add("BLOCK_FEATURES", PyTuple::new(m.py(), features::FEATURES)?)?;
    m.add("TAG_FAMILIES", PyTuple::new(m.py(), features::FAMILIES)?)?;
    m.add_function(wrap_pyfunction!(tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(title_line_facts, m)?)?;
    m.add_function(wrap_pyfunction!(title_rows, m)?)?;
    m.add("TITLE_WIDTH", lines::TITLE_WIDTH)?;
    m.add_class::<LineFlags>()?;
    m.add_class::<PageWords>()?;
    m.add_function(wrap_pyfunction!(probes::spam_probes, m)?)?;
    // "\u2e80-\u303f...": the East Asian ranges as a regex character class body
    let ranges: String = text::EAST_ASIAN.iter().map(|&(lo, hi)| format!("{lo}-{hi}")).collect();
    m.add("EAST_ASIAN", ranges)?;
    m.add("DOM_FEATURES", PyTuple::new(m.py(), builder::DOM_FEATURES)?)?;
    Ok(())
}
