"""Files written whole or not at all: a temporary file in the target's folder, renamed over the target once
complete.

A write that fails (a full disk) or is interrupted (Ctrl-C, SIGTERM turned into an exception) leaves the previous
file, or none, under the target's name and removes its temporary file. A process killed outright (SIGKILL, power
loss) cannot clean up: its temporary file, hidden (``.<name>.<host>-<pid>.<random>.part<ext>``) and read by nothing,
is removed by the next write of the same file once that process is gone.
"""
import contextlib
import glob
import os
import os.path as osp
import socket
import tempfile


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def _remove_orphans(folder, stem, suffix, host):
    """Remove temporary files of ``stem + suffix`` left by killed processes of this host."""
    for partial in glob.glob(osp.join(glob.escape(folder), f'.{glob.escape(stem)}.{glob.escape(host)}-*.part'
                                      f'{glob.escape(suffix)}')):
        pid = osp.basename(partial)[len(stem) + len(host) + 3:].split('.', 1)[0]
        if pid.isdigit() and not _pid_alive(int(pid)):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(partial)


@contextlib.contextmanager
def atomic_path(path):
    """A temporary path next to ``path`` for a writer that takes a file name (``torch.onnx.export``,
    ``savefig``); renamed to ``path`` when the block completes, removed when it raises.

    The temporary name keeps ``path``'s suffix, for writers that pick the format from it.

    Args:
        path (str): The file to write; its folder is created if needed.

    Yields:
        str: Where to write.

    Raises:
        OSError: Writing failed (e.g. the disk is full): the message names ``path`` and says that what was there
            is unchanged.
    """
    path = osp.abspath(os.fspath(path))
    folder, name = osp.split(path)
    os.makedirs(folder, exist_ok=True)
    stem, suffix = osp.splitext(name)
    host = socket.gethostname().replace(os.sep, '_')
    fd, partial = tempfile.mkstemp(dir=folder, prefix=f'.{stem}.{host}-{os.getpid()}.', suffix=f'.part{suffix}')
    os.close(fd)
    try:
        yield partial
        with open(partial, 'rb+') as f:  # on disk before the rename, so that a crash cannot leave an empty file
            os.fsync(f.fileno())
        os.chmod(partial, 0o666 & ~_umask())  # mkstemp's files are private; give the usual permissions
        os.replace(partial, path)
    except BaseException as err:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
        if isinstance(err, OSError) and err.errno is not None:  # e.g. a full disk: say which file, and what is left
            raise OSError(err.errno, f'{err.strerror}: {path} was not written (what was there before is '
                                     'unchanged)') from err
        raise
    _remove_orphans(folder, stem, suffix, host)


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
