"""Faults and pyskl's command-line conventions: atomic checkpoints, resuming past a corrupt checkpoint,
auto_resume/resume_from, test.py -C, and arguments checked before any work."""
import glob
import json
import logging
import os
import os.path as osp
import signal
import subprocess
import sys
import time

import pytest
import torch

from conftest import ROOT, TINY, run_tool, write_synthetic_data
from keypoint_plugin.adapters.mmcv1.fileio import AtomicDiskBackend
from keypoint_plugin.runners.mmcv1.checkpoint import find_resume_checkpoint

CONFIG = osp.join(ROOT, 'configs', 'raw_kp', 'synthetic.py')
TRAIN, TEST = osp.join(ROOT, 'tools', 'train.py'), osp.join(ROOT, 'tools', 'test.py')


def test_checkpoint_write_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / 'epoch_1.pth'
    path.write_bytes(b'complete')
    # A process dying before the rename leaves the old file whole, never a truncated one under its name.
    monkeypatch.setattr(os, 'replace', lambda *args: (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        AtomicDiskBackend().put(b'new and longer contents', path)
    assert path.read_bytes() == b'complete'
    monkeypatch.undo()
    AtomicDiskBackend().put(b'new', path)
    assert path.read_bytes() == b'new' and os.listdir(tmp_path) == ['epoch_1.pth']


def test_resume_skips_unreadable_checkpoints(tmp_path, caplog):
    for epoch in (1, 2, 3):
        torch.save(dict(meta=dict(epoch=epoch)), tmp_path / f'epoch_{epoch}.pth')
    (tmp_path / 'epoch_3.pth').write_bytes((tmp_path / 'epoch_3.pth').read_bytes()[:20])  # truncated
    os.symlink('epoch_3.pth', tmp_path / 'latest.pth')
    with caplog.at_level(logging.WARNING):
        assert find_resume_checkpoint(str(tmp_path), logging.getLogger('t')) == str(tmp_path / 'epoch_2.pth')
    assert 'cannot resume from' in caplog.text and 'latest.pth' in caplog.text and 'epoch_3.pth' in caplog.text
    assert find_resume_checkpoint(str(tmp_path / 'empty'), logging.getLogger('t')) is None


@pytest.mark.every_stack
def test_truncated_latest_falls_back_then_test_with_pyskls_form(workdir):
    work_dir = str(workdir / 'raw_faults')
    run_tool([sys.executable, TRAIN, CONFIG, '--work-dir', work_dir, '--cfg-options', *TINY, 'total_epochs=2'],
             workdir)
    latest = osp.realpath(osp.join(work_dir, 'latest.pth'))
    assert osp.basename(latest) == 'epoch_2.pth'
    with open(latest, 'r+b') as f:
        f.truncate(100)
    out = run_tool([sys.executable, TRAIN, CONFIG, '--work-dir', work_dir, '--cfg-options', *TINY,
                    'total_epochs=3'], workdir).output
    assert 'cannot resume from' in out and 'resumed epoch 1' in out
    assert torch.load(osp.join(work_dir, 'epoch_3.pth'), weights_only=False)['meta']['epoch'] == 3
    # pyskl's test.py form, -C CHECKPOINT.
    out = run_tool([sys.executable, TEST, CONFIG, '-C', osp.join(work_dir, 'latest.pth'), '--eval', 'top1',
                    '--cfg-options', 'data.test.pipeline.0.num_clips=1'], workdir).output
    assert 0 <= float(out.split('top1: ')[1].split()[0]) <= 1
    # auto_resume=False (pyskl's config key) starts over; so does a config's own resume_from win over latest.
    out = run_tool([sys.executable, TRAIN, CONFIG, '--work-dir', work_dir, '--cfg-options', *TINY,
                    'auto_resume=False', 'cudnn_benchmark=True'], workdir).output
    assert 'resumed epoch' not in out and 'cuDNN autotuner on' in out
    out = run_tool([sys.executable, TRAIN, CONFIG, '--work-dir', work_dir, '--cfg-options', *TINY,
                    'total_epochs=2', f'resume_from={osp.join(work_dir, "epoch_1.pth")}'], workdir).output
    assert 'resumed epoch 1' in out


@pytest.mark.parametrize('args, message', [
    (['ckpt.pth', '--eval', 'accuracy'], "unknown --eval metric(s) ['accuracy']"),
    ([], 'give the checkpoint once'),
    (['a.pth', '-C', 'b.pth'], 'give the checkpoint once'),
])
def test_test_tool_checks_arguments_before_any_work(args, message):
    proc = run_tool([TEST, CONFIG, *args], timeout=300, check=False)
    assert proc.returncode == 2 and message in proc.stderr


def test_kill_9_mid_epoch_then_the_same_command_finishes_the_run(tmp_path):
    write_synthetic_data(tmp_path, train_per_class=15, seed=2)
    work_dir = str(tmp_path / 'run')
    command = [sys.executable, TRAIN, CONFIG, '--work-dir', work_dir, '--cfg-options', *TINY, 'total_epochs=3',
               'data.videos_per_gpu=2']
    proc = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 300
        while not osp.exists(osp.join(work_dir, 'epoch_1.pth')) and time.time() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # into epoch 2
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert not osp.exists(osp.join(work_dir, 'epoch_3.pth')), 'the run ended before the kill'
    out = run_tool(command, tmp_path).output
    assert 'resumed epoch' in out
    # Every epoch completed once, the last one in the resumed run's log, and the run ends at epoch 3.
    logs = sorted(glob.glob(osp.join(work_dir, '*.log.json')))
    resumed = [json.loads(line) for line in open(logs[-1]) if line.startswith('{"mode"')]
    resumed_epochs = sorted({line['epoch'] for line in resumed if line['mode'] == 'train'})
    first = int(out.split('resumed epoch ')[1].split()[0].rstrip(','))
    assert resumed_epochs == list(range(first + 1, 4))
    assert [torch.load(osp.join(work_dir, f'epoch_{e}.pth'), weights_only=False)['meta']['epoch']
            for e in (1, 2, 3)] == [1, 2, 3]
    assert not glob.glob(osp.join(work_dir, '*.part'))
