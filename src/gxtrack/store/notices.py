"""What the store has to tell the user, handed to whoever shows it: the store never prints.

The CLI registers how a notice is shown (`show_with`); until it does (gxtrack used as a
library, or before the CLI is loaded), notices wait in `pending()`. Standard library only,
so registering costs the CLI nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable

_handlers: list[Callable[[str], None]] = []
_pending: list[str] = []


def show_with(handler: Callable[[str], None]) -> None:
    """Show every notice with `handler` from now on, and those waiting, now."""
    _handlers[:] = [handler]
    waiting, _pending[:] = list(_pending), []
    for message in waiting:
        handler(message)


def tell(message: str) -> None:
    """Hand a notice to the registered handler, or keep it until there is one."""
    if _handlers:
        _handlers[0](message)
    else:
        _pending.append(message)


def pending() -> list[str]:
    """The notices no handler has taken yet."""
    return list(_pending)
