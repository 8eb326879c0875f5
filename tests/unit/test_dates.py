"""Publication dates: layouts in many languages, zones, rejections, resolution, speed and safety."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worker.pipeline.segment.dates import (
    MONTH_NAMES,
    DateMatch,
    find_date,
    find_dates,
    guess_day_first,
)
from worker.pipeline.segment.timestamps import parse_declared_date, resolve

FETCHED = datetime(2019, 11, 21, 12, 0, tzinfo=timezone.utc)
SEED = Path(__file__).resolve().parent.parent / "fixtures" / "ecns-counterfeits.txt"


def ymd_hm(match: DateMatch | None) -> tuple | None:
    if match is None:
        return None
    return (match.year, match.month, match.day, match.hour, match.minute)


# ----------------------------------------------------------------------------------------------
# Layouts
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        # numeric, year first
        ("2018-01-11 09:27", (2018, 1, 11, 9, 27)),
        ("2018-01-11 09:27China Daily Editor: Liang Meichen ECNS App Download", (2018, 1, 11, 9, 27)),
        ("2005-5-7 21:23:57", (2005, 5, 7, 21, 23)),
        ("2019/11/19", (2019, 11, 19, None, None)),
        ("by someone ／ 2016.12.01", (2016, 12, 1, None, None)),
        ("2019.01.20 16:31 来源：河南日报客户端", (2019, 1, 20, 16, 31)),
        ("기사입력 :[ 2018-08-25 15:24 ]", (2018, 8, 25, 15, 24)),
        ("2019. 11. 19. 오후 3:05", (2019, 11, 19, 15, 5)),
        # numeric, year last
        ("19.11.2019", (2019, 11, 19, None, None)),
        ("13.11.2019, 23:06", (2019, 11, 13, 23, 6)),
        ("11/19/2019", (2019, 11, 19, None, None)),
        ("Carlos Nadalim 27/09/2018 Comente!", (2018, 9, 27, None, None)),
        ("11.14.2019 09:00 AM", (2019, 11, 14, 9, 0)),  # 14 cannot be a month
        ("21:17 18.11.2019Get short URL", (2019, 11, 18, 21, 17)),
        # CJK
        ("2019年11月19日 08:03", (2019, 11, 19, 8, 3)),
        ("2019年11月19日", (2019, 11, 19, None, None)),
        ("BUSINESS.SOHU.COM\u30002004年7月16日08:19 [ 黄宇 ]", (2004, 7, 16, 8, 19)),
        ("2019年11月19日 下午3:05", (2019, 11, 19, 15, 5)),
        ("2019년 11월 19일 오전 9:30", (2019, 11, 19, 9, 30)),
        ("·富夫妻望子成龙假离婚（2005-04-03 17:19PM）", (2005, 4, 3, 17, 19)),
        ("2005年08月30日, 星期二 13:22", (2005, 8, 30, 13, 22)),
        ("2019-11-19 周二 08:03", (2019, 11, 19, 8, 3)),
        ("2019年11月19日(火) 8時3分", (2019, 11, 19, 8, 3)),
        ("2019年11月19日 下午3点30分", (2019, 11, 19, 15, 30)),
        ("2019년 11월 19일 (화) 오후 3시 5분", (2019, 11, 19, 15, 5)),
        # month names, English
        ("November 20, 2019", (2019, 11, 20, None, None)),
        ("Nov. 19, 2019 8:03 am ET", (2019, 11, 19, 8, 3)),
        ("November 19th, 2019 at 8:40 AM", (2019, 11, 19, 8, 40)),
        ("NOVEMBER 20, 2019 10:43", (2019, 11, 20, 10, 43)),
        ("19 November 2019", (2019, 11, 19, None, None)),
        ("Mon 18 Nov 2019 18.54 GMT", (2019, 11, 18, 18, 54)),
        ("20 Nov, 2019 05:47", (2019, 11, 20, 5, 47)),
        ("Nov 18, 2019 @17:19 PM", (2019, 11, 18, 17, 19)),
        ("19 November 2019 • 1:16pm", (2019, 11, 19, 13, 16)),
        ("November 19, 2019 12:04AM ET", (2019, 11, 19, 0, 4)),
        ("Nov.November 18, 2019 12:02 PM", (2019, 11, 18, 12, 2)),
        ("PUBLISHED WED, NOV 20 20194:29 AM ESTUPDATED AN HOUR AGO", (2019, 11, 20, 4, 29)),
        # page text that lost the space between two elements
        ("by Jeffrey ZeldmanNovember 20, 2007", (2007, 11, 20, None, None)),
        ("June 14, 20181 yr in Kerbal Network", (2018, 6, 14, None, None)),
        ("Mar 27, 20185 mins read", (2018, 3, 27, None, None)),
        # time before the date
        ("Posted: Fri 6:45 PM, Feb 16, 2018  |", (2018, 2, 16, 18, 45)),
        ("12:03 GMT, Nov 20, 2019", (2019, 11, 20, 12, 3)),
        ("5:45 AM PST 11/19/2019 by Patrick Shanley", (2019, 11, 19, 5, 45)),
        ("PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019", (2019, 11, 19, 10, 48)),
        ("Published 11:11 PM EST Nov 19, 2019", (2019, 11, 19, 23, 11)),
        # other languages
        ("19. November 2019", (2019, 11, 19, None, None)),
        ("Von Moritz Bachmann publiziert am 25. September 2018", (2018, 9, 25, None, None)),
        ("19 novembre 2019 à 10h30", (2019, 11, 19, 10, 30)),
        ("1er janvier 2019", (2019, 1, 1, None, None)),
        ("19 de noviembre de 2019", (2019, 11, 19, None, None)),
        ("19 de novembro de 2019", (2019, 11, 19, None, None)),
        ("02 Ago 2017", (2017, 8, 2, None, None)),
        ("19 novembre 2019 alle 10:30", (2019, 11, 19, 10, 30)),
        ("19 november 2019", (2019, 11, 19, None, None)),
        ("3 maart 2019", (2019, 3, 3, None, None)),
        ("19 Nopember 2019", (2019, 11, 19, None, None)),
        ("5 Agustus 2019", (2019, 8, 5, None, None)),
        ("Текст: Венера Ерофеева·24 сентября 2018", (2018, 9, 24, None, None)),
        ("19 ноября 2019 г.", (2019, 11, 19, None, None)),
        ("19 listopada 2019", (2019, 11, 19, None, None)),
        ("19 Kasım 2019", (2019, 11, 19, None, None)),
        # ISO 8601
        ("2019-11-19T08:03:00+08:00", (2019, 11, 19, 8, 3)),
        ("By Mike Wall 2019-11-18T20:51:19Z Science & Astronomy", (2019, 11, 18, 20, 51)),
    ],
)
def test_find_date_layouts(text, expected):
    assert ymd_hm(find_date(text, FETCHED)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2019",  # a year alone
        "Election 2020",
        "Vol. 8 No. 2 (May 2018)",  # no day
        "Version 2.10.1",
        "192.168.1.2019",
        "1.2.2019.3",
        "1.2.20193",  # a longer number: only a month name lets a digit follow the year
        "In 20191 people voted",
        "SmithNovember",
        "Call 0432-62099222",
        "Jual Beli Sepeda Motor EVA 085920594986",
        "$2,019.11",
        "Meeting at 10:30",
        "2019-13-01",  # month 13
        "2019-02-30",  # Feb 30
        "30.02.2019",
        "2019-02-29",  # not a leap year
        "1989年5月26日",  # before MIN_YEAR
        "DOI: 10.12677/MOM.2018.82002",
        "11220000013544357T/2022-00426",
        "https://www.example.com/2019/11/19/story.html",  # a URL path
        "Copyright 2004-2008 All rights reserved",
        "",
    ],
)
def test_find_date_rejects_non_dates(text):
    assert find_date(text, FETCHED) is None


def test_leap_day_is_a_date():
    assert ymd_hm(find_date("2020-02-29")) == (2020, 2, 29, None, None)


def test_dates_after_the_fetch_are_rejected_only_with_a_reference():
    assert find_date("2022.01.20 16:31", FETCHED) is None
    assert ymd_hm(find_date("2022.01.20 16:31")) == (2022, 1, 20, 16, 31)
    assert ymd_hm(find_date("November 22, 2019", FETCHED)) == (2019, 11, 22, None, None)  # a day ahead: zones


def test_span_covers_date_time_and_zone():
    text = "By Joseph Tsidulko November 19, 2019, 07:47 PM EST more"
    match = find_date(text)
    assert text[match.start:match.end] == "November 19, 2019, 07:47 PM EST"
    seed_line = "2018-01-11 09:27China Daily Editor: Liang Meichen"
    match = find_date(seed_line)
    assert seed_line[match.start:match.end] == "2018-01-11 09:27"


# ----------------------------------------------------------------------------------------------
# Ambiguous numeric dates
# ----------------------------------------------------------------------------------------------

def test_ambiguous_numeric_order_defaults_and_override():
    assert ymd_hm(find_date("06/02/2022")) == (2022, 6, 2, None, None)  # '/' month first
    assert ymd_hm(find_date("06.02.2022")) == (2022, 2, 6, None, None)  # '.' day first
    assert ymd_hm(find_date("06/02/2022", day_first=True)) == (2022, 2, 6, None, None)
    assert ymd_hm(find_date("06.02.2022", day_first=False)) == (2022, 6, 2, None, None)
    assert ymd_hm(find_date("13/02/2022", day_first=False)) == (2022, 2, 13, None, None)  # unambiguous wins


def test_guess_day_first_reads_the_page():
    assert guess_day_first(["发表时间： 06/02/2022 - 13:48", "13/02/2022", "12/02/2022"]) is True
    assert guess_day_first(["11/20/2019 01:14 PM", "11/19/2019"]) is False
    assert guess_day_first(["no dates here"]) is None
    assert guess_day_first(["no dates here"], language="fr") is True
    assert guess_day_first(["no dates here"], language="en-US") is None


# ----------------------------------------------------------------------------------------------
# Zones and cues
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, offset, zone",
    [
        ("Nov. 19, 2019 8:03 am ET", None, "America/New_York"),
        ("November 19, 2019, 07:47 PM EST", -300, None),
        ("Nov 19, 2019, 10:31 pm CST", -360, None),
        ("Nov. 20, 2019, 9:28 AM UTC", 0, None),
        ("Mon 18 Nov 2019 18.54 GMT", 0, None),
        ("Nov 20, 2019 01:41 PM IST", 330, None),
        ("2019-11-19 10:00 GMT+8", 480, None),
        ("2019-11-19 10:00 UTC+08:00", 480, None),
        ("2019-11-19 10:00 +0800", 480, None),
        ("2019-11-19T08:03:00-05:00", -300, None),
        ("2019-11-19T08:03:00Z", 0, None),
        ("2019-11-19 10:00 JST", 540, None),
        ("November 18, 2019 at 2:26 PM HST", -600, None),
        ("2018-01-11 09:27", None, None),
    ],
)
def test_zones_shown_in_the_text(text, offset, zone):
    match = find_date(text)
    assert (match.utc_offset_minutes, match.zone_name) == (offset, zone)


def test_published_is_preferred_over_updated():
    match = find_date("By Al Root Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET")
    assert (match.hour, match.minute, match.cue) == (8, 2, "published")
    assert find_date("本页面最后修订于2022年2月9日 (星期三) 08:16。").cue == "updated"
    assert find_date("发布日期：2022-02-11 08:52").cue == "published"
    only_updated = find_date("Updated: 18 Nov 2019 9:38 pm")
    assert only_updated.cue == "updated" and only_updated.hour == 21
    assert [m.cue for m in find_dates("PUBLISHED: November 19, 2019 at 8:59 pm | UPDATED: November 19, 2019 at 10:16 pm")] == [
        "published", "updated"]


# ----------------------------------------------------------------------------------------------
# Relative dates
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("Updated 3 hours ago", (2019, 11, 21, 9, 0)),
        ("Posted 45 minutes ago", (2019, 11, 21, 11, 15)),
        ("an hour ago", (2019, 11, 21, 11, 0)),
        ("2 days ago", (2019, 11, 19, None, None)),
        ("3小时前", (2019, 11, 21, 9, 0)),
        ("vor 2 Stunden", (2019, 11, 21, 10, 0)),
        ("hace 3 días", (2019, 11, 18, None, None)),
        ("5 часов назад", (2019, 11, 21, 7, 0)),
    ],
)
def test_relative_dates_need_a_reference(text, expected):
    match = find_date(text, FETCHED)
    assert ymd_hm(match) == expected and match.relative
    assert find_date(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Adam Clark Estes11/13/19 11:00AM", (2019, 11, 13, 11, 0)),
        ("BY KASHMIRA GANDER ON 11/13/19 AT 4:00 PM EST", (2019, 11, 13, 16, 0)),
        ("By Tess Bonn - 11/19/19 06:56 AM EST", (2019, 11, 19, 6, 56)),
        ("Гость16:17 05.11.18", (2018, 11, 5, 16, 17)),
    ],
)
def test_two_digit_years_next_to_a_time(text, expected):
    assert ymd_hm(find_date(text, FETCHED)) == expected


@pytest.mark.parametrize("text", ["Opening Bell 11.18.19", "Score: 3/4/19", "Melbourne (1-1-1): Jessica Newton 2 saves."])
def test_two_digit_years_alone_are_not_dates(text):
    assert find_date(text, FETCHED) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nov 18", (2019, 11, 18, None, None)),
        ("Alessio Palumbo • Nov 18", (2019, 11, 18, None, None)),
        ("13 Aug", (2019, 8, 13, None, None)),
        ("Updated November 18 at 4:46 PM", (2019, 11, 18, 16, 46)),
        ("Dec 25", (2018, 12, 25, None, None)),  # not in the future of the fetch
    ],
)
def test_dates_without_a_year_take_it_from_the_reference(text, expected):
    match = find_date(text, FETCHED)
    assert ymd_hm(match) == expected and match.year_inferred
    assert find_date(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Sentencing is scheduled for Feb. 14 according to the court papers that were filed this week in the city.",
        "Impeachment: Firsthand Witnesses Voice Concerns About July 25 Call",
        "Sentencing is scheduled for Feb. 14.",
    ],
)
def test_dates_without_a_year_only_as_datelines(text):
    assert find_date(text, FETCHED) is None


def test_absolute_date_beats_relative_one():
    match = find_date("Nov 19, 2019 at 9:08 GMT1 day ago", FETCHED)
    assert ymd_hm(match) == (2019, 11, 19, 9, 8) and not match.relative


# ----------------------------------------------------------------------------------------------
# resolve
# ----------------------------------------------------------------------------------------------

def test_resolve_seed_date_with_and_without_hint():
    match = find_date("2018-01-11 09:27China Daily Editor: Liang Meichen ECNS App Download")
    with_hint = resolve(match, timezone_hint="Asia/Shanghai")
    assert (with_hint.local, with_hint.absolute) == ("2018-01-11T09:27:00", "2018-01-11T09:27:00+08:00")
    without = resolve(match)
    assert (without.local, without.absolute) == ("2018-01-11T09:27:00", None)


def test_resolve_prefers_page_zone_then_hint_then_default():
    shown = find_date("Nov. 19, 2019 8:03 am EST")
    assert resolve(shown, "Asia/Shanghai", "Europe/Paris").absolute == "2019-11-19T08:03:00-05:00"
    bare = find_date("2019-11-19 08:03")
    assert resolve(bare, "Asia/Shanghai", "Europe/Paris").absolute == "2019-11-19T08:03:00+08:00"
    assert resolve(bare, None, "Europe/Paris").absolute == "2019-11-19T08:03:00+01:00"
    assert resolve(bare, "Not/AZone", "Europe/Paris").absolute == "2019-11-19T08:03:00+01:00"


def test_resolve_uses_daylight_saving_time():
    summer = find_date("July 4, 2019 10:00 am ET")
    winter = find_date("January 4, 2019 10:00 am ET")
    assert resolve(summer).absolute == "2019-07-04T10:00:00-04:00"
    assert resolve(winter).absolute == "2019-01-04T10:00:00-05:00"
    assert resolve(find_date("2019-07-04 10:00"), "Europe/London").absolute == "2019-07-04T10:00:00+01:00"


def test_resolve_date_only_has_no_instant():
    published = resolve(find_date("19 November 2019"), "Asia/Shanghai")
    assert (published.local, published.absolute) == ("2019-11-19", None)


def test_resolve_utc_is_written_z():
    assert resolve(find_date("2019-11-18T20:51:19Z")).absolute == "2019-11-18T20:51:19Z"


# ----------------------------------------------------------------------------------------------
# Declared dates
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "value, expected_local, expected_absolute",
    [
        ("2019-11-19T08:03:00+08:00", "2019-11-19T08:03:00", "2019-11-19T08:03:00+08:00"),
        ("2019-11-19T08:03:00.000Z", "2019-11-19T08:03:00", "2019-11-19T08:03:00Z"),
        ("2019-11-19T08:03+0800", "2019-11-19T08:03:00", "2019-11-19T08:03:00+08:00"),
        ("2019-11-19 08:03:00", "2019-11-19T08:03:00", None),
        ("20191119T080300Z", "2019-11-19T08:03:00", "2019-11-19T08:03:00Z"),
        ("2019-11-19", "2019-11-19", None),
        (" 2019-11-19T08:03:00-05:00 ", "2019-11-19T08:03:00", "2019-11-19T08:03:00-05:00"),
        ("Tue, 19 Nov 2019 08:03:00 GMT", "2019-11-19T08:03:00", "2019-11-19T08:03:00Z"),
        ("Tue Nov 19 2019 05:44:06 GMT+0800", "2019-11-19T05:44:06", "2019-11-19T05:44:06+08:00"),
        ("11\\/13\\/2019", "2019-11-13", None),  # JSON escapes left in
        ("1574150580", "2019-11-19T08:03:00", "2019-11-19T08:03:00Z"),  # Unix time
        ("1574150580123", "2019-11-19T08:03:00", "2019-11-19T08:03:00Z"),
    ],
)
def test_parse_declared_date(value, expected_local, expected_absolute):
    published = resolve(parse_declared_date(value))
    assert (published.local, published.absolute) == (expected_local, expected_absolute)


@pytest.mark.parametrize("value", ["", "yesterday", "2019-13-40T00:00:00Z", "2019-11-19T25:00:00Z", "x" * 500,
                                   "0001-01-01T00:00:00Z", "{{post_date}}", "12:13 AM", "0000000001"])
def test_parse_declared_date_rejects_garbage(value):
    assert parse_declared_date(value) is None


# ----------------------------------------------------------------------------------------------
# Data, seed, safety, speed
# ----------------------------------------------------------------------------------------------

def test_month_table_is_consistent():
    assert MONTH_NAMES["november"] == MONTH_NAMES["novembre"] == MONTH_NAMES["ноября"] == 11
    assert MONTH_NAMES["mai"] == MONTH_NAMES["may"] == MONTH_NAMES["mei"] == MONTH_NAMES["maj"] == 5
    assert all(1 <= month <= 12 for month in MONTH_NAMES.values())
    assert all(name == name.lower() for name in MONTH_NAMES)


@pytest.mark.skipif(not SEED.exists(), reason="seed fixture missing")
def test_seed_page_first_date_is_the_publication_date():
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    first = next(match for line in lines if (match := find_date(line)))
    assert resolve(first, "Asia/Shanghai").absolute == "2018-01-11T09:27:00+08:00"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_find_date_never_raises(text):
    match = find_date(text, FETCHED)
    if match is not None:
        assert 0 <= match.start < match.end <= len(text)
        resolve(match, "Asia/Shanghai")
    assert guess_day_first([text, text[::-1]]) in (True, False, None)
    declared = parse_declared_date(text)
    if declared is not None:
        resolve(declared)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789/.-:, 年月日TZ+apm", max_size=200))
def test_find_date_never_raises_on_date_like_soup(text):
    for match in find_dates(text, FETCHED, day_first=True):
        assert 1 <= match.month <= 12 and 1 <= match.day <= 31


@pytest.mark.parametrize(
    "text",
    ["1" * 100_000, "2019 " * 20_000, "2019-1-" * 15_000, "19.19.2019." * 10_000, "12:30 " * 20_000,
     "November 19, " * 8_000, "(" * 100_000, "3 hours ago " * 8_000],
)
def test_find_date_is_fast_on_huge_lines(text):
    started = time.perf_counter()
    find_dates(text, FETCHED)
    assert time.perf_counter() - started < 0.5


# ----------------------------------------------------------------------------------------------
# Dev data (read from ../shared/devdata when present; never copied into the repo)
# ----------------------------------------------------------------------------------------------

from worker.devdata import DEVDATA_DIR as DEVDATA
from worker.devdata import ground_truth, raw_pages


def _page_lines(content: str) -> list[str]:
    return [line.strip() for line in content.splitlines() if line.strip()]


@pytest.mark.skipif(not (DEVDATA / "zh").exists(), reason="dev data not present")
def test_zh_devdata_first_date_on_the_page_is_the_gold_date():
    gold = ground_truth("zh")
    hits = total = 0
    for page in raw_pages("zh", "text"):
        expected = gold[page["id"]].get("date")
        if not expected:
            continue
        total += 1
        lines = _page_lines(page["content"])
        day_first = guess_day_first(lines)
        first = next((m for line in lines if (m := find_date(line, day_first=day_first))), None)
        hits += first is not None and f"{first.year:04d}-{first.month:02d}-{first.day:02d}" == expected
    # 21 of 25 on the repaired data (2026-12: four labels corrected, one page without a date now).
    # The first date on the page is only a baseline for the header reader: the misses are pages
    # whose first date is a sidebar archive range, a navigation-bar clock, an older related item,
    # or a 成文日期 printed before the 发布日期.
    assert total == 25 and hits >= 21


@pytest.mark.skipif(not (DEVDATA / "aeb").exists(), reason="dev data not present")
def test_aeb_devdata_dates_agree_with_the_dates_in_urls():
    import re
    from datetime import date

    url_date = re.compile(r"/(20\d\d)[/-](\d\d)[/-](\d\d)/")
    agree = total = 0
    for page in raw_pages("aeb", "text"):
        in_url = url_date.search(page["url"])
        if in_url is None:
            continue
        total += 1
        found = [m for line in _page_lines(page["content"])[:150] if (m := find_date(line))]
        pick = next((m for m in found if m.has_time or m.cue == "published"), found[0] if found else None)
        if pick is not None:
            shown = date(pick.year, pick.month, pick.day)
            agree += abs((shown - date(*map(int, in_url.groups()))).days) <= 1
    # 37 of 44 when written; 5 pages show no date in their text at all.
    assert total == 44 and agree >= 35


def test_the_memo_of_lines_read_keeps_results_apart_and_stays_bounded():
    from worker.pipeline.segment import dates

    dates.clear_memo()
    line = "Published Nov. 19, 2019 8:03 am ET"
    early = datetime(2019, 1, 1, tzinfo=timezone.utc)
    read = find_date(line)
    assert read is not None and (read.year, read.month, read.day) == (2019, 11, 19)
    assert find_date(line, early).year == 2018  # fetched before it: the year is inferred; another key, another answer
    assert find_date(line) == read  # the memo's answer is the reader's
    for day in range(1, 29):
        for month in (1, 2, 3):
            find_date(f"{day} {['Jan', 'Feb', 'Mar'][month - 1]} 2020")
    assert len(dates._memo) <= dates.MEMO_MAX_ENTRIES
    long_line = "x" * dates.MEMO_MAX_CHARS + " Nov. 19, 2019"
    assert find_date(long_line) is not None and (long_line, None, None) not in dates._memo
