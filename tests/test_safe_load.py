"""Files from elsewhere run no code (keypoint_plugin.safe_load): checkpoints, annotation and score pickles load
safely by default on every path the tools take, the hosts' own checkpoints and files written under either numpy
major version load with no flag, and ``--unsafe-load`` / ``KEYPOINT_PLUGIN_UNSAFE_LOAD=1`` is the explicit opt-in."""
import contextlib
import logging
import os
import os.path as osp
import pickle
import re
import shutil

import numpy as np
import pytest
import torch
from mmcv.runner import load_checkpoint, save_checkpoint
from mmcv.runner.checkpoint import load_from_http

from keypoint_plugin.apis import init_recognizer
from keypoint_plugin.datasets import load_pose_annotations
from keypoint_plugin.evaluation.report import load_scores
from keypoint_plugin.runners.mmcv1.checkpoint import find_resume_checkpoint
from keypoint_plugin.safe_load import UNSAFE_LOAD_ENV, UnsafeFileError, load_checkpoint_file, load_data_file
from conftest import ROOT, TINY, check_training_run, run_tool

CONFIG = osp.join(ROOT, 'configs', 'raw_kp', 'synthetic.py')
# numpy 2 renamed numpy.core to numpy._core; a pickle names the module its arrays were written under.
NUMPY_CORE = {1: b'numpy.core.', 2: b'numpy._core.'}


def dump_as_other_numpy(obj, path):
    """Write ``obj`` as the other numpy major version writes it. Protocol 2 names each class in a text line
    (``c<module>\\n<name>\\n``), so swapping the core module's name yields that version's exact file."""
    ours = int(np.__version__.split('.')[0])
    data = pickle.dumps(obj, protocol=2)
    assert NUMPY_CORE[ours] in data
    with open(path, 'wb') as f:
        f.write(data.replace(b'c' + NUMPY_CORE[ours], b'c' + NUMPY_CORE[3 - ours]))


class Payload:
    """What an attacker's pickle holds: an object whose unpickling runs a shell command."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f'touch {self.marker}', )


@pytest.fixture
def evil(tmp_path, monkeypatch):
    """A checkpoint, an annotation file and a score file that each run a command when fully unpickled; and the
    marker file that command would create."""
    monkeypatch.delenv(UNSAFE_LOAD_ENV, raising=False)
    marker = tmp_path / 'ran'
    files = dict(checkpoint=tmp_path / 'evil.pth', annotations=tmp_path / 'evil_ann.pkl',
                 scores=tmp_path / 'evil_scores.pkl')
    torch.save(dict(state_dict={}, meta=dict(note=Payload(marker))), files['checkpoint'])
    with open(files['annotations'], 'wb') as f:
        pickle.dump(dict(annotations=[dict(frame_dir='a', label=Payload(marker))]), f)
    with open(files['scores'], 'wb') as f:
        pickle.dump([np.zeros(3, np.float32), Payload(marker)], f)
    return marker, {name: str(path) for name, path in files.items()}


@pytest.mark.every_stack
def test_a_malicious_checkpoint_is_refused_by_every_loading_path(evil, tmp_path):
    marker, files = evil
    for load in (lambda path: load_checkpoint_file(path),
                 lambda path: load_checkpoint(torch.nn.Linear(2, 2), path),  # the host's, as its tools load
                 lambda path: init_recognizer(CONFIG, path, device='cpu')):
        with pytest.raises(UnsafeFileError, match=r'evil\.pth.*(posix|os)\.system.*--unsafe-load'):
            load(files['checkpoint'])
    # load_from URLs (and open-mmlab://, torchvision:// through them): downloaded, then loaded the same way.
    with pytest.raises(UnsafeFileError, match=r'evil\.pth.*system'):
        load_from_http(f'file://{files["checkpoint"]}', map_location='cpu', model_dir=str(tmp_path / 'hub'))
    work_dir = tmp_path / 'run'
    work_dir.mkdir()
    shutil.copy(files['checkpoint'], work_dir / 'latest.pth')
    with pytest.raises(UnsafeFileError, match='latest.pth'):  # auto-resume stops, it does not skip to an older one
        find_resume_checkpoint(str(work_dir), logging.getLogger('test'))
    assert not marker.exists()


@pytest.mark.every_stack
def test_malicious_annotation_and_score_pickles_are_refused(evil):
    marker, files = evil
    with pytest.raises(UnsafeFileError, match=r'evil_ann\.pkl.*system.*KEYPOINT_PLUGIN_UNSAFE_LOAD'):
        load_pose_annotations(files['annotations'])
    with pytest.raises(UnsafeFileError, match=r'evil_scores\.pkl.*system'):
        load_scores(files['scores'])
    assert not marker.exists()


def test_the_tools_refuse_malicious_files_until_the_user_opts_in(evil, workdir):
    marker, files = evil
    for args in (['test.py', CONFIG, files['checkpoint']],
                 ['train.py', CONFIG, '--work-dir', workdir / 'evil_resume', '--resume-from', files['checkpoint'],
                  '--cfg-options', *TINY],
                 ['analyze_results.py', files['scores'], '--config', CONFIG, '--out-dir', workdir / 'evil_reports']):
        proc = run_tool(args, workdir, check=False)
        assert proc.returncode != 0 and re.search(r'refusing to load .*--unsafe-load', proc.output), proc.output
        assert not marker.exists(), args[0]
    # The opt-in loads fully: the payload runs (the file then fails as a checkpoint, which it is not).
    assert run_tool(['test.py', CONFIG, files['checkpoint'], '--unsafe-load'], workdir, check=False).returncode != 0
    assert marker.exists()


@pytest.mark.every_stack
def test_the_environment_variable_opts_in(evil, monkeypatch):
    marker, files = evil
    monkeypatch.setenv(UNSAFE_LOAD_ENV, '1')
    assert load_data_file(files['annotations'])['annotations'][0]['label'] == 0  # os.system's exit status
    assert marker.exists()


@pytest.mark.every_stack
def test_host_checkpoints_with_numpy_meta_and_optimizer_load_with_no_flag(tmp_path):
    model = torch.nn.Linear(3, 2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    model(torch.ones(1, 3)).sum().backward()
    optimizer.step()
    path = str(tmp_path / 'epoch_1.pth')
    # What mmcv's runner and hooks store in meta: numpy scalars (best score, seed), arrays, the config text.
    save_checkpoint(model, path, optimizer=optimizer,
                    meta=dict(epoch=1, iter=5, seed=np.int64(3), config='model = dict()', classes=['a', 'b'],
                              hook_msgs=dict(best_score=np.float64(0.5), last_ckpt=path),
                              history=np.arange(4, dtype=np.float32)))
    fresh = torch.nn.Linear(3, 2)
    meta = load_checkpoint(fresh, path, map_location='cpu')['meta']
    assert meta['hook_msgs']['best_score'] == 0.5 and meta['seed'] == 3 and meta['history'].dtype == np.float32
    assert torch.equal(fresh.weight, model.weight)
    assert load_checkpoint_file(path)['optimizer']['state'][0]['momentum_buffer'].shape == (2, 3)
    downloaded = load_from_http(f'file://{path}', map_location='cpu', model_dir=str(tmp_path / 'hub'))
    assert torch.equal(downloaded['state_dict']['weight'], model.weight)


@pytest.mark.every_stack
def test_mmaction1x_dump_files_with_tensors_load_safely(tmp_path):
    path = tmp_path / 'dump.pkl'
    with open(path, 'wb') as f:  # MMAction2 1.x's --dump: one dict of tensors per sample
        pickle.dump([dict(pred_score=torch.tensor([0.25, 0.75]), gt_label=torch.tensor([1]))] * 2, f)
    np.testing.assert_allclose(load_scores(str(path)), [[0.25, 0.75]] * 2)


@pytest.mark.every_stack
@pytest.mark.parametrize('content, message', [
    (None, 'truncated or corrupt'), (3, 'expected a dict'), (dict(classes=['a']), 'has no "annotations"'),
    ([dict(frame_dir='a'), 'b'], 'not of sample dicts')])
def test_corrupt_or_misshaped_annotation_files_get_one_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / 'ann.pkl'
    if content is None:
        with open(path, 'wb') as f:
            pickle.dump(dict(annotations=[dict(frame_dir=str(i)) for i in range(50)]), f)
        path.write_bytes(path.read_bytes()[:-40])
    else:
        with open(path, 'wb') as f:
            pickle.dump(content, f)
    with pytest.raises((ValueError, KeyError), match=rf'ann\.pkl.*{message}'):
        load_pose_annotations(str(path))


@pytest.mark.every_stack
def test_annotation_pickles_cross_numpy_versions_and_train(workdir):
    """A numpy-2 pickle under numpy 1.x (``numpy._core`` names) and a numpy-1 pickle under numpy 2."""
    own = load_data_file(str(workdir / 'data' / 'synthetic' / 'synthetic.pkl'))
    run_dir = workdir / 'foreign_numpy'
    os.makedirs(run_dir / 'data' / 'synthetic')
    foreign = run_dir / 'data' / 'synthetic' / 'synthetic.pkl'
    dump_as_other_numpy(own, foreign)
    with pytest.raises(ModuleNotFoundError) if np.__version__ < '2' else contextlib.nullcontext():
        pickle.loads(foreign.read_bytes())  # numpy 1.x's own unpickler cannot find numpy._core
    loaded = load_data_file(str(foreign))
    assert loaded['split'] == own['split'] and len(loaded['annotations']) == len(own['annotations'])
    for a, b in zip(own['annotations'], loaded['annotations']):
        assert a['keypoint'].dtype == b['keypoint'].dtype and np.array_equal(a['keypoint'], b['keypoint'])
    run_tool(['train.py', CONFIG, '--work-dir', run_dir / 'work', '--cfg-options', *TINY], run_dir)
    check_training_run(str(run_dir / 'work'))
