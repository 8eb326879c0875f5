"""Structural evidence that an HTML element is page chrome (menus, share bars, comments...) or hidden.

This module is the VOCABULARY; the rules that apply it run compiled, inside the block builder
(``native/src/flags.rs``), because a page has hundreds of distinct class/id values and calling
back into Python for each cost more than tokenizing the whole page. :func:`vocabulary` hands
these word lists over once; change them here (another issue refits them on data).

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

Also here: ``role=main|article`` and ``itemprop`` containing ``articleBody`` mark the article;
byline words (class/id tokens, ``rel=author``, ``itemprop=author``) mark an element whose text
is an author hint, credit words one whose text is a photo credit.
"""

from __future__ import annotations

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
# "social-media-embed", "twitter-tweet": a post embedded in the article is part of the story.
EMBED_TOKENS = frozenset(("embed", "embedded", "tweet", "oembed"))
# "has-sidebar", "with-comments", "no-ads": a chrome word after these describes the page layout.
LAYOUT_MODIFIERS = frozenset(("has", "with", "no", "without", "show", "hide", "enable", "enabled", "disable"))
# The article itself: <article>/<main>, role=main|article (and itemprop=articleBody, in the rules).
SEMANTIC_ARTICLE_TAGS = frozenset(("article", "main"))
SEMANTIC_ROLES = frozenset(("main", "article"))


def vocabulary() -> dict[str, frozenset[str]]:
    """The word lists, by the names the compiled rules know them by."""
    return {
        "chrome_tokens": CHROME_TOKENS,
        "author_tokens": AUTHOR_TOKENS,
        "credit_tokens": CREDIT_TOKENS,
        "hidden_class_tokens": HIDDEN_CLASS_TOKENS,
        "embed_tokens": EMBED_TOKENS,
        "layout_modifiers": LAYOUT_MODIFIERS,
        "chrome_roles": CHROME_ROLES,
        "semantic_roles": SEMANTIC_ROLES,
        "chrome_tags": CHROME_TAGS,
        "semantic_tags": SEMANTIC_ARTICLE_TAGS,
    }
