"""Where the bundled configs are, what the stream configs compute from their base, and the settings a config
gives in one place (``layout``, ``dims``, the class count) spread to where they are used.

Importable from an installed package and from a source checkout on ``PYTHONPATH`` alike (the way pyskl's own
scripts are often run), so config files may import it.
"""
import inspect
import os.path as osp

_PACKAGE = osp.dirname(osp.abspath(__file__))
# Installed: setup.py ships configs/ as keypoint_plugin/configs. Source checkout or editable install: the
# repository's configs/ beside the package.
CONFIG_ROOT = next((path for path in (osp.join(_PACKAGE, 'configs'), osp.join(osp.dirname(_PACKAGE), 'configs'))
                    if osp.isdir(path)), osp.join(_PACKAGE, 'configs'))


def config_path(name):
    """Absolute path of a bundled config, e.g. ``config_path('raw_kp/ntu60_xsub.py')``."""
    path = osp.join(CONFIG_ROOT, name)
    if not osp.isfile(path):
        raise FileNotFoundError(f'no bundled config {name!r} under {CONFIG_ROOT}')
    return path


def stream_data(base, feats):
    """The ``data`` settings of raw-keypoint config ``base`` with every PackRawKeypoint step packing ``feats``
    instead: a stream config inherits ``base``, sets ``data = stream_data(base, feats)`` and the backbone's
    ``in_channels`` to match.

    Config files replace lists whole, so a stream that changes one step of each pipeline would otherwise
    repeat all three pipelines.

    Args:
        base (str): Path of the raw-keypoint config; a stream config passes its sibling as
            ``'{{ fileDirname }}/penn_action.py'`` (mmcv fills in the config's own folder).
        feats (Sequence[str]): PackRawKeypoint features, e.g. ``('bone', )``.
    """
    from .host import Config  # configs load inside the host; importing it here keeps this module light

    data = Config.fromfile(base).data.to_dict()
    train = data['train'].get('dataset', data['train'])
    pipelines = dict(train=train['pipeline'], val=data['val']['pipeline'], test=data['test']['pipeline'])
    packs = [step for pipeline in pipelines.values() for step in pipeline if step['type'] == 'PackRawKeypoint']
    if len(packs) != len(pipelines):
        raise ValueError(f'{base}: expected one PackRawKeypoint step in each of the train, val and test pipelines')
    for step in packs:
        step['feats'] = tuple(feats)
    train_override = dict(pipeline=pipelines['train'])
    return dict(train=dict(dataset=train_override) if 'dataset' in data['train'] else train_override,
                val=dict(pipeline=pipelines['val']), test=dict(pipeline=pipelines['test']))


def load_config(path, options=None):
    """A config file as this plugin's tools read it: ``--cfg-options`` merged, then :func:`apply_settings`.

    Args:
        path (str): Config file.
        options (dict | None): ``--cfg-options`` (the DictAction form of mmcv / mmengine). Default: None.
    """
    from .host import Config

    cfg = Config.fromfile(path)
    cfg.merge_from_dict(options or {})
    return apply_settings(cfg)


def _datasets(cfg):
    """(where, dataset config) of a config's train, val and test sets: ``data.<split>`` in mmcv 1.x configs,
    ``<split>_dataloader.dataset`` in MMAction2 1.x configs."""
    for split in ('train', 'val', 'test'):
        if cfg.get('data', {}).get(split):
            yield f'data.{split}', cfg.data[split]
        elif cfg.get(f'{split}_dataloader', {}).get('dataset'):
            yield f'{split}_dataloader.dataset', cfg[f'{split}_dataloader']['dataset']


def _agree(where, owner, key, value, setting):
    if value is None:
        return
    if key in owner and owner[key] != value:
        raise ValueError(f'{where}.{key}={owner[key]!r}, but the config\'s {setting} gives {value!r}: set it in '
                         f'one place, the config\'s {setting}')
    owner[key] = value


def apply_settings(cfg):
    """Spread a config's one-place settings, in place, and return it.

    - ``layout`` (top level; a layout name or a dict with ``parents``, ``left``, ``right``, ``center``,
      ``upper``): every plugin pipeline step that takes a ``layout``, every ``KeypointPoseDataset`` (whose
      samples must have its joint count) and the backbone's ``num_joints``.
    - ``dims`` (top level; 2 or 3): every ``KeypointPoseDataset`` (coordinates per joint).
    - ``model.cls_head.num_classes``: every ``KeypointPoseDataset`` (labels must lie below it).

    A place that already names a different value is an error: the setting is given once. The hosts' own tools
    (pyskl's, MMAction2's) do not call this; there, the pipeline steps and the model use their defaults
    (COCO-17) unless the config names them.
    """
    from .host import MODELS, PIPELINES
    from .layouts import get_layout

    layout, dims = cfg.get('layout'), cfg.get('dims')
    num_classes = cfg.get('model', {}).get('cls_head', {}).get('num_classes')
    for where, dataset in _datasets(cfg):
        dataset = dataset.get('dataset', dataset)  # inside a repeat wrapper
        if dataset.get('type') != 'KeypointPoseDataset':
            continue
        _agree(where, dataset, 'num_classes', num_classes, 'model.cls_head.num_classes')
        _agree(where, dataset, 'layout', layout, 'layout')
        _agree(where, dataset, 'dims', dims, 'dims')
        for index, step in enumerate(dataset.get('pipeline', [])):
            transform = PIPELINES.get(step['type'])
            if transform is not None and 'layout' in inspect.signature(transform).parameters:
                _agree(f'{where}.pipeline.{index} ({step["type"]})', step, 'layout', layout, 'layout')
    backbone = cfg.get('model', {}).get('backbone', {})
    backbone_type = MODELS.get(backbone.get('type', ''))
    if layout is not None and backbone_type and 'num_joints' in inspect.signature(backbone_type).parameters:
        _agree('model.backbone', backbone, 'num_joints', get_layout(layout).num_joints, 'layout')
    return cfg
