"""keypoint_plugin.data.turned_copy and tools/data/turn_camera.py: 3D test sets seen from a moved camera."""
import os.path as osp
import pickle
import runpy
import sys

import numpy as np
import pytest

from conftest import ROOT, build_transform
from keypoint_plugin.data import turned_copy


def _data():
    rng = np.random.default_rng(0)
    keypoint = (rng.normal(0, 0.3, (1, 5, 20, 3)) + (0, 0, 3)).astype(np.float32)
    keypoint[0, 2, 7] = 0  # missing
    annotations = [dict(frame_dir='a01_s01_e01_v01', label=0, total_frames=5, keypoint=keypoint)]
    return dict(split=dict(test=['a01_s01_e01_v01']), annotations=annotations, classes=['a'])


def test_turn_about_the_centre_keeps_distances_and_missing_joints():
    data = _data()
    original = data['annotations'][0]['keypoint'].copy()
    turned = turned_copy(data, pitch=0.3, yaw=-0.5)['annotations'][0]['keypoint']
    np.testing.assert_array_equal(data['annotations'][0]['keypoint'], original)  # the input is unchanged
    assert turned.dtype == np.float32 and (turned[0, 2, 7] == 0).all()
    present = (original != 0).any(-1)
    np.testing.assert_allclose(turned[present].mean(0), original[present].mean(0), atol=1e-5)  # about its centre
    assert not np.allclose(turned, original, atol=1e-2)
    pack = build_transform('PackRawKeypoint', num_person=1, feats=('distance', ), layout='kinect_v1')
    np.testing.assert_allclose(pack(dict(keypoint=turned))['keypoint'], pack(dict(keypoint=original))['keypoint'],
                               atol=1e-5)
    # Pitch > 0 turns the upper body away from the camera: the head (joint 3) goes deeper than the hips (0).
    above = original.copy()
    above[..., 3, :] = above[..., 0, :] + (0, 0.6, 0)
    turned = turned_copy(dict(data, annotations=[dict(data['annotations'][0], keypoint=above)]), pitch=0.3)
    head_depth = turned['annotations'][0]['keypoint'][0, :, 3, 2] - turned['annotations'][0]['keypoint'][0, :, 0, 2]
    assert (head_depth > 0).all()
    back = turned_copy(turned_copy(data, pitch=0.4), pitch=-0.4)['annotations'][0]['keypoint']
    np.testing.assert_allclose(back, original, atol=1e-5)


def test_refuses_2d_naming_the_clip():
    data = _data()
    data['annotations'][0]['keypoint'] = data['annotations'][0]['keypoint'][..., :2]
    with pytest.raises(ValueError, match="clip 'a01_s01_e01_v01': turning the camera needs 3D keypoints"):
        turned_copy(data, pitch=0.1)


def test_cli(tmp_path, monkeypatch, capsys):
    source, out = str(tmp_path / 'in.pkl'), str(tmp_path / 'out.pkl')
    with open(source, 'wb') as f:
        pickle.dump(_data(), f)
    monkeypatch.setattr(sys, 'argv', ['turn_camera.py', source, out, '--pitch', '-0.3'])
    runpy.run_path(osp.join(ROOT, 'tools', 'data', 'turn_camera.py'), run_name='__main__')
    assert f'wrote {out}' in capsys.readouterr().out
    with open(out, 'rb') as f:
        saved = pickle.load(f)
    np.testing.assert_allclose(saved['annotations'][0]['keypoint'],
                               turned_copy(_data(), pitch=-0.3)['annotations'][0]['keypoint'])
