"""ONNX export of a raw-keypoint recognizer: packed clips in, class scores per clip out."""
import numpy as np
import torch

from ..fileio import atomic_path


class ClipScorer(torch.nn.Module):
    """``cls_head(backbone(x))`` of a recognizer, for one batch of clips (packed ``[N, C', T, V, M]``, or the
    heatmap and grayscale ``[N, C, T, H, W]``): class scores per clip.

    Backbone and head are called directly because the recognizers' ``extract_feat`` differ between the host
    families (MMAction2 1.x's folds a clip axis and returns a tuple); no skeleton recognizer here has a neck.
    """

    def __init__(self, recognizer):
        super().__init__()
        self.recognizer = recognizer

    def forward(self, x):
        return self.recognizer.cls_head(self.recognizer.backbone(x))


def export_onnx(recognizer, out_file, clip_shape, opset=17):
    """Write ``recognizer``'s clip scorer to ``out_file`` with a dynamic batch axis.

    Args:
        recognizer (nn.Module): A recognizer with ``backbone`` and ``cls_head``.
        out_file (str): The ``.onnx`` file to write (whole or not at all: :mod:`keypoint_plugin.fileio`).
        clip_shape (tuple[int]): ``(C', T, V, M)`` of one packed clip.
        opset (int): ONNX opset.

    Returns:
        torch.Tensor: The example input used for tracing ``[2, *clip_shape]``.
    """
    scorer = ClipScorer(recognizer).eval()
    example = torch.randn(2, *clip_shape)
    with atomic_path(out_file) as partial:
        torch.onnx.export(scorer, (example, ), partial, input_names=['clips'], output_names=['scores'],
                          dynamic_axes=dict(clips={0: 'batch'}, scores={0: 'batch'}), opset_version=opset,
                          dynamo=False)
    return example


def onnx_max_abs_diff(recognizer, onnx_file, clips):
    """Largest absolute difference between onnxruntime's and PyTorch's scores on ``clips``."""
    import onnxruntime
    session = onnxruntime.InferenceSession(onnx_file, providers=['CPUExecutionProvider'])
    (onnx_scores, ) = session.run(None, dict(clips=clips.numpy()))
    with torch.no_grad():
        torch_scores = ClipScorer(recognizer).eval()(clips).numpy()
    return float(np.abs(onnx_scores - torch_scores).max())
