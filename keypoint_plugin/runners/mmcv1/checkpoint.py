"""Checkpoints that survive faults: written atomically, and resumed from the newest one that loads."""
import glob
import os
import os.path as osp
import re

from mmcv.fileio.file_client import FileClient, HardDiskBackend

from ...safe_load import UnsafeFileError, load_checkpoint_file


@FileClient.register_backend('disk', force=True)
class AtomicDiskBackend(HardDiskBackend):
    """mmcv's local-disk backend, but ``put`` writes a temporary file and renames it into place, so a process
    killed while saving a checkpoint never leaves a truncated file under the checkpoint's name."""

    def put(self, obj, filepath):
        filepath = str(filepath)
        os.makedirs(osp.dirname(osp.abspath(filepath)), exist_ok=True)
        partial = f'{filepath}.part'
        with open(partial, 'wb') as f:
            f.write(obj)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, filepath)


def _epoch(path):
    match = re.fullmatch(r'epoch_(\d+)\.pth', osp.basename(path))
    return int(match.group(1)) if match else -1


def find_resume_checkpoint(work_dir, logger):
    """The newest checkpoint in ``work_dir`` that loads: ``latest.pth``, else ``epoch_<N>.pth`` from the
    highest N down. Each unreadable one is logged as a warning; one that loading safely refuses
    (:class:`~keypoint_plugin.safe_load.UnsafeFileError`) stops the search with that error.

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
            load_checkpoint_file(path, map_location='cpu')
        except UnsafeFileError:
            raise
        except Exception as err:  # truncated, corrupt or unreadable: any of torch's and pickle's errors
            logger.warning(f'cannot resume from {path}: {type(err).__name__}: {err}; trying an older checkpoint')
            continue
        return path
    if candidates:
        logger.warning(f'no checkpoint in {work_dir} loads; training starts from scratch')
    return None
