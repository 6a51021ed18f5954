"""Channels-last (NDHWC) activations for the 3D CNNs, as a config asks for with ``channels_last = True``.

cuDNN's 3D convolutions in half precision run on tensor cores in the channels-last layout; in PyTorch's default
NCDHW layout they transpose around every call or fall back to other kernels. PyTorch picks the channels-last
kernels when a convolution's input is channels-last, and the layout then carries through the backbone's
convolutions, normalization, activations and pooling. So only the backbone's input is converted: the weights
keep their layout, and with it the checkpoints and DDP's gradient buckets (cuDNN converts the small weight
tensors per call).
"""
import torch


def _to_channels_last(module, args):
    if args and torch.is_tensor(args[0]) and args[0].dim() == 5:
        return (args[0].contiguous(memory_format=torch.channels_last_3d), ) + tuple(args[1:])
    return None


def channels_last(model):
    """Feed ``model``'s backbone (the model itself when it has none) channels-last 5-D inputs from now on.

    Args:
        model (nn.Module): A recognizer (any host's), or a backbone.

    Returns:
        torch.utils.hooks.RemovableHandle: The forward pre-hook; ``remove()`` restores the default layout.
    """
    return getattr(model, 'backbone', model).register_forward_pre_hook(_to_channels_last)


def apply_memory_format(model, cfg):
    """:func:`channels_last` on ``model`` when ``cfg.channels_last`` is set (any config family).

    Returns:
        bool: Whether it was applied.
    """
    setting = cfg.get('channels_last', False)
    if not isinstance(setting, bool):
        raise TypeError(f'channels_last must be True or False, got {setting!r}')
    if setting:
        channels_last(model)
    return setting
