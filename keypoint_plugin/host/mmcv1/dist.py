"""Process-group set-up and data loading that work the same on CUDA (NCCL) and on CPU (gloo)."""
import os
import random
from functools import partial

import numpy as np
import torch
import torch.distributed as dist
from mmcv.parallel import MMDataParallel, MMDistributedDataParallel, collate
from mmcv.runner import get_dist_info
from torch.utils.data import DataLoader, DistributedSampler


def init_dist_from_env(backend=None):
    """Join the process group described by torchrun's environment variables.

    mmcv's ``init_dist`` always selects a CUDA device, so it cannot start a CPU-only group.

    Args:
        backend (str | None): ``'nccl'`` or ``'gloo'``. Default: NCCL with CUDA, else gloo.
    """
    if backend is None:
        backend = 'nccl' if torch.cuda.is_available() else 'gloo'
    if torch.cuda.is_available():
        torch.cuda.set_device(int(os.environ.get('LOCAL_RANK', 0)) % torch.cuda.device_count())
    else:
        # Each process gets its share of the cores; oversubscription slows gloo training badly.
        world_size = int(os.environ.get('LOCAL_WORLD_SIZE', os.environ.get('WORLD_SIZE', 1)))
        torch.set_num_threads(max(1, (os.cpu_count() or 1) // world_size))
    dist.init_process_group(backend=backend)


def _seed_worker(worker_id, base_seed):
    np.random.seed(base_seed + worker_id)
    random.seed(base_seed + worker_id)


def build_dataloader(dataset, videos_per_gpu, workers_per_gpu, shuffle=True, seed=None, drop_last=False,
                     persistent_workers=False, prefetch_factor=None, **kwargs):
    """A DataLoader over this process's shard of ``dataset``, batching with mmcv's ``collate``.

    Args:
        dataset (Dataset): A host dataset.
        videos_per_gpu (int): Batch size of each process.
        workers_per_gpu (int): Loader worker processes of each process.
        shuffle (bool): Shuffle every epoch (the runner's DistSamplerSeedHook sets the epoch).
        seed (int | None): Seed for the sampler and the workers' numpy/random state.
        drop_last (bool): Drop the last incomplete batch.
        persistent_workers (bool): Keep workers alive between epochs.
        prefetch_factor (int | None): Batches each worker loads ahead (torch's default 2 when None); ignored
            without workers, where torch refuses it.
        kwargs: Passed to :class:`torch.utils.data.DataLoader`.
    """
    rank, world_size = get_dist_info()
    sampler = DistributedSampler(dataset, world_size, rank, shuffle=shuffle, seed=seed or 0)
    worker_seed = None if seed is None else seed + rank * max(workers_per_gpu, 1)
    return DataLoader(
        dataset,
        batch_size=videos_per_gpu,
        sampler=sampler,
        num_workers=workers_per_gpu,
        collate_fn=partial(collate, samples_per_gpu=videos_per_gpu),
        pin_memory=torch.cuda.is_available(),
        worker_init_fn=None if worker_seed is None else partial(_seed_worker, base_seed=worker_seed),
        drop_last=drop_last,
        persistent_workers=persistent_workers and workers_per_gpu > 0,
        **(dict(prefetch_factor=prefetch_factor) if prefetch_factor and workers_per_gpu > 0 else {}),
        **kwargs)


def wrap_model(model, distributed, find_unused_parameters=False):
    """Wrap ``model`` for mmcv's runner and tests, on CUDA when available, else on CPU."""
    if distributed:
        if torch.cuda.is_available():
            return MMDistributedDataParallel(model.cuda(), device_ids=[torch.cuda.current_device()],
                                             broadcast_buffers=False,
                                             find_unused_parameters=find_unused_parameters)
        return MMDistributedDataParallel(model, broadcast_buffers=False,
                                         find_unused_parameters=find_unused_parameters)
    if torch.cuda.is_available():
        return MMDataParallel(model.cuda(), device_ids=[0])
    return MMDataParallel(model)
