"""Weight scales (analysis/data/scales/*.csv): loading, known values, fallback, refusal."""

from __future__ import annotations

import pytest

from detente.analysis.scales import DEFAULT_SCALE, NATIVE, SCALES, TABLE_SCALES, Scale, load_scale

ICEWS_DIFFERENCES = {"016": -5.0, "022": 3.4, "164": -6.5, "165": -7.0}


def weigh(scale: str, code: str | None, plover: str | None = None) -> float | None:
    return load_scale(scale).weight({"code": code, "plover": plover})


@pytest.mark.parametrize("name", TABLE_SCALES)
def test_each_scale_loads_with_name_source_and_weights_in_range(name):
    scale = load_scale(name)
    assert isinstance(scale, Scale)
    assert scale.name == name
    assert scale.source
    assert scale.weights
    assert all(-10.0 <= weight <= 10.0 for weight in scale.weights.values())


def test_default_scale_is_gdelt_and_listed():
    assert DEFAULT_SCALE == "goldstein-gdelt"
    assert SCALES == ("goldstein-gdelt", "goldstein-icews", "plover", "native")


def test_the_native_scale_is_each_events_own_weight():
    native = load_scale(NATIVE)
    assert native.weight({"code": "163", "goldstein": 2.8}) == 2.8     # an ICEWS Intensity, not -8
    assert native.weight({"code": "163", "goldstein": None}) is None
    assert load_scale("goldstein-gdelt").weight({"code": "163", "goldstein": 2.8}) == -8.0


def test_scales_are_cached():
    assert load_scale("plover") is load_scale("plover")


@pytest.mark.parametrize("name, cited", [
    ("goldstein-gdelt", "CAMEO.goldsteinscale.txt"),
    ("goldstein-icews", "andybega/icews"),
    ("plover", "PLOVER manual"),
])
def test_source_cites_the_published_table(name, cited):
    assert cited in load_scale(name).source


@pytest.mark.parametrize("code, weight", [
    ("163", -8.0), ("0874", 10.0), ("042", 1.9), ("016", -2.0), ("022", 3.2),
    ("164", -7.0), ("165", -6.5), ("130", -4.4), ("13", -6.0), ("010", 0.0),
])
def test_gdelt_known_values(code, weight):
    assert weigh("goldstein-gdelt", code) == weight


def test_gdelt_scale_matches_the_cameo_code_table():
    from detente.events.codes import code_table

    table = {code: row.goldstein for code, row in code_table().items()}
    assert dict(load_scale("goldstein-gdelt").weights) == table


@pytest.mark.parametrize("code, weight", sorted(ICEWS_DIFFERENCES.items()))
def test_icews_gives_its_own_value_where_it_differs_from_gdelt(code, weight):
    assert weigh("goldstein-icews", code) == weight
    assert weigh("goldstein-gdelt", code) != weight


def test_icews_agrees_with_gdelt_everywhere_else():
    gdelt, icews = load_scale("goldstein-gdelt").weights, load_scale("goldstein-icews").weights
    differing = {code for code in gdelt if icews[code] != gdelt[code]}
    assert differing == set(ICEWS_DIFFERENCES)
    assert set(icews) - set(gdelt) == {"1213"}
    assert icews["1213"] == -4.0


@pytest.mark.parametrize("category, weight", [
    ("SANCTION", -5.2), ("ASSAULT", -9.3), ("COERCE", -7.2), ("MOBILIZE", -5.3),
    ("ACCUSE", -2.0), ("CONSULT", 2.1), ("COOPERATE", 6.8), ("RETREAT", 7.6),
    ("REQUEST", -5.0), ("DEMAND", -5.0),
])
def test_plover_scores_by_category(category, weight):
    assert weigh("plover", "010", category) == weight


def test_plover_scale_reads_the_plover_field_not_the_code():
    assert weigh("plover", "163", "SANCTION") == -5.2
    assert weigh("plover", "042", "sanction") == -5.2


def test_plover_scale_without_a_category_uses_the_code_table_mapping():
    assert load_scale("plover").weight({"code": "163"}) == -7.2  # 163 -> COERCE in CAMEO2PLOVER
    assert weigh("plover", "0423", None) == 2.1  # unknown 4-digit code -> 042 -> CONSULT


def test_plover_scale_has_no_weight_for_comments_and_appeals():
    assert weigh("plover", "010", None) is None
    assert weigh("plover", "020", "") is None
    assert weigh("plover", "163", "NOT_A_CATEGORY") is None


@pytest.mark.parametrize("scale, code, weight", [
    ("goldstein-gdelt", "1639", -8.0),   # unknown 4-digit code -> base 163
    ("goldstein-gdelt", "1999", -10.0),  # unknown base 199 -> root 19
    ("goldstein-gdelt", "0429", 1.9),
    ("goldstein-icews", "0169", -5.0),   # falls back to ICEWS's 016, not GDELT's
    ("goldstein-icews", "1648", -6.5),
])
def test_unknown_codes_fall_back_to_base_then_root(scale, code, weight):
    assert weigh(scale, code) == weight


@pytest.mark.parametrize("code", [None, "", "99", "999", "21"])
def test_codes_with_no_base_or_root_on_the_scale_get_none(code):
    assert weigh("goldstein-gdelt", code) is None
    assert weigh("goldstein-icews", code) is None


def test_unknown_scale_is_refused_naming_the_choices():
    with pytest.raises(ValueError) as refused:
        load_scale("goldstein")
    for name in SCALES:
        assert name in str(refused.value)
