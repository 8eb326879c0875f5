"""newsworker: a streaming worker that turns raw news pages into clean, segmented articles.

Layers, each depending only on the ones above it in this list:

1. ``worker.contracts``: message types, their JSON Schemas and orjson encoding.
2. ``worker.pipeline``: pure text processing, ``process(raw) -> Result``.
3. ``worker.handling``: one input message in, the messages to publish out (shared by CLI and agents).
4. ``worker.streaming`` and ``worker.cli``: the Faust app and the command line.
"""

__version__ = "0.1.0"
