"""gongpei.sweep on local processes: the rows are the comparison's figures, a worker that dies
is retried or reported (never lost), a bad change is a failed row naming its key, the checkpoint
resumes across Python and the `gongpei sweep` command in both directions (also after a real
interruption), the coalition game as tasks gives the comparison's own allocation, and a variant
asking for a design question gets its columns (an unknown question is a failed row naming it)."""

from __future__ import annotations

import json
import pathlib
import signal
import subprocess
import sys
import time
from typing import Any, List

import pytest
import sweep_faults

import gongpei
from gongpei import sweep

QUICK = {"iterations": 0, "allocate": "none", "modes": ["postal_express"]}


def variants(count: int) -> List[sweep.Variant]:
    scales = [1.0, 1.25, 1.5, 0.75, 2.0, 0.5]
    return sweep.grid(sweep.preset("small"), {"demand_scale": scales[:count]}, common=QUICK)


def kpis(table: Any) -> List[Any]:
    """The rows without what may differ between runs (wall time, attempts)."""
    return table.drop(columns=["seconds", "attempts"]).to_dict("records")


def test_rows_are_the_comparisons_figures() -> None:
    vs = variants(2)
    table = sweep.run_sweep(vs, jobs=2, progress=False)
    assert list(table["id"]) == ["v0", "v1"] and list(table["status"]) == ["ok", "ok"]
    scenario = gongpei.Scenario.generate("small", seed=1)
    direct = scenario.compare(iterations=0, seed=1, modes=["postal_express"], allocate=None)
    cost = {m["mode"]: m["kpis"]["cost"] for m in direct.raw["modes"]}
    assert table.loc[0, "separate.cost"] == cost["separate"]
    assert table.loc[0, "postal_express.cost"] == cost["postal_express"]
    assert table.loc[1, "demand_scale"] == 1.25 and table.loc[1, "seed"] == 1
    assert table.loc[1, "postal_express.parcels"] > table.loc[0, "postal_express.parcels"]


def test_a_bad_change_is_a_failed_row_naming_its_key() -> None:
    bad = sweep.Variant("bad", sweep.preset("small"), changes={**QUICK, "demand_scale.nobody": 2.0})
    table = sweep.run_sweep([bad], jobs=1, progress=False)
    assert table.loc[0, "status"] == "failed"
    assert "changes.demand_scale.nobody: unknown carrier" in table.loc[0, "error"]
    assert table.loc[0, "demand_scale.nobody"] == 2.0  # its parameters are in the row still


def test_spec_errors_name_the_spec_key(tmp_path: pathlib.Path) -> None:
    spec = tmp_path / "s.toml"
    spec.write_text('[base]\npreset = "small"\n[grid]\n"fleet_count.ghost" = [1, 2]\n')
    with pytest.raises(gongpei.InvalidInputError, match=r"grid\.fleet_count\.ghost: unknown vehicle type"):
        sweep.from_spec(spec)
    with pytest.raises(gongpei.InvalidInputError, match="unknown backend"):
        sweep.run_sweep(variants(1), backend="slurm", progress=False)


def test_a_dying_worker_is_retried_or_reported(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(sweep_faults.DIES_ONCE, "v1")
    monkeypatch.setenv(sweep_faults.MARKER, str(tmp_path / "died"))
    monkeypatch.setenv(sweep_faults.ALWAYS_DIES, "v2")
    table = sweep.run_sweep(variants(3), jobs=1, max_retries=1, progress=False, task=sweep_faults.dying_task)
    by_id = table.set_index("id")
    assert (tmp_path / "died").exists()
    assert by_id.loc["v1", "status"] == "ok" and by_id.loc["v1", "attempts"] == 2
    assert by_id.loc["v2", "status"] == "failed" and by_id.loc["v2", "attempts"] == 2
    assert "died" in by_id.loc["v2", "error"]
    assert by_id.loc["v0", "status"] == "ok"


def test_resume_skips_finished_variants(tmp_path: pathlib.Path) -> None:
    checkpoint = tmp_path / "checkpoint.jsonl"
    first = sweep.run_sweep(variants(2), checkpoint=checkpoint, jobs=2, progress=False)
    lines = checkpoint.read_text().splitlines()
    assert len(lines) == 2
    # An interrupted append leaves half a line: ignored on reading, ended by the next append.
    with open(checkpoint, "a") as handle:
        handle.write('{"id": "v2", "ha')
    both = sweep.run_sweep(variants(4), checkpoint=checkpoint, jobs=2, progress=False)
    after = [json.loads(line) for line in checkpoint.read_text().splitlines()[:2]]
    assert [json.loads(line) for line in lines] == after  # the finished lines were not rewritten
    assert len(sweep.read_checkpoint(checkpoint)) == 4
    assert kpis(both.iloc[:2]) == kpis(first)


def test_the_cli_and_python_resume_each_other(cli: pathlib.Path, tmp_path: pathlib.Path) -> None:
    spec = tmp_path / "sweep.toml"
    spec.write_text('[base]\npreset = "small"\n[run]\niterations = 0\nallocate = "none"\n'
                    'modes = ["postal_express"]\n[grid]\nseed = [1, 2, 3]\ndemand_scale = [1.0, 1.5]\n')  # fmt: skip
    out = tmp_path / "out"
    checkpoint = out / "checkpoint.jsonl"
    # Interrupt the command once its first variant is written.
    process = subprocess.Popen([str(cli), "sweep", str(spec), "--out", str(out), "--jobs", "1"],
                               stderr=subprocess.PIPE, text=True)  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (checkpoint.exists() and checkpoint.read_text().count("\n") >= 1):
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode != 0, stderr
    assert "resume" in stderr
    done_by_cli = len(sweep.read_checkpoint(checkpoint))
    assert 1 <= done_by_cli < 6
    # Python finishes the CLI's sweep: only the missing variants run.
    vs = sweep.from_spec(spec)
    table = sweep.run_sweep(vs, checkpoint=checkpoint, jobs=2, progress=False)
    assert list(table["status"]) == ["ok"] * 6
    assert len(sweep.read_checkpoint(checkpoint)) == 6
    # The CLI resumes Python's: nothing left to run, the same table.
    done = subprocess.run([str(cli), "sweep", str(spec), "--out", str(out)], capture_output=True, text=True, check=True)
    assert "6 of 6 variants done" in done.stderr
    sweep.write_results_csv(table, tmp_path / "python.csv")
    assert (out / "results.csv").read_text().splitlines()[0] == (tmp_path / "python.csv").read_text().splitlines()[0]
    # And python -m gongpei.sweep writes the same files.
    again = subprocess.run([sys.executable, "-m", "gongpei.sweep", str(spec), "--out", str(out), "--quiet"],
                           capture_output=True, text=True)  # fmt: skip
    assert again.returncode == 0, again.stderr


SITE = {"design": ["site"], "design_site.shortlist": 1, "design_site.hubs": [],
        "design_site.modes": ["postal_express"]}  # fmt: skip


def test_a_design_question_adds_its_columns_and_a_bad_one_is_named(tmp_path: pathlib.Path) -> None:
    vs = sweep.grid(sweep.preset("small"), {"demand_scale": [1.0, 1.5]}, common={**QUICK, **SITE})
    checkpoint = tmp_path / "checkpoint.jsonl"
    table = sweep.run_sweep(vs, checkpoint=checkpoint, jobs=2, progress=False)
    assert list(table["status"]) == ["ok", "ok"]
    for _, row in table.iterrows():
        assert row["design_site.choice"] == row["design_site.routed_choice"]
        today, chosen = row["design_site.current_daily_cost"], row["design_site.daily_cost"]
        assert 0 < chosen <= today
        assert row["design_site.saving"] == pytest.approx(today - chosen)
        if row["design_site.choice"] == row["design_site.current_hub"]:
            # Routed at today's hub with the comparison's effort and seed: the comparison's plan.
            assert row["design_site.routed_cost"] == row["postal_express.cost"]
        assert not row["design_site.hurried"]
    assert table.loc[1, "design_site.daily_cost"] > table.loc[0, "design_site.daily_cost"]
    # The checkpoint holds the wider rows: resuming runs nothing and gives the same table.
    again = sweep.run_sweep(vs, checkpoint=checkpoint, jobs=2, progress=False)
    assert len(checkpoint.read_text().splitlines()) == 2
    assert kpis(again) == kpis(table)
    moon = sweep.Variant("moon", sweep.preset("small"), changes={**QUICK, "design": ["site", "moon"]})
    failed = sweep.run_sweep([moon], jobs=1, progress=False)
    assert failed.loc[0, "status"] == "failed"
    assert 'changes.design: unknown design question "moon"' in failed.loc[0, "error"]
    spec = tmp_path / "s.toml"
    spec.write_text('[base]\npreset = "small"\n[run]\ndesign = ["site"]\ndesign_site.shortlst = 1\n')
    with pytest.raises(gongpei.InvalidInputError, match=r"run\.design_site\.shortlst: unknown parameter of the site question"):
        sweep.from_spec(spec)


def test_the_coalition_game_as_tasks_is_the_comparisons() -> None:
    variant = sweep.Variant("game", sweep.preset("small"), changes={"iterations": 0, "allocate": "postal_express"})
    game = sweep.coalition_game(variant, jobs=2, batch=16, progress=False)
    scenario = gongpei.Scenario.generate("small", seed=1)
    direct = scenario.compare(iterations=0, seed=1, allocate="postal_express").raw["allocation"]
    assert [list(pair) for pair in direct["coalition_costs"]] == [[m, c] for m, c in sorted(game.costs.items())]
    assert game.raw["joint_cost"] == direct["joint_cost"]
    for (ours, _), (theirs, _) in zip(game.raw["rules"], direct["rules"]):
        assert ours["rule"] == theirs["rule"]
        assert ours["shares"] == pytest.approx(theirs["shares"], abs=1e-9)
