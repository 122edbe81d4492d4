"""The wheel works on its own: built from a clean copy, installed in a fresh venv, run elsewhere."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import typer
from typer.main import get_command

import mumcoach
from mumcoach.cli import app
from mumcoach.content import FILES

ROOT = Path(__file__).resolve().parents[1]
IGNORED_WITHOUT_GIT = shutil.ignore_patterns(
    ".git", ".venv", ".ci-venv", "dist", "build", "*.egg-info", "__pycache__", ".*_cache"
)


def run(cmd: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(c) for c in cmd],
        capture_output=True,
        text=True,
        timeout=600,
        **kwargs,  # type: ignore[call-overload]
    )
    assert done.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{done.stdout}\n{done.stderr}"
    return done  # type: ignore[no-any-return]


def clean_copy(target: Path) -> Path:
    """The checkout as a fresh clone would have it: tracked files plus new, non-ignored ones."""
    git = shutil.which("git")
    if git and (ROOT / ".git").exists():
        listed = run(
            [git, "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT
        ).stdout
        for name in filter(None, listed.split("\0")):
            source = ROOT / name
            if source.is_file():  # skip tracked files deleted in the work tree
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
    else:
        shutil.copytree(ROOT, target, ignore=IGNORED_WITHOUT_GIT, dirs_exist_ok=True)
    return target


def build_wheel(source: Path, outdir: Path) -> Path:
    """Build with an isolated environment; offline, fall back to the hatchling already here."""
    cmd = [sys.executable, "-m", "build", "--wheel", "--outdir", str(outdir), str(source)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if done.returncode != 0 and importlib.util.find_spec("hatchling") is not None:
        done = subprocess.run([*cmd, "--no-isolation"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"building the wheel failed:\n{done.stdout}\n{done.stderr}"
    (wheel,) = outdir.glob("mumcoach-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("install")
    wheel = build_wheel(clean_copy(base / "checkout"), base / "dist")
    venv = base / "venv"
    run([sys.executable, "-m", "venv", venv])
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    run([python, "-m", "pip", "install", "--quiet", wheel])
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    return {
        "wheel": wheel,
        "venv": venv,
        "python": python,
        "mumcoach": bin_dir / ("mumcoach.exe" if os.name == "nt" else "mumcoach"),
        "cwd": elsewhere,
        "home": base / "data",
    }


def clean_env(installed: dict[str, Path]) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "MUMCOACH_PROMPTS"}
    }
    env.update(MUMCOACH_HOME=str(installed["home"]), COLUMNS="400", PYTHONNOUSERSITE="1")
    return env


@pytest.mark.slow
def test_wheel_ships_the_code_and_every_content_file(installed: dict[str, Path]) -> None:
    with zipfile.ZipFile(installed["wheel"]) as wheel:
        names = set(wheel.namelist())
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        requires = wheel.read(metadata).decode()
    shipped_prompts = {p.name for p in (ROOT / "prompts").glob("*.toml")}
    assert set(FILES) <= shipped_prompts
    for name in shipped_prompts:
        assert f"mumcoach/prompts/{name}" in names
    package = ROOT / "src" / "mumcoach"
    modules = {f"mumcoach/{p.relative_to(package).as_posix()}" for p in package.rglob("*.py")}
    assert {"mumcoach/cli.py", "mumcoach/content/loader.py", "mumcoach/__main__.py"} <= modules
    assert modules <= names
    assert not any(n.startswith(("tests/", ".venv/", "prompts/")) for n in names)
    for dependency in ("typer", "rich", "pydantic", "platformdirs", "questionary", "filelock"):
        assert f"Requires-Dist: {dependency}" in requires


@pytest.mark.slow
def test_installed_mumcoach_runs_from_anywhere_on_its_packaged_content(
    installed: dict[str, Path],
) -> None:
    env, cwd = clean_env(installed), installed["cwd"]
    where = run(
        [
            installed["python"],
            "-c",
            "import mumcoach, mumcoach.content as c; print(mumcoach.__file__); "
            "print(*sorted({str(p.parent) for p in c.load_content().sources.values()}), sep='\\n')",
        ],
        env=env,
        cwd=cwd,
    ).stdout.splitlines()
    package_dir = Path(where[0]).parent
    venv = installed["venv"].resolve()
    assert package_dir.resolve().is_relative_to(venv), f"imported from {package_dir}"
    assert "site-packages" in package_dir.parts
    assert [Path(p).resolve() for p in where[1:]] == [(package_dir / "prompts").resolve()]

    version = run([installed["mumcoach"], "--version"], env=env, cwd=cwd)
    assert version.stdout == f"mumcoach {mumcoach.__version__}\n"

    help_text = run([installed["mumcoach"], "--help"], env=env, cwd=cwd).stdout
    group = get_command(app)
    commands = group.list_commands(typer.Context(group))  # type: ignore[attr-defined]
    assert "doctor" in commands
    for command in commands:
        assert command in help_text

    doctor = run([installed["mumcoach"], "doctor"], env=env, cwd=cwd).stdout
    assert f"Data folder  {installed['home']}" in doctor
    content_line = next(line for line in doctor.splitlines() if line.startswith("Content"))
    assert content_line.split(None, 1)[1].strip() == str(package_dir / "prompts")
    assert str(ROOT) not in doctor, "the installed copy read content from the checkout"
    assert "PROBLEM" not in doctor
