"""Mistyped keywords on public entry points name the keyword that was meant ("did you mean")."""

from __future__ import annotations

import pytest

import gongpei


def _instance() -> gongpei.Instance:
    return gongpei.datasets.read("A-n32-k5")


def test_instance_solve_suggests_the_keyword_meant() -> None:
    with pytest.raises(TypeError, match=r"Instance\.solve\(\) .* 'time_limt'; did you mean 'time_limit'\?"):
        _instance().solve(time_limt=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="did you mean 'max_no_improvement'"):
        _instance().solve(max_no_improvment=10)  # type: ignore[call-arg]


def test_a_keyword_close_to_nothing_lists_the_accepted_ones() -> None:
    with pytest.raises(TypeError, match="accepted: time_limit, seed, threads, max_iterations"):
        _instance().solve(colour="red")  # type: ignore[call-arg]


def test_the_right_keywords_still_work() -> None:
    result = _instance().solve(max_iterations=20, seed=3, strategy="auto")
    assert result.iterations == 20 and result.feasible


def test_read_and_result_methods_suggest_keywords() -> None:
    path = gongpei.datasets.path("C101")
    with pytest.raises(TypeError, match="did you mean 'solomon_rounding'"):
        gongpei.read(path, solomon_roundng="exact")  # type: ignore[call-arg]
    result = _instance().solve(max_iterations=5)
    with pytest.raises(TypeError, match="did you mean 'table'"):
        result.to_pandas(tabel="routes")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"Result\.plot\(\) .* did you mean 'annotate'"):
        result.plot(anotate=True)  # type: ignore[call-arg]


def test_scenario_entry_points_with_passed_on_keywords_check_them_up_front() -> None:
    scenario = gongpei.Scenario.generate("small", seed=1)
    with pytest.raises(TypeError, match=r"Scenario\.generate\(\) .* did you mean 'calibration'"):
        gongpei.Scenario.generate("small", calibraton={})  # type: ignore[call-arg]
    # compare_modes and allocate pass **kwargs on to compare: the check names them, before work
    with pytest.raises(TypeError, match=r"Scenario\.compare_modes\(\) .* did you mean 'time_limit'"):
        scenario.compare_modes(iterations=0, time_limt=5)
    with pytest.raises(TypeError, match=r"Scenario\.allocate\(\) .* did you mean 'permutations'"):
        scenario.allocate("shapley", iterations=0, permutation=10)
    with pytest.raises(TypeError, match="did you mean 'mode'"):
        scenario.plot(mod="combined")  # type: ignore[call-arg]
