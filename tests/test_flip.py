"""KeypointFlip: real joints at x = 0 are mirrored like any other, missing ones stay missing; the lightweight
variants' training pipelines flip with it (the hosts' Flip takes x == 0 for missing)."""
import copy
import random
import os.path as osp

import numpy as np
import pytest
from mmcv import Config

from keypoint_plugin.host import PIPELINES, Compose
from keypoint_plugin.layouts import get_layout
from conftest import ROOT

COCO = get_layout('coco')


def _skeleton(rng, num_frames=12):
    keypoint = rng.uniform(5, 90, (1, num_frames, 17, 2)).astype(np.float32)
    score = rng.uniform(0.5, 1, (1, num_frames, 17)).astype(np.float32)
    keypoint[0, :, [9, 11]] = 0  # left wrist and hip at the left border: real joints, score > 0
    keypoint[0, :, 10, 0] = 0     # right wrist's x too
    keypoint[0, :, 3], score[0, :, 3] = 0, 0  # left ear missing
    return dict(keypoint=keypoint, keypoint_score=score, img_shape=(100, 100), original_shape=(100, 100),
                total_frames=num_frames, label=0, start_index=0, modality='Pose', frame_dir='s')


def assert_flipped(before, after):
    """``after`` is ``before`` mirrored in its image with left and right joints swapped."""
    width = before['img_shape'][1]
    index = list(COCO.flip_index)
    present = before['keypoint_score'] > 0
    expected = np.where(present[..., None], before['keypoint'] * [-1, 1] + [width, 0], 0)[:, :, index]
    np.testing.assert_allclose(after['keypoint'], expected, atol=1e-4)
    np.testing.assert_array_equal(after['keypoint_score'], before['keypoint_score'][:, :, index])


def test_flip_mirrors_joints_at_x_0_and_keeps_missing_joints_missing():
    sample = _skeleton(np.random.default_rng(0))
    out = PIPELINES.build(dict(type='KeypointFlip', flip_ratio=1))(copy.deepcopy(sample))
    assert_flipped(sample, out)
    assert (out['keypoint'][0, :, 10, 0] == 100).all() and out['flip']  # the left wrist, now right, at x = w
    assert (out['keypoint'][0, :, 4] == 0).all() and (out['keypoint_score'][0, :, 4] == 0).all()  # ear: missing
    # The hosts' Flip leaves the real joints at x = 0 where they were: this check catches it.
    host = PIPELINES.build(dict(type='Flip', flip_ratio=1, left_kp=list(COCO.left), right_kp=list(COCO.right)))
    with pytest.raises(AssertionError):
        assert_flipped(sample, host(copy.deepcopy(sample)))


def test_flip_3d_and_no_flip():
    rng = np.random.default_rng(1)
    ntu = get_layout('nturgb+d')
    keypoint = rng.normal(0, 1, (2, 5, 25, 3)).astype(np.float32)
    keypoint[1] = 0  # a padded person
    out = PIPELINES.build(dict(type='KeypointFlip', flip_ratio=1, layout='nturgb+d'))(dict(keypoint=keypoint))
    expected = (keypoint * [-1, 1, 1])[:, :, list(ntu.flip_index)]
    np.testing.assert_allclose(out['keypoint'], expected + 0.0)
    same = PIPELINES.build(dict(type='KeypointFlip', flip_ratio=0))(dict(keypoint=keypoint.copy()))
    assert not same['flip'] and np.array_equal(same['keypoint'], keypoint)
    with pytest.raises(ValueError, match='flip_ratio'):
        PIPELINES.build(dict(type='KeypointFlip', flip_ratio=2))


@pytest.mark.parametrize('config', ['raw_kp/penn_action.py', 'raw_kp/ntu60_xsub.py', 'grayscale/penn_action.py',
                                    'grayscale/ntu60_xsub.py'])
def test_training_pipelines_flip_joints_at_x_0_correctly(config):
    steps = Config.fromfile(osp.join(ROOT, 'configs', config)).data.train.dataset.pipeline
    types = [step['type'] for step in steps]
    assert 'Flip' not in types
    end = types.index('KeypointFlip')
    sample = _skeleton(np.random.default_rng(2), num_frames=60)
    outputs = []
    for ratio in (0, 1):  # the same random draws up to the flip, which then does or does not happen
        prefix = copy.deepcopy(steps[:end + 1])
        prefix[end]['flip_ratio'] = ratio
        np.random.seed(0)
        random.seed(0)
        outputs.append(Compose(prefix)(copy.deepcopy(sample)))
    assert_flipped(*outputs)
