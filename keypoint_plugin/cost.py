"""Compute cost (multiply-accumulates) and parameter count of a model, measured by torch's FlopCounterMode."""
import torch
from torch.utils.flop_counter import FlopCounterMode


def count_cost(module, inputs):
    """Count the MACs of one forward pass and the parameters of ``module``.

    The pass runs in eval mode without gradients; the module's mode is restored afterwards. A recognizer
    (any module with ``forward_dummy``, as the hosts' recognizers have) is run through ``forward_dummy``, so
    its backbone and head are both counted. FlopCounterMode counts a multiply-accumulate as two FLOPs and
    ignores element-wise work (normalization, activations, pooling), as the papers' GFLOPs figures do.

    Args:
        module (nn.Module): The model.
        inputs (torch.Tensor | tuple[torch.Tensor]): Positional inputs of its forward pass.

    Returns:
        dict: ``macs`` (int), ``gmacs`` (float, macs / 1e9), ``flops`` (int, 2 x macs) and ``params``
            (int, number of parameter elements).
    """
    if not isinstance(module, torch.nn.Module):
        raise ValueError(f'count_cost needs an nn.Module, got {type(module).__name__}')
    if isinstance(inputs, torch.Tensor):
        inputs = (inputs, )
    forward = getattr(module, 'forward_dummy', module)
    was_training = module.training
    module.eval()
    try:
        with torch.no_grad(), FlopCounterMode(display=False) as counter:
            forward(*inputs)
    finally:
        module.train(was_training)
    flops = counter.get_total_flops()
    macs = flops // 2
    params = sum(p.numel() for p in module.parameters())
    return dict(macs=macs, gmacs=macs / 1e9, flops=flops, params=params)
