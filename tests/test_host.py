"""The plugin's registrations, proven against the real host (MMAction2 0.24.1 in CI; pyskl where installed)."""
import importlib.util
import textwrap

import numpy as np
import pytest
import torch
from mmcv import Config

import keypoint_plugin
from keypoint_plugin.host import DATASETS, HOST, MODELS, PIPELINES, Compose, build_model
from conftest import run_python

pytestmark = pytest.mark.every_stack

PIPELINE_NAMES = ['KeypointNormalize', 'RandomKeypointAffine', 'RandomJointDrop', 'PackRawKeypoint',
                  'GrayscaleRender', 'KeypointSampleFrames', 'KeypointDecode', 'KeypointProject']
MODEL_NAMES = ['RawKeypointConv3D', 'RawKeypointRecognizer']
HOSTS = ['mmaction', 'pyskl']


def test_components_resolve_in_host_registries():
    for name in PIPELINE_NAMES:
        assert PIPELINES.get(name) is not None, name
    for name in MODEL_NAMES:
        assert MODELS.get(name) is not None, name
    assert DATASETS.get('KeypointPoseDataset') is not None
    # The host's own names stay where they were.
    assert PIPELINES.get('PoseDecode') is not None and MODELS.get('I3DHead') is not None


def test_components_build_from_config_dicts():
    assert type(PIPELINES.build(dict(type='KeypointNormalize'))).__name__ == 'KeypointNormalize'
    assert type(PIPELINES.build(dict(type='PackRawKeypoint'))).__name__ == 'PackRawKeypoint'
    assert type(PIPELINES.build(dict(type='GrayscaleRender'))).__name__ == 'GrayscaleRender'
    backbone = MODELS.build(dict(type='RawKeypointConv3D', in_channels=3, num_joints=17))
    assert isinstance(backbone, torch.nn.Module)
    model = build_model(dict(type='RawKeypointRecognizer',
                             backbone=dict(type='RawKeypointConv3D', in_channels=3, num_joints=17),
                             cls_head=dict(type='I3DHead', num_classes=4, in_channels=backbone.out_channels)))
    assert type(model).__name__ == 'RawKeypointRecognizer'


def test_config_with_custom_imports_builds_pipeline_and_model(root):
    cfg = Config.fromfile(f'{root}/configs/raw_kp/synthetic.py')
    assert cfg.custom_imports == dict(imports=['keypoint_plugin'], allow_failed_imports=False)
    pipeline = Compose(cfg.data.test.pipeline)
    rng = np.random.default_rng(0)
    sample = dict(keypoint=rng.uniform(0, 100, (1, 60, 17, 2)).astype(np.float32),
                  keypoint_score=np.ones((1, 60, 17), np.float32), total_frames=60, img_shape=(100, 100),
                  original_shape=(100, 100), label=0, start_index=0, modality='Pose', frame_dir='x')
    out = pipeline(sample)
    model = build_model(cfg.model)
    model.eval()
    with torch.no_grad():
        scores = model(keypoint=out['keypoint'][None], return_loss=False)
    assert scores.shape == (1, cfg.model.cls_head.num_classes)
    assert np.isfinite(scores).all()


@pytest.mark.parametrize('host', HOSTS)
def test_registration_in_a_fresh_process_per_host(host, root):
    """The host's modules imported first, the plugin imported twice, then a config with custom_imports."""
    if importlib.util.find_spec(host) is None:
        pytest.skip(f'{host} is not installed')
    code = textwrap.dedent(f"""
        import importlib
        host_models = importlib.import_module('{host}.models')
        import keypoint_plugin, keypoint_plugin
        from mmcv import Config
        from mmcv.utils import import_modules_from_strings
        cfg = Config.fromfile('configs/raw_kp/synthetic.py')
        import_modules_from_strings(**cfg.custom_imports)
        from keypoint_plugin.host import HOST, build_model
        model = build_model(cfg.model)
        assert HOST == '{host}', HOST
        assert host_models.RECOGNIZERS.get('RawKeypointRecognizer') is type(model)
        print('ok', HOST)
    """)
    proc = run_python(code, env=dict(KEYPOINT_PLUGIN_HOST=host))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert f'ok {host}' in proc.stdout


def test_forced_unknown_host_names_the_choices():
    proc = run_python('import keypoint_plugin', env=dict(KEYPOINT_PLUGIN_HOST='mmdet'))
    assert proc.returncode != 0
    assert "KEYPOINT_PLUGIN_HOST='mmdet'" in proc.stderr and 'pyskl' in proc.stderr


def test_missing_host_error_names_both():
    if importlib.util.find_spec('pyskl') is not None:
        pytest.skip('pyskl is installed here')
    proc = run_python('import keypoint_plugin', env=dict(KEYPOINT_PLUGIN_HOST='pyskl'))
    assert proc.returncode != 0
    assert 'pyskl' in proc.stderr and 'MMAction2' in proc.stderr


def test_version_and_host():
    assert keypoint_plugin.__version__.count('.') == 2
    assert keypoint_plugin.HOST == HOST in HOSTS


@pytest.mark.parametrize('stem', [dict(conv1_stride=(1, 2), pool1_stride=(1, 1)),
                                  dict(conv1_stride_s=2, conv1_stride_t=1, pool1_stride_s=1)])
def test_slowonly_builds_from_either_hosts_argument_names(stem):
    backbone = MODELS.build(dict(type='HostResNet3dSlowOnly', depth=50, pretrained=None, in_channels=1,
                                 base_channels=8, stage_blocks=(1, 1, 1, 1), **stem))
    assert isinstance(backbone, MODELS.get('ResNet3dSlowOnly'))
    assert backbone.conv1.conv.stride == (1, 2, 2)
    assert backbone(torch.zeros(1, 1, 8, 32, 32)).shape == (1, 256, 8, 2, 2)  # 8 x 8 x bottleneck 4


def test_resnet3d_args_rename_for_the_running_host():
    from keypoint_plugin.host import resnet3d_args
    # pyskl's pair wins over MMAction2's per-axis names inherited from MMAction2's PoseC3D config.
    args = resnet3d_args(dict(depth=50, conv1_stride_s=1, pool1_stride_s=1, conv1_stride=(1, 2)))
    if HOST == 'pyskl':
        assert args == dict(depth=50, conv1_stride=(1, 2), pool1_stride=(1, 1))
    else:
        assert args == dict(depth=50, conv1_stride_t=1, conv1_stride_s=2, pool1_stride_s=1)
    with pytest.raises(ValueError, match=r'conv1_stride=\(2,\): expected a \(temporal, spatial\) pair'):
        resnet3d_args(dict(conv1_stride=(2, )))


def test_broken_pyskl_install_is_not_a_silent_fallback(tmp_path):
    """pyskl installed but failing to import (as when its `requests` or `fvcore` is missing)."""
    if importlib.util.find_spec('mmaction') is None:
        pytest.skip('MMAction2, the fallback, is not installed')
    (tmp_path / 'pyskl').mkdir()
    (tmp_path / 'pyskl' / '__init__.py').write_text('import fvcore_that_is_not_installed\n')
    code = 'import keypoint_plugin; print("host", keypoint_plugin.HOST)'
    proc = run_python(code, env=dict(PYTHONPATH=str(tmp_path), KEYPOINT_PLUGIN_HOST=''))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert 'host mmaction' in proc.stdout
    assert 'pyskl is installed but does not import' in proc.stderr and 'fvcore_that_is_not_installed' in proc.stderr
    # Asked for by name, the broken host is an error, not a fallback.
    proc = run_python(code, env=dict(PYTHONPATH=str(tmp_path), KEYPOINT_PLUGIN_HOST='pyskl'))
    assert proc.returncode != 0 and 'fvcore_that_is_not_installed' in proc.stderr
