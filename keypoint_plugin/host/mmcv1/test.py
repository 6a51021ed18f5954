"""Testing: run a wrapped recognizer over a test loader and gather every sample's class scores."""
from mmcv.engine import multi_gpu_test, single_gpu_test


def test_model(model, loader, distributed, tmpdir):
    """Return the per-sample scores in dataset order (on rank 0; None on other ranks when distributed).

    Args:
        model (nn.Module): A recognizer wrapped by :func:`keypoint_plugin.host.mmcv1.dist.wrap_model`.
        loader (DataLoader): The test loader (no shuffling).
        distributed (bool): Whether a process group is running.
        tmpdir (str): Where the ranks exchange their parts; gathering through files works on CPU too.
    """
    if distributed:
        return multi_gpu_test(model, loader, tmpdir=tmpdir)
    return single_gpu_test(model, loader)
