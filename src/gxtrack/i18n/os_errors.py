"""The reason an operating-system call failed, in the interface's language.

`strerror` is English whatever the interface says ("无法读取计划文件：Permission denied"):
the reasons people meet are translated through the catalogue; any other keeps the
system's own words, which are still more use than none.
"""

from __future__ import annotations

import errno

from gxtrack.i18n import t

# The reasons a file or folder operation commonly fails with; each name `X` has the
# catalogue key `os.x`. Looked up by name: not every platform defines every errno.
_TRANSLATED = (
    "ENOENT",
    "EACCES",
    "EPERM",
    "ENOSPC",
    "EDQUOT",
    "EROFS",
    "EISDIR",
    "ENOTDIR",
    "EEXIST",
    "EBUSY",
    "ETXTBSY",
    "ENAMETOOLONG",
    "ELOOP",
    "EIO",
    "EMFILE",
    "ENOTEMPTY",
    "EXDEV",
)
_REASONS = {
    getattr(errno, name): f"os.{name.lower()}" for name in _TRANSLATED if hasattr(errno, name)
}


def os_reason(error: OSError) -> str:
    """Why `error` happened, worded for the user: the catalogue's words for a common
    errno, else the system's strerror, else the exception's own text."""
    key = _REASONS.get(error.errno) if error.errno is not None else None
    if key is not None:
        return t(key)
    return error.strerror or str(error) or type(error).__name__
