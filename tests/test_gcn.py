"""The host's graph network beside our variants (configs/gcn) on the mmcv 1.x hosts: LayoutSTGCN builds the
host's own STGCN on any joint layout, LayoutJointToBone matches the host's JointToBone where the host names the
skeleton, each bone config is its joint config with bones, and every configs/gcn config trains one iteration and
tests, on COCO-17, NTU-25 and a 20-joint Kinect v1 layout; the synthetic config through tools/train.py and
tools/test.py."""
import copy
import os
import os.path as osp
import sys
import textwrap

import mmcv
import numpy as np
import pytest
import torch
from mmcv.parallel import collate

import keypoint_plugin  # noqa: F401
from keypoint_plugin.config_utils import config_path, dataset_config, load_config
from keypoint_plugin.host import BACKBONES, HOST, PIPELINES, Compose, Config, build_model
from keypoint_plugin.layouts import get_layout
from conftest import ROOT, check_bone_config, check_training_run, run_tool
from test_configs import KINECT_V1

pytestmark = pytest.mark.skipif(HOST == 'mmaction1x', reason='the mmcv 1.x hosts (tests/test_mmaction1x.py: 1.x)')

GCN_CONFIGS = sorted(f'gcn/{name}' for name in os.listdir(osp.join(ROOT, 'configs', 'gcn'))
                     if name.endswith('.py'))
# The host's graph arguments in either family's configs: pyskl's `mode`, MMAction2 0.x's `strategy`.
GRAPH_CFG = dict(mode='spatial') if HOST == 'pyskl' else dict(strategy='spatial')


def _edges(adjacency):
    """Joint pairs linked in any of the graph's adjacency matrices, self-links included."""
    linked = (np.abs(np.asarray(adjacency)) > 0).any(0)
    return {(int(i), int(j)) for i, j in zip(*np.nonzero(linked))}


@pytest.mark.every_stack
@pytest.mark.parametrize('layout', ['coco', 'nturgb+d', KINECT_V1])
def test_layout_stgcn_is_the_hosts_stgcn_on_the_layouts_graph(layout):
    host_stgcn = BACKBONES.get('STGCN')
    model = BACKBONES.build(dict(type='LayoutSTGCN', layout=layout, in_channels=3, graph_cfg=GRAPH_CFG))
    assert isinstance(model, host_stgcn)
    skeleton = get_layout(layout)
    expected = ({(j, j) for j in range(skeleton.num_joints)} | set(skeleton.limbs)
                | {(p, j) for j, p in skeleton.limbs})
    assert _edges(model.graph.A) == expected
    # The host's module keeps its own Graph: a plain STGCN after ours still asserts on unknown names.
    assert type(BACKBONES.build(dict(type='STGCN', in_channels=3, graph_cfg=dict(GRAPH_CFG, layout='coco')))
                .graph).__name__ == 'Graph'
    x = torch.randn(2, 3, 16, skeleton.num_joints, 2)  # MMAction2 0.x: [N, C, T, V, M]
    if HOST == 'pyskl':
        x = x.permute(0, 4, 2, 3, 1)  # pyskl: [N, M, T, V, C]
    out = model(x)
    assert torch.isfinite(out).all() and skeleton.num_joints in out.shape


@pytest.mark.every_stack
def test_layout_bones_are_the_hosts_where_it_names_the_skeleton():
    """NTU's 25 joints: the host's JointToBone pairs are our layout's (joint, parent) bones."""
    rng = np.random.default_rng(0)
    keypoint = rng.normal(size=(2, 5, 25, 3)).astype(np.float32)
    host = PIPELINES.get('JointToBone')
    if host is None:  # pyskl registers GenSkeFeat, which runs its JointToBone
        host = PIPELINES.build(dict(type='GenSkeFeat', dataset='nturgb+d', feats=['b']))
    else:
        host = host(dataset='nturgb+d')
    expected = host(dict(keypoint=keypoint.copy()))['keypoint']
    ours = PIPELINES.build(dict(type='LayoutJointToBone', layout='nturgb+d', dims=3))(dict(keypoint=keypoint))
    np.testing.assert_allclose(ours['keypoint'], expected, atol=1e-6)


@pytest.mark.every_stack
def test_layout_bones_average_scores_and_name_bad_samples():
    keypoint = np.arange(2 * 4 * 3, dtype=np.float32).reshape(1, 2, 4, 3)  # x, y, score
    stick = dict(name='stick', parents=(0, 0, 1, 1), left=(), right=(), center=(0, ), upper=(1, ))
    step = PIPELINES.build(dict(type='LayoutJointToBone', layout=stick, dims=2))
    score = np.ones((1, 2, 4), np.float32) * [1, 0, 1, 1]
    out = step(dict(keypoint=keypoint.copy(), keypoint_score=score))
    np.testing.assert_allclose(out['keypoint'][0, 0, 2], [3, 3, 6.5])  # joint 2 minus joint 1; mean score
    np.testing.assert_allclose(out['keypoint_score'][0, 0], [1, 0.5, 0.5, 0.5])  # the root keeps its own
    assert not out['keypoint'][..., 0, :2].any()  # the root's bone
    with pytest.raises(ValueError, match='clip_7.*4 joints'):
        step(dict(keypoint=np.zeros((1, 2, 5, 2), np.float32), frame_dir='clip_7'))


def _samples(cfg, num_joints, dims, count=2):
    rng = np.random.default_rng(0)
    samples = []
    for label in range(count):
        sample = dict(keypoint=rng.uniform(50, 400, (2, 60, num_joints, dims)).astype(np.float32),
                      total_frames=60, label=label, start_index=0, modality='Pose', frame_dir=f's{label}',
                      img_shape=(480, 640), original_shape=(480, 640))
        if dims == 2:
            sample['keypoint_score'] = rng.uniform(0.3, 1, (2, 60, num_joints)).astype(np.float32)
        samples.append(sample)
    return samples


def _train_and_test(cfg):
    """One SGD step on two generated clips through the training pipeline, then a test forward."""
    layout = get_layout(cfg.layout)
    samples = _samples(cfg, layout.num_joints, cfg.dims)
    model = build_model(cfg.model)
    train = Compose(dataset_config(cfg, 'train')[1].pipeline)
    batch = collate([train(copy.deepcopy(s)) for s in samples], samples_per_gpu=2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    model.train()
    losses = model(return_loss=True, **{k: batch[k] for k in ('keypoint', 'label')})
    loss = sum(v for k, v in losses.items() if 'loss' in k)
    loss.backward()
    optimizer.step()
    assert torch.isfinite(loss)
    test = Compose(dataset_config(cfg, 'test')[1].pipeline)
    batch = collate([{k: v for k, v in test(samples[0]).items() if k != 'label'}], samples_per_gpu=1)
    model.eval()
    with torch.no_grad():
        scores = model(return_loss=False, keypoint=batch['keypoint'])
    assert np.asarray(scores).shape == (1, cfg.model.cls_head.num_classes) and np.isfinite(scores).all()


@pytest.mark.parametrize('name', GCN_CONFIGS)
def test_every_gcn_config_trains_one_iteration_and_tests(name):
    cfg = load_config(config_path(name))
    assert cfg.model.backbone.type == 'LayoutSTGCN' and cfg.model.backbone.layout == cfg.layout
    _train_and_test(cfg)


@pytest.mark.every_stack
@pytest.mark.parametrize('name', [name for name in GCN_CONFIGS if name.endswith('_bone.py')])
def test_bone_configs_are_their_joint_configs_with_bones(name):
    """A bone stream's datasets are its joint stream's, each pipeline with LayoutJointToBone (the config's layout and
    dims) after PoseDecode; the model is the same."""
    check_bone_config(name, load_config(config_path(name)), load_config(config_path(name.replace('_bone', ''))))


@pytest.mark.every_stack
@pytest.mark.parametrize('base', ['gcn/synthetic.py', 'gcn/synthetic_bone.py', 'gcn/synthetic_3d.py'])
def test_a_new_joint_layout_is_one_setting(base, tmp_path):
    """The new-dataset recipe on the host's GCN: annotation file, class count and a 20-joint Kinect v1 layout."""
    config = tmp_path / 'kinect.py'
    config.write_text(textwrap.dedent(f"""
        _base_ = ['{config_path(base)}']
        layout = {KINECT_V1!r}
        ann_file = 'data/kinect/kinect.pkl'
        model = dict(cls_head=dict(num_classes=10))
        data = dict(train=dict(ann_file=ann_file), val=dict(ann_file=ann_file), test=dict(ann_file=ann_file))
    """))
    cfg = load_config(str(config))
    assert cfg.model.backbone.layout.name == 'kinect_v1'
    assert all(dataset_config(cfg, split)[1].layout.name == 'kinect_v1' for split in ('train', 'val', 'test'))
    _train_and_test(cfg)


@pytest.mark.every_stack
def test_the_hosts_tools_take_a_new_layout_written_out_by_print_config(tmp_path):
    """The hosts' own tools read a config as it is (``Config.fromfile``, nothing spread): the recipe's config read
    so fails at the model's first step with the way out in the message; written out by tools/print_config.py, it
    trains and tests as read."""
    config = tmp_path / 'kinect.py'
    config.write_text(textwrap.dedent(f"""
        _base_ = ['{config_path('gcn/synthetic_3d.py')}']
        layout = {KINECT_V1!r}
        model = dict(cls_head=dict(num_classes=10))
    """))
    with pytest.raises(ValueError, match='has 20 joints but its layout .coco. has 17.*print_config.py'):
        _train_and_test(Config.fromfile(str(config)))
    written = tmp_path / 'kinect_written.py'
    run_tool(['print_config.py', str(config), '--out', str(written)])
    cfg = Config.fromfile(str(written))
    assert cfg.model.backbone.layout.name == 'kinect_v1' and dataset_config(cfg, 'test')[1].dims == 3
    _train_and_test(cfg)


@pytest.mark.every_stack
def test_train_and_test_the_synthetic_config_through_the_tools(workdir):
    config = osp.join(ROOT, 'configs', 'gcn', 'synthetic.py')
    work_dir = str(workdir / 'gcn')
    tiny = ['total_epochs=1', 'data.videos_per_gpu=3', 'data.workers_per_gpu=0', 'log_config.interval=1',
            'evaluation.interval=1']
    out = run_tool([sys.executable, osp.join(ROOT, 'tools', 'train.py'), config, '--work-dir', work_dir,
                    '--validate', '--seed', '0', '--cfg-options', *tiny], workdir).output
    check_training_run(work_dir)
    assert 'f1_macro' in out
    scores = str(workdir / 'gcn_scores.pkl')
    out = run_tool([sys.executable, osp.join(ROOT, 'tools', 'test.py'), config, osp.join(work_dir, 'latest.pth'),
                    '--out', scores, '--eval', 'top1', 'f1_macro'], workdir).output
    results = mmcv.load(scores)
    assert len(results) == 6 and all(np.isfinite(r).all() and r.shape == (6, ) for r in results)
    assert 0 <= float(out.split('top1: ')[1].split()[0]) <= 1
