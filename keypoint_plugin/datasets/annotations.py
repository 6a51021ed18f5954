"""Reading and checking pyskl-format annotation pickles, for every host's KeypointPoseDataset."""
import logging
import os.path as osp
import warnings
from collections import OrderedDict

import numpy as np

from ..config_utils import dataset_config
from ..host import Config, print_log
from ..layouts import get_layout
from ..pipelines.sample import check_frame_decoding
from ..pipelines.skeleton import fuse_skeleton_steps
from ..safe_load import load_data_file
from .validation import check_annotations

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
    data = load_data_file(ann_file)
    if isinstance(data, list) and not all(isinstance(sample, dict) for sample in data):
        raise ValueError(f'{ann_file}: a list, but not of sample dicts (found '
                         f'{type(next(s for s in data if not isinstance(s, dict))).__name__})')
    if not isinstance(data, (dict, list)):
        raise ValueError(f'{ann_file}: expected a dict with "annotations" (or a list of sample dicts), got '
                         f'{type(data).__name__}')
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
        config (str | Config): Config (path) whose test dataset has ``ann_file`` and ``split``.

    Returns:
        tuple[np.ndarray, list[str] | None]: Labels [N] and the annotation file's class names, if any.
    """
    cfg = config if isinstance(config, Config) else Config.fromfile(config)
    where, test = dataset_config(cfg, 'test')
    if 'ann_file' not in test:
        raise KeyError(f'config {getattr(cfg, "filename", config)} has no {where}.ann_file')
    annotations, classes = load_pose_annotations(test['ann_file'], test.get('split'))
    return np.array([sample['label'] for sample in annotations], dtype=np.int64), classes




def load_checked_annotations(ann_file, split=None, data_prefix=None, num_classes=None, layout=None, dims=None,
                             bad_samples='error'):
    """The samples of a split, each checked (and sanitized) for training: what every KeypointPoseDataset loads.

    Checks (:func:`~keypoint_plugin.datasets.validation.check_annotations`, vectorized over chunks of samples):
    shapes, frame counts, labels against the class count, scores and ``img_shape`` for 2D, joint count and
    dimension against the config; non-finite joints become missing joints.

    Args:
        ann_file (str): Annotation pickle.
        split (str | None): Split to keep. Default: None (all samples).
        data_prefix (str | None): Joined in front of each sample's ``frame_dir``/``filename``. Default: None.
        num_classes (int | None): Labels must be below it; None: the length of the pickle's ``classes``.
        layout (str | dict | None): Joint layout the samples must have (its joint count). Default: None.
        dims (int | None): Coordinates per joint the samples must have (2 or 3). Default: None.
        bad_samples (str): 'error' (default): unusable samples are an error listing the first few;
            'skip': they are left out, each logged with its problems.

    Returns:
        tuple[list[dict], list[str] | None]: The usable samples and the class names.
    """
    if bad_samples not in ('error', 'skip'):
        raise ValueError(f"bad_samples={bad_samples!r}: expected 'error' or 'skip'")
    num_joints = None if layout is None else get_layout(layout).num_joints
    annotations, class_names = load_pose_annotations(
        ann_file, split, data_prefix, missing_ids='warn' if bad_samples == 'skip' else 'error')
    num_classes = num_classes or (len(class_names) if class_names else None)
    problems, odd = check_annotations(annotations, num_classes, num_joints, dims)
    bad = {index: f'sample {index} (frame_dir {annotations[index].get("frame_dir")!r}): {"; ".join(found)}'
           for index, found in problems.items()}
    where = f'{ann_file} (split {split!r})'
    if bad and bad_samples == 'error':
        listed = '\n  '.join(list(bad.values())[:5])
        raise ValueError(f'{where}: {len(bad)} of {len(annotations)} samples are unusable:\n  {listed}'
                         f'{chr(10) + "  ..." if len(bad) > 5 else ""}\nFix them, or give the dataset '
                         "bad_samples='skip' to leave them out.")
    for problem in bad.values():
        print_log(f'{where}: skipping {problem}', logger='keypoint_plugin', level=logging.WARNING)
    odd = [annotations[index].get('frame_dir') for index in odd]
    annotations = [sample for index, sample in enumerate(annotations) if index not in bad]
    if odd:
        warnings.warn(f'{where}: {len(odd)} samples have 2D joints that do not look like pixels of their '
                      f'img_shape (all within [-2, 2], or centred on 0), e.g. {odd[:3]}: the host\'s transforms '
                      '(crop, resize, flip) assume pixel coordinates in the image.')
    if not annotations:
        raise ValueError(f'{where}: no samples left')
    return annotations, class_names


class CheckedAnnotationsMixin:
    """What every host's ``KeypointPoseDataset`` adds to its host's ``PoseDataset``: the checking settings, the
    checked load (:func:`load_checked_annotations`) and an error when nothing is left.

    Args:
        ann_file (str): Annotation pickle; its top-level ``classes`` list, if any, names the classes.
        pipeline (list[dict | callable]): Data transforms.
        layout (str | dict | None): Joint layout the samples must have (its joint count). Default: None.
        dims (int | None): Coordinates per joint the samples must have (2 or 3). Default: None.
        bad_samples (str): 'error' (default): unusable samples are an error listing the first few;
            'skip': they are left out, each logged with its problems.
        **kwargs: The host PoseDataset's arguments (``split``, ``data_prefix``, ``test_mode``,
            ``num_classes``: labels must be below it; default: the length of the pickle's ``classes``).
    """

    def __init__(self, ann_file, pipeline, layout=None, dims=None, bad_samples='error', **kwargs):
        self.layout, self.dims, self.bad_samples = layout, dims, bad_samples
        super().__init__(ann_file, pipeline, **kwargs)
        check_frame_decoding(self.pipeline.transforms)
        # Consecutive skeleton steps (flip, normalization, augmentation, packing) read and write the sample once.
        self.pipeline.transforms = fuse_skeleton_steps(self.pipeline.transforms)
        if not len(self):
            raise ValueError(f'{ann_file}, split {self.split!r}: no samples left (box_thr or valid_ratio?)')

    def checked_annotations(self, data_prefix):
        """The split's checked samples and the pickle's class names (see :func:`load_checked_annotations`)."""
        return load_checked_annotations(self.ann_file, self.split, data_prefix, self.num_classes, self.layout,
                                        self.dims, self.bad_samples)
