"""Everyday words of the stories people tell (我哥替我投, 家伙事儿, 治不了) for what laws write, added from the read
question sets of section 24 of docs/benchmarks.md. Part of govkb.words.EVERYDAY, expanded the same way; each pair
has a test in tests/test_everyday_words.py that fails without it."""

STORY_WORDS = {
    "苗头": "隐患",
    "家门口医生": "家庭医生 签约",
    "治不了": "不具备 救治能力",
    "筹款": "募捐 募集",
    "筹钱": "募捐 募集",
    "公益机构": "慈善组织",
    "大灾大难": "重大突发事件",
    "警察": "公安机关",
    "插手": "干涉",
    "领证": "结婚 婚姻",
    "活动室": "配套设施 公共建筑",
    "做公益": "志愿服务",
    "替我投": "委托 投票",
    "帮我投": "委托 投票",
    "我哥": "兄弟姐妹",
    "我姐": "兄弟姐妹",
    "我弟": "兄弟姐妹",
    "我妹": "兄弟姐妹",
    "家伙事": "器材 设备 物资",
    "家伙什": "器材 设备 物资",
    "儿子": "子女",
    "工人": "从业人员",
}
