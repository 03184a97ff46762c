"""The product (models, stages, pipeline) never imports the lab, which plugs into the CLI."""

from __future__ import annotations

import pytest

from pipeline.cli import build_parser

PRODUCT = ("models", "stages", "pipeline")


def test_no_product_module_imports_the_lab() -> None:
    grimp = pytest.importorskip("grimp")  # comes with import-linter (the dev extra)
    graph = grimp.build_graph(*PRODUCT, "lab")
    for package in PRODUCT:
        chain = graph.find_shortest_chain(importer=package, imported="lab", as_packages=True)
        assert chain is None, f"{package} reaches the lab: {' -> '.join(chain)}"


@pytest.mark.parametrize(
    "argv",
    [
        ["samples", "generate", "w"],
        ["eval", "--seed", "1"],
        ["eval-real", "realdata"],
        ["calibrate", "--seed", "1"],
        ["bench", "--seed", "1"],
    ],
)
def test_the_lab_commands_come_through_the_entry_point(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert args.handler.__module__ == "lab.cli"
