"""gxtrack: follow a public body's annual numeric goals month by month."""

__version__ = "0.1.0"
