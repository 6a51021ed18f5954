"""Export a raw-keypoint recognizer to ONNX and check it against PyTorch with onnxruntime.

    python tools/export_onnx.py configs/raw_kp/penn_action.py work_dirs/raw_kp/penn_action/latest.pth model.onnx

The graph takes packed clips ``[batch, C', T, V, M]`` (the layout PackRawKeypoint writes) and returns the
class scores of each clip (before clip averaging and softmax).
"""
import argparse

import torch

import keypoint_plugin  # noqa: F401
from keypoint_plugin.apis import init_recognizer
from keypoint_plugin.apis.export import export_onnx, onnx_max_abs_diff
from keypoint_plugin.config_utils import dataset_config, load_config
from keypoint_plugin.pipelines import PackRawKeypoint
from keypoint_plugin.pipelines.sample import SAMPLERS
from keypoint_plugin.safe_load import add_unsafe_load_argument


def packed_clip_shape(cfg):
    """``(C', T, V, M)`` of one packed clip, from the backbone's and the test pipeline's settings (with
    ``device_pipeline``, its packing is among the model's batched test steps)."""
    pipeline = list(dataset_config(cfg, 'test')[1].pipeline) + list(cfg.model.get('batch_pipeline', {}).get('test', []))
    steps = {step['type']: step for step in pipeline}
    clip_len = next(steps[name]['clip_len'] for name in SAMPLERS if name in steps)
    backbone = cfg.model.backbone
    return (backbone.in_channels, clip_len, backbone.num_joints,
            steps['PackRawKeypoint'].get('num_person', PackRawKeypoint.DEFAULT_NUM_PERSON))


def main():
    parser = argparse.ArgumentParser(description='Export a raw-keypoint recognizer to ONNX')
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('out', help='the .onnx file to write')
    parser.add_argument('--opset', type=int, default=17)
    add_unsafe_load_argument(parser)
    args = parser.parse_args()

    cfg = load_config(args.config)
    model = init_recognizer(cfg, args.checkpoint, device='cpu')
    shape = packed_clip_shape(cfg)
    example = export_onnx(model, args.out, shape, args.opset)
    diff = onnx_max_abs_diff(model, args.out, torch.randn(3, *shape))
    print(f'wrote {args.out}: input clips [batch, {", ".join(map(str, shape))}], '
          f'max abs difference to PyTorch: {diff:.2e} (traced with batch {example.shape[0]}, checked with 3)')


if __name__ == '__main__':
    main()
