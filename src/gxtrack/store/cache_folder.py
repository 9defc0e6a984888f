"""The user's cache folder for gxtrack, and whether it is safe to use.

Standard library only: the launcher's answer memo looks here before anything else is
imported. The folder is where platformdirs puts a user cache (platformdirs itself costs
~10 ms to import; `tests/test_memo.py` checks that both agree on every platform's rules).
A folder is trusted only when it belongs to the user and no one else may write to it:
anyone who could would choose what status shows.
"""

from __future__ import annotations

import os
import posixpath
import stat
import sys
from collections.abc import Mapping

# Modes that let someone other than the owner write into a folder.
_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH


def cache_folder(environ: Mapping[str, str] = os.environ) -> str | None:
    """The cache folder (`GXTRACK_CACHE_DIR`, else platformdirs' user cache folder for
    gxtrack); None when the cache is off (`GXTRACK_NO_CACHE`)."""
    if environ.get("GXTRACK_NO_CACHE"):
        return None
    configured = environ.get("GXTRACK_CACHE_DIR")
    if configured:
        return configured
    if sys.platform == "win32":
        # platformdirs asks the shell for the local application data folder: in a
        # user's session, what LOCALAPPDATA names.
        local = environ.get("LOCALAPPDATA")
        return os.path.join(os.path.normpath(local), "gxtrack", "Cache") if local else None
    xdg = environ.get("XDG_CACHE_HOME", "")
    if posixpath.isabs(xdg):  # a relative XDG_CACHE_HOME is ignored, as the XDG spec says
        return os.path.join(xdg, "gxtrack")
    if sys.platform == "darwin":
        return os.path.expanduser("~/Library/Caches/gxtrack")
    return os.path.expanduser("~/.cache/gxtrack")


def distrust(status: os.stat_result) -> tuple[str, str] | None:
    """Why a folder with this status is not trusted: ("owner", its owner's uid) or
    ("writable", its mode in octal); None when it is the user's alone. Windows has no
    POSIX owner or mode bits: a user's cache folder there is private by its ACL."""
    if os.name == "nt" or not hasattr(os, "geteuid"):
        return None
    if status.st_uid != os.geteuid():
        return "owner", str(status.st_uid)
    if status.st_mode & _OTHERS_WRITE:
        return "writable", f"{stat.S_IMODE(status.st_mode):o}"
    return None


def opened(folder: str, *, create: bool) -> tuple[bool, tuple[str, str] | None]:
    """Whether the folder may be used (made first, private, when `create`), and why not
    when someone else owns it or may write to it (a folder that cannot be made, or a
    file in its way, is quietly unusable: no reason)."""
    try:
        if create:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        status = os.stat(folder)
    except OSError:
        return False, None
    refusal = distrust(status) if stat.S_ISDIR(status.st_mode) else None
    return stat.S_ISDIR(status.st_mode) and refusal is None, refusal


def trusted(folder: str) -> bool:
    """The folder exists, and is ours alone."""
    try:
        status = os.stat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(status.st_mode) and distrust(status) is None
