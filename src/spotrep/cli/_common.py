"""Exit codes and batching shared by every command."""

from __future__ import annotations

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2
JOB_CHUNK = 32
"""Articles sent to a worker process at a time with ``--jobs``."""
