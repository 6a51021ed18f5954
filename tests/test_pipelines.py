"""KeypointNormalize, PackRawKeypoint and GrayscaleRender: hand-computed cases and the real host pipeline."""
import copy

import numpy as np
import pytest
import torch

from conftest import build_transform
from keypoint_plugin.host import HOST, PIPELINES, Compose
from keypoint_plugin.layouts import get_layout

COCO = get_layout('coco')
# Two joints and one limb between them: the smallest drawable layout.
STICK = dict(name='stick', parents=(0, 0), left=(), right=(), center=(0, ), upper=(1, ))
# Gaussian profile with the default sigma 0.6 at 1 pixel: exp(-1 / (2 * 0.36)).
AT_1PX = np.exp(-1 / 0.72)


def torso_pose():
    """One COCO person, two frames: shoulders 10 px above hips (torso 10), moving right by 2 px.

    Only the shoulders (5, 6) and hips (11, 12) are present; the hip center is (10, 20) then (12, 20).
    """
    keypoint = np.zeros((1, 2, 17, 2), np.float32)
    for t in range(2):
        keypoint[0, t, [5, 6, 11, 12]] = np.array([[8, 10], [12, 10], [8, 20], [12, 20]]) + [2 * t, 0]
    score = np.zeros((1, 2, 17), np.float32)
    score[0, :, [5, 6, 11, 12]] = 0.9
    return keypoint, score


def sample(num_person=2, num_frames=40, seed=0, noise=1.0):
    """A generated pyskl annotation: COCO persons walking in a 480 x 640 image, with scores."""
    rng = np.random.default_rng(seed)
    template = np.array([[0, -16], [-1, -17], [1, -17], [-2, -16.5], [2, -16.5], [-4, -12], [4, -12], [-5, -6],
                         [5, -6], [-5.5, 0], [5.5, 0], [-2.5, 0], [2.5, 0], [-2.5, 8], [2.5, 8], [-2.5, 16],
                         [2.5, 16]])
    start = rng.uniform([150, 200], [450, 280], (num_person, 1, 1, 2))
    walk = np.arange(num_frames)[None, :, None, None] * [2.0, 0.3]
    keypoint = template * 5 + start + walk + rng.normal(0, noise, (num_person, num_frames, 17, 2))
    return dict(frame_dir='demo', total_frames=num_frames, img_shape=(480, 640), original_shape=(480, 640),
                label=3, start_index=0, modality='Pose', keypoint=keypoint.astype(np.float32),
                keypoint_score=rng.uniform(0.5, 1, (num_person, num_frames, 17)).astype(np.float32))


# ---------------------------------------------------------------- KeypointNormalize


def test_normalize_skeleton_centers_on_clip_hips_and_scales_by_torso():
    keypoint, score = torso_pose()
    out = build_transform('KeypointNormalize')(dict(keypoint=keypoint, keypoint_score=score))
    # Clip center: mean hip center (11, 20); scale: torso length 10. Motion is kept (+0.2 per frame).
    expected = np.array([[[-0.3, -1], [0.1, -1], [-0.3, 0], [0.1, 0]],
                         [[-0.1, -1], [0.3, -1], [-0.1, 0], [0.3, 0]]])
    np.testing.assert_allclose(out['keypoint'][0][:, [5, 6, 11, 12]], expected, atol=1e-6)
    assert out['keypoint'].dtype == np.float32
    others = np.setdiff1d(np.arange(17), [5, 6, 11, 12])
    assert not out['keypoint'][0][:, others].any()
    np.testing.assert_array_equal(out['keypoint_score'], score)


def test_normalize_box_and_image_modes():
    keypoint, score = torso_pose()
    box = build_transform('KeypointNormalize', mode='box')(dict(keypoint=keypoint.copy(), keypoint_score=score))
    # Clip box x 8..14, y 10..20: center (11, 15), half longest side 5.
    np.testing.assert_allclose(box['keypoint'][0, 0, [5, 12]], [[-0.6, -1], [0.2, 1]], atol=1e-6)
    image = build_transform('KeypointNormalize', mode='image')(
        dict(keypoint=keypoint.copy(), keypoint_score=score, img_shape=(40, 20)))
    # x -> 2 x / 20 - 1, y -> 2 y / 40 - 1.
    np.testing.assert_allclose(image['keypoint'][0, 1, [5, 12]], [[0, -0.5], [0.4, 0]], atol=1e-6)


def test_normalize_two_persons_share_one_center_and_scale():
    keypoint, score = torso_pose()
    second = keypoint + [30, 0]
    out = build_transform('KeypointNormalize')(dict(keypoint=np.concatenate([keypoint, second]),
                                         keypoint_score=np.concatenate([score, score])))
    # Center (26, 20) is midway between the persons; both torsos are 10, so they stay 3 units apart.
    np.testing.assert_allclose(out['keypoint'][1, :, 11] - out['keypoint'][0, :, 11], [[3, 0], [3, 0]], atol=1e-6)
    np.testing.assert_allclose(out['keypoint'][0, 0, 11], [-1.8, 0], atol=1e-6)


def test_normalize_takes_statistics_per_sampled_clip():
    keypoint, score = torso_pose()
    # Two clips of one frame each: each is centered on its own hips.
    out = build_transform('KeypointNormalize')(dict(keypoint=keypoint, keypoint_score=score, num_clips=2, clip_len=1))
    np.testing.assert_allclose(out['keypoint'][0, 0], out['keypoint'][0, 1], atol=1e-6)
    np.testing.assert_allclose(out['keypoint'][0, 0, 11], [-0.2, 0], atol=1e-6)


def test_normalize_custom_center_joints_and_fallbacks():
    keypoint, score = torso_pose()
    # Centered on the shoulders, (11, 10) over the clip; the torso (shoulders to the nose, missing) falls
    # back to half the box's longest side, 5.
    out = build_transform('KeypointNormalize', center_joints=(5, 6), upper_joints=(0, ))(
        dict(keypoint=keypoint.copy(), keypoint_score=score))
    np.testing.assert_allclose(out['keypoint'][0, 0, [5, 11]], [[-0.6, 0], [-0.6, 2]], atol=1e-6)
    # No hips at all: the box center replaces the hip center, the torso scale is unavailable too.
    no_hips = score.copy()
    no_hips[0, :, [11, 12]] = 0
    out = build_transform('KeypointNormalize')(dict(keypoint=keypoint.copy(), keypoint_score=no_hips))
    # Box of the shoulders: x 8..14, y 10 -> center (11, 10), half longest side 3.
    np.testing.assert_allclose(out['keypoint'][0, 0, [5, 6]], [[-1, 0], [1 / 3, 0]], atol=1e-6)
    assert not out['keypoint'][0, :, [11, 12]].any()


def test_normalize_marks_missing_and_nan_joints():
    keypoint, score = torso_pose()
    keypoint[0, 0, 5] = np.nan  # present by score, but not finite
    keypoint[0, 0, 3] = [50, 50]  # finite, but score 0
    score[0, 1, 6] = np.nan
    out = build_transform('KeypointNormalize')(dict(keypoint=keypoint, keypoint_score=score))
    assert np.isfinite(out['keypoint']).all()
    for t, j in [(0, 5), (0, 3), (1, 6)]:
        assert not out['keypoint'][0, t, j].any() and out['keypoint_score'][0, t, j] == 0


def test_normalize_3d_without_scores():
    keypoint = np.zeros((1, 1, 25, 3), np.float32)
    ntu = get_layout('nturgb+d')
    keypoint[0, 0, list(ntu.center)] = [[-0.1, 0, 3], [0.1, 0, 3]]
    keypoint[0, 0, list(ntu.upper)] = [[-0.2, 0.5, 3], [0.2, 0.5, 3]]
    keypoint[0, 0, 3] = [0, 1, 3]
    keypoint[0, 0, 7] = np.nan
    out = build_transform('KeypointNormalize', layout='nturgb+d')(dict(keypoint=keypoint))
    score = np.zeros(25, np.float32)
    score[[12, 16, 4, 8, 3]] = 1
    np.testing.assert_array_equal(out['keypoint_score'][0, 0], score)
    # Center (0, 0, 3), torso 0.5: the head at (0, 1, 3) maps to (0, 2, 0); all-zero joints stay missing.
    np.testing.assert_allclose(out['keypoint'][0, 0, 3], [0, 2, 0], atol=1e-6)
    assert not out['keypoint'][0, 0, score == 0].any()


def test_normalize_all_missing_or_one_point_stays_finite():
    out = build_transform('KeypointNormalize')(dict(keypoint=np.full((2, 4, 17, 2), np.nan, np.float32)))
    assert not out['keypoint'].any() and not out['keypoint_score'].any()
    one = np.zeros((1, 3, 17, 2), np.float32)
    one[0, :, 11] = [5, 5]  # a single point: no torso, zero box
    out = build_transform('KeypointNormalize', mode='box')(dict(keypoint=one, keypoint_score=(one[..., 0] > 0) * 1.))
    assert np.isfinite(out['keypoint']).all() and not out['keypoint'].any()
    assert out['keypoint_score'][0, :, 11].tolist() == [1, 1, 1]


def test_normalize_rejects_bad_input():
    keypoint, score = torso_pose()
    with pytest.raises(KeyError, match="'keypoint'"):
        build_transform('KeypointNormalize')(dict(keypoint_score=score))
    with pytest.raises(ValueError, match=r'18 joints .*\(1, 2, 18, 2\)'):
        build_transform('KeypointNormalize')(dict(keypoint=np.zeros((1, 2, 18, 2), np.float32)))
    with pytest.raises(ValueError, match=r"\[M, T, V, C\].*\(2, 17, 2\)"):
        build_transform('KeypointNormalize')(dict(keypoint=keypoint[0]))
    with pytest.raises(ValueError, match=r"keypoint_score.*\(1, 2\)"):
        build_transform('KeypointNormalize')(dict(keypoint=keypoint, keypoint_score=score[..., 0]))
    with pytest.raises(ValueError, match='num_clips'):
        build_transform('KeypointNormalize')(dict(keypoint=keypoint, keypoint_score=score, num_clips=3, clip_len=1))
    with pytest.raises(KeyError, match='img_shape'):
        build_transform('KeypointNormalize', mode='image')(dict(keypoint=keypoint, keypoint_score=score))
    with pytest.raises(ValueError, match='2D'):
        build_transform('KeypointNormalize', mode='image')(dict(keypoint=np.ones((1, 2, 17, 3)), img_shape=(9, 9)))
    with pytest.raises(ValueError, match='mode'):
        build_transform('KeypointNormalize', mode='pixel')
    with pytest.raises(ValueError, match='center_joints'):
        build_transform('KeypointNormalize', center_joints=(17, ))


# ---------------------------------------------------------------- PackRawKeypoint


def packed(keypoint, score=None, **kwargs):
    results = dict(keypoint=keypoint)
    if score is not None:
        results['keypoint_score'] = score
    for key in ('num_clips', 'clip_len'):
        if key in kwargs:
            results[key] = kwargs.pop(key)
    return build_transform('PackRawKeypoint', **kwargs)(results)['keypoint']


def test_pack_layout_bones_and_score_channel():
    keypoint, score = torso_pose()
    out = packed(keypoint, score, num_person=1, feats=('joint', 'bone'), with_score=True)
    assert out.shape == (1, 5, 2, 17, 1) and out.dtype == np.float32
    np.testing.assert_array_equal(out[0, :2, 0, :, 0].T, keypoint[0, 0])  # [C', T, V, M]
    # Bones: left hip (11) minus left shoulder (5); shoulders' parent, the nose, is missing -> 0.
    np.testing.assert_array_equal(out[0, 2:4, 0, 11, 0], [0, 10])
    assert not out[0, 2:4, :, 5].any() and not out[0, 2:4, :, 0].any()
    np.testing.assert_array_equal(out[0, 4, 1, :, 0], score[0, 1])


def test_pack_motion_within_clips_and_zero_where_missing():
    keypoint = np.zeros((1, 4, 17, 2), np.float32)
    keypoint[0, :, 5] = [[1, 1], [2, 3], [4, 6], [8, 10]]  # left shoulder
    keypoint[0, :, 7] = [[1, 2], [2, 5], [0, 0], [9, 14]]  # left elbow, missing in frame 2
    feats = ('joint_motion', 'bone_motion')
    out = packed(keypoint, num_person=1, feats=feats, num_clips=2, clip_len=2)
    assert out.shape == (2, 4, 2, 17, 1)
    # Clip 0 = frames 0, 1; clip 1 = frames 2, 3; each clip's last frame has no motion.
    np.testing.assert_array_equal(out[0, :2, :, 5, 0].T, [[1, 2], [0, 0]])
    np.testing.assert_array_equal(out[1, :2, :, 5, 0].T, [[4, 4], [0, 0]])
    assert not out[1, :2, :, 7].any()  # elbow missing in frame 2
    # Elbow bone (7 - 5): (0, 1) then (0, 2); its motion (0, 1).
    np.testing.assert_array_equal(out[0, 2:, 0, 7, 0], [0, 1])
    assert not out[1, 2:].any()


def test_pack_distance_is_pairwise_and_zero_where_missing():
    keypoint = np.zeros((1, 2, 17, 2), np.float32)
    keypoint[0, :, 5] = [[0, 0.5], [1, 1]]  # left shoulder
    keypoint[0, :, 6] = [[3, 4.5], [1, 2]]  # right shoulder
    keypoint[0, 1, 7] = [4, 5]  # left elbow, missing in frame 0
    score = (keypoint != 0).any(-1).astype(np.float32)
    out = packed(keypoint, score, num_person=1, feats=('joint', 'distance'))
    assert out.shape == (1, 2 + 17, 2, 17, 1)
    distance = out[0, 2:, :, :, 0]  # [channel w, T, joint v]: joint v's distance to joint w
    np.testing.assert_allclose(distance[6, 0, 5], 5)
    np.testing.assert_allclose(distance[5, 0, 6], 5)
    np.testing.assert_allclose(distance[7, 1, 5], 5)
    assert not distance[5, :, 5].any()  # to itself
    assert not distance[7, 0].any() and not distance[:, 0, 7].any()  # the elbow is missing in frame 0


def test_pack_keeps_highest_scored_persons_in_order():
    keypoint = np.arange(4, dtype=np.float32)[:, None, None, None] + np.ones((4, 3, 17, 2), np.float32)
    score = np.ones((4, 3, 17), np.float32) * np.array([0.2, 0.9, 0.5, 0.7])[:, None, None]
    out = packed(keypoint, score, num_person=2)
    # Persons 1 (0.9) and 3 (0.7), in their original order.
    np.testing.assert_array_equal(out[0, 0, 0, 0], [2, 4])
    # Without scores (3D), the person with most present joints wins.
    keypoint3d = np.ones((3, 2, 17, 3), np.float32) * np.array([1, 2, 3])[:, None, None, None]
    keypoint3d[0, :, :10] = 0
    keypoint3d[2, :, :3] = np.nan
    out = packed(keypoint3d, num_person=1)
    np.testing.assert_array_equal(out[0, 0, 0, :, 0], np.full(17, 2))


def test_pack_pads_missing_persons_with_zeros():
    keypoint, score = torso_pose()
    out = packed(keypoint, score, num_person=3, with_score=True)
    assert out.shape == (1, 3, 2, 17, 3)
    assert out[..., 0].any() and not out[..., 1:].any()


def test_pack_double_appends_mirrored_copies():
    keypoint, score = torso_pose()
    normalized = build_transform('KeypointNormalize')(dict(keypoint=keypoint, keypoint_score=score, num_clips=2, clip_len=1))
    out = build_transform('PackRawKeypoint', num_person=1, feats=('joint', 'bone'), with_score=True, double=True)(normalized)
    out = out['keypoint']
    assert out.shape == (4, 5, 1, 17, 1)
    original, mirrored = out[:2], out[2:]
    flip = list(COCO.flip_index)
    # Mirrored: x -> -x, left and right joints swapped, for joints, bones and scores alike.
    np.testing.assert_array_equal(mirrored[:, [0, 2]], -original[:, [0, 2]][:, :, :, flip])
    np.testing.assert_array_equal(mirrored[:, [1, 3, 4]], original[:, [1, 3, 4]][:, :, :, flip])
    # A symmetric pose: the left shoulder's mirror is the right shoulder.
    np.testing.assert_allclose(mirrored[0, :2, 0, 5, 0], [-0.2, -1], atol=1e-6)


def test_pack_custom_bones_and_bad_arguments():
    keypoint, score = torso_pose()
    layout = dict(name='coco', parents=COCO.parents, left=COCO.left, right=COCO.right, center=COCO.center,
                  upper=COCO.upper, bones=[(6, 5), (12, 11)])
    out = packed(keypoint, score, num_person=1, feats=('bone', ), layout=layout)
    np.testing.assert_array_equal(out[0, :, 0, 6, 0], [4, 0])
    assert not out[0, :, :, np.setdiff1d(np.arange(17), [6, 12])].any()
    with pytest.raises(ValueError, match=r'bones \[\[6, 17\]\].*17 joints'):
        build_transform('PackRawKeypoint', layout=dict(layout, bones=[(6, 5), (6, 17)]))
    with pytest.raises(ValueError, match='feats'):
        build_transform('PackRawKeypoint', feats=('joint', 'angle'))
    with pytest.raises(ValueError, match=r'25 joints'):
        packed(np.ones((1, 2, 25, 3), np.float32))


# ---------------------------------------------------------------- GrayscaleRender


def render(keypoint, score=None, img_shape=(32, 32), **kwargs):
    results = dict(keypoint=np.asarray(keypoint, np.float32), img_shape=img_shape)
    if score is not None:
        results['keypoint_score'] = np.asarray(score, np.float32)
    return build_transform('GrayscaleRender', **kwargs)(results)['imgs']


def test_render_horizontal_limb_peaks_on_its_pixels():
    imgs = render([[[[5, 10], [15, 10]]]], [[[1, 1]]], layout=STICK, joint_radius=0)
    assert imgs.shape == (1, 1, 1, 32, 32) and imgs.dtype == np.float32
    img = imgs[0, 0, 0]
    rows, cols = np.nonzero(img == img.max())
    assert img.max() == pytest.approx(1) and set(rows) == {10} and sorted(cols) == list(range(5, 16))
    np.testing.assert_allclose(img[[9, 11], 5:16], AT_1PX, rtol=1e-5)
    np.testing.assert_allclose(img[10, [4, 16]], AT_1PX, rtol=1e-5)
    # 2 px is beyond 3 sigma = 1.8 px: nothing drawn there.
    assert not img[[8, 12]].any() and not img[:, [3, 17]].any()


def test_render_intensity_follows_scores():
    keypoint = [[[[5, 10], [15, 10]]]]
    img = render(keypoint, [[[0.5, 0.8]]], layout=STICK, joint_radius=0)[0, 0, 0]
    assert img.max() == pytest.approx(0.5)  # the limb takes its weaker end
    img = render(keypoint, [[[0.5, 0.8]]], layout=STICK, joint_radius=0.6)[0, 0, 0]
    assert img[10, 15] == pytest.approx(0.8) and img[10, 10] == pytest.approx(0.5)
    img = render(keypoint, [[[0.5, 0.8]]], layout=STICK, use_score=False)[0, 0, 0]
    assert img.max() == pytest.approx(1)
    # A joint without its partner is a blob of sigma joint_radius.
    img = render(keypoint, [[[0.5, 0]]], layout=STICK, joint_radius=1.0)[0, 0, 0]
    assert img[10, 5] == pytest.approx(0.5) and img[10, 6] == pytest.approx(0.5 * np.exp(-0.5))
    assert img[10, 15] == 0


def test_render_persons_frames_and_clips():
    keypoint = np.zeros((2, 4, 2, 2), np.float32)
    keypoint[0, :, :] = [[2, 3], [2, 9]]  # a vertical limb at x = 2
    keypoint[1, :, :] = [[20, 3], [20, 9]]  # another person's at x = 20
    keypoint[1, 3] = np.nan  # who is missing in the last frame
    results = dict(keypoint=keypoint, img_shape=(16, 24), num_clips=2, clip_len=2)
    imgs = build_transform('GrayscaleRender', layout=STICK)(results)['imgs']
    assert imgs.shape == (2, 1, 2, 16, 24)
    frames = imgs[:, 0].reshape(4, 16, 24)
    assert (frames[:, 3:10, 2] == 1).all()
    assert (frames[:3, 3:10, 20] == 1).all() and not frames[3, :, 18:].any()


def test_render_output_size_rescales_keypoints():
    imgs = render([[[[100, 50], [100, 50]]]], [[[1, 1]]], img_shape=(100, 200), layout=STICK, output_size=(50, 100))
    assert imgs.shape == (1, 1, 1, 50, 100)
    assert np.unravel_index(imgs[0, 0, 0].argmax(), (50, 100)) == (25, 50)


def test_render_double_appends_mirror_images():
    results = sample(num_person=2, num_frames=6)
    results['keypoint'] = results['keypoint'] / 10  # into the 48 x 64 canvas
    results.update(img_shape=(48, 64), num_clips=2, clip_len=3)
    single = build_transform('GrayscaleRender')(copy.deepcopy(results))['imgs']
    double = build_transform('GrayscaleRender', double=True)(copy.deepcopy(results))['imgs']
    assert double.shape == (4, 1, 3, 48, 64)
    np.testing.assert_array_equal(double[:2], single)
    # COCO's limbs are left/right symmetric, so flipped keypoints render the mirror image.
    np.testing.assert_allclose(double[2:], single[..., ::-1], atol=1e-5)


def test_render_rejects_3d_and_missing_img_shape():
    with pytest.raises(ValueError, match=r'2D.*\(1, 1, 17, 3\)'):
        build_transform('GrayscaleRender')(dict(keypoint=np.ones((1, 1, 17, 3), np.float32), img_shape=(9, 9)))
    with pytest.raises(KeyError, match='img_shape'):
        build_transform('GrayscaleRender')(dict(keypoint=np.ones((1, 1, 17, 2), np.float32)))
    with pytest.raises(ValueError, match=r'limbs \[\[0, 2\]\]'):
        build_transform('GrayscaleRender', layout=dict(STICK, limbs=[(0, 2)]))


def test_render_matches_host_limb_heatmaps():
    """Our image with joint_radius=0 is the max over the host's limb heatmap channels.

    The host cuts its profiles at a box instead of at 3 sigma, so pixels between differ by at most
    exp(-4.5) ~ 0.011 of the peak (the host draws limbs shorter than 1 px as a point: avoided here).
    """
    results = sample(num_person=2, num_frames=4, seed=1, noise=0)
    results['keypoint'] = results['keypoint'] / 5
    results['img_shape'] = (96, 128)
    ours = build_transform('GrayscaleRender', joint_radius=0)(copy.deepcopy(results))['imgs'][0, 0]
    host = build_transform('GeneratePoseTarget', sigma=0.6, with_kp=False, with_limb=True, skeletons=COCO.limbs)
    heatmaps = host(copy.deepcopy(results))['imgs']  # MMAction2: [T, H, W, limbs]; pyskl: [T, limbs, H, W]
    if HOST == 'pyskl':
        heatmaps = np.moveaxis(heatmaps, 1, -1)
    assert ours.max() > 0.5
    np.testing.assert_allclose(ours, heatmaps.max(-1), atol=0.0112)
    assert np.abs(ours - heatmaps.max(-1)).mean() < 1e-3


# ---------------------------------------------------------------- the host's registry and pipelines


def test_transforms_build_from_the_host_registry():
    for name in ('KeypointNormalize', 'PackRawKeypoint', 'GrayscaleRender'):
        transform = build_transform(name)
        assert type(transform) is PIPELINES.get(name)
        assert repr(transform).startswith(name + '(')


def test_raw_keypoint_host_pipelines_train_and_test():
    train = Compose([
        dict(type='UniformSampleFrames', clip_len=8),
        dict(type='PoseDecode'),
        dict(type='KeypointFlip', flip_ratio=0.5),
        dict(type='KeypointNormalize', mode='skeleton'),
        dict(type='PackRawKeypoint', num_person=2, feats=('joint', 'bone'), with_score=True),
        dict(type='Collect', keys=['keypoint', 'label'], meta_keys=[]),
        dict(type='ToTensor', keys=['keypoint', 'label']),
    ])
    out = train(sample(num_person=3))
    assert set(out) == {'keypoint', 'label'}
    assert isinstance(out['keypoint'], torch.Tensor) and out['keypoint'].shape == (1, 5, 8, 17, 2)
    assert out['keypoint'].dtype == torch.float32 and int(out['label']) == 3
    assert torch.isfinite(out['keypoint']).all() and out['keypoint'][:, :4].abs().max() < 5

    test = Compose([
        dict(type='UniformSampleFrames', clip_len=8, num_clips=3, test_mode=True),
        dict(type='PoseDecode'),
        dict(type='KeypointNormalize', mode='skeleton'),
        dict(type='PackRawKeypoint', num_person=2, double=True),
        dict(type='Collect', keys=['keypoint', 'label'], meta_keys=[]),
        dict(type='ToTensor', keys=['keypoint']),
    ])
    out = test(sample(num_person=1))
    assert out['keypoint'].shape == (6, 2, 8, 17, 2)
    # The mirrored clips follow the originals; the padded person stays 0.
    np.testing.assert_allclose(out['keypoint'][3:, 0], -out['keypoint'][:3, 0][:, :, list(COCO.flip_index)])
    assert not out['keypoint'][..., 1].any()


def grayscale_pipeline(*steps, render_cfg=None):
    return Compose([
        dict(type='UniformSampleFrames', clip_len=8, num_clips=2, test_mode=True),
        dict(type='PoseDecode'),
        dict(type='KeypointCompact', hw_ratio=1., allow_imgpad=True),
        dict(type='Resize', scale=(56, 56), keep_ratio=False),
        *steps,
        dict(type='GrayscaleRender', **(render_cfg or {})),
        dict(type='Collect', keys=['imgs', 'label'], meta_keys=[]),
        dict(type='ToTensor', keys=['imgs', 'label']),
    ])


def test_grayscale_host_pipeline():
    out = grayscale_pipeline()(sample())
    imgs = out['imgs']
    assert imgs.shape == (2, 1, 8, 56, 56) and imgs.dtype == torch.float32
    assert 0 <= imgs.min() and 0.5 < imgs.max() <= 1
    assert (imgs.flatten(2).amax(-1) > 0.4).all()  # every frame shows the persons


def test_grayscale_flip_matches_double_one_pixel_apart():
    np.random.seed(0)  # the same frames in both (pyskl's sampler draws them even for testing)
    double = grayscale_pipeline(render_cfg=dict(double=True))(sample())['imgs']
    np.random.seed(0)
    flipped = grayscale_pipeline(dict(type='KeypointFlip', flip_ratio=1))(sample())
    # KeypointFlip mirrors x -> w - x (as the hosts' Flip), our double x -> w - 1 - x (the pixel mirror): one
    # column apart.
    np.testing.assert_allclose(flipped['imgs'][..., 1:], double[2:, ..., :-1], atol=1e-5)


def test_random_affine_rotates_scales_and_keeps_missing_joints():
    keypoint = np.zeros((1, 2, 3, 2), np.float32)
    keypoint[0, :, 0] = (1, 0)
    keypoint[0, :, 1] = (0, 2)  # joint 2 stays missing (score 0)
    score = np.array([[[1, 1, 0]] * 2], np.float32)
    np.random.seed(0)
    out = PIPELINES.build(dict(type='RandomKeypointAffine', angle=0.5, scale=0.3))(
        dict(keypoint=keypoint.copy(), keypoint_score=score))['keypoint']
    assert np.all(out[0, :, 2] == 0)
    np.testing.assert_allclose(out[0, 0], out[0, 1])  # one transform for the whole clip
    # A rotation scaled per axis by at most 30%: lengths change by at most that much.
    lengths = np.linalg.norm(out[0, 0, :2], axis=-1) / np.array([1, 2])
    assert np.all((lengths > 0.7 - 1e-6) & (lengths < 1.3 + 1e-6))
    assert not np.allclose(out, keypoint)
    with pytest.raises(ValueError, match='scale'):
        PIPELINES.build(dict(type='RandomKeypointAffine', scale=1.5))


def test_random_affine_tilts_3d_about_every_axis():
    rng = np.random.default_rng(0)
    keypoint = rng.normal(0, 1, (1, 4, 25, 3)).astype(np.float32)
    step = PIPELINES.build(dict(type='RandomKeypointAffine', angle=1.0, scale=0, tilt=1.0))
    np.random.seed(0)
    out = step(dict(keypoint=keypoint.copy()))
    matrix = out['keypoint_affine']
    np.testing.assert_allclose(matrix @ matrix.T, np.eye(3), atol=1e-6)  # a rotation: lengths kept
    assert abs(np.linalg.det(matrix) - 1) < 1e-5
    assert abs(matrix[1, 1]) < 0.999  # the vertical axis moves too (about y alone it stays (0, 1, 0))
    np.testing.assert_allclose(out['keypoint'], keypoint @ matrix.T, atol=1e-6)
    with pytest.raises(ValueError, match='tilt=0.5 rotates 3D keypoints'):
        PIPELINES.build(dict(type='RandomKeypointAffine', tilt=0.5))(dict(keypoint=keypoint[..., :2].copy()))
    with pytest.raises(ValueError, match='tilt >= 0'):
        PIPELINES.build(dict(type='RandomKeypointAffine', tilt=-1))


@pytest.mark.parametrize('align', ['yaw', 'body'])
def test_body_frame_normalization_removes_the_camera_turn(align):
    """A clip seen from another camera angle (about y for 'yaw', about every axis for 'body') normalizes alike."""
    rng = np.random.default_rng(1)
    keypoint = rng.normal(0, 0.3, (1, 6, 20, 3)).astype(np.float32)
    keypoint[0, :, 0] = 0
    keypoint[0, :, 3] = (0, 0.6, 0)  # head above the hips: a torso axis
    keypoint[0, :, 12], keypoint[0, :, 16] = (-0.15, 0, 0.05), (0.15, 0, -0.05)  # left, right hip
    keypoint[0, 2, 7] = 0  # a missing joint stays missing
    score = (np.abs(keypoint).sum(-1) > 0).astype(np.float32)
    tilt = 0 if align == 'yaw' else 0.8
    step = PIPELINES.build(dict(type='KeypointNormalize', layout='kinect_v1', align=align))
    reference = step(dict(keypoint=keypoint.copy(), keypoint_score=score))['keypoint']
    turn = PIPELINES.build(dict(type='RandomKeypointAffine', angle=2.5, scale=0, tilt=tilt))
    np.random.seed(0)
    turned = turn(dict(keypoint=keypoint.copy(), keypoint_score=score))['keypoint']
    out = step(dict(keypoint=turned, keypoint_score=score))['keypoint']
    np.testing.assert_allclose(out, reference, atol=1e-5)
    assert (out[0, 2, 7] == 0).all()
    hips = reference[0, :, 16] - reference[0, :, 12]
    assert (hips[:, 0] > 0).all()  # the lateral axis points to +x
    with pytest.raises(ValueError, match="align='tilt'"):
        PIPELINES.build(dict(type='KeypointNormalize', align='tilt'))
    with pytest.raises(ValueError, match='needs 3D keypoints'):
        step(dict(keypoint=keypoint[..., :2].copy(), keypoint_score=score))


def test_random_joint_drop_marks_whole_joints_missing():
    rng = np.random.default_rng(0)
    keypoint = rng.normal(0, 1, (2, 6, 17, 2)).astype(np.float32)
    score = rng.uniform(0.5, 1, (2, 6, 17)).astype(np.float32)
    score[0, :, 3] = 0  # already missing: stays missing
    np.random.seed(0)
    out = PIPELINES.build(dict(type='RandomJointDrop', p=0.3))(dict(keypoint=keypoint.copy(),
                                                                    keypoint_score=score.copy()))
    dropped = out['keypoint_score'] == 0
    assert (dropped == dropped[:, :1]).all()  # a joint goes in every frame of the clip or in none
    assert 0.1 < dropped[:, 0].mean() < 0.5 and dropped[0, :, 3].all()
    assert not out['keypoint'][dropped].any()
    np.testing.assert_array_equal(out['keypoint'][~dropped], keypoint[~dropped])
    np.testing.assert_array_equal(out['keypoint_score'][~dropped], score[~dropped])
    # 3D without scores: a dropped joint is all-zero coordinates.
    out = PIPELINES.build(dict(type='RandomJointDrop', p=0.5))(dict(keypoint=rng.normal(0, 1, (1, 4, 25, 3))))
    zero = ~out['keypoint'].any(-1)
    assert zero.any() and (zero == zero[:, :1]).all() and 'keypoint_score' not in out
    with pytest.raises(ValueError, match='p must be'):
        PIPELINES.build(dict(type='RandomJointDrop', p=1))


# ---------------------------------------------------------------- skeleton steps run as one


@pytest.mark.parametrize('dims', [2, 3])
def test_fused_skeleton_steps_equal_the_steps_one_by_one(dims):
    from keypoint_plugin.pipelines import SkeletonSteps, fuse_skeleton_steps
    layout = 'coco' if dims == 2 else 'nturgb+d'
    steps = [dict(type='KeypointSampleFrames', clip_len=12, num_clips=2, interpolate=True),
             dict(type='KeypointDecode'), dict(type='KeypointFlip', layout=layout),
             dict(type='KeypointNormalize', layout=layout), dict(type='RandomKeypointAffine'),
             dict(type='RandomJointDrop', p=0.2),
             dict(type='PackRawKeypoint', feats=('joint', 'bone', 'joint_motion'), with_score=True, layout=layout),
             dict(type='Collect', keys=['keypoint', 'label'], meta_keys=[])]
    one_by_one = Compose(steps)
    fused = Compose(steps)
    fused.transforms = fuse_skeleton_steps(fused.transforms)
    # KeypointDecode hands the skeleton it makes to the steps after it.
    assert [type(t).__name__ for t in fused.transforms] == ['KeypointSampleFrames', 'SkeletonSteps', 'Collect']
    assert len(fused.transforms[1].steps) == 5 and type(fused.transforms[1].source).__name__ == 'KeypointDecode'
    for seed in range(8):
        data = sample(num_person=1 + seed % 3, seed=seed)
        if dims == 3:
            data['keypoint'] = np.random.default_rng(seed).normal(0, 1, (1 + seed % 3, 40, 25, 3))
            del data['keypoint_score']
        data['keypoint'][:, 3:6, 4] = np.nan  # missing joints by NaN (and, in 2D, by score below)
        if dims == 2:
            data['keypoint_score'][:, :, 7] = 0
        outputs = []
        for compose in (one_by_one, fused):
            np.random.seed(seed)
            outputs.append(compose(copy.deepcopy(data))['keypoint'])
        np.testing.assert_array_equal(outputs[1], outputs[0])
    # A wrong joint count is the steps' own error.
    with pytest.raises(ValueError, match='joint layout has 25'):
        SkeletonSteps([build_transform('KeypointNormalize', layout='nturgb+d')])(sample())
