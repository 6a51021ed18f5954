"""Skeleton datasets in pyskl's annotation format: a procedural generator and dataset converters.

The modules here use numpy and scipy only, never the host toolbox: the files they write are plain pickles
that pyskl's and MMAction2's ``PoseDataset`` read.
"""
import pickle
from collections import Counter

from ..fileio import atomic_open
from .camera import turned_copy
from .nw_ucla import convert_nw_ucla, nw_ucla_path
from .penn_action import convert_penn_action, penn_action_labels_dir
from .short_clips import short_clip_subset
from .synthetic import class_names, make_synthetic_dataset

__all__ = ['convert_nw_ucla', 'nw_ucla_path', 'convert_penn_action', 'penn_action_labels_dir', 'class_names',
           'make_synthetic_dataset', 'short_clip_subset', 'turned_copy', 'dump_annotations', 'describe_annotations']


def dump_annotations(data, path):
    """Write an annotation dict as a plain pickle (protocol 4, what ``mmcv.load`` reads).

    Args:
        data (dict): ``split``, ``annotations`` and ``classes``.
        path (str): Output ``.pkl`` file; its directory is created if needed.
    """
    with atomic_open(path) as f:  # a converter stopped mid-write leaves the previous file or none
        pickle.dump(data, f, protocol=4)


def describe_annotations(data):
    """A short human-readable summary of an annotation dict: clips per split and class, shapes, lengths.

    Args:
        data (dict): ``split``, ``annotations`` and optionally ``classes``.
    """
    annos = data['annotations']
    classes = data.get('classes') or sorted({a['label'] for a in annos})
    lines = [f'{len(annos)} clips, {len(classes)} classes; ' +
             ', '.join(f'{name}: {len(ids)}' for name, ids in data['split'].items())]
    if annos:
        frames = [a['total_frames'] for a in annos]
        shapes = Counter(tuple(a['keypoint'].shape[::2]) for a in annos)
        lines.append(f'frames per clip {min(frames)}-{max(frames)} (mean {sum(frames) / len(frames):.1f}); '
                     'keypoint [M, T, V, C] with (M, V) = ' +
                     ', '.join(f'({m}, {v}) x{n}' for (m, v), n in sorted(shapes.items())) +
                     f', C = {annos[0]["keypoint"].shape[-1]}')
    # Splits may overlap (NW-UCLA's train holds view1 and view2): count each split's own ids.
    label_of = {a['frame_dir']: a['label'] for a in annos}
    labels = {split: Counter(label_of[frame_dir] for frame_dir in ids if frame_dir in label_of)
              for split, ids in data['split'].items()}
    for label, name in enumerate(classes):
        counts = ', '.join(f'{split} {count[label]}' for split, count in labels.items())
        lines.append(f'  {label:3d} {name}: {counts}')
    return '\n'.join(lines)
