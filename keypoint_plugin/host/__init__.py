"""The host bridge, the bottom layer: picks the host toolbox and hands on its registries, builders, config class,
file I/O and config tree. It imports nothing of the plugin above it.

Three hosts in two families:

- ``mmcv1`` (:mod:`.mmcv1`): pyskl and MMAction2 0.x, on mmcv 1.x registries and runner.
- ``mmengine`` (:mod:`.mmengine`): MMAction2 1.x, on mmengine and mmcv 2.x.

The host is pyskl when importable, else the installed MMAction2 (0.x or 1.x by its version);
``KEYPOINT_PLUGIN_HOST=pyskl|mmaction|mmaction1x`` forces one. Shared code takes the registries, builders and
file I/O from here, so one implementation of each transform and model serves every host. What only one family
has lives in the layers above, in a folder per family: its components (dataset, recognizer, metric:
:mod:`keypoint_plugin.adapters`) and its runner code (training, testing, a model run outside the runner:
:mod:`keypoint_plugin.runners`).
"""
import importlib
import importlib.util
import os
import warnings

from . import compat

HOSTS = ('pyskl', 'mmaction', 'mmaction1x')
FAMILIES = dict(pyskl='mmcv1', mmaction='mmcv1', mmaction1x='mmengine')


def _mmaction_host():
    """'mmaction' or 'mmaction1x', by the installed MMAction2's major version (ImportError if absent)."""
    import mmaction
    return 'mmaction' if mmaction.__version__.startswith('0.') else 'mmaction1x'


def _pick_host():
    forced = os.environ.get('KEYPOINT_PLUGIN_HOST')
    if forced and forced not in HOSTS:
        raise ValueError(f'KEYPOINT_PLUGIN_HOST={forced!r}: expected one of {HOSTS}')
    errors = {}
    for name in ([forced] if forced else ('pyskl', 'mmaction')):
        try:
            host = name if name == 'pyskl' else _mmaction_host()
            if forced and host != forced:
                raise ImportError(f'the installed MMAction2 is {host!r}, not {forced!r}')
            family = importlib.import_module(f'.{FAMILIES[host]}', __name__)
            return host, family.import_host(host)
        except ImportError as err:
            errors[name] = err
            if not forced and name == 'pyskl' and importlib.util.find_spec('pyskl') is not None:
                # Installed but broken (often a missing `requests` or `fvcore`): falling back quietly would
                # leave the user believing pyskl is the host.
                warnings.warn(f'keypoint_plugin: pyskl is installed but does not import ({err!r}); using '
                              'MMAction2 as the host instead. Fix the import, or set '
                              'KEYPOINT_PLUGIN_HOST=mmaction to silence this.', RuntimeWarning, stacklevel=2)
    tried = '; '.join(f'{name}: {err}' for name, err in errors.items())
    raise ImportError('keypoint_plugin needs a host toolbox: pyskl (install it from its source tree), MMAction2 '
                      '0.x (pip install mmaction2==0.24.1) or MMAction2 1.x (KEYPOINT_PLUGIN_STACK=mmaction1x bash '
                      f'tools/setup_env.sh). None imports ({tried}).')


HOST, _api = _pick_host()
FAMILY = FAMILIES[HOST]

# Registries. Every host aliases backbones, heads, recognizers and losses to one MODELS registry.
PIPELINES = _api['PIPELINES']
DATASETS = _api['DATASETS']
MODELS = BACKBONES = HEADS = RECOGNIZERS = _api['MODELS']
METRICS = _api['METRICS']  # mmengine only (mmcv 1.x hosts evaluate in the dataset): None there
# Builders, base classes and utilities.
build_dataset = _api['build_dataset']
build_model = _api['build_model']
Compose = _api['Compose']
PoseDataset = _api['PoseDataset']
RepeatDataset = _api['RepeatDataset']
Config = _api['Config']
DictAction = _api['DictAction']  # argparse action of --cfg-options
load = _api['load']
dump = _api['dump']
print_log = _api['print_log']



def resnet3d_args(kwargs):
    """``kwargs`` of the host's ``ResNet3d`` family, stem strides in either host's form, renamed for this host."""
    return _api['resnet3d_args'](kwargs)


def host_config(model, benchmark):
    """Path of the host's own ``model`` config for ``benchmark`` (e.g. ``'ntu60_xsub'``): ``'posec3d'`` (PoseC3D
    SlowOnly-R50 on joint heatmaps, the base of the mmcv 1.x heatmap configs) or ``'stgcn'`` (ST-GCN on 2D keypoints,
    the benchmark's graph baseline). The one lookup of the host's config tree; each family names its files.

    Raises:
        FileNotFoundError: The host ships no such config (the message says where it looked).
    """
    root, names, hint = _api['config_tree']()
    if model not in names:
        raise KeyError(f'unknown host config {model!r}; known: {sorted(names)}')
    path = os.path.join(root, names[model].format(benchmark=benchmark, dataset=benchmark.split('_')[0]))
    if not os.path.isfile(path):
        raise FileNotFoundError(f'{HOST}\'s {model} config for {benchmark!r} not found at {path}: {hint}')
    return path


def posec3d_config(benchmark):
    """:func:`host_config` of PoseC3D for ``benchmark``; the mmcv 1.x heatmap configs inherit it. (A plain function: a
    config keeps any other kind of name it imports.)"""
    return host_config('posec3d', benchmark)


def gcn_config(benchmark):
    """:func:`host_config` of the host's own joint-stream GCN for ``benchmark`` (``'ntu60_xsub'``, 2D, or
    ``'ntu60_xsub_3d'``): pyskl's ST-GCN++, MMAction2 0.x's ST-GCN (it has no ST-GCN++), MMAction2 1.x's ST-GCN++;
    the ``configs/gcn`` configs inherit it."""
    if benchmark.endswith('_3d'):
        return host_config('gcn_3d', benchmark[:-len('_3d')])
    return host_config('gcn', benchmark)


# A context that builds the host's STGCN with a plugin layout's graph (graph.py); imported last: it reads FAMILY.
from .graph import layout_graph  # noqa: E402
