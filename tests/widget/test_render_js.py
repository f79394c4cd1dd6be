"""The widget's rendering helpers and language texts, unit-tested with Node's own test runner."""

from __future__ import annotations

import shutil
import subprocess

from .chat import ROOT


def test_render_helpers_with_node_test_runner() -> None:
    """`node --test widget/test/` passes: only http(s) links, markup stays text, the source line is found;
    each language's texts with their fallbacks and lang marks."""
    node = shutil.which("node")
    assert node, "Node.js is missing: run scripts/setup_widget.sh"
    run = subprocess.run(
        [node, "--test", "test/"], cwd=ROOT / "widget", capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "# fail 0" in run.stdout
