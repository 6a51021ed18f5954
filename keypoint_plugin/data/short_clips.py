"""A short-clip, small-training-set version of a dataset: the proxy on which the defaults are checked to learn
beyond long clips and large training sets (Penn Action's own clips average about 70 frames, 1258 for training).
"""
import numpy as np


def short_clip_subset(data, num_train=420, lengths=(15, 40), seed=0):
    """Crop every clip to a random window and keep a random subset of the training ids.

    With ``numpy.random.default_rng(seed)`` and the annotations in file order, each clip is cut to
    ``L = rng.integers(lengths[0], lengths[1] + 1)`` frames (at most its length) from
    ``rng.integers(0, T - L + 1)``; then the list of training ids is shuffled with the same generator and its
    first ``num_train`` are kept (sorted) as ``split['train']``; the training ids left out become ``split['val']``
    (sorted), for tuning without touching the test ids. Test ids are all kept, their clips cropped the same way.

    Args:
        data (dict): A pyskl annotation dict with ``split['train']`` and ``split['test']``.
        num_train (int): Training ids to keep. Default: 420.
        lengths (tuple[int, int]): Shortest and longest window, in frames. Default: (15, 40).
        seed (int): Generator seed. Default: 0.

    Returns:
        dict: A new annotation dict (the input is not changed).
    """
    if not 1 <= lengths[0] <= lengths[1]:
        raise ValueError(f'lengths must be 1 <= shortest <= longest, got {lengths}')
    train = list(data['split']['train'])
    if not 0 < num_train <= len(train):
        raise ValueError(f'num_train={num_train}: the dataset has {len(train)} training ids')
    rng = np.random.default_rng(seed)
    annotations = []
    for sample in data['annotations']:
        total = sample['total_frames']
        length = min(int(rng.integers(lengths[0], lengths[1] + 1)), total)
        start = int(rng.integers(0, total - length + 1))
        window = slice(start, start + length)
        crop = dict(sample, keypoint=sample['keypoint'][:, window], total_frames=length)
        if 'keypoint_score' in sample:
            crop['keypoint_score'] = sample['keypoint_score'][:, window]
        annotations.append(crop)
    rng.shuffle(train)
    split = dict(data['split'], train=sorted(train[:num_train]), val=sorted(train[num_train:]))
    return dict(data, annotations=annotations, split=split)
