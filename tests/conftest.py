import os
import os.path as osp
import subprocess
import sys

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
