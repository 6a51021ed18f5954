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


def family_config_path(name):
    """:func:`config_path` of the installed host's config family: ``configs/<name>`` on the mmcv 1.x hosts,
    ``configs/mmaction1x/<name>`` on MMAction2 1.x (e.g. ``'raw_kp/penn_action.py'``)."""
    from .host import FAMILY

    return config_path(osp.join('mmaction1x', name) if FAMILY == 'mmengine' else name)


def stream_data(base, feats, num_person=None):
    """The ``data`` settings of raw-keypoint config ``base`` with every PackRawKeypoint step packing ``feats``
    instead: a stream config inherits ``base``, sets ``data = stream_data(base, feats)`` and the backbone's
    ``in_channels`` to match.

    Config files replace lists whole, so a stream that changes one step of each pipeline would otherwise
    repeat all three pipelines.

    Args:
        base (str): Path of the raw-keypoint config; a stream config passes its sibling as
            ``'{{ fileDirname }}/penn_action.py'`` (mmcv fills in the config's own folder).
        feats (Sequence[str]): PackRawKeypoint features, e.g. ``('bone', )``.
        num_person (int, optional): Persons packed, where not the base's (the model's cost grows with them).
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
        if num_person is not None:
            step['num_person'] = num_person
    train_override = dict(pipeline=pipelines['train'])
    return dict(train=dict(dataset=train_override) if 'dataset' in data['train'] else train_override,
                val=dict(pipeline=pipelines['val']), test=dict(pipeline=pipelines['test']))


def _edited_pipelines(base, edit):
    """Config ``base`` (either config family), loaded, and its train, val and test pipelines as plain
    lists with ``edit(split, pipeline)`` applied in place to each."""
    from .host import Config

    cfg = Config.fromfile(base)
    pipelines = {split: dataset_config(cfg, split)[1].to_dict()['pipeline'] for split in ('train', 'val', 'test')}
    for split, pipeline in pipelines.items():
        edit(split, pipeline)
    return cfg, pipelines


def _edited_data(base, edit, datasets):
    """The ``data`` settings of mmcv 1.x config ``base`` with ``edit(split, pipeline)`` applied to
    each pipeline, and ``datasets[split]`` (settings such as ``ann_file``) beside each pipeline."""
    cfg, pipelines = _edited_pipelines(base, edit)
    splits = {split: dict(datasets.get(split, {}), pipeline=pipeline) for split, pipeline in pipelines.items()}
    return dict(splits, train=dict(dataset=splits['train']) if 'dataset' in cfg.data.train else splits['train'])


def _step_index(base, split, pipeline, types):
    found = [index for index, step in enumerate(pipeline) if step['type'] in types]
    if len(found) != 1:
        raise ValueError(f'{base}: expected one step of {types} in the {split} pipeline, found {len(found)}')
    return found[0]


def _insert_bone(base):
    """The edit that makes a joint stream's pipeline a bone stream's: ``LayoutJointToBone`` after ``PoseDecode``."""
    def insert_bone(split, pipeline):
        decode = _step_index(base, split, pipeline, ('PoseDecode', ))
        pipeline.insert(decode + 1, dict(type='LayoutJointToBone'))  # layout and dims: the config's

    return insert_bone


def bone_data(base, **datasets):
    """The ``data`` settings of graph-network config ``base`` (``configs/gcn``) with a ``LayoutJointToBone`` step
    after each pipeline's ``PoseDecode``: its bone stream. A bone config inherits ``base`` and sets
    ``data = bone_data(base)``, as the raw-keypoint stream configs use :func:`stream_data` (config files replace
    lists whole).

    Args:
        base (str): Path of the joint-stream config, e.g. ``'{{ fileDirname }}/penn_action.py'``.
        **datasets: ``train``, ``val``, ``test``: settings of that split's dataset (e.g. ``ann_file``).
    """
    return _edited_data(base, _insert_bone(base), datasets)


def _edited_loaders(base, edit):
    """The train, val and test loader settings of MMAction2 1.x config ``base`` with ``edit(split, pipeline)``
    applied to each pipeline, each pipeline inside its dataset's repeat wrappers (``dataset=dict(dataset=...)``)."""
    cfg, pipelines = _edited_pipelines(base, edit)
    loaders = []
    for split, pipeline in pipelines.items():
        setting = dict(pipeline=pipeline)
        for _ in dataset_config(cfg, split)[0].split('.')[1:]:  # '<split>_dataloader.dataset[.dataset...]'
            setting = dict(dataset=setting)
        loaders.append(setting)
    return tuple(loaders)


def bone_loaders(base):
    """:func:`bone_data` for the MMAction2 1.x configs (``configs/mmaction1x/gcn``), whose pipelines sit in three
    loaders: the train, val and test loader settings of joint-stream config ``base`` with a ``LayoutJointToBone``
    step after each pipeline's ``PoseDecode``. A bone config inherits ``base`` and sets
    ``train_dataloader, val_dataloader, test_dataloader = bone_loaders(base)``.

    Args:
        base (str): Path of the joint-stream config, e.g. ``'{{ fileDirname }}/penn_action.py'``.

    Returns:
        tuple[dict]: The train, val and test loaders' settings (their pipelines, inside any repeat wrapper).
    """
    return _edited_loaders(base, _insert_bone(base))


def projected_data(base, angle=0., level=False, num_person=None, **datasets):
    """The ``data`` settings of 2D raw-keypoint config ``base`` (mmcv 1.x family) for 3D camera-space skeletons: a
    ``KeypointProject`` step after each pipeline's frame decoding. A projected stream's config inherits ``base``,
    sets ``dims = 3`` and ``data = projected_data(base, train=dict(ann_file=...), ...)``.

    Args:
        base (str): Path of the 2D config, e.g. ``'{{ fileDirname }}/nw_ucla_2d.py'``.
        angle (float): ``KeypointProject``'s largest turn of the camera about the person in the training pipeline
            (radians); validation and test see the recorded camera. Default: 0.
        level (bool): ``KeypointProject``'s ``level`` in every pipeline: a level camera at the person's height.
            Default: False.
        num_person (int, optional): Persons packed, where not the base's (the model's cost grows with them).
        **datasets: ``train``, ``val``, ``test``: settings of that split's dataset (e.g. ``ann_file``).
    """
    def insert_projection(split, pipeline):
        decode = _step_index(base, split, pipeline, ('KeypointDecode', 'PoseDecode'))
        step = dict(type='KeypointProject', angle=angle) if split == 'train' else dict(type='KeypointProject')
        pipeline.insert(decode + 1, dict(step, level=True) if level else step)
        if num_person is not None:
            pipeline[_step_index(base, split, pipeline, ('PackRawKeypoint', ))]['num_person'] = num_person

    return _edited_data(base, insert_projection, datasets)


# The hosts' frame samplers in their GCN configs: MMAction2 0.x's loops the first frames up to a fixed length.
_GCN_SAMPLERS = ('PaddingWithLoop', 'UniformSample', 'UniformSampleFrames')


def _resample(base, clip_len):
    """The edit that makes each pipeline's frame sampler the host's ``UniformSampleFrames`` with ``clip_len``."""
    def resample(split, pipeline):
        index = _step_index(base, split, pipeline, _GCN_SAMPLERS)
        step = pipeline[index]
        if step['type'] == 'UniformSampleFrames':  # the host's own (MMAction2 1.x): only the length changes
            pipeline[index] = dict(step, clip_len=clip_len)
        else:  # its number of clips kept, in test mode outside training
            pipeline[index] = dict(type='UniformSampleFrames', clip_len=clip_len,
                                   num_clips=step.get('num_clips', 1), test_mode=split != 'train')

    return resample


def clip_data(base, clip_len, **datasets):
    """The ``data`` settings of graph-network config ``base`` with clips of ``clip_len`` frames: each pipeline's
    frame sampler becomes the host's ``UniformSampleFrames`` (every host has it) with ``clip_len``, its number of
    clips kept, in test mode outside training (a ``UniformSampleFrames`` already there keeps its other settings).

    Args:
        base (str): Path of the config, e.g. ``'{{ fileDirname }}/../_base_/gcn.py'``.
        clip_len (int): Frames per clip.
        **datasets: ``train``, ``val``, ``test``: settings of that split's dataset (e.g. ``ann_file``).
    """
    return _edited_data(base, _resample(base, clip_len), datasets)


def clip_pipelines(base, clip_len):
    """:func:`clip_data` for the MMAction2 1.x configs (``configs/mmaction1x/gcn``): the train, val and test
    pipelines of graph-network config ``base`` with clips of ``clip_len`` frames. A config inherits ``base``, sets
    ``train_pipeline, val_pipeline, test_pipeline = clip_pipelines(base, clip_len)`` and gives each loader its
    pipeline.

    Args:
        base (str): Path of the config, e.g. ``'{{ fileDirname }}/../_base_/gcn.py'``.
        clip_len (int): Frames per clip.

    Returns:
        tuple[list[dict]]: The train, val and test pipelines.
    """
    return tuple(_edited_pipelines(base, _resample(base, clip_len))[1].values())


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


def dataset_config(cfg, split, unwrap=True):
    """Where a config's ``split`` ('train', 'val' or 'test') dataset is and its settings, in either config family:
    ``data.<split>`` in mmcv 1.x configs, ``<split>_dataloader.dataset`` in MMAction2 1.x configs.

    Args:
        cfg (Config): A recognizer config.
        split (str): 'train', 'val' or 'test'.
        unwrap (bool): Return the dataset inside repeat wrappers (``dataset=...``). Default: True.

    Returns:
        tuple[str, ConfigDict]: The dotted ``--cfg-options`` prefix of the returned dataset and its settings.

    Raises:
        KeyError: The config has no ``split`` dataset.
    """
    if cfg.get('data', {}).get(split):
        where, dataset = f'data.{split}', cfg.data[split]
    elif cfg.get(f'{split}_dataloader', {}).get('dataset'):
        where, dataset = f'{split}_dataloader.dataset', cfg[f'{split}_dataloader']['dataset']
    else:
        raise KeyError(f'config {getattr(cfg, "filename", "")} has no {split} dataset (data.{split} or '
                       f'{split}_dataloader.dataset)')
    while unwrap and 'dataset' in dataset:
        where, dataset = f'{where}.dataset', dataset['dataset']
    return where, dataset


def split_pipeline(cfg, split):
    """The pipeline list of the ``split`` dataset, in either config family (inside any repeat wrapper)."""
    return dataset_config(cfg, split)[1].pipeline


def model_input_key(pipeline):
    """The key the model reads: MMAction2 1.x's ``PackActionInputs`` writes ``inputs``; in mmcv 1.x pipelines the
    first non-label key ``Collect`` keeps."""
    if pipeline[-1]['type'] == 'PackActionInputs':
        return 'inputs'
    collect = next(step for step in pipeline if step['type'] == 'Collect')
    return next(key for key in collect['keys'] if key != 'label')


def loader_settings(cfg, split):
    """The ``split`` loader's settings in either config family, under one set of names; the one place they are read.

    mmcv 1.x configs: ``data.videos_per_gpu`` and ``data.persistent_workers`` (training only; validation and testing
    take one sample per batch, as pyskl's tools do) and ``data.workers_per_gpu``, each overridden by
    ``data.<split>_dataloader``, whose other keys are kept (DataLoader arguments). MMAction2 1.x configs:
    ``<split>_dataloader``.

    Returns:
        dict: ``batch_size``, ``workers``, ``prefetch_factor`` (None when not set), ``persistent_workers`` and, in mmcv
        1.x configs, the further ``data.<split>_dataloader`` keys.
    """
    if cfg.get('data'):
        data, train = cfg.data, split == 'train'
        settings = dict(batch_size=data.get('videos_per_gpu', 1) if train else 1,
                        workers=data.get('workers_per_gpu', 0), prefetch_factor=None,
                        persistent_workers=data.get('persistent_workers', False) and train)
        for key, value in data.get(f'{split}_dataloader', {}).items():
            settings[dict(videos_per_gpu='batch_size', workers_per_gpu='workers').get(key, key)] = value
        return settings
    loader = cfg[f'{split}_dataloader']
    return dict(batch_size=loader.batch_size, workers=loader.get('num_workers', 0),
                prefetch_factor=loader.get('prefetch_factor'),
                persistent_workers=loader.get('persistent_workers', False))


def _datasets(cfg):
    """(where, dataset config) of a config's train, val and test sets, inside any repeat wrappers."""
    for split in ('train', 'val', 'test'):
        try:
            yield dataset_config(cfg, split)
        except KeyError:
            continue


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
      samples must have its joint count) and the backbone's ``num_joints`` or ``layout`` (LayoutSTGCN).
    - ``dims`` (top level; 2 or 3): every ``KeypointPoseDataset`` (coordinates per joint) and plugin pipeline
      step that takes ``dims`` (LayoutJointToBone).
    - ``model.cls_head.num_classes``: every ``KeypointPoseDataset`` (labels must lie below it).
    - ``device_pipeline``: see :func:`device_pipeline`.

    A place that already names a different value is an error: the setting is given once. The hosts' own tools
    (pyskl's, MMAction2's) do not call this; there, the pipeline steps and the model use their defaults
    (COCO-17) unless the config names them.
    """
    from .host import MODELS, PIPELINES
    from .layouts import get_layout

    layout, dims = cfg.get('layout'), cfg.get('dims')
    num_classes = cfg.get('model', {}).get('cls_head', {}).get('num_classes')
    for where, dataset in _datasets(cfg):
        if dataset.get('type') != 'KeypointPoseDataset':
            continue
        _agree(where, dataset, 'num_classes', num_classes, 'model.cls_head.num_classes')
        _agree(where, dataset, 'layout', layout, 'layout')
        _agree(where, dataset, 'dims', dims, 'dims')
        for index, step in enumerate(dataset.get('pipeline', [])):
            transform = PIPELINES.get(step['type'])
            parameters = inspect.signature(transform).parameters if transform is not None else {}
            for key, value in (('layout', layout), ('dims', dims)):
                if key in parameters:
                    _agree(f'{where}.pipeline.{index} ({step["type"]})', step, key, value, key)
    backbone = cfg.get('model', {}).get('backbone', {})
    backbone_type = MODELS.get(backbone.get('type', ''))
    parameters = inspect.signature(backbone_type).parameters if backbone_type else {}
    if layout is not None and 'num_joints' in parameters:
        _agree('model.backbone', backbone, 'num_joints', get_layout(layout).num_joints, 'layout')
    if 'layout' in parameters:
        _agree('model.backbone', backbone, 'layout', layout, 'layout')
    if cfg.get('device_pipeline') and not batch_pipeline(cfg):  # not yet split (a dumped config is)
        device_pipeline(cfg)
    return cfg


def device_pipeline(cfg):
    """Move a raw-keypoint config's flip, normalization, augmentation and packing from the loader to the model's
    device, batched, in place: what ``device_pipeline = True`` (or ``dict(max_person=K)``) asks for.

    The training and test pipelines keep their per-sample start (sampling, decoding) and end with
    ``PadKeypointPersons`` (``max_person`` persons, default the ``PackRawKeypoint``'s ``num_person``); the rest
    becomes the ``train`` and ``test`` steps of the model's batched pipeline, which compute the same as the
    per-sample steps (``keypoint_plugin.pipelines.device_pipeline``): ``model.batch_pipeline`` of the mmcv 1.x hosts'
    ``RawKeypointRecognizer``, or on MMAction2 1.x the model's ``data_preprocessor``, which becomes a
    ``RawKeypointDataPreprocessor`` with the same arguments (the host's default ``ActionDataPreprocessor`` when the
    config names none). Validation keeps its per-sample pipeline: it runs once per evaluation, and the model takes
    packed batches as before. A step without a batched form is an error naming it.
    """
    from .host import FAMILY
    from .pipelines.device_pipeline import split_device_pipeline

    setting = cfg.device_pipeline
    options = dict(setting) if isinstance(setting, dict) else {}
    unknown = set(options) - {'max_person'}
    if unknown:
        raise ValueError(f'device_pipeline: True or dict(max_person=...), got unknown keys {sorted(unknown)}')
    one_x = FAMILY == 'mmengine'
    if not one_x and cfg.model.get('type') != 'RawKeypointRecognizer':
        raise ValueError(f"device_pipeline needs model.type='RawKeypointRecognizer', got {cfg.model.get('type')!r}")
    steps = {}
    for split in ('train', 'test'):
        where, dataset = dataset_config(cfg, split)
        dataset.pipeline, steps[split] = split_device_pipeline(dataset.pipeline, f'{where}.pipeline',
                                                               options.get('max_person'))
    if one_x:
        preprocessor = {key: value for key, value in (cfg.model.get('data_preprocessor') or {}).items()
                        if key != 'type'}
        cfg.model.data_preprocessor = dict(preprocessor, type='RawKeypointDataPreprocessor', batch_pipeline=steps)
    else:
        cfg.model.batch_pipeline = steps


def batch_pipeline(cfg):
    """The model's batched ``train`` and ``test`` steps that :func:`device_pipeline` wrote into ``cfg`` (either
    config family), or None."""
    model = cfg.get('model', {})
    return model.get('batch_pipeline') or (model.get('data_preprocessor') or {}).get('batch_pipeline')


def scale_lr(cfg, world_size):
    """Scale ``optimizer.lr`` linearly to the run's total training batch when ``auto_scale_lr.enable``, in place.

    As MMDetection 2.x's ``auto_scale_lr = dict(enable=..., base_batch_size=...)``: ``base_batch_size`` is the
    total batch (processes x clips per process) that the config's learning rate was chosen for, and the run's
    total is ``world_size`` x the training loader's ``videos_per_gpu``.

    Args:
        cfg (mmcv.Config): The config.
        world_size (int): Training processes (GPUs).

    Returns:
        dict | None: ``base_batch_size``, ``batch_size``, ``base_lr``, ``lr`` when scaled, else None.
    """
    setting = cfg.get('auto_scale_lr') or {}
    if not setting.get('enable', False):
        return None
    if not setting.get('base_batch_size'):
        raise ValueError('auto_scale_lr.enable needs auto_scale_lr.base_batch_size: the total batch the config\'s '
                         'optimizer.lr was chosen for')
    batch = world_size * loader_settings(cfg, 'train')['batch_size']
    base_lr = cfg.optimizer.lr
    cfg.optimizer.lr = base_lr * batch / setting['base_batch_size']
    return dict(base_batch_size=setting['base_batch_size'], batch_size=batch, base_lr=base_lr, lr=cfg.optimizer.lr)
