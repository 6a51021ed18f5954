"""Weighted late fusion of several models' class scores for the same test samples."""
import numpy as np

from .metrics import to_score_array


def fuse_scores(score_sets, weights, names=None):
    """Weighted mean of score sets that cover the same samples in the same order.

    Score files carry no sample ids, so "same samples" is checked as equal sample count and equal class
    count; keeping the order (the same test config for every model) is the caller's job.

    Args:
        score_sets (Sequence[list[np.ndarray] | np.ndarray]): Each a set of scores [N, K], e.g. one
            tools/test.py --out file.
        weights (Sequence[float]): One non-negative weight per set, not all zero; normalized to sum to 1 so
            fused probabilities stay probabilities.
        names (Sequence[str] | None): Names of the sets (file paths) for error messages. Default: None.

    Returns:
        np.ndarray: Fused scores [N, K], float64.
    """
    names = [f'score set {i}' for i in range(len(score_sets))] if names is None else list(names)
    if len(names) != len(score_sets):
        raise ValueError(f'{len(names)} names for {len(score_sets)} score sets')
    if len(score_sets) == 0:
        raise ValueError('no score sets to fuse')
    weights = np.asarray(weights, dtype=np.float64)
    if weights.ndim != 1 or len(weights) != len(score_sets):
        raise ValueError(f'{weights.size} weight(s) {weights.tolist()} for {len(score_sets)} score sets; '
                         'give one weight per set')
    if not np.isfinite(weights).all() or (weights < 0).any():
        raise ValueError(f'weights must be finite and non-negative, got {weights.tolist()}')
    if weights.sum() == 0:
        raise ValueError(f'weights are all zero: {weights.tolist()}')
    arrays = [to_score_array(scores, name) for scores, name in zip(score_sets, names)]
    shapes = [array.shape for array in arrays]
    if len(set(shapes)) > 1:
        found = ', '.join(f'{name}: {shape[0]} samples x {shape[1]} classes' for name, shape in zip(names, shapes))
        raise ValueError(f'score sets do not cover the same samples and classes ({found})')
    return np.tensordot(weights / weights.sum(), np.stack(arrays), axes=1)
