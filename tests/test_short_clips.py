"""short_clip_subset: the short-clip, small-training-set proxy, as the generalization issue specifies it."""
import copy

import numpy as np
import pytest

from keypoint_plugin.data import (convert_penn_action, make_synthetic_dataset, penn_action_labels_dir,
                                  short_clip_subset)

DATA = make_synthetic_dataset(num_classes=6, train_per_class=6, test_per_class=2, num_frames=(6, 30), seed=4)


def _window_start(crop, original):
    """Where ``crop``'s frames start in ``original``'s (they must be a contiguous window)."""
    length = crop['total_frames']
    starts = [s for s in range(original['total_frames'] - length + 1)
              if np.array_equal(original['keypoint'][:, s:s + length], crop['keypoint'])]
    assert starts, 'not a window of the original clip'
    return starts[0]


def test_crops_windows_and_keeps_a_sorted_training_subset():
    before = copy.deepcopy(DATA)
    proxy = short_clip_subset(DATA, num_train=10, lengths=(8, 12), seed=0)
    assert set(proxy['split']['train']) <= set(DATA['split']['train']) and len(proxy['split']['train']) == 10
    assert proxy['split']['train'] == sorted(proxy['split']['train'])
    assert proxy['split']['test'] == DATA['split']['test']
    for crop, original in zip(proxy['annotations'], DATA['annotations']):
        assert crop['frame_dir'] == original['frame_dir'] and crop['label'] == original['label']
        assert 8 <= crop['total_frames'] <= 12 or crop['total_frames'] == original['total_frames'] < 8
        start = _window_start(crop, original)
        np.testing.assert_array_equal(crop['keypoint_score'],
                                      original['keypoint_score'][:, start:start + crop['total_frames']])
    assert all(np.array_equal(a['keypoint'], b['keypoint'])  # the input is left as it was
               for a, b in zip(DATA['annotations'], before['annotations']))
    again = short_clip_subset(DATA, num_train=10, lengths=(8, 12), seed=0)
    assert again['split'] == proxy['split']
    assert short_clip_subset(DATA, num_train=10, lengths=(8, 12), seed=1)['split'] != proxy['split']


def test_more_training_clips_than_samples_or_reversed_lengths_are_refused():
    with pytest.raises(ValueError, match='num_train=100'):
        short_clip_subset(DATA, num_train=100)
    with pytest.raises(ValueError, match='lengths'):
        short_clip_subset(DATA, lengths=(20, 10))


@pytest.mark.skipif(penn_action_labels_dir() is None, reason='Penn Action labels not found')
def test_penn_action_proxy():
    proxy = short_clip_subset(convert_penn_action(penn_action_labels_dir()))
    assert len(proxy['split']['train']) == 420 and len(proxy['split']['test']) == 1068
    lengths = np.array([a['total_frames'] for a in proxy['annotations']])
    assert lengths.min() >= 15 and lengths.max() <= 40
