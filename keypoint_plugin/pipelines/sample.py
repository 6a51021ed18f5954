"""KeypointSampleFrames: uniform frame sampling that stretches short clips instead of looping them;
KeypointDecode: the sampled frames, interpolated at fractional positions."""
import numpy as np

from ..host import PIPELINES
from .skeleton import Skeleton, SkeletonSource, over_coords, read_skeleton

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
    - With ``interpolate=True`` the positions stay fractional (frame j taken as the centre of
      ``[j, j + 1)``), for ``KeypointDecode`` to interpolate: a stretched clip then moves smoothly, where
      repeated frames give a frame-to-frame velocity that alternates between 0 and a jump. The hosts'
      ``PoseDecode`` cannot read fractional positions.

    Args:
        clip_len (int): Frames of each clip.
        num_clips (int): Clips per sample (concatenated along T). Default: 1.
        test_mode (bool): Deterministic test sampling; also taken from ``results['test_mode']`` when true
            there (pyskl's datasets set it). Default: False.
        p_interval (float | tuple[float, float]): Training only: the fraction of the clip kept is drawn
            uniformly from this range (a float p means (p, 1)). Default: 1 (the whole clip).
        interpolate (bool): Give fractional frame positions (float ``frame_inds``, for ``KeypointDecode``)
            instead of frame indices. Default: False.
    """

    def __init__(self, clip_len, num_clips=1, test_mode=False, p_interval=1, interpolate=False):
        if isinstance(p_interval, (int, float)):
            p_interval = (p_interval, 1)
        p_interval = tuple(float(p) for p in p_interval)
        if clip_len < 1 or num_clips < 1:
            raise ValueError(f'clip_len and num_clips must be >= 1, got {clip_len} and {num_clips}')
        if len(p_interval) != 2 or not 0 < p_interval[0] <= p_interval[1] <= 1:
            raise ValueError(f'p_interval must be p or (low, high) with 0 < low <= high <= 1, got {p_interval}')
        self.clip_len, self.num_clips = clip_len, num_clips
        self.test_mode, self.p_interval, self.interpolate = test_mode, p_interval, interpolate

    def _segments(self, start, length, offsets):
        """Frame of each segment of ``[start, start + length)`` at the given fractions [..., clip_len]: the
        index of the frame whose interval holds that point, or (``interpolate``) its fractional position
        between the frames' centres."""
        points = start + (np.arange(self.clip_len) + offsets) * (length / self.clip_len)
        if self.interpolate:  # (np.clip's wrapper costs more than the two ufuncs)
            return np.minimum(np.maximum(points - 0.5, start), start + length - 1)
        return np.minimum(np.floor(points).astype(np.int64), start + length - 1)

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
        start_index = results.get('start_index', 0)
        inds = inds.reshape(-1) + start_index if start_index else inds.reshape(-1)
        results.update(frame_inds=inds, clip_len=self.clip_len,
                       frame_interval=None, num_clips=self.num_clips)
        return results

    def __repr__(self):
        return (f'{self.__class__.__name__}(clip_len={self.clip_len}, num_clips={self.num_clips}, '
                f'test_mode={self.test_mode}, p_interval={self.p_interval}, interpolate={self.interpolate})')


def check_frame_decoding(transforms):
    """Refuse a pipeline whose ``KeypointSampleFrames(interpolate=True)`` is decoded by the host's ``PoseDecode``,
    which would fail on the first sample, deep in the host, indexing with fractional positions.

    Args:
        transforms (list[callable]): Built transforms, as a host's ``Compose`` holds them.
    """
    interpolating = False
    for transform in transforms:
        if isinstance(transform, KeypointSampleFrames):
            interpolating = transform.interpolate
        elif isinstance(transform, KeypointDecode):
            interpolating = False
        elif interpolating and type(transform).__name__ == 'PoseDecode':
            raise ValueError('KeypointSampleFrames(interpolate=True) gives fractional frame positions: decode them '
                             "with dict(type='KeypointDecode'), not the host's PoseDecode")


@PIPELINES.register_module()
class KeypointDecode(SkeletonSource):
    """Take the sampled frames of ``keypoint`` and ``keypoint_score``, interpolating at fractional positions.

    Integer ``frame_inds`` give what the hosts' ``PoseDecode`` gives. A fractional position (from
    ``KeypointSampleFrames(interpolate=True)``) blends its two neighbouring frames linearly, coordinates and
    scores alike. A joint missing in either neighbour (score 0 in 2D; all-zero or non-finite coordinates
    without scores in 3D) is taken from the nearer one instead: missing joints stay exactly 0 with score 0,
    and no joint is pulled towards a missing joint's zeros.

    In a dataset's pipeline the skeleton steps after it take the decoded skeleton as it is made
    (:class:`~keypoint_plugin.pipelines.skeleton.SkeletonSteps`).
    """

    @staticmethod
    def _positions(results):
        """The frame positions as ``(low, weight)``: the frame at or before each position and the blend weight
        towards the next one."""
        if 'frame_inds' not in results:
            results['frame_inds'] = np.arange(results['total_frames'])
        results['frame_inds'] = np.asarray(results['frame_inds']).reshape(-1)
        pos = results['frame_inds'] + results.get('offset', 0)
        num_frames = np.shape(results['keypoint'])[1]
        # Numpy would wrap a negative index around to the clip's end without a word.
        if pos.size and (pos.min() < 0 or pos.max() > num_frames - 1):
            raise ValueError(f'frame positions must lie in [0, {num_frames - 1}] (the clip has {num_frames} '
                             f'frames), got [{pos.min()}, {pos.max()}]')
        low = np.floor(pos).astype(np.int64)
        return low, (pos - low).astype(np.float32)

    @staticmethod
    def _gather(results, frames):
        # ``take`` costs a fraction of fancy indexing on axis 1.
        return {key: np.asarray(results[key]).take(frames, axis=1) for key in ('keypoint', 'keypoint_score')
                if key in results}

    def read(self, results):
        return self._read(results, *self._positions(results))

    def _read(self, results, low, weight):
        if not weight.any():
            return Skeleton(self._gather(results, low))
        shape = np.shape(results['keypoint'])
        score_shape = np.shape(results['keypoint_score']) if 'keypoint_score' in results else shape[:3]
        if len(shape) != 4 or score_shape != shape[:3]:
            read_skeleton(results)  # its error names the expected shapes
        # One gather of both neighbours of every position; the sampled frames alone are then read.
        keypoint, score, present = read_skeleton(
            self._gather(results, np.concatenate([low, np.minimum(low + 1, shape[1] - 1)])))
        num = len(low)
        # Blend weights per joint: the position's where both neighbours are present, else 0 or 1 (the nearer one,
        # exactly: a missing neighbour is 0, so the blend is the other one).
        to_high = np.where(present[:, :num] & present[:, num:], weight[None, :, None],
                           (weight >= 0.5)[None, :, None])
        keypoint = keypoint[:, :num] + to_high[..., None] * (keypoint[:, num:] - keypoint[:, :num])
        score = score[:, :num] + to_high * (score[:, num:] - score[:, :num])
        # What read_skeleton would find in the blend (blends of finite values are finite).
        scored = 'keypoint_score' in results
        present = score > 0 if scored else over_coords(np.logical_or, keypoint != 0)
        return Skeleton.of(keypoint, score, present, scored)

    def __call__(self, results):
        low, weight = self._positions(results)
        if weight.any():
            return self._read(results, low, weight).write(results)
        # Frame indices: PoseDecode's result, missing joints as they are.
        results.update({key: array.astype(np.float32) for key, array in self._gather(results, low).items()})
        return results

    def __repr__(self):
        return f'{self.__class__.__name__}()'
