"""Classification metrics of per-sample class scores: top-k accuracy, precision, recall, F1, confusion matrix.

Classes absent from the ground truth have no recall, so they get ``None`` per-class values and are left out
of the macro averages (they still count as wrong predictions for the samples predicted as them).
"""
import numpy as np
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

# The scalar entries of :func:`classification_metrics`, also the metric names KeypointPoseDataset accepts.
SCALAR_METRICS = ('top1', 'top5', 'mean_class_accuracy', 'precision_macro', 'recall_macro', 'f1_macro',
                  'precision_weighted', 'recall_weighted', 'f1_weighted')


def to_score_array(scores, name='scores'):
    """Stack per-sample score vectors into one float64 array, rejecting malformed input.

    Args:
        scores (list[np.ndarray] | np.ndarray): One 1D score vector per sample, or an array [N, K].
        name (str): What the scores are called in error messages (e.g. the file they came from).

    Returns:
        np.ndarray: Scores [N, K], float64.
    """
    if isinstance(scores, np.ndarray) and scores.ndim == 2:
        array = scores
    else:
        if len(scores) == 0:
            raise ValueError(f'{name}: no samples (empty result)')
        shapes = [np.shape(row) for row in scores]
        ragged = [i for i, shape in enumerate(shapes) if shape != shapes[0]]
        if ragged:
            raise ValueError(f'{name}: every sample needs a score vector of one shape; sample 0 has '
                             f'{shapes[0]}, sample {ragged[0]} has {shapes[ragged[0]]}')
        array = np.stack([np.asarray(row) for row in scores])
    if array.ndim != 2:
        raise ValueError(f'{name}: expected one 1D score vector per sample, got an array of shape {array.shape}')
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(f'{name}: no samples or no classes (empty result, shape {array.shape})')
    array = array.astype(np.float64)
    bad_rows = np.flatnonzero(~np.isfinite(array).all(axis=1))
    if bad_rows.size:
        raise ValueError(f'{name}: non-finite (NaN or inf) scores in {bad_rows.size} sample(s), first at sample '
                         f'{bad_rows[0]}: {array[bad_rows[0]].tolist()[:5]}')
    return array


def _check_labels(labels, num_samples, num_classes):
    labels = np.asarray(labels)
    if labels.ndim != 1 or len(labels) != num_samples:
        raise ValueError(f'scores and labels differ in length: {num_samples} score vectors, labels of shape '
                         f'{labels.shape}')
    if labels.size and not np.array_equal(labels, np.round(labels.astype(np.float64))):
        raise ValueError(f'labels must be integers, got dtype {labels.dtype}')
    labels = labels.astype(np.int64)
    outside = np.flatnonzero((labels < 0) | (labels >= num_classes))
    if outside.size:
        raise ValueError(f'label {labels[outside[0]]} of sample {outside[0]} is outside the class range '
                         f'[0, {num_classes}) of the scores')
    return labels


def default_class_names(num_classes):
    """Names ``class_<i>`` for classes without a name.

    Args:
        num_classes (int): Number of classes.

    Returns:
        list[str]: The names.
    """
    return [f'class_{i}' for i in range(num_classes)]


def top_k_accuracy(scores, labels, k):
    """Fraction of samples whose true class is among the ``k`` highest scores.

    Ties rank the lower class index first, as ``argmax`` does, so top-1 equals the accuracy of the
    predictions in the confusion matrix.

    Args:
        scores (list[np.ndarray] | np.ndarray): Scores [N, K].
        labels (Sequence[int]): True classes [N].
        k (int): How many of the highest-scoring classes count as hits, 1 <= k <= K.

    Returns:
        float: Top-k accuracy in [0, 1].
    """
    scores = to_score_array(scores)
    labels = _check_labels(labels, *scores.shape)
    if not 1 <= k <= scores.shape[1]:
        raise ValueError(f'k={k} is outside [1, {scores.shape[1]}] for scores with {scores.shape[1]} classes')
    ranked = np.argsort(-scores, axis=1, kind='stable')[:, :k]
    return float((ranked == labels[:, None]).any(axis=1).mean())


def classification_metrics(scores, labels, num_classes=None, class_names=None):
    """Every single-label classification metric of a set of predictions.

    Args:
        scores (list[np.ndarray] | np.ndarray): Class scores [N, K] (tools/test.py --out format); the
            prediction is the highest-scoring class.
        labels (Sequence[int]): True classes [N] in [0, K).
        num_classes (int | None): Expected K; checked against the scores. Default: None (taken from them).
        class_names (Sequence[str] | None): K class names. Default: None (``class_<i>``).

    Returns:
        dict: ``num_samples``, ``num_classes``, the fractions of :data:`SCALAR_METRICS` (``top5`` only when
        K >= 5; ``mean_class_accuracy`` is the mean recall over the classes present, i.e. equal to
        ``recall_macro``), ``per_class`` (list of dicts ``index``, ``name``, ``precision``, ``recall``,
        ``f1``, ``support``; ``None`` values for classes absent from ``labels``), ``absent_classes`` (their
        names), ``class_names`` and ``confusion_matrix`` (counts as nested lists, rows = truth).
    """
    scores = to_score_array(scores)
    num_samples, num_scores = scores.shape
    if num_classes is not None and num_classes != num_scores:
        raise ValueError(f'num_classes={num_classes} but the scores have {num_scores} classes')
    labels = _check_labels(labels, num_samples, num_scores)
    if class_names is None:
        class_names = default_class_names(num_scores)
    elif len(class_names) != num_scores:
        raise ValueError(f'{len(class_names)} class names for scores with {num_scores} classes')
    class_names = [str(name) for name in class_names]

    classes = np.arange(num_scores)
    preds = scores.argmax(axis=1)
    # zero_division=0: a present class that is never predicted has precision 0, silently.
    precision, recall, f1, support = precision_recall_fscore_support(labels, preds, labels=classes,
                                                                     zero_division=0)
    present = support > 0

    results = dict(num_samples=int(num_samples), num_classes=int(num_scores),
                   top1=top_k_accuracy(scores, labels, 1))
    if num_scores >= 5:
        results['top5'] = top_k_accuracy(scores, labels, 5)
    results['mean_class_accuracy'] = float(recall[present].mean())
    # Macro averages weigh the present classes equally, weighted ones by support.
    for average, weights in (('macro', present.astype(np.float64)), ('weighted', support)):
        for key, values in (('precision', precision), ('recall', recall), ('f1', f1)):
            results[f'{key}_{average}'] = float(np.average(values, weights=weights))

    def value(values, index):
        return float(values[index]) if present[index] else None

    results['per_class'] = [
        dict(index=int(i), name=class_names[i], precision=value(precision, i), recall=value(recall, i),
             f1=value(f1, i), support=int(support[i])) for i in classes
    ]
    results['absent_classes'] = [class_names[i] for i in np.flatnonzero(~present)]
    results['class_names'] = class_names
    results['confusion_matrix'] = confusion_matrix(labels, preds, labels=classes).tolist()
    return results


def most_confused_pairs(confusion, class_names=None, top=10):
    """The largest off-diagonal cells of a confusion matrix.

    Args:
        confusion (Sequence[Sequence[int]] | np.ndarray): Counts [K, K], rows = truth.
        class_names (Sequence[str] | None): K names. Default: None (``class_<i>``).
        top (int): How many pairs at most. Default: 10.

    Returns:
        list[dict]: ``truth``, ``predicted`` (names), ``count`` and ``fraction`` (of the true class's
        samples), most frequent first; only pairs that occur.
    """
    confusion = np.asarray(confusion)
    if confusion.ndim != 2 or confusion.shape[0] != confusion.shape[1]:
        raise ValueError(f'confusion matrix must be square, got shape {confusion.shape}')
    names = default_class_names(len(confusion)) if class_names is None else list(class_names)
    errors = confusion.copy()
    np.fill_diagonal(errors, 0)
    order = np.argsort(-errors, axis=None, kind='stable')[:top]
    truths, preds = np.unravel_index(order, errors.shape)
    support = confusion.sum(axis=1)
    return [
        dict(truth=names[t], predicted=names[p], count=int(errors[t, p]), fraction=float(errors[t, p] / support[t]))
        for t, p in zip(truths, preds) if errors[t, p] > 0
    ]
