"""The mmengine family: MMAction2 1.x on mmengine and mmcv 2.x.

:func:`import_host` gathers what the plugin uses from it. The shared transforms and models register into
``mmaction.registry``'s ``TRANSFORMS`` and ``MODELS`` unchanged (a transform is a callable on the results dict
on every host).
"""
import functools
import os

from . import compat
from .mmcv1 import resnet3d_args  # MMAction2 1.x keeps 0.x's argument names (conv1_stride_s, _t)

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


# The host's own configs (keypoint_plugin.host.host_config): PoseC3D's (the 1.x heatmap configs name it as
# ``_base_ = 'mmaction::skeleton/posec3d/...'``) and ST-GCN's, X-Sub only.
HOST_CONFIGS = dict(posec3d='skeleton/posec3d/slowonly_r50_8xb16-u48-240e_{dataset}-xsub-keypoint.py',
                    stgcn='skeleton/stgcn/stgcn_8xb16-joint-u100-80e_{dataset}-xsub-keypoint-2d.py',
                    gcn='skeleton/stgcnpp/stgcnpp_8xb16-joint-u100-80e_{dataset}-xsub-keypoint-2d.py',
                    gcn_3d='skeleton/stgcnpp/stgcnpp_8xb16-joint-u100-80e_{dataset}-xsub-keypoint-3d.py')


def config_tree():
    """MMAction2 1.x's config folder (inside its package), the names of its configs there and a hint."""
    import mmaction
    return (os.path.join(os.path.dirname(mmaction.__file__), '.mim', 'configs'), HOST_CONFIGS,
            'MMAction2 1.x ships these configs for NTU60 X-Sub only')


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
        resnet3d_args=functools.partial(resnet3d_args, host='mmaction'), config_tree=config_tree)
