"""NW-UCLA converter: fields, splits, 2D projection and validation, on written all_sqe files and the real data."""
import json
import os.path as osp
import pickle
import runpy
import sys
import zipfile

import numpy as np
import pytest

from keypoint_plugin.data.nw_ucla import (CLASSES, FOCAL, IMAGE_SHAPE, convert_clip, convert_nw_ucla,
                                          nw_ucla_path, small_train_ids)
from keypoint_plugin.layouts import get_layout

from conftest import ROOT


def _record(clip_id, num_frames=3, label=None):
    # Joint j of frame t sits at (0.1 j, 0.05 t, 2 + 0.01 j).
    t, j = np.meshgrid(np.arange(num_frames), np.arange(20), indexing='ij')
    skeleton = np.stack([0.1 * j, 0.05 * t, 2 + 0.01 * j], axis=-1)
    action = int(clip_id[1:3])
    label = label if label is not None else (1, 2, 3, 4, 5, 6, 8, 9, 11, 12).index(action) + 1
    return dict(file_name=clip_id, skeletons=skeleton.tolist(), label=label)


CLIPS = {'a01_s01_e01_v01': 3, 'a12_s02_e01_v01': 1, 'a04_s01_e02_v02': 5, 'a11_s03_e01_v03': 2,
         'a02_s01_e01_v03': 4}


@pytest.fixture
def all_sqe(tmp_path):
    folder = tmp_path / 'all_sqe'
    folder.mkdir()
    for clip_id, frames in CLIPS.items():
        (folder / f'{clip_id}.json').write_text(json.dumps(_record(clip_id, frames)))
    return str(folder)


def test_format_and_splits(all_sqe):
    data = convert_nw_ucla(all_sqe)
    assert data['classes'] == list(CLASSES) and len(CLASSES) == 10
    assert data['split'] == dict(train=['a01_s01_e01_v01', 'a12_s02_e01_v01', 'a04_s01_e02_v02'],
                                 test=['a02_s01_e01_v03', 'a11_s03_e01_v03'],
                                 view1=['a01_s01_e01_v01', 'a12_s02_e01_v01'], view2=['a04_s01_e02_v02'],
                                 view3=['a02_s01_e01_v03', 'a11_s03_e01_v03'],
                                 # views 1 and 2 with >= 2 frames, shuffled with default_rng(0)
                                 train300=['a01_s01_e01_v01', 'a04_s01_e02_v02'])
    annos = {a['frame_dir']: a for a in data['annotations']}
    first = annos['a01_s01_e01_v01']
    assert first['total_frames'] == 3 and first['label'] == 0 and annos['a12_s02_e01_v01']['label'] == 9
    assert first['keypoint'].shape == (1, 3, 20, 3) and first['keypoint'].dtype == np.float32
    assert 'keypoint_score' not in first  # pyskl's 3D form: missing joints are all zeros
    np.testing.assert_allclose(first['keypoint'][0, 2, 5], [0.5, 0.1, 2.05], rtol=1e-6)
    assert 'img_shape' not in first
    assert annos['a12_s02_e01_v01']['keypoint'].shape == (1, 1, 20, 3)


def test_zip_equals_folder_and_2d_projection(all_sqe, tmp_path):
    archive = str(tmp_path / 'all_sqe.zip')
    with zipfile.ZipFile(archive, 'w') as z:
        for clip_id in CLIPS:
            z.write(osp.join(all_sqe, f'{clip_id}.json'), f'all_sqe/{clip_id}.json')
    folder, zipped = convert_nw_ucla(all_sqe), convert_nw_ucla(archive)
    assert folder['split'] == zipped['split']
    for a, b in zip(folder['annotations'], zipped['annotations']):
        np.testing.assert_array_equal(a['keypoint'], b['keypoint'])
    flat = convert_nw_ucla(archive, dims=2)['annotations'][0]
    assert flat['keypoint'].shape == (1, 3, 20, 2) and flat['img_shape'] == IMAGE_SHAPE == (480, 640)
    # Joint 5 of frame 2: (0.5, 0.1, 2.05) m -> (320 + 525 * 0.5 / 2.05, 240 - 525 * 0.1 / 2.05) px.
    np.testing.assert_allclose(flat['keypoint'][0, 2, 5], [320 + FOCAL * 0.5 / 2.05, 240 - FOCAL * 0.1 / 2.05],
                               rtol=1e-6)


def test_untracked_joints_are_missing():
    record = _record('a01_s01_e01_v01')
    record['skeletons'][1][7] = [0, 0, 0]
    for dims in (3, 2):
        anno, view = convert_clip(record, dims=dims)
        assert view == 1 and (anno['keypoint'][0, 1, 7] == 0).all()
        assert (anno['keypoint'] != 0).any(-1).sum() == 3 * 20 - 1
    assert anno['keypoint_score'][0, 1, 7] == 0 and anno['keypoint_score'].sum() == 3 * 20 - 1  # 2D


def test_small_train_ids_protocol():
    annos = [dict(frame_dir=f'a01_s{s:02d}_e01_v0{v}', total_frames=s) for s in range(1, 9) for v in (1, 2, 3)]
    ids = sorted(a['frame_dir'] for a in annos if a['total_frames'] >= 2 and not a['frame_dir'].endswith('3'))
    order = np.random.default_rng(0).permutation(len(ids))
    assert small_train_ids(annos, num_clips=5) == [ids[i] for i in order[:5]]


def test_cli(all_sqe, tmp_path, monkeypatch, capsys):
    out = str(tmp_path / 'out' / 'nw_ucla.pkl')
    monkeypatch.setattr(sys, 'argv', ['nw_ucla.py', all_sqe, out, '--dims', '2'])
    runpy.run_path(osp.join(ROOT, 'tools', 'data', 'nw_ucla.py'), run_name='__main__')
    assert '5 clips, 10 classes; train: 3, test: 2, view1: 2' in capsys.readouterr().out
    with open(out, 'rb') as f:
        saved = pickle.load(f)
    assert saved['annotations'][0]['keypoint'].shape[-1] == 2


@pytest.mark.parametrize('change, error, message', [
    (dict(label=0), ValueError, r"'label' should be a class 1..10, found 0"),
    (dict(label=3), ValueError, r'label 3 is action a03, but the clip id names a01'),
    (dict(file_name='a01_s01_e01_v09'), ValueError, r"a01_s01_e01_v01.json: field 'file_name' is"),
    (dict(skeletons=[[[0, 0, 1]] * 19]), ValueError, r"'skeletons' should be \[T >= 1\]\[20\]\[3\], found shape "
                                                     r"\(1, 19, 3\)"),
    (dict(skeletons=[]), ValueError, r"found shape \(0,\)"),
    (dict(skeletons=[[[float('nan'), 0, 1]] * 20]), ValueError, 'non-finite'),
    (dict(skeletons=[[['a', 0, 1]] * 20]), ValueError, 'not a \\[T\\]\\[20\\]\\[3\\] array of numbers'),
])
def test_bad_files_name_the_file_and_field(tmp_path, change, error, message):
    record = dict(_record('a01_s01_e01_v01'), **change)
    (tmp_path / 'a01_s01_e01_v01.json').write_text(json.dumps(record))
    with pytest.raises(error, match=message):
        convert_nw_ucla(str(tmp_path))


def test_bad_sources(tmp_path):
    with pytest.raises(FileNotFoundError, match='do not exist'):
        convert_nw_ucla(str(tmp_path / 'nowhere'))
    with pytest.raises(FileNotFoundError, match='no .json skeleton files'):
        convert_nw_ucla(str(tmp_path))
    (tmp_path / 'a01_s01_e01_v01.json').write_text('{"file_name": ')
    with pytest.raises(ValueError, match='a01_s01_e01_v01.json: not valid JSON'):
        convert_nw_ucla(str(tmp_path))
    (tmp_path / 'a01_s01_e01_v01.json').write_text(json.dumps(_record('a01_s01_e01_v01')))
    (tmp_path / 'b').write_text(json.dumps(_record('a01_s01_e01_v01')))
    with pytest.raises(ValueError, match='neither a folder nor a zip'):
        convert_nw_ucla(str(tmp_path / 'b'))
    (tmp_path / 'x_a01_s01_e01_v02.json').write_text(json.dumps(dict(_record('a01_s01_e01_v02'))))
    with pytest.raises(ValueError, match="'file_name' is 'a01_s01_e01_v02' but the file is named"):
        convert_nw_ucla(str(tmp_path))


def test_path_lookup(all_sqe, tmp_path, monkeypatch):
    monkeypatch.setenv('NW_UCLA_ROOT', all_sqe)
    assert nw_ucla_path() == all_sqe
    monkeypatch.setenv('NW_UCLA_ROOT', osp.dirname(all_sqe))  # the directory holding all_sqe/
    assert nw_ucla_path() == all_sqe
    monkeypatch.setenv('NW_UCLA_ROOT', str(tmp_path / 'nowhere'))
    assert nw_ucla_path() is None


def test_kinect_v1_layout_mirrors_its_limbs():
    layout = get_layout('kinect_v1')
    assert layout.num_joints == 20 and layout.parents[0] == 0
    # Every left limb's mirror is the matching right limb.
    flip = layout.flip_index
    assert {(flip[j], flip[p]) for j, p in layout.limbs} == set(layout.limbs)


# Real data: skipped where the dataset is not on this machine.
REAL = nw_ucla_path()


@pytest.mark.skipif(REAL is None, reason='NW-UCLA not found (set NW_UCLA_ROOT)')
def test_real_dataset_counts():
    data = convert_nw_ucla(REAL)
    split = data['split']
    assert {k: len(v) for k, v in split.items()} == dict(train=1020, test=464, view1=516, view2=504, view3=464,
                                                          train300=300)
    annos = {a['frame_dir']: a for a in data['annotations']}
    assert sorted(a['total_frames'] for a in annos.values())[:3] == [1, 1, 6]
    assert max(a['total_frames'] for a in annos.values()) == 201
    assert {a['label'] for a in annos.values()} == set(range(10))
    assert all(annos[i]['total_frames'] >= 2 and i[-3:] in ('v01', 'v02') for i in split['train300'])
    # 6 untracked joints in each of two view-1 clips of walking around.
    assert sum(int((a['keypoint'] == 0).all(-1).sum()) for a in annos.values()) == 12
    assert (annos['a04_s01_e01_v01']['keypoint'] == 0).all(-1).sum() == 6


VARIANTS = [('raw_kp/nw_ucla.py', 3, True), ('raw_kp/nw_ucla_projected.py', 3, True),
            ('raw_kp/nw_ucla_distance.py', 3, True),
            ('raw_kp/penn_action.py', 2, True), ('grayscale/penn_action.py', 2, True),
            ('heatmap/penn_action.py', 2, False)]


@pytest.mark.parametrize('num_frames', [1, 200])
@pytest.mark.parametrize('base, dims, with_model', VARIANTS)
def test_shortest_and_longest_clips_go_through_every_variant(base, dims, with_model, num_frames, tmp_path):
    """NW-UCLA holds clips of 1 frame and of up to 201: every variant's pipelines (and model, where it takes a
    Kinect v1 skeleton) take them, in 3D and projected to 2D. PoseC3D's heatmaps are drawn for 20 joints, so
    only its pipelines run."""
    import torch
    from mmcv.parallel import collate

    from keypoint_plugin.config_utils import config_path, load_config
    from keypoint_plugin.host import Compose, build_model

    config = tmp_path / 'nw_ucla.py'
    config.write_text(f"_base_ = ['{config_path(base)}']\nlayout = dict(name='kinect_v1')\n"
                      'model = dict(cls_head=dict(num_classes=10))\n')
    cfg = load_config(str(config))
    record = _record('a01_s01_e01_v01', num_frames)
    skeleton = np.array(record['skeletons'])
    skeleton[..., 0] = skeleton[..., 0] * 0.3 - 0.3  # a body of 0.6 x 0.6 m that bobs by 0.45 m, 2 m away
    skeleton[..., 1] = 0.05 * (np.arange(num_frames) % 10)[:, None] + 0.03 * np.arange(20) - 0.3
    anno, _ = convert_clip(dict(record, skeletons=skeleton.tolist()), dims=dims)
    anno = dict(anno, start_index=0, modality='Pose')
    if dims == 2:
        np.testing.assert_array_less(0, anno['keypoint'])  # in the image: the heatmaps draw them
    outputs = {}
    for name, pipeline in (('train', cfg.data.train.dataset.pipeline), ('test', cfg.data.test.pipeline)):
        np.random.seed(0)
        out = Compose(pipeline)(dict(anno, keypoint=anno['keypoint'].copy()))
        key = 'keypoint' if 'keypoint' in out else 'imgs'
        assert np.isfinite(np.asarray(out[key])).all() and np.asarray(out[key]).std() > 0, name
        outputs[name] = out
    if with_model:
        model = build_model(cfg.model).eval()
        batch = collate([{k: v for k, v in outputs['test'].items() if k != 'label'}], samples_per_gpu=1)
        with torch.no_grad():
            scores = model(return_loss=False, **batch)
        assert scores.shape == (1, 10) and np.isfinite(scores).all()


def test_keypoint_project_equals_the_converters_2d():
    from keypoint_plugin.host import PIPELINES
    record = _record('a01_s01_e01_v01', num_frames=4)
    record['skeletons'][1][7] = [0, 0, 0]  # missing: stays 0 with score 0
    flat, _ = convert_clip(record, dims=2)
    out = PIPELINES.build(dict(type='KeypointProject'))(convert_clip(record, dims=3)[0])
    np.testing.assert_allclose(out['keypoint'], flat['keypoint'], rtol=1e-6)
    np.testing.assert_array_equal(out['keypoint_score'], flat['keypoint_score'])
    assert out['img_shape'] == IMAGE_SHAPE


def test_keypoint_project_turns_the_camera_about_the_clip_centre():
    from keypoint_plugin.host import PIPELINES
    anno = convert_clip(_record('a01_s01_e01_v01', num_frames=4), dims=3)[0]
    np.random.seed(0)
    out = PIPELINES.build(dict(type='KeypointProject', angle=0.5))(dict(anno))
    theta = np.random.RandomState(0).uniform(-0.5, 0.5)
    points = anno['keypoint'].astype(np.float64)
    centre = points.reshape(-1, 3).mean(0)
    x, z = points[..., 0] - centre[0], points[..., 2] - centre[2]
    turned = np.stack([centre[0] + np.cos(theta) * x + np.sin(theta) * z, points[..., 1],
                       centre[2] - np.sin(theta) * x + np.cos(theta) * z], -1)
    expected = np.stack([320 + FOCAL * turned[..., 0] / turned[..., 2], 240 - FOCAL * turned[..., 1] / turned[..., 2]],
                        -1)
    np.testing.assert_allclose(out['keypoint'], expected, rtol=1e-5)


def test_projected_stream_turns_the_camera_in_training_only_and_levels_it_always():
    from keypoint_plugin.config_utils import config_path, load_config
    data = load_config(config_path('raw_kp/nw_ucla_projected.py')).data
    pipelines = dict(train=data.train.dataset.pipeline, val=data.val.pipeline, test=data.test.pipeline)
    steps = {split: [(step.get('angle', 0.), step['level'], step['layout']) for step in pipeline
                     if step['type'] == 'KeypointProject'] for split, pipeline in pipelines.items()}
    layout = dict(name='kinect_v1')
    assert steps == dict(train=[(1.0, True, layout)], val=[(0., True, layout)], test=[(0., True, layout)])
    packs = [step for pipeline in pipelines.values() for step in pipeline if step['type'] == 'PackRawKeypoint']
    assert [step['num_person'] for step in packs] == [1, 1, 1]  # NW-UCLA's clips hold one person


def test_keypoint_project_refuses_what_it_cannot_project():
    from keypoint_plugin.host import PIPELINES
    project = PIPELINES.build(dict(type='KeypointProject'))
    with pytest.raises(ValueError, match='needs 3D keypoints'):
        project(dict(keypoint=np.ones((1, 2, 20, 2), np.float32), keypoint_score=np.ones((1, 2, 20), np.float32)))
    behind = np.ones((1, 2, 20, 3), np.float32)
    behind[0, 1, 3, 2] = -1
    with pytest.raises(ValueError, match='1 present joints at depth z <= 0'):
        project(dict(keypoint=behind))
    with pytest.raises(ValueError, match='focal > 0'):
        PIPELINES.build(dict(type='KeypointProject', focal=0))
