"""Everyday words meet the laws' own terms (govkb.words): the article a question in one's own words asks for is
found though it says none of them. Real laws of the shared policy library, keyword side (mock embedder)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.service import GovKB
from govkb.settings import load_settings
from govkb.text import expand_abbreviations
from govkb.words_acts import ACTS
from govkb.words_thesaurus import THESAURUS
from tests.policy import LIBRARY, needs_library

pytestmark = needs_library


BEIJING = LIBRARY / "北京地方法规/地方性法规/北京"
ELDERLY = ("社会法/老年人权益保障法*.md", "浙江地方法规/地方性法规/浙江/浙江省实施《中华人民共和国老年人权益保障法》办法*.md")
SHANDONG_PETITIONS = ("山东地方法规/地方性法规/山东/山东省信访条例*.md", "行政法规/信访工作条例*.md", "行政法规/信访条例*.md")


def _library(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path, name: str, files: list[Path],
             **settings: object) -> GovKB:
    """A knowledge base of `files` from the shared policy library (mock embedder)."""
    service = GovKB(load_settings(data_dir=tmp_path_factory.mktemp(name), cache_dir=cache_dir,
                                  embedder={"mode": "mock"}, **settings))
    assert not service.ingest(files).errors
    return service


@pytest.fixture(scope="module")
def petitions(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> GovKB:
    """The national and six regions' petition rules, and the law on contagious diseases."""
    files = [LIBRARY / "行政法规/信访条例(2005-01-10).md", *sorted(LIBRARY.glob("*地方法规/地方性法规/*/*信访条例*.md")),
             *LIBRARY.glob("行政法规/信访工作条例*.md"), LIBRARY / "行政法/传染病防治法(2013-06-29).md"]
    return _library(tmp_path_factory, cache_dir, "petitions", files)


@pytest.fixture(scope="module")
def beijing(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> GovKB:
    """Beijing's fourteen local regulations, the two national laws on infectious diseases, the work safety law, the
    regulations on nuclear and power accidents, the earthquake law and Binzhou's property regulation (mock embedder)."""
    service = GovKB(load_settings(data_dir=tmp_path_factory.mktemp("beijing"), cache_dir=cache_dir,
                                  embedder={"mode": "mock"}))
    files = [*sorted(BEIJING.glob("*.md")), LIBRARY / "行政法/传染病防治法(2013-06-29).md",
             LIBRARY / "行政法规/传染病防治法实施办法(1991-12-06).md", LIBRARY / "社会法/安全生产法(2021-06-10).md",
             LIBRARY / "行政法规/核电厂核事故应急管理条例(2011-01-08).md",
             LIBRARY / "行政法规/电力安全事故应急处置和调查处理条例(2011-07-07).md", LIBRARY / "行政法/防震减灾法(2008-12-27).md",
             LIBRARY / "山东地方法规/地方性法规/山东/滨州市住宅物业管理条例(2019-08-02).md"]
    assert not service.ingest(files).errors
    return service


@pytest.mark.parametrize(
    ("question", "title", "article", "within"),
    [
        # 媳妇 is a 配偶 in law, 管账 its 财务: 村民委员会成员的配偶…不得担任本村财务管理工作人员 (not among the
        # first twenty keyword matches without them).
        ("北京郊区有个村，村主任想让他媳妇来管村里的账，说自家人管钱放心。这样安排合不合规矩？",
         "北京市实施《中华人民共和国村民委员会组织法》的若干规定", "第三十条", 10),
        # 打的那些疫苗 are the 国家免疫规划 of 预防接种 (third without them).
        ("社区里刚生了宝宝的年轻家长问我：孩子按国家规定要打的那些疫苗，到底要不要自己掏钱？",
         "中华人民共和国传染病防治法", "第十五条", 1),
        # 扣奖金 lowers 工资、福利等待遇 and 让我走人 is 解除…劳动合同: 不得因从业人员…拒绝违章指挥和强令冒险作业而降低
        # 其工资、福利等待遇或者解除与其订立的劳动合同 (first; not among the first thirty without them).
        ("我在一家小厂上夜班，班长让我们不停机器就伸手进去清料，我没干，还跟上面反映了。现在厂里说要扣我这个月奖金，甚至让我走人。"
         "厂里这么做合法吗？", "中华人民共和国安全生产法", "第五十四条", 1),
        # 核电站 is a 核电厂 and its 核泄漏 a 核事故: first with them, third without (after 传染病防治法 and the power-accident
        # regulation's table).
        ("附近核电站要是出了核泄漏，政府临时征用了村里的拖拉机和发电机去用，用完会还回来吗？坏了谁赔？",
         "核电厂核事故应急管理条例", "第三十六条", 2),
        # 睡觉的地方 is the 员工宿舍 the law keeps out of a building that stores dangerous goods (first; fifth without).
        ("厂里仓库堆着油漆稀料，楼上就是工人睡觉的地方，被查到会怎么罚？", "中华人民共和国安全生产法", "第一百零五条", 2),
        # A home standing 空着 is 空置: 空置时间超过六个月的，物业服务收费不得超过收费标准的百分之六十 (second; fourth without).
        ("滨州的新房交了以后一直空着没人住，物业费还要全额交吗？", "滨州市住宅物业管理条例", "第三十八条", 3),
        # 国外 is 外国 and 观测 is 监测: 外国的组织或者个人在中华人民共和国领域从事地震监测活动… (fourth; twelfth without).
        ("国外的研究机构想到我们山里观测地震，要经过谁批准？", "中华人民共和国防震减灾法", "第三十三条", 6),
        # 躲在家里 / 吃碘片 / 往外撤 are 隐蔽 / 服用稳定性碘制剂 / 撤离, and 拿主意 is to decide (first; fourth without).
        ("住在核电站附近的居民想知道：万一真发生放射性泄漏，老百姓是躲在家里、吃碘片，还是往外撤？这些防护办法由哪个部门来拿主意？",
         "核电厂核事故应急管理条例", "第二十二条", 1),
        # 送电 / 来电 are 供电 / 恢复…电力供应, and 先后次序 is what 优先 settles (first; second without).
        ("上个月我们片区大停电，等了大半天才来电，邻居说医院、水厂那边早就有电了。抢修的时候先给哪儿送电，先后次序是怎么排的？",
         "电力安全事故应急处置和调查处理条例", "第十九条", 1),
    ],
)
def test_everyday_words_find_the_article_written_in_the_laws_terms(beijing: GovKB, question: str, title: str,
                                                                    article: str, within: int) -> None:
    # The keyword side alone (the mock embedder's vectors mean nothing): the article says neither 媳妇 nor 疫苗.
    hits = beijing.retriever.search(question, top_k=within, mode="bm25").hits
    assert any(h.chunk.law == title and article in h.chunk.articles.split("、") for h in hits), [
        f"{h.chunk.law}{h.chunk.articles}" for h in hits]


def test_the_words_people_say_bring_the_laws_terms() -> None:
    assert expand_abbreviations("村主任想让他媳妇来管账").split()[1:] == ["村民委员会主任", "配偶", "财务"]
    assert expand_abbreviations("要打的那些疫苗").split()[1:] == ["预防接种", "免疫规划"]
    assert expand_abbreviations("小区里野狗越来越多").endswith("犬只")
    assert expand_abbreviations("街道让我们搞人防宣传").endswith("人民防空")
    assert expand_abbreviations("有人在群里造谣").endswith("谣言 虚假信息")
    assert expand_abbreviations("上海村里开全村大会").endswith("村民会议")  # heldout28 c001: 上海市实施…办法第十四条
    # 告状 is to sue or to complain: 可以向本市各级老龄工作机构投诉 answers 除了上法院，还能去哪儿告状.
    assert expand_abbreviations("还能去哪儿告状").split()[1:] == ["诉讼", "投诉"]
    assert expand_abbreviations("厂里要扣我奖金，还让我走人").split()[1:] == ["工资", "福利", "待遇", "解除", "劳动合同"]
    # …and a law's sentence answers for them: its 配偶 counts for the 媳妇 a question says.
    assert "媳妇" in expand_abbreviations("村民委员会成员的配偶不得担任本村财务管理工作人员", reverse=True)


def test_a_rumour_spread_is_what_the_animal_epidemic_regulation_punishes(tmp_path_factory: pytest.TempPathFactory,
                                                                         cache_dir: Path) -> None:
    # 造谣 is 散布谣言: 重大动物疫情应急条例第四十八条 (…散布谣言…由公安机关依法给予处罚). Keyword side alone: first with the
    # word, not among the first five without it (the regulation's 第一条、第二条 and others lead).
    service = _library(tmp_path_factory, cache_dir, "rumour", [LIBRARY / "行政法规/重大动物疫情应急条例(2017-10-07).md",
                                                                LIBRARY / "行政法/传染病防治法(2013-06-29).md",
                                                                LIBRARY / "行政法规/传染病防治法实施办法(1991-12-06).md"])
    first = service.retriever.search("闹禽流感那阵，有人造谣说鸡蛋都有毒，这种人谁来处理？", top_k=1, mode="bm25").hits[0]
    assert (first.chunk.law, first.chunk.articles) == ("重大动物疫情应急条例", "第四十八条")


def test_a_disease_named_is_a_contagious_disease_in_the_petition_rules(petitions: GovKB) -> None:
    # 肺结核 is a 传染病: 上海市信访条例第四十七条 (信访人…患有传染病的…按照《中华人民共和国传染病防治法》…处理). Keyword side,
    # among the six regions' petition rules, the national ones and the law on contagious diseases: first with the
    # word, second without (behind 第四十五条).
    first = petitions.retriever.search("上海这边有个来上访的老大爷说自己肺结核还没好，接待窗口的同事该怎么办？", top_k=1,
                                       mode="bm25").hits[0]
    assert first.chunk.law == "上海市信访条例" and "第四十七条" in first.chunk.articles.split("、")


def test_a_reply_and_complying_are_the_petition_rules_feedback_and_adoption(petitions: GovKB) -> None:
    # 回话 is 书面反馈, 照办 is 采纳: 信访条例第三十六条 (收到改进建议的行政机关应当在30日内书面反馈情况；未采纳改进建议的，
    # 应当说明理由). Keyword side, among the petition rules: first with the words, not first without them (第三十五条's
    # 30日内 is the petitioner's).
    first = petitions.retriever.search("被督办的局多长时间内得回话？要是不照办呢？", top_k=1, mode="bm25").hits[0]
    assert (first.chunk.law, first.chunk.articles) == ("信访条例", "第三十六条")


def test_work_injury_benefits_are_the_work_injury_insurance_the_law_keeps_claims_beside(
        tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> None:
    # 工伤待遇 is what 工伤保险 pays: 安全生产法第五十六条 (…除依法享有工伤保险外，依照有关民事法律尚有获得赔偿的权利的，
    # 有权提出赔偿要求). Keyword side: first with the word, second without (behind 第一百一十六条).
    service = _library(tmp_path_factory, cache_dir, "injury",
                       [*LIBRARY.glob("*/安全生产法(2021-06-10).md"), *LIBRARY.glob("行政法/突发事件应对法*.md")])
    first = service.retriever.search("厂里工人受伤，工伤待遇拿了以后，还能不能另外找单位要赔偿？", top_k=1, mode="bm25").hits[0]
    assert first.chunk.law == "中华人民共和国安全生产法" and "第五十六条" in first.chunk.articles.split("、")
    assert expand_abbreviations("事后该要什么凭据").endswith("凭证")


def test_raising_a_matter_in_person_is_a_petition_by_visit(petitions: GovKB) -> None:
    # 当面反映 is 走访 (信访): 北京市信访条例第二十八条 (传染病患者…需要以走访形式提出信访请求的，应当委托他人代为提出).
    # Hybrid search among the petition rules and the law on contagious diseases: first with the words, twelfth without.
    first = petitions.retriever.search("北京有位居民得了肺结核还在治，想自己去区里当面反映问题，可以吗？", top_k=1).hits[0]
    assert first.chunk.law == "北京市信访条例" and "第二十八条" in first.chunk.articles.split("、")


def test_advertising_money_is_the_owners_common_income(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> None:
    # 广告费 is 公共收益: 清远市住宅小区物业管理条例第五十五至五十八条 (what the owners' common income is, where it is kept,
    # what it is for). Keyword side: those four first with the word; without it 第五十八条 is fourteenth.
    service = _library(tmp_path_factory, cache_dir, "income",
                       [*LIBRARY.glob("广东地方法规/地方性法规/广东/清远市住宅小区物业管理条例*.md")])
    hits = service.retriever.search("小区电梯里的广告费一直是物业收着，这笔钱该怎么用？", top_k=4, mode="bm25").hits
    assert {h.chunk.articles for h in hits} == {"第五十五条", "第五十六条", "第五十七条", "第五十八条"}


@pytest.fixture(scope="module")
def property_and_quakes(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> GovKB:
    """The national property rule, ten cities' and provinces' ones, and 济南's earthquake rule (refusal bar off)."""
    files = [LIBRARY / "行政法规/物业管理条例(2018-03-19).md", *LIBRARY.glob("山东地方法规/地方性法规/山东/济南市防震减灾条例*.md"),
             *sorted(LIBRARY.glob("*/地方性法规/*/*物业管理条例*.md"))[:10]]
    return _library(tmp_path_factory, cache_dir, "utilities", files, answer={"min_evidence": 0.0},
                    retrieval={"sentence_weight": 0.0})


@pytest.mark.parametrize(
    ("question", "title", "article"),
    [
        # 水电气 are 供水、供电、供气…单位 (物业管理条例第五十一条: …应当依法承担物业管理区域内相关管线和设施设备维修、养护的责任).
        # Cited with the word; without it the answer cites 清远's 第三十七条 alone.
        ("小区的水管电缆旧了，该物业修还是水电气这些单位修？", "物业管理条例", "第五十一条"),
        # 指引牌 is a 指示标志 (济南市防震减灾条例第四十一条: …设置明显指示标志). Cited with the word; without it only 第四十条.
        ("济南的地震避难场所里找不到指引牌，这该谁负责？", "济南市防震减灾条例", "第四十一条"),
    ],
)
def test_utilities_and_signs_are_named_as_the_rules_name_them(property_and_quakes: GovKB, question: str, title: str,
                                                              article: str) -> None:
    answer = property_and_quakes.ask(question)
    assert any(c.title == title and article in c.articles for c in answer.citations), [
        c.source_label() for c in answer.citations]


@pytest.fixture(scope="module")
def mediation_property_volunteers(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> GovKB:
    """宁波's mediation rule, 郑州's property rule, 重庆's and the national volunteer rules, the national property rule."""
    files = [*LIBRARY.glob("浙江地方法规/地方性法规/*/宁波市人民调解条例*.md"),
             *LIBRARY.glob("河南地方法规/地方性法规/*/郑州市物业管理条例*.md"),
             *LIBRARY.glob("重庆地方法规/地方性法规/*/重庆市志愿服务条例*.md"),
             LIBRARY / "行政法规/物业管理条例(2018-03-19).md", *LIBRARY.glob("行政法规/志愿服务条例*.md")]
    return _library(tmp_path_factory, cache_dir, "mediation", files, answer={"min_evidence": 0.0})


@pytest.mark.parametrize(
    ("question", "title", "article"),
    [
        # 停下来 is 终止 (宁波市人民调解条例第二十三条: …应当终止调解). Cited with the word; without it 第十九条 (委托调解).
        ("宁波的调委会调解到一半，一方说不调了，什么情况下调解要停下来？", "宁波市人民调解条例", "第二十三条"),
        # 物管会 is short for 物业管理委员会 (郑州市物业管理条例第二十七条: its members). Without it 第十四条 and 第十二条.
        ("郑州一个老小区没有业委会，街道说先成立物管会，物管会由哪些人组成？", "郑州市物业管理条例", "第二十七条"),
        # 初中生 is a 未成年人 (重庆市志愿服务条例第九条: 限制民事行为能力的未成年人，经其监护人同意…). Without it 第十七条.
        ("重庆的初中生想去社区做志愿者，需要家长同意吗？", "重庆市志愿服务条例", "第九条"),
    ],
)
def test_stopping_a_committee_and_a_pupil_are_named_as_the_rules_name_them(
        mediation_property_volunteers: GovKB, question: str, title: str, article: str) -> None:
    answer = mediation_property_volunteers.ask(question)
    assert any(c.title == title and article in c.articles for c in answer.citations), [
        c.source_label() for c in answer.citations]


def test_neighbours_are_not_the_neighbourhood_a_mediator_may_invite(tmp_path_factory: pytest.TempPathFactory,
                                                                    cache_dir: Path) -> None:
    # 邻居 was once expanded to 邻里, the word of 人民调解法第二十条 (…可以邀请当事人的亲属、邻里、同事等参与调解): every question
    # with neighbours in its story then met that article (five wrong answers in the read sets). Keyword side: a
    # fundraising question told about neighbours finds 宁波's charity rule alone; with the expansion 第二十条 came second.
    service = _library(tmp_path_factory, cache_dir, "neighbours",
                       [*LIBRARY.glob("浙江地方法规/地方性法规/*/宁波市慈善事业促进条例*.md"),
                        *LIBRARY.glob("诉讼与非诉讼程序法/人民调解法*.md")])
    hits = service.retriever.search("宁波我们小区有户人家孩子得了重病，邻居们想在小区里自发搞个募捐。社区能不能同意？"
                                    "收的钱怎么花要不要公开？", top_k=5, mode="bm25").hits
    assert {h.chunk.law for h in hits} == {"宁波市慈善事业促进条例"}
    assert "第十九条" in hits[0].chunk.articles


def test_an_animal_epidemic_is_not_a_public_health_event(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> None:
    # 疫情 was once expanded to 公共卫生事件 防控: a question on swine fever then met 突发公共卫生事件应急条例, which is about
    # people. The library writes 疫情 itself (动物疫情, 传染病疫情). The answer cites 重大动物疫情应急条例 alone; with the
    # expansion it cited 突发公共卫生事件应急条例第一条、第二条.
    service = _library(tmp_path_factory, cache_dir, "epidemics",
                       [*LIBRARY.glob("行政法规/重大动物疫情应急条例*.md"), *LIBRARY.glob("行政法规/突发公共卫生事件应急条例*.md")],
                       answer={"min_evidence": 0.0})
    answer = service.ask("邻村发生了猪瘟疫情，我们村的猪能不能往外卖？")
    assert answer.citations
    assert {c.title for c in answer.citations} == {"重大动物疫情应急条例"}, [c.source_label() for c in answer.citations]


def test_the_boss_in_a_story_is_not_what_is_asked(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> None:
    # 老板 was once expanded to 主要负责人 投资人 经营者: a worker's story about what the boss did then met 安全生产法's
    # articles on a 主要负责人's duties (第九十三条), whatever was asked. Here the boss puts workers' beds in the
    # workshop: 汕头经济特区消防条例第六十八条 (在车间…内设立员工集体宿舍的…) is cited; with the expansion only 安全生产法 was.
    service = _library(tmp_path_factory, cache_dir, "boss",
                       [*LIBRARY.glob("广东地方法规/地方性法规/*/汕头经济特区消防条例*.md"), LIBRARY / "社会法/安全生产法(2021-06-10).md"],
                       answer={"min_evidence": 0.0})
    answer = service.ask("汕头一家服装厂的老板让工人晚上就睡在车间里，省得另租房子。这样行吗？查到了会怎么处理？")
    assert any(c.title == "汕头经济特区消防条例" and "第六十八条" in c.articles for c in answer.citations), [
        c.source_label() for c in answer.citations]


@contextmanager
def _without(*words: str) -> Iterator[None]:
    """The word table without `words`, both ways."""
    from govkb import text

    forward, reverse = text._FORWARD, text._REVERSE
    text._FORWARD = [(a, b) for a, b in forward if a not in words]
    text._REVERSE = [(a, b) for a, b in reverse if b not in words]
    try:
        yield
    finally:
        text._FORWARD, text._REVERSE = forward, reverse


def test_a_sign_of_danger_a_worker_sees_is_a_hidden_danger_in_the_law(tmp_path_factory: pytest.TempPathFactory,
                                                                      cache_dir: Path) -> None:
    # 苗头 is an 隐患 and a 工人 a 从业人员: 安全生产法第五十九条 (从业人员发现事故隐患或者其他不安全因素，应当立即向现场安全生产
    # 管理人员或者本单位负责人报告). Keyword side: among the first ten with 苗头, not among the first twenty without; the
    # answer cites it with 工人, and 第四十六条 alone without.
    service = _library(tmp_path_factory, cache_dir, "hazards", [LIBRARY / "社会法/安全生产法(2021-06-10).md",
                                                                 *LIBRARY.glob("行政法规/生产安全事故应急条例*.md")],
                       answer={"min_evidence": 0.0})

    def found(question: str, within: int) -> bool:
        hits = service.retriever.search(question, top_k=within, mode="bm25").hits
        return any(h.chunk.law == "中华人民共和国安全生产法" and "第五十九条" in h.chunk.articles.split("、") for h in hits)

    def cited(question: str) -> bool:
        return any(c.articles == "第五十九条" for c in service.ask(question).citations)

    sign, worker = "车间里有人发现设备有漏电的苗头，按规定应当马上跟谁说？", "我们一线工人发现设备有隐患，按规定该向谁报告？"
    assert found(sign, 10) and cited(worker)
    with _without("苗头", "工人"):
        assert not found(sign, 20) and not cited(worker)


def test_a_son_is_one_of_the_children_the_law_names(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> None:
    # 儿子 is one of the 子女: 老年人权益保障法第二十一条 (…子女或者其他亲属不得干涉老年人离婚、再婚及婚后的生活) is cited with the
    # word; without it the answer cites 第二十条 alone.
    service = _library(tmp_path_factory, cache_dir, "son", [LIBRARY / "社会法/老年人权益保障法(2018-12-29).md",
                                                             *LIBRARY.glob("上海地方法规/地方性法规/上海/上海市老年人权益保障条例*.md")],
                       answer={"min_evidence": 0.0})
    question = "我妈想再找个老伴，儿子坚决反对，他有权拦着吗？"

    def cited() -> bool:
        return any(c.title == "中华人民共和国老年人权益保障法" and "第二十一条" in c.articles for c in service.ask(question).citations)

    assert cited()
    with _without("儿子"):
        assert not cited()


@pytest.mark.parametrize(
    ("words", "files", "question", "title", "article", "check"),
    [
        # 帮我投 is 委托…投票 and 我姐 a 兄弟姐妹 (浙江省村民委员会选举办法第二十五条: …可以书面委托配偶、父母子女、兄弟姐妹…
        # 代为投票): the answer leads with it; without the words 村民委员会组织法第二条 leads.
        (("替我投", "帮我投", "我哥", "我姐", "我弟", "我妹"),
         ("浙江地方法规/地方性法规/浙江/浙江省村民委员会选举办法*.md", "宪法相关法/村民委员会组织法*.md"),
         "浙江村里选村委会那天我要出差，能不能让我姐帮我投？", "浙江省村民委员会选举办法", "第二十五条", "first"),
        # 家伙事 are the 器材、设备和物资 (生产安全事故应急条例第十三条: …配备必要的…应急救援器材、设备和物资): keyword side,
        # first with the word; without it, not among the first twenty. (bm25: among the first five, or not.)
        (("家伙事", "家伙什"), ("行政法规/生产安全事故应急条例*.md", "社会法/安全生产法*.md"),
         "工厂里出了事故抢险用的家伙事儿，按规定该配哪些？", "生产安全事故应急条例", "第十三条", "bm25"),
        # Whether a signed agreement is 管用 is whether it has 约束力 (人民调解法第三十一条: …调解协议，具有法律约束力):
        # cited with the word; without it 第三十三条 and 第二十八条 are.
        (("管用",), ("诉讼与非诉讼程序法/人民调解法*.md", "*/人民调解委员会组织条例*.md"),
         "调委会调解后双方签的那份协议管用吗？对方不照做怎么办？", "中华人民共和国人民调解法", "第三十一条", "cited"),
        # 逃生的路, 空地 and 水电 are 疏散通道, 避难场所 and 供水、供电 (防震减灾法第四十一条): cited with the words; without
        # them 防洪法第十七条 and 防震减灾法第十四条 are.
        (("逃生的路", "空地", "水电"), ("行政法/防震减灾法*.md", "经济法/防洪法*.md", "行政法/突发事件应对法*.md"),
         "城里做规划，要不要给地震留出逃生的路和空地？水电要跟上吗？", "中华人民共和国防震减灾法", "第四十一条", "cited"),
        # An 活动室 is one of the 公共建筑和共用设施 whose 用途 物业管理条例第四十九条 keeps (…不得改变用途): cited with the
        # word; without it 第二十三条 alone.
        (("活动室",), ("行政法规/物业管理条例*.md", "山东地方法规/地方性法规/山东/山东省物业管理条例*.md"),
         "小区里的活动室能不能被物业拿去出租当仓库？", "物业管理条例", "第四十九条", "cited"),
        # 领证 is to marry and 插手 to 干涉 (北京市老年人权益保障条例第十四条: 老年人的婚姻自由受法律保护。子女或者其他亲属
        # 不得干涉…): cited with the words; without them 第十五条 alone.
        (("插手", "领证"), ("北京地方法规/地方性法规/北京/北京市老年人权益保障条例*.md", "社会法/老年人权益保障法*.md"),
         "北京我妈想跟老伴领证，我哥说不行，子女能插手吗？", "北京市老年人权益保障条例", "第十四条", "cited"),
        # 做公益 is 志愿服务 (志愿服务条例第三十三条: …对有良好志愿服务记录的志愿者给予优待): keyword side, second with
        # the word, eleventh without.
        (("做公益",), ("行政法规/志愿服务条例*.md", "社会法/慈善法(2023*.md", "社会法/老年人权益保障法*.md"),
         "长期做公益的人坐公交、逛公园能享受优待吗？谁来定？", "志愿服务条例", "第三十三条", "bm25"),
        # 大灾大难, 公益机构 and 筹款 are 重大突发事件, 慈善组织 and 募捐 (慈善法第七十条: 发生重大突发事件需要迅速开展救助时，
        # …建立协调机制…): cited with the words; without them 第三条 alone.
        (("筹款", "筹钱", "公益机构", "大灾大难"),
         ("社会法/慈善法(2023*.md", "行政法规/志愿服务条例*.md", "行政法/突发事件应对法(2024*.md"),
         "遇到大灾大难，政府怎么组织公益机构一起筹款救灾？", "中华人民共和国慈善法", "第七十条", "cited"),
        # 警察 are the 公安机关 (信访工作条例第四十七条: …由公安机关依法采取必要的现场处置措施): keyword side, second with the
        # word, seventeenth without.
        (("警察",), ("行政法规/信访工作条例*.md", "行政法规/信访条例*.md"),
         "上访的人堵政府大门闹事，警察能管吗？", "信访工作条例", "第四十七条", "bm25"),
        # A 家门口医生 one signs with is a 家庭医生 (汕头经济特区基层医疗卫生服务条例第二十七条: …家庭医生签约服务…): cited
        # with the word; without it 第十七条 and 第七条.
        (("家门口医生",), ("广东地方法规/地方性法规/*/汕头经济特区基层医疗卫生服务条例*.md", "社会法/老年人权益保障法*.md"),
         "汕头这边跟社区医院签家门口医生，能享受哪些服务？", "汕头经济特区基层医疗卫生服务条例", "第二十七条", "cited"),
        # A hospital that 治不了 is one 不具备相应救治能力 (传染病防治法第五十二条: …应当将患者及其病历记录复印件一并转至具备
        # 相应救治能力的医疗机构): first on the keyword side with the word, fourth without; cited only with it.
        (("治不了",), ("行政法/传染病防治法*.md", "行政法规/突发公共卫生事件应急条例*.md", "行政法规/传染病防治法实施办法*.md"),
         "病人到了医院，医院治不了，该怎么转？", "中华人民共和国传染病防治法", "第五十二条", "cited"),
        # Section 25 of docs/benchmarks.md. 地下工事 is a 人民防空工程 and 挣的钱 its 收益 (人民防空法第五条: …平时由投资者
        # 使用管理，收益归投资者所有): keyword side, first with the words, sixth without.
        (("挣的钱", "地下工事"), ("行政法/人民防空法*.md", "北京地方法规/地方性法规/北京/北京市人民防空条例*.md"),
         "公司自己出钱修的地下工事，平时谁管？出租挣的钱归谁？", "中华人民共和国人民防空法", "第五条", "bm25"),
        # 挪走 and 弄坏 are to 移动 and 毁损 (防震减灾法第二十三条: 任何单位和个人不得侵占、毁损、拆除或者擅自移动地震监测设施…):
        # cited with the words; without them 第九十二条 and 第二十六条.
        (("挪走", "弄坏"), ("行政法/防震减灾法*.md", "浙江地方法规/地方性法规/浙江/浙江省防震减灾条例*.md"),
         "测地震的仪器挡路了，能不能挪走？被人弄坏了谁修？", "中华人民共和国防震减灾法", "第二十三条", "cited"),
        # 说和 is to 调解 and 谈拢 to reach an agreement (信访工作条例第三十三条: …经争议双方当事人同意进行调解…应当制作调解
        # 协议书或者和解协议书): cited with the words; without them 第十五条 and 第三十七条.
        (("说和", "谈拢"), ("行政法规/信访工作条例*.md", "行政法规/信访条例*.md", "诉讼与非诉讼程序法/人民调解法*.md"),
         "两家闹矛盾来上访，接访的单位能帮着说和吗？谈拢了要写什么？", "信访工作条例", "第三十三条", "cited"),
        # Sent to a 大医院 is 转诊, and a 病历 the 记录…诊疗情况 (汕头经济特区基层医疗卫生服务条例第二十三条: …执行首诊负责制，
        # 准确、规范记录诊疗情况，协助危重病人及时转诊): cited with the words; without them 第十七条.
        (("大医院", "病历"), ("广东地方法规/地方性法规/*/汕头经济特区基层医疗卫生服务条例*.md", "社会法/老年人权益保障法*.md"),
         "汕头社区医生说看不了让去大医院，病历也不写，对吗？", "汕头经济特区基层医疗卫生服务条例", "第二十三条", "cited"),
        # A mediator's 违规 is his 违反工作原则、纪律 (宁波市人民调解条例第三十四条): cited with the word; without it 第三十五条.
        (("违规",), ("浙江地方法规/地方性法规/浙江/宁波市人民调解条例*.md", "诉讼与非诉讼程序法/人民调解法*.md"),
         "宁波村里的调解员调纠纷时明显偏向一方，调解员违规会怎么处理？", "宁波市人民调解条例", "第三十四条", "cited"),
        # A boss who 跑了 instead of 救人 is one who 逃匿, not 组织抢救 (安全生产法第一百一十条): keyword side, first with the
        # words, eleventh without.
        (("跑了", "救人"), ("社会法/安全生产法*.md", "行政法规/生产安全事故应急条例*.md"),
         "厂里出了事故，老板不救人自己跑了，会怎么处理？", "中华人民共和国安全生产法", "第一百一十条", "bm25"),
        # 还剩 善款 is 捐赠财产有剩余 (慈善法第五十八条): cited with the words; without them 第五十二条 and 第七十九条.
        (("还剩", "善款"), ("社会法/慈善法(2023*.md", "行政法规/志愿服务条例*.md"),
         "筹款项目结束了还剩一些善款，怎么处理？", "中华人民共和国慈善法", "第五十八条", "cited"),
        # 打零工 is 参加劳动 and a 脚手架 a 危险作业 (老年人权益保障法第七十条: 老年人参加劳动的合法收入受法律保护。…不得
        # 安排老年人从事危害其身心健康的劳动或者危险作业): cited with the words; without them 第三十三条、第三十四条.
        (("打零工", "脚手架"), ("社会法/老年人权益保障法*.md", "社会法/安全生产法*.md"),
         "六十多岁的老人打零工，包工头让他上脚手架，行吗？挣的钱有保障吗？", "中华人民共和国老年人权益保障法", "第七十条",
         "cited"),
        # A 警戒线 round a fire is the 封闭火灾现场 (消防法第五十一条): keyword side, first with the word, ninth without.
        (("警戒线",), ("行政法/消防法*.md", "行政法规/生产安全事故应急条例*.md",
                     "广东地方法规/地方性法规/广东/汕头经济特区消防条例*.md", "河南地方法规/地方性法规/河南/河南省消防条例*.md"),
         "楼下饭馆失火后被拉了警戒线，老板能进去清理吗？", "中华人民共和国消防法", "第五十一条", "bm25"),
        # 再走一步 is to 再婚, and 藏起来 to 隐匿、扣押 (上海市老年人权益保障条例第十五条): cited with the words; without them
        # 第十八条 alone.
        (("再走一步", "藏起来"), ("上海地方法规/地方性法规/上海/上海市老年人权益保障条例*.md", "社会法/老年人权益保障法*.md"),
         "上海我妈想再走一步，我哥把她的证件藏起来了，这样行吗？", "上海市老年人权益保障条例", "第十五条", "cited"),
        # Read from heldout25. 表态 in writing is a 书面征求意见, and one who goes 替他 an 委托代理人 (物业管理条例第十二条):
        # cited with the words; without them 第十三条、第十四条.
        (("替他", "表态"), ("行政法规/物业管理条例*.md", "山东地方法规/地方性法规/山东/山东省物业管理条例*.md"),
         "小区开业主大会，能不能发表格让大家书面表态？有人去不了能找人替他去吗？", "物业管理条例", "第十二条", "cited"),
        # Those 流落街头 are the 流浪乞讨人员 (北京市突发公共卫生事件应急条例第三十五条): cited with the word; without it
        # 第三十一条 alone.
        (("流落街头",), ("北京地方法规/地方性法规/北京/北京市突发公共卫生事件应急条例*.md", "行政法/传染病防治法*.md"),
         "北京闹疫情时，流落街头的人政府管不管？", "北京市突发公共卫生事件应急条例", "第三十五条", "cited"),
        # 听谁的 asks who 统一指挥 (志愿服务条例第二十四条: …接受有关人民政府设立的应急指挥机构的统一指挥、协调): cited with
        # the word; without it 第十四条、第十五条.
        (("听谁的",), ("行政法规/志愿服务条例*.md", "行政法/突发事件应对法(2024*.md", "社会法/慈善法(2023*.md"),
         "发大水时志愿者去现场，听谁的？", "志愿服务条例", "第二十四条", "cited"),
        # 不许动火 is the 禁火期、禁火区 (浙江省森林消防条例第四十五条: …在森林禁火期、禁火区内野外用火…对个人处五百元以上
        # 三千元以下的罚款): cited with the word; without it 第四十四条.
        (("不许动火",), ("浙江地方法规/地方性法规/*/浙江省森林消防条例*.md", "行政法/消防法*.md"),
         "浙江山上插着牌子说不许动火，有人在坟前烧纸会罚多少？", "浙江省森林消防条例", "第四十五条", "cited"),
        # An official who 跑了 in a disaster 临阵脱逃 (破坏性地震应急条例第三十七条): cited with the word; without it
        # 第二十三条.
        (("跑了",), ("行政法规/破坏性地震应急条例*.md", "行政法/防震减灾法*.md", "行政法/突发事件应对法(2024*.md"),
         "地震救灾时干部跑了会怎样？", "破坏性地震应急条例", "第三十七条", "cited"),
        # Keeping a death toll 不往上说 is to 瞒报, and telling others 别声张 to 阻碍他人报告 (重大动物疫情应急条例第二十四条:
        # …不得瞒报、谎报、迟报…不得阻碍他人报告): keyword side, second with the words, not in the first twenty without.
        (("不往上说", "别声张"), ("行政法规/重大动物疫情应急条例*.md", "宪法相关法/村民委员会组织法*.md"),
         "村里牲畜大批发病死亡，村干部能不能先不往上说，还叫大家别声张？", "重大动物疫情应急条例", "第二十四条", "bm25"),
        # A 病情 told as 闲话 is 个人健康信息 泄露 (汕头经济特区基层医疗卫生服务条例第三十六条): keyword side, first with the
        # words, ninth without.
        (("病情", "闲话"), ("广东地方法规/地方性法规/广东/汕头经济特区基层医疗卫生服务条例*.md", "社会法/老年人权益保障法*.md"),
         "汕头社区医院的医生把我的病情当闲话讲给邻居，会受什么处理？", "汕头经济特区基层医疗卫生服务条例", "第三十六条", "bm25"),
        # A son who never 来看过 does not 探望 (河南省老年人权益保障条例第十六条: …养老机构可以…提出建议，督促其前往探望):
        # cited first with the word; without it 第四十一条 is.
        (("来看过",), ("河南地方法规/地方性法规/*/河南省老年人权益保障条例*.md", "社会法/老年人权益保障法*.md"),
         "河南养老院里有位老人，儿子一次都没来看过，院里能做什么？", "河南省老年人权益保障条例", "第十六条", "first"),
        # A 收据 for a gift is a 捐赠票据 (慈善法第三十八条: 慈善组织接受捐赠，应当向捐赠人开具…捐赠票据): keyword side, first
        # with the word, not in the first twenty without.
        (("收据",), ("社会法/慈善法(2023*.md", "行政法规/志愿服务条例*.md"),
         "我给基金会捐了两千块，想要张正规收据，对方说小额的不开，行吗？", "中华人民共和国慈善法", "第三十八条", "bm25"),
        # A 财政补助 is a 政府补贴 (北京市居家养老服务条例第二十一条: 享受政府补贴…没有履行相应义务的，由发放补贴的部门收回
        # 补贴…): cited with the word; without it 第二条 and 第五条.
        (("财政补助",), ("北京地方法规/地方性法规/北京/北京市居家养老服务条例*.md",
                                "北京地方法规/地方性法规/北京/北京市老年人权益保障条例*.md"),
         "北京的养老服务公司拿了财政补助，却没按要求提供服务，会怎样？", "北京市居家养老服务条例", "第二十一条", "cited"),
        # 额外的补助 for those who work amid a disease is a 津贴 (传染病防治法第六十四条: …给予适当的津贴): cited with the
        # words; without them 第四十一条 and 第二十一条.
        (("额外的补助",), ("行政法/传染病防治法*.md", "行政法规/突发公共卫生事件应急条例*.md"),
         "去隔离点做消杀的工作人员，除了防护用品，有没有额外的补助？", "中华人民共和国传染病防治法", "第六十四条", "cited"),
        # Made 对外公开 is 向社会公告 (宁波市慈善事业促进条例第二十四条: …募捐活动结束后二十日内…向社会公告): cited with the
        # words; without them 第三十三条 alone.
        (("对外公开",), ("浙江地方法规/地方性法规/*/宁波市慈善事业促进条例*.md",
                      "浙江地方法规/地方性法规/*/浙江省实施《中华人民共和国慈善法》办法*.md"),
         "宁波办完义卖筹款后，多少天内要把情况对外公开？", "宁波市慈善事业促进条例", "第二十四条", "cited"),
        # Read from heldout26. The 自来水 stopped is 供水 cut off (日照市物业管理条例第五十九条: 物业服务企业不得以业主拖欠物业费…
        # 中断…供水): keyword side, fourth with the word, tenth without.
        (("自来水",), ("山东地方法规/地方性法规/*/日照市物业管理条例*.md", "行政法规/物业管理条例*.md",
                    "山东地方法规/地方性法规/山东/山东省物业管理条例*.md"),
         "日照物业说不交钱就停自来水，可以吗？", "日照市物业管理条例", "第五十九条", "bm25"),
        # The accounts 拿给我看 are 查询、复制 and money 挪去 elsewhere 违反…约定的用途 (慈善法第四十二条): cited with the words;
        # without them 志愿服务条例 and 慈善法第八条、第十条.
        (("挪去", "拿给我看"), ("社会法/慈善法(2023*.md", "行政法规/志愿服务条例*.md"),
         "我给基金会捐的钱，能让他们把账拿给我看吗？钱被挪去干别的怎么办？", "中华人民共和国慈善法", "第四十二条", "cited"),
        # Money 偷偷取走 by a family member is 盗窃、侵占 (老年人权益保障法第七十七条): cited with the words; without them
        # 第七十三条 and 第三十八条.
        (("偷偷取走",), ("社会法/老年人权益保障法*.md", "北京地方法规/地方性法规/北京/北京市老年人权益保障条例*.md"),
         "小舅把姥姥存折里的钱偷偷取走了，会受什么处理？", "中华人民共和国老年人权益保障法", "第七十七条", "cited"),
        # Who 拦着 the inspectors 阻碍 them (重大动物疫情应急条例第十五条: …应当配合，不得拒绝和阻碍): cited with the word;
        # without it 第十六条 and 第一条.
        (("拦着",), ("行政法规/重大动物疫情应急条例*.md", "行政法/传染病防治法*.md"),
         "动物疫情监测时，养殖户拦着不让进，行吗？", "重大动物疫情应急条例", "第十五条", "cited"),
        # To 留底 is to 记录、保存, and the 原始材料 are the 原始资料 (生产安全事故应急条例第二十四条): cited with the words;
        # without them 安全生产法第八十五条 and 第二十六条.
        (("留底", "原始材料"), ("行政法规/生产安全事故应急条例*.md", "社会法/安全生产法*.md"),
         "事故抢险结束后，指挥的一方要不要留底？原始材料怎么处理？", "生产安全事故应急条例", "第二十四条", "cited"),
        # A 物业合同 is the 物业服务合同, and a home 偷了 a 财产安全 harmed (物业管理条例第三十五条: …导致业主人身、财产安全受到
        # 损害的，应当依法承担相应的法律责任): cited with the words; without them 第四十六条、第四十七条.
        (("物业合同", "偷了"), ("行政法规/物业管理条例*.md", "山东地方法规/地方性法规/山东/山东省物业管理条例*.md"),
         "物业合同写着保安二十四小时值守，结果保安不在，我家被偷了，物业要负责吗？", "物业管理条例", "第三十五条", "cited"),
        # Accounts that are 差了一大截 are 不真实 (村民委员会组织法第三十一条: …公布的事项不真实的，村民有权…反映): cited
        # first with the word; without it 第三十五条 is.
        (("差了一大截",), ("宪法相关法/村民委员会组织法*.md",
                       "山东地方法规/地方性法规/山东/山东省实施《中华人民共和国村民委员会组织法》办法*.md"),
         "村委会贴出来的账跟实际差了一大截，村民能去哪儿反映？", "中华人民共和国村民委员会组织法", "第三十一条", "first"),
        # 行蓄洪 land is a 蓄滞洪区 (防洪法第三十二条: …建立对蓄滞洪区的扶持和补偿、救助制度): cited with the word; without
        # it 突发事件应对法第八十九条.
        (("行蓄洪",), ("经济法/防洪法*.md", "行政法/突发事件应对法(2024*.md"),
         "住在行蓄洪区的村民受了损失，有扶持吗？", "中华人民共和国防洪法", "第三十二条", "cited"),
        # One who 拍桌子 and says 让我好看 is 态度恶劣、作风粗暴 and 打击报复 (信访工作条例第四十六条): cited with the words;
        # without them 第十八条 alone.
        (("拍桌子", "让我好看"), ("行政法规/信访工作条例*.md", "行政法规/信访条例*.md"),
         "去反映问题，接待的干部拍桌子，还说再来就让我好看，会被追究吗？", "信访工作条例", "第四十六条", "cited"),
        # A 外地户口 living here is a 外埠老年人 (老年人权益保障法第五十三条: …对常住在本行政区域内的外埠老年人给予同等优待):
        # cited with the word; without it 第五十四条、第五十五条.
        (("外地户口",), ("社会法/老年人权益保障法*.md",
                      "浙江地方法规/地方性法规/浙江/浙江省实施《中华人民共和国老年人权益保障法》办法*.md"),
         "我妈是外地户口，长住在我这边，本地给老人的优待她能享受吗？", "中华人民共和国老年人权益保障法", "第五十三条", "cited"),
        # An old person 卧床 / 瘫痪 cannot look after themself (生活长期不能自理, 失能), and 照护 is 护理: 老年人权益保障法第三十条
        # (…给予护理补贴) is cited with the words; without them 第三十七条 and 第三十三条.
        (("瘫在床", "瘫痪", "卧床"), ELDERLY, "老人常年卧床，家里又穷，国家会给补贴吗？", "中华人民共和国老年人权益保障法",
         "第三十条", "cited"),
        (("照护",), ELDERLY, "老人离不开人照护，家里又没钱，国家给不给补贴？", "中华人民共和国老年人权益保障法", "第三十条", "cited"),
        # A 晚会 for a crowd is a 大型群众性活动 (消防法第二十条: 举办大型群众性活动，承办人应当…): cited with the word; without it
        # 第四十五条, and the article not among the first twenty keyword matches.
        (("晚会",), ("行政法/消防法*.md", "河南地方法规/地方性法规/河南/河南省消防条例*.md"),
         "社区要在广场办一场新年晚会，防火上事先要做哪些准备？", "中华人民共和国消防法", "第二十条", "cited"),
        # Filling in a 水塘 is 填堵…湖塘 (防洪法第五十九条): third by keywords with the words, ninth without.
        (("水塘", "填平"), ("经济法/防洪法*.md", "行政法/突发事件应对法(2024*.md"),
         "开发商把城里的水塘填平了盖房子，谁来管？", "中华人民共和国防洪法", "第五十九条", "bm25"),
        # One whose family 揭不开锅 needs 救助, and a matter 了结 is one 依法终结 (信访工作条例第三十七条): cited with the words;
        # without them 第三十条 alone.
        (("揭不开锅", "了结"), ("行政法规/信访工作条例*.md", "行政法规/信访条例*.md"),
         "来信访的人家里揭不开锅，事情也已经了结了，干部还能帮他做什么？", "信访工作条例", "第三十七条", "cited"),
        # 武警 are the 武装警察部队 (破坏性地震应急条例第五条: …是地震应急工作的重要力量): third by keywords with the word, sixth
        # without, and cited only with it.
        (("武警",), ("行政法规/破坏性地震应急条例*.md", "行政法/防震减灾法*.md"),
         "大地震以后武警在救灾里是什么角色？", "破坏性地震应急条例", "第五条", "cited"),
        # An official 沾亲带故 with the other side has a 利害关系 and must 回避, and 办到哪一步 is the 办理情况 one may 查询
        # (山东省信访条例第十二条): cited with the words; without them the article ranks fifteenth, or is not found.
        (("沾亲带故", "办到哪一步"), SHANDONG_PETITIONS, "在山东信访，接待的干部跟对方沾亲带故，能要求换人吗？", "山东省信访条例",
         "第十二条", "cited"),
        (("沾亲带故", "办到哪一步"), SHANDONG_PETITIONS, "在山东去信访以后，我的事办到哪一步了能查吗？", "山东省信访条例",
         "第十二条", "cited"),
        # Where to 反映 a wrong is where to 投诉、举报 (志愿服务条例第二十六条): cited with the words; eleventh by keywords without.
        (("哪里反映", "哪儿反映"), ("行政法规/志愿服务条例*.md", "社会法/慈善法(2023*.md"),
         "有志愿服务组织借做义工的名义骗钱，可以向哪里反映？", "志愿服务条例", "第二十六条", "cited"),
        # A fire started 不小心 / 没看住 / 不是故意 is one started by 过失 (浙江省森林消防条例第四十七条: 过失引起森林火灾的…):
        # cited with the words; without them 第四十四条 (用火 that started no fire) or nothing.
        (("不是故意", "不小心", "没看住"), ("浙江地方法规/地方性法规/浙江/浙江省森林消防条例*.md",
                                      "浙江地方法规/地方性法规/浙江/浙江省消防条例*.md"),
         "在浙江，上山扫墓不小心把山林点着了，要罚多少？", "浙江省森林消防条例", "第四十七条", "cited"),
        # A 亲戚 of the other side has a 利害关系 with the matter (河南省信访条例第二十九条: …有直接利害关系的，应当回避):
        # cited with the word; without it the article ranks tenth by keywords.
        (("亲戚",), ("河南地方法规/地方性法规/河南/河南省信访条例*.md", "行政法规/信访条例*.md", "行政法规/信访工作条例*.md"),
         "河南信访的经办人跟被反映的人是亲戚，能继续经手吗？", "河南省信访条例", "第二十九条", "cited"),
        # Read from heldout28. A 扶手 put in for an old person is a 无障碍改造 (威海市居民养老服务保障条例第二十四条: …进行无障碍
        # 改造的…给予资金补助): cited with the word; without it 第三十三条 and the article sixth by keywords.
        (("扶手",), ("山东地方法规/地方性法规/山东/威海市居民养老服务保障条例*.md", "行政法规/社会救助暂行办法*.md"),
         "我爸在威海，中风后常年卧床，想在卫生间装扶手，政府给不给补钱？", "威海市居民养老服务保障条例", "第二十四条", "cited"),
        # The 最高那一级 of accidents is the 特别重大事故 (铁路交通事故应急救援和调查处理条例第九条): cited with the word; without
        # it nothing is.
        (("最高那一级",), ("行政法规/铁路交通事故应急救援和调查处理条例*.md", "行政法规/电力安全事故应急处置和调查处理条例*.md"),
         "火车出事以后，死了多少人就算最高那一级的事故？", "铁路交通事故应急救援和调查处理条例", "第九条", "cited"),
        # To 进名单 is to be a 候选人 (北京市实施《中华人民共和国城市居民委员会组织法》办法第十三条): second by keywords with the
        # word, seventh without.
        (("进名单",), ("北京地方法规/地方性法规/北京/北京市实施《城市居民委员会组织法》办法.md",
                    "北京地方法规/地方性法规/北京/北京市物业管理条例*.md"),
         "北京社区居委会换届，想当委员的人怎样才能进名单？", "北京市实施《中华人民共和国城市居民委员会组织法》办法", "第十三条", "bm25"),
        # Children 上学 are 就学 and helped by 教育救助 (社会救助暂行办法第三十三条): cited with the word; without it 第十二条
        # and 第九条.
        (("上学",), ("行政法规/社会救助暂行办法*.md", "浙江地方法规/地方性法规/浙江/浙江省社会救助条例*.md"),
         "我家是低保户，两个孩子都在上学，国家有没有帮扶？", "社会救助暂行办法", "第三十三条", "cited"),
        # People who 组队 to help after a disaster are 志愿者 (重庆市志愿服务条例第二十四条): fourth by keywords with the word,
        # twelfth without.
        (("组队",), ("重庆地方法规/地方性法规/重庆/重庆市志愿服务条例*.md", "重庆地方法规/地方性法规/重庆/重庆市突发事件应对条例*.md"),
         "重庆山体滑坡后，不少群众自己组队去帮忙，该先跟谁联系？", "重庆市志愿服务条例", "第二十四条", "bm25"),
        # Who 讲清楚 how far the repair is (抢修到哪一步) and when power 来电 is who 发布…处置工作进度、预计恢复供电时间
        # (电力安全事故应急处置和调查处理条例第二十条): cited with the words; without them the article is not among the first
        # twenty keyword matches.
        (("来电", "抢修到哪一步", "讲清楚"), ("行政法规/电力安全事故应急处置和调查处理条例*.md",
                                       "行政法规/铁路交通事故应急救援和调查处理条例*.md"),
         "片区突然大停电，该由谁跟老百姓讲清楚抢修到哪一步、几点能来电？", "电力安全事故应急处置和调查处理条例", "第二十条", "cited"),
        # A rumour 造谣 is a 虚假信息 in the 2024 law (突发事件应对法第九十七条: 编造并传播有关突发事件的虚假信息…): cited with
        # the word; without it 第九十六条 alone.
        (("造谣",), ("行政法/突发事件应对法(2024*.md", "行政法规/重大动物疫情应急条例*.md"),
         "发大水的时候有人在群里造谣说大坝要垮了，会受什么处罚？", "中华人民共和国突发事件应对法", "第九十七条", "cited"),
        # Read from heldout26. What an official 说出去 of an applicant's affairs is personal information he must keep 保密
        # (社会救助暂行办法第六十一条): cited with the word; without it 第四十七条、第四十八条.
        (("说出去",), ("行政法规/社会救助暂行办法*.md", "浙江地方法规/地方性法规/浙江/浙江省社会救助条例*.md"),
         "我申请困难补助交了病历，经办的人把我家的病情全说出去了，这样对吗？", "社会救助暂行办法", "第六十一条", "cited"),
        # The 定的步骤 of a factory are its 操作规程 and 规章制度, and to 处理 a worker is to 处分 him (安全生产法第一百零七条):
        # cited with the words; without them 第八十六条, and the article not among the first twenty keyword matches.
        (("定的步骤", "处理我"), ("社会法/安全生产法*.md", "行政法规/生产安全事故应急条例*.md"),
         "我开叉车没按厂里定的步骤来，厂里说要处理我，他们有权这样做吗？", "中华人民共和国安全生产法", "第一百零七条", "cited"),
        # An inspector who shows no 文书 has shown neither 证件 nor 通知书 (慈善法第一百零五条: 检查人员…不得少于二人，并应当出示
        # 合法证件和检查、调查通知书): cited with the word; without it 第十条 and 第一百零四条, the article sixth by keywords.
        (("文书",), ("社会法/慈善法(2023*.md", "行政法规/志愿服务条例*.md"),
         "有个人自称民政局的，一个人来说要查我们基金会的账，也没拿什么文书，我们该配合吗？", "中华人民共和国慈善法", "第一百零五条",
         "cited"),
        # 编织袋 and 木桩 laid up against floods are the 防汛备用的器材、物料 (防洪法第三十七条): first by keywords with the
        # words, not among the first twenty without.
        (("编织袋", "木桩"), ("经济法/防洪法*.md", "行政法/突发事件应对法(2024*.md"),
         "有人把村里囤着抗洪用的编织袋、木桩拿回家用，法律怎么说？", "中华人民共和国防洪法", "第三十七条", "bm25"),
        # A volunteer who 表现好 has a 良好志愿服务记录 (山东省志愿服务条例第三十六条: …可以…给予减费、免费等优惠): cited
        # with the word; without it 第三十五条 alone.
        (("表现好",), ("山东地方法规/地方性法规/山东/山东省志愿服务条例*.md", "山东地方法规/地方性法规/山东/山东省慈善条例*.md"),
         "在山东做义工表现好的，能享受哪些优惠？", "山东省志愿服务条例", "第三十六条", "cited"),
        # Read from heldout4–16. A mediation that 调不成 is 调解不成 and ends (人民调解法第二十六条: …应当终止调解): second by
        # keywords with the word, sixth without.
        (("调不成",), ("诉讼与非诉讼程序法/人民调解法*.md", "行政法规/人民调解委员会组织条例*.md"),
         "两家邻居调了三次还是调不成，调解员接下来该怎么办？", "中华人民共和国人民调解法", "第二十六条", "bm25"),
        # A 舅舅 is one of the parties' 亲属 a mediator may invite (人民调解法第二十条): cited with the word; without it
        # 第二十九条, and the article ninth by keywords.
        (("舅舅",), ("诉讼与非诉讼程序法/人民调解法*.md", "行政法规/人民调解委员会组织条例*.md"),
         "调解兄弟俩的纠纷，能把他们的舅舅请来一起劝吗？", "中华人民共和国人民调解法", "第二十条", "cited"),
        # Things 拉走 from a committee infringe its 财产 (城市居民委员会组织法第四条: …任何部门和单位不得侵犯居民委员会的财产
        # 所有权): cited with the word; without it 第一条、第二条.
        (("拉走",), ("宪法相关法/城市居民委员会组织法*.md", "北京地方法规/地方性法规/北京/北京市实施《城市居民委员会组织法》办法.md"),
         "居委会自己攒钱买的桌椅音响，街道说要拉走统一调配，能这样吗？", "中华人民共和国城市居民委员会组织法", "第四条",
         "cited"),
        # 亲兄弟 on one committee are 兄弟姐妹 who must not serve together (浙江省村民委员会选举办法第三十一条, 任职回避): cited
        # with the word; without it 第三十条 and 第十五条.
        (("亲兄弟",), ("浙江地方法规/地方性法规/浙江/浙江省村民委员会选举办法*.md",
                     "浙江地方法规/地方性法规/浙江/浙江省实施《中华人民共和国村民委员会组织法》办法*.md",
                     "宪法相关法/村民委员会组织法*.md"),
         "浙江村里刚换届，选出的村委里有一对亲兄弟，这样行吗？", "浙江省村民委员会选举办法", "第三十一条", "cited"),
        # A sum one 必须捐 / 至少捐 is an 摊派 (慈善法第三十二条, 山东省慈善条例第二十六条: 不得摊派或者变相摊派): cited with the
        # words (third), not without; the provincial article fourth by keywords with them, not found without.
        (("必须捐", "至少捐"), ("社会法/慈善法(2023*.md", "山东地方法规/地方性法规/山东/山东省慈善条例*.md"),
         "街道搞募捐，给每家商户下了必须捐多少钱的任务，合法吗？", "中华人民共和国慈善法", "第三十二条", "cited"),
        (("必须捐", "至少捐"), ("山东地方法规/地方性法规/山东/山东省慈善条例*.md", "社会法/慈善法(2023*.md"),
         "山东的慈善会给每个商户下了至少捐500元的任务，这样合规吗？", "山东省慈善条例", "第二十六条", "bm25"),
        # A village's 义务工 is the 筹劳 old people are spared (老年人权益保障法第六十条): cited with the word; without it 第十条
        # to 第十二条.
        (("义务工",), ("社会法/老年人权益保障法*.md", "宪法相关法/村民委员会组织法*.md"),
         "村里修路要每户出义务工，家里只剩七十多岁的老两口也得出工吗？", "中华人民共和国老年人权益保障法", "第六十条", "cited"),
        # Money 硬塞 on a volunteer is 报酬 he may not take (志愿服务条例第二十一条), and a 硬指标 of volunteers is 强行指派
        # (第二十五条): cited with the words; without them 第十六条, and 第十九条 alone.
        (("硬塞",), ("行政法规/志愿服务条例*.md", "社会法/慈善法(2023*.md"),
         "老人家属硬塞给志愿者两百块钱，志愿者能收吗？", "志愿服务条例", "第二十一条", "cited"),
        (("硬指标",), ("行政法规/志愿服务条例*.md", "社会法/慈善法(2023*.md"),
         "街道给居委会下硬指标，每周必须派二十个人去当志愿者执勤，这样合规吗？", "志愿服务条例", "第二十五条", "cited"),
        # 汽油 is an 易燃 thing not to be stored in a shelter (人民防空法第二十七条): fifth by keywords with the word, twentieth
        # without.
        (("汽油",), ("行政法/人民防空法*.md", "重庆地方法规/地方性法规/重庆/重庆市人民防空条例*.md"),
         "小区地下车库是人防工程，有住户在里面堆了好几桶汽油，允许吗？", "中华人民共和国人民防空法", "第二十七条", "bm25"),
        # Records 一直留着 after an emergency are to be 销毁, not 留存 without cause (突发事件应对法第八十五条): cited with the
        # words; without them 第七十九条、第八十条.
        (("一直留着",), ("行政法/突发事件应对法(2024*.md", "行政法规/突发公共卫生事件应急条例*.md"),
         "疫情时社区登记的居民身份证号、行程这些信息，现在还能一直留着吗？", "中华人民共和国突发事件应对法", "第八十五条",
         "cited"),
        # An old person who 不吭声 through a transfer has not been asked for his 真实意思表示 (老年人权益保障法第五十五条: …应当就
        # 办理事项是否为老年人的真实意思表示进行询问): cited with the word; without it 第十六条 alone.
        (("不吭声",), ("社会法/老年人权益保障法*.md", "上海地方法规/地方性法规/上海/上海市老年人权益保障条例*.md"),
         "子女带着老人来办房子过户，老人全程不吭声，窗口该怎么办？", "中华人民共和国老年人权益保障法", "第五十五条", "cited"),
        # A paper saying 可能有地震 is a 地震预测意见 (防震减灾法第二十六条): second by keywords with the words, fourteenth
        # without.
        (("可能有地震",), ("行政法/防震减灾法*.md", "行政法规/破坏性地震应急条例*.md"),
         "退休老师写了份材料说本地明年可能有地震，该交到哪里？", "中华人民共和国防震减灾法", "第二十六条", "bm25"),
        # Those 参加竞选 are the 候选人 whose list is announced five days before the vote (河南省…办法第二十六条): fifth by
        # keywords with the words, sixteenth without.
        (("参加竞选",), ("河南地方法规/地方性法规/河南/河南省实施《村民*.md", "宪法相关法/村民委员会组织法*.md"),
         "河南村里换届，参加竞选的人员名单要提前几天让村民知道？", "河南省实施《中华人民共和国村民委员会组织法》办法", "第二十六条",
         "bm25"),
        # 花盆 and a loose 招牌 are the 搁置物 and 悬挂物 their owner answers for (清远市住宅小区物业管理条例第四十六条): cited
        # with the words; without them 第三十九条, or 第三十四条 and 第五十三条.
        (("花盆", "招牌"), ("广东地方法规/地方性法规/广东/清远市住宅*.md",),
         "清远小区楼上阳台摆了一排花盆，掉下来砸到人谁负责？", "清远市住宅小区物业管理条例", "第四十六条", "cited"),
        (("花盆", "招牌"), ("广东地方法规/地方性法规/广东/清远市住宅*.md",),
         "清远小区外墙上挂的旧招牌松了，出了事算谁的？", "清远市住宅小区物业管理条例", "第四十六条", "cited"),
        # Paying a 第三方机构 to run volunteers is 购买服务 (志愿服务条例第三十条): third by keywords with the words, eighteenth
        # without.
        (("第三方机构",), ("行政法规/志愿服务条例*.md", "社会法/慈善法(2023*.md"),
         "政府能不能花钱请第三方机构来管志愿者队伍？", "志愿服务条例", "第三十条", "bm25"),
        # 辱骂 is the 侮辱 of old people punished under 老年人权益保障法第七十八条: cited with the word; without it 第十八条.
        (("辱骂",), ("社会法/老年人权益保障法*.md", "行政法/突发事件应对法(2024*.md", "社会法/慈善法(2023*.md"),
         "邻居经常当众辱骂独居老太太，这人会受什么处罚？", "中华人民共和国老年人权益保障法", "第七十八条", "cited"),
        # A 辛苦费 for committee members is their 津贴 (宁波市住宅小区物业管理条例第三十八条): cited with the word; without it
        # 第五十四条.
        (("辛苦费",), ("浙江地方法规/地方性法规/浙江/宁波市住宅*.md",),
         "宁波小区想给业委会委员每月发点辛苦费，钱从哪出？", "宁波市住宅小区物业管理条例", "第三十八条", "cited"),
        # A donor's 外甥 is a 利害关系人 he may not name as beneficiary (慈善法第四十条): cited with the word; without it
        # 第六十一条、第六十条.
        (("外甥",), ("社会法/慈善法(2023*.md", "社会法/老年人权益保障法*.md"),
         "捐给慈善基金会的钱，能约定专门资助我外甥读书吗？", "中华人民共和国慈善法", "第四十条", "cited"),
        # A hospital that 专门收治 infectious patients is a 传染病专科医院 (突发公共卫生事件应急条例第十七条): cited with the
        # words; without them 第三十九条.
        (("专门收治",), ("行政法规/突发公共卫生事件应急条例*.md", "行政法/传染病防治法*.md"),
         "市里一定要有专门收治传染病人的医院吗？", "突发公共卫生事件应急条例", "第十七条", "cited"),
        # 医药费 for a hurt person is the 损害 a charity answers for (慈善法第一百一十九条): cited with the word; without it
        # 第六十五条.
        (("医药费",), ("社会法/慈善法(2023*.md", "行政法规/志愿服务条例*.md"),
         "慈善组织派来的义工把老人弄伤了，医药费找谁出？", "中华人民共和国慈善法", "第一百一十九条", "cited"),
        # 查原因 after an accident is its 调查 (电力安全事故应急处置和调查处理条例第二十一条: who investigates which grade of
        # accident): cited with the word; without it only the emergency articles (heldout30 e011).
        (("查原因",), ("行政法规/电力安全事故应急处置和调查处理条例*.md",),
         "小区停了大半天电，这种电力事故到底由谁牵头来查原因？", "电力安全事故应急处置和调查处理条例", "第二十一条", "cited"),
        # A petition 写成信 is one in 书信 form, and 当面讲 a 走访 or 口头 one (信访条例第十七条: 一般应当采用书信…等书面形式；
        # …口头形式提出的…应当记录): cited with the words (heldout30 e006).
        (("写成信", "当面讲"), ("行政法规/信访条例*.md", "行政法规/信访工作条例*.md"),
         "反映情况一定要写成信交上去吗？直接上门当面讲行不行？", "信访条例", "第十七条", "cited"),
        # From the thesaurus (govkb.words_thesaurus): settling 私了 is a 调解协议 made 口头 or in writing (人民调解法第二十八条):
        # second by keywords with the word, eleventh without.
        (("私了",), ("诉讼与非诉讼程序法/人民调解法*.md", "行政法规/人民调解委员会组织条例*.md"),
         "邻居之间打算私了，调解员要不要写个东西？", "中华人民共和国人民调解法", "第二十八条", "bm25"),
        # From the thesaurus's acts (govkb.words_acts): what is 写下来 is 记录 (人民调解法第二十七条: 人民调解员应当记录调解情况):
        # cited with the words; without them 第二十五条、第二十六条 and 第二十三条.
        (("写下来",), ("诉讼与非诉讼程序法/人民调解法*.md", "行政法规/人民调解委员会组织条例*.md"),
         "调解员每调一件纠纷，过程要不要写下来？", "中华人民共和国人民调解法", "第二十七条", "cited"),
        # Words of the heldout31 stories, each kept only because a question needed it. 投票当天 is the 选举日 on which
        # candidates stop being introduced (上海市村民委员会选举办法第十三条): cited with the word, not without.
        (("投票当天",), ("上海地方法规/地方性法规/上海/上海市村民委员会选举办法*.md", "宪法相关法/村民委员会组织法*.md"),
         "上海村里换届，投票当天候选人还能上台讲话拉票吗？", "上海市村民委员会选举办法", "第十三条", "cited"),
        # To 提意见 on safety is to 提出建议 (安全生产法第五十三条): cited with the word; without it 第六条、第七条 and the 工会's
        # 提出意见 of 第六十条.
        (("提意见",), ("社会法/安全生产法(2021*.md", "行政法规/生产安全事故应急条例*.md"),
         "工人对单位的安全生产工作能提意见吗？", "中华人民共和国安全生产法", "第五十三条", "cited"),
        # Whether old people 自己说了算 how they are cared for is their right to 自主选择养老方式 (浙江省…办法第十三条).
        (("自己说了算",), ("浙江地方法规/地方性法规/浙江/浙江省实施《老年人权益保障法》办法*.md", "社会法/老年人权益保障法*.md"),
         "浙江的老人去养老院还是住在家里，能不能自己说了算？", "浙江省实施《中华人民共和国老年人权益保障法》办法", "第十三条",
         "cited"),
        # An 应对方案 for an earthquake is its 应急预案, whose contents 破坏性地震应急条例第十三条 lists: cited first with the
        # word; without it third, after 防震减灾法第五十条 and 第三十二条.
        (("应对方案",), ("行政法规/破坏性地震应急条例*.md", "行政法/防震减灾法*.md"),
         "地震的应对方案里要写些什么？", "破坏性地震应急条例", "第十三条", "first"),
        # People who 自己救自己 in a disaster 开展自救和互救 (北京市实施《突发事件应对法》办法第五十三条).
        (("自己救自己",), ("北京地方法规/地方性法规/北京/北京市实施《突发事件应对法》办法.md",
                          "北京地方法规/地方性法规/北京/北京市人民防空条例.md"),
         "北京碰上大灾，指挥部门会怎么组织老百姓自己救自己？", "北京市实施《中华人民共和国突发事件应对法》办法", "第五十三条", "cited"),
        # A 非亲属 one signs a 遗赠扶养协议 with is an individual 法定继承人以外 (山东省老年人权益保障条例第十九条): cited with the
        # word; without it 第二十二条 and 第二十一条.
        (("非亲属",), ("山东地方法规/地方性法规/山东/山东省老年人权益保障条例*.md", "社会法/老年人权益保障法*.md"),
         "山东的孤寡老人想跟照顾她的非亲属签约定，死后房子给他，可以吗？", "山东省老年人权益保障条例", "第十九条", "cited"),
        # A building 摇摇欲坠 is a 安全隐患 anyone may report (重庆市防震减灾条例第七条): cited among 重庆's rules with the word;
        # without it 重庆's 村民委员会组织法 办法 alone.
        (("摇摇欲坠",), ("重庆地方法规/地方性法规/重庆/*.md", "行政法/防震减灾法*.md"),
         "重庆街上有栋老楼私自加盖，看着摇摇欲坠，居民能去举报吗？", "重庆市防震减灾条例", "第七条", "cited"),
        # Words of the heldout32 stories, each kept only because a question needed it. A mediator who 干得好 is 评先进:
        # 表彰奖励 (人民调解法第六条): cited with the word; without it 人民调解委员会组织条例第五条 alone.
        (("评先进",), ("诉讼与非诉讼程序法/人民调解法*.md", "行政法规/人民调解委员会组织条例*.md"),
         "干得特别好的调解员能不能评先进？", "中华人民共和国人民调解法", "第六条", "cited"),
        # Who 负总责 is whose 主要负责人…全面负责 (生产安全事故应急条例第四条): cited with the word; without it 第十九条 alone.
        (("负总责",), ("行政法规/生产安全事故应急条例*.md", "社会法/安全生产法(2021*.md"),
         "化工厂出了事故抢险救援，企业里到底谁该负总责？", "生产安全事故应急条例", "第四条", "cited"),
        # 有没有证 asks whether staff 取得相应资格持证上岗 (青岛市养老服务促进条例第二十八条): cited with the word; without it
        # 第二十二条 alone.
        (("有没有证",), ("山东地方法规/地方性法规/山东/青岛市养老服务促进条例*.md",
                        "山东地方法规/地方性法规/山东/山东省养老服务条例*.md"),
         "青岛养老院里照顾老人的人有没有证，有要求吗？", "青岛市养老服务促进条例", "第二十八条", "cited"),
        # A 头牛 dead of anthrax is 死于炭疽的动物 (传染病防治法实施办法第二十二条): cited with the word; without it only the
        # patients' bodies of 第五十五条.
        (("头牛",), ("行政法规/传染病防治法实施办法*.md", "行政法/传染病防治法*.md"),
         "村里死了一头牛，怀疑是炭疽，尸体该怎么处理？", "中华人民共和国传染病防治法实施办法", "第二十二条", "cited"),
        # To 讨个说法 against a refused 低保 is to 申请行政复议或者提起行政诉讼 (社会救助暂行办法第六十五条): cited with the
        # word; without it 第十一条 and 第四十二条.
        (("讨个说法",), ("行政法规/社会救助暂行办法*.md", "社会法/老年人权益保障法*.md"),
         "低保申请被驳回，心里不服，去哪讨个说法？", "社会救助暂行办法", "第六十五条", "cited"),
        # 几家单位 in one building are 两个以上单位 that must 书面明确各方的消防安全责任 (河南省消防条例第三十条): cited with the
        # word; without it 消防法第四十四条 and 河南's 第十七条.
        (("几家单位",), ("河南地方法规/地方性法规/河南/*消防*.md", "行政法/消防法*.md"),
         "郑州一栋写字楼里有几家单位，在防火上该怎么分工？", "河南省消防条例", "第三十条", "cited"),
        # What repairs cost, 怎么摊, is who 承担 it (河南省消防条例第三十条: …按照约定承担): cited with the word; without it
        # 第十七条 and 消防法第二十八条.
        (("怎么摊",), ("河南地方法规/地方性法规/河南/*.md", "行政法/消防法*.md"),
         "郑州写字楼里几家单位合用一层楼，楼道里的消防栓坏了要修，这钱到底该怎么摊？", "河南省消防条例", "第三十条", "cited"),
        # Whether to 听安排 in an emergency is whether to 服从…指挥和安排 (突发事件应对法第七十九条): cited with the word;
        # without it 第六十六条, 第八十四条 and 第十二条.
        (("听安排",), ("行政法/突发事件应对法(2024*.md", "经济法/防洪法*.md"),
         "遇到突发事件，个人该不该听安排？", "中华人民共和国突发事件应对法", "第七十九条", "cited"),
        # A 第一次 meeting is the 首次 one of the rules (郑州市物业管理条例第十五条: 筹备组应当自成立之日起六十日内组织召开首次
        # 业主大会会议): cited with the word; without it the national 物业管理条例第十四条 alone.
        (("第一次",), ("河南地方法规/地方性法规/河南/*物业*.md", "行政法规/物业管理条例*.md"),
         "郑州我们社区有个新楼盘刚组了筹备班子。这个班子要在多少天里开第一次全体业主的大会？", "郑州市物业管理条例", "第十五条",
         "cited"),
        # Words of the heldout33 stories (read this round), each kept only because a question needed it. The
        # utilities a shelter is 通 to (通水, 通电, 通暖, 通路) are those the rules 供 (人民防空法第二十四条: 供电、供热、供水…道路).
        (("通水", "通电", "通暖", "通路"), ("行政法/人民防空法*.md", "行政法/消防法*.md"),
         "区里修防空的地下工程，通水通电通暖通路这些配套，各部门怎么配合？", "中华人民共和国人民防空法", "第二十四条", "cited"),
        # Equipment 挪动 to save people is 移动电力设备, and the 单子 filled in on duty are its 工作票、操作票 (电力安全事故应急处置和
        # 调查处理条例第十一条): cited first with the words, not without them.
        (("挪动", "单子"), ("行政法规/电力安全事故应急处置和调查处理条例*.md", "行政法规/生产安全事故应急条例*.md"),
         "变电站出事后为了救人挪动了设备，值班填的单子要怎么处理？", "电力安全事故应急处置和调查处理条例", "第十一条", "first"),
        # 电焊 is 特种作业, whose workers need 相应资格 (安全生产法第三十条). (叉车 beside it cost a read question its
        # article: a story of a forklift driver asks about discipline, 第一百零七条.)
        (("电焊",), ("社会法/安全生产法(2021*.md", "行政法/消防法*.md"),
         "厂里让刚来的工人直接去干电焊，什么证都没有，这样行吗？", "中华人民共和国安全生产法", "第三十条", "cited"),
        # 民生 matters are those 与居民利益相关的社会保障… a committee helps the government with (上海市居民委员会工作条例第二十四条).
        (("民生",), ("上海地方法规/地方性法规/上海/上海市居民委员会工作条例*.md", "宪法相关法/城市居民委员会组织法*.md"),
         "上海的居委会除了自治的事，还要配合政府做哪些民生方面的事？", "上海市居民委员会工作条例", "第二十四条", "cited"),
        # A poultry disease that may 传到人 身上 is one 可能感染人群, and the departments 互通消息 by 相互通报 (重大动物疫情应急条例
        # 第二十三条): cited first with the words, not without them.
        (("互通消息", "传到人"), ("行政法规/重大动物疫情应急条例*.md", "行政法规/传染病防治法实施办法*.md"),
         "养鸡场的禽病怕传到人身上，卫生部门该做什么？要跟管畜牧的部门互通消息吗？", "重大动物疫情应急条例", "第二十三条", "first"),
        # A judgment one disputes (法院判了) is a matter for 诉讼, which a petition office tells one to pursue by law (河南省信访条例
        # 第二十三条: 对依法应当通过诉讼…解决的信访事项，…告知信访人依照法定程序办理).
        (("法院判了",), ("河南地方法规/地方性法规/河南/河南省信访条例*.md", "行政法规/信访条例*.md"),
         "河南这边跟人打官司，法院判了我不服，又去县里上访，接待的人该怎么处理？", "河南省信访条例", "第二十三条", "cited"),
        # Officials who 来问 about an applicant and ask for a 书面证明 are 询问…要求…提供相关证明材料 (社会救助暂行办法第五十九条).
        (("来问", "书面证明"), ("行政法规/社会救助暂行办法*.md", "浙江地方法规/地方性法规/浙江/浙江省社会救助条例*.md"),
         "街道为低保的事来问我员工的收入，还让我出书面证明，我必须配合吗？", "社会救助暂行办法", "第五十九条", "cited"),
        # Whether 那部法律 holds for a place is what the law says of itself (本法适用于…, 城市居民委员会组织法第二十一条).
        (("那部法律",), ("宪法相关法/城市居民委员会组织法*.md", "北京地方法规/地方性法规/北京/北京市实施《城市居民委员会组织法》办法.md"),
         "镇上的居委会也归城里居委会的那部法律管吗？", "中华人民共和国城市居民委员会组织法", "第二十一条", "cited"),
        # Words of the heldout34 stories (read this round), each kept only because a question needed it. A 外籍 resident is
        # a 外国人, whose petitions follow the same rules (信访工作条例第四十八条: …参照本条例执行): among BM25's first five
        # with the word (the mock embedder ranks nothing), not without it.
        (("外籍",), ("行政法规/信访工作条例*.md", "行政法规/信访条例*.md"),
         "辖区里住着一位外籍居民，他要来反映问题，能照着信访的流程处理吗？", "信访工作条例", "第四十八条", "bm25"),
        # Not to 往上报 an outbreak, to 压一压 it, is to 隐瞒、缓报 it (突发公共卫生事件应急条例第二十一条).
        (("别往上报", "压一压"), ("行政法规/突发公共卫生事件应急条例*.md", "行政法/传染病防治法*.md"),
         "学校里一下子好多学生上吐下泻，校长说别往上报、先压一压，可以吗？", "突发公共卫生事件应急条例", "第二十一条", "cited"),
        # A care worker's 签合同 and 体检 are 订立…劳动合同 and 定期进行健康检查 (山东省养老服务条例第六十二条).
        (("签合同", "体检"), ("山东地方法规/地方性法规/山东/山东省养老服务条例*.md",
                           "山东地方法规/地方性法规/山东/德州市养老服务条例*.md"),
         "我在山东一家养老院做护工一年多了，院里没跟我签合同，也没安排过体检，这合规吗？", "山东省养老服务条例", "第六十二条", "cited"),
        # To 传这种 talk of a coming quake is to 散布传播地震谣言 (济南市防震减灾条例第四十六条): among
        # BM25's first five with the word, not without it.
        (("传这种",), ("山东地方法规/地方性法规/山东/济南市防震减灾条例*.md", "行政法/防震减灾法*.md"),
         "济南这边有人在好几个微信群里说下周要发大地震，传这种话的人会被怎么处理？", "济南市防震减灾条例", "第四十六条", "bm25"),
        # A boss who has workers 统一口径 and 不让调查 the accident 阻挠和干涉 its investigation (安全生产法第八十八条).
        (("统一口径", "不让调查"), ("社会法/安全生产法(2021*.md", "行政法规/铁路交通事故应急救援和调查处理条例*.md"),
         "我在小厂上班，车间出了事故，老板让我们统一口径，还不让调查的人进车间，他这么做合法吗？", "中华人民共和国安全生产法", "第八十八条", "cited"),
        # Shared parts a developer 转手 are ones it 不得擅自处分 (物业管理条例第二十七条).
        (("转手",), ("行政法规/物业管理条例*.md", "山东地方法规/地方性法规/山东/聊城市物业管理条例*.md"),
         "开发商把小区的楼顶平台转手卖了，行吗？", "物业管理条例", "第二十七条", "cited"),
        # A company that 送水 to homes is a 供水单位, fined for water below the standard (传染病防治法实施办法第六十六条, and the
        # law's 第七十三条): cited first with the word; without it 第十九条 on water supply in general.
        (("送水",), ("行政法/传染病防治法*.md", "行政法规/传染病防治法实施办法*.md"),
         "给小区送水的公司水质不合格，会怎么罚？", "中华人民共和国传染病防治法实施办法", "第六十六条", "first"),
        # 民族关系 are what a committee keeps by 加强民族团结 (城市居民委员会组织法第五条): cited with the word; without it 第七条
        # (人数较少的民族的成员) alone.
        (("民族关系",), ("宪法相关法/城市居民委员会组织法*.md", "宪法相关法/村民委员会组织法*.md",
                       "上海地方法规/地方性法规/上海/上海市居民委员会工作条例*.md"),
         "居委会在民族关系上要做什么？", "中华人民共和国城市居民委员会组织法", "第五条", "cited"),
        # To 去告 officials who do not act is to 检举控告 them (重大动物疫情应急条例第八条): cited with the word; without it
        # 第一条、第二条.
        (("去告",), ("行政法规/重大动物疫情应急条例*.md", "行政法/传染病防治法*.md"),
         "防疫部门不管病死的鸡，老百姓能去告吗？", "重大动物疫情应急条例", "第八条", "cited"),
        # Words of the heldout35 stories (read this round), each kept only because a question needed it. A boss who will
        # 不配合 an inspection 拒绝、阻碍…监督检查 (安全生产法第一百零八条): cited with the word; without it 第九十九条.
        (("不配合",), ("社会法/安全生产法(2021*.md", "行政法规/生产安全事故应急条例*.md"),
         "安监的人来厂里检查，老板一直不配合，厂子会被怎么罚？", "中华人民共和国安全生产法", "第一百零八条", "cited"),
        # Whom a public care home 先照顾 is whom it 优先保障 (老年人权益保障法第四十一条): cited first with the word; without
        # it 第三十二条 leads.
        (("先照顾",), ("社会法/老年人权益保障法*.md", "山东地方法规/地方性法规/山东/威海市居民养老服务保障条例*.md"),
         "床位不够的时候，政府办的养老院要先照顾什么样的老人？", "中华人民共和国老年人权益保障法", "第四十一条", "first"),
        # To 往外发 one's own forecast of a quake is to 散布地震预测意见 (河南省防震减灾条例第二十二条): cited first with the
        # word; without it 第二十一条 leads.
        (("往外发",), ("河南地方法规/地方性法规/河南/河南省防震减灾条例*.md", "行政法/防震减灾法*.md"),
         "河南有人把自己算出来的地震日子往外发，行不行？", "河南省防震减灾条例", "第二十二条", "first"),
        # A county's 物资仓库 for disasters is a 救助物资储备库 (社会救助暂行办法第二十一条): cited with the word; without it
        # 防洪法 alone.
        (("物资仓库",), ("行政法规/社会救助暂行办法*.md", "经济法/防洪法*.md"),
         "县里要不要建救灾的物资仓库？", "社会救助暂行办法", "第二十一条", "cited"),
        # An applicant who 搞不清 which office to ask is one who 难以确定社会救助管理部门 (浙江省社会救助条例第五十三条):
        # cited with the word; without it 第十一条.
        (("搞不清",), ("浙江地方法规/地方性法规/浙江/浙江省社会救助条例*.md", "行政法规/社会救助暂行办法*.md"),
         "浙江有困难群众想求助，搞不清该去哪个部门，怎么办？", "浙江省社会救助条例", "第五十三条", "cited"),
        # 防空知识 taught to residents is 人民防空教育 (北京市人民防空条例第四十二条): cited with the word; without it 第三十七条.
        (("防空知识",), ("北京地方法规/地方性法规/北京/北京市人民防空条例.md", "行政法/人民防空法*.md",
                       "重庆地方法规/地方性法规/重庆/重庆市人民防空条例*.md"),
         "在北京，没有工作单位的居民学防空知识由谁负责？", "北京市人民防空条例", "第四十二条", "cited"),
        # To 取样 from a diseased animal is to 采集…病料 or 样本 (重大动物疫情应急条例第四十七条): among BM25's first five with
        # the word, not without it.
        (("取样",), ("行政法规/重大动物疫情应急条例*.md", "行政法规/突发公共卫生事件应急条例*.md"),
         "有人没经批准就从病死动物身上取样，要受什么处罚？", "重大动物疫情应急条例", "第四十七条", "bm25"),
        # The 残骸 of a train accident are 事故现场…物件 one may move only after marking them (铁路交通事故应急救援和调查处理条例
        # 第二十四条): cited with the word; without it 第四十一条.
        (("残骸",), ("行政法规/铁路交通事故应急救援和调查处理条例*.md", "社会法/安全生产法(2021*.md"),
         "火车撞了车，残骸能不能先清走？", "铁路交通事故应急救援和调查处理条例", "第二十四条", "cited"),
        # To 瞎报警 of a fire is to 谎报火警, punished under 治安管理处罚法 (消防法第六十二条): cited with the word; without it
        # 第二十八条.
        (("瞎报警",), ("行政法/消防法*.md", "北京地方法规/地方性法规/北京/北京市消防条例.md"),
         "有人喝多了瞎报警，消防车白跑一趟，会怎么处理？", "中华人民共和国消防法", "第六十二条", "cited"),
        # To use a shelter 当自家 space is to 侵占 it, and to break its walls (砸墙, now also 破坏) to damage it (人民防空法第九条:
        # 禁止…破坏、侵占人民防空设施): cited with the word; without it 第四十九条 and 第五条.
        (("当自家",), ("行政法/人民防空法*.md", "重庆地方法规/地方性法规/重庆/重庆市人民防空条例*.md"),
         "有人把小区的防空洞当自家地方用，还要砸墙，合法吗？", "中华人民共和国人民防空法", "第九条", "cited"),
        # The 周边 residents of a nuclear plant are the 当地公众 it must tell (核电厂核事故应急管理条例第二十三条): cited with the
        # words; without them 第十九条.
        (("周边老百姓", "周边群众", "周边居民"), ("行政法规/核电厂核事故应急管理条例*.md", "行政法/突发事件应对法*.md"),
         "核电站出了事故，周边居民怎么才能知道发生了什么？", "核电厂核事故应急管理条例", "第二十三条", "cited"),
        # A 区直 / 县直 / 市直部门 is one of the 有关机关、单位 that must answer a petition office's proposals in writing (信访工作条例
        # 第四十条): cited with the words; without them 第二十二条.
        (("区直部门", "县直部门", "市直部门"), ("行政法规/信访工作条例*.md", "行政法规/信访条例*.md",
                                       "北京地方法规/地方性法规/北京/北京市信访条例*.md"),
         "市直部门收到信访部门的建议后不理睬，怎么办？", "信访工作条例", "第四十条", "cited"),
        # A used 针管 is one of the 一次使用的医疗器具 a clinic must destroy (传染病防治法第五十一条): cited with the word; without
        # it 第五十二条.
        (("针管",), ("行政法/传染病防治法*.md", "行政法规/传染病防治法实施办法*.md"),
         "诊所把用过的针管洗洗再给下一个病人用，这样行吗？", "中华人民共和国传染病防治法", "第五十一条", "cited"),
        # A 家长 is the 监护人 who must teach fire safety (汕头经济特区消防条例第二十六条): cited with the word; without it 第十七条.
        (("家长",), ("广东地方法规/地方性法规/广东/汕头经济特区消防条例*.md", "行政法/消防法*.md"),
         "汕头的家长要不要给孩子讲防火知识？", "汕头经济特区消防条例", "第二十六条", "cited"),
        # A committee that 换了 a member files the 变更 (北京市物业管理条例第五十条): cited with the word; without it 第四十三条.
        (("换了",), ("北京地方法规/地方性法规/北京/北京市物业管理条例*.md", "行政法规/物业管理条例*.md"),
         "北京小区的业委会换了主任，多久内要去街道备案？", "北京市物业管理条例", "第五十条", "cited"),
        # Land for elderly care 改作 another use is an 改变用途 (老年人权益保障法第四十条): cited with the word; without it 第十五条.
        (("改作",), ("社会法/老年人权益保障法*.md", "浙江地方法规/地方性法规/浙江/浙江省社会养老服务促进条例*.md"),
         "批给养老院的地能不能改作停车场？", "中华人民共和国老年人权益保障法", "第四十条", "cited"),
        # All of a property's services 转给 another firm is what 青岛市物业管理条例第五十四条 forbids (委托给其他单位, 转委托): cited
        # with the word; without it 第六十八条.
        (("转给",), ("山东地方法规/地方性法规/山东/青岛市物业管理条例*.md", "行政法规/物业管理条例*.md"),
         "青岛的物业能不能把整个小区的活一股脑转给别人做？", "青岛市物业管理条例", "第五十四条", "cited"),
        # The office of a county's earthquake headquarters is its 办事机构 (破坏性地震应急条例第八条): cited with the word; without
        # it 防震减灾法第五十一条.
        (("办公的机构",), ("行政法规/破坏性地震应急条例*.md", "行政法/防震减灾法*.md",
                       "河南地方法规/地方性法规/河南/河南省防震减灾条例*.md", "行政法/突发事件应对法*.md"),
         "地震以后县里成立指挥部，办公的机构放哪个部门？", "破坏性地震应急条例", "第八条", "cited"),
        # A department that 不肯 do its emergency work 拒不履行 its duties (突发公共卫生事件应急条例第四十九条): cited with the word;
        # without it 第四十七条 and 第四十六条.
        (("不肯",), ("行政法规/突发公共卫生事件应急条例*.md", "行政法/传染病防治法*.md"),
         "疫情来了，有的政府部门不肯出力，负责人要担什么责任？", "突发公共卫生事件应急条例", "第四十九条", "cited"),
        # A street's 抢险队 is an 应急救援队伍 its organiser must insure (突发事件应对法第四十条): first with the word; without it
        # 人民防空法第四十一条 comes first.
        (("抢险队",), ("行政法/突发事件应对法*.md", "行政法/人民防空法*.md"),
         "街道的志愿抢险队出任务前，要不要给队员买保险？", "中华人民共和国突发事件应对法", "第四十条", "first"),
        # To 安顿 people whose homes fell is to 安置 them, under the disaster relief chapter (社会救助暂行办法第二十二条): cited with
        # the word; without it 突发事件应对法第七十八条 and 第三十三条.
        (("安顿",), ("行政法规/社会救助暂行办法*.md", "行政法/突发事件应对法*.md", "行政法/防震减灾法*.md"),
         "房子被台风刮倒了，政府会先安顿我们吗？", "社会救助暂行办法", "第二十二条", "cited"),
        # 应急管控 of an epidemic area are the 紧急措施 a higher government decides on within 24 hours (传染病防治法实施办法第五十三条):
        # cited with the word; without it the answer is refused.
        (("应急管控",), ("行政法规/传染病防治法实施办法*.md", "行政法/传染病防治法*.md",
                      "行政法规/突发公共卫生事件应急条例*.md"),
         "县里想对疫区采取应急管控，上级政府多久要批复？", "中华人民共和国传染病防治法实施办法", "第五十三条", "cited"),
        # Work a property firm does 另收 money for is a service outside the contract, its 服务报酬 agreed (物业管理条例第四十三条):
        # cited with the word; without it 第四十条 alone.
        (("另收",), ("行政法规/物业管理条例*.md", "北京地方法规/地方性法规/北京/北京市物业管理条例*.md"),
         "物业师傅帮业主修水管另收钱，合理吗？", "物业管理条例", "第四十三条", "cited"),
        # A residents' committee whose work is 没做到位 has not 履行 its 义务, which its residents' meeting corrects
        # (上海市居民委员会工作条例第三十七条): cited with the word; without it 第二十八条 alone.
        (("没做到位",), ("上海地方法规/地方性法规/上海/上海市居民委员会工作条例*.md", "宪法相关法/城市居民委员会组织法*.md"),
         "居委会分内的事没做到位，上海有谁能管它？", "上海市居民委员会工作条例", "第三十七条", "cited"),
        # A family that 死活不 accepts the check of its means 拒绝 it, and its aid stops (浙江省社会救助条例第五十一条): first with
        # the word; without it 第五十条 and 第二十六条.
        (("死活不",), ("浙江地方法规/地方性法规/浙江/浙江省社会救助条例*.md", "行政法规/社会救助暂行办法*.md"),
         "浙江低保家庭死活不接受核查，救助还继续吗？", "浙江省社会救助条例", "第五十一条", "first"),
        # A mediation committee that finds a dispute handed to it 不该它管 finds it 不属于 its remit and writes a 不予调解 letter
        # (宁波市人民调解条例第十九条): cited with the word; without it 第十八条 alone.
        (("不该它管",), ("浙江地方法规/地方性法规/浙江/宁波市人民调解条例*.md", "诉讼与非诉讼程序法/人民调解法*.md",
                      "行政法规/人民调解委员会组织条例*.md", "司法解释/最高人民法院关于人民调解协议*.md"),
         "宁波派出所让调委会接手一起纠纷，调委会觉得不该它管，怎么办？", "宁波市人民调解条例", "第十九条", "cited"),
        # A county that 压不住 an accident 不能有效控制 it and reports to the government above (生产安全事故应急条例第十八条):
        # first with the word; without it 第八条.
        (("压不住",), ("行政法规/生产安全事故应急条例*.md", "社会法/安全生产法*.md", "行政法/突发事件应对法*.md"),
         "化工厂出了事故，县政府自己压不住，该怎么办？", "生产安全事故应急条例", "第十八条", "first"),
        # A government's 处置手段 are its 处置措施 (突发事件应对法第七十二条): first with the word; without it 第八十五条.
        (("处置手段",), ("行政法规/生产安全事故应急条例*.md", "社会法/安全生产法*.md", "行政法/突发事件应对法*.md"),
         "工地塌方后，政府能用哪些处置手段？", "中华人民共和国突发事件应对法", "第七十二条", "first"),
        # What a family 交医保 is its 个人缴费, which medical aid subsidises (社会救助暂行办法第二十九条): cited with the word;
        # without it 老年人权益保障法第二十九条 alone.
        (("交医保",), ("行政法规/社会救助暂行办法*.md", "社会法/老年人权益保障法*.md",
                     "浙江地方法规/地方性法规/浙江/浙江省社会救助条例*.md"),
         "困难家庭交医保的钱能不能减免？", "社会救助暂行办法", "第二十九条", "cited"),
    ],
)
def test_the_words_of_a_story_find_the_article_in_the_laws_terms(
        tmp_path_factory: pytest.TempPathFactory, cache_dir: Path, words: tuple[str, ...], files: tuple[str, ...],
        question: str, title: str, article: str, check: str) -> None:
    service = _library(tmp_path_factory, cache_dir, "story", [f for g in files for f in sorted(LIBRARY.glob(g))],
                       answer={"min_evidence": 0.0})

    def found() -> bool:
        if check == "bm25":
            hits = service.retriever.search(question, top_k=20, mode="bm25").hits
            first = [i for i, h in enumerate(hits) if h.chunk.law == title and article in h.chunk.articles.split("、")]
            return bool(first) and first[0] < 5
        cited = service.ask(question).citations
        return any(c.title == title and article in c.articles for c in cited[: 1 if check == "first" else None])

    assert found()
    # Without the words (and without the thesaurus and its acts, which bridge some of the same stories by other words of them:
    # 火车出事, 家里穷, 大停电) the article is not found.
    with _without(*words, *THESAURUS, *ACTS):
        assert not found()
