"""Independent checks of xnet's exports with the reference tools (run by OnnxCheckerTest).

Usage: check_export.py MODEL.onnx... PACKAGE.zip
Each .onnx passes onnx.checker with full_check (which runs strict shape inference); the package's
rdf.yaml parses with PyYAML, its model.onnx passes the same check, and numpy reads its test tensors
with the shapes and dtype that rdf.yaml implies. Prints one line per file; exits non-zero on failure.
"""
import io
import sys
import zipfile

import numpy as np
import onnx
import yaml


def check_onnx(model_bytes, name):
    model = onnx.load_model_from_string(model_bytes)
    onnx.checker.check_model(model, full_check=True)
    inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True)
    out = inferred.graph.output[0].type.tensor_type.shape.dim
    print(name, "ok: ir", model.ir_version, "opset", model.opset_import[0].version,
          "output", [d.dim_param or d.dim_value for d in out])


def check_package(path):
    with zipfile.ZipFile(path) as z:
        rdf = yaml.safe_load(z.read("rdf.yaml"))
        assert rdf["type"] == "model" and rdf["format_version"].startswith("0.5."), rdf["format_version"]
        check_onnx(z.read(rdf["weights"]["onnx"]["source"]), path + ":model.onnx")
        raw = np.load(io.BytesIO(z.read(rdf["inputs"][0]["test_tensor"]["source"])))
        probs = np.load(io.BytesIO(z.read(rdf["outputs"][0]["test_tensor"]["source"])))
        assert raw.dtype == np.float32 and probs.dtype == np.float32, (raw.dtype, probs.dtype)
        assert raw.ndim == 4 and raw.shape[:2] == (1, 1), raw.shape
        classes = len(rdf["outputs"][0]["axes"][1]["channel_names"])
        assert probs.shape == (1, classes) + raw.shape[2:], probs.shape
        assert np.allclose(probs.sum(axis=1), 1, atol=1e-5)
        print(path, "ok: test input", raw.shape, "output", probs.shape)


for arg in sys.argv[1:]:
    if arg.endswith(".zip"):
        check_package(arg)
    else:
        with open(arg, "rb") as f:
            check_onnx(f.read(), arg)
