"""Annotation checks, run once when a dataset loads, so that no bad sample reaches the host's transforms.

Each problem names the sample (``frame_dir``, index) and the key. Non-finite joints are not a problem: they
become missing joints (coordinates 0, score 0), the plugin's marking of a joint that is not there.
"""
import numpy as np


def _shape(value):
    return getattr(value, 'shape', None)


def sanitize_and_check(sample, num_classes=None, num_joints=None, dims=None):
    """Check one annotation; mark its non-finite joints missing, in place.

    Args:
        sample (dict): A pyskl-format annotation (``keypoint`` [M, T, V, C], ``keypoint_score`` [M, T, V] for
            2D, ``total_frames``, ``label``, ``img_shape`` for 2D).
        num_classes (int | None): Labels must lie in ``[0, num_classes)``. Default: None (not checked).
        num_joints (int | None): Required V. Default: None (any).
        dims (int | None): Required C (2 or 3). Default: None (2 or 3).

    Returns:
        list[str]: The problems found (empty when the sample is usable).
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
    if problems:
        return problems

    mark_missing_joints(sample)
    return []


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
        missing |= ~(score > 0)  # NaN > 0 is False
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
    present = sample['keypoint'][sample['keypoint_score'] > 0]
    if present.size == 0:
        return False
    height, width = sample['img_shape']
    normalized = max(height, width) > 4 and np.abs(present).max() <= 2
    centred = (present < -0.02 * np.array([width, height])).any(-1).mean() > 0.25
    return bool(normalized or centred)
