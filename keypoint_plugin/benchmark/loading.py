"""Load figures of a large annotation file: seconds to load and check it, to the first batch, peak memory."""
import resource
import time

from ..config_utils import dataset_config, loader_settings
from ..host import build_dataset
from ..runners import runtime


def time_large_file(cfg, batch_size=None, workers=None):
    """Load figures of ``cfg``'s training set, in this process: seconds to build the dataset (read the annotation
    file, keep the split, check every sample), seconds from there to the first training batch (loader start and
    one batch), and this process's peak resident memory; run it in a fresh process so the peak is the load's.

    Args:
        cfg (Config): The config, its training set pointing at the file to load.
        batch_size (int | None): Training batch; default the config's.
        workers (int | None): Loader workers; default the config's.

    Returns:
        dict: ``samples`` (of the split, inside a repeat wrapper), ``load_validate_s``, ``first_batch_s``, ``peak_rss_mb``, ``batch_size``, ``workers``.
    """
    settings = loader_settings(cfg, 'train')
    batch_size = batch_size or settings['batch_size']
    workers = settings['workers'] if workers is None else workers
    start = time.perf_counter()
    dataset = build_dataset(dataset_config(cfg, 'train', unwrap=False)[1])
    loaded = time.perf_counter()
    loader = runtime.build_loader(dataset, batch_size, workers, shuffle=True, seed=0, drop_last=True,
                                  prefetch_factor=settings['prefetch_factor'])
    next(iter(loader))
    first = time.perf_counter()
    return dict(samples=len(getattr(dataset, 'dataset', dataset)), load_validate_s=loaded - start,
                first_batch_s=first - loaded, peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                batch_size=batch_size, workers=workers)
