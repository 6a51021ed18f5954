"""The mmcv 1.x family of hosts: pyskl and MMAction2 0.x (same registries, builders and runner).

:func:`import_host` gathers what the plugin uses from one of them; where the two name the same thing
differently (:func:`resnet3d_args`, :func:`config_tree`) the difference is answered here.
"""
import functools
import importlib
import os

from . import compat


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
        config_tree=functools.partial(config_tree, name))


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


# The host's own configs that ours build on (PoseC3D SlowOnly-R50 joint heatmaps: the heatmap configs' base) or
# compare with (ST-GCN on 2D keypoints: the benchmark), in the host's config tree; ``{benchmark}`` e.g. 'ntu60_xsub',
# ``{dataset}`` e.g. 'ntu60'. MMAction2 ships X-Sub configs only; our configs set the split, so X-View / X-Set reuse
# them.
# ``gcn`` / ``gcn_3d`` are the host's own graph network on 2D / 3D joints, the configs/gcn configs' base: pyskl's
# ST-GCN++, MMAction2 0.x's ST-GCN (0.x has ST-GCN and 2s-AGCN, no ST-GCN++).
HOST_CONFIGS = dict(
    pyskl=dict(posec3d='posec3d/slowonly_r50_{benchmark}/joint.py', stgcn='stgcn++/stgcn++_{benchmark}_hrnet/j.py',
               gcn='stgcn++/stgcn++_{benchmark}_hrnet/j.py', gcn_3d='stgcn++/stgcn++_{benchmark}_3dkp/j.py'),
    mmaction=dict(posec3d='skeleton/posec3d/slowonly_r50_u48_240e_{dataset}_xsub_keypoint.py',
                  stgcn='skeleton/stgcn/stgcn_80e_{dataset}_xsub_keypoint.py',
                  gcn='skeleton/stgcn/stgcn_80e_{dataset}_xsub_keypoint.py',
                  gcn_3d='skeleton/stgcn/stgcn_80e_{dataset}_xsub_keypoint_3d.py'))


def config_tree(host):
    """The host's config folder, the names of its configs in it (:data:`HOST_CONFIGS`) and a hint for a missing one.

    pyskl's tree is found from ``PYSKL_ROOT``, else from the installed package's location; MMAction2's configs ship
    inside its package.
    """
    if host == 'pyskl':
        import pyskl
        root = os.environ.get('PYSKL_ROOT') or os.path.dirname(os.path.dirname(pyskl.__file__))
        return (os.path.join(root, 'configs'), HOST_CONFIGS['pyskl'],
                'set PYSKL_ROOT to the pyskl source tree (the folder holding configs/)')
    import mmaction
    return (os.path.join(os.path.dirname(mmaction.__file__), '.mim', 'configs'), HOST_CONFIGS['mmaction'],
            'MMAction2 0.x ships these configs for NTU X-Sub only')
