"""Resuming from the newest checkpoint that loads (checkpoints are written atomically:
:mod:`keypoint_plugin.adapters.mmcv1.fileio`)."""
import glob
import os.path as osp
import re

from ...safe_load import UnsafeFileError, load_checkpoint_file


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
