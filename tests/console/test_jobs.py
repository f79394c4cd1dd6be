"""Retraining's progress as the training page shows it: the newest state of each of Rasa's progress bars."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from bot.console.jobs import Tail


def test_tail_keeps_the_newest_line_of_each_progress_bar() -> None:
    tail = Tail()
    console = Console(file=tail, force_terminal=True, no_color=True, width=110)  # type: ignore[arg-type]
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, auto_refresh=False) as progress:
        train = progress.add_task("Trainiere neues Modell", total=100)
        test = progress.add_task("Teste bisherigen Modell: Absichten", total=100)
        for percent in (10, 50, 90):
            progress.update(train, completed=percent)
            progress.refresh()
        progress.update(test, completed=100)
    console.print("Fertig.")
    lines = list(tail.lines.values())
    assert len(lines) == 3
    assert lines[0].startswith("Trainiere neues Modell") and lines[1].startswith("Teste bisherigen Modell")
    assert lines[2] == "Fertig."
