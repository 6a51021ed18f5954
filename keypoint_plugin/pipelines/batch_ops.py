"""The raw-keypoint pipeline's flip, normalization, affine augmentation and packing as torch operations on whole
batches, on whatever device the tensors are on.

Each function computes what its per-sample transform in ``keypoint_plugin.pipelines`` computes (``KeypointFlip``,
``KeypointNormalize``, ``RandomKeypointAffine``, ``PackRawKeypoint``) for every sample of a batch at once; the
random draws are arguments, so the same draws give the same outputs (``tests/test_device_pipeline.py``). This module
imports only torch and numpy (no host registry): :mod:`.device_pipeline`'s ``BatchPipeline`` calls it on the model's
device (``RawKeypointRecognizer``'s ``batch_pipeline`` on mmcv 1.x, ``RawKeypointDataPreprocessor`` on MMAction2 1.x).

Shapes: ``keypoint`` [N, M, T, V, C] (C = 2 or 3), ``score`` and ``present`` [N, M, T, V], where T holds
``num_clips`` clips of equal length one after the other (as the samplers concatenate them). Missing joints
(``present`` False) are at coordinate 0 and score 0 on the way in and stay so.
"""
import functools

import numpy as np
import torch

# Centers and scales below this are treated as undefined (e.g. a clip holding one point), as KeypointNormalize.
EPS = 1e-6
NORMALIZE_MODES = ('skeleton', 'box', 'image')
ALIGN_MODES = ('yaw', 'body', 'level')
FEATS = ('joint', 'bone', 'joint_motion', 'bone_motion', 'distance')


def flip(keypoint, score, present, flipped, width, flip_index):
    """Mirror the samples marked in ``flipped`` left to right and swap their left and right joints.

    Args:
        keypoint, score, present: The batch (module docstring).
        flipped (Tensor): bool [N], the samples to mirror.
        width (Tensor): [N] image widths: 2D x -> width - x; 3D mirrors about x = 0 (pass zeros).
        flip_index (Tensor): int64 [V], the joint each joint becomes.

    Returns:
        tuple[Tensor]: ``keypoint``, ``score``, ``present``.
    """
    mirrored = keypoint.clone()
    mirrored[..., 0] = width.to(keypoint.dtype).view(-1, 1, 1, 1) - keypoint[..., 0]
    mirrored = torch.where(present[..., None], mirrored, keypoint.new_zeros(()))
    rows = flipped.view(-1, 1, 1, 1)
    return (torch.where(rows[..., None], mirrored[:, :, :, flip_index], keypoint),
            torch.where(rows, score[:, :, :, flip_index], score),
            torch.where(rows, present[:, :, :, flip_index], present))


def _by_clip(array, num_clips):
    """[N, M, T, ...] -> [N, num_clips, M, clip_len, ...]."""
    n, m, t = array.shape[:3]
    return array.reshape((n, m, num_clips, t // num_clips) + array.shape[3:]).transpose(1, 2)


def _box_frame(clips, present):
    """Center of each clip's box of present joints and half its longest side: [N, K, C] and [N, K]."""
    mask = present[..., None]
    found = present.flatten(2).any(-1)[..., None]
    low = torch.where(mask, clips, torch.inf).flatten(2, 4).amin(2)
    high = torch.where(mask, clips, -torch.inf).flatten(2, 4).amax(2)
    low, high = torch.where(found, low, 0), torch.where(found, high, 0)
    return (low + high) / 2, (high - low).amax(-1) / 2


def _skeleton_frame(clips, present, center_joints, upper_joints):
    """Mean body center and torso length of each clip, box-based where undefined: [N, K, C] and [N, K]."""

    def joint_mean(joints):
        mask = present[..., joints]
        count = mask.sum(-1)
        total = (clips[..., joints, :] * mask[..., None]).sum(-2)
        return total / count.clamp(min=1)[..., None], count > 0

    box_center, box_half = _box_frame(clips, present)
    center, has_center = joint_mean(center_joints)
    upper, has_upper = joint_mean(upper_joints)
    torso = torch.linalg.vector_norm(upper - center, dim=-1)
    has_torso = has_center & has_upper
    n_center = has_center.flatten(2).sum(-1)
    mean_center = (center * has_center[..., None]).flatten(2, 3).sum(2) / n_center.clamp(min=1)[..., None]
    n_torso = has_torso.flatten(2).sum(-1)
    mean_torso = (torso * has_torso).flatten(2).sum(-1) / n_torso.clamp(min=1)
    center = torch.where(n_center[..., None] > 0, mean_center, box_center)
    scale = torch.where(mean_torso > EPS, mean_torso, box_half)
    return center, scale


def body_rotation(clips, present, pairs, center_joints, upper_joints, align):
    """The rotation of each 3D clip into its body frame, from the clip's mean lateral axis (right minus left
    joint, over ``pairs`` present in both) and mean torso axis (``upper_joints`` minus ``center_joints``).

    Args:
        clips (Tensor): [N, K, M, T, V, 3] (``K`` clips of ``T`` frames).
        present (Tensor): [N, K, M, T, V].
        pairs (Sequence[tuple[int, int]]): (left, right) joint pairs of the lateral axis.
        center_joints, upper_joints (Sequence[int]): Joints of the body center and of the torso's upper end.
        align (str): ``'yaw'``: turn about the vertical y axis only, so the lateral axis lies in the x-y plane
            and points to +x; ``'body'``: the torso axis goes to +y and the lateral axis (made orthogonal to
            it) to +x; ``'level'``: turn about the horizontal x axis only, so the torso axis lies in the x-y
            plane, leaning up (+y) and sideways as before: a level camera at the person's height (``pairs``
            unused).

    Returns:
        Tensor: [N, K, 3, 3], applied as ``keypoint @ rotation.T``; the identity where an axis is undefined.
    """
    if align not in ALIGN_MODES:
        raise ValueError(f'align={align!r}: expected one of {ALIGN_MODES}')

    def joint_mean(joints):
        mask = present[..., joints].to(clips.dtype)
        return (clips[..., joints, :] * mask[..., None]).sum(-2) / mask.sum(-1).clamp(min=1)[..., None]

    torso_found = (present[..., center_joints].any(-1) & present[..., upper_joints].any(-1)).to(clips.dtype)
    up = ((joint_mean(upper_joints) - joint_mean(center_joints)) * torso_found[..., None]).sum((2, 3))  # [N, K, 3]
    identity = torch.eye(3, dtype=clips.dtype, device=clips.device)
    if align == 'level':
        # The rows x = (1, 0, 0), y = the torso axis without its x part, z = x cross y.
        upright = up * up.new_tensor([0., 1., 1.])
        norm = torch.linalg.vector_norm(upright, dim=-1, keepdim=True)
        found = norm > EPS
        x_axis, y_axis = torch.broadcast_to(identity[0], up.shape), upright / norm.clamp(min=EPS)
        rotation = torch.stack([x_axis, y_axis, torch.linalg.cross(x_axis, y_axis)], -2)
        return torch.where(found[..., None], rotation, identity)
    left, right = (list(side) for side in zip(*pairs))
    both = (present[..., left] & present[..., right]).to(clips.dtype)[..., None]
    lateral = ((clips[..., right, :] - clips[..., left, :]) * both).sum((2, 3, 4))  # [N, K, 3]
    y_axis = torch.zeros_like(lateral)
    y_axis[..., 1] = 1
    if align == 'body':
        up_norm = torch.linalg.vector_norm(up, dim=-1, keepdim=True)
        y_axis = torch.where(up_norm > EPS, up / up_norm.clamp(min=EPS), y_axis)
    x_axis = lateral - (lateral * y_axis).sum(-1, keepdim=True) * y_axis
    x_norm = torch.linalg.vector_norm(x_axis, dim=-1, keepdim=True)
    found = x_norm > EPS
    x_axis = torch.where(found, x_axis / x_norm.clamp(min=EPS), torch.zeros_like(x_axis))
    x_axis[..., 0] = torch.where(found[..., 0], x_axis[..., 0], 1.)
    rotation = torch.stack([x_axis, y_axis, torch.linalg.cross(x_axis, y_axis)], -2)
    # 'body' without a lateral axis keeps the camera frame: a torso axis alone leaves the turn about it open.
    return torch.where(found[..., None], rotation, identity)


def normalize(keypoint, present, num_clips, mode='skeleton', center_joints=None, upper_joints=None,
              img_shape=None, align=None, pairs=None):
    """Center and scale every clip of every sample, as ``KeypointNormalize``.

    Args:
        keypoint, present: The batch (module docstring).
        num_clips (int): Clips along T, each normalized on its own.
        mode (str): ``'skeleton'``, ``'box'`` or ``'image'``.
        center_joints, upper_joints (Sequence[int]): Joints of the body center and of the torso's upper end
            (mode ``'skeleton'``).
        img_shape (Tensor | None): [N, 2] (h, w) of each sample's frames (mode ``'image'``, 2D only).
        align (str | None): 3D only: then rotate each clip into its body frame (:func:`body_rotation`).
        pairs (Sequence[tuple[int, int]] | None): (left, right) joint pairs of the lateral axis (``align``).

    Returns:
        Tensor: The normalized ``keypoint``; missing joints at 0.
    """
    if mode not in NORMALIZE_MODES:
        raise ValueError(f'mode={mode!r}: expected one of {NORMALIZE_MODES}')
    clips, clip_present = _by_clip(keypoint, num_clips), _by_clip(present, num_clips)
    if mode == 'image':
        if keypoint.shape[-1] != 2 or img_shape is None:
            raise ValueError("mode='image' needs 2D keypoints and img_shape")
        half = img_shape.flip(-1).to(keypoint.dtype).view(-1, 1, 1, 1, 1, 2) / 2
        center = scale = half
    else:
        if mode == 'box':
            center, scale = _box_frame(clips, clip_present)
        else:
            center, scale = _skeleton_frame(clips, clip_present, list(center_joints), list(upper_joints))
        scale = torch.where(scale > EPS, scale, 1)
        center, scale = center[:, :, None, None, None], scale[:, :, None, None, None, None]
    clips = ((clips - center) / scale).to(keypoint.dtype)
    if align is not None:
        rotation = body_rotation(clips, clip_present, pairs, list(center_joints), list(upper_joints), align)
        clips = torch.einsum('nkmtvc,nkdc->nkmtvd', clips, rotation)
    keypoint = clips.transpose(1, 2).reshape(keypoint.shape)
    return torch.where(present[..., None], keypoint, keypoint.new_zeros(()))


@functools.lru_cache(maxsize=None)
def _rotation_basis(dims, axes):
    """The rotation by theta in the plane of ``axes`` (i, j), e_i -> cos e_i + sin e_j, is cos A + sin B + C: the
    constant matrices [A, B, C] (read-only, cached)."""
    (i, j), basis = axes, np.zeros((3, dims, dims))
    basis[0, i, i] = basis[0, j, j] = basis[1, j, i] = 1
    basis[1, i, j] = -1
    basis[2] = np.diag([float(k not in axes) for k in range(dims)])
    basis.flags.writeable = False
    return basis


def affine_matrices(angle, scale, tilt=None):
    """Rotation by ``angle`` (in the image plane for 2D, about the vertical y axis for 3D), after one about the x
    and z axes by ``tilt`` (3D), then a scale of each output axis: the matrices ``RandomKeypointAffine`` applies.

    Takes tensors (the batched path) or numpy arrays (one sample: a dozen torch calls on scalars would cost more
    than the transform itself); the same formula either way.

    Args:
        angle (Tensor | np.ndarray): [N] radians.
        scale (Tensor | np.ndarray): [N, C] scale of each axis, C = 2 or 3.
        tilt (Tensor | np.ndarray | None): [N, 2] radians about the x and the z axis (3D only; applied z first,
            then x).

    Returns:
        Tensor | np.ndarray: [N, C, C], applied as ``keypoint @ matrix.T``.
    """
    dims = scale.shape[-1]

    def rotation(theta, axes):
        basis = _rotation_basis(dims, axes)
        if torch.is_tensor(theta):
            basis = torch.tensor(basis, dtype=theta.dtype, device=theta.device)
            cos, sin = torch.cos(theta), torch.sin(theta)
        else:
            cos, sin = np.cos(theta), np.sin(theta)
        return cos[:, None, None] * basis[0] + sin[:, None, None] * basis[1] + basis[2]

    if dims == 2:
        if tilt is not None:
            raise ValueError('tilt rotates 3D keypoints only')
        matrix = rotation(angle, (0, 1))
    else:
        matrix = rotation(angle, (2, 0))  # about y: z -> x
        if tilt is not None:
            matrix = matrix @ rotation(tilt[:, 0], (1, 2)) @ rotation(tilt[:, 1], (0, 1))
    return matrix * scale[..., None]


def affine(keypoint, present, matrix):
    """``keypoint @ matrix.T`` per sample (matrix [N, C, C]); missing joints stay 0."""
    moved = torch.einsum('nmtvc,ndc->nmtvd', keypoint, matrix.to(keypoint.dtype))
    return torch.where(present[..., None], moved, keypoint.new_zeros(()))


def drop_joints(keypoint, score, present, kept):
    """RandomJointDrop per sample: joints where ``kept`` [N, M, 1, V] is False become missing in every frame."""
    present = present & kept
    return (torch.where(present[..., None], keypoint, keypoint.new_zeros(())),
            torch.where(present, score, score.new_zeros(())), present)


def select_persons(num_person, score, *arrays):
    """Keep the ``num_person`` persons of highest mean score (in their order), or zero-pad to ``num_person``.

    Args:
        num_person (int): Persons to keep.
        score (Tensor): [N, M, T, V]; ties go to the earlier person.
        arrays (Tensor): Further [N, M, ...] arrays to select alike.

    Returns:
        list[Tensor]: ``score`` and ``arrays`` with M = ``num_person``.
    """
    arrays = (score, ) + arrays
    m = score.shape[1]
    if m > num_person:
        mean_score = score.flatten(2).mean(-1)
        keep = torch.sort(torch.sort(-mean_score, dim=1, stable=True).indices[:, :num_person], dim=1).values
        return [a.gather(1, keep.view(keep.shape + (1, ) * (a.dim() - 2)).expand((-1, -1) + a.shape[2:]))
                for a in arrays]
    return [torch.cat([a, a.new_zeros((a.shape[0], num_person - m) + a.shape[2:])], 1) for a in arrays]


def _motion(feature, present):
    """Difference to the next frame (axis 3 of [N, K, M, T, V, C]), 0 at the last frame or where either is missing."""
    motion = torch.zeros_like(feature)
    both = present[:, :, :, 1:] & present[:, :, :, :-1]
    motion[:, :, :, :-1] = (feature[:, :, :, 1:] - feature[:, :, :, :-1]) * both[..., None]
    return motion


def _distance(keypoint, present):
    """Each joint's distance to every joint of the same person and frame ([..., V, V]), 0 where either is missing."""
    distance = torch.linalg.vector_norm(keypoint[..., :, None, :] - keypoint[..., None, :, :], dim=-1)
    return distance * (present[..., :, None] & present[..., None, :])


def _bone(keypoint, present, bones):
    joint, parent = bones[:, 0], bones[:, 1]
    bone = torch.zeros_like(keypoint)
    bone_present = torch.zeros_like(present)
    bone_present[..., joint] = present[..., joint] & present[..., parent]
    bone[..., joint, :] = (keypoint[..., joint, :] - keypoint[..., parent, :]) * bone_present[..., joint, None]
    return bone, bone_present


def pack(keypoint, score, present, num_clips, num_person, feats, bones, flip_index, with_score=False,
         double=False):
    """The model input ``PackRawKeypoint`` writes, for a batch: [N, num_clips', C', clip_len, V, num_person].

    Args:
        keypoint, score, present: The batch (module docstring).
        num_clips (int): Clips along T.
        num_person (int): Persons kept or padded to (:func:`select_persons`).
        feats (Sequence[str]): Features in channel order, from :data:`FEATS`.
        bones (Tensor): int64 [P, 2] (joint, parent) pairs.
        flip_index (Tensor): int64 [V] (for ``double``).
        with_score (bool): Append the score channel.
        double (bool): Append the mirrored copies (x -> -x, left and right swapped) after all clips.
    """
    score, keypoint, present = select_persons(num_person, score, keypoint, present)

    def by_clip(array):
        array = _by_clip(array, num_clips)
        if not double:
            return array
        mirrored = array[..., flip_index, :] if array.dim() == 6 else array[..., flip_index]
        if array.dim() == 6:
            mirrored = torch.cat([-mirrored[..., :1], mirrored[..., 1:]], -1)
        return torch.cat([array, mirrored], 1)

    keypoint, score, present = by_clip(keypoint), by_clip(score), by_clip(present)
    features = dict(joint=keypoint)
    if 'bone' in feats or 'bone_motion' in feats:
        features['bone'], bone_present = _bone(keypoint, present, bones)
    if 'joint_motion' in feats:
        features['joint_motion'] = _motion(keypoint, present)
    if 'bone_motion' in feats:
        features['bone_motion'] = _motion(features['bone'], bone_present)
    if 'distance' in feats:
        features['distance'] = _distance(keypoint, present)
    channels = [features[name] for name in feats]
    if with_score:
        channels.append(score[..., None])
    # [N, K, M, T, V, C'] -> [N, K, C', T, V, M]
    return torch.cat(channels, -1).permute(0, 1, 5, 3, 4, 2).contiguous()
