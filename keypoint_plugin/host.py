"""The host toolbox: pyskl when importable, else MMAction2 0.x.

This is the only module that imports the host. Everything else takes the registries, builders and base
classes from here, so the plugin runs unchanged on either host. ``KEYPOINT_PLUGIN_HOST=pyskl|mmaction``
forces a host. Where the hosts name the same thing differently (:func:`resnet3d_args`), the difference is
answered here too.
"""
import importlib
import importlib.util
import os
import warnings

from . import compat

HOSTS = ('pyskl', 'mmaction')


def _import_host(name):
    """Return a namespace of what we use from host ``name``."""
    if name == 'pyskl':
        datasets = importlib.import_module('pyskl.datasets')
        models = importlib.import_module('pyskl.models')
        base = importlib.import_module('pyskl.models.recognizers.base')
    else:
        datasets = importlib.import_module('mmaction.datasets')
        models = importlib.import_module('mmaction.models')
        base = importlib.import_module('mmaction.models.recognizers.base')
    pipelines = importlib.import_module(f'{name}.datasets.pipelines')
    return dict(
        PIPELINES=datasets.PIPELINES,
        DATASETS=datasets.DATASETS,
        MODELS=models.RECOGNIZERS,
        build_dataset=datasets.build_dataset,
        PoseDataset=datasets.PoseDataset,
        RepeatDataset=datasets.RepeatDataset,
        Compose=pipelines.Compose,
        BaseRecognizer=base.BaseRecognizer,
        _build_model=models.build_model,
    )


def _pick_host():
    forced = os.environ.get('KEYPOINT_PLUGIN_HOST')
    if forced and forced not in HOSTS:
        raise ValueError(f'KEYPOINT_PLUGIN_HOST={forced!r}: expected one of {HOSTS}')
    errors = {}
    for name in ([forced] if forced else HOSTS):
        try:
            return name, _import_host(name)
        except ImportError as err:
            errors[name] = err
            if not forced and name == 'pyskl' and importlib.util.find_spec('pyskl') is not None:
                # Installed but broken (often a missing `requests` or `fvcore`): falling back quietly would
                # leave the user believing pyskl is the host.
                warnings.warn(f'keypoint_plugin: pyskl is installed but does not import ({err!r}); using '
                              'MMAction2 as the host instead. Fix the import, or set '
                              'KEYPOINT_PLUGIN_HOST=mmaction to silence this.', RuntimeWarning, stacklevel=2)
    tried = '; '.join(f'{name}: {err}' for name, err in errors.items())
    raise ImportError('keypoint_plugin needs a host toolbox: pyskl (install it from its source tree) or '
                      f'MMAction2 0.x (pip install mmaction2==0.24.1). Neither imports ({tried}).')


HOST, _api = _pick_host()
compat.apply()

PIPELINES = _api['PIPELINES']
DATASETS = _api['DATASETS']
# Both hosts alias BACKBONES = HEADS = RECOGNIZERS = LOSSES to one MODELS registry.
MODELS = BACKBONES = HEADS = RECOGNIZERS = _api['MODELS']
build_dataset = _api['build_dataset']
PoseDataset = _api['PoseDataset']
RepeatDataset = _api['RepeatDataset']
Compose = _api['Compose']
BaseRecognizer = _api['BaseRecognizer']


def build_model(cfg):
    """Build a recognizer from its config dict with the host's builder."""
    return _api['_build_model'](cfg)


# ResNet3d's stem strides: pyskl takes (temporal, spatial) pairs, MMAction2 one argument per axis.
_STEM_STRIDES = ('conv1_stride', 'pool1_stride')


def resnet3d_args(kwargs):
    """``kwargs`` of the host's ``ResNet3d`` family with the stem strides in the host's own names.

    Accepts either host's form: pyskl's ``conv1_stride=(t, s)`` / ``pool1_stride=(t, s)`` or MMAction2's
    ``conv1_stride_t`` / ``conv1_stride_s`` (and ``pool1_*``). Where both forms are given (a config that
    inherits one host's PoseC3D config and sets the other form), the pair wins: it is what our configs write.

    Args:
        kwargs (dict): Backbone arguments.

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
        if HOST == 'pyskl':
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


def posec3d_config(benchmark):
    """Path of the host's PoseC3D joint-heatmap config for ``benchmark`` (e.g. ``'ntu60_xsub'``).

    pyskl's tree is found from ``PYSKL_ROOT``, else from the installed package's location; MMAction2's
    configs ship inside its package.
    """
    if HOST == 'pyskl':
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
