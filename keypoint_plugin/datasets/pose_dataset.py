"""KeypointPoseDataset: the host's PoseDataset with class names and the plugin's evaluation metrics."""
import logging
import os.path as osp
import warnings
from collections import OrderedDict

import mmcv
import numpy as np
from mmcv.utils import print_log

from ..evaluation.metrics import SCALAR_METRICS, classification_metrics
from ..evaluation.report import confusion_table, per_class_table
from ..host import DATASETS, PoseDataset
from ..layouts import get_layout
from .validation import not_in_pixels, sanitize_and_check

# Metrics the host computes itself; kept with the host's numbers so existing configs report as before.
# Note the host's mean_class_accuracy also averages in classes that are predicted but absent from the
# test set (as 0); ours (recall_macro, and the reports' mean_class_accuracy) averages present classes only.
HOST_METRICS = ('top_k_accuracy', 'mean_class_accuracy', 'mean_average_precision')
# Metrics that log a table instead of returning a scalar.
TABLE_METRICS = ('per_class', 'confusion_matrix')
PLUGIN_METRICS = tuple(name for name in SCALAR_METRICS if name not in HOST_METRICS) + TABLE_METRICS
METRICS = HOST_METRICS + PLUGIN_METRICS


def load_pose_annotations(ann_file, split=None, data_prefix=None, missing_ids='error'):
    """Read a pyskl annotation pickle once: the samples of a split and the top-level class names.

    Args:
        ann_file (str): Annotation file, a dict with ``annotations``, ``split`` and optionally ``classes``
            (or a plain list of samples).
        split (str | None): Split whose samples to keep, in annotation order. Default: None (all samples).
        data_prefix (str | None): Joined in front of each sample's ``frame_dir``/``filename``, as the host
            does. Default: None.
        missing_ids (str): Split ids that match no sample: 'error' (default) or 'warn'.

    Returns:
        tuple[list[dict], list[str] | None]: The samples and the class names (None without ``classes``).
    """
    data = mmcv.load(ann_file)
    if isinstance(data, dict):
        if 'annotations' not in data:
            raise KeyError(f'{ann_file} has no "annotations" (keys: {sorted(data)})')
        annotations, classes = data['annotations'], data.get('classes')
        if split:
            splits = data.get('split', {})
            if split not in splits:
                raise KeyError(f'split {split!r} is not in {ann_file} (splits: {sorted(splits)})')
            members = set(splits[split])
            key = 'filename' if annotations and 'filename' in annotations[0] else 'frame_dir'
            annotations = [sample for sample in annotations if sample.get(key) in members]
            missing = members - {sample[key] for sample in annotations}
            if missing:
                message = (f'{ann_file}: {len(missing)} of the {len(members)} ids of split {split!r} match no '
                           f'annotation\'s {key!r}, e.g. {sorted(map(str, missing))[:5]}')
                if missing_ids == 'error':
                    raise ValueError(message)
                warnings.warn(message)
            if not annotations:
                raise ValueError(f'{ann_file}: split {split!r} has no samples')
    else:
        if split:
            raise ValueError(f'{ann_file} is a plain list of samples, it has no split {split!r}')
        annotations, classes = data, None
    if data_prefix:
        for sample in annotations:
            for key in {'frame_dir', 'filename'}.intersection(sample):
                sample[key] = osp.join(data_prefix, sample[key])
    return annotations, None if classes is None else [str(name) for name in classes]


def config_test_labels(config):
    """True labels and class names of a config's test set, in test order, without building the dataset.

    Args:
        config (str | mmcv.Config): Config (path) whose ``data.test`` has ``ann_file`` and ``split``.

    Returns:
        tuple[np.ndarray, list[str] | None]: Labels [N] and the annotation file's class names, if any.
    """
    cfg = config if isinstance(config, mmcv.Config) else mmcv.Config.fromfile(config)
    test = cfg.get('data', {}).get('test', {})
    if 'ann_file' not in test:
        raise KeyError(f'config {getattr(cfg, "filename", config)} has no data.test.ann_file')
    annotations, classes = load_pose_annotations(test['ann_file'], test.get('split'))
    return np.array([sample['label'] for sample in annotations], dtype=np.int64), classes


@DATASETS.register_module()
class KeypointPoseDataset(PoseDataset):
    """The host's PoseDataset, keeping the pickle's class names and evaluating the plugin's metrics.

    ``evaluate`` accepts the host's metric names and the plugin's: ``top1``, ``top5``, ``precision_macro``,
    ``recall_macro``, ``f1_macro``, ``precision_weighted``, ``recall_weighted``, ``f1_weighted`` (returned as
    floats, so EvalHook can keep e.g. ``save_best='f1_macro', rule='greater'``) and ``per_class``,
    ``confusion_matrix`` (logged as tables).

    Annotations are checked when they load (:func:`~keypoint_plugin.datasets.validation.sanitize_and_check`):
    shapes, frame counts, labels against the class count, scores and ``img_shape`` for 2D, joint count and
    dimension against the config; non-finite joints become missing joints.

    Args:
        ann_file (str): Annotation pickle; its top-level ``classes`` list, if any, becomes ``class_names``.
        pipeline (list[dict | callable]): Data transforms.
        layout (str | dict | None): Joint layout the samples must have (its joint count). Default: None.
        dims (int | None): Coordinates per joint the samples must have (2 or 3). Default: None.
        bad_samples (str): 'error' (default): unusable samples are an error listing the first few;
            'skip': they are left out, each logged with its problems.
        **kwargs: The host PoseDataset's arguments (``split``, ``data_prefix``, ``test_mode``,
            ``num_classes``: labels must be below it; default: the length of the pickle's ``classes``).
    """

    def __init__(self, ann_file, pipeline, layout=None, dims=None, bad_samples='error', **kwargs):
        if bad_samples not in ('error', 'skip'):
            raise ValueError(f"bad_samples={bad_samples!r}: expected 'error' or 'skip'")
        self.num_joints = None if layout is None else get_layout(layout).num_joints
        self.dims, self.bad_samples = dims, bad_samples
        super().__init__(ann_file, pipeline, **kwargs)
        if not len(self):
            raise ValueError(f'{ann_file}, split {self.split!r}: no samples left (box_thr or valid_ratio?)')

    def load_annotations(self):
        """Load and check the split's samples; set ``class_names`` (None when the pickle has no ``classes``)."""
        annotations, self.class_names = load_pose_annotations(
            self.ann_file, self.split, self.data_prefix, missing_ids='warn' if self.bad_samples == 'skip' else 'error')
        num_classes = self.num_classes or (len(self.class_names) if self.class_names else None)
        bad = {}
        for index, sample in enumerate(annotations):
            problems = sanitize_and_check(sample, num_classes, self.num_joints, self.dims)
            if problems:
                bad[index] = f'sample {index} (frame_dir {sample.get("frame_dir")!r}): {"; ".join(problems)}'
        where = f'{self.ann_file} (split {self.split!r})'
        if bad and self.bad_samples == 'error':
            listed = '\n  '.join(list(bad.values())[:5])
            raise ValueError(f'{where}: {len(bad)} of {len(annotations)} samples are unusable:\n  {listed}'
                             f'{chr(10) + "  ..." if len(bad) > 5 else ""}\nFix them, or give the dataset '
                             "bad_samples='skip' to leave them out.")
        for problem in bad.values():
            print_log(f'{where}: skipping {problem}', logger='keypoint_plugin', level=logging.WARNING)
        annotations = [sample for index, sample in enumerate(annotations) if index not in bad]
        odd = [sample.get('frame_dir') for sample in annotations
               if sample['keypoint'].shape[-1] == 2 and not_in_pixels(sample)]
        if odd:
            warnings.warn(f'{where}: {len(odd)} samples have 2D joints that do not look like pixels of their '
                          f'img_shape (all within [-2, 2], or centred on 0), e.g. {odd[:3]}: the host\'s transforms '
                          '(crop, resize, flip) assume pixel coordinates in the image.')
        return annotations

    def evaluate(self, results, metrics='top_k_accuracy', metric_options=None, logger=None, **deprecated_kwargs):
        """Evaluate per-sample class scores.

        Args:
            results (list[np.ndarray]): One 1D score vector per sample, in dataset order.
            metrics (str | Sequence[str]): Host and plugin metric names. Default: 'top_k_accuracy'.
            metric_options (dict | None): Options of the host's metrics. Default: None (the host's defaults).
            logger (logging.Logger | None): Logger for the results. Default: None (print).
            **deprecated_kwargs: Passed to the host's evaluate.

        Returns:
            dict[str, float]: One entry per scalar metric (the host names ``top_k_accuracy`` as
            ``top1_acc``, ``top5_acc``).
        """
        host_kwargs = dict(deprecated_kwargs, logger=logger)
        if metric_options is not None:
            host_kwargs['metric_options'] = metric_options
        # pyskl evaluates multi-output models by calling back into this method once per output.
        if len(results) and isinstance(results[0], (list, tuple, dict)):
            return super().evaluate(results, metrics, **host_kwargs)
        metrics = [metrics] if isinstance(metrics, str) else list(metrics)
        unknown = [name for name in metrics if name not in METRICS]
        if unknown:
            raise KeyError(f'unknown metric(s) {unknown}; known metrics: {list(METRICS)}')
        if len(results) != len(self):
            raise ValueError(f'{len(results)} results for a dataset of {len(self)} samples')

        eval_results = OrderedDict()
        ours = None
        for name in metrics:
            if name in HOST_METRICS:
                eval_results.update(super().evaluate(results, [name], **host_kwargs))
                continue
            if ours is None:
                labels = [sample['label'] for sample in self.video_infos]
                ours = classification_metrics(results, labels, class_names=self.class_names)
            if name == 'per_class':
                print_log('\nPer-class results:\n' + per_class_table(ours), logger=logger)
            elif name == 'confusion_matrix':
                print_log('\nConfusion matrix (rows: true class, columns: predicted class):\n'
                          + confusion_table(ours), logger=logger)
            elif name not in ours:
                raise ValueError(f"metric {name!r} needs at least 5 classes, the scores have {ours['num_classes']}")
            else:
                eval_results[name] = ours[name]
                print_log(f'\n{name}\t{ours[name]:.4f}', logger=logger)
        return eval_results
