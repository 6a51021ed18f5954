"""The mmengine family: MMAction2 1.x on mmengine and mmcv 2.x.

:func:`import_host` gathers what the plugin uses from it. The shared transforms and models register into
``mmaction.registry``'s ``TRANSFORMS`` and ``MODELS`` unchanged (a transform is a callable on the results dict
on every host). The family's own components: ``KeypointPoseDataset`` (:mod:`.dataset`, the host's
``PoseDataset`` with checked annotations), ``KeypointMetric`` (:mod:`.metric`: precision, recall, F1 and
per-class figures for ``val_evaluator`` / ``test_evaluator``) and ``RawKeypointDataPreprocessor``
(:mod:`.data_preprocessor`: the batched raw-keypoint path, ``device_pipeline``).
"""
import functools
import os

from .. import compat
from ..mmcv1 import resnet3d_args  # MMAction2 1.x keeps 0.x's argument names (conv1_stride_s, _t)

# Modules of this folder that register the family's own components (keypoint_plugin.host.import_adapters).
ADAPTERS = ('dataset', 'metric', 'data_preprocessor')
SCOPE = 'mmaction'


def _in_scope(build):
    """``build`` run with MMAction2's registry scope, as mmengine's Runner runs it (``default_scope``), so that
    nested configs (a dataset's pipeline) resolve ``mmaction`` types outside a Runner too."""
    from mmengine.registry import DefaultScope

    @functools.wraps(build)
    def scoped(cfg, *args, **kwargs):
        with DefaultScope.overwrite_default_scope(SCOPE):
            return build(cfg, *args, **kwargs)
    return scoped


def posec3d_config(benchmark):
    """Path of MMAction2 1.x's own PoseC3D joint-heatmap config; only NTU60 X-Sub ships with it (our 1.x configs
    name it as ``_base_ = 'mmaction::skeleton/posec3d/...'``)."""
    import mmaction
    path = os.path.join(os.path.dirname(mmaction.__file__), '.mim', 'configs', 'skeleton', 'posec3d',
                        'slowonly_r50_8xb16-u48-240e_ntu60-xsub-keypoint.py')
    if not os.path.isfile(path):
        raise FileNotFoundError(f'PoseC3D config for {benchmark!r} not found at {path}')
    return path


_GCN = {'ntu60_xsub': 'stgcnpp_8xb16-joint-u100-80e_ntu60-xsub-keypoint-2d.py',
        'ntu60_xsub_3d': 'stgcnpp_8xb16-joint-u100-80e_ntu60-xsub-keypoint-3d.py'}


def gcn_config(benchmark):
    """Path of MMAction2 1.x's own ST-GCN++ joint config for ``benchmark`` (``'ntu60_xsub'`` or
    ``'ntu60_xsub_3d'``; our 1.x GCN configs name it as ``_base_ = 'mmaction::skeleton/stgcnpp/...'``)."""
    import mmaction
    if benchmark not in _GCN:
        raise KeyError(f'no host GCN config for {benchmark!r}; known: {sorted(_GCN)}')
    path = os.path.join(os.path.dirname(mmaction.__file__), '.mim', 'configs', 'skeleton', 'stgcnpp', _GCN[benchmark])
    if not os.path.isfile(path):
        raise FileNotFoundError(f'GCN config for {benchmark!r} not found at {path}')
    return path


def import_host(name):
    """What the plugin uses from MMAction2 1.x, as a dict (ImportError if absent)."""
    compat.apply_mmengine()  # before mmaction.models imports (its wheel lacks a module)
    import mmaction.datasets  # noqa: F401  (registers the host's datasets and transforms)
    import mmaction.models  # noqa: F401
    from mmaction.registry import DATASETS, METRICS, MODELS, TRANSFORMS
    from mmcv.transforms import Compose
    from mmengine import Config, dump, load
    from mmengine.config import DictAction
    from mmengine.dataset import RepeatDataset
    from mmengine.logging import print_log

    build_transform = _in_scope(TRANSFORMS.build)

    def compose(pipeline):
        """mmcv's Compose over steps built from MMAction2's registry (dicts) or given as callables."""
        return Compose([build_transform(step) if isinstance(step, dict) else step for step in pipeline])

    return dict(
        PIPELINES=TRANSFORMS, DATASETS=DATASETS, MODELS=MODELS, METRICS=METRICS,
        build_dataset=_in_scope(DATASETS.build), build_model=_in_scope(MODELS.build), Compose=compose,
        PoseDataset=mmaction.datasets.PoseDataset, RepeatDataset=RepeatDataset,
        Config=Config, DictAction=DictAction, load=load, dump=dump, print_log=print_log,
        resnet3d_args=functools.partial(resnet3d_args, host='mmaction'), posec3d_config=posec3d_config,
        gcn_config=gcn_config)
