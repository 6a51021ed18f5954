"""The host's ResNet3dSlowOnly, configured the same way on every host."""
from ..host import BACKBONES, resnet3d_args


@BACKBONES.register_module()
class HostResNet3dSlowOnly(BACKBONES.get('ResNet3dSlowOnly')):
    """The host's own ``ResNet3dSlowOnly`` (PoseC3D's backbone), taking either host's argument names.

    pyskl's ResNet3d takes ``conv1_stride=(t, s)``, MMAction2's ``conv1_stride_t`` and ``conv1_stride_s``:
    a config that slims PoseC3D's backbone (the grayscale configs) names this type and builds on both hosts,
    whichever host's PoseC3D config it inherits. See :func:`keypoint_plugin.host.resnet3d_args`.

    Args:
        **kwargs: Arguments of the host's ``ResNet3dSlowOnly``, stem strides in either host's form.
    """

    def __init__(self, **kwargs):
        super().__init__(**resnet3d_args(kwargs))
