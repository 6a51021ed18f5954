import glob
import json
import os
import os.path as osp
import subprocess
import sys

import numpy as np
import pytest

from keypoint_plugin.host import HOST, build_model

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


def pytest_configure(config):
    config.addinivalue_line('markers', 'every_stack: also runs in the numpy-2 environment (tools/run_tests.sh), '
                                       'not only in the main one')


def run_python(code, env=None, timeout=600):
    """Run ``code`` in a fresh interpreter at the repo root; return the completed process."""
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, '-c', code], cwd=ROOT, env=full_env, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope='session')
def root():
    return ROOT


# --cfg-options that shrink a synthetic config's training to one short epoch.
TINY = ['total_epochs=1', 'data.train.times=1', 'data.videos_per_gpu=3', 'data.workers_per_gpu=0',
        'log_config.interval=1', 'evaluation.interval=1']


def run_tool(args, cwd, env=None, timeout=900):
    """Run a tool's command line; fail with its output unless it exits 0; return stdout + stderr."""
    env = dict(os.environ, PATH=osp.dirname(sys.executable) + os.pathsep + os.environ['PATH'], **(env or {}))
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f'{args} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}'
    return proc.stdout + proc.stderr


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
    from keypoint_plugin.data import dump_annotations, make_synthetic_dataset

    path = tmp_path_factory.mktemp('e2e')
    dump_annotations(make_synthetic_dataset(num_classes=6, train_per_class=1, test_per_class=1, seed=1),
                     str(path / 'data' / 'synthetic' / 'synthetic.pkl'))
    return path
