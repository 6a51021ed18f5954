"""pyskl as the host, through our own tools: every config builds and each variant trains an iteration.

pyskl is not on PyPI, so CI cannot install it and these tests skip there; run them in an environment with
pyskl installed from its source tree (README, Installing). pyskl's own tools need CUDA and were checked by hand
(README, Compatibility).
"""
import glob
import importlib.util
import os.path as osp
import sys
import textwrap

import pytest

from conftest import ROOT, TINY, check_training_run, run_python, run_tool

pytestmark = pytest.mark.skipif(importlib.util.find_spec('pyskl') is None,
                                reason='pyskl is not installed (it installs from its source tree only)')
ON_PYSKL = dict(KEYPOINT_PLUGIN_HOST='pyskl')


def test_every_config_builds_on_pyskl():
    from keypoint_plugin.config_utils import CONFIG_ROOT
    count = len(glob.glob(osp.join(CONFIG_ROOT, '*', '*.py')))
    code = textwrap.dedent("""
        import glob, os.path as osp
        from keypoint_plugin.config_utils import CONFIG_ROOT, load_config, split_pipeline
        from keypoint_plugin.host import HOST, Compose, build_model
        assert HOST == 'pyskl', HOST
        names = sorted(glob.glob(osp.join(CONFIG_ROOT, '*', '*.py')))
        for name in names:
            cfg = load_config(name)
            build_model(cfg.model)
            for split in ('train', 'val', 'test'):
                Compose(split_pipeline(cfg, split))
        print('built', len(names))
    """)
    proc = run_python(code, env=ON_PYSKL)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert f'built {count}' in proc.stdout


@pytest.mark.parametrize('variant', ['raw_kp', 'grayscale', 'heatmap'])
def test_one_training_iteration_and_test_on_pyskl(variant, workdir):
    config = osp.join(ROOT, 'configs', variant, 'synthetic.py')
    work_dir = str(workdir / f'{variant}_pyskl')
    # Two clips: one iteration (PoseC3D is heavy on a CPU).
    out = run_tool([sys.executable, osp.join(ROOT, 'tools', 'train.py'), config, '--work-dir', work_dir,
                    '--cfg-options', *TINY, 'data.videos_per_gpu=2', 'data.train.dataset.split=test',
                    'data.test.pipeline.0.num_clips=1'], workdir, env=ON_PYSKL).output
    check_training_run(work_dir)
    assert 'on host pyskl' in out
    out = run_tool([sys.executable, osp.join(ROOT, 'tools', 'test.py'), config, osp.join(work_dir, 'latest.pth'),
                    '--eval', 'top1', '--cfg-options', 'data.test.pipeline.0.num_clips=1'], workdir,
                   env=ON_PYSKL).output
    assert 0 <= float(out.split('top1: ')[1].split()[0]) <= 1


def test_a_malicious_checkpoint_runs_nothing_on_pyskl(tmp_path):
    code = textwrap.dedent(f"""
        import os, torch
        from keypoint_plugin.host import HOST
        from keypoint_plugin.apis import init_recognizer
        from keypoint_plugin.safe_load import UnsafeFileError
        assert HOST == 'pyskl', HOST

        class Payload:
            def __reduce__(self):
                return os.system, ('touch {tmp_path}/ran', )

        torch.save(dict(state_dict={{}}, meta=dict(note=Payload())), '{tmp_path}/evil.pth')
        try:
            init_recognizer('{ROOT}/configs/raw_kp/synthetic.py', '{tmp_path}/evil.pth', device='cpu')
        except UnsafeFileError as err:
            print('refused:', err)
    """)
    proc = run_python(code, env=ON_PYSKL)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert 'refused:' in proc.stdout and 'evil.pth' in proc.stdout and not (tmp_path / 'ran').exists()
