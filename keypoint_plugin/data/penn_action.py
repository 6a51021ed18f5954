"""Penn Action label files (``.mat``) to pyskl's annotation format with COCO-17 keypoints.

Penn Action (Zhang et al., ICCV 2013) annotates 13 joints of one person in each of 2326 clips of 15 sports
and exercise classes, with an official train/test split. Each label file holds ``x``, ``y`` and
``visibility`` [T, 13], ``dimensions`` (height, width, frames), ``nframes``, ``action`` and ``train``.

Mapping: Penn's head goes to COCO's nose, the other 12 joints to their COCO slots; COCO's eyes and ears have
no Penn counterpart and are missing (score 0, coordinates 0). Visible joints get score 1 and occluded ones
(``visibility`` 0, coordinates still annotated) :data:`OCCLUDED_SCORE`.

Penn marks joints it did not annotate at all (about 9% of them, e.g. a leg outside the frame) with
``visibility`` 0 and both coordinates at the same sub-2-pixel value near the top-left corner: the value 1
of the original annotation scaled with the video (0.667, 0.75, 1.5, ...), or 0 for two all-unannotated
last frames. Those are missing joints here (score 0, coordinates 0), not occluded ones.
"""
import os
import os.path as osp
from glob import glob

import numpy as np
from scipy.io import loadmat

CLASSES = ('baseball_pitch', 'baseball_swing', 'bench_press', 'bowl', 'clean_and_jerk', 'golf_swing',
           'jump_rope', 'jumping_jacks', 'pullup', 'pushup', 'situp', 'squat', 'strum_guitar',
           'tennis_forehand', 'tennis_serve')
# COCO-17 index of each Penn joint (head, shoulders, elbows, wrists, hips, knees, ankles; left first).
PENN_TO_COCO = (0, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
NUM_COCO_JOINTS = 17
# Score of an annotated but occluded joint: present, but less certain than a visible one.
OCCLUDED_SCORE = 0.5
# Unannotated joints sit at (s, s) with s < 2 pixels (see the module docstring).
UNANNOTATED_MAX = 2.0
REQUIRED_FIELDS = ('x', 'y', 'visibility', 'dimensions', 'nframes', 'action', 'train')
LABELS_ENV = 'PENN_ACTION_ROOT'


def penn_action_labels_dir():
    """The Penn Action ``labels`` directory on this machine, or None when it is not there.

    ``$PENN_ACTION_ROOT`` names it (the ``labels`` directory itself or the dataset root holding it);
    otherwise ``../shared/data/penn_action/labels`` next to the repository is used when present.
    """
    root = os.environ.get(LABELS_ENV)
    if root is None:
        repo = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
        root = osp.join(repo, '..', 'shared', 'data', 'penn_action', 'labels')
    for candidate in (osp.join(root, 'labels'), root):
        if glob(osp.join(candidate, '*.mat')):
            return osp.normpath(candidate)
    return None


def _scalar(mat, field, path):
    value = np.asarray(mat[field]).ravel()
    if value.size != 1:
        raise ValueError(f'{path}: field {field!r} should hold one value, found shape {np.shape(mat[field])}')
    return value[0]


def convert_clip(mat, path='<mat>'):
    """Convert one loaded label file.

    Args:
        mat (dict): Fields of a Penn Action label file, as returned by ``scipy.io.loadmat``.
        path (str): The file's path, for error messages; its stem is the clip's ``frame_dir``.

    Returns:
        tuple(dict, str): the annotation (frame_dir, total_frames, img_shape, original_shape, label,
        keypoint float32 [1, T, 17, 2], keypoint_score float32 [1, T, 17]) and its split, 'train' or 'test'.
    """
    missing = [field for field in REQUIRED_FIELDS if field not in mat]
    if missing:
        raise KeyError(f'{path}: missing field(s) {missing}; a Penn Action label file has {list(REQUIRED_FIELDS)}')
    x, y, visibility = (np.asarray(mat[key]) for key in ('x', 'y', 'visibility'))
    if x.ndim != 2 or x.shape[1] != len(PENN_TO_COCO):
        raise ValueError(f'{path}: field \'x\' should be [T, {len(PENN_TO_COCO)}], found shape {x.shape}')
    if y.shape != x.shape or visibility.shape != x.shape:
        raise ValueError(f'{path}: fields x, y, visibility should have one shape, found {x.shape}, {y.shape}, '
                         f'{visibility.shape}')
    num_frames = int(_scalar(mat, 'nframes', path))
    if num_frames != len(x):
        raise ValueError(f'{path}: field \'nframes\' is {num_frames} but x, y, visibility have {len(x)} frames')
    dims = np.asarray(mat['dimensions']).ravel()
    if dims.size != 3 or int(dims[2]) != num_frames:
        raise ValueError(f'{path}: field \'dimensions\' should be (height, width, {num_frames}), found '
                         f'{dims.tolist()}')
    action = str(_scalar(mat, 'action', path))
    if action not in CLASSES:
        raise ValueError(f'{path}: field \'action\' is {action!r}, not one of the {len(CLASSES)} Penn Action '
                         f'classes {CLASSES}')
    flag = int(_scalar(mat, 'train', path))
    if flag not in (1, -1):
        raise ValueError(f'{path}: field \'train\' should be 1 (train) or -1 (test), found {flag}')
    # Some files store coordinates as uint8/uint16; compute in float.
    coords = np.stack([x, y], axis=-1).astype(np.float64)
    if not np.isfinite(coords).all():
        raise ValueError(f'{path}: fields x, y hold non-finite values')
    unannotated = (visibility == 0) & (coords[..., 0] == coords[..., 1]) & (coords[..., 0] < UNANNOTATED_MAX)
    score = np.where(visibility > 0, 1.0, OCCLUDED_SCORE) * ~unannotated
    keypoint = np.zeros((1, num_frames, NUM_COCO_JOINTS, 2), np.float32)
    keypoint_score = np.zeros((1, num_frames, NUM_COCO_JOINTS), np.float32)
    keypoint[0][:, PENN_TO_COCO] = coords * ~unannotated[..., None]
    keypoint_score[0][:, PENN_TO_COCO] = score
    img_shape = (int(dims[0]), int(dims[1]))
    anno = dict(frame_dir=osp.splitext(osp.basename(path))[0], total_frames=num_frames, img_shape=img_shape,
                original_shape=img_shape, label=CLASSES.index(action), keypoint=keypoint,
                keypoint_score=keypoint_score)
    return anno, 'train' if flag == 1 else 'test'


def convert_penn_action(labels_dir, names=None, progress=False):
    """Convert a directory of Penn Action label files into a pyskl annotation dict.

    Args:
        labels_dir (str): Directory of ``NNNN.mat`` label files.
        names (list[str], optional): Clip ids (file stems, e.g. ``'0001'``) to convert; all by default.
        progress (bool): Show a progress bar.

    Returns:
        dict: ``split`` ({'train': [...], 'test': [...]} from the official flag), ``annotations`` (in
        file order, see :func:`convert_clip`) and ``classes`` (the 15 class names; label = index).
    """
    if not osp.isdir(labels_dir):
        raise FileNotFoundError(f'Penn Action labels directory {labels_dir!r} does not exist')
    if names is None:
        paths = sorted(glob(osp.join(labels_dir, '*.mat')))
        if not paths:
            raise FileNotFoundError(f'no .mat label files in {labels_dir!r}')
    else:
        paths = [osp.join(labels_dir, f'{name}.mat') for name in names]
        absent = [path for path in paths if not osp.isfile(path)]
        if absent:
            raise FileNotFoundError(f'Penn Action label file(s) not found: {absent}')
    if progress:
        from tqdm import tqdm
        paths = tqdm(paths, desc='Penn Action', unit='clip')
    split, annotations = dict(train=[], test=[]), []
    for path in paths:
        anno, subset = convert_clip(loadmat(path), path)
        split[subset].append(anno['frame_dir'])
        annotations.append(anno)
    return dict(split=split, annotations=annotations, classes=list(CLASSES))
