"""KeypointSampleFrames: short clips are stretched in order (the hosts loop them, jumping from the last frame
back to the first); long clips get one frame per segment; test sampling is deterministic. KeypointDecode: the
host's PoseDecode for frame indices, linear interpolation for fractional positions, missing joints kept
missing."""
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
        # A long clip: one frame from each of clip_len equal segments. Random training draws in neighbouring
        # segments may still fall in one frame where a segment boundary is fractional; test clips may not.
        segment = np.arange(clip_len) * total / clip_len
        assert (inds >= np.floor(segment)).all() and (inds < segment + total / clip_len).all()
        if test_mode:
            assert (np.diff(inds, axis=1) > 0).all()


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


@settings(max_examples=200, deadline=None)
@given(total=st.integers(1, 300), clip_len=st.integers(1, 64), num_clips=st.integers(1, 4),
       test_mode=st.booleans(), low=st.floats(0.05, 1))
def test_interpolated_positions_are_in_range_in_order_and_next_to_the_indices(total, clip_len, num_clips,
                                                                               test_mode, low):
    kwargs = dict(clip_len=clip_len, num_clips=num_clips, test_mode=test_mode, p_interval=(low, 1))
    np.random.seed(0)
    inds = _sample(total, **kwargs)['frame_inds'].reshape(num_clips, clip_len)
    np.random.seed(0)
    pos = _sample(total, interpolate=True, **kwargs)['frame_inds'].reshape(num_clips, clip_len)
    assert pos.dtype.kind == 'f' and pos.min() >= 0 and pos.max() <= total - 1
    assert (np.diff(pos, axis=1) >= 0).all()
    # The same draws: each position lies within half a frame of the frame the index sampling takes.
    assert (np.abs(pos - inds) <= 0.5 + 1e-9).all()


def test_a_stretched_clip_moves_smoothly_when_interpolated():
    keypoint = np.zeros((1, 10, 17, 2), np.float32)
    keypoint[..., 0] = np.arange(10, dtype=np.float32)[None, :, None]  # constant velocity of 1 per frame
    results = dict(total_frames=10, start_index=0, keypoint=keypoint, keypoint_score=np.ones((1, 10, 17)))
    pipelines = {interpolate: [PIPELINES.build(dict(type='KeypointSampleFrames', clip_len=48, test_mode=True,
                                                    interpolate=interpolate)),
                               PIPELINES.build(dict(type='KeypointDecode'))] for interpolate in (False, True)}
    velocity = {}
    for interpolate, (sample, decode) in pipelines.items():
        velocity[interpolate] = np.diff(decode(sample(dict(results)))['keypoint'][0, :, 0, 0])
    assert set(np.round(velocity[False], 6)) == {0, 1}  # repeated frames: still, then a jump
    # Evenly spaced positions; only the first and last two hold still or step less, where the positions
    # before the first frame's centre and after the last one's are clipped to those frames.
    np.testing.assert_allclose(velocity[True][3:-3], 10 / 48, rtol=1e-5)
    assert (velocity[True] >= 0).all() and (velocity[True] <= 10 / 48 + 1e-6).all()


@st.composite
def _clips(draw):
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    num_person, total, dims = draw(st.integers(0, 2)), draw(st.integers(1, 30)), draw(st.sampled_from([2, 3]))
    keypoint = rng.normal(0, 100, (num_person, total, 5, dims)).astype(np.float32)
    missing = rng.random((num_person, total, 5)) < draw(st.sampled_from([0., 0.3, 1.]))
    results = dict(total_frames=total, start_index=0)
    if dims == 2:
        results['keypoint_score'] = np.where(missing, 0, rng.uniform(0.1, 1, missing.shape)).astype(np.float32)
        keypoint[missing] = rng.normal(0, 100, keypoint[missing].shape)  # a missing joint's coordinates: noise
    else:
        keypoint[missing] = 0
    results['keypoint'] = keypoint
    return results, missing


@settings(max_examples=100, deadline=None)
@given(clip=_clips(), clip_len=st.integers(1, 64), test_mode=st.booleans())
def test_decode_matches_posedecode_on_indices_and_interpolates_present_joints(clip, clip_len, test_mode):
    results, missing = clip
    sampled = PIPELINES.build(dict(type='KeypointSampleFrames', clip_len=clip_len, test_mode=test_mode,
                                   interpolate=True))(dict(results))
    pos = sampled['frame_inds']
    decode = PIPELINES.build(dict(type='KeypointDecode'))
    host = PIPELINES.build(dict(type='PoseDecode'))
    # Frame indices: exactly the host's PoseDecode.
    inds = np.floor(pos).astype(np.int64)
    for key, value in decode(dict(results, frame_inds=inds)).items():
        np.testing.assert_array_equal(value, host(dict(results, frame_inds=inds))[key])

    out = decode(sampled)
    low, high = inds, np.minimum(inds + 1, results['total_frames'] - 1)
    nearer = np.where(pos - low < 0.5, low, high)
    both = ~missing[:, low] & ~missing[:, high]
    # A joint is missing where it is missing in the nearer frame and its neighbour is not both-present.
    out_missing = (out['keypoint_score'] == 0) if 'keypoint_score' in out else ~out['keypoint'].any(-1)
    np.testing.assert_array_equal(out_missing, ~both & missing[:, nearer])
    if (pos != low).any():  # interpolated: missing joints at exactly 0 (PoseDecode keeps what they hold)
        assert not out['keypoint'][out_missing].any()
    # Present joints lie on the segment between their two neighbouring frames.
    w = (pos - low)[None, :, None, None]
    expected = (1 - w) * results['keypoint'][:, low] + w * results['keypoint'][:, high]
    np.testing.assert_allclose(out['keypoint'][both], expected[both], rtol=1e-4, atol=1e-3)


def test_decode_rejects_positions_outside_the_clip():
    results = dict(total_frames=4, keypoint=np.ones((1, 4, 17, 2), np.float32))
    for bad in ([-0.5, 1.0], [0.5, 3.5]):
        with pytest.raises(ValueError, match='frame positions'):
            PIPELINES.build(dict(type='KeypointDecode'))(dict(results, frame_inds=np.array(bad)))
