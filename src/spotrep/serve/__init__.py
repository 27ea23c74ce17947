"""The web explorer: a read-only JSON API over a store and one page built on it.

``create_app(store)`` is the ASGI application; ``serve`` runs it under uvicorn and
``ServerThread`` runs it in a thread (tests, benchmarks). ``spotrep serve`` is the command.
"""

from __future__ import annotations

from spotrep.serve.app import Tiles, create_app
from spotrep.serve.runner import ServerThread, is_loopback, serve

__all__ = ["ServerThread", "Tiles", "create_app", "is_loopback", "serve"]
