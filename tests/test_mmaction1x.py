"""The MMAction2 1.x host (mmengine, mmcv 2.x): registrations, every configs/mmaction1x config, training and
testing each variant through mmengine's Runner, checkpoints under torch >= 2.6, KeypointMetric.

Runs in the mmaction1x environment (tools/run_tests.sh); skipped where another host is installed.
"""
import glob
import os
import os.path as osp
import pickle
import re

import numpy as np
import pytest
import torch

from conftest import ROOT, check_bone_config, run_tool, write_synthetic_data
from keypoint_plugin.host import HOST

pytestmark = [pytest.mark.mmaction1x,
              pytest.mark.skipif(HOST != 'mmaction1x', reason='needs the MMAction2 1.x host (mmaction1x stack)')]
CONFIGS = sorted(osp.relpath(path, osp.join(ROOT, 'configs', 'mmaction1x'))
                 for path in glob.glob(osp.join(ROOT, 'configs', 'mmaction1x', '*', '*.py')))
# One process, no loader workers: the tests' own settings, not the configs'.
NO_WORKERS = {f'{split}_dataloader.{key}': value for split in ('train', 'val', 'test')
              for key, value in (('num_workers', 0), ('persistent_workers', False))}
NO_WORKERS_ARGS = [f'{key}={value}' for key, value in NO_WORKERS.items()]


def _config(name, options=None):
    from keypoint_plugin.config_utils import load_config
    return load_config(osp.join(ROOT, 'configs', 'mmaction1x', name), options)


@pytest.fixture(scope='module')
def workdir(tmp_path_factory):
    """A folder holding data/synthetic/synthetic.pkl (the path the synthetic configs read): 6 classes, 2 persons."""
    path = tmp_path_factory.mktemp('mmaction1x')
    write_synthetic_data(path, num_person=2)
    return path


def test_components_are_registered_in_mmaction_registries():
    from mmaction.registry import DATASETS, METRICS, MODELS, TRANSFORMS

    from keypoint_plugin.adapters.mmengine.dataset import KeypointPoseDataset
    from keypoint_plugin.adapters.mmengine.metric import KeypointMetric

    for name in ('KeypointSampleFrames', 'KeypointFlip', 'KeypointCompact', 'KeypointNormalize',
                 'RandomKeypointAffine', 'PackRawKeypoint', 'GrayscaleRender'):
        assert TRANSFORMS.get(name) is not None, name
    for name in ('RawKeypointConv3D', 'HostResNet3dSlowOnly', 'LabelSmoothingCrossEntropyLoss'):
        assert MODELS.get(name) is not None, name
    assert DATASETS.get('KeypointPoseDataset') is KeypointPoseDataset
    assert DATASETS.get('ScaledRepeatDataset') is not None
    assert METRICS.get('KeypointMetric') is KeypointMetric


def test_missing_drn_module_is_answered():
    # The mmaction2 1.2.0 wheel lacks localizers/drn: the stand-in lets mmaction.models import and explains itself.
    from mmaction.models.localizers import DRN
    with pytest.raises(ImportError, match='2714'):
        DRN()


def _sample(dims=2, num_person=2, layout='coco'):
    from keypoint_plugin.data import make_synthetic_dataset

    data = make_synthetic_dataset(num_classes=6, train_per_class=1, test_per_class=0, num_person=num_person,
                                  dim=dims, seed=3, layout=layout)
    sample = dict(data['annotations'][0])
    return dict(sample, start_index=0, modality='Pose')


def _layout_sample(cfg):
    """A real-shaped sample on the config's layout and dims. The generated data knows COCO-17 and NTU-25; a Kinect
    v1 layout (NW-UCLA) takes the first 20 NTU joints, which are Kinect v1's in the same order."""
    from keypoint_plugin.layouts import get_layout

    layout, dims = get_layout(cfg.get('layout', 'coco')), cfg.get('dims', 2)
    if layout.name in ('coco', 'nturgb+d'):
        return _sample(dims, layout=layout.name)
    sample = _sample(dims, layout='nturgb+d')
    sample['keypoint'] = sample['keypoint'][:, :, :layout.num_joints]
    if 'keypoint_score' in sample:
        sample['keypoint_score'] = sample['keypoint_score'][:, :, :layout.num_joints]
    return sample


@pytest.mark.parametrize('name', CONFIGS)
def test_every_config_loads_builds_and_runs_its_pipelines(name):
    from mmaction.registry import MODELS
    from mmengine.dataset import pseudo_collate

    from keypoint_plugin.host import Compose

    cfg = _config(name)
    assert cfg.default_scope == 'mmaction' and 'keypoint_plugin' in cfg.custom_imports['imports']
    model = MODELS.build(cfg.model).eval()
    train = cfg.train_dataloader.dataset
    train = train.get('dataset', train)
    sample = _layout_sample(cfg)
    for pipeline in (train.pipeline, cfg.val_dataloader.dataset.pipeline, cfg.test_dataloader.dataset.pipeline):
        packed = Compose(pipeline)(dict(sample))
        assert packed['data_samples'].gt_label.item() == sample['label']
        inputs = packed['inputs']  # a device_pipeline config hands on the raw skeleton, a dict of tensors
        assert all(torch.isfinite(tensor).all() for tensor in (inputs.values() if isinstance(inputs, dict)
                                                               else [inputs]))
    if name.startswith('heatmap'):
        return  # PoseC3D forwards in the training test (one iteration, batch 2), not 18 times here
    batch = pseudo_collate([Compose(cfg.val_dataloader.dataset.pipeline)(dict(sample))])
    with torch.no_grad():
        result = model.test_step(batch)
    assert result[0].pred_score.shape == (cfg.model.cls_head.num_classes, )


@pytest.mark.parametrize('name', CONFIGS)
def test_a_config_written_out_is_whole_as_mmaction2s_tools_read_it(name, tmp_path):
    """What tools/print_config.py writes, read as MMAction2's own tools read a config (mmengine's Config.fromfile,
    nothing spread): the plugin's spreading finds nothing left to add."""
    from mmengine.config import Config

    from keypoint_plugin.config_utils import apply_settings

    written = str(tmp_path / 'written.py')
    _config(name).dump(written)
    plain = Config.fromfile(written)
    assert apply_settings(Config.fromfile(written)).to_dict() == plain.to_dict()


def test_layout_setting_reaches_pipelines_and_backbone():
    from keypoint_plugin.layouts import get_layout

    cfg = _config('raw_kp/ntu60_xsub.py', dict(layout=dict(name='nturgb+d'), dims=3))
    joints = get_layout(dict(name='nturgb+d')).num_joints
    assert cfg.model.backbone.num_joints == joints
    for split in ('val', 'test'):
        dataset = cfg[f'{split}_dataloader'].dataset
        assert dataset.layout == dict(name='nturgb+d') and dataset.dims == 3
        assert all(step.layout == dict(name='nturgb+d') for step in dataset.pipeline
                   if step.type in ('KeypointNormalize', 'PackRawKeypoint'))
    with pytest.raises(ValueError, match='num_joints'):
        _config('raw_kp/ntu60_xsub.py', {'layout': dict(name='nturgb+d'), 'model.backbone.num_joints': 17})


def test_device_pipeline_packs_on_the_model_as_the_per_sample_pipeline_does():
    """device_pipeline on 1.x: the loader's pipeline ends with PadKeypointPersons + PackActionInputs of the raw
    keys, RawKeypointDataPreprocessor packs them; test inputs and scores equal the per-sample config's, and a
    training batch (random draws) gives finite losses; validation keeps packed inputs."""
    import copy

    from keypoint_plugin.config_utils import dataset_config
    from keypoint_plugin.data import make_synthetic_dataset
    from keypoint_plugin.host import Compose, build_model
    from keypoint_plugin.runners import runtime

    per_sample = _config('raw_kp/synthetic.py')
    batched = _config('raw_kp/synthetic.py', dict(device_pipeline=True))
    assert [s.type for s in batched.test_dataloader.dataset.pipeline][-2:] == ['PadKeypointPersons',
                                                                                'PackActionInputs']
    assert batched.val_dataloader.dataset.pipeline == per_sample.val_dataloader.dataset.pipeline
    assert batched.model.data_preprocessor.type == 'RawKeypointDataPreprocessor'
    samples = make_synthetic_dataset(num_classes=6, train_per_class=1, test_per_class=1, num_person=2,
                                     seed=1)['annotations'][:3]
    models = [build_model(cfg.model).eval() for cfg in (per_sample, batched)]
    models[1].load_state_dict(models[0].state_dict())

    def batch(cfg, split):
        pipeline = Compose(dataset_config(cfg, split)[1].pipeline)
        return runtime.collate([pipeline(copy.deepcopy(s)) for s in samples])

    expected, raw = batch(per_sample, 'test'), batch(batched, 'test')
    torch.testing.assert_close(models[1].data_preprocessor(raw)['inputs'],
                               models[0].data_preprocessor(expected)['inputs'])
    np.testing.assert_allclose(runtime.predict(models[1], raw), runtime.predict(models[0], expected),
                               rtol=1e-5, atol=1e-6)
    packed = models[1].data_preprocessor(batch(per_sample, 'val'))['inputs']  # validation: packed, stacked
    assert packed.shape[:2] == (3, 1)
    models[1].train()
    data = models[1].data_preprocessor(batch(batched, 'train'), training=True)
    assert data['inputs'].shape[:2] == (3, 1)
    losses = models[1](**data, mode='loss')
    assert torch.isfinite(losses['loss_cls'])


@pytest.mark.parametrize('variant', ['raw_kp', 'grayscale'])
def test_train_then_test_a_checkpoint_through_the_tools(variant, workdir):
    config = osp.join(ROOT, 'configs', 'mmaction1x', variant, 'synthetic.py')
    work_dir = str(workdir / variant)
    run_tool(['train.py', config, '--work-dir', work_dir, '--seed', '0', '--cfg-options', 'train_cfg.max_epochs=1',
              'train_dataloader.batch_size=4', *NO_WORKERS_ARGS], workdir)
    checkpoint = osp.join(work_dir, 'epoch_1.pth')
    # torch >= 2.6 loads weights only by default, which mmengine's checkpoints (numpy scalars in meta) fail.
    if tuple(int(v) for v in torch.__version__.split('.')[:2]) >= (2, 6):
        with pytest.raises(pickle.UnpicklingError):
            torch.load(checkpoint)
    dump = osp.join(work_dir, 'scores.pkl')
    out = run_tool(['test.py', config, checkpoint, '--work-dir', work_dir, '--dump', dump, '--cfg-options',
                    *NO_WORKERS_ARGS], workdir).output
    assert 'keypoint/f1_macro' in out and 'acc/top1' in out
    with open(dump, 'rb') as f:
        results = pickle.load(f)
    assert len(results) == 6 and all(np.isclose(float(r['pred_score'].sum()), 1, atol=1e-4) for r in results)
    # What the Runner saves (HistoryBuffer logs, numpy scalars, the optimizer and schedulers) loads safely.
    from keypoint_plugin.safe_load import load_checkpoint_file
    saved = load_checkpoint_file(checkpoint)
    assert saved['meta']['epoch'] == 1 and saved['message_hub']['log_scalars'] and saved['optimizer']['state']


class _Payload:
    """What an attacker's pickle holds: an object whose unpickling runs a shell command."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f'touch {self.marker}', )


def test_a_malicious_checkpoint_is_refused_by_the_tools_resume_and_inference(workdir, tmp_path, monkeypatch):
    from keypoint_plugin.apis import init_recognizer
    from keypoint_plugin.safe_load import UNSAFE_LOAD_ENV, UnsafeFileError

    monkeypatch.delenv(UNSAFE_LOAD_ENV, raising=False)
    marker, evil = tmp_path / 'ran', str(tmp_path / 'evil.pth')
    torch.save(dict(state_dict={}, meta=dict(note=_Payload(marker))), evil)
    config = osp.join(ROOT, 'configs', 'mmaction1x', 'raw_kp', 'synthetic.py')
    for args in (['test.py', config, evil, '--work-dir', str(tmp_path / 'test')],
                 ['train.py', config, '--work-dir', str(tmp_path / 'train'), '--resume', evil,
                  '--cfg-options', 'train_cfg.max_epochs=1', *NO_WORKERS_ARGS]):
        proc = run_tool(args, workdir, check=False)
        assert proc.returncode != 0, proc.output
        assert re.search(r'refusing to load checkpoint .*evil\.pth.*--unsafe-load', proc.output), proc.output
    with pytest.raises(UnsafeFileError, match='evil.pth'):
        init_recognizer(config, evil, device='cpu')
    from mmengine.runner.checkpoint import load_from_http  # load_from URLs: downloaded, then loaded safely
    with pytest.raises(UnsafeFileError, match='evil.pth'):
        load_from_http(f'file://{evil}', map_location='cpu', model_dir=str(tmp_path / 'hub'))
    assert not marker.exists()


def test_two_process_cpu_training_and_test_through_the_dist_scripts(workdir):
    # mmengine's own distributed set-up is CUDA-only (set_device, DDP device_ids); on CPU the plugin uses gloo.
    config = osp.join(ROOT, 'configs', 'mmaction1x', 'raw_kp', 'synthetic.py')
    work_dir = str(workdir / 'dist')
    out = run_tool(['dist_train.sh', config, '2', '--work-dir', work_dir, '--seed', '0', '--cfg-options',
                    'train_cfg.max_epochs=1', 'train_dataloader.batch_size=2', *NO_WORKERS_ARGS], workdir).output
    assert 'Epoch(train) [1]' in out and osp.isfile(osp.join(work_dir, 'epoch_1.pth'))
    out = run_tool(['dist_test.sh', config, osp.join(work_dir, 'epoch_1.pth'), '2', '--work-dir', work_dir,
                    '--cfg-options', *NO_WORKERS_ARGS], workdir).output
    assert 'keypoint/f1_macro' in out


def test_heatmap_one_training_iteration_and_a_test_forward(workdir, monkeypatch):
    from keypoint_plugin.runners.mmengine.runner import build_runner

    monkeypatch.chdir(workdir)
    cfg = _config('heatmap/synthetic.py', NO_WORKERS)
    cfg.train_cfg = dict(type='IterBasedTrainLoop', max_iters=1, val_interval=1)
    cfg.param_scheduler = None
    cfg.train_dataloader.batch_size = cfg.val_dataloader.batch_size = 2
    cfg.train_dataloader.dataset.times = 1
    cfg.val_dataloader.dataset.pipeline[0].update(num_clips=1)
    cfg.val_dataloader.dataset.indices = 2  # two samples: one test forward at batch 2
    cfg.default_hooks.checkpoint = dict(type='CheckpointHook', interval=1, by_epoch=False)
    cfg.channels_last = True
    runner = build_runner(cfg, work_dir=str(workdir / 'heatmap'))
    layouts = []
    conv = next(m for m in runner.model.backbone.modules() if isinstance(m, torch.nn.Conv3d))
    conv.register_forward_pre_hook(
        lambda module, args: layouts.append(args[0].is_contiguous(memory_format=torch.channels_last_3d)))
    runner.train()
    metrics = runner.val_loop.run()
    assert 0 <= metrics['acc/top1'] <= 1 and 'keypoint/f1_macro' in metrics
    assert layouts and all(layouts)  # channels_last: the backbone's input, in training and testing
    assert osp.isfile(workdir / 'heatmap' / 'iter_1.pth')


def test_keypoint_metric_matches_scikit_learn():
    from mmaction.structures import ActionDataSample
    from sklearn.metrics import precision_recall_fscore_support

    from keypoint_plugin.adapters.mmengine.metric import KeypointMetric

    rng = np.random.default_rng(0)
    scores, labels = rng.random((40, 6)), rng.integers(0, 6, 40)
    metric = KeypointMetric(tables=('per_class', 'confusion_matrix'))
    metric.dataset_meta = dict(classes=tuple(f'c{i}' for i in range(6)))
    samples = [ActionDataSample().set_gt_label(int(label)).set_pred_score(torch.tensor(score))
               for score, label in zip(scores, labels)]
    metric.process(None, [sample.to_dict() for sample in samples])
    result = metric.compute_metrics(metric.results)
    predicted = scores.argmax(1)
    for average in ('macro', 'weighted'):
        precision, recall, f1, _ = precision_recall_fscore_support(labels, predicted, average=average,
                                                                   zero_division=0)
        assert result[f'precision_{average}'] == pytest.approx(precision)
        assert result[f'recall_{average}'] == pytest.approx(recall)
        assert result[f'f1_{average}'] == pytest.approx(f1)
    with pytest.raises(KeyError, match='unknown'):
        KeypointMetric(metrics=('accuracy', ))


KINECT_V1 = dict(  # a 20-joint Kinect v1 skeleton (NW-UCLA's), unknown to the host's Graph
    name='kinect_v1', parents=[0, 0, 1, 2, 2, 4, 5, 6, 2, 8, 9, 10, 0, 12, 13, 14, 0, 16, 17, 18],
    left=[4, 5, 6, 7, 12, 13, 14, 15], right=[8, 9, 10, 11, 16, 17, 18, 19], center=[12, 16], upper=[4, 8])


@pytest.mark.parametrize('layout', ['coco', KINECT_V1])
def test_layout_stgcn_is_the_hosts_stgcn_on_the_layouts_graph(layout):
    from mmaction.models.backbones import STGCN
    from mmaction.registry import MODELS

    from keypoint_plugin.layouts import get_layout

    args = dict(gcn_adaptive='init', gcn_with_res=True, tcn_type='mstcn')  # ST-GCN++ as in the host's configs
    model = MODELS.build(dict(type='LayoutSTGCN', layout=layout, **args))
    assert isinstance(model, STGCN)
    skeleton = get_layout(layout)
    linked = (np.abs(model.graph.A) > 0).any(0)
    expected = np.eye(skeleton.num_joints, dtype=bool)
    for joint, parent in skeleton.limbs:
        expected[joint, parent] = expected[parent, joint] = True
    np.testing.assert_array_equal(linked, expected)
    if layout == 'coco':  # the host's own COCO graph has the same limbs: the same adjacency
        host = MODELS.build(dict(type='STGCN', graph_cfg=dict(layout='coco', mode='spatial'), **args))
        np.testing.assert_allclose(model.graph.A, host.graph.A)
    out = model(torch.randn(2, 2, 16, skeleton.num_joints, 3))
    assert out.shape[:2] == (2, 2) and out.shape[-1] == skeleton.num_joints and torch.isfinite(out).all()


def test_layout_bones_are_the_hosts_where_it_names_the_skeleton():
    from mmaction.registry import TRANSFORMS

    keypoint = np.random.default_rng(0).normal(size=(2, 5, 25, 3)).astype(np.float32)
    expected = TRANSFORMS.build(dict(type='JointToBone', dataset='nturgb+d'))(dict(keypoint=keypoint.copy()))
    ours = TRANSFORMS.build(dict(type='LayoutJointToBone', layout='nturgb+d', dims=3))(dict(keypoint=keypoint))
    np.testing.assert_allclose(ours['keypoint'], expected['keypoint'], atol=1e-6)


def test_gcn_penn_action_is_the_bases_pipelines_on_48_frame_clips():
    from keypoint_plugin.config_utils import dataset_config

    penn, base = _config('gcn/penn_action.py'), _config('_base_/gcn.py')
    for split in ('train', 'val', 'test'):
        steps = [dict(step) for step in dataset_config(base, split)[1].pipeline]
        sampler = [step['type'] for step in steps].index('UniformSampleFrames')
        steps[sampler]['clip_len'] = 48
        assert dataset_config(penn, split)[1].pipeline == steps, f'the {split} pipeline'


@pytest.mark.parametrize('name', [name for name in CONFIGS if re.match(r'gcn.*_bone\.py$', name)])
def test_gcn_bone_configs_are_their_joint_configs_with_bones(name):
    """A bone stream's datasets are its joint stream's, each pipeline with LayoutJointToBone (the config's layout and
    dims) after PoseDecode; the model is the same."""
    check_bone_config(name, _config(name), _config(name.replace('_bone', '')))


@pytest.mark.parametrize('written', [False, True], ids=['load_config', 'print_config'])
@pytest.mark.parametrize('base', ['gcn/synthetic.py', 'gcn/penn_action_bone.py', 'gcn/synthetic_3d.py'])
def test_gcn_on_a_new_joint_layout_trains_one_iteration_and_tests(base, written, tmp_path):
    """The new-dataset recipe on the host's ST-GCN++: the annotation file, the class count and a 20-joint layout,
    read by the plugin's loader or, as MMAction2's own tools read it (mmengine's ``Config.fromfile``), written out
    by tools/print_config.py."""
    from mmaction.registry import MODELS
    from mmengine.config import Config
    from mmengine.dataset import pseudo_collate
    from mmengine.optim import OptimWrapper

    from keypoint_plugin.host import Compose

    config = tmp_path / 'kinect.py'
    config.write_text(f"_base_ = ['{osp.join(ROOT, 'configs', 'mmaction1x', base)}']\nlayout = {KINECT_V1!r}\n"
                      "ann_file = 'data/kinect/kinect.pkl'\nmodel = dict(cls_head=dict(num_classes=10))\n"
                      "train_dataloader = dict(dataset=dict(dataset=dict(ann_file=ann_file)))\n"
                      "val_dataloader = dict(dataset=dict(ann_file=ann_file))\n"
                      "test_dataloader = dict(dataset=dict(ann_file=ann_file))\n")
    from keypoint_plugin.config_utils import load_config
    if written:
        run_tool(['print_config.py', str(config), '--out', str(tmp_path / 'written.py')])
        cfg = Config.fromfile(str(tmp_path / 'written.py'))
    else:
        cfg = load_config(str(config))
    assert cfg.model.backbone.layout['name'] == 'kinect_v1'
    dims = cfg.dims
    rng = np.random.default_rng(0)
    samples = []
    for label in range(2):
        sample = dict(keypoint=rng.uniform(50, 400, (2, 60, 20, dims)).astype(np.float32), total_frames=60,
                      label=label, start_index=0, modality='Pose', frame_dir=f's{label}', img_shape=(480, 640))
        if dims == 2:
            sample['keypoint_score'] = rng.uniform(0.3, 1, (2, 60, 20)).astype(np.float32)
        samples.append(sample)
    model = MODELS.build(cfg.model)
    train = Compose(cfg.train_dataloader.dataset.dataset.pipeline)
    optim = OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.01))
    losses = model.train_step(pseudo_collate([train(dict(s)) for s in samples]), optim)
    assert torch.isfinite(losses['loss'])
    model.eval()
    with torch.no_grad():
        result = model.test_step(pseudo_collate([Compose(cfg.test_dataloader.dataset.pipeline)(dict(samples[0]))]))
    assert result[0].pred_score.shape == (10, ) and torch.isfinite(result[0].pred_score).all()


def test_gcn_trains_and_tests_through_the_tools(workdir):
    config = osp.join(ROOT, 'configs', 'mmaction1x', 'gcn', 'synthetic.py')
    work_dir = str(workdir / 'gcn')
    run_tool(['train.py', config, '--work-dir', work_dir, '--seed', '0', '--cfg-options', 'train_cfg.max_epochs=1',
              'train_dataloader.batch_size=4', *NO_WORKERS_ARGS], workdir)
    dump = osp.join(work_dir, 'scores.pkl')
    out = run_tool(['test.py', config, osp.join(work_dir, 'epoch_1.pth'), '--work-dir', work_dir, '--dump', dump,
                    '--cfg-options', *NO_WORKERS_ARGS], workdir).output
    assert 'keypoint/f1_macro' in out and 'acc/top1' in out
    with open(dump, 'rb') as f:
        results = pickle.load(f)
    assert len(results) == 6 and all(np.isclose(float(r['pred_score'].sum()), 1, atol=1e-4) for r in results)


def test_gcn_nw_ucla_takes_the_converters_clips():
    """A clip as tools/data/nw_ucla.py writes it (pyskl's 3D form: no scores, an untracked joint all zeros) goes
    through the host's 3D GCN pipelines of gcn/nw_ucla.py, whose GenSkeFeat refuses 3D keypoints with scores."""
    from keypoint_plugin.config_utils import load_config
    from keypoint_plugin.data.nw_ucla import convert_clip
    from keypoint_plugin.host import Compose

    frames = np.arange(40)[:, None, None] * 0.01 + np.linspace(0.1, 1, 60).reshape(1, 20, 3)
    frames[5, 7] = 0
    anno, _ = convert_clip(dict(file_name='a01_s01_e01_v01', skeletons=frames.tolist(), label=1))
    cfg = load_config(osp.join(ROOT, 'configs', 'mmaction1x', 'gcn', 'nw_ucla.py'))
    for loader in (cfg.train_dataloader.dataset.dataset, cfg.test_dataloader.dataset):
        out = Compose(loader.pipeline)(dict(anno, start_index=0, modality='Pose'))
        inputs = out['inputs'].numpy()
        assert inputs.shape[-2:] == (20, 3) and np.isfinite(inputs).all() and inputs.std() > 0
