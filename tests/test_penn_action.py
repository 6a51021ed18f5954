"""Penn Action converter: joint mapping, scores, split and validation, on written .mat files and the real data."""
import os
import os.path as osp
import pickle
import runpy
import sys

import numpy as np
import pytest
from scipy.io import loadmat, savemat

from keypoint_plugin.data.penn_action import (CLASSES, OCCLUDED_SCORE, PENN_TO_COCO, convert_clip,
                                              convert_penn_action, penn_action_labels_dir)
from keypoint_plugin.layouts import get_layout

from conftest import ROOT

HEIGHT, WIDTH = 360, 480
EYES_EARS = [1, 2, 3, 4]


def _fields(num_frames=4, action='squat', train=1, dtype=np.float64):
    # Joint j of frame t sits at (10 + 20 j + t, 200 + j + t).
    t, j = np.meshgrid(np.arange(num_frames), np.arange(13), indexing='ij')
    visibility = np.ones((num_frames, 13), np.uint8)
    visibility[1, 3] = 0  # left elbow occluded in frame 1
    x, y = (10 + 20 * j + t).astype(dtype), (200 + j + t).astype(dtype)
    # Right ankle never annotated in frame 2: Penn's placeholder is (s, s) near the corner.
    x[2, 12] = y[2, 12] = 0.75
    visibility[2, 12] = 0
    return dict(x=x, y=y, visibility=visibility, bbox=np.zeros((num_frames, 4)),
                dimensions=np.array([HEIGHT, WIDTH, num_frames], np.uint16), nframes=num_frames,
                action=action, pose='front', train=train)


def _write(directory, name, **kwargs):
    os.makedirs(directory, exist_ok=True)
    fields = _fields(**{k: v for k, v in kwargs.items() if k in ('num_frames', 'action', 'train', 'dtype')})
    fields.update({k: v for k, v in kwargs.items() if k in fields})
    for key in kwargs.get('drop', ()):
        del fields[key]
    path = osp.join(directory, f'{name}.mat')
    savemat(path, fields)
    return path


@pytest.fixture
def labels(tmp_path):
    directory = str(tmp_path / 'labels')
    _write(directory, '0001', action='squat', train=1)
    _write(directory, '0002', action='bowl', train=-1, num_frames=6, dtype=np.uint16)
    _write(directory, '0003', action='baseball_pitch', train=1)
    return directory


def test_mapping_scores_and_format(labels):
    data = convert_penn_action(labels)
    assert data['classes'] == list(CLASSES) and len(CLASSES) == 15 and CLASSES == tuple(sorted(CLASSES))
    assert data['split'] == dict(train=['0001', '0003'], test=['0002'])
    first, second, third = data['annotations']
    assert (first['label'], second['label'], third['label']) == (11, 3, 0)
    assert first['frame_dir'] == '0001' and first['total_frames'] == 4 and second['total_frames'] == 6
    assert first['img_shape'] == first['original_shape'] == (HEIGHT, WIDTH)
    kp, score = first['keypoint'], first['keypoint_score']
    assert kp.shape == (1, 4, 17, 2) and kp.dtype == np.float32
    assert score.shape == (1, 4, 17) and score.dtype == np.float32
    # Head -> nose, then shoulders, elbows, wrists, hips, knees, ankles into COCO 5..16.
    np.testing.assert_array_equal(kp[0, 0, 0], [10, 200])
    np.testing.assert_array_equal(kp[0, 3, 6], [10 + 20 * 2 + 3, 200 + 2 + 3])  # right shoulder
    np.testing.assert_array_equal(kp[0, 0, 15], [10 + 20 * 11, 211])  # left ankle
    assert (kp[0, :, EYES_EARS] == 0).all() and (score[0, :, EYES_EARS] == 0).all()
    # Occluded: coordinates kept, lower score. Unannotated: missing.
    np.testing.assert_array_equal(kp[0, 1, 7], [10 + 20 * 3 + 1, 204])
    assert score[0, 1, 7] == OCCLUDED_SCORE
    assert score[0, 2, 16] == 0 and (kp[0, 2, 16] == 0).all()
    expected = np.ones((4, 13))
    expected[1, 3], expected[2, 12] = OCCLUDED_SCORE, 0
    np.testing.assert_array_equal(score[0][:, PENN_TO_COCO], expected)
    # Integer-typed coordinates (some real files store uint8/uint16) convert the same.
    np.testing.assert_array_equal(second['keypoint'][0, 5, 0], [15, 205])


def test_penn_joints_land_on_their_coco_names():
    coco = get_layout('coco')
    # Penn's left joints go to COCO's left joints, and the right ones to their mirrors.
    assert all(PENN_TO_COCO[i] in coco.left for i in range(1, 13, 2))
    assert [coco.flip_index[PENN_TO_COCO[i]] for i in range(1, 13, 2)] == list(PENN_TO_COCO[2:13:2])


def test_select_names_and_cli(labels, tmp_path, monkeypatch, capsys):
    data = convert_penn_action(labels, names=['0002'])
    assert data['split'] == dict(train=[], test=['0002'])
    out = str(tmp_path / 'out' / 'penn.pkl')
    monkeypatch.setattr(sys, 'argv', ['penn_action.py', labels, out])
    runpy.run_path(osp.join(ROOT, 'tools', 'data', 'penn_action.py'), run_name='__main__')
    assert '3 clips, 15 classes; train: 2, test: 1' in capsys.readouterr().out
    with open(out, 'rb') as f:
        saved = pickle.load(f)
    np.testing.assert_array_equal(saved['annotations'][1]['keypoint'],
                                  convert_penn_action(labels)['annotations'][1]['keypoint'])


@pytest.mark.parametrize('change, error, message', [
    (dict(drop=['visibility']), KeyError, r"0009\.mat: missing field\(s\) \['visibility'\]"),
    (dict(drop=['action', 'train']), KeyError, r"\['action', 'train'\]"),
    (dict(y=np.zeros((3, 13))), ValueError, r"x, y, visibility should have one shape, found \(4, 13\), \(3, 13\)"),
    (dict(x=np.zeros((4, 14)), y=np.zeros((4, 14))), ValueError,
     r"'x' should be \[T, 13\], found shape \(4, 14\)"),
    (dict(nframes=5), ValueError, r"'nframes' is 5 but x, y, visibility have 4 frames"),
    (dict(dimensions=np.array([360, 480, 9])), ValueError, r"'dimensions' should be \(height, width, 4\)"),
    (dict(action='dance'), ValueError, r"'action' is 'dance'"),
    (dict(train=0), ValueError, r"'train' should be 1 \(train\) or -1 \(test\), found 0"),
])
def test_bad_files_name_the_file_and_field(tmp_path, change, error, message):
    path = _write(str(tmp_path), '0009', **change)
    with pytest.raises(error, match=message):
        convert_penn_action(str(tmp_path))
    with pytest.raises(error, match=message):
        convert_clip(loadmat(path), path)


def test_bad_directories(tmp_path):
    with pytest.raises(FileNotFoundError, match='does not exist'):
        convert_penn_action(str(tmp_path / 'nowhere'))
    with pytest.raises(FileNotFoundError, match='no .mat label files'):
        convert_penn_action(str(tmp_path))
    _write(str(tmp_path), '0001')
    with pytest.raises(FileNotFoundError, match='0002.mat'):
        convert_penn_action(str(tmp_path), names=['0001', '0002'])


def test_labels_dir_lookup(labels, tmp_path, monkeypatch):
    monkeypatch.setenv('PENN_ACTION_ROOT', labels)
    assert penn_action_labels_dir() == labels
    # The dataset root, holding labels/, works too.
    monkeypatch.setenv('PENN_ACTION_ROOT', osp.dirname(labels))
    assert penn_action_labels_dir() == labels
    monkeypatch.setenv('PENN_ACTION_ROOT', str(tmp_path / 'nowhere'))
    assert penn_action_labels_dir() is None


# Real data: skipped where the dataset is not on this machine.
REAL = penn_action_labels_dir()
needs_real = pytest.mark.skipif(REAL is None, reason='Penn Action labels not found (set PENN_ACTION_ROOT)')


@needs_real
def test_real_files_match_raw_labels():
    names = ['0001', '0052', '0449', '1500']
    data = convert_penn_action(REAL, names=names)
    for name, anno in zip(names, data['annotations']):
        raw = loadmat(osp.join(REAL, f'{name}.mat'))
        x, y, vis = (raw[k].astype(np.float64) for k in ('x', 'y', 'visibility'))
        kp, score = anno['keypoint'][0], anno['keypoint_score'][0]
        assert anno['frame_dir'] == name and anno['total_frames'] == len(x) == int(raw['nframes'][0, 0])
        assert anno['label'] == CLASSES.index(raw['action'][0])
        assert anno['img_shape'] == tuple(int(v) for v in raw['dimensions'][0, :2])
        assert name in data['split']['train' if raw['train'][0, 0] == 1 else 'test']
        present = score[:, PENN_TO_COCO] > 0
        np.testing.assert_allclose(kp[:, 0, 0][present[:, 0]], x[:, 0][present[:, 0]], rtol=1e-6)  # head -> nose
        np.testing.assert_allclose(kp[:, PENN_TO_COCO][present], np.stack([x, y], -1)[present], rtol=1e-6)
        np.testing.assert_array_equal(score[:, PENN_TO_COCO][present],
                                      np.where(vis == 1, 1, OCCLUDED_SCORE)[present])
        assert (score[:, EYES_EARS] == 0).all()
    # 0001 is an official test clip; 0052's left ankle is never annotated (placeholder (1, 1)); 0449's
    # last frame is all zeros.
    assert data['split']['test'][0] == '0001'
    assert (data['annotations'][1]['keypoint_score'][0, :, 15] == 0).all()
    assert (data['annotations'][2]['keypoint_score'][0, -1] == 0).all()


@needs_real
def test_real_dataset_counts():
    data = convert_penn_action(REAL)
    assert len(data['split']['train']) == 1258 and len(data['split']['test']) == 1068
    assert {a['label'] for a in data['annotations']} == set(range(15))
    scores = np.concatenate([a['keypoint_score'][0][:, PENN_TO_COCO].ravel() for a in data['annotations']])
    # Of 2,129,933 joint annotations 469,501 have visibility 0; 187,352 of those are unannotated
    # placeholders (a value below 2 px on the diagonal, or 0 in two blank last frames).
    assert scores.size == 2129933
    assert np.sum(scores == 1) == 2129933 - 469501
    assert np.sum(scores == 0) == 187352
    assert np.sum(scores == OCCLUDED_SCORE) == 469501 - 187352
