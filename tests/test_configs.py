"""Every bundled config loads through the host's Config.fromfile and builds its model and pipelines; the
lightweight variants' test pipelines feed their models."""
import copy
import glob
import os.path as osp
import shutil
import sys
import textwrap

import numpy as np
import pytest
import torch
from mmcv import Config
from mmcv.parallel import collate

import keypoint_plugin  # noqa: F401
from keypoint_plugin.config_utils import (CONFIG_ROOT, apply_settings, config_path, dataset_config, load_config,
                                         scale_lr, stream_data)
from keypoint_plugin.host import Compose, build_model
from keypoint_plugin.layouts import get_layout
from conftest import ROOT, run_tool

pytestmark = pytest.mark.every_stack

CONFIGS = sorted(osp.relpath(p, CONFIG_ROOT) for p in glob.glob(osp.join(CONFIG_ROOT, '*', '*.py')))


def _sample(cfg):
    rng = np.random.default_rng(0)
    num_joints = get_layout(cfg.get('layout', 'coco')).num_joints
    if cfg.get('dims') == 3:  # 3D Kinect skeletons in camera space (metres, about 3 m away), no scores
        keypoint = rng.normal(0, 0.5, (2, 70, num_joints, 3)) + [0, 0, 3]
        return dict(keypoint=keypoint.astype(np.float32), total_frames=70,
                    label=0, start_index=0, modality='Pose', frame_dir='s')
    return dict(keypoint=rng.uniform(50, 400, (2, 70, num_joints, 2)).astype(np.float32),
                keypoint_score=rng.uniform(0.3, 1, (2, 70, num_joints)).astype(np.float32), total_frames=70,
                img_shape=(480, 640), original_shape=(480, 640), label=0, start_index=0, modality='Pose',
                frame_dir='s')


def test_all_variants_and_benchmarks_present():
    for variant in ('heatmap', 'raw_kp', 'grayscale'):
        for name in ('ntu60_xsub', 'ntu60_xview', 'ntu120_xsub', 'ntu120_xset', 'penn_action', 'synthetic'):
            assert f'{variant}/{name}.py' in CONFIGS
    assert 'raw_kp/ntu60_xsub_3d.py' in CONFIGS
    for name in ('ntu60_xsub', 'penn_action'):
        for stream in ('joint', 'bone', 'joint_motion', 'bone_motion'):
            assert f'raw_kp/{name}_{stream}.py' in CONFIGS


@pytest.mark.parametrize('name', CONFIGS)
def test_config_builds(name):
    cfg = load_config(config_path(name))
    assert cfg.custom_imports['imports'] == ['keypoint_plugin']
    assert cfg.data.test.type == 'KeypointPoseDataset'
    model = build_model(cfg.model)
    pipelines = [Compose(dataset_config(cfg, split)[1].pipeline) for split in ('train', 'val', 'test')]
    for pipeline in pipelines:
        out = pipeline(_sample(cfg))
        key = 'keypoint' if 'keypoint' in out else 'imgs'
        assert torch.isfinite(torch.as_tensor(out[key])).all()
    if name.startswith('heatmap'):
        return  # a forward pass of SlowOnly-R50 is the tools tests' job
    model.eval()
    batch = collate([{k: v for k, v in out.items() if k != 'label'}], samples_per_gpu=1)  # raw keys too
    with torch.no_grad():
        scores = model(return_loss=False, **batch)
    assert scores.shape == (1, cfg.model.cls_head.num_classes) and np.isfinite(scores).all()


@pytest.mark.parametrize('name', CONFIGS)
def test_a_config_written_out_is_whole_as_the_hosts_tools_read_it(name, tmp_path):
    """What tools/print_config.py writes (the plugin's reading, dumped), read as the hosts' own tools read a config
    (Config.fromfile, nothing spread): the plugin's spreading finds nothing left to add."""
    written = str(tmp_path / 'written.py')
    cfg = load_config(config_path(name))
    cfg.dump(written)
    plain = Config.fromfile(written)
    assert apply_settings(Config.fromfile(written)).to_dict() == plain.to_dict()
    assert plain.get('layout') == cfg.get('layout')


def test_configs_ship_with_the_package():
    assert osp.isfile(config_path('raw_kp/ntu60_xsub.py'))
    with pytest.raises(FileNotFoundError, match='no bundled config'):
        config_path('raw_kp/nope.py')


@pytest.mark.parametrize('stream', ['joint', 'bone', 'joint_motion', 'bone_motion'])
def test_stream_configs_change_only_the_packed_features(stream):
    base = Config.fromfile(config_path('raw_kp/penn_action.py'))
    cfg = Config.fromfile(config_path(f'raw_kp/penn_action_{stream}.py'))
    for split in ('train', 'val', 'test'):
        ours, theirs = (c.data[split].get('dataset', c.data[split]) for c in (cfg, base))
        assert ours.ann_file == theirs.ann_file
        for step, base_step in zip(ours.pipeline, theirs.pipeline, strict=True):
            if step['type'] == 'PackRawKeypoint':
                assert step.pop('feats') == (stream, ) and base_step.pop('feats') == ('joint', 'bone')
            assert step == base_step
    assert cfg.model.backbone.pop('in_channels') == 3 and base.model.backbone.pop('in_channels') == 5
    assert cfg.model == base.model and cfg.optimizer == base.optimizer and cfg.total_epochs == base.total_epochs
    assert cfg.work_dir != base.work_dir


def test_nw_ucla_distance_stream_changes_only_the_packed_features_and_persons():
    base = Config.fromfile(config_path('raw_kp/nw_ucla.py'))
    cfg = Config.fromfile(config_path('raw_kp/nw_ucla_distance.py'))
    for split in ('train', 'val', 'test'):
        ours, theirs = (c.data[split].get('dataset', c.data[split]) for c in (cfg, base))
        assert ours.ann_file == theirs.ann_file
        for step, base_step in zip(ours.pipeline, theirs.pipeline, strict=True):
            if step['type'] == 'PackRawKeypoint':
                assert (step.pop('feats'), step.pop('num_person')) == (('distance', ), 1)
                assert (base_step.pop('feats'), base_step.pop('num_person')) == (('joint', 'bone'), 2)
            assert step == base_step
    assert cfg.model.backbone.pop('in_channels') == 20 and base.model.backbone.pop('in_channels') == 6
    assert cfg.model == base.model and cfg.optimizer == base.optimizer and cfg.total_epochs == base.total_epochs


def test_stream_data_needs_a_raw_keypoint_config():
    with pytest.raises(ValueError, match='one PackRawKeypoint step'):
        stream_data(config_path('grayscale/penn_action.py'), feats=('bone', ))


@pytest.mark.parametrize('install', ['source checkout', 'installed package'])
def test_stream_configs_load_from_a_source_checkout_and_an_installed_package(install, tmp_path):
    """pyskl users often run from a checkout on PYTHONPATH; pip users have only the installed package."""
    if install == 'source checkout':
        for folder in ('keypoint_plugin', 'configs'):
            shutil.copytree(osp.join(ROOT, folder), tmp_path / folder, ignore=shutil.ignore_patterns('__pycache__'))
    else:
        run_tool([sys.executable, '-m', 'pip', 'install', '-q', '--no-deps', '--no-build-isolation', '--target',
                  tmp_path, ROOT], timeout=600)
    code = textwrap.dedent("""
        from mmcv import Config
        import keypoint_plugin
        from keypoint_plugin.config_utils import config_path
        cfg = Config.fromfile(config_path('raw_kp/penn_action_bone.py'))
        feats = {step['feats'] for step in cfg.data.test.pipeline if step['type'] == 'PackRawKeypoint'}
        print(keypoint_plugin.__file__, config_path('raw_kp/penn_action_bone.py'), feats)
    """)
    proc = run_tool([sys.executable, '-c', code], tmp_path, env=dict(PYTHONPATH=str(tmp_path)), timeout=300)
    package, config, feats = proc.stdout.split(maxsplit=2)
    assert package.startswith(str(tmp_path)) and config.startswith(str(tmp_path))
    assert feats.strip() == "{('bone',)}"


KINECT_V1 = dict(  # the 20-joint Kinect v1 skeleton of the README's worked example
    name='kinect_v1', parents=[0, 0, 1, 2, 2, 4, 5, 6, 2, 8, 9, 10, 0, 12, 13, 14, 0, 16, 17, 18],
    left=[4, 5, 6, 7, 12, 13, 14, 15], right=[8, 9, 10, 11, 16, 17, 18, 19], center=[12, 16], upper=[4, 8])


@pytest.mark.parametrize('base', ['raw_kp/synthetic_3d.py', 'raw_kp/ntu60_xsub_3d.py', 'raw_kp/penn_action.py',
                                  'grayscale/penn_action.py'])
def test_a_new_joint_layout_is_one_setting(base, tmp_path):
    """The README's worked example: a child config sets the annotation file, the class count and the layout."""
    config = tmp_path / 'kinect.py'
    config.write_text(textwrap.dedent(f"""
        _base_ = ['{config_path(base)}']
        layout = {KINECT_V1!r}
        ann_file = 'data/kinect/kinect.pkl'
        model = dict(cls_head=dict(num_classes=12))
        data = dict(train=dict(dataset=dict(ann_file=ann_file)), val=dict(ann_file=ann_file),
                    test=dict(ann_file=ann_file))
    """))
    cfg = load_config(str(config))
    datasets = [cfg.data.train.dataset, cfg.data.val, cfg.data.test]
    assert all(d.layout.name == 'kinect_v1' and d.num_classes == 12 for d in datasets)
    steps = [step for d in datasets for step in d.pipeline if 'layout' in step]
    assert steps and all(step.layout == cfg.layout for step in steps)
    model = build_model(cfg.model)
    sample = _sample(cfg)
    dims = 3 if '3d' in base else 2
    rng = np.random.default_rng(0)
    sample['keypoint'] = rng.uniform(50, 400, (2, 70, 20, dims)).astype(np.float32)
    sample['keypoint_score'] = np.ones((2, 70, 20), np.float32)
    if dims == 3:
        sample.pop('keypoint_score')
    train = Compose(cfg.data.train.dataset.pipeline)(copy.deepcopy(sample))  # flip and augmentation included
    out = Compose(cfg.data.test.pipeline)(sample)
    key = 'keypoint' if 'keypoint' in out else 'imgs'
    assert np.isfinite(train[key]).all() and train[key].shape[1:] == out[key].shape[1:]
    model.eval()
    batch = collate([{k: v for k, v in out.items() if k != 'label'}], samples_per_gpu=1)  # raw keys too
    with torch.no_grad():
        scores = model(return_loss=False, **batch)
    assert scores.shape == (1, 12) and np.isfinite(scores).all()


def test_a_setting_given_twice_differently_is_an_error(tmp_path):
    config = tmp_path / 'twice.py'
    config.write_text(f"_base_ = ['{config_path('raw_kp/ntu60_xsub_3d.py')}']\n"
                      "model = dict(backbone=dict(num_joints=17))\n")
    with pytest.raises(ValueError, match="model.backbone.num_joints=17, but the config's layout gives 25"):
        load_config(str(config))


def test_auto_scale_lr_follows_the_total_batch():
    cfg = load_config(config_path('raw_kp/penn_action_gpu.py'))  # lr 0.1 for 32 clips; 256 per GPU
    assert scale_lr(cfg, world_size=2) == dict(base_batch_size=32, batch_size=512, base_lr=0.1, lr=1.6)
    assert cfg.optimizer.lr == 1.6
    base = load_config(config_path('raw_kp/ntu60_xsub.py'))  # off by default: pyskl's lr on any GPU count
    assert scale_lr(base, world_size=1) is None and base.optimizer.lr == 0.1
    base.auto_scale_lr = dict(enable=True)
    with pytest.raises(ValueError, match='needs auto_scale_lr.base_batch_size'):
        scale_lr(base, world_size=1)
