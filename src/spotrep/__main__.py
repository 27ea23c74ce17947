"""``python -m spotrep``: the same command line as ``spotrep``."""

import sys

from spotrep.cli import main

sys.exit(main())
