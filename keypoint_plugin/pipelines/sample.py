"""KeypointSampleFrames: uniform frame sampling that stretches short clips instead of looping them."""
import numpy as np

from ..host import PIPELINES

# Frame samplers a config's pipeline may start with, whose ``clip_len``/``num_clips`` set the clips: the hosts'
# and the plugin's.
SAMPLERS = ('UniformSampleFrames', 'KeypointSampleFrames')


@PIPELINES.register_module()
class KeypointSampleFrames:
    """Sample ``num_clips`` clips of ``clip_len`` frames, one frame from each of ``clip_len`` equal segments.

    A drop-in for the hosts' ``UniformSampleFrames`` (same keys out: ``frame_inds``, ``clip_len``,
    ``num_clips``, ``frame_interval``), differing where clips are short or data is small:

    - A clip shorter than ``clip_len`` is stretched: its frames are repeated in order. The hosts instead loop
      it (``inds % num_frames``), which puts a jump from the last frame back to the first inside the clip: a
      large false motion that the model reads as part of the action.
    - Training may first keep a random sub-interval of the clip, a fraction drawn from ``p_interval`` of its
      length (temporal crop augmentation, as pyskl's ``p_interval``).
    - Test clip k of K takes the frame at fraction (k + 0.5) / K of every segment: spread evenly and
      deterministic without reseeding the global random state.

    Args:
        clip_len (int): Frames of each clip.
        num_clips (int): Clips per sample (concatenated along T). Default: 1.
        test_mode (bool): Deterministic test sampling; also taken from ``results['test_mode']`` when true
            there (pyskl's datasets set it). Default: False.
        p_interval (float | tuple[float, float]): Training only: the fraction of the clip kept is drawn
            uniformly from this range (a float p means (p, 1)). Default: 1 (the whole clip).
    """

    def __init__(self, clip_len, num_clips=1, test_mode=False, p_interval=1):
        if isinstance(p_interval, (int, float)):
            p_interval = (p_interval, 1)
        p_interval = tuple(float(p) for p in p_interval)
        if clip_len < 1 or num_clips < 1:
            raise ValueError(f'clip_len and num_clips must be >= 1, got {clip_len} and {num_clips}')
        if len(p_interval) != 2 or not 0 < p_interval[0] <= p_interval[1] <= 1:
            raise ValueError(f'p_interval must be p or (low, high) with 0 < low <= high <= 1, got {p_interval}')
        self.clip_len, self.num_clips = clip_len, num_clips
        self.test_mode, self.p_interval = test_mode, p_interval

    def _segments(self, start, length, offsets):
        """Frame index of each segment of ``[start, start + length)`` at the given fractions [..., clip_len]."""
        width = length / self.clip_len
        inds = np.floor(start + (np.arange(self.clip_len) + offsets) * width).astype(np.int64)
        return np.minimum(inds, start + length - 1)

    def __call__(self, results):
        num_frames = results['total_frames']
        if num_frames < 1:
            raise ValueError(f'cannot sample frames from a clip of total_frames={num_frames}')
        if self.test_mode or results.get('test_mode', False):
            offsets = (np.arange(self.num_clips)[:, None] + 0.5) / self.num_clips
            inds = self._segments(0, num_frames, np.broadcast_to(offsets, (self.num_clips, self.clip_len)))
        else:
            length = num_frames
            if self.p_interval != (1, 1):
                ratio = np.random.uniform(*self.p_interval)
                length = min(max(int(round(ratio * num_frames)), 1), num_frames)
            start = np.random.randint(0, num_frames - length + 1)
            inds = self._segments(start, length, np.random.rand(self.num_clips, self.clip_len))
        results.update(frame_inds=inds.reshape(-1) + results.get('start_index', 0), clip_len=self.clip_len,
                       frame_interval=None, num_clips=self.num_clips)
        return results

    def __repr__(self):
        return (f'{self.__class__.__name__}(clip_len={self.clip_len}, num_clips={self.num_clips}, '
                f'test_mode={self.test_mode}, p_interval={self.p_interval})')
