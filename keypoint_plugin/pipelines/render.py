"""GrayscaleRender: every frame's skeletons drawn into one single-channel image."""
import numpy as np

from ..host import PIPELINES
from .skeleton import clip_layout, read_skeleton, resolve_layout

# Profiles are cut at this many sigmas (exp(-4.5) ~ 1% of the peak), like the host's pseudo heatmaps.
_REACH = 3


def _scatter_max(size, index, value):
    """``out[i] = max(value[index == i])`` (0 where no value), for a flat float32 canvas of ``size``.

    Fancy assignment stores one of the values written to a repeated index; re-writing the values that
    beat it converges to the maximum in a few rounds (np.maximum.at is several times slower in numpy < 1.25).

    Args:
        size (int): Canvas size.
        index (np.ndarray): int [N] flat canvas index of each value.
        value (np.ndarray): float32 [N] non-negative values.
    """
    canvas = np.zeros(size, dtype=np.float32)
    while index.size:
        canvas[index] = value
        beats = value > canvas[index]
        index, value = index[beats], value[beats]
    return canvas


def _limb_pixels(starts, ends, values, frames, sigma, shape):
    """Pixels drawn by Gaussian-profiled segments: ``value * exp(-d^2 / (2 sigma^2))`` for d, the pixel's
    distance to the segment, up to 3 sigma.

    Each segment is evaluated on short pixel strips across its major axis (rows for steep segments,
    columns for flat ones), each covering the pixels that can be within reach where the segment meets
    the strip, so the work follows the drawn area.

    Args:
        starts (np.ndarray): float [S, 2] ``(x, y)`` start of each segment.
        ends (np.ndarray): float [S, 2] end of each segment.
        values (np.ndarray): float [S] peak value of each segment, in (0, 1].
        frames (np.ndarray): int [S] frame each segment is drawn into.
        sigma (float): Gaussian sigma of the profile, > 0.
        shape (tuple[int]): ``(F, H, W)`` of the canvas.

    Returns:
        tuple[np.ndarray]: flat canvas index and float32 value of each drawn pixel.
    """
    _, height, width = shape
    reach = _REACH * sigma
    # Work in (across, along) pixel axes per segment: (x, y) for steep segments, whose strips are rows,
    # (y, x) for flat ones, whose strips are columns. Distances do not change under this swap.
    starts, ends = starts.astype(np.float64), ends.astype(np.float64)
    flat = np.abs(ends[:, 0] - starts[:, 0]) > np.abs(ends[:, 1] - starts[:, 1])
    starts = np.where(flat[:, None], starts[:, ::-1], starts)
    ends = np.where(flat[:, None], ends[:, ::-1], ends)
    num_strips_max = np.where(flat, width, height)
    delta = ends - starts
    length = np.linalg.norm(delta, axis=1)
    # Unit direction; a zero-length segment takes any, its distance to a point being the same.
    unit = np.where(length[:, None] > 0, delta / np.maximum(length, 1e-12)[:, None], [1., 0.])
    low = np.minimum(starts[:, 1], ends[:, 1])
    high = np.maximum(starts[:, 1], ends[:, 1])
    # A zero d_along means a zero-length segment, where any t gives the same point.
    inv_d_along = 1 / (delta[:, 1] + (delta[:, 1] == 0))
    # A pixel within reach of the segment lies, along its strip, within reach * sqrt(1 + slope^2) of where
    # the segment (clamped to its ends) meets the strip; |slope| <= 1 on the major axis.
    half_window = reach * np.sqrt(1 + (delta[:, 0] * inv_d_along)**2)

    # Strips within reach of each segment; clipping before the int cast keeps far-off keypoints from
    # overflowing it.
    first_strip = np.clip(np.ceil(low - reach), 0, num_strips_max).astype(np.int64)
    last_strip = np.clip(np.floor(high + reach), -1, num_strips_max - 1).astype(np.int64)
    num_strips = np.maximum(last_strip - first_strip + 1, 0)
    seg = np.repeat(np.arange(len(starts)), num_strips)
    # One row gather of a per-segment table is much faster than a gather per quantity.
    table = np.stack([
        first_strip - (np.cumsum(num_strips) - num_strips), starts[:, 0], starts[:, 1], delta[:, 0], inv_d_along,
        half_window, unit[:, 0], unit[:, 1], length / 2, np.log(values), frames * height * width,
        np.where(flat, 1, width), np.where(flat, width, 1), np.where(flat, height, width)], axis=1).take(seg, axis=0)
    (strip, a_across, a_along, d_across, inv_d_along, half_window, u_0, u_1, half_len, log_peak, frame_index,
     strip_stride, pixel_stride, strip_len_max) = table.T
    strip = strip + np.arange(len(seg))
    crossing = a_across + d_across * np.clip((strip - a_along) * inv_d_along, 0, 1)
    first = np.clip(np.ceil(crossing - half_window), 0, strip_len_max)
    count = np.clip(np.floor(crossing + half_window), -1, strip_len_max - 1) - first + 1

    # Pixels of the strips as a padded block [longest strip, strips]: strips on the last axis keep
    # numpy's inner loops long. Padding is dropped with the pixels beyond reach. Each pixel's offset
    # from the segment's middle is split into its components parallel and normal to the segment, so the
    # overshoot past an end is |parallel| - length / 2. float32 suffices for these small pixel offsets,
    # and the block's temporaries dominate the cost, hence the in-place operations.
    offset = np.arange(max(int(count.max(initial=0)), 0))[:, None]
    rel = strip - a_along

    def row(array):
        return array.astype(np.float32)[None]

    # The pixel's offset from the start across the strip, turned into the normal component in place.
    normal = offset.astype(np.float32) + row(first - a_across)
    parallel = normal * row(u_0)
    parallel += row(rel * u_1 - half_len)
    normal *= row(-u_1)
    normal += row(rel * u_0)
    overshoot = np.abs(parallel, out=parallel)
    overshoot -= row(half_len)
    np.maximum(overshoot, 0, out=overshoot)
    dist2 = np.square(normal, out=normal)
    dist2 += np.square(overshoot, out=overshoot)
    inside = dist2 <= reach * reach
    inside &= offset < count
    # flatnonzero + take is about twice as fast as boolean indexing.
    drawn = np.flatnonzero(inside)
    index_type = _index_type(shape)
    first_index = (frame_index + strip * strip_stride + first * pixel_stride).astype(index_type)
    index = offset.astype(index_type) * pixel_stride.astype(index_type)
    index += first_index
    log_value = dist2.take(drawn)
    log_value *= np.float32(-0.5 / sigma**2)
    log_value += log_peak.astype(np.float32).take(drawn % len(strip))
    return index.take(drawn), np.exp(log_value, out=log_value)


def _blob_pixels(centers, values, frames, sigma, shape):
    """Pixels drawn by Gaussian blobs: ``value * exp(-d^2 / (2 sigma^2))`` for d, the pixel's distance to
    the center, up to 3 sigma.

    Args:
        centers (np.ndarray): float [S, 2] ``(x, y)`` of each blob.
        values (np.ndarray): float [S] peak value of each blob, in (0, 1].
        frames (np.ndarray): int [S] frame each blob is drawn into.
        sigma (float): Gaussian sigma, > 0.
        shape (tuple[int]): ``(F, H, W)`` of the canvas.

    Returns:
        tuple[np.ndarray]: flat canvas index and float32 value of each drawn pixel.
    """
    _, height, width = shape
    reach = _REACH * sigma
    # The pixels of a window of 2 reach + 1 per axis, blobs on the last axis; pixels off the canvas
    # get an infinite distance.
    offset = np.arange(int(2 * reach) + 1)[:, None]
    centers = centers.astype(np.float64)
    first = np.ceil(centers - reach)
    pixel_x, pixel_y = first[:, 0] + offset, first[:, 1] + offset
    dist2_x = np.where((pixel_x >= 0) & (pixel_x < width), (pixel_x - centers[:, 0]) ** 2, np.inf)
    dist2_y = np.where((pixel_y >= 0) & (pixel_y < height), (pixel_y - centers[:, 1]) ** 2, np.inf)
    dist2 = (dist2_y[:, None] + dist2_x[None]).astype(np.float32)
    drawn = np.flatnonzero(dist2 <= reach * reach)
    log_value = np.log(values).astype(np.float32) - dist2 * np.float32(0.5 / sigma**2)
    index_type = _index_type(shape)
    row_index = frames * height * width + np.clip(pixel_y, 0, height - 1).astype(np.int64) * width
    index = row_index.astype(index_type)[:, None] + np.clip(pixel_x, 0, width - 1).astype(index_type)[None]
    return index.take(drawn), np.exp(log_value.take(drawn))


def _index_type(shape):
    # int32 canvas indices halve the memory traffic of the pixel blocks where they fit.
    return np.int32 if np.prod(shape) < 2**31 else np.int64


@PIPELINES.register_module()
class GrayscaleRender:
    """Render each frame's skeletons (limbs and joints of all persons) into one grayscale image.

    Writes ``results['imgs']`` float32 [num_clips', 1, T, H, W] in [0, 1]: ``results['num_clips']`` clips
    of ``results['clip_len']`` frames (the whole T when absent), then, with ``double``, the same clips
    rendered from horizontally flipped keypoints (``x -> W - 1 - x``, left and right joints swapped; the
    mirror image for a left/right symmetric limb list). Follow it with the host's
    ``Collect(keys=['imgs', 'label'], meta_keys=[])`` and ``ToTensor`` (no FormatShape).

    A limb of present ends draws ``min(score_a, score_b) * exp(-d^2 / (2 sigma^2))`` (d: pixel to
    segment distance), a present joint ``score * exp(-d^2 / (2 joint_radius^2))``; each pixel takes the
    maximum and profiles are cut at 3 sigma. Pixel ``(y, x)`` is centered at coordinate ``(x, y)``, as in
    the host's GeneratePoseTarget. Keypoints are in ``results['img_shape']`` pixels (as left by the
    host's PoseCompact, Resize, crops and Flip); ``output_size`` rescales them to another canvas.

    Args:
        sigma (float): Gaussian sigma of the limb profile (line width), in output pixels. Default: 0.6.
        joint_radius (float): Gaussian sigma of the joint blobs, in output pixels: the line width shows
            isolated joints and joints scored above their limbs, larger values make every joint a dot (at
            extra cost), 0 draws limbs only. Default: 0.6.
        use_score (bool): Scale intensities by keypoint scores (clipped to [0, 1]); else present
            joints draw at 1. Default: True.
        double (bool): Append the flipped renders for test-time flip augmentation. Default: False.
        layout (str | dict | Layout): Joint layout for joint count, flip pairs and limbs; a dict may carry
            its own ``limbs`` list of joint pairs. Default: ``'coco'``.
        output_size (tuple[int] | None): ``(H, W)`` of the images; None uses ``results['img_shape']``.
            Default: None.
    """

    def __init__(self, sigma=0.6, joint_radius=0.6, use_score=True, double=False, layout='coco',
                 output_size=None):
        if not sigma > 0 or not joint_radius >= 0:
            raise ValueError(f'sigma={sigma} must be > 0 and joint_radius={joint_radius} >= 0')
        if output_size is not None and (len(output_size) != 2 or min(output_size) < 1):
            raise ValueError(f'output_size={output_size} must be (H, W) of positive ints')
        self.sigma = float(sigma)
        self.joint_radius = float(joint_radius)
        self.use_score = use_score
        self.double = double
        self.layout, self.limbs = resolve_layout(layout, 'limbs')
        self.flip_index = np.array(self.layout.flip_index)
        self.output_size = None if output_size is None else tuple(int(s) for s in output_size)

    def _draw(self, keypoint, score, shape):
        """Render ``keypoint`` [F, M, V, 2] with ``score`` [F, M, V] into float32 [F, H, W] images."""
        start, end = self.limbs[:, 0], self.limbs[:, 1]
        limb_value = np.minimum(score[:, :, start], score[:, :, end])
        drawn = limb_value > 0
        index, value = _limb_pixels(keypoint[:, :, start][drawn], keypoint[:, :, end][drawn], limb_value[drawn],
                                    np.nonzero(drawn)[0], self.sigma, shape)
        if self.joint_radius > 0:
            drawn = score > 0
            blob_index, blob_value = _blob_pixels(keypoint[drawn], score[drawn], np.nonzero(drawn)[0],
                                                  self.joint_radius, shape)
            index, value = np.concatenate([index, blob_index]), np.concatenate([value, blob_value])
        return _scatter_max(int(np.prod(shape)), index, value).reshape(shape)

    def __call__(self, results):
        keypoint, score, present = read_skeleton(results, self.layout.num_joints)
        if keypoint.shape[-1] != 2:
            raise ValueError(f"GrayscaleRender draws 2D keypoints, got results['keypoint'] of shape {keypoint.shape}")
        if 'img_shape' not in results:
            raise KeyError(f"GrayscaleRender needs results['img_shape'] (keys found: {sorted(results)})")
        img_h, img_w = results['img_shape']
        if not min(img_h, img_w) > 0:
            raise ValueError(f"results['img_shape'] must be a positive (h, w), got {results['img_shape']}")
        height, width = self.output_size or (int(img_h), int(img_w))
        keypoint = keypoint * np.array([width / img_w, height / img_h], dtype=np.float32)
        score = np.clip(score, 0, 1) if self.use_score else present.astype(np.float32)
        _, clip_len = clip_layout(results, keypoint.shape[1])

        # Frames first: [T, M, V, ...]; the flipped copy's frames follow, so clips stay contiguous.
        keypoint, score = keypoint.swapaxes(0, 1), score.swapaxes(0, 1)
        if self.double:
            mirrored = keypoint[:, :, self.flip_index]
            mirrored[..., 0] = width - 1 - mirrored[..., 0]
            keypoint = np.concatenate([keypoint, mirrored])
            score = np.concatenate([score, score[:, :, self.flip_index]])
        imgs = self._draw(keypoint, score, (len(keypoint), height, width))
        results['imgs'] = imgs.reshape(-1, 1, clip_len, height, width)
        return results

    def __repr__(self):
        return (f'{self.__class__.__name__}(sigma={self.sigma}, joint_radius={self.joint_radius}, '
                f'use_score={self.use_score}, double={self.double}, layout={self.layout.name!r}, '
                f'output_size={self.output_size})')
