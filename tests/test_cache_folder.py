"""The cache folder: where platformdirs puts it on every platform, and trusted only when
it is the user's alone."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs.macos
import platformdirs.unix
import platformdirs.windows
import pytest

from gxtrack.store.cache_folder import cache_folder, distrust, trusted

ENVIRONMENTS = [
    {},
    {"XDG_CACHE_HOME": "/srv/caches"},
    {"XDG_CACHE_HOME": ""},
    {"XDG_CACHE_HOME": "  "},
    {"XDG_CACHE_HOME": "relative/caches"},  # not absolute: ignored by the XDG rules
    {"LOCALAPPDATA": r"C:\Users\clerk\AppData\Local"},
    {"LOCALAPPDATA": r"C:\Users\clerk\AppData\Local\\", "XDG_CACHE_HOME": "/srv/caches"},
]


def platformdirs_folder(platform: str) -> str:
    """platformdirs' own answer for `platform`, by that platform's class."""
    if platform == "win32":
        return platformdirs.windows.Windows("gxtrack", appauthor=False).user_cache_dir
    if platform == "darwin":
        return platformdirs.macos.MacOS("gxtrack", appauthor=False).user_cache_dir
    return platformdirs.unix.Unix("gxtrack", appauthor=False).user_cache_dir


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
@pytest.mark.parametrize("environment", ENVIRONMENTS)
def test_the_folder_is_where_platformdirs_puts_it_on_every_platform(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, platform: str, environment: dict[str, str]
) -> None:
    if platform == "win32" and "LOCALAPPDATA" not in environment:
        pytest.skip("Windows without LOCALAPPDATA: platformdirs asks the shell")
    for name in ("XDG_CACHE_HOME", "LOCALAPPDATA", "GXTRACK_CACHE_DIR", "GXTRACK_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    # Off Windows, platformdirs' shell call is not there: its documented fallback, the
    # environment variable, is the same folder in a user's session.
    monkeypatch.setattr(
        platformdirs.windows, "get_win_folder", platformdirs.windows.get_win_folder_from_env_vars
    )
    assert cache_folder() == platformdirs_folder(platform)


def test_gxtrack_cache_dir_and_no_cache_come_first() -> None:
    assert cache_folder({"GXTRACK_CACHE_DIR": "/x", "XDG_CACHE_HOME": "/y"}) == "/x"
    assert cache_folder({"GXTRACK_NO_CACHE": "1", "GXTRACK_CACHE_DIR": "/x"}) is None


@pytest.mark.skipif(os.name == "nt", reason="POSIX owners and modes")
def test_a_folder_is_trusted_only_when_it_is_the_users_alone(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    assert not trusted(str(folder))  # not there
    folder.mkdir(mode=0o700)
    assert trusted(str(folder)) and distrust(folder.stat()) is None
    folder.chmod(0o770)
    assert distrust(folder.stat()) == ("writable", "770") and not trusted(str(folder))
    folder.chmod(0o702)
    assert distrust(folder.stat()) == ("writable", "702")
    folder.chmod(0o700)
    (tmp_path / "file").write_text("")
    assert not trusted(str(tmp_path / "file"))  # a file in the way


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_a_folder_of_another_user_is_not_trusted(tmp_path: Path) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)
    assert distrust(folder.stat()) == ("owner", "65534")
