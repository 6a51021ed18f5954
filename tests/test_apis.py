"""Inference API, streaming, ONNX export and the demo/export tools, on a small model and generated data."""
import os.path as osp

import numpy as np
import pytest
import torch
from mmcv import Config
from mmcv.runner import save_checkpoint

from keypoint_plugin.apis import (NO_SKELETON, StreamingRecognizer, inference_recognizer, init_recognizer,
                                  skeleton_sample)
from keypoint_plugin.apis.export import export_onnx, onnx_max_abs_diff
from keypoint_plugin.config_utils import config_path
from keypoint_plugin.data import make_synthetic_dataset
from keypoint_plugin.host import build_model
from conftest import run_tool

CLASSES = ['raise_arms', 'squat', 'jumping_jacks', 'walk_in_place', 'bow', 'clap']


@pytest.fixture(scope='module')
def checkpoint(tmp_path_factory):
    cfg = Config.fromfile(config_path('raw_kp/synthetic.py'))
    torch.manual_seed(0)
    path = str(tmp_path_factory.mktemp('ckpt') / 'model.pth')
    save_checkpoint(build_model(cfg.model), path, meta=dict(classes=CLASSES))
    return path


@pytest.fixture(scope='module')
def sample():
    return make_synthetic_dataset(num_classes=6, train_per_class=1, test_per_class=1)['annotations'][0]


def test_inference_on_annotation_and_array(checkpoint, sample):
    model = init_recognizer(config_path('raw_kp/synthetic.py'), checkpoint, device='cpu')
    result = inference_recognizer(model, sample, topk=3)
    assert len(result) == 3 and [r[1] for r in result] == [CLASSES[r[0]] for r in result]
    scores = [r[2] for r in result]
    assert scores == sorted(scores, reverse=True) and 0 <= scores[-1] <= scores[0] <= 1
    from_array = inference_recognizer(model, skeleton_sample(sample['keypoint'], sample['keypoint_score'],
                                                             sample['img_shape']), topk=3)
    assert [r[0] for r in from_array] == [r[0] for r in result]
    np.testing.assert_allclose([r[2] for r in from_array], scores, rtol=1e-5)


def test_checkpoint_of_another_model_is_refused(checkpoint):
    cfg = Config.fromfile(config_path('raw_kp/synthetic.py'))
    cfg.model.backbone.in_channels += 2
    with pytest.raises(RuntimeError, match='size mismatch for backbone.embed.weight'):
        init_recognizer(cfg, checkpoint, device='cpu')


def test_array_needs_image_shape_for_2d(checkpoint, sample):
    with pytest.raises(ValueError, match='img_shape'):
        skeleton_sample(sample['keypoint'])
    with pytest.raises(ValueError, match=r'\[M, T, V, C\]'):
        skeleton_sample(sample['keypoint'][0])


def test_streaming_predicts_once_per_stride(checkpoint, sample):
    model = init_recognizer(config_path('raw_kp/synthetic.py'), checkpoint, device='cpu')
    stream = StreamingRecognizer(model, window=20, stride=8, img_shape=sample['img_shape'], topk=2)
    frames = [stream.push(sample['keypoint'][:, t], sample['keypoint_score'][:, t]) for t in range(40)]
    predicted = [t for t, p in enumerate(frames) if p is not None]
    assert predicted == [19, 27, 35]
    assert all(frames[t]['frame'] == t and len(frames[t]['topk']) == 2 for t in predicted)
    # A frame without anyone in it is fine.
    stream.push(np.zeros((0, 17, 2)), np.zeros((0, 17)))
    with pytest.raises(ValueError, match='window and stride'):
        StreamingRecognizer(model, window=0)


def test_onnx_export_matches_pytorch(checkpoint, tmp_path):
    model = init_recognizer(config_path('raw_kp/synthetic.py'), checkpoint, device='cpu')
    out = str(tmp_path / 'model.onnx')
    channels = model.backbone.in_channels
    export_onnx(model, out, (channels, 48, 17, 2))
    clips = torch.randn(5, channels, 48, 17, 2)  # a batch size other than the traced one
    assert onnx_max_abs_diff(model, out, clips) < 1e-4


def test_export_and_demo_tools(checkpoint, sample, tmp_path):
    out = str(tmp_path / 'model.onnx')
    proc = run_tool(['export_onnx.py', config_path('raw_kp/synthetic.py'), checkpoint, out])
    assert float(proc.stdout.split('max abs difference to PyTorch: ')[1].split()[0]) < 1e-4
    np.save(tmp_path / 'skeleton.npy', sample['keypoint'])
    proc = run_tool(['demo.py', config_path('raw_kp/synthetic.py'), checkpoint, tmp_path / 'skeleton.npy',
                     '--img-shape', '480', '640', '--out', tmp_path / 'demo.gif', '--stream', '20', '8'])
    assert any(name in proc.stdout for name in CLASSES)
    assert 'windows of 20 frames, median latency' in proc.stdout
    assert osp.getsize(tmp_path / 'demo.gif') > 0


@pytest.mark.parametrize('case', ['no person', 'all scores 0', 'all NaN'])
def test_no_skeleton_is_an_explicit_result(checkpoint, sample, case):
    model = init_recognizer(config_path('raw_kp/synthetic.py'), checkpoint, device='cpu')
    keypoint, score = sample['keypoint'].copy(), sample['keypoint_score'].copy()
    if case == 'no person':
        keypoint, score = keypoint[:0], score[:0]
    elif case == 'all scores 0':
        score[:] = 0
    else:
        keypoint[:] = np.nan
    assert inference_recognizer(model, skeleton_sample(keypoint, score, sample['img_shape'])) == NO_SKELETON == []
    stream = StreamingRecognizer(model, window=8, stride=8, img_shape=sample['img_shape'])
    outputs = [stream.push(keypoint[:, t], score[:, t]) for t in range(8)]
    assert outputs[-1] == dict(frame=7, topk=NO_SKELETON)


def test_zero_frames_and_missing_img_shape_fail_at_once(checkpoint, sample):
    model = init_recognizer(config_path('raw_kp/synthetic.py'), checkpoint, device='cpu')
    with pytest.raises(ValueError, match='T > 0 frames'):
        inference_recognizer(model, skeleton_sample(sample['keypoint'][:, :0], sample['keypoint_score'][:, :0],
                                                    sample['img_shape']))
    gray = init_recognizer(config_path('grayscale/synthetic.py'), device='cpu')
    with pytest.raises(ValueError, match='works in pixels of the frames: give img_shape'):
        StreamingRecognizer(gray, window=8, stride=8)
    annotation = {k: v for k, v in sample.items() if k != 'img_shape'}
    with pytest.raises(ValueError, match='works in pixels of the frames: give img_shape'):
        inference_recognizer(gray, annotation)
