"""Training and testing runs of this repository's tools as subprocesses, for the tools that chain many runs
(``tools/compare_variants.py``, ``tools/generalization.py``)."""
import os.path as osp
import subprocess
import sys

import mmcv

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


def one_clip_options(cfg):
    """--cfg-options turning the test pipeline into a single clip without the flipped copy."""
    pipeline = cfg.data.test.pipeline
    options = [f'data.test.pipeline.{i}.num_clips=1' for i, step in enumerate(pipeline) if step['type'] in SAMPLERS]
    options += [f'data.test.pipeline.{i}.double=False' for i, step in enumerate(pipeline) if step.get('double')]
    return options


def train_split(cfg):
    """The training set's dataset config (inside RepeatDataset and other wrappers)."""
    train = cfg.data.train
    while 'dataset' in train:
        train = train.dataset
    return train


def test_scores(config, checkpoint, out, gpus=1, options=()):
    """Test ``checkpoint`` with tools/test.py (or dist_test.sh), keep its per-sample scores in ``out`` and
    return them."""
    cfg_options = ['--cfg-options', *options] if options else []
    run(launch('test', gpus, [config, checkpoint], ['--out', out, *cfg_options]))
    return mmcv.load(out)
