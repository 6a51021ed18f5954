"""Many streaming recognizers at once over one model: throughput, latency per window and resident memory
(``tools/stream_benchmark.py``)."""
import gc
import os
import resource
import time

import numpy as np

def resident_mb():
    """This process's resident memory now, in MB (Linux ``/proc``; the peak so far elsewhere)."""
    try:
        with open('/proc/self/statm') as f:
            return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_streams(model, recordings, duration, window=48, stride=16, img_shape=None, warmup=None):
    """Many streams at once over one model (:func:`~keypoint_plugin.apis.streaming.replay_streams`, a thread per
    recording, each replayed until ``duration`` is over): throughput, latency and resident memory.

    Args:
        model (nn.Module): The shared model, from ``init_recognizer``.
        recordings (list[list[tuple]]): Per stream, its ``(keypoint [M, V, C], keypoint_score [M, V])`` frames.
        duration (float): Seconds of the measured run.
        window, stride, img_shape: The streams' settings.
        warmup (float | None): Seconds of an unmeasured run first (allocator pools, caches). Default: None (one
            replay of every recording).

    Returns:
        dict: ``streams``, ``seconds``, ``windows`` and ``windows_per_s`` (predictions of all streams together),
        ``latency_ms_p50`` / ``latency_ms_p99`` (one window's ``push``, pipeline and model, under the load of
        the others), ``rss_mb_before_warmup``, ``rss_mb_start``, ``rss_mb_end`` and ``rss_growth_percent``
        (end over start), ``errors`` and ``failures`` (frames refused, streams ended; both 0 on good data).
    """
    from ..apis.streaming import replay_streams

    def replay(seconds):
        return replay_streams(model, recordings, window, stride, img_shape, topk=1, duration=seconds)

    before = resident_mb()
    replay(warmup)
    gc.collect()
    start = resident_mb()
    begin = time.perf_counter()
    results = replay(duration)
    seconds = time.perf_counter() - begin
    gc.collect()
    end = resident_mb()
    latency = np.array([latency for result in results for _, _, latency in result['predictions']]) * 1e3
    return dict(streams=len(recordings), seconds=seconds, windows=len(latency), windows_per_s=len(latency) / seconds,
                latency_ms_p50=float(np.percentile(latency, 50)), latency_ms_p99=float(np.percentile(latency, 99)),
                rss_mb_before_warmup=before, rss_mb_start=start, rss_mb_end=end,
                rss_growth_percent=100 * (end - start) / start,
                errors=sum(len(result['errors']) for result in results),
                failures=sum(result['failure'] is not None for result in results))
