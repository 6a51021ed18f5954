"""Copies of a 3D annotation file as another camera would have recorded it: test sets for robustness to where
the camera stands."""
import numpy as np


def turned_copy(data, pitch=0., yaw=0.):
    """Annotation dict ``data`` with every clip turned about its centre (the mean of its present joints), as a
    camera moved around the person, still aimed at it, would see it.

    The clip turns by ``pitch`` radians about the horizontal x axis (> 0 turns the upper body away from the camera:
    the camera moved down, looking up), then by ``yaw`` about the vertical y axis. Camera-space 3D skeletons are
    expected (x right, y up, z away from the camera; NTU RGB+D's and Kinect's metres). Missing joints (all zeros,
    a score of 0 or a non-finite coordinate) stay where they were; splits, labels and the other keys are kept.

    Args:
        data (dict): ``split``, ``annotations`` (pyskl's format, ``keypoint`` [M, T, V, 3]) and ``classes``.
        pitch (float): Radians about the x axis. Default: 0.
        yaw (float): Radians about the y axis. Default: 0.

    Returns:
        dict: A new annotation dict; ``data`` is unchanged.
    """
    cos_p, sin_p, cos_y, sin_y = np.cos(pitch), np.sin(pitch), np.cos(yaw), np.sin(yaw)
    about_x = np.array([[1, 0, 0], [0, cos_p, -sin_p], [0, sin_p, cos_p]])
    about_y = np.array([[cos_y, 0, sin_y], [0, 1, 0], [-sin_y, 0, cos_y]])
    turn = about_y @ about_x
    annotations = []
    for anno in data['annotations']:
        keypoint = np.asarray(anno['keypoint'])
        if keypoint.ndim != 4 or keypoint.shape[-1] != 3:
            raise ValueError(f"clip {anno.get('frame_dir')!r}: turning the camera needs 3D keypoints [M, T, V, 3], "
                             f'got shape {keypoint.shape}')
        present = np.isfinite(keypoint).all(-1) & (keypoint != 0).any(-1)
        if 'keypoint_score' in anno:
            present &= np.asarray(anno['keypoint_score']) > 0
        turned = keypoint.copy()
        if present.any():
            centre = keypoint[present].mean(0)
            turned[present] = (keypoint[present] - centre) @ turn.T + centre
        annotations.append(dict(anno, keypoint=turned.astype(keypoint.dtype)))
    return dict(data, annotations=annotations)
