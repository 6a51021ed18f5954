"""The synthetic skeleton dataset: pyskl format, determinism, body model, and loading by the real host."""
import os.path as osp
import pickle
import runpy
import sys
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import LogisticRegression

from keypoint_plugin.data import synthetic
from keypoint_plugin.data.synthetic import (INTERACTIONS, SOLO_ACTIONS, class_names, make_clip,
                                            make_synthetic_dataset)
from keypoint_plugin.host import build_dataset
from keypoint_plugin.layouts import get_layout

from conftest import ROOT


@pytest.fixture(scope='module')
def small():
    return make_synthetic_dataset(num_classes=6, train_per_class=5, test_per_class=3, seed=0)


def test_format_shapes_and_dtypes(small):
    assert sorted(small) == ['annotations', 'classes', 'split']
    assert small['classes'] == list(SOLO_ACTIONS[:6])
    assert sorted(small['split']) == ['test', 'train']
    assert len(small['annotations']) == 6 * (5 + 3)
    for anno in small['annotations']:
        assert sorted(anno) == ['frame_dir', 'img_shape', 'keypoint', 'keypoint_score', 'label',
                                'original_shape', 'total_frames']
        num_frames = anno['total_frames']
        assert isinstance(num_frames, int) and 40 <= num_frames <= 80
        assert anno['img_shape'] == anno['original_shape'] == (480, 640)
        assert anno['keypoint'].dtype == np.float32 and anno['keypoint_score'].dtype == np.float32
        assert anno['keypoint'].shape == (1, num_frames, 17, 2)
        assert anno['keypoint_score'].shape == (1, num_frames, 17)
        assert small['classes'][anno['label']] in anno['frame_dir']


def test_values_finite_in_image_and_scores_in_unit_range(small):
    for anno in small['annotations']:
        kp, score = anno['keypoint'], anno['keypoint_score']
        assert np.isfinite(kp).all() and np.isfinite(score).all()
        assert (score >= 0).all() and (score <= 1).all()
        assert (kp >= 0).all() and (kp[..., 0] <= 639).all() and (kp[..., 1] <= 479).all()
        # Missing joints are at the origin; present ones are not.
        assert (kp[score == 0] == 0).all()
    scores = np.concatenate([a['keypoint_score'].ravel() for a in small['annotations']])
    # Mostly confident detections, some occluded (low score), a few missing.
    assert 0.8 < np.mean(scores >= 0.6) < 1
    assert 0 < np.mean((scores > 0) & (scores < 0.6)) < 0.15
    assert 0 < np.mean(scores == 0) < 0.05


def test_split_is_disjoint_complete_and_balanced(small):
    train, test = small['split']['train'], small['split']['test']
    assert len(set(train)) == len(train) == 30 and len(set(test)) == len(test) == 18
    assert not set(train) & set(test)
    assert set(train) | set(test) == {a['frame_dir'] for a in small['annotations']}
    labels = {a['frame_dir']: a['label'] for a in small['annotations']}
    assert Counter(labels[f] for f in train) == {label: 5 for label in range(6)}
    assert Counter(labels[f] for f in test) == {label: 3 for label in range(6)}


def test_deterministic_by_seed_and_independent_of_counts(small):
    again = make_synthetic_dataset(num_classes=6, train_per_class=5, test_per_class=3, seed=0)
    other_seed = make_synthetic_dataset(num_classes=6, train_per_class=5, test_per_class=3, seed=1)
    more = make_synthetic_dataset(num_classes=6, train_per_class=7, test_per_class=0, seed=0)
    by_dir = {a['frame_dir']: a for a in more['annotations']}
    for a, b, c in zip(small['annotations'], again['annotations'], other_seed['annotations']):
        assert a['frame_dir'] == b['frame_dir'] == c['frame_dir']
        np.testing.assert_array_equal(a['keypoint'], b['keypoint'])
        np.testing.assert_array_equal(a['keypoint_score'], b['keypoint_score'])
        assert a['keypoint'].shape != c['keypoint'].shape or not np.array_equal(a['keypoint'], c['keypoint'])
        if a['frame_dir'] in by_dir:
            np.testing.assert_array_equal(a['keypoint'], by_dir[a['frame_dir']]['keypoint'])
    assert more['split']['test'] == []


def test_two_people_with_interactions():
    data = make_synthetic_dataset(num_classes=4, train_per_class=2, test_per_class=1, num_person=2,
                                  num_frames=50, seed=3)
    assert data['classes'] == list(SOLO_ACTIONS[:2] + INTERACTIONS)
    for anno in data['annotations']:
        assert anno['keypoint'].shape == (2, 50, 17, 2) and anno['keypoint_score'].shape == (2, 50, 17)
        # Both people are in view.
        assert (anno['keypoint_score'].mean(axis=(1, 2)) > 0.5).all()


@pytest.mark.parametrize('layout', ['coco', 'nturgb+d'])
def test_3d_layouts_like_ntu(layout):
    data = make_synthetic_dataset(num_classes=3, train_per_class=2, test_per_class=1, layout=layout, dim=3)
    num_joints = get_layout(layout).num_joints
    for anno in data['annotations']:
        # pyskl's 3D annotations have neither scores nor an image shape.
        assert sorted(anno) == ['frame_dir', 'keypoint', 'label', 'total_frames']
        kp = anno['keypoint']
        assert kp.shape == (1, anno['total_frames'], num_joints, 3) and kp.dtype == np.float32
        present = kp[np.any(kp != 0, axis=-1)]
        # Metres in front of the camera.
        assert (present[:, 2] > 1.5).all() and (np.abs(present[:, :2]) < 3).all()


def test_2d_ntu_layout():
    data = make_synthetic_dataset(num_classes=2, train_per_class=1, test_per_class=0, layout='nturgb+d')
    assert data['annotations'][0]['keypoint'].shape[2:] == (25, 2)


def _points(pose_fields, num_frames=2):
    pose = dict(bend=np.zeros(num_frames), lift=np.zeros(num_frames), shift=np.zeros(num_frames),
                arm=np.zeros((num_frames, 2, 3)), leg=np.zeros((num_frames, 2, 3)))
    pose.update(pose_fields)
    points = synthetic._forward_kinematics(pose, synthetic._BODY)
    return {name: points[0, i] for i, name in enumerate(synthetic._POINTS)}


def test_body_model_standing_pose():
    p = _points({})
    # Legs 0.04 + 0.245 + 0.245 up to the hips, torso 0.29 up to the shoulder line (less 0.02).
    np.testing.assert_allclose(p['pelvis'], [0, 0.53, 0], atol=1e-9)
    np.testing.assert_allclose(p['l_hip'], [0.085, 0.53, 0], atol=1e-9)
    np.testing.assert_allclose(p['r_ankle'], [-0.085, 0.04, 0], atol=1e-9)
    np.testing.assert_allclose(p['l_shoulder'], [0.12, 0.80, 0], atol=1e-9)
    np.testing.assert_allclose(p['r_elbow'], [-0.12, 0.625, 0], atol=1e-9)
    np.testing.assert_allclose(p['l_wrist'], [0.12, 0.47, 0], atol=1e-9)
    np.testing.assert_allclose(p['nose'], [0, 0.92, 0.045], atol=1e-9)


def test_body_model_limb_angles():
    # Left arm raised sideways (elevation 90 deg, plane 0), right arm forward (plane 90 deg).
    arm = np.zeros((2, 2, 3))
    arm[:, :, 0] = np.pi / 2
    arm[:, 1, 1] = np.pi / 2
    p = _points(dict(arm=arm))
    np.testing.assert_allclose(p['l_wrist'], [0.12 + 0.33, 0.80, 0], atol=1e-9)
    np.testing.assert_allclose(p['r_wrist'], [-0.12, 0.80, 0.33], atol=1e-9)
    # Right elbow bent 90 deg: the forearm turns up.
    arm[:, 1, 2] = np.pi / 2
    np.testing.assert_allclose(_points(dict(arm=arm))['r_wrist'], [-0.12, 0.80 + 0.155, 0.175], atol=1e-9)
    # A left thigh raised forward to horizontal with the knee bent 90 deg: the shin hangs and the right
    # (standing) ankle stays on the ground.
    leg = np.zeros((2, 2, 3))
    leg[:, 0] = [np.pi / 2, np.pi / 2, np.pi / 2]
    p = _points(dict(leg=leg, lift=np.full(2, 0.1)))
    np.testing.assert_allclose(p['r_ankle'], [-0.085, 0.14, 0], atol=1e-9)
    np.testing.assert_allclose(p['l_knee'], [0.085, 0.63, 0.245], atol=1e-9)
    np.testing.assert_allclose(p['l_ankle'], [0.085, 0.385, 0.245], atol=1e-9)


@pytest.mark.parametrize('action', ['raise_arms', 'squat', 'jumping_jacks', 'bow', 'clap'])
def test_symmetric_actions_are_mirror_symmetric(action):
    # Flip augmentation is label-preserving: without the individual sway, the pose is its own mirror image.
    rng = np.random.default_rng(0)
    motion, periods = synthetic._SOLO[action]
    pose = synthetic._neutral(30)
    motion(pose, rng, synthetic._Clock(rng, 30, periods), 1.0)
    points = synthetic._forward_kinematics(pose, synthetic._BODY)
    mirror = [synthetic._POINTS.index(name.replace('l_', 'x_').replace('r_', 'l_').replace('x_', 'r_'))
              for name in synthetic._POINTS]
    np.testing.assert_allclose(points[:, mirror] * [-1, 1, 1], points, atol=1e-9)


@settings(max_examples=25, deadline=None)
@given(action=st.sampled_from(SOLO_ACTIONS), seed=st.integers(0, 2**32 - 1), num_frames=st.integers(1, 90),
       num_person=st.sampled_from([1, 2]), height=st.integers(64, 720), width=st.integers(64, 1280))
def test_any_clip_is_valid(action, seed, num_frames, num_person, height, width):
    kp, score = make_clip(action, np.random.default_rng(seed), num_frames, num_person, img_shape=(height, width))
    assert kp.shape == (num_person, num_frames, 17, 2) and score.shape == kp.shape[:-1]
    assert np.isfinite(kp).all() and (score >= 0).all() and (score <= 1).all()
    assert (kp >= 0).all() and (kp[..., 0] <= width - 1).all() and (kp[..., 1] <= height - 1).all()


def _motion_features(anno):
    # Per-joint spread of the body-normalized trajectory: a crude motion descriptor.
    kp, score = anno['keypoint'][0], anno['keypoint_score'][0]
    center = kp[:, 11:13].mean(axis=1, keepdims=True)
    size = np.linalg.norm(kp[:, 5:7].mean(axis=1) - kp[:, 11:13].mean(axis=1), axis=-1).mean()
    norm = np.where(score[..., None] > 0, (kp - center) / size, np.nan)
    return np.nan_to_num(np.concatenate([np.nanstd(norm, axis=0).ravel(), np.nanmean(norm, axis=0).ravel()]))


def test_classes_are_distinguishable_by_motion():
    data = make_synthetic_dataset(num_classes=6, train_per_class=30, test_per_class=10, seed=5)
    splits = {name: [a for a in data['annotations'] if a['frame_dir'].startswith(name)] for name in data['split']}
    x = {name: np.stack([_motion_features(a) for a in annos]) for name, annos in splits.items()}
    y = {name: np.array([a['label'] for a in annos]) for name, annos in splits.items()}
    accuracy = LogisticRegression(max_iter=5000).fit(x['train'], y['train']).score(x['test'], y['test'])
    assert accuracy > 0.6  # chance is 1/6


def test_cli_output_loads_in_host_pose_dataset(tmp_path, monkeypatch, capsys):
    path = str(tmp_path / 'synthetic.pkl')
    monkeypatch.setattr(sys, 'argv', ['generate_synthetic.py', path, '--num-classes', '3', '--train-per-class',
                                      '2', '--test-per-class', '1', '--seed', '7'])
    runpy.run_path(osp.join(ROOT, 'tools', 'data', 'generate_synthetic.py'), run_name='__main__')
    assert '9 clips, 3 classes; train: 6, test: 3' in capsys.readouterr().out
    with open(path, 'rb') as f:
        data = pickle.load(f)
    assert data['classes'] == list(SOLO_ACTIONS[:3]) and len(data['annotations']) == 9
    pipeline = [dict(type='UniformSampleFrames', clip_len=16), dict(type='PoseDecode')]
    for split, size in [('train', 6), ('test', 3)]:
        dataset = build_dataset(dict(type='PoseDataset', ann_file=path, split=split, data_prefix='',
                                     pipeline=pipeline, test_mode=split == 'test'))
        assert len(dataset) == size
        sample = dataset[0]
        assert sample['keypoint'].shape == (1, 16, 17, 2) and sample['keypoint_score'].shape == (1, 16, 17)


def test_unsupported_class_person_layout_dim_and_frame_counts_are_refused():
    with pytest.raises(ValueError, match='num_classes=9'):
        class_names(9)
    assert class_names(10, num_person=2)[-2:] == INTERACTIONS
    with pytest.raises(ValueError, match='num_person'):
        make_synthetic_dataset(num_person=3)
    with pytest.raises(KeyError, match='openpose'):
        make_synthetic_dataset(layout='openpose')
    with pytest.raises(ValueError, match='dim'):
        make_synthetic_dataset(dim=4, train_per_class=0, test_per_class=0)
    with pytest.raises(ValueError, match='num_frames'):
        make_synthetic_dataset(num_frames=(80, 40))
    with pytest.raises(ValueError, match='train_per_class'):
        make_synthetic_dataset(train_per_class=-1)
    with pytest.raises(ValueError, match='num_person=2'):
        make_clip('push', np.random.default_rng(0), 10, num_person=1)
    with pytest.raises(KeyError, match='wave'):
        make_clip('wave', np.random.default_rng(0), 10)
