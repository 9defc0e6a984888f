"""The one rule for unit names, in memory: codes, names with or without their suffix,
the trailing 工信局, and the plan's aliases."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxtrack.errors import InvalidInputError
from gxtrack.model.plan import Plan
from gxtrack.model.unit_names import base_name, find_unit, match_unit, units_named

from .conftest import indicator, plan_document


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("qiyang", "qiyang"),
        ("QIYANG", "qiyang"),
        ("祁阳市", "qiyang"),
        ("祁阳", "qiyang"),
        ("祁阳县", "qiyang"),  # the suffix is dropped on both sides: 祁阳 == 祁阳
        ("江华瑶族自治县", "jianghua"),
        ("江华县", "jianghua"),
        ("江华", "jianghua"),
        ("江华县工信局", "jianghua"),
        ("江华瑶族自治县工业和信息化局", "jianghua"),
        ("道县", "daoxian"),
        ("道", "daoxian"),
        ("回龙圩管理区", "huilongxu"),
        ("回龙圩", "huilongxu"),
        ("零陵", "lingling"),
        (" 冷水滩区 ", "lengshuitan"),
        ("永州经济技术开发区", "jingkaiqu"),
        ("Qiyang City", "qiyang"),
        ("ｑｉｙａｎｇ", "qiyang"),  # full-width letters fold
    ],
)
def test_a_unit_is_named_by_code_name_or_short_name(
    bundled_plan: Plan, text: str, code: str
) -> None:
    unit = match_unit(bundled_plan, text)
    assert unit is not None and unit.code == code
    assert find_unit(bundled_plan, text).code == code


@pytest.mark.parametrize("text", ["", "  ", "永州", "江", "祁阳镇", "工信局", "全市"])
def test_names_of_no_unit_match_none(bundled_plan: Plan, text: str) -> None:
    assert match_unit(bundled_plan, text) is None


def test_an_unknown_name_lists_units_with_their_names(bundled_plan: Plan) -> None:
    with pytest.raises(InvalidInputError) as caught:
        find_unit(bundled_plan, "祁阳镇")
    assert "祁阳镇" in caught.value.message
    assert "qiyang（祁阳市）" in (caught.value.hint or "")
    assert "jianghua（江华瑶族自治县）" in (caught.value.hint or "")


def test_suffixes_are_dropped_longest_first() -> None:
    assert base_name("回龙圩管理区") == "回龙圩"  # not 回龙圩管理
    assert base_name("永州经济技术开发区") == "永州经济技术"
    assert base_name("江华瑶族自治县") == "江华"
    assert base_name("石柱土家族苗族自治县") == "石柱"
    assert base_name("祁阳市") == "祁阳"
    assert base_name("市") == "市"  # nothing but a suffix stays whole
    assert base_name("江华县工信局") == "江华"


def _plan_with_units(*units: dict[str, object]) -> Plan:
    document = plan_document(indicator("1.1"))
    document["units"] = list(units)
    return Plan.model_validate(document)


def test_aliases_name_a_unit() -> None:
    plan = _plan_with_units(
        {
            "code": "jk",
            "name": "永州经济技术开发区",
            "kind": "development_zone",
            "aliases": ["经开区"],
        },
        {"code": "gx", "name": "高新区", "kind": "development_zone"},
    )
    assert find_unit(plan, "经开区").code == "jk"
    assert find_unit(plan, "经开区工信局").code == "jk"
    assert find_unit(plan, "高新").code == "gx"


def test_a_full_name_wins_over_a_short_one_and_a_tie_is_refused() -> None:
    plan = _plan_with_units(
        {"code": "a", "name": "新城区", "kind": "district"},
        {"code": "b", "name": "新城县", "kind": "county"},
    )
    # 新城区 is one unit's full name: no doubt, although 新城 is both units' short name.
    assert find_unit(plan, "新城区").code == "a"
    assert [unit.code for unit in units_named(plan.units, "新城")] == ["a", "b"]
    assert match_unit(plan, "新城") is None
    with pytest.raises(InvalidInputError) as caught:
        find_unit(plan, "新城")
    assert "a（新城区）" in caught.value.message and "b（新城县）" in caught.value.message


@given(st.sampled_from(["管理区", "开发区", "瑶族自治县", "市", "县", "区", ""]))
def test_any_suffix_or_bureau_word_names_the_same_unit(suffix: str) -> None:
    plan = _plan_with_units({"code": "x", "name": "金洞管理区", "kind": "management_area"})
    assert find_unit(plan, f"金洞{suffix}").code == "x"
    assert find_unit(plan, f"金洞{suffix}工信局").code == "x"
