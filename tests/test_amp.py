"""Mixed precision as MMAction2 0.x configs ask for it (``fp16 = dict(loss_scale=...)``): the whole training step
under float16 autocast with mmcv's gradient scaling, in our train and test tools (CPU autocast here)."""
import glob
import json
import os.path as osp
import sys

import numpy as np
import torch
from mmcv import Config
from mmcv.runner import Fp16OptimizerHook, OptimizerHook

from keypoint_plugin.runners.mmcv1.amp import autocast, optimizer_hook
from keypoint_plugin.runners.mmcv1.runner import wrap_model
from conftest import ROOT, TINY, build_recognizer, run_tool


def test_the_step_runs_in_float16_and_the_loss_in_float32():
    model = wrap_model(build_recognizer(), distributed=False)
    seen = []
    model.module.backbone.embed.register_forward_hook(lambda module, args, out: seen.append(out.dtype))
    batch = dict(keypoint=torch.randn(2, 1, 3, 8, 17, 2), label=torch.tensor([[0], [1]]))
    assert autocast(model, Config(dict(fp16=None)), ('train_step', )) is None
    model.train_step(batch, None)
    assert autocast(model, Config(dict(fp16=dict(loss_scale='dynamic'))), ('train_step', )) == torch.float16
    outputs = model.train_step(batch, None)
    assert seen == [torch.float32, torch.float16] and outputs['loss'].dtype == torch.float32


def test_optimizer_hook_scales_gradients_only_with_fp16():
    settings = dict(grad_clip=dict(max_norm=40, norm_type=2))
    assert optimizer_hook(Config(dict(optimizer_config=settings)), False) == settings
    hook = optimizer_hook(Config(dict(optimizer_config=settings, fp16=dict(loss_scale=512.))), False)
    assert isinstance(hook, Fp16OptimizerHook) and hook.grad_clip == settings['grad_clip']


def test_steps_outside_the_runner_scale_gradients_as_the_hook_does():
    """The benchmarks' training step (runtime.train_step) with fp16: autocast and mmcv's Fp16OptimizerHook with its
    gradient scaler, as the train tool registers them."""
    from keypoint_plugin.runners.mmcv1 import runtime

    torch.manual_seed(0)
    cfg = Config(dict(optimizer=dict(type='SGD', lr=0.1), fp16=dict(loss_scale=512.)))
    model = build_recognizer()
    assert runtime.prepare_model(model, cfg) == dict(precision='float16', channels_last=False)
    optim = runtime.build_optimizer(model, cfg)
    (hook, ) = optim.hooks
    assert isinstance(hook, Fp16OptimizerHook) and isinstance(hook.loss_scaler, torch.amp.GradScaler)
    assert hook._scale_update_param == 512.
    seen = []
    model.backbone.embed.register_forward_hook(lambda module, args, out: seen.append(out.dtype))
    before = [p.detach().clone() for p in model.parameters()]
    batch = dict(keypoint=torch.randn(2, 1, 3, 8, 17, 2), label=torch.tensor([[0], [1]]))
    assert runtime.train_step(model, batch, optim) == 2
    assert seen == [torch.float16]
    assert any(not torch.equal(a, b) for a, b in zip(before, model.parameters()))
    settings = dict(grad_clip=dict(max_norm=40, norm_type=2))
    plain = runtime.build_optimizer(model, Config(dict(optimizer=dict(type='SGD', lr=0.1), optimizer_config=settings)))
    (hook, ) = plain.hooks
    assert isinstance(hook, OptimizerHook) and not isinstance(hook, Fp16OptimizerHook)
    assert hook.grad_clip == settings['grad_clip'] and 'type' not in settings  # the config is not written to


def test_train_and_test_tools_honour_fp16_and_channels_last(workdir):
    work_dir = workdir / 'fp16'
    config = osp.join(ROOT, 'configs', 'raw_kp', 'synthetic.py')
    out = run_tool([sys.executable, osp.join(ROOT, 'tools', 'train.py'), config, '--work-dir', str(work_dir),
                    '--cfg-options', *TINY, 'fp16.loss_scale=dynamic', 'channels_last=True'], workdir).output
    assert "Mixed precision: float16 autocast, gradient scaling {'loss_scale': 'dynamic'}" in out
    assert 'channels_last: the backbone runs on channels-last (NDHWC) inputs' in out
    log = glob.glob(str(work_dir / '*.log.json'))[0]
    losses = [json.loads(line)['loss'] for line in open(log) if '"mode": "train"' in line]
    assert losses and np.isfinite(losses).all()
    out = run_tool([sys.executable, osp.join(ROOT, 'tools', 'test.py'), config, '-C', str(work_dir / 'latest.pth'),
                    '--eval', 'top1', '--cfg-options', 'fp16.loss_scale=dynamic'], workdir).output
    assert 'top1: ' in out
