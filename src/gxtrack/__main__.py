"""`python -m gxtrack`: the same launcher as the console script."""

from gxtrack.launch import run

run()
