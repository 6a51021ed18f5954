"""``tools/train.py`` and ``tools/test.py`` on the mmcv 1.x hosts (pyskl, MMAction2 0.x): pyskl's arguments
(``--validate``, ``--test-last``, ``-C CHECKPOINT``, ``--out``, ``--eval``...), one process on GPU or CPU, or
under torchrun (``tools/dist_*.sh``: NCCL on GPUs, gloo on CPU)."""
import argparse
import os.path as osp
import time

import mmcv
import torch
from mmcv import DictAction
from mmcv.runner import get_dist_info, load_checkpoint, set_random_seed

from ...adapters.mmcv1.dataset import METRICS
from ...config_utils import load_config
from ...host import HOST, build_dataset, build_model
from ...memory_format import apply_memory_format
from ...safe_load import add_unsafe_load_argument
from ...version import __version__
from .amp import autocast
from .checkpoint import find_resume_checkpoint
from .runner import build_split_loader, get_root_logger, init_dist_from_env, test_model, train_model, wrap_model


def parse_train_args(argv=None):
    parser = argparse.ArgumentParser(description='Train a recognizer')
    parser.add_argument('config', help='train config file path')
    parser.add_argument('--work-dir', help='the dir to save logs and checkpoints (default: from the config, '
                        'else ./work_dirs/<config name>)')
    parser.add_argument('--resume-from', help='checkpoint to resume from')
    parser.add_argument('--no-auto-resume', action='store_true',
                        help='do not resume from the work dir\'s latest checkpoint (config: auto_resume=False)')
    parser.add_argument('--validate', action='store_true', help='evaluate on the val set during training')
    parser.add_argument('--test-last', action='store_true', help='test the final checkpoint after training')
    parser.add_argument('--test-best', action='store_true',
                        help='test the best checkpoint (evaluation.save_best) after training')
    parser.add_argument('--seed', type=int, default=None, help='random seed')
    parser.add_argument('--deterministic', action='store_true', help='deterministic cuDNN')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={},
                        help='override config settings, e.g. total_epochs=5 data.videos_per_gpu=8')
    parser.add_argument('--launcher', choices=['none', 'pytorch'], default='none', help='job launcher')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    add_unsafe_load_argument(parser)
    return parser.parse_args(argv)


def train(argv=None):
    """``tools/train.py`` with an mmcv 1.x config."""
    args = parse_train_args(argv)
    cfg = load_config(args.config, args.cfg_options)

    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir') is None:
        cfg.work_dir = osp.join('./work_dirs', osp.splitext(osp.basename(args.config))[0])
    distributed = args.launcher != 'none'
    if distributed:
        init_dist_from_env(None if torch.cuda.is_available() else 'gloo')
    rank, _ = get_dist_info()

    mmcv.mkdir_or_exist(osp.abspath(cfg.work_dir))
    timestamp = time.strftime('%Y%m%d_%H%M%S', time.localtime())
    logger = get_root_logger(osp.join(cfg.work_dir, f'{timestamp}.log'), cfg.get('log_level', 'INFO'))
    if rank == 0:
        cfg.dump(osp.join(cfg.work_dir, osp.basename(args.config)))
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    logger.info(f'keypoint_plugin {__version__} on host {HOST}, device {device}, '
                f'distributed: {distributed}')
    # As pyskl: --resume-from, else the config's resume_from, else (auto_resume, default on) the work dir's
    # newest checkpoint that loads.
    if args.resume_from is not None:
        cfg.resume_from = args.resume_from
    elif cfg.get('resume_from') is None and cfg.get('auto_resume', True) and not args.no_auto_resume:
        cfg.resume_from = find_resume_checkpoint(cfg.work_dir, logger)
    if cfg.get('cudnn_benchmark', False):
        torch.backends.cudnn.benchmark = True
        logger.info('cudnn_benchmark: cuDNN autotuner on')
    logger.info(f'Config:\n{cfg.pretty_text}')

    seed = args.seed if args.seed is not None else cfg.get('seed')
    if seed is not None:
        logger.info(f'Set random seed to {seed}, deterministic: {args.deterministic}')
        set_random_seed(seed, args.deterministic)
    cfg.seed = seed

    model = build_model(cfg.model)
    if apply_memory_format(model, cfg):
        logger.info('channels_last: the backbone runs on channels-last (NDHWC) inputs')
    dataset = build_dataset(cfg.data.train)
    # Class names travel in the checkpoints, for inference without the annotation file.
    classes = getattr(getattr(dataset, 'dataset', dataset), 'class_names', None)
    meta = dict(seed=seed, config=cfg.pretty_text, timestamp=timestamp, classes=classes)
    train_model(model, dataset, cfg, distributed=distributed, validate=args.validate,
                test_last=args.test_last, test_best=args.test_best, timestamp=timestamp, meta=meta)
    if distributed:
        torch.distributed.destroy_process_group()


def parse_test_args(argv=None):
    parser = argparse.ArgumentParser(description='Test a recognizer')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', nargs='?', help='checkpoint file (or -C CHECKPOINT, as in pyskl)')
    parser.add_argument('-C', '--checkpoint', dest='checkpoint_option', metavar='CHECKPOINT',
                        help='checkpoint file, pyskl\'s form')
    parser.add_argument('--out', help='write the per-sample class scores here (.pkl), in test-set order')
    parser.add_argument('--eval', nargs='+', default=None,
                        help='metrics, e.g. top1 top5 f1_macro (default: the config\'s evaluation.metrics)')
    parser.add_argument('--tmpdir', help='where the processes exchange results (default: next to --out)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={},
                        help='override config settings, e.g. model.test_cfg.average_clips=score')
    parser.add_argument('--launcher', choices=['none', 'pytorch'], default='none', help='job launcher')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    add_unsafe_load_argument(parser)
    args = parser.parse_args(argv)
    if (args.checkpoint is None) == (args.checkpoint_option is None):
        parser.error('give the checkpoint once: -C CHECKPOINT or as the second positional argument')
    args.checkpoint = args.checkpoint or args.checkpoint_option
    unknown = [name for name in args.eval or () if name not in METRICS]
    if unknown:  # before any inference
        parser.error(f'unknown --eval metric(s) {unknown}; known: {list(METRICS)}')
    return args


def test(argv=None):
    """``tools/test.py`` with an mmcv 1.x config."""
    args = parse_test_args(argv)
    cfg = load_config(args.config, args.cfg_options)
    distributed = args.launcher != 'none'
    if distributed:
        init_dist_from_env(None if torch.cuda.is_available() else 'gloo')
    rank, _ = get_dist_info()

    dataset = build_dataset(cfg.data.test, dict(test_mode=True))
    loader = build_split_loader(cfg, 'test', dataset, shuffle=False)

    model = build_model(cfg.model)
    load_checkpoint(model, args.checkpoint, map_location='cpu', strict=True)
    apply_memory_format(model, cfg)
    model = wrap_model(model, distributed)
    autocast(model, cfg, ('forward', ))  # float16 when the config sets fp16
    tmpdir = args.tmpdir or osp.join(osp.dirname(osp.abspath(args.out or args.checkpoint)), '.test_tmp')
    outputs = test_model(model, loader, distributed, tmpdir)

    if rank == 0:
        if args.out:
            mmcv.dump(outputs, args.out)
            print(f'\nwrote {len(outputs)} scores to {args.out}')
        eval_cfg = {k: v for k, v in cfg.get('evaluation', {}).items() if k in ('metric_options', 'topk')}
        metrics = args.eval or cfg.get('evaluation', {}).get('metrics', ['top_k_accuracy'])
        results = dataset.evaluate(outputs, metrics=metrics, **eval_cfg)
        for name, value in results.items():
            print(f'{name}: {value:.4f}')
    if distributed:
        torch.distributed.destroy_process_group()
