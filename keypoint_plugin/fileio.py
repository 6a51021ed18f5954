"""Files written whole or not at all: a temporary file in the target's folder, renamed over the target once
complete. A process killed mid-write, or a write that fails (a full disk), leaves the previous file (or none) under
the target's name, and no temporary file behind."""
import contextlib
import os
import os.path as osp
import tempfile


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path):
    """A temporary path next to ``path`` for a writer that takes a file name (``torch.onnx.export``,
    ``savefig``, ``mmcv.dump``); renamed to ``path`` when the block completes, removed when it raises.

    The temporary name keeps ``path``'s suffix, for writers that pick the format from it.

    Args:
        path (str): The file to write; its folder is created if needed.

    Yields:
        str: Where to write.
    """
    path = osp.abspath(os.fspath(path))
    folder, name = osp.split(path)
    os.makedirs(folder, exist_ok=True)
    stem, suffix = osp.splitext(name)
    fd, partial = tempfile.mkstemp(dir=folder, prefix=f'.{stem}.', suffix=f'.part{suffix}')
    os.close(fd)
    try:
        yield partial
        with open(partial, 'rb+') as f:  # on disk before the rename, so a crash cannot leave an empty file
            os.fsync(f.fileno())
        os.chmod(partial, 0o666 & ~_umask())  # mkstemp's are private; give the usual permissions
        os.replace(partial, path)
    except BaseException as err:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
        if isinstance(err, OSError) and err.errno is not None:  # e.g. a full disk: say which file, and what is left
            raise OSError(err.errno, f'{err.strerror}: {path} was not written (what was there before is '
                                     'unchanged)') from err
        raise


@contextlib.contextmanager
def atomic_open(path, mode='wb', encoding=None):
    """``open(path, mode)`` for writing, atomically (see :func:`atomic_path`).

    Args:
        path (str): The file to write.
        mode (str): ``'wb'`` or ``'w'``. Default: ``'wb'``.
        encoding (str | None): For text mode. Default: None (``'utf-8'`` in text mode).

    Yields:
        file: The open temporary file.
    """
    if mode not in ('w', 'wb'):
        raise ValueError(f"atomic_open writes whole files: mode must be 'w' or 'wb', got {mode!r}")
    if mode == 'w' and encoding is None:
        encoding = 'utf-8'
    with atomic_path(path) as partial, open(partial, mode, encoding=encoding) as f:
        yield f


def atomic_write_bytes(data, path):
    """Write ``data`` (bytes) to ``path`` atomically."""
    with atomic_open(path, 'wb') as f:
        f.write(data)
