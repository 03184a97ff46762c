"""Issue 19's models bench: a smaller recogniser decoded with its own character list."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np

from lab import bench_models


def _logits(labels: list[int], classes: int) -> np.ndarray:
    """A (1, T, classes) output whose best class at frame t is labels[t]."""
    out = np.full((1, len(labels), classes), 0.01, dtype=np.float32)
    for t, label in enumerate(labels):
        out[0, t, label] = 0.9
    return out


def test_a_foreign_character_list_decodes_as_the_engine_does() -> None:
    decode = bench_models.ctc_decoder(["甲", "乙", "彧"])
    # RapidOCR's layout: blank first, then the list, then a space
    assert decode.character == ["blank", "甲", "乙", "彧", " "]
    # repeats merge, blanks split them, the last class is the space
    lines, _words = decode(_logits([1, 1, 0, 1, 2, 0, 0, 3, 3, 4, 2], 5))
    text, score = lines[0]
    assert text == "甲甲乙彧 乙"
    assert 0.89 < score < 0.91


def test_the_decoder_goes_in_with_the_session_and_comes_back_out() -> None:
    own_session, own_decode = object(), object()
    engine = SimpleNamespace(_rec=SimpleNamespace(session=own_session, postprocess_op=own_decode))
    decode = bench_models.ctc_decoder(["a", "b", "c"])

    def session(x: np.ndarray) -> np.ndarray:
        return x

    had = bench_models._with_rec(engine, session, decode)
    assert engine._rec.session is session and engine._rec.postprocess_op is decode
    bench_models._rec_back(engine, had)
    assert engine._rec.session is own_session and engine._rec.postprocess_op is own_decode
    # a recogniser sharing the engine's list leaves its decoder alone
    had = bench_models._with_rec(engine, session, None)
    assert engine._rec.postprocess_op is own_decode
    bench_models._rec_back(engine, had)


def test_the_character_list_is_read_from_the_models_metadata(tmp_path: Path) -> None:
    import onnx
    from onnx import TensorProto, helper

    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])
    graph = helper.make_graph([helper.make_node("Identity", ["x"], ["y"])], "g", [x], [y])
    model = helper.make_model(graph)
    helper.set_model_props(model, {"character": "甲\n乙\n彧"})
    path = tmp_path / "rec.onnx"
    onnx.save(model, path)
    assert bench_models.model_characters(path) == ["甲", "乙", "彧"]


def test_reads_with_characters_outside_the_list_are_counted() -> None:
    share, missing = bench_models.outside(["张伟", "王䶮", "李玙 䶮", ""], ["张", "伟", "王", "李"])
    assert share == 0.5
    assert missing == {"䶮": 2, "玙": 1}
