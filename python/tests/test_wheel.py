"""The published artefact works on first contact: the wheel builds (abi3, stripped, the lowest
manylinux tag its glibc symbols allow, checked by maturin's auditwheel pass), installs into a clean venv outside the checkout, and the
README's Python examples run there verbatim. Prints the wheel size and the time from
``pip install`` to the end of the first solve.

Builds with ``WHEEL_PROFILE`` (default ``ci``: no LTO, reusing the test build's artefacts) into
``CARGO_TARGET_DIR`` when set. Skips, saying why, when maturin or network-free pip installs are
not available.
"""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys
import time
import zipfile

import pytest

PYTHON_DIR = pathlib.Path(__file__).resolve().parents[1]
REPO = PYTHON_DIR.parent
READMES = [REPO / "README.md", PYTHON_DIR / "README.md"]


def python_examples(readme: pathlib.Path) -> list:
    """The ```python blocks of a README, verbatim."""
    return re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), flags=re.S)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    maturin = shutil.which("maturin") or str(pathlib.Path(sys.executable).with_name("maturin"))
    if not pathlib.Path(maturin).exists():
        pytest.skip("maturin is not installed in the test environment")
    out = tmp_path_factory.mktemp("wheels")
    profile = os.environ.get("WHEEL_PROFILE", "ci")
    done = subprocess.run(
        [maturin, "build", "--profile", profile, "--strip", "--compatibility", "pypi",
         "--auditwheel", "check", "--out", str(out)],
        cwd=PYTHON_DIR, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = out.glob("gongpei-*.whl")
    return built


def test_wheel_is_abi3_manylinux_and_stripped(wheel: pathlib.Path) -> None:
    assert "-cp39-abi3-" in wheel.name, wheel.name
    assert "manylinux" in wheel.name, wheel.name
    size_mb = wheel.stat().st_size / 1e6
    print(f"\nwheel {wheel.name}: {size_mb:.1f} MB")
    assert size_mb < 8, f"{size_mb:.1f} MB: is it stripped?"
    names = zipfile.ZipFile(wheel).namelist()
    assert "gongpei/data/X-n101-k25.vrp" in names and "gongpei/py.typed" in names
    library = next(n for n in names if n.endswith(".so"))
    readelf = shutil.which("readelf")
    if readelf is None:
        pytest.skip("readelf (binutils) is not installed: cannot list the library's sections")
    extracted = pathlib.Path(zipfile.ZipFile(wheel).extract(library, wheel.parent / "unpacked"))
    sections = subprocess.run([readelf, "-S", "-W", str(extracted)], capture_output=True, text=True)
    assert sections.returncode == 0, sections.stderr
    assert ".debug_" not in sections.stdout, "debug sections shipped"
    assert ".symtab" not in sections.stdout, "symbol table not stripped"


def test_readme_examples_run_verbatim_from_a_clean_install(
    wheel: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    started = time.perf_counter()
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         f"{wheel}[all]"],
        capture_output=True, text=True,
    )  # fmt: skip
    if install.returncode != 0 and "No matching distribution" in install.stderr:
        pytest.skip(f"the optional dependencies cannot be installed here: {install.stderr[-300:]}")
    assert install.returncode == 0, install.stderr
    installed = time.perf_counter()
    first = subprocess.run(
        [str(python), "-c", "import gongpei; gongpei.datasets.read('A-n32-k5').solve(max_iterations=1)"],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    solved = time.perf_counter()
    print(f"\npip install (with [all]): {installed - started:.1f} s; "
          f"install to first solve: {solved - started:.1f} s")  # fmt: skip
    env = {**os.environ, "MPLBACKEND": "Agg"}
    env.pop("PYTHONPATH", None)
    for readme in READMES:
        for k, example in enumerate(python_examples(readme)):
            ran = subprocess.run(
                [str(python), "-c", example], capture_output=True, text=True, cwd=tmp_path, env=env
            )
            assert ran.returncode == 0, f"{readme.name} example {k + 1}:\n{example}\n{ran.stderr}"
