"""List and script facts behind issue 14's last out-of-vocabulary misses: pools that mix full-width
marks with spaces and pipes, place names known by their endings, and web addresses that say
nothing of the script a pitch is written in."""

from __future__ import annotations

from worker.pipeline.model import Block
from worker.pipeline.spam.context import PageContext
from worker.pipeline.spam.lists import MIXED, SHARED_ENDINGS, choose_separator, find_list, keyword_links_elsewhere, mixed_beats, name_ending_share
from worker.pipeline.spam.promotion import foreign_script

from tests.unit.test_spam import ARTICLE_EN


def test_a_mix_of_separators_beats_the_spaces_or_pipes_alone():
    pool = "临安县 海宁市 桐乡市、德清县；安吉县，长兴县|嘉善县|平湖市，海盐县 武义县、浦江县"
    assert choose_separator(pool) == MIXED
    shape = find_list(pool)
    assert shape is not None and shape.items == ["临安县", "海宁市", "桐乡市", "德清县", "安吉县", "长兴县", "嘉善县", "平湖市", "海盐县", "武义县", "浦江县"]


def test_space_separated_chinese_words_stay_a_space_list():
    regions = "北京 天津 河北 山西 内蒙古 辽宁 吉林"
    assert choose_separator(regions) == " " and not mixed_beats(regions, regions.count(" "))


def test_an_ascii_menu_with_pipes_and_a_comma_is_never_read_as_a_mix():
    menu = "Home | News, Weather | Sport | Business | Culture | Travel, Food"
    assert not mixed_beats(menu, menu.count("|"))
    assert choose_separator(menu) != MIXED


def test_place_names_share_their_endings_where_people_and_states_do_not():
    towns = ["Подольск", "Ногинск", "Курск", "Смоленск", "Пушкино", "Иваново", "Раменское", "Мурманск", "Ивантеевка", "Томск"]
    assert name_ending_share(towns) >= SHARED_ENDINGS
    states = ["Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida", "Georgia"]
    people = ["Anna Schmidt", "Peter Novak", "Maria Rossi", "John Carter", "Li Wei", "Olga Petrova", "Ahmed Khan", "Sofia Lopez", "Tom Baker"]
    assert name_ending_share(states) < SHARED_ENDINGS and name_ending_share(people) < SHARED_ENDINGS


def test_names_ending_alike_count_only_in_a_list_of_names():
    phrases = ["cheap flights to rome", "hotel deals rome", "rome city tour", "rome airport taxi", "rome food tour",
               "rome walking tour", "rome bus tour", "rome night tour"]
    assert name_ending_share(phrases) == 0.0
    assert name_ending_share(["Омск", "Томск", "Курск"]) == 0.0  # too few to tell


def test_a_bare_web_address_does_not_make_a_chinese_pitch_latin():
    pitch = "Jade Fortune电子投注平台每日加奖，首充翻倍，提款即时到账，官网 jadefortune-play.net"
    texts = ARTICLE_EN + [pitch]
    ctx = PageContext([Block(text, 0, 0) for text in texts], is_html=False)
    assert foreign_script(ctx, len(texts) - 1, pitch)


def link_row_ctx(markup: str) -> PageContext:
    content = "<html><body>" + markup + "</body></html>"
    start = content.index(markup)
    block = Block(text="row", start=start, end=start + len(markup))
    return PageContext([block], True, url="https://www.example-news.com/story", content=content)


def test_keyword_links_to_sites_of_their_own_are_told_from_a_blogroll_and_a_menu():
    pool = "".join(f'<a href="http://{host}/">{anchor}</a>, ' for host, anchor in [
        ("shopnow-deals.biz", "cheap garden furniture"), ("qq-fastloan.top", "same day loans"),
        ("best-rank-seo.xyz", "local seo agency"), ("shopnow-deals.biz", "garden furniture sale")])
    # three distinct sites under keywords, over four items
    assert keyword_links_elsewhere(link_row_ctx(pool), 0, 4) == 0.75
    blogroll = '<a href="https://daringfireball.net/">Daring Fireball</a> <a href="https://www.kottke.org/">Kottke</a>'
    assert keyword_links_elsewhere(link_row_ctx(blogroll), 0, 2) == 0.0
    menu = '<a href="https://www.example-news.com/world">World</a> <a href="/sport">Sport</a> <a href="https://shop.example-news.com/">Shop</a>'
    assert keyword_links_elsewhere(link_row_ctx(menu), 0, 3) == 0.0
