"""Streaming recognition: skeleton frames in as they arrive (e.g. from a live pose estimator), a
prediction out per sliding window."""
from collections import deque

import numpy as np

from .inference import check_img_shape, inference_recognizer


class StreamingRecognizer:
    """Sliding-window recognition over a stream of skeleton frames.

    Args:
        model (nn.Module): From :func:`keypoint_plugin.apis.init_recognizer`.
        window (int): Frames per prediction.
        stride (int): Frames between two predictions.
        img_shape (tuple[int, int] | None): ``(h, w)`` of the frames; required when the model's test pipeline
            works in pixels (2D skeletons: the grayscale render, the heatmaps).
        topk (int): Labels returned per prediction.
    """

    def __init__(self, model, window=48, stride=16, img_shape=None, topk=5):
        if window < 1 or stride < 1:
            raise ValueError(f'window and stride must be >= 1, got window={window}, stride={stride}')
        check_img_shape(model, img_shape)
        self.model, self.window, self.stride = model, window, stride
        self.img_shape, self.topk = img_shape, topk
        self.frames = deque(maxlen=window)
        self.seen = 0

    def push(self, keypoint, keypoint_score=None):
        """Add one frame; return a prediction when a window is due, else None.

        Args:
            keypoint (np.ndarray): ``[M, V, C]`` joints of the frame's persons (M may change over time,
                M = 0 for a frame without anyone).
            keypoint_score (np.ndarray | None): ``[M, V]`` confidences.

        Returns:
            dict | None: ``{'frame': index of the window's last frame, 'topk': [(label, name, score)]}``;
            ``topk`` is empty (``NO_SKELETON``) for a window without any joint present.
        """
        keypoint = np.asarray(keypoint, dtype=np.float32)
        if keypoint.ndim != 3:
            raise ValueError(f'a frame\'s keypoint must be [M, V, C], got shape {keypoint.shape}')
        if keypoint_score is None:
            keypoint_score = np.ones(keypoint.shape[:2], np.float32)
        self.frames.append((keypoint, np.asarray(keypoint_score, dtype=np.float32)))
        self.seen += 1
        if len(self.frames) < self.window or (self.seen - self.window) % self.stride:
            return None
        return dict(frame=self.seen - 1, topk=inference_recognizer(self.model, self._window_sample(), self.topk))

    def _window_sample(self):
        num_person = max(1, max(kp.shape[0] for kp, _ in self.frames))
        num_joints, dims = next((kp.shape[1:] for kp, _ in self.frames if kp.shape[0]), self.frames[0][0].shape[1:])
        keypoint = np.zeros((num_person, len(self.frames), num_joints, dims), np.float32)
        score = np.zeros((num_person, len(self.frames), num_joints), np.float32)
        for t, (kp, sc) in enumerate(self.frames):
            keypoint[:kp.shape[0], t], score[:kp.shape[0], t] = kp, sc
        sample = dict(keypoint=keypoint, keypoint_score=score, total_frames=len(self.frames))
        if self.img_shape is not None:
            sample['img_shape'] = tuple(self.img_shape)
        return sample
