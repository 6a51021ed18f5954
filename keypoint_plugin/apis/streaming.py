"""Streaming recognition: skeleton frames in as they arrive (e.g. from a live pose estimator), a
prediction out per sliding window; many streams (cameras) at once, one thread each, sharing one model."""
import threading
import time
from collections import deque

import numpy as np

from ..layouts import get_layout
from .inference import check_img_shape, inference_recognizer


class StreamingRecognizer:
    """Sliding-window recognition over a stream of skeleton frames.

    Frames are checked as they arrive. A malformed frame (not ``[M, V, C]``, another joint count or coordinate
    count than the model's, scores of another shape) raises ``ValueError`` naming the stream and the frame, and is
    not kept: the stream goes on as if it had not come. Joints with non-finite coordinates or scores are missing
    joints, and a frame without anyone (M = 0) is a frame without skeletons; both are kept.

    Streams are independent: each keeps its own frames, and threads may each run one over a shared model (in eval
    mode, as :func:`~keypoint_plugin.apis.init_recognizer` returns it).

    Args:
        model (nn.Module): From :func:`keypoint_plugin.apis.init_recognizer`.
        window (int): Frames per prediction.
        stride (int): Frames between two predictions.
        img_shape (tuple[int, int] | None): ``(h, w)`` of the frames; required when the model's test pipeline
            works in pixels (2D skeletons: the grayscale render, the heatmaps).
        topk (int): Labels returned per prediction.
        name (str): The stream's name in error messages (e.g. the camera). Default: ``'stream'``.
    """

    def __init__(self, model, window=48, stride=16, img_shape=None, topk=5, name='stream'):
        if window < 1 or stride < 1:
            raise ValueError(f'window and stride must be >= 1, got window={window}, stride={stride}')
        check_img_shape(model, img_shape)
        self.model, self.window, self.stride = model, window, stride
        self.img_shape, self.topk, self.name = img_shape, topk, name
        cfg = getattr(model, 'cfg', {})
        # The model's frame shape (V, C) when its config says; else the first frame's sets it for the stream.
        self.frame_shape = (get_layout(cfg['layout']).num_joints if cfg.get('layout') is not None else None,
                            cfg.get('dims'))
        self.frames = deque(maxlen=window)
        self.seen = 0

    def _check(self, keypoint, keypoint_score):
        """The frame as float32 arrays, or ValueError naming what is wrong with it."""
        where = f'{self.name}, frame {self.seen}'
        try:
            keypoint = np.asarray(keypoint, dtype=np.float32)
            score = None if keypoint_score is None else np.asarray(keypoint_score, dtype=np.float32)
        except (TypeError, ValueError) as err:
            raise ValueError(f'{where}: keypoint and keypoint_score must be numeric arrays ({err})') from None
        if keypoint.ndim != 3:
            raise ValueError(f'{where}: a frame\'s keypoint must be [M, V, C], got shape {keypoint.shape}')
        joints, dims = self.frame_shape
        if (joints is not None and keypoint.shape[1] != joints) or (dims is not None and keypoint.shape[2] != dims):
            raise ValueError(f'{where}: keypoint has shape {keypoint.shape}, [M, V, C] with V={joints} joints and '
                             f'C={dims} coordinates expected')
        if keypoint.shape[2] not in (2, 3):
            raise ValueError(f'{where}: keypoint has {keypoint.shape[2]} coordinates per joint, 2 or 3 expected')
        if score is None:
            score = np.ones(keypoint.shape[:2], np.float32)
        elif score.shape != keypoint.shape[:2]:
            raise ValueError(f'{where}: keypoint_score has shape {score.shape}, [M, V] = {keypoint.shape[:2]} '
                             'expected')
        return keypoint, score

    def push(self, keypoint, keypoint_score=None):
        """Add one frame; return a prediction when a window is due, else None.

        Args:
            keypoint (np.ndarray): ``[M, V, C]`` joints of the frame's persons (M may change over time,
                M = 0 for a frame without anyone).
            keypoint_score (np.ndarray | None): ``[M, V]`` confidences. Default: None (1 for every joint).

        Returns:
            dict | None: ``{'frame': index of the window's last frame, 'topk': [(label, name, score)]}``;
            ``topk`` is empty (``NO_SKELETON``) for a window without any joint present.

        Raises:
            ValueError: A malformed frame (see the class); the stream is left as it was.
        """
        keypoint, score = self._check(keypoint, keypoint_score)
        self.frame_shape = keypoint.shape[1:]
        self.frames.append((keypoint, score))
        self.seen += 1
        if len(self.frames) < self.window or (self.seen - self.window) % self.stride:
            return None
        return dict(frame=self.seen - 1, topk=inference_recognizer(self.model, self._window_sample(), self.topk))

    def _window_sample(self):
        num_person = max(1, max(kp.shape[0] for kp, _ in self.frames))
        keypoint = np.zeros((num_person, len(self.frames)) + self.frame_shape, np.float32)
        score = np.zeros((num_person, len(self.frames), self.frame_shape[0]), np.float32)
        for t, (kp, sc) in enumerate(self.frames):
            keypoint[:kp.shape[0], t], score[:kp.shape[0], t] = kp, sc
        sample = dict(keypoint=keypoint, keypoint_score=score, total_frames=len(self.frames))
        if self.img_shape is not None:
            sample['img_shape'] = tuple(self.img_shape)
        return sample


def replay_streams(model, recordings, window=48, stride=16, img_shape=None, topk=1, duration=None):
    """Feed recorded skeleton sequences to one :class:`StreamingRecognizer` each, all at once (a thread each).

    Args:
        model (nn.Module): The shared model (eval mode).
        recordings (list[tuple]): Per stream, its frames: a list of ``(keypoint [M, V, C], keypoint_score [M, V] |
            None)``.
        window, stride, img_shape, topk: As :class:`StreamingRecognizer`'s.
        duration (float | None): Seconds to run, each stream replaying its recording from the start when it ends
            (a fresh recognizer each time); None plays each recording once.

    Returns:
        list[dict]: Per stream: ``predictions`` (``(frame, topk, seconds the push took)`` of each window, ``frame``
        counted from the start of its replay), ``errors`` (``(frame, message)`` of each frame refused), ``replays``
        (recordings played to the end) and ``failure`` (any other error that ended the stream, else None).
    """
    deadline = []  # set as the threads start together, so that their setup does not count
    start = threading.Barrier(len(recordings), action=lambda: deadline.append(
        None if duration is None else time.perf_counter() + duration))
    out = [dict(predictions=[], errors=[], replays=0, failure=None) for _ in recordings]

    def replay(index, record):
        start.wait()
        while True:
            stream = StreamingRecognizer(model, window, stride, img_shape, topk, name=f'stream {index}')
            for frame, (keypoint, score) in enumerate(recordings[index]):
                begin = time.perf_counter()
                try:
                    result = stream.push(keypoint, score)
                except ValueError as err:  # a malformed frame: refused, the stream goes on
                    record['errors'].append((frame, str(err)))
                    continue
                if result is not None:
                    record['predictions'].append((frame, result['topk'], time.perf_counter() - begin))
                if deadline[0] is not None and time.perf_counter() > deadline[0]:
                    return
            record['replays'] += 1
            if deadline[0] is None:
                return

    def run(index):
        try:
            replay(index, out[index])
        except Exception as err:  # anything else ends this stream only; the caller sees it in `failure`
            out[index]['failure'] = f'{type(err).__name__}: {err}'

    threads = [threading.Thread(target=run, args=(index, ), name=f'stream {index}') for index in range(len(recordings))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return out
