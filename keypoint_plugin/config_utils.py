"""Where the bundled configs are, and what the stream configs compute from their base.

Importable from an installed package and from a source checkout on ``PYTHONPATH`` alike (the way pyskl's own
scripts are often run), so config files may import it.
"""
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
    from mmcv import Config  # configs load inside mmcv; importing it here keeps this module light

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
