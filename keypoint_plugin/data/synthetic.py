"""Procedurally generated skeleton action clips in pyskl's annotation format.

A stick figure with human proportions is posed by per-class joint-angle trajectories (forward kinematics in
3D), placed in a scene and seen by a camera: projected to image pixels for 2D data (COCO-17, like a 2D pose
estimator's output, with scores), or kept in metric camera coordinates for 3D data (like Kinect's NTU RGB+D
skeletons, without scores). Every clip varies speed, phase, amplitude, body size and proportions, position,
view (yaw), camera roll and drift, and carries joint noise, occluded joints (lower score, more noise) and
missing joints (score 0, coordinates 0), so that classes differ by their motion and not by a shortcut.

All the actions are symmetric or alternate sides (flip-invariant), so horizontal flip augmentation with the
layout's ``flip_index`` is label-preserving on this data. With ``num_person=2`` every clip has two people:
a solo action is done next to an idle bystander, and two interaction classes (``handshake``, ``push``)
replace the last solo classes.
"""
import numpy as np
from scipy.ndimage import gaussian_filter1d, uniform_filter1d

SOLO_ACTIONS = ('raise_arms', 'squat', 'jumping_jacks', 'walk_in_place', 'bow', 'clap', 'punch', 'kick')
INTERACTIONS = ('handshake', 'push')

# Points of the body model, in the order the forward kinematics stacks them: singles, then left/right pairs.
_SINGLES = ('pelvis', 'spine_mid', 'spine_shoulder', 'neck', 'head', 'nose')
_PAIRS = ('eye', 'ear', 'shoulder', 'elbow', 'wrist', 'hand', 'tip', 'thumb', 'hip', 'knee', 'ankle', 'foot')
_POINTS = _SINGLES + tuple(f'{side}_{name}' for name in _PAIRS for side in 'lr')

# Joint names of each supported layout, in the layout's joint order.
LAYOUT_POINTS = {
    'coco': ('nose', 'l_eye', 'r_eye', 'l_ear', 'r_ear', 'l_shoulder', 'r_shoulder', 'l_elbow', 'r_elbow',
             'l_wrist', 'r_wrist', 'l_hip', 'r_hip', 'l_knee', 'r_knee', 'l_ankle', 'r_ankle'),
    'nturgb+d': ('pelvis', 'spine_mid', 'neck', 'head', 'l_shoulder', 'l_elbow', 'l_wrist', 'l_hand',
                 'r_shoulder', 'r_elbow', 'r_wrist', 'r_hand', 'l_hip', 'l_knee', 'l_ankle', 'l_foot', 'r_hip',
                 'r_knee', 'r_ankle', 'r_foot', 'spine_shoulder', 'l_tip', 'l_thumb', 'r_tip', 'r_thumb'),
}

# Segment lengths and half widths as fractions of body height (standing: hips at 0.53, shoulders at 0.80).
_BODY = dict(shin=0.245, thigh=0.245, torso=0.29, upper_arm=0.175, forearm=0.155, hip_width=0.085,
             shoulder_width=0.12, ankle_height=0.04)
_SIDES = np.array([1., -1.])  # left, right: the person's left is +x of the body frame
_X, _Y, _Z = np.eye(3)  # body frame: x to the person's left, y up, z forward


def _unit(v):
    return v / np.maximum(np.linalg.norm(v, axis=-1, keepdims=True), 1e-9)


def _limb(elevation, plane, down, lateral, forward):
    """Unit directions [T, 2, 3] of the left/right limbs.

    ``elevation`` [T, 2] is the angle from ``down``; ``plane`` [T, 2] turns the raised limb from sideways (0)
    to ``forward`` (pi/2) and, beyond, across the body. Frame vectors are [T, 3].
    """
    e, p = elevation[..., None], plane[..., None]
    outward = _SIDES[None, :, None] * lateral[:, None]
    return np.cos(e) * down[:, None] + np.sin(e) * (np.cos(p) * outward + np.sin(p) * forward[:, None])


def _bend(direction, angle, toward):
    """Rotate ``direction`` [T, 2, 3] by ``angle`` [T, 2] in the plane that contains ``toward``."""
    w = _unit(toward - np.sum(toward * direction, axis=-1, keepdims=True) * direction)
    return np.cos(angle)[..., None] * direction + np.sin(angle)[..., None] * w


def _forward_kinematics(pose, body):
    """Body-frame points [T, len(_POINTS), 3] of a pose, standing on the ground plane y = 0.

    Args:
        pose (dict): per-frame angles in radians: ``bend`` [T] (torso forward lean), ``arm`` and ``leg``
            [T, 2, 3] (left/right elevation, plane, elbow/knee bend), and ``lift`` [T] (height above the
            ground) and ``shift`` [T] (forward displacement) in body heights.
        body (dict): segment lengths, as in ``_BODY``.
    """
    ones = np.ones((len(pose['bend']), 1))
    world_up, world_fwd, lateral = ones * _Y, ones * _Z, ones * _X
    sides = _SIDES[:, None] * _X
    # The torso leans about the hips: arms and head move with it, legs stay in the world frame.
    up = np.stack([0 * pose['bend'], np.cos(pose['bend']), np.sin(pose['bend'])], axis=-1)
    fwd = np.stack([0 * pose['bend'], -np.sin(pose['bend']), np.cos(pose['bend'])], axis=-1)

    pelvis = pose['shift'][:, None] * _Z
    hips = pelvis[:, None] + body['hip_width'] * sides
    thigh = _limb(pose['leg'][..., 0], pose['leg'][..., 1], -world_up, lateral, world_fwd)
    knees = hips + body['thigh'] * thigh
    shin = _bend(thigh, pose['leg'][..., 2], (-world_fwd - world_up)[:, None])
    ankles = knees + body['shin'] * shin
    feet = ankles + 0.1 * _Z - 0.03 * _Y

    neck = pelvis + body['torso'] * up
    shoulders = neck[:, None] - 0.02 * up[:, None] + body['shoulder_width'] * sides
    upper_arm = _limb(pose['arm'][..., 0], pose['arm'][..., 1], -up, lateral, fwd)
    elbows = shoulders + body['upper_arm'] * upper_arm
    forearm = _bend(upper_arm, pose['arm'][..., 2], (up + fwd)[:, None])
    wrists = elbows + body['forearm'] * forearm
    thumbs = wrists + 0.05 * _bend(forearm, np.full(forearm.shape[:2], 0.8),
                                   fwd[:, None] - 0.5 * sides + 0.1 * up[:, None])

    nose = neck + 0.1 * up + 0.045 * fwd
    eyes = nose[:, None] + 0.025 * up[:, None] + 0.03 * sides - 0.015 * fwd[:, None]
    ears = nose[:, None] + 0.075 * sides - 0.075 * fwd[:, None]
    singles = np.stack([pelvis, (pelvis + neck) / 2, neck, neck + 0.05 * up, neck + 0.13 * up, nose], axis=1)
    pairs = np.concatenate([eyes, ears, shoulders, elbows, wrists, wrists + 0.04 * forearm,
                            wrists + 0.09 * forearm, thumbs, hips, knees, ankles, feet], axis=1)
    points = np.concatenate([singles, pairs], axis=1)
    # Stand the lower ankle on the ground, then apply the jump.
    ground = body['ankle_height'] - np.minimum(ankles[:, 0, 1], ankles[:, 1, 1]) + pose['lift']
    points[..., 1] += ground[:, None]
    return points


def _rotate_y(points, angle):
    """Turn points [..., 3] about the vertical axis; a body facing +z then faces (sin a, 0, cos a)."""
    c, s = np.cos(angle), np.sin(angle)
    return np.stack([c * points[..., 0] + s * points[..., 2], points[..., 1],
                     -s * points[..., 0] + c * points[..., 2]], axis=-1)


class _Clock:
    """Time base of one clip: ``t`` frames, a random period in ``periods`` (frames) and a random phase."""

    def __init__(self, rng, num_frames, periods):
        self.t = np.arange(num_frames, dtype=np.float64)
        self.period = rng.uniform(*periods)
        self.phase = rng.uniform(0, 2 * np.pi)
        self.start = rng.uniform(0.15, 0.45) * num_frames

    def sin(self):
        return np.sin(2 * np.pi * self.t / self.period + self.phase)

    def cycle(self):
        """0 -> 1 -> 0 once per period."""
        return 0.5 - 0.5 * np.cos(2 * np.pi * self.t / self.period + self.phase)

    def ramp(self, delay=0., duration=8.):
        """Smooth 0 -> 1 step at ``start + delay`` frames."""
        return 1 / (1 + np.exp(-(self.t - self.start - delay) / (duration / 4)))


def _neutral(num_frames):
    """Standing pose with the arms hanging."""
    return dict(bend=np.zeros(num_frames), lift=np.zeros(num_frames), shift=np.zeros(num_frames),
                arm=np.tile(np.deg2rad([8., 0., 10.]), (num_frames, 2, 1)),
                leg=np.tile(np.deg2rad([2., 0., 3.]), (num_frames, 2, 1)))


def _sway(pose, rng):
    """Add a slow individual wobble to every angle, so no two performances are alike."""
    for key, degrees in dict(bend=2., arm=4., leg=1.5).items():
        noise = gaussian_filter1d(rng.standard_normal(pose[key].shape), sigma=6, axis=0, mode='nearest')
        pose[key] += np.deg2rad(degrees) * noise / max(noise.std(), 1e-9)


def _guard(pose):
    """Fists up in front of the chest."""
    pose['arm'][..., 0] = np.deg2rad(25.)
    pose['arm'][..., 1] = np.deg2rad(95.)
    pose['arm'][..., 2] = np.deg2rad(125.)


def _alternate(clock):
    """[T, 2] activations of the left and right side taking turns."""
    s = clock.sin()
    return np.stack([np.maximum(s, 0), np.maximum(-s, 0)], axis=-1)


def _raise_arms(pose, rng, clock, amp):
    c = clock.cycle()[:, None]
    pose['arm'][..., 0] = np.deg2rad(np.minimum(10 + 150 * amp * c, 175))
    pose['arm'][..., 1] = np.deg2rad(rng.uniform(10, 50))
    pose['arm'][..., 2] = np.deg2rad(10 + 20 * (1 - c))


def _squat(pose, rng, clock, amp):
    c = clock.cycle()
    thigh = np.deg2rad(min(95 * amp, 105)) * c[:, None]
    pose['leg'][..., 0], pose['leg'][..., 1], pose['leg'][..., 2] = thigh, np.deg2rad(80.), 1.2 * thigh
    pose['bend'] += np.deg2rad(35 * amp) * c
    pose['arm'][..., 0] += np.deg2rad(rng.uniform(40, 80) * amp) * c[:, None]
    pose['arm'][..., 1] = np.deg2rad(90.)


def _jumping_jacks(pose, rng, clock, amp):
    c = clock.cycle()[:, None]
    pose['arm'][..., 0] = np.deg2rad(np.minimum(15 + 150 * amp * c, 175))
    pose['arm'][..., 1] = np.deg2rad(5.)
    pose['leg'][..., 0] = np.deg2rad(3 + 15 * amp * c)
    pose['leg'][..., 1] = 0.
    pose['lift'] += 0.04 * amp * np.abs(clock.sin())


def _walk_in_place(pose, rng, clock, amp):
    step = _alternate(clock)
    thigh = np.deg2rad(40 * amp) * step
    pose['leg'][..., 0], pose['leg'][..., 1], pose['leg'][..., 2] = thigh, np.deg2rad(90.), 1.6 * thigh
    # Each arm swings forward with the opposite leg.
    pose['arm'][..., 0] = np.deg2rad(25 * amp) * clock.sin()[:, None] * np.array([-1., 1.])
    pose['arm'][..., 1] = np.deg2rad(90.)
    pose['arm'][..., 2] = np.deg2rad(25.)


def _bow(pose, rng, clock, amp):
    c = clock.cycle()
    bend = np.deg2rad(min(70 * amp, 85)) * c
    pose['bend'] += bend
    # Arms keep hanging down while the torso leans, and the hips move back for balance.
    pose['arm'][..., 0] = bend[:, None] + np.deg2rad(5.)
    pose['arm'][..., 1] = np.deg2rad(90.)
    pose['shift'] -= 0.08 * c


def _clap(pose, rng, clock, amp):
    c = clock.cycle()[:, None]
    pose['arm'][..., 0] = np.deg2rad(rng.uniform(65, 90))
    pose['arm'][..., 1] = np.deg2rad(np.minimum(40 + 75 * amp * c, 118))
    pose['arm'][..., 2] = np.deg2rad(20.)


def _punch(pose, rng, clock, amp):
    _guard(pose)
    hit = np.minimum(_alternate(clock) * amp, 1)
    pose['arm'][..., 0] += np.deg2rad(60.) * hit
    pose['arm'][..., 2] *= 1 - hit


def _kick(pose, rng, clock, amp):
    _guard(pose)
    kick = _alternate(clock)
    pose['leg'][..., 0] = np.deg2rad(80 * amp) * kick
    pose['leg'][..., 1] = np.deg2rad(90.)
    # The knee is bent while the leg swings up and straight at the top of the kick.
    pose['leg'][..., 2] = np.deg2rad(280.) * kick * (1 - kick)


def _handshake(poses, rng, clock, amp):
    reach = clock.ramp(duration=12) * (1 - clock.ramp(delay=rng.uniform(25, 45), duration=12))
    shake = np.deg2rad(8.) * np.sin(2 * np.pi * clock.t / rng.uniform(8, 14))
    for pose in poses:
        right = pose['arm'][:, 1]
        right[:, 0] += (np.deg2rad(47 * amp) + shake) * reach
        right[:, 1] += np.deg2rad(100.) * reach
        right[:, 2] += np.deg2rad(30.) * reach


def _push(poses, rng, clock, amp):
    pusher, pushed = poses
    hit = clock.ramp(duration=6)
    pusher['arm'][..., 0] = np.deg2rad(20 + 65 * hit)[:, None]
    pusher['arm'][..., 1] = np.deg2rad(90.)
    pusher['arm'][..., 2] = np.deg2rad(100 * (1 - hit))[:, None]
    pusher['shift'] += 0.05 * hit
    # The pushed person is knocked back a moment later, leaning back with the arms thrown up.
    fall = clock.ramp(delay=4, duration=10)
    jolt = fall * (1 - clock.ramp(delay=rng.uniform(15, 25), duration=15))
    pushed['shift'] -= 0.3 * amp * fall
    pushed['bend'] -= np.deg2rad(15.) * jolt
    pushed['arm'][..., 0] += np.deg2rad(40.) * jolt[:, None]


# Per action: the motion and its period range in frames (30 fps).
_SOLO = dict(raise_arms=(_raise_arms, (40, 70)), squat=(_squat, (40, 70)),
             jumping_jacks=(_jumping_jacks, (20, 35)), walk_in_place=(_walk_in_place, (30, 50)),
             bow=(_bow, (50, 80)), clap=(_clap, (16, 28)), punch=(_punch, (24, 40)), kick=(_kick, (35, 55)))
# Per interaction: the motion and the distance range between the two people, in body heights.
_PAIR = dict(handshake=(_handshake, (0.5, 0.6)), push=(_push, (0.38, 0.45)))


def class_names(num_classes=6, num_person=1):
    """Action names of a synthetic dataset, in label order.

    Args:
        num_classes (int): Number of classes: 2 to 8 with one person, 2 to 10 with two (the last two are
            then the interactions).
        num_person (int): 1 or 2 people per clip.
    """
    if num_person not in (1, 2):
        raise ValueError(f'num_person must be 1 or 2, got {num_person!r}')
    solo = num_classes - (2 if num_person == 2 else 0)
    if not 2 <= num_classes or not 0 <= solo <= len(SOLO_ACTIONS):
        raise ValueError(f'num_classes={num_classes!r} with num_person={num_person}: expected 2 to '
                         f'{len(SOLO_ACTIONS) + 2 * (num_person - 1)}')
    return SOLO_ACTIONS[:solo] + (INTERACTIONS if num_person == 2 else ())


def _scene(action, rng, num_frames, num_person):
    """World points [M, T, len(_POINTS), 3] of one clip, in units of an average body height."""
    clock = _Clock(rng, num_frames, _SOLO[action][1] if action in _SOLO else (30, 50))
    amp = rng.uniform(0.7, 1.15)
    poses = [_neutral(num_frames) for _ in range(num_person)]
    heights = rng.uniform(0.85, 1.15, num_person)
    if action in _PAIR:
        motion, gaps = _PAIR[action]
        motion(poses, rng, clock, amp)
        # Face to face in profile, at arm's reach.
        gap = rng.uniform(*gaps) * heights.mean()
        yaws, offsets = np.array([np.pi / 2, -np.pi / 2]), np.array([-gap / 2, gap / 2])
    else:
        _SOLO[action][0](poses[0], rng, clock, amp)
        # The bystander, if any, stands beside the actor.
        yaws = rng.uniform(-np.pi / 6, np.pi / 6, num_person)
        offsets = np.array([0., rng.choice([-1, 1]) * rng.uniform(0.6, 0.9)])[:num_person]
    people = []
    for pose, height, yaw, offset in zip(poses, heights, yaws, offsets):
        _sway(pose, rng)
        body = {k: v * rng.uniform(0.93, 1.07) for k, v in _BODY.items()}
        people.append(_rotate_y(_forward_kinematics(pose, body) * height, yaw) + offset * _X)
    points = _rotate_y(np.stack(people), rng.uniform(-np.pi / 6, np.pi / 6) if action in _PAIR else 0.)
    return points[rng.permutation(num_person)]


def _image_view(points, rng, img_shape):
    """Pixel coordinates [M, T, V, 2] of world points seen by a slightly rolling, drifting camera, and the
    pixels per body height."""
    h, w = img_shape
    num_frames = points.shape[1]
    half_width = np.abs(points[..., 0]).max() + 0.1
    # Raised arms reach 1.25 body heights; the scene must fit the frame's height and width.
    scale = rng.uniform(0.45, 0.8) * min(h / 1.25, w / (2 * half_width))
    center = np.array([w / 2 + rng.uniform(-1, 1) * max(0., w / 2 - half_width * scale),
                       h * (1 - rng.uniform(0.03, 0.15))])
    xy = center + scale * points[..., :2] * np.array([1., -1.])
    roll = rng.uniform(-0.15, 0.15)
    pivot = center - np.array([0., 0.5 * scale])
    rot = np.array([[np.cos(roll), -np.sin(roll)], [np.sin(roll), np.cos(roll)]])
    drift = np.arange(num_frames)[:, None] * rng.uniform(-0.3, 0.3, 2) * scale / 100
    shake = gaussian_filter1d(rng.standard_normal((num_frames, 2)), sigma=3, axis=0) * 0.01 * scale
    return (xy - pivot) @ rot.T + pivot + (drift + shake)[:, None], scale


def _camera_view(points, rng):
    """Kinect-like camera coordinates [M, T, V, 3] in metres (x right, y up, z away from the camera), and
    the noise unit (1 m)."""
    metres = points * rng.uniform(1.55, 1.9)
    camera = np.array([rng.uniform(-0.5, 0.5), rng.uniform(0.7, 1.0), rng.uniform(2.5, 4.0)])
    xyz = np.stack([metres[..., 0] - camera[0], metres[..., 1] - camera[1], camera[2] - metres[..., 2]], -1)
    tilt = rng.uniform(-0.15, 0.15)
    rot = np.array([[1, 0, 0], [0, np.cos(tilt), -np.sin(tilt)], [0, np.sin(tilt), np.cos(tilt)]])
    return xyz @ rot.T, 1.0


def _corrupt(rng, coords, unit):
    """Add detector-like noise to coordinates in ``unit`` (a body height); return coordinates and scores.

    Occlusions and misses come in runs of frames, as when a limb is hidden behind the body for a while.
    """
    shape = coords.shape[:-1]
    runs = uniform_filter1d(rng.random(shape), size=9, axis=1)
    occluded = runs < np.quantile(runs, rng.uniform(0., 0.12))
    missing = runs > np.quantile(runs, 1 - rng.uniform(0., 0.03))
    sigma = rng.uniform(0.008, 0.02) * unit * np.where(occluded, 3., 1.)
    noisy = coords + sigma[..., None] * rng.standard_normal(coords.shape)
    score = np.where(occluded, rng.uniform(0.1, 0.5, shape), rng.uniform(0.6, 1.0, shape))
    score[missing] = 0
    noisy[missing] = 0
    return noisy, score


def _check_output(layout, dim):
    if layout not in LAYOUT_POINTS:
        raise KeyError(f'synthetic data has no layout {layout!r}; known: {sorted(LAYOUT_POINTS)}')
    if dim not in (2, 3):
        raise ValueError(f'dim must be 2 or 3, got {dim!r}')


def make_clip(action, rng, num_frames, num_person=1, layout='coco', dim=2, img_shape=(480, 640)):
    """Generate one clip of ``action``.

    Args:
        action (str): One of :data:`SOLO_ACTIONS` or :data:`INTERACTIONS` (these need ``num_person=2``).
        rng (np.random.Generator): Source of all randomness.
        num_frames (int): Clip length T.
        num_person (int): People M in the clip.
        layout (str): ``'coco'`` or ``'nturgb+d'``.
        dim (int): 2 for image pixels of a camera with ``img_shape``, 3 for camera coordinates in metres.
        img_shape (tuple[int]): (height, width) of the image, for 2D.

    Returns:
        tuple: keypoint float32 [M, T, V, dim] and keypoint_score float32 [M, T, V] (None for 3D, whose
        missing joints are only marked by zero coordinates, as in NTU RGB+D).
    """
    if action not in _SOLO and action not in _PAIR:
        raise KeyError(f'unknown synthetic action {action!r}; known: {SOLO_ACTIONS + INTERACTIONS}')
    if action in _PAIR and num_person != 2:
        raise ValueError(f'action {action!r} needs num_person=2, got {num_person}')
    _check_output(layout, dim)
    points = _scene(action, rng, num_frames, num_person)
    points = points[:, :, [_POINTS.index(name) for name in LAYOUT_POINTS[layout]]]
    coords, unit = _image_view(points, rng, img_shape) if dim == 2 else _camera_view(points, rng)
    coords, score = _corrupt(rng, coords, unit)
    if dim == 2:
        # A pose estimator only reports points inside the frame.
        coords = np.clip(coords, 0, np.array(img_shape[::-1]) - 1)
        return coords.astype(np.float32), score.astype(np.float32)
    return coords.astype(np.float32), None


def make_synthetic_dataset(num_classes=6, train_per_class=60, test_per_class=20, num_frames=(40, 80),
                           num_person=1, seed=0, img_shape=(480, 640), layout='coco', dim=2):
    """Generate a skeleton action dataset in pyskl's annotation format.

    Each clip is drawn from its own random stream keyed by (seed, split, label, index), so a clip does not
    change when other counts change, and the same arguments always give the same dataset.

    Args:
        num_classes (int): Number of actions, see :func:`class_names`.
        train_per_class (int): Training clips per class.
        test_per_class (int): Test clips per class.
        num_frames (int | tuple[int]): Clip length, or an inclusive (min, max) range to draw it from.
        num_person (int): People per clip (1, or 2 with interaction classes).
        seed (int): Random seed (non-negative).
        img_shape (tuple[int]): (height, width) of the frames for 2D data.
        layout (str): Joint layout, ``'coco'`` (17 joints) or ``'nturgb+d'`` (25 joints).
        dim (int): 2 for pixel coordinates with scores, 3 for camera coordinates in metres without
            ``keypoint_score``/``img_shape``, like pyskl's NTU RGB+D 3D annotations.

    Returns:
        dict: ``split`` ({'train': [frame_dir...], 'test': [...]}), ``annotations`` (list of dict with
        frame_dir, total_frames, label, keypoint float32 [M, T, V, dim], and for 2D img_shape,
        original_shape and keypoint_score float32 [M, T, V]) and ``classes`` (names in label order).
    """
    names = class_names(num_classes, num_person)
    low, high = (num_frames, num_frames) if np.isscalar(num_frames) else num_frames
    if not 1 <= low <= high:
        raise ValueError(f'num_frames must be a positive length or a (min, max) range, got {num_frames!r}')
    for key, value in dict(train_per_class=train_per_class, test_per_class=test_per_class, seed=seed).items():
        if not isinstance(value, (int, np.integer)) or value < 0:
            raise ValueError(f'{key} must be a non-negative integer, got {value!r}')
    _check_output(layout, dim)
    split, annotations = {}, []
    for split_id, (split_name, per_class) in enumerate([('train', train_per_class), ('test', test_per_class)]):
        split[split_name] = []
        for label, action in enumerate(names):
            for index in range(per_class):
                rng = np.random.default_rng([seed, split_id, label, index])
                total = int(rng.integers(low, high + 1))
                keypoint, score = make_clip(action, rng, total, num_person, layout, dim, img_shape)
                anno = dict(frame_dir=f'{split_name}_{action}_{index:04d}', total_frames=total, label=label,
                            keypoint=keypoint)
                if dim == 2:
                    anno.update(img_shape=tuple(img_shape), original_shape=tuple(img_shape), keypoint_score=score)
                split[split_name].append(anno['frame_dir'])
                annotations.append(anno)
    return dict(split=split, annotations=annotations, classes=list(names))
