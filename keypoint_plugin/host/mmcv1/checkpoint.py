"""Checkpoints that survive faults: written atomically, and resumed from the newest one that loads."""
import glob
import os.path as osp
import re

import torch
from mmcv.fileio.file_client import FileClient, HardDiskBackend

from ...fileio import atomic_open, atomic_write_bytes


@FileClient.register_backend('disk', force=True)
class AtomicDiskBackend(HardDiskBackend):
    """mmcv's local-disk backend (what its ``save_checkpoint`` and ``dump`` write through), but writing atomically
    (:mod:`keypoint_plugin.fileio`): a process killed or a disk full while saving a checkpoint leaves the previous
    file whole under the checkpoint's name, and no temporary file."""

    def put(self, obj, filepath):
        atomic_write_bytes(obj, filepath)

    def put_text(self, obj, filepath, encoding='utf-8'):
        with atomic_open(filepath, 'w', encoding=encoding) as f:
            f.write(obj)


def _epoch(path):
    match = re.fullmatch(r'epoch_(\d+)\.pth', osp.basename(path))
    return int(match.group(1)) if match else -1


def find_resume_checkpoint(work_dir, logger):
    """The newest checkpoint in ``work_dir`` that loads: ``latest.pth``, else ``epoch_<N>.pth`` from the
    highest N down. Each unreadable one is logged as a warning.

    Args:
        work_dir (str): The training run's folder.
        logger (logging.Logger): Where to warn.

    Returns:
        str | None: The checkpoint to resume from; None when there is none (or none loads).
    """
    candidates = [osp.join(work_dir, 'latest.pth')] if osp.exists(osp.join(work_dir, 'latest.pth')) else []
    candidates += sorted(glob.glob(osp.join(work_dir, 'epoch_*.pth')), key=_epoch, reverse=True)
    for path in candidates:
        try:
            torch.load(path, map_location='cpu', weights_only=False)
        except Exception as err:  # truncated, corrupt or unreadable: any of torch's and pickle's errors
            logger.warning(f'cannot resume from {path}: {type(err).__name__}: {err}; trying an older checkpoint')
            continue
        return path
    if candidates:
        logger.warning(f'no checkpoint in {work_dir} loads; training starts from scratch')
    return None
