"""Annotation checks, run once when a dataset loads, so that no bad sample reaches the host's transforms.

Each problem names the sample (``frame_dir``, index) and the key. Non-finite joints are not a problem: they
become missing joints (coordinates 0, score 0), the plugin's marking of a joint that is not there.
"""
import numpy as np


def _shape(value):
    return getattr(value, 'shape', None)


def sanitize_and_check(sample, num_classes=None, num_joints=None, dims=None):
    """Check one annotation; mark its missing joints (:func:`mark_missing_joints`), in place.

    Args:
        sample (dict): A pyskl-format annotation (``keypoint`` [M, T, V, C], ``keypoint_score`` [M, T, V] for
            2D, ``total_frames``, ``label``, ``img_shape`` for 2D).
        num_classes (int | None): Labels must lie in ``[0, num_classes)``. Default: None (not checked).
        num_joints (int | None): Required V. Default: None (any).
        dims (int | None): Required C (2 or 3). Default: None (2 or 3).

    Returns:
        list[str]: The problems found (empty when the sample is usable).
    """
    problems = sample_problems(sample, num_classes, num_joints, dims)
    if not problems:
        mark_missing_joints(sample)
    return problems


def sample_problems(sample, num_classes=None, num_joints=None, dims=None):
    """What makes one annotation unusable: its keys, shapes, frame count, label and ``img_shape`` (arguments as
    :func:`sanitize_and_check`); its values are for :func:`check_annotations`.

    Returns:
        list[str]: The problems found.
    """
    keypoint = sample.get('keypoint')
    if keypoint is None:
        return ['no "keypoint"']
    keypoint = np.asarray(keypoint)
    if keypoint.dtype.kind not in 'fiu':
        return [f'"keypoint" is not a numeric array (dtype {keypoint.dtype})']
    if keypoint.ndim != 4:
        return [f'"keypoint" has shape {keypoint.shape}; expected [M persons, T frames, V joints, C coords]']
    num_person, num_frames, joints, coords = keypoint.shape
    problems = []
    if num_frames == 0:
        problems.append('"keypoint" has 0 frames')
    if num_person == 0:
        problems.append('"keypoint" has 0 persons')
    if coords not in (2, 3) or (dims is not None and coords != dims):
        problems.append(f'"keypoint" has {coords} coordinates per joint; the config expects '
                        f'{dims if dims is not None else "2 or 3"}')
    if num_joints is not None and joints != num_joints:
        problems.append(f'"keypoint" has {joints} joints; the config\'s joint layout has {num_joints}')
    if sample.get('total_frames') != num_frames:
        problems.append(f'"total_frames" is {sample.get("total_frames")!r} but "keypoint" has {num_frames} frames')
    label = sample.get('label')
    if not isinstance(label, (int, np.integer)) or label < 0 or (num_classes is not None and label >= num_classes):
        problems.append(f'"label" {label!r} is not a class index in [0, {num_classes if num_classes else "N"})')
    score = sample.get('keypoint_score')
    if score is not None and (_shape(score) != keypoint.shape[:3] or np.asarray(score).dtype.kind not in 'fiu'):
        problems.append(f'"keypoint_score" has shape {_shape(score)} (dtype {getattr(score, "dtype", type(score))}); '
                        f'"keypoint" needs numbers of shape {keypoint.shape[:3]}')
    if coords == 2:
        if score is None:
            problems.append('2D "keypoint" without "keypoint_score"')
        shape = sample.get('img_shape')
        if not (isinstance(shape, (tuple, list)) and len(shape) == 2
                and all(isinstance(v, (int, np.integer)) and v > 0 for v in shape)):
            problems.append(f'2D "keypoint" needs "img_shape" (height, width) in pixels, got {shape!r}')
    return problems


def _score_batch(samples):
    """The stacked ``keypoint_score`` of same-shaped samples, or None where they have none (3D)."""
    if samples[0].get('keypoint_score') is None:
        return None
    return np.stack([np.asarray(sample['keypoint_score']) for sample in samples])


def _all_finite(array):
    """Whether every value is finite: one contiguous reduction (a float64 sum is finite only if every value is)."""
    return array.dtype.kind in 'iu' or bool(np.isfinite(np.add.reduce(array.reshape(-1), dtype=np.float64)))


def _unmarked_missing(keypoint, score):
    """bool [N, M, T, V]: the missing joints (:func:`mark_missing_joints`' rule) of stacked samples that are not
    yet marked (a coordinate or the score is not 0); None when no joint is missing (one reduction per array)."""
    if _all_finite(keypoint) and (score is None or (_all_finite(score) and score.min() > 0)):
        return None
    # Per coordinate: a reduction over the short last axis would be slower than these whole-array operations.
    missing = ~np.isfinite(keypoint[..., 0])
    for axis in range(1, keypoint.shape[-1]):
        missing |= ~np.isfinite(keypoint[..., axis])
    if score is None:
        return missing
    missing |= ~(np.isfinite(score) & (score > 0))
    return missing & ((keypoint != 0).any(-1) | (score != 0))


def _not_in_pixels(keypoint, score, img_shape):
    """bool [N]: which of the stacked 2D samples (``keypoint`` [N, M, T, V, 2], ``score`` [N, M, T, V], finite;
    ``img_shape`` [N, 2] as (h, w)) do not look like pixels (:func:`not_in_pixels`)."""
    num = len(keypoint)
    present = score > 0
    # Whole-array operations only: missing joints set to 0 lie inside [-2, 2] and not left of or above the image.
    # Broadcasting the mask over the last axis of 2 would iterate pair by pair: an (x, y) pair is taken as one
    # unsigned integer of twice the width instead (float16/float32), zeroed where missing in one pass.
    pairs = np.dtype(f'u{2 * keypoint.itemsize}') if keypoint.itemsize <= 4 else None
    if pairs is not None and keypoint.flags.c_contiguous:
        keypoint = np.where(present, keypoint.view(pairs)[..., 0], 0).view(keypoint.dtype).reshape(num, -1)
    else:
        keypoint = np.where(present[..., None], keypoint, 0).reshape(num, -1)
    counts = present.reshape(num, -1).sum(1)
    low, high = keypoint.min(1), keypoint.max(1)
    normalized = (img_shape.max(1) > 4) & (np.maximum(high, -low) <= 2)
    limit = -0.02 * img_shape[:, ::-1].astype(np.float64)  # [N, (x, y)]
    outside = ((keypoint[:, 0::2] < limit[:, :1]) | (keypoint[:, 1::2] < limit[:, 1:])).sum(1)
    return (counts > 0) & (normalized | (outside > 0.25 * counts))


def mark_missing_joints(sample):
    """Give every missing joint of a sample coordinates 0 and score 0, in place: where samples enter (a dataset's
    load, the inference API), so that no transform of any variant sees a NaN.

    A joint is missing when a coordinate or its score is not finite, or its score is not positive. The hosts'
    transforms know missing joints only by these zeros: their ``PoseCompact`` takes a NaN for 0 and keeps the
    joint's score (a phantom limb to the box's corner), and spans its box over any nonzero coordinates, scored or
    not. 3D samples without scores mark missing joints by all-zero coordinates alone.

    Args:
        sample (dict): ``keypoint`` [M, T, V, C] and optionally ``keypoint_score`` [M, T, V]. The arrays are
            replaced by float32 copies only when a joint changes (large datasets keep their float16 arrays).

    Returns:
        dict: ``sample``.
    """
    keypoint = np.asarray(sample['keypoint'])
    missing = ~np.isfinite(keypoint).all(axis=-1)
    score = sample.get('keypoint_score')
    if score is not None:
        score = np.asarray(score)
        missing |= ~(np.isfinite(score) & (score > 0))
        to_change = missing & ((keypoint != 0).any(axis=-1) | (score != 0))
    else:
        to_change = missing
    if to_change.any():
        sample['keypoint'] = keypoint.astype(np.float32)
        sample['keypoint'][missing] = 0
        if score is not None:
            sample['keypoint_score'] = score.astype(np.float32)
            sample['keypoint_score'][missing] = 0
    return sample


def not_in_pixels(sample):
    """True when a 2D sample's present joints do not look like pixels of ``img_shape``: all within [-2, 2]
    ([0, 1]-normalized or centred unit coordinates), or a quarter of them left of or above the image
    (centred pixel coordinates). The host's transforms (crop, resize, flip) assume pixels."""
    return bool(_not_in_pixels(np.asarray(sample['keypoint'])[None], np.asarray(sample['keypoint_score'])[None],
                               np.array([sample['img_shape']]))[0])


def check_annotations(samples, num_classes=None, num_joints=None, dims=None, chunk_bytes=64 << 20):
    """Check many annotations at once: :func:`sanitize_and_check` and :func:`not_in_pixels` of every sample,
    with the value checks vectorized over chunks of same-shaped samples (stacked ``chunk_bytes`` at a time, so
    memory beyond the samples' own stays bounded); missing joints are marked in place (:func:`mark_missing_joints`).

    Args:
        samples (list[dict]): The annotations.
        num_classes, num_joints, dims: As :func:`sanitize_and_check`.
        chunk_bytes (int): Bytes of keypoints stacked at a time.

    Returns:
        tuple[dict[int, list[str]], list[int]]: The problems of each unusable sample by index, and the indices of
        usable 2D samples whose joints do not look like pixels.
    """
    bad, groups = {}, {}
    for index, sample in enumerate(samples):
        problems = sample_problems(sample, num_classes, num_joints, dims)
        if problems:
            bad[index] = problems
            continue
        keypoint, score = sample['keypoint'], sample.get('keypoint_score')
        key = (np.shape(keypoint), np.asarray(keypoint).dtype.str,
               None if score is None else np.asarray(score).dtype.str)
        groups.setdefault(key, []).append(index)
    odd = []
    for (shape, _, _), indices in groups.items():
        step = max(1, chunk_bytes // (int(np.prod(shape)) * 4))
        for begin in range(0, len(indices), step):
            chunk = indices[begin:begin + step]
            keypoint = np.stack([np.asarray(samples[i]['keypoint']) for i in chunk])
            score = _score_batch([samples[i] for i in chunk])
            unmarked = _unmarked_missing(keypoint, score)
            rows = [] if unmarked is None else np.flatnonzero(unmarked.reshape(len(chunk), -1).any(1))
            for row in rows:
                sample = mark_missing_joints(samples[chunk[row]])
                keypoint[row] = sample['keypoint']
                if score is not None:
                    score[row] = sample['keypoint_score']
            if shape[-1] == 2:
                img_shape = np.array([samples[i]['img_shape'] for i in chunk])
                odd += [chunk[row] for row in np.flatnonzero(_not_in_pixels(keypoint, score, img_shape))]
    return bad, sorted(odd)
