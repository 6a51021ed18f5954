"""Nothing half-written: score files, reports, converted annotations, ONNX exports and the host's checkpoints are
written to a temporary file and renamed. An interrupted or failed write (a full disk, simulated in the write
path of the installed host's own checkpoint saving) leaves the previous file loadable and no temporary file.

Runs on every stack (tools/run_tests.sh; the checkpoint test saves with the installed family's own
``save_checkpoint``: mmcv's or mmengine's)."""
import errno
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import torch

import keypoint_plugin.fileio
from keypoint_plugin.apis.export import export_onnx
from keypoint_plugin.data import dump_annotations, make_synthetic_dataset
from keypoint_plugin.evaluation import dump_scores, load_scores, write_reports
from keypoint_plugin.fileio import atomic_open
from keypoint_plugin.config_utils import family_config_path, load_config
from keypoint_plugin.host import FAMILY, build_model
from keypoint_plugin.runners import runtime
from conftest import ROOT

# Both host families: they also run on the MMAction2 1.x stack (tools/run_tests.sh).
pytestmark = pytest.mark.mmaction1x


class FullDisk:
    """``open`` as keypoint_plugin.fileio calls it, but writes stop half-way with ENOSPC, as on a full disk."""

    def __init__(self, real_open):
        self.real_open = real_open

    def __call__(self, path, mode='r', **kwargs):
        f = self.real_open(path, mode, **kwargs)
        if 'w' in mode:
            real_write = f.write

            def write(data):
                real_write(data[:len(data) // 2])
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            f.write = write
        return f


def small_model():
    """The installed family's raw-keypoint recognizer (6 classes), narrowed."""
    cfg = load_config(family_config_path('raw_kp/synthetic.py'))
    cfg.model.backbone.update(embed_channels=8, widths=(8, 8, 8))
    cfg.model.cls_head.in_channels = 8
    return build_model(cfg.model)


def interrupt_before_rename(*args):
    raise KeyboardInterrupt  # the worst moment to die: everything written, nothing renamed


@pytest.mark.every_stack
def test_atomic_open_replaces_whole_or_not_at_all(tmp_path, monkeypatch):
    target = tmp_path / 'scores.pkl'
    target.write_bytes(b'old')
    with atomic_open(target) as f:
        f.write(b'new')
    assert target.read_bytes() == b'new' and os.listdir(tmp_path) == ['scores.pkl']
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask  # as open() would have made it
    monkeypatch.setattr(keypoint_plugin.fileio, 'open', FullDisk(open), raising=False)
    with pytest.raises(OSError, match=f'No space left on device: {target} was not written') as info:
        with atomic_open(target) as f:
            f.write(b'newer and longer')
    assert info.value.errno == errno.ENOSPC
    assert target.read_bytes() == b'new' and os.listdir(tmp_path) == ['scores.pkl']


def test_a_killed_writers_temporary_file_goes_with_the_next_write(tmp_path):
    target = tmp_path / 'ann.pkl'
    code = textwrap.dedent(f"""
        import os, signal
        from keypoint_plugin.fileio import atomic_open
        with atomic_open({str(target)!r}) as f:
            f.write(b'partial')
            f.flush()
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, '-c', code], cwd=ROOT, env=dict(os.environ, PYTHONPATH=ROOT))
    assert proc.returncode == -9
    left = os.listdir(tmp_path)
    assert len(left) == 1 and left[0].startswith('.ann.') and left[0].endswith('.part.pkl')  # nothing named ann.pkl
    with atomic_open(target) as f:
        f.write(b'whole')
    assert os.listdir(tmp_path) == ['ann.pkl'] and target.read_bytes() == b'whole'


def _writers(tmp_path):
    """Each writer of the plugin's output files, by the file it writes."""
    scores = np.eye(6, dtype=np.float32)[[0, 1, 2, 3, 4, 5, 0]]
    labels = [0, 1, 2, 3, 4, 5, 1]
    model = small_model().eval()
    return {
        'scores.pkl': lambda path: dump_scores(scores, path),
        'report/a.json': lambda path: write_reports(dict(a=scores, b=scores), labels, os.path.dirname(path)),
        'annotations.pkl': lambda path: dump_annotations(make_synthetic_dataset(train_per_class=1,
                                                                                test_per_class=0), path),
        'model.onnx': lambda path: export_onnx(model, path, (model.backbone.in_channels, 8, 17, 1)),
    }


@pytest.mark.parametrize('name', ['scores.pkl', 'report/a.json', 'annotations.pkl', 'model.onnx'])
def test_every_writer_leaves_the_old_file_or_the_new_one(tmp_path, monkeypatch, name):
    write = _writers(tmp_path)[name]
    target = tmp_path / name
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(b'old')
    monkeypatch.setattr(os, 'replace', interrupt_before_rename)
    with pytest.raises(KeyboardInterrupt):
        write(str(target))
    monkeypatch.undo()
    assert target.read_bytes() == b'old'
    assert not [f for f in os.listdir(target.parent) if f.startswith('.')], os.listdir(target.parent)
    write(str(target))
    assert target.read_bytes() != b'old'
    if name == 'scores.pkl':
        np.testing.assert_array_equal(load_scores(str(target)), np.eye(6)[[0, 1, 2, 3, 4, 5, 0]])
    if name == 'report/a.json':
        assert sorted(os.listdir(target.parent)) == ['a.json', 'a.md', 'a_confusion.png', 'b.json', 'b.md',
                                                    'b_confusion.png', 'comparison.md']


CLASSES = ['a', 'b', 'c', 'd', 'e', 'f']


def _save(model, path):
    """The installed host family's own checkpoint saving (what its runner calls)."""
    if FAMILY == 'mmcv1':
        from mmcv.runner import save_checkpoint
        save_checkpoint(model, path, meta=dict(classes=CLASSES))
    else:
        from mmengine.runner import save_checkpoint
        save_checkpoint(dict(state_dict=model.state_dict(), meta=dict(dataset_meta=dict(classes=CLASSES))), path)


@pytest.mark.every_stack
def test_full_disk_during_checkpoint_save_keeps_the_previous_loadable(tmp_path, monkeypatch):
    torch.manual_seed(0)
    first, second = small_model(), small_model()
    path = str(tmp_path / 'latest.pth')
    _save(first, path)
    monkeypatch.setattr(keypoint_plugin.fileio, 'open', FullDisk(open), raising=False)
    with pytest.raises(OSError, match=f'No space left on device: {path} was not written'):
        _save(second, path)
    monkeypatch.undo()
    assert os.listdir(tmp_path) == ['latest.pth']
    loaded = small_model()
    assert runtime.load_checkpoint(loaded, path) == CLASSES
    for name, tensor in first.state_dict().items():
        torch.testing.assert_close(loaded.state_dict()[name], tensor, rtol=0, atol=0, msg=name)
