"""The host layer: the only code that imports a host toolbox.

Three hosts in two families:

- ``mmcv1`` (:mod:`.mmcv1`): pyskl and MMAction2 0.x, on mmcv 1.x registries and runner.
- ``mmengine`` (:mod:`.mmengine`): MMAction2 1.x, on mmengine and mmcv 2.x.

The host is pyskl when importable, else the installed MMAction2 (0.x or 1.x by its version);
``KEYPOINT_PLUGIN_HOST=pyskl|mmaction|mmaction1x`` forces one. Shared code takes the registries, builders and
file I/O from here, so one implementation of each transform and model serves every host; what only one family
has (its dataset, recognizer or metric adapters) lives in that family's folder.
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


# A built model outside the runner: load_checkpoint, collate, predict, build_loader, build_optimizer, train_step
# (mmcv1/runtime.py, mmengine/runtime.py).
runtime = importlib.import_module(f'.{FAMILY}.runtime', __name__)


def resnet3d_args(kwargs):
    """``kwargs`` of the host's ``ResNet3d`` family, stem strides in either host's form, renamed for this host."""
    return _api['resnet3d_args'](kwargs)


def posec3d_config(benchmark):
    """Path of the host's PoseC3D joint-heatmap config for ``benchmark`` (e.g. ``'ntu60_xsub'``); the mmcv 1.x
    heatmap configs inherit it. (A plain function: a config keeps any other kind of name it imports.)"""
    return _api['posec3d_config'](benchmark)


def gcn_config(benchmark):
    """Path of the host's own joint-stream GCN config for ``benchmark`` (``'ntu60_xsub'`` or ``'ntu60_xsub_3d'``):
    pyskl's ST-GCN++, MMAction2 0.x's ST-GCN, MMAction2 1.x's ST-GCN++; the ``configs/gcn`` configs inherit it."""
    return _api['gcn_config'](benchmark)


# layout_graph(backbone_class, layout, graph_cfg): a context that builds the host's STGCN with a plugin layout's
# graph (mmcv1/graph.py, mmengine/graph.py).
layout_graph = importlib.import_module(f'.{FAMILY}.graph', __name__).layout_graph


def import_adapters():
    """Register the host family's own components (dataset, recognizer, metric) beside the shared ones."""
    for name in importlib.import_module(f'.{FAMILY}', __name__).ADAPTERS:
        importlib.import_module(f'.{FAMILY}.{name}', __name__)
