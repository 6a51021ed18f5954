"""KeypointSampleFrames: short clips are stretched in order (the hosts loop them, jumping from the last frame
back to the first); long clips get one frame per segment; test sampling is deterministic."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from keypoint_plugin.host import PIPELINES


def _sample(total_frames, **kwargs):
    return PIPELINES.build(dict(type='KeypointSampleFrames', **kwargs))(
        dict(total_frames=total_frames, start_index=0))


@settings(max_examples=200, deadline=None)
@given(total=st.integers(1, 300), clip_len=st.integers(1, 64), num_clips=st.integers(1, 4),
       test_mode=st.booleans(), low=st.floats(0.05, 1))
def test_every_clip_is_in_range_and_in_order(total, clip_len, num_clips, test_mode, low):
    out = _sample(total, clip_len=clip_len, num_clips=num_clips, test_mode=test_mode, p_interval=(low, 1))
    inds = out['frame_inds'].reshape(num_clips, clip_len)
    assert out['clip_len'] == clip_len and out['num_clips'] == num_clips
    assert inds.min() >= 0 and inds.max() < total
    assert (np.diff(inds, axis=1) >= 0).all()  # time never runs backwards, so no looping jump
    if total >= clip_len and (test_mode or low == 1):
        assert (np.diff(inds, axis=1) > 0).all()  # a long clip: one frame from each segment


def test_short_clip_is_stretched_and_the_host_loops_it():
    ours = _sample(10, clip_len=48, test_mode=True)['frame_inds']
    assert set(ours) == set(range(10)) and (np.diff(ours) >= 0).all()
    host = PIPELINES.build(dict(type='UniformSampleFrames', clip_len=48, num_clips=1, test_mode=True))(
        dict(total_frames=10, start_index=0))['frame_inds']
    assert (np.diff(host) < 0).any()  # the host's clip jumps back to an earlier frame


def test_test_mode_is_deterministic_and_leaves_the_global_random_state_alone():
    np.random.seed(3)
    expected = np.random.rand()
    np.random.seed(3)
    first = _sample(100, clip_len=8, num_clips=3, test_mode=True)['frame_inds']
    assert np.random.rand() == expected
    assert np.array_equal(first, _sample(100, clip_len=8, num_clips=3, test_mode=True)['frame_inds'])
    # pyskl's datasets mark test samples in the results instead of the transform.
    marked = PIPELINES.build(dict(type='KeypointSampleFrames', clip_len=8, num_clips=3))(
        dict(total_frames=100, start_index=0, test_mode=True))['frame_inds']
    assert np.array_equal(first, marked)
    # The 3 clips start at different frames of the first segment, spread evenly.
    assert list(first.reshape(3, 8)[:, 0]) == [2, 6, 10]


def test_p_interval_keeps_a_window_of_the_drawn_length():
    np.random.seed(0)
    spans = [np.ptp(_sample(100, clip_len=20, p_interval=0.5)['frame_inds']) for _ in range(200)]
    assert min(spans) >= 45 and max(spans) <= 99 and np.std(spans) > 5


def test_bad_arguments_and_empty_clips_are_named():
    with pytest.raises(ValueError, match='p_interval'):
        PIPELINES.build(dict(type='KeypointSampleFrames', clip_len=8, p_interval=(0.5, 1.5)))
    with pytest.raises(ValueError, match='clip_len'):
        PIPELINES.build(dict(type='KeypointSampleFrames', clip_len=0))
    with pytest.raises(ValueError, match='total_frames=0'):
        _sample(0, clip_len=8)
