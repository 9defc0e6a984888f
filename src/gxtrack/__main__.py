"""`python -m gxtrack`: the same launcher as the console script."""

import sys

from gxtrack.launch import main

sys.exit(main())
