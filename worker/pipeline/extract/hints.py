"""What an HTML page declares about itself: meta tags, JSON-LD, <title>, <time>, bylines, captions.

The block builder (:mod:`worker.pipeline.extract.html`) collects the raw material in its single pass over
the page into a :class:`HintSources` (meta tags' attributes, JSON-LD script texts, the <title>,
<time datetime> values, texts of byline/credit elements, figcaptions); :func:`page_hints` turns it
into a :class:`PageHints`. Each field takes the first declaration found in a fixed order of
trust: article metadata (JSON-LD NewsArticle and friends, Open Graph / article:*) before generic
tags (<title>, <meta name=date>) before what the markup merely suggests (rel=author, byline
classes, <time> elements).

JSON-LD is untrusted text: it is parsed with orjson inside a try, its shape (dict, list, @graph,
strings where objects are expected) is checked at every step, and the amount looked at is bounded.
Hand-written JSON-LD is often not quite JSON (a raw newline inside a string, a ``// comment``, a
trailing comma, two objects side by side): a script orjson refuses is repaired once by
:func:`lenient_json` and parsed again, the way browsers' own readers of it shrug those off.
"""

from __future__ import annotations

import html as html_entities
import re
from collections.abc import Callable

import orjson

from worker.pipeline.segment import bylines, names
from worker.pipeline.model import Block, PageHints
from worker.pipeline.extract.normalize import normalize_text

ARTICLE_TYPES = frozenset(
    (
        "newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle",
        "techarticle", "socialmediaposting", "liveblogposting", "report", "posting", "webpage",
    )
)
MAX_JSON_LD_CHARS = 300_000
MAX_JSON_LD_OBJECTS = 500
MAX_HINT_CHARS = 500
MAX_SOURCES = 200  # of each kind: metas, scripts, times, captures

META_PUBLISHED = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "pubdate", "publishdate", "publish_date", "publish-date", "published_time", "article.published",
    "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dcterms.created",
    "dc.date", "dcterms.date", "date", "pubtime", "publishtime", "published", "published-date", "published_date",
)
META_AUTHOR = ("author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author")
# Labelled summary cards (twitter:label1 "Written by" with twitter:data1 "Jane Doe"), as blog
# platforms write them: the data of a label that names the author.
CARD_AUTHOR_LABELS = frozenset(("written by", "author", "by", "posted by"))
CARD_SLOTS = 4
META_SECTION = ("article:section", "og:article:section", "articlesection", "section", "parsely-section")
META_PUBLISHER = ("og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site")
META_DESCRIPTION = ("og:description", "description", "twitter:description", "dc.description")
META_LANGUAGE = ("og:locale", "content-language", "dc.language", "language")

# "Headline | Site", "Headline - Site", "Headline — Site": the trailing part after a separator.
TITLE_SUFFIX = re.compile(r"\s+(?:\||-|–|—|::|·|»|_)\s+([^|\-–—:·»_]{1,60})$")
# A declared title's head of this many words is a headline: its separated suffix goes (see
# _strip_site_suffix).
MIN_HEADLINE_WORDS = 2
# Other visible <h1> texts offered to the title chooser besides the article's own.
MAX_OTHER_H1 = 3
# An <h1> this short that the <title> does not contain is a logo or a subheading, not the headline.
MAX_LOGO_WORDS = 3
MAX_LOGO_CHARS = 24
# An author element's text longer than this is not a byline (a bio, a comment); a meta value may
# list many people.
MAX_CAPTURED_AUTHOR_CHARS = 80
MAX_META_AUTHOR_CHARS = 400
MAX_LINK_NAME_CHARS = 80  # the text of a link to an author's page that names people
# A byline's cue ("By", "Written by:", "Article by", "作者："); alone, it names nobody.
BYLINE_PREFIX = re.compile(
    r"^(?:(?:(?:written|posted|article|story|words|text|reported|authored)\s+)?(?:by|von|por|par|di|de|oleh|door|av|af|автор)"
    r"(?:\s*[:：]\s*|\s+|$)|authors?\s*[:：]\s*|(?:作者|记者|文)\s*[:：]?\s*)",
    re.IGNORECASE,
)
# The English cue alone, for names already read (the other languages' cue words "de", "di", "von"
# open surnames too: "De Souza").
ENGLISH_BYLINE_CUE = re.compile(r"^(?:(?:written|posted|article|story|words|text|reported|authored)\s+)?by(?:\s*[:：]\s*|\s+|$)", re.IGNORECASE)
AUTHOR_SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|&|\bund\b|\by\b|\bet\b|\be\b|、|和)\s*")
URLISH = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net)/", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")
# A comment's signature in an element marked as a byline ("Jiobal says:", "Mark wrote:").
COMMENT_SIGNATURE = re.compile(r"\s(?:says|said|wrote)\s*:?\s*$", re.IGNORECASE)
# "by" after other words of a byline element ("Recipe by PJ Hamel", "Reviewed by Jane Doe").
INNER_AUTHOR_CUE = re.compile(r"\s(?:by|By|BY)(?::\s*|\s+)(?=[A-Z])")
# A heading's permalink mark ("Advanced Usage¶", documentation generators' anchors): no part of
# the title.
PERMALINK_MARK = re.compile(r"\s*[¶🔗\uf0c1]+\s*$")
# Punctuation a declared name may start or end with once its other parts are empty (", USA TODAY").
NAME_EDGE_PUNCTUATION = " ,;:|·-–—"


class HintSources:
    """Raw hint material gathered during the block builder's pass (bounded in size).

    Attributes come parsed by the standard tokenizer (names lowercase, character references
    decoded, the first of duplicate names); the <title> and JSON-LD texts are the page's own
    characters, sliced from the content by the spans the builder found.
    """

    __slots__ = ("metas", "ld_json", "title", "html_attributes", "times", "authors", "captions", "author_links")

    def __init__(self) -> None:
        self.metas: list[dict[str, str]] = []  # attributes of <meta> tags
        self.ld_json: list[str] = []
        self.title: str | None = None  # raw <title> content
        self.html_attributes: dict[str, str] = {}  # attributes of <html>
        self.times: list[tuple[str, bool]] = []  # (<time datetime>, inside <article>/<main>, or a <header>)
        self.authors: list[str] = []  # text of byline / rel=author / itemprop=author elements
        self.captions: list[tuple[str, str | None]] = []
        self.author_links: list[str] = []  # text of links to author pages (href .../author/...)

    @classmethod
    def from_builder(cls, content: str, raw: tuple) -> HintSources:
        """From the compiled builder's hint tuple (see worker._native.Extractor.extract)."""
        metas, json_ld, title, html_attributes, times, authors, captions, author_links = raw
        sources = cls()
        sources.metas = metas
        sources.ld_json = [content[start:end] for start, end in json_ld if end - start <= MAX_JSON_LD_CHARS][:MAX_SOURCES]
        sources.title = content[title[0] : title[1]] if title is not None else None
        sources.html_attributes = html_attributes or {}
        sources.times = times
        sources.authors = authors
        sources.captions = captions
        sources.author_links = author_links
        return sources

    def declared_titles(self) -> list[str]:
        """The page's own title declarations (og:title, twitter:title, <title>), lowercased."""
        titles = []
        for attributes in self.metas:
            key = (attributes.get("property") or attributes.get("name") or "").lower()
            if key in ("og:title", "twitter:title") and attributes.get("content"):
                titles.append(_clean(attributes["content"]) or "")
        if self.title:
            titles.append(_clean(self.title) or "")
        keys = (_NON_WORD.sub("", title.lower()) for title in titles)
        return [key for key in keys if len(key) >= 6]


def page_hints(sources: HintSources, blocks: list[Block]) -> PageHints:
    """PageHints from what the builder collected and the blocks it made."""
    meta = _meta_values(sources.metas)
    schema_types: list[str] = []
    ld = _json_ld_article(sources.ld_json, schema_types)
    site_name = _clean(_ld_name(ld.get("publisher")) or _first(meta, META_PUBLISHER))
    hints = PageHints()
    hints.publisher = site_name if site_name and not site_name.startswith("@") else None
    h1 = _article_h1(blocks)
    hints.title = _title(meta, ld, sources.title, h1, site_name)
    hints.title_candidates = _title_candidates(meta, ld, sources.title, h1, blocks, site_name)
    hints.published = _clean(_ld_text(ld.get("datePublished")) or _first(meta, META_PUBLISHED) or _time_hint(sources.times))
    hints.authors = _authors(meta, ld, sources.authors, sources.author_links, site_name)
    section = ld.get("articleSection")
    if isinstance(section, list):
        section = next((item for item in section if isinstance(item, str) and item.strip()), None)
    hints.section = _clean(section) or _clean(_first(meta, META_SECTION))
    hints.description = _clean(_first(meta, META_DESCRIPTION) or _ld_text(ld.get("description")))
    hints.language = _language(sources.html_attributes, meta, ld)
    hints.captions = [(text, credit) for text, credit in sources.captions[:MAX_SOURCES]]
    hints.schema_types = schema_types
    hints.og_type = (meta.get("og:type") or "").strip().lower()[:40] or None
    return hints


def _clean(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = value[: MAX_HINT_CHARS * 2]
    if "&" in value:
        value = html_entities.unescape(value)
    text = normalize_text(" ".join(value.split()))
    return text[:MAX_HINT_CHARS] or None


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = meta.get(key)
        if value:
            return value
    return None


def _meta_values(metas: list[dict[str, str]]) -> dict[str, str]:
    values: dict[str, str] = {}
    for attributes in metas[: MAX_SOURCES * 2]:
        content = attributes.get("content", "").strip()
        if not content:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = attributes.get(attribute)
            if key:
                values.setdefault(key.strip().lower(), content)
    return values


def _json_ld_article(scripts: list[str], types_seen: list[str] | None = None) -> dict:
    """The first JSON-LD object of an article type over all ld+json scripts, else {}. The @type
    names of every object read are added to ``types_seen`` (lowercase, each once)."""
    fallback: dict = {}
    chosen: dict | None = None
    for raw in scripts:
        raw = raw.strip()
        if raw.startswith("<!--"):
            raw = raw[4:]
        if raw.endswith("-->"):
            raw = raw[:-3]
        raw = raw.strip().rstrip(";")
        if not raw:
            continue
        data = parse_json_ld(raw)
        if data is None:
            continue
        for item in _ld_objects(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            names = {k.lower() for k in kinds if isinstance(k, str)}
            if types_seen is not None and len(types_seen) < MAX_SOURCES:
                types_seen.extend(sorted(name for name in names if name not in types_seen))
            if chosen is not None:
                continue  # the article is found; the rest is read for its types only
            if names & ARTICLE_TYPES and ("headline" in item or "datePublished" in item or "author" in item):
                if "webpage" not in names or names - {"webpage"}:
                    chosen = item
                    if types_seen is None:
                        return chosen
                    continue
                fallback = fallback or item
            elif not fallback and ("headline" in item or "datePublished" in item):
                fallback = item
    return chosen if chosen is not None else fallback


# One linear scan over a script: a string (to its closing quote, or to the end when it has none), a
# comment (to its end, or to the end of the script), or a comma that only white space separates
# from a closing bracket. Possessive repeats: an unclosed string or comment never backtracks.
_LENIENT_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*+(?:"|\Z)|//[^\n]*+|/\*(?:[^*]|\*(?!/))*+(?:\*/|\Z)|,(?=\s*+[}\]])', re.S)
_CONTROL_CHARS = re.compile(r"[\x00-\x1f]")


def _lenient_token(match: re.Match) -> str:
    token = match.group()
    if token.startswith('"'):
        return _CONTROL_CHARS.sub(" ", token)  # a raw newline or tab inside a string: a space
    return ""  # a comment or a trailing comma: gone


def lenient_json(raw: str) -> str:
    """``raw`` with the slips of hand-written JSON-LD repaired: control characters inside strings
    become spaces, ``//`` and ``/* */`` comments and trailing commas go. Linear in its length."""
    return _LENIENT_TOKEN.sub(_lenient_token, raw).strip()


def parse_json_ld(raw: str):
    """A JSON-LD script's data: read as it is, else after :func:`lenient_json`, else (objects
    written side by side, ``{...},{...}``) as the list they make; None when no reading succeeds."""
    data = _loads(raw)
    if data is None:
        repaired = lenient_json(raw)
        data = _loads(repaired)
        if data is None and repaired.startswith("{"):
            data = _loads(f"[{repaired}]")
    return data


def _loads(text: str):
    """orjson's reading of ``text``, or None when it is no JSON (a JSON null reads as None too:
    nothing to read either way)."""
    try:
        return orjson.loads(text.encode("utf-8", "replace"))
    except (orjson.JSONDecodeError, ValueError):
        return None


def _ld_objects(data):
    """The dicts of a JSON-LD document, breadth-first through lists, @graph and mainEntity; bounded."""
    queue = [data]
    position = 0
    while position < len(queue) and position < MAX_JSON_LD_OBJECTS:
        item = queue[position]
        position += 1
        if isinstance(item, list):
            queue.extend(item[:MAX_JSON_LD_OBJECTS])
        elif isinstance(item, dict):
            yield item
            for key in ("@graph", "mainEntity"):
                nested = item.get(key)
                if isinstance(nested, (list, dict)):
                    queue.append(nested)


def _ld_text(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) else None


def _ld_name(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) and value.strip() else None


def _article_h1(blocks: list[Block]) -> str | None:
    fallback = None
    for block in blocks:
        if block.heading_level == 1 and not block.hidden:
            if block.in_article:
                return heading_title(block.text)
            if fallback is None and not block.in_chrome:
                fallback = heading_title(block.text)
    return fallback


def heading_title(text: str) -> str:
    """A heading's text as a title: without a permalink mark at its end."""
    return PERMALINK_MARK.sub("", text) if text.endswith(("¶", "🔗", "\uf0c1", " ")) else text


def _title(meta, ld, raw_title, h1, site_name) -> str | None:
    for candidate in (_ld_text(ld.get("headline")), meta.get("og:title"), meta.get("twitter:title")):
        title = _clean(candidate)
        if title:
            return _strip_site_suffix(title, site_name, h1)
    title = _clean(raw_title)
    shown_title = _strip_site_suffix(title, site_name, h1, always=True) if title else None
    if h1 and not (shown_title and len(shown_title) > len(h1) and _looks_like_logo(h1, title)):
        return h1
    return shown_title


def _title_candidates(meta, ld, raw_title, h1, blocks: list[Block], site_name) -> list[tuple[str, str]]:
    """(source, text) of every title the page declares or shows (see PageHints.title_candidates)."""
    found: list[tuple[str, str]] = []
    declared = (("headline", _ld_text(ld.get("headline"))), ("og", meta.get("og:title")), ("twitter", meta.get("twitter:title")), ("title", raw_title))
    for source, value in declared:
        title = _clean(value)
        if not title:
            continue
        found.append((source, title))
        stripped = _strip_site_suffix(title, site_name, h1, always=True)
        if stripped != title:
            found.append((f"{source}_stripped", stripped))
    if h1:
        found.append(("h1", h1))
    others = 0
    for block in blocks:
        if others >= MAX_OTHER_H1:
            break
        if block.heading_level == 1 and not block.hidden and heading_title(block.text) != h1:
            found.append(("other_h1", heading_title(block.text)[:MAX_HINT_CHARS]))
            others += 1
    return found


def _looks_like_logo(h1: str, page_title: str) -> bool:
    """Whether the page's <h1> is not its headline but a logo or site name ("엔터 미디어" above
    "<headline> - Entermedia") or a subheading marked up as <h1>: a few words that the <title>
    does not contain. The <title>, less its site suffix, is the better headline then, when it is
    the longer of the two."""
    return len(h1.split()) <= MAX_LOGO_WORDS and len(h1) <= MAX_LOGO_CHARS and h1.casefold() not in page_title.casefold()


def _strip_site_suffix(title: str, site_name: str | None, h1: str | None, always: bool = False) -> str:
    """The declared title without its last " | suffix" (" - ", " – ", " · "...). A page declares
    "Headline | Site", "Headline - Section" or "Headline – tagline" where it shows the headline
    alone, so the suffix goes whenever the headline left has MIN_HEADLINE_WORDS words; a shorter
    one loses it only when the suffix is the site's name or the rest is the page's <h1> (and, for
    a raw <title>, ``always``, when the suffix is a short name). A title that is the <h1> as shown
    stays whole."""
    match = TITLE_SUFFIX.search(title)
    if match is None or title == h1:
        return title
    head, suffix = title[: match.start()].strip(), match.group(1).strip().lower()
    if not head:
        return title
    if len(head.split()) >= MIN_HEADLINE_WORDS:
        return head
    if site_name and (suffix in site_name.lower() or site_name.lower() in suffix):
        return head
    if h1 and h1.lower() == head.lower():
        return head
    if always and len(suffix.split()) <= 4 and len(suffix) < len(head):
        return head
    return title


def _authors(meta, ld, captured: list[str], author_links: list[str] = (), site_name: str | None = None) -> list[str]:
    """The page's authors: what it declares (JSON-LD, meta tags, a summary card), else what its
    byline elements and author links show. A declaration that names an organization (typed so in
    JSON-LD, an outlet or institution, the site's own name) gives way to a person the byline
    elements show: sites declare themselves where the page shows its writer ("GlossGenius"
    declared, "Shauna Mitchell" shown)."""
    declared, organization = _declared_authors(meta, ld)
    shown: list[str] = []
    if not declared:
        shown = _captured_authors(captured, lambda found: True)
        if not shown:
            # A link to an author's page ("/author/jane-doe"): the first that reads as names (a
            # menu's "Our authors" does not).
            shown = next((found for found in (_only_names(BYLINE_PREFIX.sub("", text.strip())) for text in author_links) if found), [])
    elif organization or all(_names_no_person(name, site_name) for name in declared):
        # (an element that shows the declared name first confirms it, unless JSON-LD types it an
        # organization: "Heather Handmade" declared and shown, a commenter's name after it)
        declared_keys = {name.casefold() for name in declared}
        shown = _captured_authors(
            captured,
            lambda found: any(names.is_personal_name(name) and not _names_no_person(name, site_name, within=True) for name in found),
            None if organization else lambda found: any(name.casefold() in declared_keys for name in found),
        )
    cleaned: list[str] = []
    for name in shown or declared:
        name = _clean(ENGLISH_BYLINE_CUE.sub("", name.strip()).strip(NAME_EDGE_PUNCTUATION))
        if name and name not in cleaned and len(name) <= 100 and not URLISH.search(name):
            cleaned.append(name)
    return cleaned[:10]


def _names_no_person(name: str, site_name: str | None, within: bool = False) -> bool:
    """A name that is no person's: an outlet or institution, or the site's own name (``within``:
    or a name holding it, "Help Net Security Sponsored"; a declared "The Investopedia Team" is the
    site's authors)."""
    name = name.strip(NAME_EDGE_PUNCTUATION)
    if not name or names.is_organization(name):
        return True
    if not site_name:
        return False
    site, key = _NON_WORD.sub("", site_name.casefold()), _NON_WORD.sub("", name.casefold())
    return site in key if within else site == key


def _declared_authors(meta, ld) -> tuple[list[str], bool]:
    """The authors the page declares (JSON-LD, else an author meta tag, else a labelled summary
    card), and whether JSON-LD types them all as organizations."""
    value = ld.get("author")
    found = _ld_authors(value)
    if found:
        items = value if isinstance(value, list) else [value]
        typed = [item.get("@type") for item in items[:20] if isinstance(item, dict)]
        return found, bool(typed) and all(isinstance(kind, str) and kind.lower() == "organization" for kind in typed)
    for key in META_AUTHOR:
        value = meta.get(key)
        if value and not URLISH.search(value):
            found = _byline_names(BYLINE_PREFIX.sub("", value.strip()), MAX_META_AUTHOR_CHARS)
            break
    if not found:
        for slot in range(1, CARD_SLOTS + 1):
            label, value = meta.get(f"twitter:label{slot}", ""), meta.get(f"twitter:data{slot}", "")
            if label.strip().lower().rstrip(":") in CARD_AUTHOR_LABELS and value and not URLISH.search(value):
                found = _byline_names(value.strip(), MAX_META_AUTHOR_CHARS)
                break
    return found, False


def _captured_authors(captured: list[str], wanted: Callable[[list[str]], bool], stop: Callable[[list[str]], bool] | None = None) -> list[str]:
    """The names the page's byline elements show: the first element whose names are ``wanted``
    (none once an element's names ``stop`` the search). A comment's signature ("Jiobal says:")
    names no author; a cue inside the element ("Recipe by PJ Hamel", "Texas Mattress Makers
    Reviewed by ...") opens its names."""
    for text in captured:
        text = text.strip()
        if not text or COMMENT_SIGNATURE.search(text):
            continue
        found = _cued_authors(text)
        if not found:
            inner = INNER_AUTHOR_CUE.search(text)
            if inner is not None:
                text = text[inner.end():]
            found = _byline_names(BYLINE_PREFIX.sub("", text), MAX_CAPTURED_AUTHOR_CHARS)
        if found and stop is not None and stop(found):
            return []
        if found and wanted(found):
            return found
    return []


def _cued_authors(text: str) -> list[str]:
    """The authors a byline element names after a cue of its own ("Post by galitsyn » 11. Sep
    2024", a forum's poster), as the byline parser reads them."""
    if len(text) > MAX_CAPTURED_AUTHOR_CHARS or not bylines.opens_with_cue(text):
        return []
    parsed = bylines.parse_byline(text)
    return [person.name for person in parsed.contributors if person.role == "author"] if parsed is not None else []


def _only_names(text: str) -> list[str]:
    """The people a short text names when it is nothing but one to three names of two words or
    more ("Jane Doe", "Jane Doe and John Roe"); else none ("Our authors", "View all posts")."""
    if not text or len(text) > MAX_LINK_NAME_CHARS or any(char.isdigit() for char in text):
        return []
    found, consumed = names.parse_latin_names(text)
    if found and consumed >= len(text) - 1 and len(found) <= 3 and all(" " in name for name in found):
        return found
    return []


def _byline_names(text: str, max_chars: int) -> list[str]:
    """Names in an author meta value or in the text of an element marked as the author ("By TOM
    KRISHER, AP Auto Writer", "Jeff Foust Monday, November 18, 2019"): read by the byline parser,
    which knows dates, outlets, job titles and name lists; failing that, split on separators,
    dropping parts with digits (dates, times, counters) and lone non-name words."""
    if not text or len(text) > max_chars:
        return []
    handle = _handle(text)
    if handle is not None:
        return [handle]
    parsed = bylines.parse_byline("By " + text) if text[0].isascii() or text[0].isalpha() and text[0] <= "\u024f" else None
    if parsed is not None and parsed.contributors:
        found = [contributor.name for contributor in parsed.contributors]
        words = text.split()
        if len(found) == 1 and found[0] == words[0] and len(words) == 2 and all(names.name_token_style(word) for word in words):
            # "Podium Staff", "Community Editor", "Audiophile On": one word and a word that ends
            # names is a desk's or a site's name as a whole, not a one-word person and a role.
            return [text]
        return found
    # (a part that is one of the words no name is made of, such as the weekday of "Sat, 20 Dec,
    # 2025 - 06:36", names nobody; a part with a lowercase word after a name is a role, and ends
    # the names: "Danielle Padula, Head of Marketing and Community Development")
    found = []
    for part in AUTHOR_SEPARATORS.split(text):
        if not part or any(c.isdigit() for c in part) or part.strip().lower().rstrip(".") in names.NAME_STOP_WORDS:
            continue
        if found and any(word[:1].islower() and word not in names.NAME_PARTICLES for word in part.split()):
            break
        found.append(part)
    return found


def _handle(text: str) -> str | None:
    """The user name an author element holds when it is one word that is no personal name: with
    digits, an underscore or a capital inside ("Ejp55230", "Noah_B", "InsaneSnow", as forums and
    comment threads name people), perhaps beside its avatar's initial ("JosephF J"). The name
    reader would cut it at the digit or the glued capital ("Ejp", "Insane")."""
    tokens = text.split()
    if not tokens or len(tokens) > 2 or (len(tokens) == 2 and len(tokens[1]) > 1):
        return None
    word = tokens[0]
    if not names.USER_NAME.fullmatch(word) or word.lower() in names.NAME_STOP_WORDS:
        return None
    marked = "_" in word or any(char.isdigit() for char in word) or any(char.isupper() for char in word[1:])
    return word if marked else None


def _ld_authors(value) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [name for name in (_ld_name(item) for item in items[:20]) if name]


def _time_hint(times: list[tuple[str, bool]]) -> str | None:
    for value, in_article in times:
        if in_article:
            return value
    return times[0][0] if times else None


def _language(html_attributes: dict[str, str], meta, ld) -> str | None:
    lang = (html_attributes.get("lang") or html_attributes.get("xml:lang") or "").strip()
    if lang:
        return lang[:35]
    value = _first(meta, META_LANGUAGE) or _ld_text(ld.get("inLanguage"))
    return value.strip()[:35] if value else None
