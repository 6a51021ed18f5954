"""mmcv's local-disk backend, writing atomically: what its ``save_checkpoint`` (pyskl's and MMAction2 0.x's runners)
and ``mmcv.dump`` (test.py ``--out``) go through."""
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
