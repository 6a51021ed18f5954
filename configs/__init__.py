"""The plugin's configs, installed with the package as ``keypoint_plugin.configs``."""
import os.path as osp

CONFIG_ROOT = osp.dirname(osp.abspath(__file__))


def config_path(name):
    """Absolute path of a bundled config, e.g. ``config_path('raw_kp/ntu60_xsub.py')``."""
    path = osp.join(CONFIG_ROOT, name)
    if not osp.isfile(path):
        raise FileNotFoundError(f'no bundled config {name!r} under {CONFIG_ROOT}')
    return path


def stream_data(name, feats):
    """The ``data`` settings of bundled raw-keypoint config ``name`` with every PackRawKeypoint step packing
    ``feats`` instead: a stream config inherits ``name``, sets ``data = stream_data(name, feats)`` and the
    backbone's ``in_channels`` to match.

    Config files replace lists whole, so a stream that changes one step of each pipeline would otherwise
    repeat all three pipelines.

    Args:
        name (str): Bundled config, e.g. ``'raw_kp/penn_action.py'``.
        feats (Sequence[str]): PackRawKeypoint features, e.g. ``('bone', )``.
    """
    from mmcv import Config  # configs load inside mmcv; importing it here keeps this package light

    data = Config.fromfile(config_path(name)).data.to_dict()
    train = data['train'].get('dataset', data['train'])
    pipelines = dict(train=train['pipeline'], val=data['val']['pipeline'], test=data['test']['pipeline'])
    packs = [step for pipeline in pipelines.values() for step in pipeline if step['type'] == 'PackRawKeypoint']
    if len(packs) != len(pipelines):
        raise ValueError(f'{name}: expected one PackRawKeypoint step in each of the train, val and test pipelines')
    for step in packs:
        step['feats'] = tuple(feats)
    train_override = dict(pipeline=pipelines['train'])
    return dict(train=dict(dataset=train_override) if 'dataset' in data['train'] else train_override,
                val=dict(pipeline=pipelines['val']), test=dict(pipeline=pipelines['test']))
