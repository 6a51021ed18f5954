"""The benchmark's data: annotations chosen from a file, two-person samples, and generated splits of a real
dataset's size."""
import math

import numpy as np

from ..data import make_synthetic_dataset


def select_samples(annotations, num):
    """``num`` annotations spread evenly over the list (all classes of a class-ordered file), in order.

    Args:
        annotations (list[dict]): The annotation file's ``annotations``.
        num (int): How many, >= 1.
    """
    if not annotations:
        raise ValueError('the annotation file holds no annotations')
    index = np.unique(np.linspace(0, len(annotations) - 1, max(1, num)).round().astype(int))
    return [annotations[i] for i in index]


def two_person(sample):
    """The annotation with exactly two persons: its first two, else its person and a mirror image of it.

    The mirror (``x -> w - 1 - x`` in ``img_shape``) stands beside the person, as a second actor would; joints
    missing in the person (score 0) stay missing.

    Args:
        sample (dict): A 2D annotation (``keypoint`` [M, T, V, 2], ``keypoint_score``, ``img_shape``).
    """
    keypoint, score = sample['keypoint'], sample['keypoint_score']
    if keypoint.shape[0] >= 2:
        return dict(sample, keypoint=keypoint[:2], keypoint_score=score[:2])
    mirror = keypoint[:1].copy()
    mirror[..., 0] = np.where(score[:1] > 0, sample['img_shape'][1] - 1 - mirror[..., 0], 0)
    return dict(sample, keypoint=np.concatenate([keypoint[:1], mirror]),
                keypoint_score=np.concatenate([score[:1], score[:1]]))


def sized_annotations(num_samples, num_classes, split, unique=600, num_person=2, seed=0, **clip_kwargs):
    """A training split of ``num_samples`` generated clips for timing a real dataset's epoch: ``unique`` clips of
    the synthetic generator (keypoint_plugin.data.synthetic), repeated under new ids with labels cycling through
    ``num_classes``. The per-clip work of loading and training depends on the clips' shapes, not their motion;
    repeats share their arrays, so the pickle stays small.

    Args:
        num_samples (int): Clips in the split (e.g. NTU60 X-Sub's 40,091 training clips).
        num_classes (int): The config's class count.
        split (str): Name of the split (the config's training split).
        unique (int): Distinct generated clips.
        num_person (int): Persons per clip (1 or 2).
        seed (int): The generator's seed.
        clip_kwargs: Further :func:`~keypoint_plugin.data.make_synthetic_dataset` arguments (``num_frames``,
            ``layout``, ``dim``).

    Returns:
        dict: Annotations in pyskl's format (``split``, ``annotations``).
    """
    actions = 10 if num_person == 2 else 8  # the generator's largest class sets
    base = make_synthetic_dataset(num_classes=actions, train_per_class=math.ceil(unique / actions), test_per_class=0,
                                  num_person=num_person, seed=seed, **clip_kwargs)['annotations']
    annotations = [dict(base[i % len(base)], frame_dir=f'clip_{i:06d}', label=i % num_classes)
                   for i in range(num_samples)]
    return dict(split={split: [a['frame_dir'] for a in annotations]}, annotations=annotations)
