"""Structural evidence that an HTML element is page chrome (menus, share bars, comments...) or hidden.

Chrome is recognized from semantic tags and ARIA roles, and from the tokens of ``class``/``id``
attributes: ``"article__share-tools"`` and ``"relatedArticles"`` are split into lowercase tokens
(``share``, ``related``) and looked up in :data:`CHROME_TOKENS`. The lists are generic web
vocabulary (English plus common Romance/Germanic/Indonesian words and Chinese pinyin names, and
the two recommendation-widget vendors found on thousands of sites), never site names. Exact
token matches only: ``commentary`` must not match ``comment``. A chrome word after a layout
modifier (``has-sidebar``) or next to an embed word (``social-media-embed``, ``twitter-tweet``:
a post embedded in the story) does not count.

Hidden means hidden for every reader: the ``hidden`` attribute, ``aria-hidden="true"``, an inline
style with ``display:none``/``visibility:hidden``, or a utility class that only ever hides
(``d-none``, ``sr-only``...). Responsive classes (``hidden-xs``) do not count.
"""

from __future__ import annotations

import re

# <form> counts too: a page-wide ASP.NET <form> is vetoed later, as any chrome wrapper holding
# most of the page's text is (see worker.pipeline.extract.html).
CHROME_TAGS = frozenset(("nav", "aside", "footer", "menu", "dialog", "header", "form"))
CHROME_ROLES = frozenset(
    ("navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "toolbar", "dialog", "alertdialog")
)
CHROME_TOKENS = frozenset(
    """
    nav navbar navigation navi topnav subnav menu menus submenu megamenu mainmenu menubar dropdown
    breadcrumb breadcrumbs crumbs crumb
    share sharing shares sharebar sharetools sharelinks social socials socialmedia sociallinks
    related recommended recommendations recirc recirculation morestories
    rail trending popular mostpopular mostread mostviewed outbrain taboola
    newsletter newsletters subscribe subscription signup
    cookie cookies consent gdpr
    comment comments commentlist disqus respond replies
    sidebar sidebars widget widgets
    footer masthead
    advert advertisement advertisements adv ads adsense ad adslot adunit dfp sponsor sponsored promo promos
    popup modal overlay lightbox toolbar
    login signin skiplink skiplinks
    tags tagcloud taglist keywords
    pagination pager
    print
    compartir partager teilen condividi compartilhar delen
    relacionados relacionadas relacionado relacionada articoli correlati correlate verwandte connexes
    terkait lainnya baca juga
    kommentare commentaires comentarios commenti komentar reacties
    xiangguan fenxiang pinglun daohang mianbaoxie tuijian
    """.split()
)
HIDDEN_CLASS_TOKENS = frozenset(("d-none", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "hidden", "hide", "is-hidden", "u-hidden"))

# Elements whose text is a hint: bylines and photo credits (class/id tokens, rel, itemprop).
AUTHOR_TOKENS = frozenset(("byline", "byl", "author", "authors", "autor", "auteur", "autore", "penulis", "reporter", "zuozhe", "jizhe"))
CREDIT_TOKENS = frozenset(("credit", "credits", "copyright", "photographer", "attribution", "photocredit", "fotocredit"))
# Every token that can make a class list flag anything (embed words only matter next to these).
VOCABULARY = CHROME_TOKENS | AUTHOR_TOKENS | CREDIT_TOKENS
_NOTHING = (False, False, "")

# name="value", name='value', name=value, or a bare name. Bounded character classes only.
ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# camelCase / PascalCase humps and runs of letters or digits: "relatedArticles" -> related, articles.
_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")


def attribute_tokens(value: str) -> list[str]:
    # One lower() over the joined humps instead of one per token.
    return " ".join(_TOKEN.findall(value)).lower().split()


def _names_chrome(tokens: list[str]) -> bool:
    """Whether class or id tokens name a chrome container.

    A chrome word right after a layout modifier ("has-sidebar", "with-comments", "no-ads")
    describes the page layout, not the element; an embed ("social-media-embed") is content.
    """
    if CHROME_TOKENS.isdisjoint(tokens):
        return False  # the common case, decided in C
    previous = ""
    found = False
    for token in tokens:
        if token in EMBED_TOKENS:
            return False
        if token in CHROME_TOKENS and previous not in LAYOUT_MODIFIERS:
            found = True
        previous = token
    return found


# "social-media-embed", "twitter-tweet": a post embedded in the article is part of the story.
EMBED_TOKENS = frozenset(("embed", "embedded", "tweet", "oembed"))
LAYOUT_MODIFIERS = frozenset(("has", "with", "no", "without", "show", "hide", "enable", "enabled", "disable"))


def is_hidden_class(value: str) -> bool:
    return not HIDDEN_CLASS_TOKENS.isdisjoint(value.split())


def parse_attributes(raw: str) -> dict[str, str]:
    """Attributes of a raw start tag tail (``' class="a b" hidden'``), names lowercased."""
    attributes: dict[str, str] = {}
    for name, double, single, bare in ATTRIBUTE.findall(raw):
        name = name.lower()
        if name not in attributes:
            attributes[name] = double or single or bare
    return attributes


_BARE_VALUE = re.compile(r"""[^\s"'=<>`]*""")
_SPACED_ATTRIBUTE = re.compile(r"""\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_NAME_BOUNDARY = frozenset(" \t\n\r\f\"'/")


def attribute_value(raw: str, name: str) -> str | None:
    """The value of attribute ``name`` (lowercase) in a raw start tag tail, '' for a bare one.

    Built on str.find: reading the four or five attributes that matter this way is several times
    faster than parsing every attribute of long tags (srcset, data-*, inline JSON).
    """
    at = raw.find(name)
    if at < 0 and not raw.islower():
        raw = raw.lower()  # old pages write CLASS=, ID=
        at = raw.find(name)
    size = len(name)
    while at >= 0:
        after = at + size
        if at == 0 or raw[at - 1] in _NAME_BOUNDARY:
            following = raw[after : after + 1]
            if following == "=":
                quote = raw[after + 1 : after + 2]
                if quote == '"' or quote == "'":
                    close = raw.find(quote, after + 2)
                    return raw[after + 2 :] if close < 0 else raw[after + 2 : close]
                return _BARE_VALUE.match(raw, after + 1).group()
            if not following or following in " \t\n\r\f/":
                spaced = _SPACED_ATTRIBUTE.match(raw, after)
                if spaced is not None:
                    return spaced.group(1) or spaced.group(2) or spaced.group(3) or ""
                return ""  # a bare attribute
        at = raw.find(name, after)
    return None


class FlagCache:
    """What class names and ids imply, cached within one page.

    Pages reuse a few hundred class names across thousands of tags, in tags that differ in other
    attributes (href, data-*), so the cache is kept per class list, per id, and per class name.
    """

    __slots__ = ("classes", "ids", "name_tokens")

    def __init__(self) -> None:
        self.classes: dict[str, tuple[bool, bool, str]] = {}
        self.ids: dict[str, tuple[bool, bool]] = {}
        self.name_tokens: dict[str, list[str]] = {}


def attribute_flags(raw: str, cache: FlagCache) -> tuple[bool, bool, bool, str]:
    """(hidden, chrome, semantic article, hint capture kind) from a start tag's raw attributes."""
    hidden = chrome = False
    capture = ""
    if "class" in raw or "CLASS" in raw:
        class_value = attribute_value(raw, "class")
        if class_value:
            named = cache.classes.get(class_value)
            if named is None:
                named = cache.classes[class_value] = _class_flags(class_value, cache.name_tokens)
            hidden, chrome, capture = named
    if "id" in raw or "ID" in raw:
        element_id = attribute_value(raw, "id")
        if element_id:
            named = cache.ids.get(element_id)
            if named is None:
                named = cache.ids[element_id] = _id_flags(element_id)
            chrome = chrome or named[0]
            if named[1]:
                capture = "author"
    semantic = False
    if not hidden and ("hidden" in raw or "HIDDEN" in raw):
        # Rare enough for a full parse, which knows a bare `hidden` from the word inside a value.
        attributes = parse_attributes(raw)
        hidden = "hidden" in attributes or attributes.get("aria-hidden", "").strip().lower() == "true"
    if not hidden and ("none" in raw or "hidden" in raw or "NONE" in raw):
        style = attribute_value(raw, "style")
        hidden = bool(style) and HIDDEN_STYLE.search(style) is not None
    if "role" in raw:
        role = (attribute_value(raw, "role") or "").strip().lower()
        chrome = chrome or role in CHROME_ROLES
        semantic = role == "main" or role == "article"
    if "itemprop" in raw:
        itemprop = attribute_value(raw, "itemprop") or ""
        semantic = semantic or "articleBody" in itemprop
        if "author" in itemprop:
            capture = "author"
    if "rel" in raw and "author" in (attribute_value(raw, "rel") or "").lower():
        capture = "author"
    return hidden, chrome, semantic, capture


def _class_flags(class_value: str, name_tokens: dict[str, list[str]]) -> tuple[bool, bool, str]:
    """(hidden, chrome, capture) that class names alone imply (tokens cached per class name)."""
    names = class_value.split()
    tokens: list[str] = []
    for name in names:
        cached = name_tokens.get(name)
        if cached is None:
            cached = name_tokens[name] = attribute_tokens(name)
        tokens += cached
    if VOCABULARY.isdisjoint(tokens) and HIDDEN_CLASS_TOKENS.isdisjoint(names):
        return _NOTHING  # most class lists: no word of interest
    if not AUTHOR_TOKENS.isdisjoint(tokens):
        capture = "author"
    elif not CREDIT_TOKENS.isdisjoint(tokens):
        capture = "credit"
    else:
        capture = ""
    return not HIDDEN_CLASS_TOKENS.isdisjoint(names), _names_chrome(tokens), capture


def _id_flags(element_id: str) -> tuple[bool, bool]:
    """(chrome, author) that an id alone implies."""
    tokens = attribute_tokens(element_id)
    return _names_chrome(tokens), not AUTHOR_TOKENS.isdisjoint(tokens)
