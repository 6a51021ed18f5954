"""KeypointCompact: the skeletons' box from the joints present by score, border joints included."""
import copy

import numpy as np
import pytest

from keypoint_plugin.host import PIPELINES


def _sample(rng, border=False):
    keypoint = rng.uniform(40, 200, (2, 10, 17, 2)).astype(np.float32)
    score = rng.uniform(0.5, 1, (2, 10, 17)).astype(np.float32)
    keypoint[1], score[1] = 0, 0  # a padded person
    keypoint[0, :, 5], score[0, :, 5] = 0, 0  # a missing joint
    if border:
        keypoint[0, :, 9, 0] = 0  # a real joint at the left border
    return dict(keypoint=keypoint, keypoint_score=score, img_shape=(240, 320))


def test_box_spans_present_joints_and_missing_joints_stay_missing():
    sample = _sample(np.random.default_rng(0), border=True)
    out = PIPELINES.build(dict(type='KeypointCompact', padding=0.25, hw_ratio=1.))(copy.deepcopy(sample))
    present = out['keypoint_score'] > 0
    inside = out['keypoint'][present]
    height, width = out['img_shape']
    assert height == width and (inside >= 0).all() and (inside <= [width, height]).all()
    assert (out['keypoint'][~present] == 0).all()
    # Every present joint moved by one offset: the border joint too.
    shift = sample['keypoint'][present] - inside
    np.testing.assert_allclose(shift, np.broadcast_to(shift[0], shift.shape), atol=1e-4)
    # The host's PoseCompact leaves the border joint at 0 while the rest moves.
    host = PIPELINES.build(dict(type='PoseCompact', padding=0.25, hw_ratio=1.))(copy.deepcopy(sample))
    assert (host['keypoint'][0, :, 9, 0] == 0).all()
    assert (host['keypoint'][0, :, 10, 0] != sample['keypoint'][0, :, 10, 0]).all()


@pytest.mark.parametrize('hw_ratio, allow_imgpad', [(None, True), (1., True), (1., False), ((0.5, 2.), True)])
def test_matches_the_hosts_posecompact_where_no_coordinate_is_0(hw_ratio, allow_imgpad):
    rng = np.random.default_rng(1)
    for _ in range(20):
        sample = _sample(rng)
        sample['keypoint'][0, :, 5], sample['keypoint_score'][0, :, 5] = rng.uniform(40, 200, 2), 1
        sample['keypoint'], sample['keypoint_score'] = sample['keypoint'][:1], sample['keypoint_score'][:1]
        args = dict(padding=0.25, hw_ratio=hw_ratio, allow_imgpad=allow_imgpad)
        ours = PIPELINES.build(dict(type='KeypointCompact', **args))(copy.deepcopy(sample))
        host = PIPELINES.build(dict(type='PoseCompact', **args))(copy.deepcopy(sample))
        # The same box up to whole-pixel rounding.
        np.testing.assert_allclose(ours['img_shape'], host['img_shape'], atol=2)
        np.testing.assert_allclose(ours['keypoint'], host['keypoint'], atol=1.01)


def test_small_or_empty_skeletons_are_left_alone_and_3d_is_refused():
    sample = _sample(np.random.default_rng(2))
    sample['keypoint'][0] = sample['keypoint'][0] * 0.01 + 50  # a 2-pixel skeleton: under the threshold
    out = PIPELINES.build(dict(type='KeypointCompact'))(copy.deepcopy(sample))
    assert out['img_shape'] == (240, 320) and np.array_equal(out['keypoint'], sample['keypoint'])
    sample['keypoint_score'][:] = 0
    assert PIPELINES.build(dict(type='KeypointCompact'))(copy.deepcopy(sample))['img_shape'] == (240, 320)
    with pytest.raises(ValueError, match='2D pixel coordinates'):
        PIPELINES.build(dict(type='KeypointCompact'))(dict(keypoint=np.ones((1, 2, 25, 3), np.float32)))
    with pytest.raises(ValueError, match='padding'):
        PIPELINES.build(dict(type='KeypointCompact', padding=-1))
