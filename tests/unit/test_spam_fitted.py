"""The fitted spam detectors: one shape for all, signed cues in [0, 1], exact early exits, the
forms the detector used to miss, and the honest look-alikes it must leave alone."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from worker.pipeline.extract.normalize import text_blocks
from worker.pipeline.model import RawInput
from worker.pipeline.settings import DEFAULT_SETTINGS
from worker.pipeline.spam import DETECTORS, WHOLE_PAGE, detect, score_blocks
from worker.pipeline.spam.context import PageContext, harps_on, site_domain
from worker.pipeline.spam.detector import AGAINST, EITHER, FOR, Cues, fitted_models, weights_version
from worker.pipeline.spam.lists import MIXED, choose_separator, find_list
from worker.pipeline.spam.probe import separator_runs
from worker.pipeline.spam.report import detector_version
from worker.pipeline.textfacts import unspaced_grams

from tests.unit.test_spam import ARTICLE_EN, ARTICLE_ZH, page, removed

ARTICLE_TH = [
    "หน้าแรก | ข่าว | การเมือง | เศรษฐกิจ | กีฬา | บันเทิง",
    "กทม. เร่งซ่อมถนนสายหลักรับมือฤดูฝน",
    "กรุงเทพมหานครเตรียมปรับปรุงถนนสายหลักกว่า 40 กิโลเมตรภายในปีนี้ เพื่อแก้ปัญหาน้ำท่วมขังในช่วงฤดูฝน",
    "ผู้ว่าราชการกรุงเทพมหานครกล่าวว่า งบประมาณส่วนใหญ่จะใช้ในการซ่อมแซมท่อระบายน้ำและผิวจราจร",
    "ประชาชนในพื้นที่ก่อสร้างควรวางแผนการเดินทางล่วงหน้า เนื่องจากจะมีการปิดช่องจราจรบางช่วง",
    "เจ้าหน้าที่คาดว่างานซ่อมถนนทั้งหมดจะแล้วเสร็จก่อนสิ้นปี",
]
ARTICLE_ID = [
    "Beranda | Berita | Nasional | Ekonomi | Olahraga | Teknologi",
    "Pemprov DKI Perbaiki 40 Kilometer Jalan Sebelum Musim Hujan",
    "Pemerintah Provinsi DKI Jakarta akan memperbaiki lebih dari 40 kilometer jalan rusak sebelum musim hujan tiba.",
    "Menurut kepala dinas bina marga, sebagian besar anggaran akan digunakan untuk memperbaiki saluran air dan trotoar.",
    "Warga diminta bersabar karena sejumlah ruas jalan akan ditutup sementara selama pengerjaan.",
    "Pengerjaan ditargetkan rampung pada akhir tahun ini.",
]


def run(lines: list[str], url: str | None = None):
    content = page(lines)
    raw = RawInput(content=content, url=url)
    return detect(text_blocks(content), raw, DEFAULT_SETTINGS), content


def injected(base: list[str], spam: str, at: int = 3) -> list[str]:
    return base[:at] + [spam] + base[at:]


# ---- one shape, fitted weights --------------------------------------------------------------------------
def test_every_detector_has_a_name_signed_cues_and_fitted_weights_that_keep_the_signs():
    models = fitted_models()
    names = [detector.name for detector in DETECTORS] + [WHOLE_PAGE.name]
    assert len(set(names)) == len(names) and set(names) == set(models)
    for detector in DETECTORS + (WHOLE_PAGE,):
        model = models[detector.name]
        assert set(model.weights) == set(detector.CUES), detector.name
        for cue, sign in detector.CUES.items():
            assert sign in (FOR, AGAINST, EITHER)
            assert model.weights[cue] * sign >= 0, (detector.name, cue, model.weights[cue])
    assert weights_version() and detector_version().endswith(weights_version())


def test_reasons_name_the_cues_with_what_the_model_gives_them():
    report, _ = run(injected(ARTICLE_EN, "Play at the best online casino: 200% welcome bonus and free spins! Sign up now at royalspin88.com"))
    [finding] = report.findings
    assert finding.reason.startswith("promotion: ") and "gambling terms (+" in finding.reason


PAGE_LINES = st.lists(
    st.one_of(
        st.sampled_from(ARTICLE_EN + ARTICLE_ZH + ARTICLE_TH + ARTICLE_ID),
        st.sampled_from([
            "仁寿县| 安平县| 东明县| 高阳县| 广宗县| 临西县| 南和县| 平乡县|",
            "cheap jerseys online cheap jerseys sale cheap jerseys near me best cheap jerseys cheap jerseys store",
            "winmax88.xyz | luckystar.top | goldbet365.vip | acehub.club | sunking.site | megajoy.online",
            "Situs judi slot gacor terpercaya, daftar sekarang! WA +62 812 3456 7890",
            "Feeling lucky tonight? Spin the reels at RubyRiver77 and take home $2,500! Join free at rubyriver77.top",
            "xkqzvt brmnwpl tzrkq vbnmxz qwrtpl zxcvbn mnbvcx lkjhgf trwqzx plmkjn wqzxvt jkpwrt",
            "Share on Facebook Share on X Share on LinkedIn Share via Email Copy link",
        ]),
    ),
    min_size=1,
    max_size=14,
)


@settings(max_examples=60, deadline=None)
@given(PAGE_LINES)
def test_every_reading_measures_declared_cues_in_the_unit_range(lines):
    content = page(lines)
    blocks = text_blocks(content)
    ctx = PageContext(blocks, False, content=content, exhaustive=True)
    for detector in DETECTORS:
        for index in detector.candidates(ctx):
            for verdict in detector.examine(ctx, index):
                assert set(verdict.cues.values) <= set(detector.CUES)
                assert all(0.0 < value <= 1.0 for value in verdict.cues.values.values())


@settings(max_examples=60, deadline=None)
@given(PAGE_LINES)
def test_early_exits_never_drop_a_reading_that_would_be_reported(lines):
    """The detectors stop early on readings that cannot reach the flag threshold; what is left at
    or above it is exactly what measuring every cue gives."""
    content = page(lines)
    blocks = text_blocks(content)
    flag = DEFAULT_SETTINGS.spam_flag_threshold
    fast = score_blocks(PageContext(blocks, False, content=content, flag_threshold=flag))
    full = score_blocks(PageContext(blocks, False, content=content, flag_threshold=flag, exhaustive=True))
    reported = {i: (v.kind, round(v.logit, 9), v.part) for i, v in fast.items() if v.score >= flag}
    assert reported == {i: (v.kind, round(v.logit, 9), v.part) for i, v in full.items() if v.score >= flag}


def test_cues_clamp_to_the_unit_range_and_skip_zero():
    cues = Cues()
    cues.add("a", 3.0)
    cues.add("b", -1.0)
    cues.add("c", False)
    assert cues.values == {"a": 1.0}


# ---- forms the detector used to miss --------------------------------------------------------------------
def test_a_pool_joined_by_full_width_commas_is_removed():
    spam = "蜘蛛池:仁化县，台东县，景洪市，来凤县，保康县，英德市，乐昌市，南雄市，始兴县，翁源县，新丰县，乳源县"
    report, content = run(injected(ARTICLE_EN, spam))
    bad = removed(report)
    assert [(f.kind, f.action) for f in bad] == [("seo_injection", "removed")]
    assert content[bad[0].evidence[0].start : bad[0].evidence[0].end] == spam


def test_a_pool_with_mixed_separators_is_one_list():
    text = "永高市，文茂州、永兴乡 普昌乡|黄乐新县 长西镇，松鹿庆镇；中黄县|永石镇、东城旗"
    shape = find_list(text)
    assert choose_separator(text) == MIXED and shape is not None
    assert shape.items[:4] == ["永高市", "文茂州", "永兴乡", "普昌乡"] and len(shape.items) == 10
    report, _ = run(injected(ARTICLE_EN, text))
    assert [(f.kind, f.action) for f in removed(report)] == [("seo_injection", "removed")]


def test_chinese_prose_punctuation_alone_is_no_mixed_list():
    sentence = "警方提醒，网络赌博“十赌九骗”，所谓注册送彩金、百家乐稳赚不赔都是骗局，广大群众切勿参与。"
    assert choose_separator(sentence) is None


def test_a_latin_keyword_list_unrelated_to_the_article_is_removed():
    spam = (
        "replica rolex watches, wholesale nfl jerseys, cheap ugg boots outlet, buy instagram followers, "
        "essay writing service, genuine louis vuitton bags, discount ray ban sunglasses, canada goose parkas sale"
    )
    report, _ = run(injected(ARTICLE_EN, spam))
    assert [f.action for f in removed(report)] == ["removed"]


def test_short_gambling_lists_in_thai_and_indonesian_are_removed():
    thai = "สล็อตเว็บตรง | บาคาร่าออนไลน์ | แทงบอลออนไลน์ | หวยออนไลน์ | คาสิโนสด | ฝากถอนออโต้"
    indonesian = "slot gacor | togel online | judi bola | rtp live | situs slot | bandar togel"
    for base, spam in ((ARTICLE_TH, thai), (ARTICLE_ID, indonesian)):
        report, _ = run(injected(base, spam))
        assert [(f.kind, f.action) for f in removed(report)] == [("gambling", "removed")], report.findings


# ---- honest look-alikes ----------------------------------------------------------------------------------
LOOKALIKES = {
    "share row": "Share on Facebook Share on X Share on LinkedIn Share on WhatsApp Share via Email Copy link",
    "follow row": "Follow on Facebook Follow on Instagram Follow on YouTube Follow on LinkedIn Follow on TikTok",
    "code": "SELECT user.id AS user_id, user.name AS user_name, user.email AS user_email, user.created_at AS user_created_at FROM user",
    "file names": "report_final.py report_final_v2.py report_final_v2_fixed.py report_final_v3.py report_final_v3_done.py",
    "tag line": "Tags: council, budget, road repairs, bridges, transport department, audit",
    "blogroll": "blog.valleyherald.com, shop.valleyherald.com, help.valleyherald.com, twitter.com, facebook.com, youtube.com",
    "donation": "Support independent journalism! Donate today at valleyherald.com/donate: every $5 keeps our reporting free.",
    "lone term": "News | Sport | Casino & Resorts | Travel | Weather | Obituaries",
    "consent": (
        "Store and/or access information on a device. Use limited data to select advertising. Create profiles for "
        "personalised advertising. Use profiles to select personalised advertising. Measure advertising performance."
    ),
}


def test_honest_look_alikes_of_spam_are_left_in_the_article():
    for name, line in LOOKALIKES.items():
        report, _ = run(injected(ARTICLE_EN, line, at=len(ARTICLE_EN) - 1), url="https://www.valleyherald.com/news/roads")
        assert removed(report) == [], (name, [(f.kind, f.score, f.reason) for f in report.findings])


def test_a_table_row_of_repeated_values_is_no_stuffing():
    row = "Battery Type\tLithium ion\tLithium ion\tAA batteries\tLithium ion\tLithium ion\tAA batteries\tLithium ion\tLithium ion"
    report, _ = run(injected(ARTICLE_EN, row))
    assert removed(report) == []


def test_a_chinese_enumeration_inside_a_sentence_is_no_pool():
    sentence = "受灾地区包括仁化县、乐昌市、南雄市、始兴县、翁源县、新丰县、乳源县、曲江区、武江区、浈江区、连州市、阳山县等12个县（市、区），紧急转移群众2.3万人。"
    report, _ = run(injected(ARTICLE_ZH, sentence))
    assert removed(report) == []


# ---- facts the detectors share ---------------------------------------------------------------------------
def test_site_domain_is_the_registrable_part_of_the_host():
    assert site_domain("https://www.bbc.co.uk/news/uk") == "bbc.co.uk"
    assert site_domain("http://news.example.com:8080/a?b=c") == "example.com"
    assert site_domain("https://192.168.0.1/x") == "" and site_domain(None) == "" and site_domain("not a url") == ""


def test_unspaced_grams_are_han_bigrams_and_thai_trigrams():
    assert unspaced_grams("道路维修 ok") == ["道路", "路维", "维修"]
    assert unspaced_grams("ถนนสาย") == ["ถนน", "นนส", "นสา", "สาย"]
    assert unspaced_grams("plain latin") == []


def test_keyword_lines_harp_on_one_word_and_prose_does_not():
    assert harps_on("cheap jerseys online cheap jerseys sale buy cheap jerseys near me")
    assert not harps_on(ARTICLE_EN[2].lower())


def test_separator_runs_take_longer_pieces_when_no_space_follows_the_comma():
    tight = "intro\nbulk yeezy sneakers outlet store,authentic louis vuitton bags,bulk beats headphones 2025,clearance rolex watches usa,clearance nfl jerseys uk,canada goose parkas"
    assert separator_runs(tight, ",", 24, 5, 48) == {1}
    assert separator_runs(tight.replace(",", ", "), ",", 24, 5, 48) == set()
