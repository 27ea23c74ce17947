"""Exit codes shared by every command."""

from __future__ import annotations

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2
