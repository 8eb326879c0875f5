"""Where our extraction loses on the wcxb TUNE fold, and which block signals tell content from chrome.

    python -m bench.wcxb_analysis [--kind html text] [--jobs 2] > analysis.md

Tune fold only, by construction (validation pages stand for pages nobody has seen): the figures are
counts and shares over pages and blocks, never single pages.

For every tune page and input kind, the page's blocks (after extraction and spam) are labelled
content or not by :func:`bench.labels.label_blocks` against the gold body. Then:

- recall: every content block that is not in our body is given one reason (hidden; chrome, and
  which rule made it chrome; no body at all; taken as the title or a caption; before the body
  region; after it; cut with the header; dropped inside it), and the lost tokens are summed per
  reason, page type and block tag; the opening, the blocks at the region's edges and content in
  separate stretches are counted too;
- precision: every body block that is not content is placed (before the first content block,
  after the last one, in between) and counted by tag;
- title, author and date errors are put in classes;
- block features: how well each simple feature separates content from boilerplate blocks
  (univariate AUC), and what a logistic regression over all of them (fitted with domain-grouped
  cross-validation inside the tune fold) and the labels themselves (an oracle) would score with
  the benchmark's metric, against our pipeline.

The pipeline runs once per page, through ``process`` with its ``observe`` hook (the blocks after
extraction and spam, the region, the body, the block classes and the feature table the block
scorer reads, :data:`worker.pipeline.segment.features.FEATURES`). Which rule made a block chrome
is not kept by the pipeline, so it is read again here from the markup around the block (its open
ancestors, found by a simple tag scan): a chrome tag, a role, or a class/id token of
:mod:`worker.pipeline.extract.chrome`'s vocabulary; none of them means the block lies outside the
main container. The scan is approximate on broken markup; the figures are shares, not verdicts.
"""

from __future__ import annotations

import argparse
import html as html_lib
import multiprocessing
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from worker.devdata import DEVDATA_DIR
from bench.labels import GoldText
from bench.wcxb import (
    KINDS,
    PAGE_TYPES,
    author_matches,
    date_matches,
    load_gold,
    load_raw,
    normalized_text,
    people,
    title_matches,
    title_matches_without_affix,
    tokenize,
    word_scores,
)

KEPT_NOW = -1  # the last column of the analysed table: whether our output holds the block now


def feature_names() -> tuple[str, ...]:
    """The block scorer's features (the pipeline's own table), plus what our output keeps now."""
    from worker.pipeline.segment.features import FEATURES

    return (*FEATURES, "kept by our pipeline now")


TAG_GROUPS = {"p": "p", "li": "li/dd/dt", "dd": "li/dd/dt", "dt": "li/dd/dt", "tr": "table", "td": "table", "th": "table",
              "pre": "pre/code", "code": "pre/code", "blockquote": "blockquote", "figcaption": "figcaption"}
_SENTENCE_END = frozenset('.!?。！？…"”’»」』:')


def tag_group(tag: str, heading_level: int) -> str:
    if heading_level:
        return "heading"
    if not tag:
        return "line"
    return TAG_GROUPS.get(tag, "div/other")


# ---------------------------------------------------------------------------------------------
# One page


def observed_process(page: dict):
    """(result, blocks after extraction and spam, the final Page) from one run of ``process``."""
    from worker.contracts.messages import raw_input_from_dict
    from worker.pipeline import STEPS, process
    from worker.pipeline.segment.scoring import ScoreBlocks

    captured: dict = {}

    def observe(name: str, seconds: float, state) -> None:
        if name in ("extract", "spam"):
            captured["blocks"] = list(state.blocks)
        captured["page"] = state

    # The same steps, the scorer also keeping the feature table when no model is fitted yet.
    steps = tuple(ScoreBlocks(keep_features=True) if step.name == "score" else step for step in STEPS)
    result = process(raw_input_from_dict(page), observe=observe, steps=steps)
    return result, captured.get("blocks", []), captured.get("page")


# A tag up to its first '>' (a '>' inside a quoted value is rare; reading quotes exactly costs a
# quadratic search on pages with an unbalanced quote).
_SCANNED_TAG = re.compile(r"<!--|<(/?)([A-Za-z][A-Za-z0-9:_-]*)([^>]*)>")
_RAW_TEXT = frozenset(("script", "style", "textarea", "title", "noscript", "template", "iframe", "svg", "math", "xmp", "select", "button"))
_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_ATTRIBUTE_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")


def open_ancestors(content: str, positions: Sequence[int]) -> dict[int, list[tuple[str, str]]]:
    """For each position, the elements open there (tag, raw attributes), outermost first.

    A plain scan of start and end tags (comments and raw-text elements skipped, end tags closing
    up to their match): no implied ends, so it errs towards more ancestors, never fewer.
    """
    targets = sorted(set(positions))
    found: dict[int, list[tuple[str, str]]] = {}
    stack: list[tuple[str, str]] = []
    position, target = 0, 0
    while target < len(targets):
        match = _SCANNED_TAG.search(content, position)
        start = match.start() if match else len(content)
        while target < len(targets) and targets[target] <= start:
            found[targets[target]] = list(stack)
            target += 1
        if match is None:
            break
        position = match.end()
        if match.group(0) == "<!--":
            close = content.find("-->", position)
            position = len(content) if close < 0 else close + 3
            continue
        slash, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if slash:
            for depth in range(len(stack) - 1, max(-1, len(stack) - 65), -1):
                if stack[depth][0] == name:
                    del stack[depth:]
                    break
        elif name in _RAW_TEXT:
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(content, position)
            position = len(content) if close is None else close.end()
        elif name not in _VOID and not attributes.rstrip().endswith("/"):
            stack.append((name, attributes))
    return found


def chrome_rule(ancestors: list[tuple[str, str]]) -> str:
    """The innermost chrome mark among a block's ancestors, or 'outside the main container'."""
    from worker.pipeline.extract.chrome import CHROME_ROLES, CHROME_TAGS, CHROME_TOKENS, EMBED_TOKENS, LAYOUT_MODIFIERS

    for tag, raw_attributes in reversed(ancestors):
        if tag in CHROME_TAGS:
            return f"chrome: <{tag}> element"
        attributes = {name.lower(): double or single or bare for name, double, single, bare in _ATTRIBUTE.findall(raw_attributes)}
        role = attributes.get("role", "").strip().lower()
        if role in CHROME_ROLES:
            return f"chrome: role={role}"
        names = attributes.get("class", "") + " " + attributes.get("id", "")
        tokens = " ".join(_ATTRIBUTE_TOKEN.findall(names)).lower().split()
        if CHROME_TOKENS.isdisjoint(tokens) or not EMBED_TOKENS.isdisjoint(tokens):
            continue
        previous = ""
        for token in tokens:
            if token in CHROME_TOKENS and previous not in LAYOUT_MODIFIERS:
                return f"chrome: class/id '{token}'"
            previous = token
    return "chrome: outside the main container"


def analyse_page(task: tuple[dict, object, str]) -> dict:
    """Everything the report needs from one page and input kind (run in worker processes)."""
    page, gold, kind = task
    result, blocks, state = observed_process(page)
    segmented = state.blocks if state is not None and not result.quarantined else []
    position_of = {id(block): index for index, block in enumerate(blocks)}
    kept = {position_of[id(segmented[i])] for i in (state.body if segmented else []) if id(segmented[i]) in position_of}
    start, end = state.region if segmented else (0, 0)
    region = [position_of[id(block)] for block in segmented[start:end] if id(block) in position_of]
    region_start, region_end = (region[0], region[-1]) if region else (None, None)

    index = GoldText(gold.body)
    labels = []
    for block in blocks:
        value = index.containment(block.text)
        short = value is not None and len(tokenize(block.text)) < 3 and value == 0.5
        labels.append(-1 if value is None or short else int(value >= 0.5))
    title_key = normalized_text(result.title)
    title_index = next((i for i, block in enumerate(blocks) if title_key and normalized_text(block.text) == title_key), None)
    captions = {normalized_text(caption.text) for caption in result.captions}
    chrome_lost = [i for i, block in enumerate(blocks) if labels[i] == 1 and i not in kept and block.in_chrome and not block.hidden]
    ancestors = open_ancestors(page["content"], [blocks[i].start + 1 for i in chrome_lost]) if chrome_lost else {}

    positives = [i for i, label in enumerate(labels) if label == 1]
    first_positive, last_positive = (positives[0], positives[-1]) if positives else (None, None)
    rows = []  # (label, tokens, kept, reason, tag group)
    for i, block in enumerate(blocks):
        tokens = len(tokenize(block.text))
        reason = ""
        if labels[i] == 1 and i not in kept:
            if block.hidden:
                reason = "hidden"
            elif block.in_chrome:
                reason = chrome_rule(ancestors.get(block.start + 1, []))
            elif not kept:
                reason = "no body at all"
            elif title_key and normalized_text(block.text) == title_key:
                reason = "taken as the title"
            elif normalized_text(block.text) in captions:
                reason = "taken as a caption"
            elif region_start is None or i < region_start:
                reason = "before the body region"
            elif i > region_end:
                reason = "after the body region"
            elif i < min(kept):
                reason = "cut from the region's start (header, byline)"
            else:
                reason = "dropped inside the region"
        elif labels[i] != 1 and i in kept:
            if first_positive is None:
                reason = "page has no content block"
            elif i < first_positive:
                reason = "before the first content block"
            elif i > last_positive:
                reason = "after the last content block"
            else:
                reason = "between content blocks"
        rows.append((labels[i], tokens, i in kept, reason, tag_group(block.tag, block.heading_level)))

    # The gold's words that no block holds at all (JSON-LD, attributes, script-built text).
    gold_bag = Counter(tokenize(gold.body))
    block_bag = Counter(token for block in blocks for token in tokenize(block.text))
    missing = gold_bag - block_bag
    unreachable = sum(missing.values())
    cause = unreachable_cause(page, missing) if unreachable >= 0.1 * max(1, sum(gold_bag.values())) else None

    # The opening: the first content block of paragraph size (not the title); lost while later
    # content is kept.
    opening = None
    substantial = [i for i in positives if i != title_index and rows[i][1] >= OPENING_MIN_TOKENS]
    if substantial and substantial[0] not in kept and any(i in kept for i in positives if i > substantial[0]):
        opening = rows[substantial[0]][3]
    # The blocks at the region's edges when content is lost on that side: what started it late or ended it early.
    edges = {}
    if region:
        usable = [i for i, block in enumerate(blocks) if not block.in_chrome and not block.hidden]
        threshold = 0.1 * max(1, sum(gold_bag.values()))
        if sum(rows[i][1] for i in positives if i < region_start and i in usable) >= threshold:
            before = [i for i in usable if i < region_start]
            if before:
                edges["start"] = block_shape(blocks[before[-1]], labels[before[-1]])
        if sum(rows[i][1] for i in positives if i > region_end and i in usable) >= threshold:
            after = [i for i in usable if i > region_end]
            if after:
                edges["end"] = block_shape(blocks[after[0]], labels[after[0]])

    # Content in separate stretches (runs of content blocks, apart by more than STRETCH_GAP
    # boilerplate blocks): one body region can hold one of them.
    stretches: list[list[int]] = []  # [first, last, tokens, kept tokens]
    gap = STRETCH_GAP + 1
    for i, (label, tokens, is_kept, _, _) in enumerate(rows):
        if label == 1:
            if gap > STRETCH_GAP:
                stretches.append([i, i, 0, 0])
            stretch = stretches[-1]
            stretch[1], stretch[2], stretch[3] = i, stretch[2] + tokens, stretch[3] + (tokens if is_kept else 0)
            gap = 0
        elif label == 0:
            gap += 1
    content_total = sum(stretch[2] for stretch in stretches)
    large = [stretch for stretch in stretches if stretch[2] >= 0.1 * max(1, content_total)]
    stretch_figures = (len(large), sum(stretch[2] for stretch in stretches if not stretch[3]), content_total)

    # The feature table the block scorer reads, for the blocks segmentation saw, with their labels.
    features, feature_labels, feature_texts = None, None, []
    if segmented and state.features is not None and len(state.features) == len(segmented):
        keep_rows = [j for j, block in enumerate(segmented) if id(block) in position_of]
        features = np.asarray(state.features, dtype=np.float32)[keep_rows]
        kept_column = np.array([[position_of[id(segmented[j])] in kept] for j in keep_rows], dtype=np.float32)
        features = np.hstack([features, kept_column])
        feature_labels = np.array([labels[position_of[id(segmented[j])]] for j in keep_rows], dtype=np.int8)
        feature_texts = [segmented[j].text for j in keep_rows]
    body = "\n".join(paragraph.text for paragraph in result.paragraphs)
    return {
        "id": gold.id,
        "domain": gold.domain,
        "type": gold.page_type,
        "kind": kind,
        "scores": word_scores(body, gold.body),
        "oracle": word_scores("\n".join(block.text for block, label in zip(blocks, labels) if label == 1), gold.body),
        "gold_tokens": sum(gold_bag.values()),
        "unreachable": unreachable,
        "unreachable_cause": cause,
        "rows": rows,
        "wrong_shapes": Counter({shape: tokens for shape, tokens in _wrong_shapes(blocks, rows).items()}),
        "opening_lost": opening,
        "edges": edges,
        "stretches": stretch_figures,
        "features": features,
        "labels": feature_labels,
        "texts": feature_texts,
        "predicted_type": result.page_type,
        "metadata": metadata_classes(result, gold, page, blocks),
    }


OPENING_MIN_TOKENS = 8
WRONG_REGION_PRECISION = 0.2  # a non-empty body this far off: the region is on the wrong stretch
STRETCH_GAP = 5  # boilerplate blocks that separate two stretches of content
_DATE_LIKE = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b|\b(?:19|20)\d\d\b"
)
_CODE_LIKE = re.compile(r"[{}();=<>\[\]]|^\s*(?:\$|>>>|import |from |def |class |function |const |let |var |#include)")
_ITEM = re.compile(r"^\s*(?:[-*•·▪►‣◦–—]|\d{1,3}[.)]|[a-z][.)])\s")


def block_shape(block, label: int) -> str:
    """A coarse shape of a block, to tell what starts a region late or ends it early."""
    text = block.text
    words = len(tokenize(text))
    side = "content" if label == 1 else ("not content" if label == 0 else "undecided")
    if block.heading_level:
        shape = "heading"
    elif block.tag in ("pre", "code") or (len(_CODE_LIKE.findall(text)) >= 3 and words <= 40):
        shape = "code-like"
    elif block.tag in ("tr", "td", "th"):
        shape = "table row/cell"
    elif words <= 12 and _DATE_LIKE.search(text):
        shape = "date/time line"
    elif _ITEM.match(text) or block.tag in ("li", "dd", "dt"):
        shape = "list item"
    elif words <= 4:
        shape = "short line (1-4 words)"
    elif block.link_density >= 0.5:
        shape = "link-dense"
    elif words >= 8 and text[-1] in _SENTENCE_END:
        shape = "sentence/paragraph"
    else:
        shape = "other line (5+ words)"
    return f"{shape}, {side}"


def _wrong_shapes(blocks, rows) -> Counter:
    """Words of the body's non-content blocks by the blocks' shape."""
    shapes: Counter = Counter()
    for block, (label, tokens, kept, _, _) in zip(blocks, rows):
        if kept and label == 0:
            shapes[block_shape(block, label).rsplit(", ", 1)[0]] += tokens
    return shapes


_NOSCRIPT = re.compile(r"<noscript\b[^>]*>(.*?)</noscript\s*>", re.IGNORECASE | re.DOTALL)
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^<>]*>")


def unreachable_cause(page: dict, missing: Counter) -> str:
    """Why the gold's words are in no block: where the page holds them instead."""
    content = page["content"]
    if page.get("content_type") != "text/html":
        return "not in the page text (rendered by JavaScript, or in closed tabs)"
    share = lambda text: sum((missing & Counter(tokenize(text))).values()) / max(1, sum(missing.values()))  # noqa: E731
    noscript = " ".join(_TAG.sub(" ", match) for match in _NOSCRIPT.findall(content))
    if noscript and share(html_lib.unescape(noscript)) >= 0.5:
        return "inside <noscript> (shown with JavaScript off)"
    scripts = " ".join(_SCRIPT.findall(content))
    if scripts and share(html_lib.unescape(scripts)) >= 0.5:
        return "only in scripts or JSON (rendered by JavaScript)"
    if share(html_lib.unescape(_TAG.sub(" ", content))) >= 0.5:
        return "in the markup, but in no block (attributes, opaque elements)"
    return "not in the HTML"


# ---------------------------------------------------------------------------------------------
# Metadata error classes


def date_renderings(day: str) -> list[str]:
    """Common ways a page writes a day (lowercase), for 'is the gold date on the page at all'."""
    if len(day) != 10:
        return [day]
    year, month, date = int(day[:4]), int(day[5:7]), int(day[8:10])
    months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
    name, short = months[month - 1], months[month - 1][:3]
    return [
        day, f"{year}/{month:02d}/{date:02d}", f"{name} {date}, {year}", f"{short} {date}, {year}", f"{short}. {date}, {year}",
        f"{date} {name} {year}", f"{date} {short} {year}", f"{date}. {name} {year}", f"{month:02d}/{date:02d}/{year}",
        f"{month}/{date}/{year}", f"{date:02d}/{month:02d}/{year}", f"{date}/{month}/{year}", f"{date:02d}.{month:02d}.{year}",
        f"{date}.{month}.{year}", f"{date:02d}.{month:02d}.{year % 100:02d}", f"{date:02d}-{month:02d}-{year}",
        f"{year}年{month}月{date}日", f"{name} {date:02d}, {year}", f"{date}th {name} {year}", f"{name} {date}th, {year}",
    ]


def metadata_classes(result, gold, page: dict, blocks) -> dict[str, str]:
    content_lower = page["content"].lower()
    lines = {normalized_text(block.text) for block in blocks}
    classes: dict[str, str] = {}
    if gold.title:
        if title_matches(result.title, gold.title):
            classes["title"] = "right"
        elif not result.title:
            classes["title"] = "none given"
        elif title_matches_without_affix(result.title, gold.title):
            classes["title"] = "site-name affix kept or dropped"
        else:
            ours, theirs = normalized_text(result.title), normalized_text(gold.title)
            if theirs in ours:
                classes["title"] = "ours holds the gold plus more (kicker, section)"
            elif ours in theirs:
                classes["title"] = "ours is part of the gold"
            elif theirs not in lines:
                classes["title"] = "gold is no block/line of the page; ours another"
            else:
                classes["title"] = "another line chosen (gold is a line of the page)"
    given = [person.name for person in result.contributors if person.role in ("author", "reporter", "contributor")]
    if gold.author:
        if author_matches(given, gold.author):
            classes["author"] = "right"
        else:
            expected = people(gold.author)
            first = expected[0] if expected else ""
            visible = [block.text for block in blocks if not block.hidden]
            holding = [text for text in visible if first and first in " ".join(tokenize(text))]
            if not given:
                if not holding:
                    classes["author"] = "none given; name in no visible block" + (" (in markup)" if first and first.split()[0] in content_lower else "")
                elif any(" ".join(tokenize(text)) == first for text in holding):
                    classes["author"] = "none given; a bare name line/block"
                elif any(re.match(r"(?i)\s*(by|written by|posted by|author:?)\b", text) for text in holding):
                    classes["author"] = "none given; a 'By ...' line"
                elif any(len(tokenize(text)) <= 12 for text in holding):
                    classes["author"] = "none given; name shares a short line (date, section...)"
                else:
                    classes["author"] = "none given; name only inside prose/long blocks"
            elif first and any(first in person or person in first for person in people(given)):
                classes["author"] = "partly right (name cut, extra people or words)"
            else:
                classes["author"] = "another name given"
    elif given:
        classes["author"] = "gold has none, ours gives one"
    ours_day = result.published.local if result.published else None
    if gold.date:
        if date_matches(ours_day, gold.date):
            classes["date"] = "right"
        elif not ours_day:
            renderings = date_renderings(gold.date)
            visible_text = "\n".join(block.text.lower() for block in blocks if not block.hidden)
            if any(rendering in visible_text for rendering in renderings):
                classes["date"] = "none given; the day is written on the page"
            elif gold.date in content_lower:
                classes["date"] = "none given; the day only in markup (meta, JSON-LD)"
            else:
                classes["date"] = "none given; the day not found in a common form"
        else:
            ours, theirs = ours_day[:10], gold.date
            if len(theirs) == 10 and len(ours) == 10:
                from datetime import date

                difference = (date.fromisoformat(ours) - date.fromisoformat(theirs)).days
                if abs(difference) == 1:
                    classes["date"] = "one day off (time zone)"
                elif ours[:4] == theirs[:4] and ours[5:7] == theirs[8:10] and ours[8:10] == theirs[5:7]:
                    classes["date"] = "day and month swapped"
                elif difference > 0:
                    classes["date"] = "ours later (modified, or today/crawl date)"
                else:
                    classes["date"] = "ours earlier (older date on the page)"
            else:
                classes["date"] = "wrong"
    elif ours_day:
        classes["date"] = "gold has none, ours gives one"
    return classes


# ---------------------------------------------------------------------------------------------
# Report


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Area under the ROC curve (ties count half), by ranks."""
    positives = labels.sum()
    negatives = len(labels) - positives
    if not positives or not negatives:
        return float("nan")
    order = scores.argsort(kind="mergesort")
    ranks = np.empty(len(scores), dtype=np.float64)
    sorted_scores = scores[order]
    # average ranks for ties
    boundaries = np.flatnonzero(np.diff(sorted_scores)) + 1
    starts = np.concatenate(([0], boundaries))
    ends = np.concatenate((boundaries, [len(scores)]))
    for start, end in zip(starts, ends):
        ranks[order[start:end]] = (start + end + 1) / 2.0
    return float((ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def fit_logistic(x: np.ndarray, y: np.ndarray, weights: np.ndarray, l2: float = 1.0, steps: int = 25) -> np.ndarray:
    """Weighted L2 logistic regression by Newton steps (x already has a bias column)."""
    coefficients = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ coefficients, -30, 30)))
        gradient = x.T @ (weights * (p - y)) + l2 * coefficients
        hessian = (x * (weights * p * (1 - p))[:, None]).T @ x + l2 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        coefficients -= step
        if np.abs(step).max() < 1e-6:
            break
    return coefficients


def md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def report(pages: list[dict], kinds: Sequence[str]) -> None:
    print("# wcxb tune fold: failure analysis of our extraction (generated by `python -m bench.wcxb_analysis`)\n")
    for kind in kinds:
        chosen = [page for page in pages if page["kind"] == kind]
        if chosen:
            report_kind(chosen, kind)
    report_features(pages, kinds)


def report_kind(pages: list[dict], kind: str) -> None:
    types = [t for t in PAGE_TYPES if any(page["type"] == t for page in pages)]
    print(f"\n## Input: {kind} ({len(pages)} tune pages)\n")
    rows = []
    for t in types + ["all"]:
        group = [page for page in pages if t in ("all", page["type"])]
        mean = lambda values: sum(values) / len(values)  # noqa: E731
        rows.append([
            t, len(group), f"{mean([p['scores'][0] for p in group]):.3f}", f"{mean([p['scores'][1] for p in group]):.3f}",
            f"{mean([p['scores'][2] for p in group]):.3f}", f"{mean([p['oracle'][2] for p in group]):.3f}",
            sum(1 for p in group if not any(row[2] for row in p["rows"])),
            pct(sum(p["unreachable"] for p in group), sum(p["gold_tokens"] for p in group)),
        ])
    print("Our body scores (benchmark metric), the F1 of keeping exactly the blocks labelled content (oracle: the ceiling of a "
          "block classifier), pages where our body is empty, and the gold's words in no block at all:\n")
    print(md_table(["type", "pages", "P", "R", "F1", "oracle F1", "empty body", "gold words in no block"], rows))
    causes = defaultdict(Counter)
    for page in pages:
        if page["unreachable_cause"]:
            causes[page["unreachable_cause"]][page["type"]] += 1
    if causes:
        print("\nPages where at least 10% of the gold's words are in no block, by where the words are:\n")
        rows = [[cause] + [str(causes[cause][t]) for t in types] + [str(sum(causes[cause].values()))]
                for cause in sorted(causes, key=lambda c: -sum(causes[c].values()))]
        print(md_table(["where the words are", *types, "all"], rows))

    # Recall: lost content tokens by reason and type
    lost = defaultdict(Counter)  # reason -> type -> tokens
    lost_pages = defaultdict(Counter)  # reason -> type -> pages where the reason loses >= 10% of gold tokens
    by_tag = defaultdict(Counter)
    chrome_tokens = defaultdict(Counter)  # class/id token -> type -> lost content tokens
    content_tokens = Counter()
    for page in pages:
        per_reason = Counter()
        for label, tokens, kept, reason, group in page["rows"]:
            if label == 1:
                content_tokens[page["type"]] += tokens
                if not kept:
                    per_reason[reason] += tokens
                    by_tag[group][page["type"]] += tokens
        grouped_reasons = Counter()
        for reason, tokens in per_reason.items():
            if reason.startswith("chrome: class/id"):
                chrome_tokens[reason.split("'")[1] if "'" in reason else "?"][page["type"]] += tokens
                reason = "chrome: class/id token"
            grouped_reasons[reason] += tokens
        for reason, tokens in grouped_reasons.items():
            lost[reason][page["type"]] += tokens
            if tokens >= 0.1 * max(1, page["gold_tokens"]):
                lost_pages[reason][page["type"]] += 1
    total_content = sum(content_tokens.values())
    print("\n### Recall: content blocks we drop, by reason\n")
    print("Share of the content blocks' tokens lost to each reason, per page type (and, in brackets, the pages where that "
          "reason alone loses at least 10% of the gold's words):\n")
    minor = [reason for reason in lost if sum(lost[reason].values()) < 0.0005 * total_content]
    if minor:
        merged = "other reasons (" + ", ".join(sorted(minor)) + ")"
        for reason in minor:
            lost[merged].update(lost.pop(reason))
            lost_pages[merged].update(lost_pages.pop(reason, Counter()))
    order = sorted(lost, key=lambda reason: -sum(lost[reason].values()))
    rows = []
    for reason in order:
        rows.append([reason] + [f"{pct(lost[reason][t], content_tokens[t])} ({lost_pages[reason][t]})" for t in types]
                    + [f"{pct(sum(lost[reason].values()), total_content)} ({sum(lost_pages[reason].values())})"])
    print(md_table(["reason", *types, "all"], rows))
    if chrome_tokens:
        top = sorted(chrome_tokens, key=lambda token: -sum(chrome_tokens[token].values()))[:12]
        print("\nThe class/id tokens behind 'chrome: class/id token' (share of the type's content tokens):\n")
        rows = [[f"'{token}'"] + [pct(chrome_tokens[token][t], content_tokens[t]) for t in types] + [pct(sum(chrome_tokens[token].values()), total_content)] for token in top]
        print(md_table(["token", *types, "all"], rows))
    print("\nLost content tokens by the block's tag (share of the type's content tokens):\n")
    rows = [[group] + [pct(by_tag[group][t], content_tokens[t]) for t in types] + [pct(sum(by_tag[group].values()), total_content)]
            for group in sorted(by_tag, key=lambda g: -sum(by_tag[g].values()))]
    print(md_table(["tag", *types, "all"], rows))
    openings = defaultdict(Counter)
    tokens_behind = Counter()
    for page in pages:
        reason = page["opening_lost"]
        if reason:
            if reason.startswith("chrome: class/id"):
                tokens_behind[reason.split("'")[1] if "'" in reason else "?"] += 1
                reason = "chrome: class/id token"
            elif reason.startswith("chrome: <") or reason.startswith("chrome: role"):
                reason = "chrome: tag or role (<nav>, <header>, <aside>, <form>, role=...)"
            openings[reason][page["type"]] += 1
    with_body = Counter(page["type"] for page in pages if any(row[0] == 1 for row in page["rows"]) and any(row[2] for row in page["rows"]))
    print(f"\nThe page's opening (its first content block of {OPENING_MIN_TOKENS}+ words, not the title) is missing while later "
          "content is kept, by why (pages; last row: pages with content and a body):\n")
    rows = [[reason] + [str(openings[reason][t]) for t in types] + [str(sum(openings[reason].values()))]
            for reason in sorted(openings, key=lambda r: -sum(openings[r].values()))]
    rows.append(["pages with a body"] + [str(with_body[t]) for t in types] + [str(sum(with_body.values()))])
    print(md_table(["why", *types, "all"], rows))
    if tokens_behind:
        print("\nclass/id tokens behind those: " + ", ".join(f"'{token}' {n}" for token, n in tokens_behind.most_common(12)))
    rows = []
    for t in [*types, "all"]:
        group = [page for page in pages if t in ("all", page["type"])]
        several = sum(1 for page in group if page["stretches"][0] >= 2)
        missed = sum(page["stretches"][1] for page in group)
        content = sum(page["stretches"][2] for page in group)
        rows.append([t, f"{several} of {len(group)}", pct(missed, content)])
    print(f"\nContent in separate stretches (runs of content blocks more than {STRETCH_GAP} boilerplate blocks apart): pages "
          "with two or more stretches each holding 10%+ of the page's content words, and the share of content words in "
          "stretches of which our body keeps nothing:\n")
    print(md_table(["type", "pages with 2+ stretches", "content in stretches we miss whole"], rows))
    for side, what in (("start", "starts late: the block just before the region"), ("end", "ends early: the first block after the region")):
        shapes = defaultdict(Counter)
        for page in pages:
            if side in page["edges"]:
                shapes[page["edges"][side]][page["type"]] += 1
        if shapes:
            print(f"\nRegion {what} (chrome and hidden blocks skipped), on pages where content outside the region on "
                  f"that side is at least 10% of the gold's words:\n")
            rows = [[shape] + [str(shapes[shape][t]) for t in types] + [str(sum(shapes[shape].values()))]
                    for shape in sorted(shapes, key=lambda v: -sum(shapes[v].values()))]
            print(md_table(["block", *types, "all"], rows))

    # Precision
    wrong = defaultdict(Counter)
    wrong_group = defaultdict(Counter)
    output_tokens = Counter()
    for page in pages:
        for label, tokens, kept, reason, group in page["rows"]:
            if kept:
                output_tokens[page["type"]] += tokens
                if label != 1:
                    wrong[reason + (" (undecidable short)" if label == -1 else "")][page["type"]] += tokens
                    wrong_group[group][page["type"]] += tokens
    total_output = sum(output_tokens.values())
    print("\n### Precision: output blocks that are not content\n")
    print("Share of our output tokens (per type) in blocks labelled not content, by where they sit:\n")
    rows = [[reason] + [pct(wrong[reason][t], output_tokens[t]) for t in types] + [pct(sum(wrong[reason].values()), total_output)]
            for reason in sorted(wrong, key=lambda r: -sum(wrong[r].values()))]
    print(md_table(["where", *types, "all"], rows))
    shapes = defaultdict(Counter)
    for page in pages:
        for shape, tokens in page["wrong_shapes"].items():
            shapes[shape][page["type"]] += tokens
    print("\nThe same tokens (blocks labelled not content only) by the block's shape:\n")
    rows = [[shape] + [pct(shapes[shape][t], output_tokens[t]) for t in types] + [pct(sum(shapes[shape].values()), total_output)]
            for shape in sorted(shapes, key=lambda v: -sum(shapes[v].values()))]
    print(md_table(["shape", *types, "all"], rows))
    wrong_region = Counter(page["type"] for page in pages if any(row[2] for row in page["rows"]) and page["scores"][0] < WRONG_REGION_PRECISION)
    print(f"\nPages whose body is not empty but has precision under {WRONG_REGION_PRECISION} (the body is on the wrong part of "
          "the page): " + ", ".join(f"{t} {wrong_region[t]}" for t in types) + f"; all {sum(wrong_region.values())}")
    print("\nThe same tokens by the block's tag:\n")
    rows = [[group] + [pct(wrong_group[group][t], output_tokens[t]) for t in types] + [pct(sum(wrong_group[group].values()), total_output)]
            for group in sorted(wrong_group, key=lambda g: -sum(wrong_group[g].values()))]
    print(md_table(["tag", *types, "all"], rows))

    # Metadata
    print("\n### Title, author, date: error classes (pages)\n")
    for field in ("title", "author", "date"):
        classes = defaultdict(Counter)
        for page in pages:
            value = page["metadata"].get(field)
            if value:
                classes[value][page["type"]] += 1
        rows = [[value] + [str(classes[value][t]) for t in types] + [str(sum(classes[value].values()))]
                for value in sorted(classes, key=lambda v: (v != "right", -sum(classes[v].values())))]
        print(f"\n{field}:\n")
        print(md_table(["class", *types, "all"], rows))


def report_features(pages: list[dict], kinds: Sequence[str]) -> None:
    print("\n## Block signals: what separates content blocks from boilerplate\n")
    print("Every block of every tune page, labelled by `bench.labels.label_blocks` (undecidable short blocks left out). "
          "AUC of each feature alone (0.5: no signal; below 0.5: higher means boilerplate), over blocks and weighted by "
          "their tokens; then a logistic regression over all features but 'kept by our pipeline now', fitted in 5 "
          "domain-grouped folds inside the tune fold, keeping the blocks it scores >= 0.5.\n")
    for kind in kinds:
        chosen = [page for page in pages if page["kind"] == kind]
        if not chosen:
            continue
        names = feature_names()
        for page in chosen:  # no block reached segmentation (quarantined, or nothing in the markup)
            if page["features"] is None:
                page["features"] = np.zeros((0, len(names)), dtype=np.float32)
                page["labels"] = np.zeros(0, dtype=np.int8)
        x = np.concatenate([page["features"] for page in chosen])
        y = np.concatenate([page["labels"] for page in chosen])
        page_of = np.concatenate([np.full(len(page["labels"]), n) for n, page in enumerate(chosen)])
        tokens = np.array([len(tokenize(text)) for page in chosen for text in page["texts"]], dtype=np.float64)
        decided = y >= 0
        xd, yd, td = x[decided], y[decided].astype(np.float64), tokens[decided]
        print(f"\n### {kind}: {int(decided.sum())} labelled blocks ({int(yd.sum())} content), {int((~decided).sum())} left out\n")
        rows = []
        for column, name in enumerate(names):
            values = xd[:, column].astype(np.float64)
            if np.all(values == values[0]):
                continue
            weighted = auc_weighted(values, yd, td)
            rows.append([name, f"{auc(values, yd):.3f}", f"{weighted:.3f}", f"{values[yd == 1].mean():.3f}", f"{values[yd == 0].mean():.3f}"])
        print(md_table(["feature", "AUC (blocks)", "AUC (tokens)", "mean in content", "mean in boilerplate"], rows))
        cross_validated(chosen, x, y, page_of, kind, tokens)


def auc_weighted(scores: np.ndarray, labels: np.ndarray, weights: np.ndarray) -> float:
    """Token-weighted AUC: each block counts as often as it has tokens (ties count half)."""
    order = np.argsort(scores, kind="mergesort")
    s, l, w = scores[order], labels[order], weights[order]
    positive_weight = (w * l).sum()
    negative_weight = (w * (1 - l)).sum()
    if not positive_weight or not negative_weight:
        return float("nan")
    total = 0.0
    negatives_below = 0.0
    index = 0
    while index < len(s):
        end = index
        while end < len(s) and s[end] == s[index]:
            end += 1
        tie_positive = (w[index:end] * l[index:end]).sum()
        tie_negative = (w[index:end] * (1 - l[index:end])).sum()
        total += tie_positive * (negatives_below + tie_negative / 2)
        negatives_below += tie_negative
        index = end
    return total / (positive_weight * negative_weight)


def cross_validated(pages: list[dict], x: np.ndarray, y: np.ndarray, page_of: np.ndarray, kind: str, tokens: np.ndarray) -> None:
    names = feature_names()
    columns = [c for c in range(x.shape[1] - 1) if x[:, c].std() > 0]
    design = x[:, columns].astype(np.float64)
    mean, std = design.mean(0), design.std(0)
    std[std == 0] = 1
    design = np.hstack([(design - mean) / std, np.ones((len(design), 1))])
    domains = sorted({page["domain"] for page in pages})
    fold_of_domain = {domain: hash_fold(domain) for domain in domains}
    page_fold = np.array([fold_of_domain[page["domain"]] for page in pages])
    block_fold = page_fold[page_of]
    probabilities = np.zeros(len(y))
    decided = y >= 0
    weights = np.log1p(tokens) + 1.0  # longer blocks weigh a little more (the metric counts words)
    for fold in range(5):
        train = decided & (block_fold != fold)
        coefficients = fit_logistic(design[train], y[train].astype(np.float64), weights[train])
        test = block_fold == fold
        probabilities[test] = 1 / (1 + np.exp(-np.clip(design[test] @ coefficients, -30, 30)))
    print(f"\nLogistic regression, {kind}: block AUC {auc(probabilities[decided], y[decided].astype(np.float64)):.3f} "
          f"(our current keep/drop as a score: {auc(x[decided, KEPT_NOW].astype(np.float64), y[decided].astype(np.float64)):.3f}).\n")
    by_type = defaultdict(list)
    for n, page in enumerate(pages):
        texts = page["texts"]
        mask = page_of == n
        keep = probabilities[mask] >= 0.5
        body = "\n".join(text for text, chosen in zip(texts, keep) if chosen)
        gold_f1 = page["oracle"][2]
        by_type[page["type"]].append((page["scores"][2], word_scores_from_page(page, body), gold_f1))
    rows = []
    for t in [*PAGE_TYPES, "all"]:
        values = [v for key, group in by_type.items() if t in ("all", key) for v in group]
        if values:
            rows.append([t, len(values)] + [f"{sum(v[i] for v in values) / len(values):.3f}" for i in range(3)])
    print("Body F1 (benchmark metric) per page type: ours now, the regression's blocks (each block alone, no region "
          "logic), the labelled blocks (oracle):\n")
    print(md_table(["type", "pages", "ours now", "regression", "oracle"], rows))
    coefficients = fit_logistic(design[decided], y[decided].astype(np.float64), weights[decided])
    ranked = sorted(zip(columns, coefficients[:-1]), key=lambda item: -abs(item[1]))
    print("\nStandardized coefficients of the regression fitted on all tune blocks (positive: content): "
          + ", ".join(f"{names[c]} {value:+.2f}" for c, value in ranked[:20]))


def word_scores_from_page(page: dict, body: str) -> float:
    return word_scores(body, page["gold_body"])[2]


def hash_fold(domain: str) -> int:
    import hashlib

    return int(hashlib.sha1(domain.encode()).hexdigest(), 16) % 5


# ---------------------------------------------------------------------------------------------


def collect(root: Path, kinds: Sequence[str], types: Sequence[str], jobs: int) -> list[dict]:
    gold = {page_id: truth for page_id, truth in load_gold(root).items() if truth.fold == "tune" and truth.page_type in types}
    tasks = []
    for kind in kinds:
        for page_id, page in load_raw(root, kind).items():
            if page_id in gold:
                tasks.append((page, gold[page_id], kind))
    tasks.sort(key=lambda task: -len(task[0]["content"]))
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            pages = list(pool.imap_unordered(analyse_page, tasks, chunksize=2))
    else:
        pages = [analyse_page(task) for task in tasks]
    bodies = {page_id: truth.body for page_id, truth in gold.items()}
    for page in pages:
        page["gold_body"] = bodies[page["id"]]
    pages.sort(key=lambda page: (page["id"], page["kind"]))
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devdata", type=Path, default=DEVDATA_DIR)
    parser.add_argument("--kind", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--types", nargs="+", choices=PAGE_TYPES, default=list(PAGE_TYPES))
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    pages = collect(args.devdata, args.kind, args.types, max(1, args.jobs))
    report(pages, args.kind)
    return 0


if __name__ == "__main__":
    sys.exit(main())
