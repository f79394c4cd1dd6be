"""Runs the trained model's graph node after node in one thread, as Rasa's Dask runner does, without Dask.

Rasa 3.6 hands every message to Dask's synchronous scheduler twice (understanding it, then predicting the
next action). For a graph of a dozen nodes Dask's bookkeeping (ordering the graph, queueing each task through
a thread pool executor) took about a fifth of the time spent in the graph under load (py-spy, 100 senders).
This runner computes each needed node once, its inputs first, and returns what Dask's runner returns.
Installed by bot.rasa_server (Rasa environment).
"""

from __future__ import annotations

from typing import Any

from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import GraphSchema
from rasa.engine.runner.dask import DaskGraphRunner


class SequentialGraphRunner(DaskGraphRunner):
    """Rasa's graph runner, its nodes called in dependency order in the calling thread."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Instantiate the nodes as Rasa's runner does (see DaskGraphRunner)."""
        super().__init__(*args, **kwargs)
        self.minimal_schemas: dict[tuple[str, ...], GraphSchema] = {}

    def _minimal_schema(self, targets: tuple[str, ...]) -> GraphSchema:
        """The nodes the targets need, worked out once per list of targets (a loaded schema never changes)."""
        if targets not in self.minimal_schemas:
            self.minimal_schemas[targets] = self._graph_schema.minimal_graph_schema(list(targets))
        return self.minimal_schemas[targets]

    def run(self, inputs: dict[str, Any] | None = None, targets: list[str] | None = None) -> dict[str, Any]:
        """The targets' outputs by node name, from the graph fed `inputs` (see Rasa's GraphRunner.run)."""
        run_targets = targets if targets else self._graph_schema.target_names
        schema = self._minimal_schema(tuple(run_targets))
        # each node returns (its name, its output), the form its children take their inputs in; an input
        # stands in for a node of the same name, as in Dask's runner
        results: dict[str, tuple[str, Any]] = {name: (name, value) for name, value in (inputs or {}).items()}

        def output_of(name: str) -> tuple[str, Any]:
            if name not in results:
                parents = [output_of(parent) for parent in schema.nodes[name].needs.values()]
                results[name] = self._instantiated_nodes[name](*parents)
            return results[name]

        try:
            return dict(output_of(target) for target in run_targets)
        except RuntimeError as error:
            raise GraphRunError("Error running runner.") from error


def install() -> None:
    """Make Rasa's message processor load its model with this runner."""
    import rasa.core.processor

    rasa.core.processor.DaskGraphRunner = SequentialGraphRunner
