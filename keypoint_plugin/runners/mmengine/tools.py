"""``tools/train.py`` and ``tools/test.py`` on MMAction2 1.x: the arguments of MMAction2 1.x's own tools, through
mmengine's Runner (:func:`.runner.build_runner`, which also applies the plugin's one-place config settings)."""
import argparse
import gc

import torch.distributed as dist
from mmengine.config import DictAction

from ...safe_load import add_unsafe_load_argument
from .runner import build_runner


def _run(method, *args, **kwargs):
    """``build_runner(*args, **kwargs).<method>()`` ('train' or 'test'), then the distributed model and the process
    group released while the interpreter still runs: the Runner sits in reference cycles, so its DDP wrapper (and
    the gloo group it holds) would otherwise be destroyed during interpreter shutdown, where gloo's threads can
    abort the process ('terminate called without an active exception') after the work is done. mmengine leaves
    both to the exit."""
    runner = build_runner(*args, **kwargs)
    getattr(runner, method)()
    del runner
    gc.collect()
    if dist.is_available() and dist.is_initialized():
        dist.destroy_process_group()


def _common(parser):
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, help='override config settings')
    parser.add_argument('--launcher', choices=['none', 'pytorch', 'slurm', 'mpi'], default='none')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    add_unsafe_load_argument(parser)


def parse_train_args(argv=None):
    parser = argparse.ArgumentParser(description='Train a recognizer (MMAction2 1.x config)')
    parser.add_argument('config', help='train config file path')
    parser.add_argument('--work-dir', help='the dir to save logs and models')
    parser.add_argument('--resume', nargs='?', type=str, const='auto',
                        help='resume from this checkpoint, or without a value from the work dir\'s latest')
    parser.add_argument('--amp', action='store_true', help='automatic mixed precision')
    parser.add_argument('--no-validate', action='store_true', help='do not validate during training')
    parser.add_argument('--seed', type=int, default=None, help='random seed')
    parser.add_argument('--deterministic', action='store_true', help='deterministic cuDNN')
    _common(parser)
    return parser.parse_args(argv)


def train(argv=None):
    """``tools/train.py`` with an MMAction2 1.x config."""
    args = parse_train_args(argv)
    _run('train', args.config, args.work_dir, args.cfg_options, args.launcher, resume=args.resume, amp=args.amp,
         validate=not args.no_validate, seed=args.seed, deterministic=args.deterministic)


def parse_test_args(argv=None):
    parser = argparse.ArgumentParser(description='Test a recognizer (MMAction2 1.x config)')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--work-dir', help='the dir to save the evaluation log')
    parser.add_argument('--dump', help='also write the predictions to this .pkl file')
    _common(parser)
    return parser.parse_args(argv)


def test(argv=None):
    """``tools/test.py`` with an MMAction2 1.x config."""
    args = parse_test_args(argv)
    _run('test', args.config, args.work_dir, args.cfg_options, args.launcher, checkpoint=args.checkpoint,
         dump=args.dump)
