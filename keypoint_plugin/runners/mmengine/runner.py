"""Training and testing MMAction2 1.x configs with mmengine's Runner, as MMAction2 1.x's own tools do, plus the
plugin's one-place settings (:func:`keypoint_plugin.config_utils.load_config`)."""
import os.path as osp

import torch
import torch.distributed as dist
from mmengine.model import is_model_wrapper
from mmengine.runner import Runner

from ...config_utils import apply_settings, load_config
from ...memory_format import apply_memory_format


def _cpu_distributed(cfg):
    """Distributed training on CPU processes with gloo: mmengine's ``init_dist`` calls the CUDA-only
    ``torch.cuda.set_device`` and its DDP wrapper passes ``device_ids=[LOCAL_RANK]`` (CUDA devices). The process
    group is started here (torchrun's environment), which mmengine then keeps, and DDP gets no device ids."""
    cfg.env_cfg = dict(cfg.get('env_cfg') or {}, dist_cfg=dict(backend='gloo'))
    if not dist.is_initialized():
        dist.init_process_group('gloo')
    cfg.model_wrapper_cfg = dict(type='MMDistributedDataParallel', device_ids=None, broadcast_buffers=False)


def build_runner(config, work_dir=None, cfg_options=None, launcher='none', resume=None, amp=False,
                 validate=True, seed=None, deterministic=False, checkpoint=None, dump=None):
    """A Runner for ``config`` set up the way MMAction2 1.x's ``tools/train.py`` / ``tools/test.py`` set it up.

    Args:
        config (str | mmengine.Config): MMAction2 1.x config (file); a Config is used as it is, settings applied.
        work_dir (str | None): Work dir; default: the config's, else ``./work_dirs/<config name>``.
        cfg_options (dict | None): ``--cfg-options``.
        launcher (str): 'none', 'pytorch', 'slurm' or 'mpi'; without CUDA, 'pytorch' runs on CPU processes with
            gloo. Default: 'none'.
        resume (str | None): 'auto' (the work dir's last checkpoint) or a checkpoint path. Default: None.
        amp (bool): Mixed precision (mmengine's AmpOptimWrapper, dynamic loss scale). Default: False.
        validate (bool): Validate during training. Default: True.
        seed (int | None): Random seed. Default: None (the config's ``randomness``).
        deterministic (bool): Deterministic cuDNN. Default: False.
        checkpoint (str | None): Checkpoint to test (``load_from``). Default: None.
        dump (str | None): Testing: also write the predictions to this ``.pkl`` (mmengine's DumpResults).

    The config's ``channels_last = True`` gives the model channels-last inputs
    (:mod:`keypoint_plugin.memory_format`), as on the mmcv 1.x hosts.
    """
    if isinstance(config, str):
        cfg = load_config(config, cfg_options)
    else:
        cfg = apply_settings(config)
        cfg.merge_from_dict(cfg_options or {})
    cfg.launcher = launcher
    if work_dir is not None:
        cfg.work_dir = work_dir
    elif cfg.get('work_dir') is None:
        cfg.work_dir = osp.join('./work_dirs', osp.splitext(osp.basename(cfg.filename))[0])
    if amp:
        cfg.optim_wrapper.type = 'AmpOptimWrapper'
        cfg.optim_wrapper.loss_scale = 'dynamic'
    if resume == 'auto':
        cfg.resume, cfg.load_from = True, None
    elif resume is not None:
        cfg.resume, cfg.load_from = True, resume
    if not validate:
        cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    if seed is not None or deterministic:
        cfg.randomness = dict(cfg.get('randomness') or {}, deterministic=deterministic,
                              **({} if seed is None else dict(seed=seed)))
    if checkpoint is not None:
        cfg.load_from = checkpoint
    if launcher != 'none' and not torch.cuda.is_available():
        _cpu_distributed(cfg)
    if dump is not None:
        if not dump.endswith(('.pkl', '.pickle')):
            raise ValueError(f'--dump {dump!r}: the file must be a .pkl or .pickle')
        evaluators = cfg.test_evaluator if isinstance(cfg.test_evaluator, (list, tuple)) else [cfg.test_evaluator]
        cfg.test_evaluator = list(evaluators) + [dict(type='DumpResults', out_file_path=dump)]
    runner = Runner.from_cfg(cfg)
    apply_memory_format(runner.model.module if is_model_wrapper(runner.model) else runner.model, cfg)
    return runner
