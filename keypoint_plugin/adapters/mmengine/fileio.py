"""mmengine's local file backend, writing atomically: what its Runner's checkpoints (``save_checkpoint``, the
CheckpointHook's ``last_checkpoint``) and ``mmengine.dump`` (test.py ``--dump``) go through."""
from mmengine.fileio.backends import LocalBackend, register_backend

from ...fileio import atomic_open, atomic_write_bytes


@register_backend('local', force=True, prefixes='')
class AtomicLocalBackend(LocalBackend):
    """mmengine's ``LocalBackend``, but ``put`` and ``put_text`` write a temporary file in the target's folder and
    rename it into place (:mod:`keypoint_plugin.fileio`): a process killed or a disk full while saving a checkpoint
    leaves the previous file whole under its name, and no temporary file."""

    def put(self, obj, filepath):
        atomic_write_bytes(obj, filepath)

    def put_text(self, obj, filepath, encoding='utf-8'):
        with atomic_open(filepath, 'w', encoding=encoding) as f:
            f.write(obj)
