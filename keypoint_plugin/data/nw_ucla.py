"""Northwestern-UCLA skeleton files (``all_sqe``) to pyskl's annotation format with Kinect v1 joints.

NW-UCLA (Wang et al., CVPR 2014) films 10 actions of 10 subjects from three Kinect v1 cameras. Skeleton
projects (CTR-GCN, Shift-GCN, InfoGCN) distribute it as an ``all_sqe`` folder of 1484 JSON files, one per
clip, named ``aAA_sSS_eEE_vVV.json`` (action, subject, take, view), each with ``file_name`` (the clip id),
``skeletons`` ([T][20][3]: joint positions in metres, camera space with x right, y up, z away from the
camera) and ``label`` (class 1..10). The joints are in Kinect v1's order, the ``'kinect_v1'`` layout of
:mod:`keypoint_plugin.layouts`.

Splits: the cross-view protocol (``train``: views 1 and 2, ``test``: view 3), each view alone (``view1``,
``view2``, ``view3``: choose settings on one view against another, never on view 3), and ``train300``, a
small training set: the ids of the view-1 and view-2 clips with at least two frames, sorted, shuffled with
``numpy.random.default_rng(0)``, the first 300 kept.

With ``dims=2`` the joints are projected with a pinhole camera (:data:`FOCAL` px, :data:`IMAGE_SHAPE`,
principal point at the image centre), giving 2D pixel keypoints and ``img_shape`` like a 2D dataset's.

Joints at exactly (0, 0, 0) (6 joints of two clips), which Kinect did not track, are missing: in 3D all zeros
without ``keypoint_score``, as pyskl's NTU RGB+D 3D skeletons; in 2D at (0, 0) with score 0, every other joint
scoring 1.
"""
import json
import os
import os.path as osp
import re
import zipfile
from glob import glob

import numpy as np

# Class names in label order; the action ids (a01..a12, without a07 and a10) are the files' ``aAA``.
CLASSES = ('pick_up_with_one_hand', 'pick_up_with_two_hands', 'drop_trash', 'walk_around', 'sit_down',
           'stand_up', 'donning', 'doffing', 'throw', 'carry')
ACTION_IDS = (1, 2, 3, 4, 5, 6, 8, 9, 11, 12)
NUM_JOINTS = 20
VIEWS = (1, 2, 3)
# The pinhole camera of the 2D projection (Kinect v1's colour camera, approximately).
FOCAL = 525.0
IMAGE_SHAPE = (480, 640)  # height, width
SMALL_TRAIN_SIZE = 300
ROOT_ENV = 'NW_UCLA_ROOT'
CLIP_ID = re.compile(r'a(\d+)_s(\d+)_e(\d+)_v(\d+)')


def nw_ucla_path():
    """The NW-UCLA ``all_sqe`` folder or ``all_sqe.zip`` on this machine, or None when it is not there.

    ``$NW_UCLA_ROOT`` names it (the folder, the zip, or a directory holding either); otherwise
    ``../shared/data/nw_ucla`` next to the repository is searched.
    """
    root = os.environ.get(ROOT_ENV)
    if root is None:
        repo = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
        root = osp.join(repo, '..', 'shared', 'data', 'nw_ucla')
    for candidate in (root, osp.join(root, 'all_sqe'), osp.join(root, 'all_sqe.zip')):
        if (osp.isfile(candidate) and zipfile.is_zipfile(candidate)) or glob(osp.join(candidate, '*.json')):
            return osp.normpath(candidate)
    return None


def project(points, focal=FOCAL, img_shape=IMAGE_SHAPE):
    """Project camera-space points (metres; x right, y up, z away) to pixels of a pinhole camera.

    Args:
        points (np.ndarray): [..., 3] with z > 0.
        focal (float): Focal length in pixels. Default: :data:`FOCAL`.
        img_shape (tuple[int]): (height, width) of the image; the principal point is its centre. Default:
            :data:`IMAGE_SHAPE`.

    Returns:
        np.ndarray: [..., 2] pixel (x, y), y down.
    """
    height, width = img_shape
    x, y, z = points[..., 0], points[..., 1], points[..., 2]
    return np.stack([width / 2 + focal * x / z, height / 2 - focal * y / z], axis=-1)


def convert_clip(record, name='<json>', dims=3):
    """Convert one loaded skeleton file.

    Args:
        record (dict): The file's fields ``file_name``, ``skeletons`` and ``label``.
        name (str): The file's name, for error messages; its stem must be the clip id.
        dims (int): 3 for camera-space metres, 2 for projected pixels (see :func:`project`).

    Returns:
        tuple(dict, int): the annotation (frame_dir, total_frames, label, keypoint float32 [1, T, 20, dims]; with
        ``dims=2`` also keypoint_score float32 [1, T, 20], img_shape and original_shape) and the clip's view (1, 2
        or 3). A joint at (0, 0, 0), which Kinect did not track, is missing: in 3D it stays all zeros without
        scores, pyskl's form of 3D skeletons (NTU RGB+D's; the hosts' 3D GCN pipelines refuse scores there); in 2D
        it is projected to (0, 0) with score 0.
    """
    if not isinstance(record, dict):
        raise ValueError(f'{name}: expected a JSON object, found {type(record).__name__}')
    missing = [key for key in ('file_name', 'skeletons', 'label') if key not in record]
    if missing:
        raise KeyError(f'{name}: missing field(s) {missing}; an all_sqe file has file_name, skeletons, label')
    clip_id = str(record['file_name'])
    stem = osp.splitext(osp.basename(name))[0]
    if name != '<json>' and stem != clip_id:
        raise ValueError(f'{name}: field \'file_name\' is {clip_id!r} but the file is named {stem!r}')
    match = CLIP_ID.fullmatch(clip_id)
    if match is None:
        raise ValueError(f'{name}: clip id {clip_id!r} is not of the form aAA_sSS_eEE_vVV')
    action, view = int(match.group(1)), int(match.group(4))
    if view not in VIEWS:
        raise ValueError(f'{name}: view {view} of clip {clip_id!r} is not one of {VIEWS}')
    label = record['label']
    if not isinstance(label, int) or not 1 <= label <= len(CLASSES):
        raise ValueError(f'{name}: field \'label\' should be a class 1..{len(CLASSES)}, found {label!r}')
    if ACTION_IDS[label - 1] != action:
        raise ValueError(f'{name}: label {label} is action a{ACTION_IDS[label - 1]:02d}, but the clip id names '
                         f'a{action:02d}')
    try:
        skeleton = np.asarray(record['skeletons'], np.float64)
    except (TypeError, ValueError) as err:
        raise ValueError(f'{name}: field \'skeletons\' is not a [T][{NUM_JOINTS}][3] array of numbers') from err
    if skeleton.ndim != 3 or skeleton.shape[1:] != (NUM_JOINTS, 3) or len(skeleton) == 0:
        raise ValueError(f'{name}: field \'skeletons\' should be [T >= 1][{NUM_JOINTS}][3], found shape '
                         f'{skeleton.shape}')
    if not np.isfinite(skeleton).all():
        raise ValueError(f'{name}: field \'skeletons\' holds non-finite values')
    present = (skeleton != 0).any(axis=-1)  # a joint at the camera's origin was not tracked
    anno = dict(frame_dir=clip_id, total_frames=len(skeleton), label=label - 1)
    if dims == 2:
        if (skeleton[..., 2][present] <= 0).any():
            raise ValueError(f'{name}: joints at depth z <= 0 cannot be projected to 2D')
        skeleton = project(np.where(present[..., None], skeleton, 1)) * present[..., None]
        anno.update(img_shape=IMAGE_SHAPE, original_shape=IMAGE_SHAPE,
                    keypoint_score=present[None].astype(np.float32))
    elif dims != 3:
        raise ValueError(f'dims should be 2 or 3, found {dims!r}')
    anno.update(keypoint=skeleton[None].astype(np.float32))
    return anno, view


def small_train_ids(annotations, views=(1, 2), num_clips=SMALL_TRAIN_SIZE, seed=0):
    """The small training set: ids of the clips of ``views`` with at least two frames, sorted, shuffled
    with ``numpy.random.default_rng(seed)``, the first ``num_clips`` kept (in shuffled order).

    Args:
        annotations (list[dict]): Annotations with ``frame_dir`` and ``total_frames``.
        views (tuple[int]): Views to draw from.
        num_clips (int): Clips kept.
        seed (int): Seed of the shuffle.
    """
    ids = sorted(a['frame_dir'] for a in annotations
                 if a['total_frames'] >= 2 and int(CLIP_ID.fullmatch(a['frame_dir']).group(4)) in views)
    order = np.random.default_rng(seed).permutation(len(ids))
    return [ids[i] for i in order[:num_clips]]


def _read_records(path):
    """Yield (name, parsed JSON) for every ``.json`` file of an ``all_sqe`` folder or zip, sorted by name."""
    if osp.isdir(path):
        names = sorted(glob(osp.join(path, '*.json')))
        if not names:
            raise FileNotFoundError(f'no .json skeleton files in {path!r}')
        for name in names:
            with open(name) as f:
                yield name, _parse(f.read(), name)
    elif osp.isfile(path):
        if not zipfile.is_zipfile(path):
            raise ValueError(f'{path!r} is neither a folder nor a zip archive')
        with zipfile.ZipFile(path) as archive:
            names = sorted(n for n in archive.namelist() if n.endswith('.json'))
            if not names:
                raise FileNotFoundError(f'no .json skeleton files in {path!r}')
            for name in names:
                yield f'{path}:{name}', _parse(archive.read(name), f'{path}:{name}')
    else:
        raise FileNotFoundError(f'NW-UCLA skeletons {path!r} do not exist (the all_sqe folder or its zip)')


def _parse(text, name):
    try:
        return json.loads(text)
    except ValueError as err:
        raise ValueError(f'{name}: not valid JSON ({err})') from err


def convert_nw_ucla(path, dims=3, progress=False):
    """Convert NW-UCLA's ``all_sqe`` skeleton files into a pyskl annotation dict.

    Args:
        path (str): The ``all_sqe`` folder of ``.json`` files, or a zip holding them (at any depth).
        dims (int): 3 for camera-space metres, 2 for pinhole-projected pixels.
        progress (bool): Show a progress bar.

    Returns:
        dict: ``split`` (``train``/``test``: views 1 and 2 / view 3; ``view1``, ``view2``, ``view3``;
        ``train300``, see :func:`small_train_ids`), ``annotations`` (sorted by clip id, see
        :func:`convert_clip`) and ``classes`` (the 10 class names; label = index).
    """
    records = _read_records(path)
    if progress:
        from tqdm import tqdm
        records = tqdm(records, desc='NW-UCLA', unit='clip')
    annotations, views, seen = [], {}, {}
    for name, record in records:
        anno, view = convert_clip(record, name, dims=dims)
        if anno['frame_dir'] in seen:
            raise ValueError(f'{name}: clip {anno["frame_dir"]!r} also in {seen[anno["frame_dir"]]}')
        seen[anno['frame_dir']] = name
        annotations.append(anno)
        views[anno['frame_dir']] = view
    split = {f'view{v}': [a['frame_dir'] for a in annotations if views[a['frame_dir']] == v] for v in VIEWS}
    split = dict(train=split['view1'] + split['view2'], test=split['view3'], **split,
                 train300=small_train_ids(annotations))
    return dict(split=split, annotations=annotations, classes=list(CLASSES))
