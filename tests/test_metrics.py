import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, confusion_matrix,
                             precision_recall_fscore_support, top_k_accuracy_score)

from keypoint_plugin.evaluation import SCALAR_METRICS, classification_metrics, most_confused_pairs, top_k_accuracy

# Six samples of three classes; predictions (argmax) are [0, 1, 1, 1, 2, 0].
SCORES = np.array([
    [0.7, 0.2, 0.1],
    [0.4, 0.5, 0.1],
    [0.15, 0.8, 0.05],
    [0.3, 0.6, 0.1],
    [0.2, 0.1, 0.7],
    [0.5, 0.4, 0.1],
])
LABELS = [0, 0, 1, 1, 2, 2]


def strict_metrics(*args, **kwargs):
    """classification_metrics, failing the test on any warning."""
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        return classification_metrics(*args, **kwargs)


def test_hand_computed_three_classes():
    m = strict_metrics(list(SCORES), LABELS, class_names=['walk', 'sit', 'jump'])
    # Confusion rows (truth): walk -> [walk, sit], sit -> [sit, sit], jump -> [jump, walk].
    assert m['confusion_matrix'] == [[1, 1, 0], [0, 2, 0], [1, 0, 1]]
    assert m['top1'] == pytest.approx(4 / 6)
    assert 'top5' not in m
    # Precision: walk 1/2, sit 2/3, jump 1/1; recall: 1/2, 1, 1/2; F1: 1/2, 4/5, 2/3.
    assert [c['precision'] for c in m['per_class']] == pytest.approx([1 / 2, 2 / 3, 1])
    assert [c['recall'] for c in m['per_class']] == pytest.approx([1 / 2, 1, 1 / 2])
    assert [c['f1'] for c in m['per_class']] == pytest.approx([1 / 2, 4 / 5, 2 / 3])
    assert [c['support'] for c in m['per_class']] == [2, 2, 2]
    assert [c['name'] for c in m['per_class']] == ['walk', 'sit', 'jump']
    assert m['precision_macro'] == pytest.approx(13 / 18)
    assert m['recall_macro'] == pytest.approx(2 / 3)
    assert m['f1_macro'] == pytest.approx(59 / 90)
    # Equal supports: weighted averages equal the macro ones.
    assert m['f1_weighted'] == pytest.approx(59 / 90)
    assert m['precision_weighted'] == pytest.approx(13 / 18)
    assert m['mean_class_accuracy'] == pytest.approx(2 / 3)
    assert m['absent_classes'] == []
    assert (m['num_samples'], m['num_classes']) == (6, 3)
    assert [key for key in m if key in SCALAR_METRICS] == [key for key in SCALAR_METRICS if key != 'top5']


def test_top_k_hand_computed():
    # The true class of the last sample ranks third.
    assert top_k_accuracy(SCORES, LABELS, 2) == pytest.approx(5 / 6)
    assert top_k_accuracy(SCORES, LABELS, 3) == 1.0
    scores = np.tile(np.arange(6.0, 0, -1), (3, 1))
    # True classes rank 5th, 6th and 1st.
    m = strict_metrics(scores, [4, 5, 0])
    assert m['top1'] == pytest.approx(1 / 3)
    assert m['top5'] == pytest.approx(2 / 3)


def test_ties_rank_the_lower_index_first():
    scores = np.array([[1.0, 1.0, 0.0]])
    assert top_k_accuracy(scores, [0], 1) == 1.0
    assert top_k_accuracy(scores, [1], 1) == 0.0
    assert top_k_accuracy(scores, [1], 2) == 1.0
    assert strict_metrics(scores, [1])['confusion_matrix'][1] == [1, 0, 0]


def test_unequal_supports_weighted_average():
    # Truth [0, 0, 0, 1], predictions [0, 0, 1, 1]: class 0 P 1 R 2/3 F1 4/5; class 1 P 1/2 R 1 F1 2/3.
    scores = np.eye(2)[[0, 0, 1, 1]]
    m = strict_metrics(scores, [0, 0, 0, 1])
    assert m['f1_macro'] == pytest.approx((4 / 5 + 2 / 3) / 2)
    assert m['f1_weighted'] == pytest.approx((3 * 4 / 5 + 2 / 3) / 4)
    assert m['recall_weighted'] == pytest.approx(3 / 4)
    assert m['precision_weighted'] == pytest.approx((3 * 1 + 1 / 2) / 4)


def test_absent_classes_are_left_out_of_macro_averages():
    # Classes 2 and 3 are absent from the truth; class 3 is predicted once.
    scores = np.eye(4)[[0, 1, 1, 3]]
    m = strict_metrics(scores, [0, 0, 1, 1])
    assert m['absent_classes'] == ['class_2', 'class_3']
    for row in m['per_class'][2:]:
        assert row['support'] == 0
        assert row['precision'] is row['recall'] is row['f1'] is None
    # Class 0: P 1, R 1/2, F1 2/3; class 1: P 1/2, R 1/2, F1 1/2.
    assert m['precision_macro'] == pytest.approx(3 / 4)
    assert m['recall_macro'] == pytest.approx(1 / 2)
    assert m['f1_macro'] == pytest.approx(7 / 12)
    assert m['mean_class_accuracy'] == pytest.approx(1 / 2)
    assert m['confusion_matrix'][1] == [0, 1, 0, 1]


def test_present_class_never_predicted_scores_zero_without_warning():
    scores = np.eye(3)[[0, 0, 1]]
    m = strict_metrics(scores, [0, 1, 2])
    assert [c['precision'] for c in m['per_class']] == pytest.approx([1 / 2, 0, 0])
    assert [c['recall'] for c in m['per_class']] == pytest.approx([1, 0, 0])
    assert m['f1_macro'] == pytest.approx((2 / 3) / 3)


def test_most_confused_pairs():
    confusion = [[5, 3, 0], [1, 4, 0], [2, 3, 1]]
    pairs = most_confused_pairs(confusion, ['a', 'b', 'c'], top=3)
    assert [(p['truth'], p['predicted'], p['count']) for p in pairs] == [('a', 'b', 3), ('c', 'b', 3), ('c', 'a', 2)]
    assert pairs[0]['fraction'] == pytest.approx(3 / 8)
    assert pairs[1]['fraction'] == pytest.approx(3 / 6)
    assert most_confused_pairs(np.eye(3, dtype=int)) == []


@st.composite
def scored_samples(draw):
    num_samples = draw(st.integers(1, 40))
    num_classes = draw(st.integers(3, 8))
    # Unique scores: no ties, so every tie-breaking convention agrees.
    scores = draw(hnp.arrays(np.float64, (num_samples, num_classes), unique=True,
                             elements=st.floats(-10, 10, allow_nan=False, allow_subnormal=False)))
    labels = draw(hnp.arrays(np.int64, num_samples, elements=st.integers(0, num_classes - 1)))
    return scores, labels


@settings(max_examples=60, deadline=None)
@given(scored_samples())
def test_agrees_with_sklearn(sample):
    scores, labels = sample
    num_classes = scores.shape[1]
    m = strict_metrics(scores, labels)
    preds = scores.argmax(axis=1)
    present = np.unique(labels)

    assert m['top1'] == pytest.approx(accuracy_score(labels, preds))
    for k in range(1, num_classes):
        expected = top_k_accuracy_score(labels, scores, k=k, labels=np.arange(num_classes))
        assert top_k_accuracy(scores, labels, k) == pytest.approx(expected)
    if num_classes > 5:
        assert m['top5'] == pytest.approx(top_k_accuracy_score(labels, scores, k=5, labels=np.arange(num_classes)))
    elif num_classes == 5:
        assert m['top5'] == 1.0
    for average in ('macro', 'weighted'):
        p, r, f, _ = precision_recall_fscore_support(labels, preds, labels=present, average=average, zero_division=0)
        assert [m[f'precision_{average}'], m[f'recall_{average}'], m[f'f1_{average}']] == pytest.approx([p, r, f])
    with warnings.catch_warnings():
        # sklearn warns when a predicted class is absent from the truth; it then averages present classes.
        warnings.simplefilter('ignore')
        assert m['mean_class_accuracy'] == pytest.approx(balanced_accuracy_score(labels, preds))
    assert m['confusion_matrix'] == confusion_matrix(labels, preds, labels=np.arange(num_classes)).tolist()
    p, r, f, support = precision_recall_fscore_support(labels, preds, labels=present, zero_division=0)
    rows = [m['per_class'][i] for i in present]
    assert [row['f1'] for row in rows] == pytest.approx(f)
    assert [row['precision'] for row in rows] == pytest.approx(p)
    assert [row['support'] for row in rows] == support.tolist()
    assert len(m['absent_classes']) == num_classes - len(present)
    scalars = [m[key] for key in SCALAR_METRICS if key in m]
    assert all(0 <= value <= 1 for value in scalars)


@pytest.mark.parametrize('scores, labels, kwargs, message', [
    (np.eye(3), [0, 1], {}, 'differ in length'),
    (np.eye(3), [0, 1, 3], {}, 'label 3 of sample 2 is outside the class range'),
    (np.eye(3), [0, -1, 2], {}, 'label -1 of sample 1'),
    (np.eye(3), [0, 1.5, 2], {}, 'labels must be integers'),
    ([], [], {}, 'empty'),
    (np.zeros((0, 3)), [], {}, 'empty'),
    (np.array([[0.1, np.nan, 0.3], [1, 0, 0]]), [0, 0], {}, r'non-finite \(NaN or inf\) scores in 1 sample.*sample 0'),
    ([np.zeros(3), np.zeros(4)], [0, 0], {}, r'sample 1 has \(4,\)'),
    (np.zeros((2, 3, 1)), [0, 0], {}, 'shape'),
    (np.eye(3), [0, 1, 2], dict(class_names=['a', 'b']), '2 class names for scores with 3 classes'),
    (np.eye(3), [0, 1, 2], dict(num_classes=4), 'num_classes=4'),
])
def test_bad_input_raises_clear_errors(scores, labels, kwargs, message):
    with pytest.raises(ValueError, match=message):
        classification_metrics(scores, labels, **kwargs)


def test_top_k_out_of_range():
    with pytest.raises(ValueError, match='k=4 is outside'):
        top_k_accuracy(np.eye(3), [0, 1, 2], 4)
