"""Drawing a skeleton sequence with its predicted label into a GIF or MP4, optionally over video frames."""
import cv2
import numpy as np
from PIL import Image

from .layouts import get_layout


def draw_skeleton_frames(keypoint, keypoint_score=None, img_shape=None, text='', layout='coco',
                         background=None, min_score=0.05):
    """RGB frames showing every person's limbs and joints.

    Args:
        keypoint (np.ndarray): ``[M, T, V, 2]`` pixel coordinates.
        keypoint_score (np.ndarray | None): ``[M, T, V]``; joints scoring below ``min_score`` are skipped.
        img_shape (tuple[int, int] | None): ``(h, w)`` of the canvas; default: the background's, else the
            skeleton's extent.
        text (str): Caption drawn on every frame (e.g. the predicted label).
        layout (str | dict): Joint layout giving the limbs.
        background (np.ndarray | None): ``[T', h, w, 3]`` RGB video frames; frame ``t`` uses
            ``background[min(t, T' - 1)]``.
        min_score (float): Score below which a joint counts as missing.

    Returns:
        list[np.ndarray]: ``T`` uint8 RGB images.
    """
    keypoint = np.asarray(keypoint, dtype=np.float32)
    if keypoint.ndim != 4 or keypoint.shape[-1] != 2:
        raise ValueError(f'draw_skeleton_frames needs 2D keypoints [M, T, V, 2], got shape {keypoint.shape}')
    score = np.ones(keypoint.shape[:3], np.float32) if keypoint_score is None else np.asarray(keypoint_score)
    if img_shape is None:
        img_shape = background.shape[1:3] if background is not None else \
            (int(np.nanmax(keypoint[..., 1])) + 10, int(np.nanmax(keypoint[..., 0])) + 10)
    h, w = int(img_shape[0]), int(img_shape[1])
    limbs = get_layout(layout).limbs
    visible = (score >= min_score) & np.isfinite(keypoint).all(-1)
    colors = [(230, 60, 60), (60, 120, 230), (60, 190, 90), (230, 170, 40)]
    frames = []
    for t in range(keypoint.shape[1]):
        canvas = np.full((h, w, 3), 255, np.uint8) if background is None else \
            cv2.resize(background[min(t, len(background) - 1)], (w, h))
        for m in range(keypoint.shape[0]):
            color = colors[m % len(colors)]
            points = np.round(np.nan_to_num(keypoint[m, t])).astype(int)
            for a, b in limbs:
                if visible[m, t, a] and visible[m, t, b]:
                    cv2.line(canvas, tuple(points[a]), tuple(points[b]), color, 2, cv2.LINE_AA)
            for j in np.flatnonzero(visible[m, t]):
                cv2.circle(canvas, tuple(points[j]), 3, color, -1, cv2.LINE_AA)
        if text:
            cv2.putText(canvas, text, (8, 22), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (0, 0, 0), 2, cv2.LINE_AA)
        frames.append(canvas)
    return frames


def write_animation(frames, out_file, fps=15):
    """Write RGB frames to ``out_file``: ``.gif`` with Pillow, anything else (``.mp4``) with OpenCV."""
    if not frames:
        raise ValueError('no frames to write')
    if out_file.lower().endswith('.gif'):
        images = [Image.fromarray(frame) for frame in frames]
        images[0].save(out_file, save_all=True, append_images=images[1:], duration=int(1000 / fps), loop=0)
        return
    h, w = frames[0].shape[:2]
    writer = cv2.VideoWriter(out_file, cv2.VideoWriter_fourcc(*'mp4v'), fps, (w, h))
    for frame in frames:
        writer.write(cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    writer.release()
