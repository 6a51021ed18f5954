import glob
import json
import os
import os.path as osp
import socket
import subprocess
import sys

import numpy as np
import pytest

from keypoint_plugin.host import FAMILY, HOST, PIPELINES, build_model

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
# MMAction2 0.x's I3DHead names its dropout `dropout_ratio`, pyskl's `dropout`.
DROPOUT_KEY = 'dropout_ratio' if HOST == 'mmaction' else 'dropout'


def build_recognizer(num_classes=4, in_channels=3, num_joints=17, dropout=0., test_cfg=None, **backbone):
    """A RawKeypointRecognizer with the host's I3DHead, sized by the backbone's ``widths``."""
    backbone = dict(type='RawKeypointConv3D', in_channels=in_channels, num_joints=num_joints, **backbone)
    in_dim = backbone.get('widths', (64, 128, 192))[-1]
    return build_model(dict(
        type='RawKeypointRecognizer', backbone=backbone,
        cls_head=dict(type='I3DHead', num_classes=num_classes, in_channels=in_dim, **{DROPOUT_KEY: dropout}),
        test_cfg=test_cfg if test_cfg is not None else dict(average_clips='prob')))


def build_transform(type, **kwargs):
    """A pipeline step built from the host's registry, as a config's step is."""
    return PIPELINES.build(dict(type=type, **kwargs))


# Stack subsets (tools/run_tests.sh) are chosen by these markers; the main stack runs every test.
MARKERS = dict(
    every_stack='also runs in the numpy-2 environment (tools/run_tests.sh), not only in the main one',
    mmaction1x='runs in the MMAction2 1.x environment (tools/run_tests.sh -m mmaction1x); a module marked so must '
               'import on both config families')


def pytest_configure(config):
    for name, text in MARKERS.items():
        config.addinivalue_line('markers', f'{name}: {text}')


def pytest_ignore_collect(collection_path, config):
    """On MMAction2 1.x (mmcv 2, no ``mmcv.Config`` or ``mmcv.parallel``) the mmcv 1.x suite does not import: only
    modules that carry the ``mmaction1x`` marker are collected there."""
    if FAMILY == 'mmengine' and collection_path.suffix == '.py' and collection_path.name.startswith('test_'):
        return 'pytest.mark.mmaction1x' not in collection_path.read_text(encoding='utf-8')
    return None


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return str(sock.getsockname()[1])


def run_tool(args, cwd=ROOT, env=None, timeout=900, check=True):
    """Run a command line in a fresh process, as a user would, and return the completed process with its ``output``
    (stdout, then stderr).

    A first argument naming a ``.py`` or ``.sh`` file (a path, or a name under tools/) runs with this interpreter or
    with bash; any other command runs as given (e.g. ``[sys.executable, '-c', code]``). This interpreter's folder
    comes first on PATH (the launchers call python and torchrun), and a launcher gets a free port in ``PORT`` (its
    default is a random one, which another run on the machine may hold).

    Args:
        args (Sequence): The command line.
        cwd (str | Path): Where it runs. Default: the repository root.
        env (dict | None): Environment variables set over this process's.
        timeout (float): Seconds.
        check (bool): Fail with the command's output unless it exits 0. Default: True.
    """
    args = [str(arg) for arg in args]
    if args[0].endswith(('.py', '.sh')):
        script = args[0] if osp.isabs(args[0]) else osp.join(ROOT, 'tools', args[0])
        args = (['bash'] if script.endswith('.sh') else [sys.executable]) + [script] + args[1:]
    env = dict(os.environ, PATH=osp.dirname(sys.executable) + os.pathsep + os.environ['PATH'], PORT=_free_port(),
               **(env or {}))
    proc = subprocess.run(args, cwd=str(cwd), env=env, capture_output=True, text=True, timeout=timeout)
    proc.output = proc.stdout + proc.stderr
    if check:
        assert proc.returncode == 0, f'{args} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}'
    return proc


def run_python(code, env=None, timeout=600):
    """Run ``code`` in a fresh interpreter at the repository root; return the completed process (any exit)."""
    return run_tool([sys.executable, '-c', code], env=env, timeout=timeout, check=False)


def write_synthetic_data(folder, name='synthetic', **options):
    """Write a generated dataset where the configs of ``name`` read it, ``<folder>/data/<name>/<name>.pkl`` (the
    synthetic configs: 'synthetic'; the Penn Action configs: 'penn_action'), and return it.

    Args:
        folder (str | Path): The folder the tools run in.
        name (str): The dataset's folder and file name.
        options: :func:`~keypoint_plugin.data.make_synthetic_dataset` arguments over the default: 6 classes, one
            training and one test clip each, seed 1.
    """
    from keypoint_plugin.data import dump_annotations, make_synthetic_dataset

    data = make_synthetic_dataset(**dict(dict(num_classes=6, train_per_class=1, test_per_class=1, seed=1), **options))
    dump_annotations(data, osp.join(str(folder), 'data', name, f'{name}.pkl'))
    return data


@pytest.fixture(scope='session')
def root():
    return ROOT


# --cfg-options that shrink a synthetic config's training to one short epoch.
TINY = ['total_epochs=1', 'data.train.times=1', 'data.videos_per_gpu=3', 'data.workers_per_gpu=0',
        'log_config.interval=1', 'evaluation.interval=1']


def check_bone_config(name, bone, joint):
    """A bone stream's config ``bone`` (either config family) is its joint stream's ``joint``: the same model and
    datasets, each pipeline with LayoutJointToBone (the config's layout and dims) after PoseDecode."""
    from keypoint_plugin.config_utils import dataset_config

    assert bone.model == joint.model
    for split in ('train', 'val', 'test'):
        ours, theirs = (dict(dataset_config(cfg, split)[1]) for cfg in (bone, joint))
        steps = list(theirs.pop('pipeline'))
        decode = [step['type'] for step in steps].index('PoseDecode')
        steps.insert(decode + 1, dict(type='LayoutJointToBone', layout=joint.layout, dims=joint.dims))
        assert ours.pop('pipeline') == steps, f'{name}: the {split} pipeline'
        assert ours == theirs, f'{name}: the {split} dataset'


def check_training_run(work_dir):
    """The work dir holds a checkpoint and a json log of finite training losses."""
    assert osp.isfile(osp.join(work_dir, 'latest.pth')) or osp.islink(osp.join(work_dir, 'latest.pth'))
    logs = glob.glob(osp.join(work_dir, '*.log.json'))
    assert logs, 'no json log'
    lines = [json.loads(line) for line in open(logs[0]) if line.strip().startswith('{"mode"')]
    losses = [line['loss'] for line in lines if line['mode'] == 'train']
    assert losses and np.isfinite(losses).all()


@pytest.fixture(scope='module')
def workdir(tmp_path_factory):
    """A folder holding data/synthetic/synthetic.pkl (the path the synthetic configs read)."""
    path = tmp_path_factory.mktemp('e2e')
    write_synthetic_data(path)
    return path
