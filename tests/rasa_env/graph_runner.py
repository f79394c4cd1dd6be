"""Rasa's Dask graph runner and bot.graph_runner on the same small graph (run in the Rasa environment)."""

from __future__ import annotations

import collections
import json
import tempfile
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage

from bot.graph_runner import SequentialGraphRunner

CALLS: collections.Counter[str] = collections.Counter()


class Step(GraphComponent):
    """Joins its inputs (in parameter order) and its word; counts its calls; fails on the word "broken"."""

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: Any, resource: Any, execution_context: Any
    ) -> Step:
        """A step with the configured word."""
        return cls(config["word"])

    def __init__(self, word: str) -> None:
        """Remember the word."""
        self.word = word

    def run(self, **parts: Any) -> str:
        """The inputs and the word, joined."""
        CALLS[self.word] += 1
        if self.word == "broken":
            raise ValueError("a broken step")
        return " ".join([*(str(parts[name]) for name in sorted(parts)), self.word])


def node(word: str, needs: dict[str, str], target: bool = False) -> SchemaNode:
    """A Step node."""
    return SchemaNode(needs, Step, "create", "run", {"word": word}, is_target=target)


SCHEMA = GraphSchema(
    {
        "tokens": node("tokens", {"text": "__message__"}),
        "left": node("left", {"x": "tokens"}),
        "right": node("right", {"x": "tokens"}),
        "joined": node("joined", {"a": "left", "b": "right", "c": "__tracker__"}, target=True),
        "other": node("other", {"x": "__message__"}, target=True),
        "broken": node("broken", {"x": "tokens"}),
    }
)


def outcome(runner_class: type, targets: list[str] | None) -> list[Any]:
    """["ok", outputs, calls per node] or ["error", exception type names] of one run."""
    CALLS.clear()
    with tempfile.TemporaryDirectory() as directory:
        storage = LocalModelStorage(Path(directory))
        runner = runner_class.create(SCHEMA, storage, ExecutionContext(SCHEMA, "model"))
        try:
            outputs = runner.run({"__message__": "hallo", "__tracker__": "tracker"}, targets)
        except Exception as error:  # noqa: BLE001 (the test compares what each runner raises)
            return ["error", type(error).__name__, type(error.__cause__).__name__]
    return ["ok", outputs, dict(CALLS)]


def main() -> None:
    """Print both runners' outcomes for a few target lists."""
    cases = [["joined"], ["joined", "other"], None, ["broken"]]
    print(
        json.dumps(
            {
                name: [outcome(cls, targets) for targets in cases]
                for name, cls in [("dask", DaskGraphRunner), ("sequential", SequentialGraphRunner)]
            }
        )
    )


if __name__ == "__main__":
    main()
