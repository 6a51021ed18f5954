"""Properties of the keypoint pipelines over random shapes, persons, missing joints and NaNs."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import build_transform
from keypoint_plugin.layouts import get_layout

SETTINGS = settings(max_examples=50, deadline=None)
FEATS = ('joint', 'bone', 'joint_motion', 'bone_motion', 'distance')


@st.composite
def skeletons(draw, dims=(2, 3), scales=(1e-3, 1., 50., 1e4)):
    """A result dict as left by the host's sampler and PoseDecode, with random gaps and NaNs."""
    num_coords = draw(st.sampled_from(dims))
    layout = get_layout('coco' if num_coords == 2 else 'nturgb+d')
    num_person = draw(st.integers(0, 3))
    num_clips, clip_len = draw(st.integers(1, 3)), draw(st.integers(1, 4))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    shape = (num_person, num_clips * clip_len, layout.num_joints)
    scale = draw(st.sampled_from(scales))
    keypoint = (rng.normal(0, scale, shape + (num_coords, )) + rng.uniform(-scale, scale, num_coords))
    missing = rng.random(shape) < draw(st.sampled_from([0., 0.3, 0.9, 1.]))
    keypoint[rng.random(shape + (num_coords, )) < draw(st.sampled_from([0., 0.05, 0.5]))] = np.nan
    results = dict(num_clips=num_clips, clip_len=clip_len, img_shape=(int(rng.integers(1, 5) * 16), 48))
    if num_coords == 2 or draw(st.booleans()):
        results['keypoint_score'] = np.where(missing, 0, rng.uniform(0, 1, shape)).astype(np.float32)
    else:
        keypoint[missing] = 0
    results['keypoint'] = keypoint.astype(np.float32)
    return layout, results


def mirror(packed, flip_index, num_coords, feats):
    """Negate the x channel of each coordinate feature and swap left and right joints (and distance channels)."""
    flip_index = list(flip_index)
    out = packed[:, :, :, flip_index].copy()
    start = 0
    for feat in feats:
        if feat == 'distance':
            out[:, start:start + len(flip_index)] = out[:, start:start + len(flip_index)][:, flip_index]
            start += len(flip_index)
        else:
            out[:, start] *= -1
            start += num_coords
    return out


@SETTINGS
@given(skeletons(), st.sampled_from(['skeleton', 'box', 'image']))
def test_normalize_is_finite_and_keeps_missing_joints_missing(case, mode):
    layout, results = case
    if mode == 'image' and results['keypoint'].shape[-1] == 3:
        mode = 'box'
    keypoint = results['keypoint'].copy()
    out = build_transform('KeypointNormalize', mode=mode, layout=layout.name)(results)
    assert out['keypoint'].shape == keypoint.shape and out['keypoint'].dtype == np.float32
    assert out['keypoint_score'].shape == keypoint.shape[:3]
    assert np.isfinite(out['keypoint']).all() and np.isfinite(out['keypoint_score']).all()
    missing = out['keypoint_score'] == 0
    assert not out['keypoint'][missing].any()
    # Present joints are those with finite coordinates (and a positive score, or nonzero coordinates).
    assert (missing | np.isfinite(keypoint).all(-1)).all()
    if mode == 'box':
        assert np.abs(out['keypoint']).max(initial=0) <= 1 + 1e-5


@SETTINGS
@given(skeletons(dims=(2, ), scales=(1., 50.)), st.sampled_from(['skeleton', 'box']), st.floats(0.1, 10),
       st.floats(-100, 100))
def test_normalize_ignores_where_and_how_large_the_clip_is(case, mode, factor, shift):
    layout, results = case
    moved = dict(results, keypoint=results['keypoint'] * np.float32(factor) + np.float32(shift))
    normalize = build_transform('KeypointNormalize', mode=mode, layout=layout.name)
    expected = normalize(dict(results))['keypoint']
    np.testing.assert_allclose(normalize(moved)['keypoint'], expected, atol=1e-3, rtol=1e-3)


@SETTINGS
@given(skeletons(), st.integers(1, 3), st.lists(st.sampled_from(FEATS), min_size=1, max_size=5, unique=True),
       st.booleans(), st.booleans())
def test_pack_shapes_finite_and_double_flips_back(case, num_person, feats, with_score, double):
    layout, results = case
    num_clips, clip_len = results['num_clips'], results['clip_len']
    num_coords = results['keypoint'].shape[-1]
    normalized = build_transform('KeypointNormalize', layout=layout.name)(results)
    pack = build_transform('PackRawKeypoint', num_person=num_person, feats=feats, with_score=with_score, double=double,
                 layout=layout.name)
    out = pack(normalized)['keypoint']
    channels = sum(layout.num_joints if f == 'distance' else num_coords for f in feats) + with_score
    assert out.shape == (num_clips * (1 + double), channels, clip_len, layout.num_joints, num_person)
    assert out.dtype == np.float32 and np.isfinite(out).all()
    if double:
        # Mirroring the appended copies once more gives the originals back.
        back = mirror(out[num_clips:], layout.flip_index, num_coords, feats)
        np.testing.assert_allclose(back, out[:num_clips], atol=1e-6)


@SETTINGS
@given(skeletons(dims=(3, ), scales=(1e-3, 1., 50.)), st.floats(-np.pi, np.pi), st.floats(-np.pi, np.pi),
       st.floats(-100, 100))
def test_pack_distance_ignores_where_the_camera_stands(case, yaw, pitch, shift):
    layout, results = case
    rotation = (np.array([[np.cos(yaw), 0, np.sin(yaw)], [0, 1, 0], [-np.sin(yaw), 0, np.cos(yaw)]])
                @ np.array([[1, 0, 0], [0, np.cos(pitch), -np.sin(pitch)], [0, np.sin(pitch), np.cos(pitch)]]))
    keypoint = results['keypoint']
    present = np.isfinite(keypoint).all(-1)  # as the pipeline reads them: scored, or else not all zeros
    present &= results['keypoint_score'] > 0 if 'keypoint_score' in results else (keypoint != 0).any(-1)
    moved = np.where(present[..., None], keypoint @ rotation.T.astype(np.float32) + np.float32(shift), 0)
    if 'keypoint_score' in results:  # missing joints, NaNs included, are zeros with score 0 before and after
        results['keypoint_score'] = np.where(present, results['keypoint_score'], 0)
    pack = build_transform('PackRawKeypoint', num_person=3, feats=('distance', ), layout=layout.name)
    expected = pack(dict(results, keypoint=np.where(present[..., None], keypoint, 0)))['keypoint']
    out = pack(dict(results, keypoint=moved.astype(np.float32)))['keypoint']
    scale = np.abs(np.where(present[..., None], keypoint, 0)).max(initial=1)
    np.testing.assert_allclose(out, expected, atol=1e-4 * scale + 1e-4 * abs(shift), rtol=1e-4)


@SETTINGS
@given(st.integers(0, 2**32 - 1), st.floats(-0.8, 0.8), st.floats(-0.4, 0.4))
def test_level_ignores_the_cameras_height(seed, pitch, lean):
    """A camera placed higher or lower around the person (the clip turned about the horizontal x axis through its
    centre) gives the same skeletons with ``KeypointProject(level=True)`` and ``KeypointNormalize(align='level')``,
    whose torso axis then has no depth component."""
    layout = get_layout('kinect_v1')
    rng = np.random.default_rng(seed)
    keypoint = rng.normal(0, 0.3, (1, 4, layout.num_joints, 3)).astype(np.float32)
    keypoint[..., list(layout.upper), 1] += 0.6  # the shoulders above the hips
    keypoint[..., list(layout.upper), 2] += lean  # leaning towards or away from the camera
    keypoint[..., 2] += 3
    keypoint[0, 1, 5] = 0  # a missing joint
    present = (keypoint != 0).any(-1)
    centre = keypoint[present].mean(0)
    about_x = np.array([[1, 0, 0], [0, np.cos(pitch), -np.sin(pitch)], [0, np.sin(pitch), np.cos(pitch)]])
    turned = np.where(present[..., None], (keypoint - centre) @ about_x.T.astype(np.float32) + centre, 0)
    for step, atol in ((build_transform('KeypointProject', level=True, layout='kinect_v1'), 1e-2),  # pixels
                       (build_transform('KeypointNormalize', layout='kinect_v1', align='level'), 1e-4)):
        expected = step(dict(keypoint=keypoint.copy()))['keypoint']
        np.testing.assert_allclose(step(dict(keypoint=turned.astype(np.float32)))['keypoint'], expected, atol=atol)
    assert (expected[0, 1, 5] == 0).all()
    torso = expected[..., list(layout.upper), :].mean(-2) - expected[..., list(layout.center), :].mean(-2)
    assert abs(torso.mean((0, 1))[2]) < 1e-4 and torso.mean((0, 1))[1] > 0


@SETTINGS
@given(skeletons(dims=(2, )), st.booleans(), st.sampled_from([0., 0.6, 1.5]))
def test_render_shapes_range_and_double_is_the_mirror(case, use_score, joint_radius):
    layout, results = case
    height, width = results['img_shape']
    # Put the skeletons around the canvas, some of it off the canvas.
    results['keypoint'] = results['keypoint'] / np.nanmax(np.abs(results['keypoint']), initial=1) * 40 + [24, 20]
    render = build_transform('GrayscaleRender', use_score=use_score, joint_radius=joint_radius, double=True)
    imgs = render(results)['imgs']
    num_clips = results['num_clips']
    assert imgs.shape == (2 * num_clips, 1, results['clip_len'], height, width) and imgs.dtype == np.float32
    assert np.isfinite(imgs).all() and imgs.min() >= 0 and imgs.max() <= 1
    # COCO's limbs are left/right symmetric: the flipped render, mirrored back, is the original.
    np.testing.assert_allclose(imgs[num_clips:, ..., ::-1], imgs[:num_clips], atol=1e-5)


def dense_render(keypoint, score, shape, sigma, joint_radius, limbs):
    """Every segment evaluated on every pixel, in float64; also where a pixel lies on a 3 sigma cut."""
    height, width = shape
    ys, xs = np.mgrid[:height, :width].astype(np.float64)
    img, on_cut = np.zeros(shape), np.zeros(shape, bool)
    segments = [(a, b, s) for a, b in limbs for s in [sigma]]
    if joint_radius:
        segments += [(j, j, joint_radius) for j in range(keypoint.shape[1])]
    for person, person_score in zip(keypoint.astype(np.float64), score):
        for a, b, s in segments:
            value = min(person_score[a], person_score[b])
            if value <= 0:
                continue
            start, delta = person[a], person[b] - person[a]
            t = np.clip(((xs - start[0]) * delta[0] + (ys - start[1]) * delta[1]) / max(delta @ delta, 1e-300), 0, 1)
            dist = np.hypot(xs - start[0] - t * delta[0], ys - start[1] - t * delta[1])
            img = np.maximum(img, np.where(dist <= 3 * s, value * np.exp(-dist**2 / (2 * s * s)), 0))
            on_cut |= np.abs(dist - 3 * s) < 1e-4
    return img, on_cut


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 3), st.floats(0.3, 2), st.sampled_from([0., 0.6, 1.5]),
       st.booleans())
def test_render_equals_dense_evaluation(seed, num_person, sigma, joint_radius, on_grid):
    rng = np.random.default_rng(seed)
    height, width = int(rng.integers(4, 24)), int(rng.integers(4, 24))
    keypoint = rng.uniform(-4, 28, (num_person, 1, 17, 2)).astype(np.float32)
    if on_grid:  # limbs along rows and columns, and ends on pixel centers
        keypoint = np.round(keypoint)
    score = (rng.uniform(0, 1, (num_person, 1, 17)) * (rng.random((num_person, 1, 17)) > 0.2)).astype(np.float32)
    render = build_transform('GrayscaleRender', sigma=sigma, joint_radius=joint_radius)
    img = render(dict(keypoint=keypoint, keypoint_score=score, img_shape=(height, width)))['imgs'][0, 0, 0]
    expected, on_cut = dense_render(keypoint[:, 0], score[:, 0], (height, width), sigma, joint_radius,
                                    get_layout('coco').limbs)
    np.testing.assert_allclose(img[~on_cut], expected[~on_cut], atol=1e-5)
