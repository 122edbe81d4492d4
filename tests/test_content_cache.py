"""The checked content is reused from the cache only while nothing it came from has changed."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from mumcoach.content import Content, load_content, loader
from mumcoach.content.cache import CACHE_GLOB, STALE_AFTER, cached_content
from mumcoach.errors import ContentInvalid

SHIPPED = Path(__file__).resolve().parents[1] / "prompts"


def same(a: Content, b: Content) -> bool:
    return vars(a) == vars(b)


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the times the content files are read and checked afresh."""
    counted: list[int] = []
    real = loader.load_content

    def counting(env: Any) -> Content:
        counted.append(1)
        return real(env)

    monkeypatch.setattr(loader, "load_content", counting)
    return counted


def overriding(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A prompts folder whose `name` is the shipped file with `old` replaced by `new`."""
    prompts = tmp_path / "prompts"
    prompts.mkdir(exist_ok=True)
    text = (SHIPPED / name).read_text(encoding="utf-8")
    assert old in text
    (prompts / name).write_text(text.replace(old, new), encoding="utf-8")
    return prompts


def env_for(tmp_path: Path, **more: str) -> dict[str, str]:
    return {"MUMCOACH_CACHE": str(tmp_path / "cache"), **more}


def test_the_second_run_reads_the_cache_and_gets_the_same_content(
    tmp_path: Path, loads: list[int]
) -> None:
    env = env_for(tmp_path)
    first = cached_content(env)
    again = cached_content(env)
    assert len(loads) == 1
    assert again is not first and same(again, first) and same(again, load_content(env))
    assert again.say("not_therapy") == first.say("not_therapy")


def test_the_cache_is_hers_alone(tmp_path: Path) -> None:
    env = env_for(tmp_path)
    cached_content(env)
    folder = tmp_path / "cache"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    (path,) = folder.iterdir()  # no temporary file left
    assert path.match(CACHE_GLOB) and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_edited_content_file_is_read_afresh_even_at_the_same_size(
    tmp_path: Path, loads: list[int]
) -> None:
    prompts = overriding(tmp_path, "rules.toml", "low_at_most = 3", "low_at_most = 3")
    env = env_for(tmp_path, MUMCOACH_PROMPTS=str(prompts))
    assert cached_content(env).rules.energy.low_at_most == 3
    before = (prompts / "rules.toml").stat()
    overriding(tmp_path, "rules.toml", "low_at_most = 3", "low_at_most = 5")  # same size
    os.utime(prompts / "rules.toml", ns=(before.st_atime_ns, before.st_mtime_ns))
    assert cached_content(env).rules.energy.low_at_most == 5
    assert cached_content(env).rules.energy.low_at_most == 5
    assert len(loads) == 2


def test_another_prompts_folder_is_not_served_the_first_ones_content(
    tmp_path: Path, loads: list[int]
) -> None:
    coach = "mumcoach is a coach, not therapy or a crisis service."
    prompts = overriding(tmp_path, "messages.toml", coach, "Just a coach.")
    plain = cached_content(env_for(tmp_path))
    mine = cached_content(env_for(tmp_path, MUMCOACH_PROMPTS=str(prompts)))
    assert mine.say("not_therapy") == "Just a coach."
    assert plain.say("not_therapy") != "Just a coach."
    assert cached_content(env_for(tmp_path)).say("not_therapy") == plain.say("not_therapy")
    assert len(loads) == 2, "each folder keeps its own cache: neither replaced the other's"


def test_broken_content_is_never_cached(tmp_path: Path) -> None:
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    (prompts / "rules.toml").write_text("mastery = [", encoding="utf-8")
    env = env_for(tmp_path, MUMCOACH_PROMPTS=str(prompts))
    for _ in range(2):
        with pytest.raises(ContentInvalid, match="rules.toml"):
            cached_content(env)
    assert not list((tmp_path / "cache").glob(CACHE_GLOB))


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a pickle", b"\x80\x05K\x01.", b"\x80\x05\x95"],
    ids=["empty", "text", "another object", "cut short"],
)
def test_a_damaged_cache_is_ignored_and_replaced(
    tmp_path: Path, loads: list[int], damage: bytes
) -> None:
    env = env_for(tmp_path)
    good = cached_content(env)
    (path,) = (tmp_path / "cache").glob(CACHE_GLOB)
    path.write_bytes(damage)
    assert same(cached_content(env), good)
    assert same(cached_content(env), good)
    assert len(loads) == 2  # the damaged one was read afresh once, then cached again


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_cache_others_could_have_written_is_not_trusted(tmp_path: Path, loads: list[int]) -> None:
    env = env_for(tmp_path)
    cached_content(env)
    (path,) = (tmp_path / "cache").glob(CACHE_GLOB)
    path.chmod(0o666)
    cached_content(env)
    assert len(loads) == 2
    path.chmod(0o600)
    (tmp_path / "cache").chmod(0o777)
    cached_content(env)
    assert len(loads) == 3


def test_a_cache_unused_for_a_month_goes_when_another_is_written(
    tmp_path: Path, loads: list[int]
) -> None:
    """One file per install: the caches of installs that have gone do not pile up."""
    env = env_for(tmp_path)
    cached_content(env)
    (mine,) = (tmp_path / "cache").glob(CACHE_GLOB)
    gone, used = (mine.with_name(f"content-{name}.pickle") for name in ("gone", "in-use"))
    for other in (gone, used):
        other.write_bytes(mine.read_bytes())
    month = time.time() - STALE_AFTER - 60
    for path in (gone, used, mine):
        os.utime(path, (month, month))
    cached_content(env)  # read: this run's own cache is marked as in use
    assert mine.stat().st_mtime > month
    os.utime(used, (time.time(), time.time()))  # another install, used today
    prompts = overriding(tmp_path, "rules.toml", "low_at_most = 3", "low_at_most = 3")
    cached_content(env_for(tmp_path, MUMCOACH_PROMPTS=str(prompts)))  # a cache of its own
    assert len(loads) == 2
    assert not gone.exists() and used.exists() and mine.exists()


def test_no_cache_when_switched_off_or_unwritable(tmp_path: Path, loads: list[int]) -> None:
    assert cached_content({"MUMCOACH_CACHE": "off"}).say("not_therapy")
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    env = {"MUMCOACH_CACHE": str(blocked / "cache")}
    assert cached_content(env).say("not_therapy")
    assert cached_content(env).say("not_therapy")
    assert len(loads) == 3


def test_runs_share_the_cache_in_the_users_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the CLI, with the platform's folder (XDG_CACHE_HOME here)."""
    from typer.testing import CliRunner

    from mumcoach.cli import app

    monkeypatch.delenv("MUMCOACH_CACHE", raising=False)
    runner = CliRunner()
    assert runner.invoke(app, ["support", "--json"]).exit_code == 0
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "mumcoach"
    assert len(list(folder.glob(CACHE_GLOB))) == 1


@pytest.mark.parametrize("xdg", [None, "", "relative/cache", "/abs/cache"], ids=str)
def test_the_cache_folder_is_the_platforms(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    """The same folder platformdirs names, found without importing it on Linux."""
    from platformdirs import user_cache_path

    from mumcoach.content.cache import cache_dir

    monkeypatch.delenv("MUMCOACH_CACHE", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    if xdg == "relative/cache" and sys.platform == "linux":
        assert cache_dir(os.environ) == Path.home() / ".cache" / "mumcoach"  # the XDG rule
    else:
        assert cache_dir(os.environ) == user_cache_path("mumcoach", appauthor=False)
