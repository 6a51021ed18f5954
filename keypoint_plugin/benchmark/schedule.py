"""How long a config's training schedule takes: its passes over the data, and one epoch timed on data of the real
dataset's size (``tools/estimate_schedule.py``)."""
import math
import time

import numpy as np
import torch

from ..config_utils import dataset_config, loader_settings
from ..host import build_dataset, build_model
from ..runners import runtime
from .timing import device_name, sync


def schedule_length(cfg, num_samples):
    """Training passes over a dataset of ``num_samples`` in ``cfg``'s schedule: the repeat wrapper's passes per epoch
    (``times``, raised to ``min_samples`` by ScaledRepeatDataset) and the epochs, in either config family.

    Returns:
        tuple[int, int]: Repeats per epoch, epochs.
    """
    wrapper = dataset_config(cfg, 'train', unwrap=False)[1]
    repeats = wrapper.get('times', 1) if 'dataset' in wrapper else 1
    repeats = max(repeats, math.ceil(wrapper.get('min_samples', 0) / num_samples))
    epochs = cfg.train_cfg.max_epochs if cfg.get('train_cfg') else cfg.total_epochs
    return repeats, epochs


def time_epoch(cfg, device, batch_size=None, workers=None, log=print):
    """Wall seconds of one pass over ``cfg``'s training set (without its repeat wrapper): loader start-up, every
    batch's loading, forward, backward and optimizer step, as the host's runner does them.

    Args:
        cfg (Config): The config, its training set pointing at the data to time.
        device (str): ``'cpu'`` or ``'cuda'``.
        batch_size (int | None): Training batch; default the config's.
        workers (int | None): Loader workers; default the config's.
        log (callable): Progress messages.

    Returns:
        dict: ``seconds``, ``samples`` (in the timed iterations: full batches), ``iterations``, ``batch_size``,
        ``workers``, ``samples_per_s``, ``device``, ``device_name``.
    """
    device = torch.device(device)
    settings = loader_settings(cfg, 'train')
    batch_size = batch_size or settings['batch_size']
    workers = settings['workers'] if workers is None else workers
    np.random.seed(0)
    torch.manual_seed(0)
    model = build_model(cfg.model).to(device)
    runtime.prepare_model(model, cfg)
    dataset = build_dataset(dataset_config(cfg, 'train')[1])
    loader = runtime.build_loader(dataset, batch_size, workers, shuffle=True, seed=0, drop_last=True,
                                  prefetch_factor=settings['prefetch_factor'])
    optim = runtime.build_optimizer(model, cfg)
    model.train()
    log(f'one epoch: {len(dataset)} samples, batch {batch_size}, {workers} loader workers, {len(loader)} iterations')
    start, samples = time.perf_counter(), 0
    for batch in loader:
        samples += runtime.train_step(model, batch, optim)
    sync(device)
    seconds = time.perf_counter() - start
    return dict(seconds=seconds, samples=samples, iterations=len(loader), batch_size=batch_size, workers=workers,
                samples_per_s=samples / seconds, device=str(device), device_name=device_name(device))
