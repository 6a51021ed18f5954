"""Annotation files of a large dataset's size, for timing how the plugin loads them (never committed, never in CI)."""
import numpy as np

from .synthetic import make_synthetic_dataset

# pyskl's NTU120 2D annotation file: 114,480 clips; two persons, COCO-17, here 100 frames each.
NTU120_CLIPS = 114480


def sized_annotation_file(num_clips=NTU120_CLIPS, num_person=2, num_frames=100, num_classes=120, unique=240,
                          seed=0):
    """Annotations in pyskl's format with ``num_clips`` clips, every clip its own float32 arrays, so a pickle of
    them is as large as a real file of that many clips ([M, T, 17, 2] keypoints and [M, T, 17] scores: 40,800
    bytes a clip at the defaults, 4.67 GB for NTU120's count).

    The clips are ``unique`` generated clips (keypoint_plugin.data.synthetic), each copy moved by its own whole-
    pixel offset; labels cycle through ``num_classes``; the first nine tenths are the split ``xsub_train``, the rest
    ``xsub_val`` (the NTU120 X-Sub configs' split names).

    Args:
        num_clips (int): Clips in the file.
        num_person (int): Persons per clip (1 or 2).
        num_frames (int): Frames per clip.
        num_classes (int): Classes the labels cycle through.
        unique (int): Distinct generated clips.
        seed (int): The generator's seed.

    Returns:
        dict: ``split``, ``annotations`` and ``classes``.
    """
    actions = 10 if num_person == 2 else 8  # the generator's largest class sets
    base = make_synthetic_dataset(num_classes=actions, train_per_class=-(-unique // actions), test_per_class=0,
                                  num_frames=num_frames, num_person=num_person, seed=seed)['annotations']
    offsets = np.random.default_rng(seed).integers(-20, 21, (num_clips, 2)).astype(np.float32)
    annotations = []
    for index in range(num_clips):
        clip = base[index % len(base)]
        annotations.append(dict(clip, frame_dir=f'clip_{index:06d}', label=index % num_classes,
                                keypoint=clip['keypoint'].astype(np.float32) + offsets[index],
                                keypoint_score=clip['keypoint_score'].astype(np.float32, copy=True)))
    ids = [sample['frame_dir'] for sample in annotations]
    train = num_clips - num_clips // 10
    return dict(split=dict(xsub_train=ids[:train], xsub_val=ids[train:]), annotations=annotations,
                classes=[f'class_{label}' for label in range(num_classes)])
