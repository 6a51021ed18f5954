"""The mmcv 1.x family of hosts: pyskl and MMAction2 0.x (same registries, builders and runner).

:func:`import_host` gathers what the plugin uses from one of them; where the two name the same thing
differently (:func:`resnet3d_args`, :func:`posec3d_config`) the difference is answered here. The family's own
components: ``KeypointPoseDataset`` (:mod:`.dataset`) and ``RawKeypointRecognizer`` (:mod:`.recognizer`).
"""
import functools
import importlib
import os

from .. import compat

# Modules of this folder that register the family's own components (keypoint_plugin.host.import_adapters).
ADAPTERS = ('dataset', 'recognizer')


def import_host(name):
    """What the plugin uses from host ``name`` ('pyskl' or 'mmaction'), as a dict (ImportError if absent)."""
    datasets = importlib.import_module(f'{name}.datasets')  # first: ImportError where the host is absent
    models = importlib.import_module(f'{name}.models')
    import mmcv
    from mmcv.utils import print_log

    compat.apply_mmcv1()
    return dict(
        PIPELINES=datasets.PIPELINES, DATASETS=datasets.DATASETS, MODELS=models.RECOGNIZERS, METRICS=None,
        build_dataset=datasets.build_dataset, build_model=models.build_model,
        Compose=importlib.import_module(f'{name}.datasets.pipelines').Compose,
        PoseDataset=datasets.PoseDataset, RepeatDataset=datasets.RepeatDataset,
        Config=mmcv.Config, DictAction=mmcv.DictAction, load=mmcv.load, dump=mmcv.dump, print_log=print_log,
        resnet3d_args=functools.partial(resnet3d_args, host=name),
        posec3d_config=functools.partial(posec3d_config, host=name),
        gcn_config=functools.partial(gcn_config, host=name))


# ResNet3d's stem strides: pyskl takes (temporal, spatial) pairs, MMAction2 one argument per axis.
_STEM_STRIDES = ('conv1_stride', 'pool1_stride')


def resnet3d_args(kwargs, host):
    """``kwargs`` of the host's ``ResNet3d`` family with the stem strides in the host's own names.

    Accepts either host's form: pyskl's ``conv1_stride=(t, s)`` / ``pool1_stride=(t, s)`` or MMAction2's
    ``conv1_stride_t`` / ``conv1_stride_s`` (and ``pool1_*``). Where both forms are given (a config that
    inherits one host's PoseC3D config and sets the other form), the pair wins: it is what our configs write.

    Args:
        kwargs (dict): Backbone arguments.
        host (str): 'pyskl' or 'mmaction'.

    Returns:
        dict: The same arguments, the stem strides renamed for the running host.
    """
    kwargs = dict(kwargs)
    for name in _STEM_STRIDES:
        pair = kwargs.pop(name, None)
        axes = {axis: kwargs.pop(f'{name}_{axis}', None) for axis in 'ts'}
        if pair is not None:
            if len(pair) != 2:
                raise ValueError(f'{name}={pair!r}: expected a (temporal, spatial) pair')
            axes = dict(t=pair[0], s=pair[1])
        if host == 'pyskl':
            if any(v is not None for v in axes.values()):
                kwargs[name] = (axes['t'] if axes['t'] is not None else 1,
                                axes['s'] if axes['s'] is not None else 2)  # pyskl's defaults: (1, 2)
        else:
            kwargs.update({f'{name}_{axis}': v for axis, v in axes.items() if v is not None})
    return kwargs


# The host's own PoseC3D SlowOnly-R50 joint config per NTU benchmark. MMAction2 ships only the X-Sub ones;
# our heatmap configs set the split, so X-View / X-Set reuse them.
_MMACTION_POSEC3D = dict(ntu60='slowonly_r50_u48_240e_ntu60_xsub_keypoint.py',
                         ntu120='slowonly_r50_u48_240e_ntu120_xsub_keypoint.py')


def posec3d_config(benchmark, host):
    """Path of the host's PoseC3D joint-heatmap config for ``benchmark`` (e.g. ``'ntu60_xsub'``).

    pyskl's tree is found from ``PYSKL_ROOT``, else from the installed package's location; MMAction2's
    configs ship inside its package.
    """
    if host == 'pyskl':
        import pyskl
        root = os.environ.get('PYSKL_ROOT') or os.path.dirname(os.path.dirname(pyskl.__file__))
        path = os.path.join(root, 'configs', 'posec3d', f'slowonly_r50_{benchmark}', 'joint.py')
        hint = 'set PYSKL_ROOT to the pyskl source tree (the folder holding configs/)'
    else:
        import mmaction
        name = _MMACTION_POSEC3D.get(benchmark.split('_')[0])
        path = os.path.join(os.path.dirname(mmaction.__file__), '.mim', 'configs', 'skeleton', 'posec3d',
                            name or f'<none for {benchmark}>')
        hint = 'MMAction2 0.x ships PoseC3D configs for ntu60 and ntu120 only'
    if not os.path.isfile(path):
        raise FileNotFoundError(f'PoseC3D config for {benchmark!r} not found at {path}: {hint}')
    return path


# The host's own graph-network config per benchmark: pyskl's ST-GCN++ (its default GCN), MMAction2 0.x's ST-GCN
# (0.x ships ST-GCN and 2s-AGCN, no ST-GCN++).
_PYSKL_GCN = {'ntu60_xsub': 'stgcn++_ntu60_xsub_hrnet', 'ntu60_xsub_3d': 'stgcn++_ntu60_xsub_3dkp'}
_MMACTION_GCN = {'ntu60_xsub': 'stgcn_80e_ntu60_xsub_keypoint.py',
                 'ntu60_xsub_3d': 'stgcn_80e_ntu60_xsub_keypoint_3d.py'}


def gcn_config(benchmark, host):
    """Path of the host's joint-stream GCN config for ``benchmark`` (``'ntu60_xsub'`` 2D or ``'ntu60_xsub_3d'``):
    pyskl's ``configs/stgcn++/stgcn++_<benchmark>_{hrnet,3dkp}/j.py`` (from ``PYSKL_ROOT``, else the installed
    package's location) or MMAction2 0.x's ``configs/skeleton/stgcn/stgcn_80e_ntu60_xsub_keypoint[_3d].py``."""
    if benchmark not in _PYSKL_GCN:
        raise KeyError(f'no host GCN config for {benchmark!r}; known: {sorted(_PYSKL_GCN)}')
    if host == 'pyskl':
        import pyskl
        root = os.environ.get('PYSKL_ROOT') or os.path.dirname(os.path.dirname(pyskl.__file__))
        path = os.path.join(root, 'configs', 'stgcn++', _PYSKL_GCN[benchmark], 'j.py')
        hint = 'set PYSKL_ROOT to the pyskl source tree (the folder holding configs/)'
    else:
        import mmaction
        path = os.path.join(os.path.dirname(mmaction.__file__), '.mim', 'configs', 'skeleton', 'stgcn',
                            _MMACTION_GCN[benchmark])
        hint = 'MMAction2 0.x ships its ST-GCN configs inside the package (.mim/configs)'
    if not os.path.isfile(path):
        raise FileNotFoundError(f'GCN config for {benchmark!r} not found at {path}: {hint}')
    return path
