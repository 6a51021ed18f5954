"""Training and testing runs of this repository's tools as subprocesses, for the tools that chain many runs
(``tools/compare_variants.py``, ``tools/generalization.py``), with either host family's configs and arguments."""
import os.path as osp
import subprocess
import sys

from ..config_utils import dataset_config
from ..evaluation.report import load_scores
from ..host import FAMILY
from ..pipelines.sample import SAMPLERS


def run(cmd):
    """Echo and run a command; a failure raises."""
    print('$', ' '.join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def launch(script, gpus, positional, options):
    """<script>.py of the running tool's folder in this interpreter, or dist_<script>.sh with ``gpus`` processes."""
    tools = osp.dirname(osp.abspath(sys.argv[0]))
    if gpus > 1:
        return ['bash', osp.join(tools, f'dist_{script}.sh'), *positional, str(gpus), *options]
    return [sys.executable, osp.join(tools, f'{script}.py'), *positional, *options]


def train_options(work_dir, seed):
    """tools/train.py arguments of a fresh training run in ``work_dir`` that tests nothing along the way: the mmcv
    1.x hosts validate only when asked but resume by default; MMAction2 1.x resumes only when asked but validates
    by default."""
    if FAMILY == 'mmengine':
        return ['--work-dir', work_dir, '--seed', str(seed), '--no-validate']
    return ['--work-dir', work_dir, '--seed', str(seed), '--no-auto-resume']


def last_checkpoint(work_dir):
    """The checkpoint a training run in ``work_dir`` ended with: mmengine's ``last_checkpoint`` record, else mmcv's
    ``latest.pth``."""
    record = osp.join(work_dir, 'last_checkpoint')
    if osp.isfile(record):
        with open(record) as f:
            return f.read().strip()
    return osp.join(work_dir, 'latest.pth')


def one_clip_options(cfg):
    """--cfg-options turning the test pipeline into a single clip without the flipped copy."""
    where, test = dataset_config(cfg, 'test')
    options = [f'{where}.pipeline.{i}.num_clips=1' for i, step in enumerate(test.pipeline) if step['type'] in SAMPLERS]
    options += [f'{where}.pipeline.{i}.double=False' for i, step in enumerate(test.pipeline) if step.get('double')]
    return options


def test_scores(config, checkpoint, out, gpus=1, options=()):
    """Test ``checkpoint`` with tools/test.py (or dist_test.sh), keep its per-sample scores in ``out`` (``--out``,
    or ``--dump`` on MMAction2 1.x) and return them [N, K]."""
    cfg_options = ['--cfg-options', *options] if options else []
    scores = ['--dump', out, '--work-dir', osp.dirname(osp.abspath(out))] if FAMILY == 'mmengine' else ['--out', out]
    run(launch('test', gpus, [config, checkpoint], [*scores, *cfg_options]))
    return load_scores(out)
