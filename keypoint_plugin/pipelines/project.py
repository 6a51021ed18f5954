"""KeypointProject: camera-space 3D skeletons as the pixels of a pinhole camera, for the 2D pipeline."""
import numpy as np
import torch

from ..data.nw_ucla import FOCAL, IMAGE_SHAPE, project
from ..host import PIPELINES
from ..layouts import get_layout
from .batch_ops import affine_matrices, body_rotation
from .skeleton import SkeletonStep, zero_missing


@PIPELINES.register_module()
class KeypointProject(SkeletonStep):
    """Project 3D skeletons in camera space (metres; x right, y up, z away from the camera, as Kinect's and NTU
    RGB+D's) to the 2D pixels of a pinhole camera, optionally from a camera moved around the person.

    3D data then also feeds the 2D pipeline: a second stream for late fusion with the 3D one, which sees the
    person as the camera did, where the 3D pipeline turns each clip into its body frame (NW-UCLA cross-view:
    configs/raw_kp/README.md). Place it right after the frame decoding, before the 2D steps (flip, normalization);
    the defaults are the camera of ``tools/data/nw_ucla.py --dims 2``, so the two give the same 2D skeletons.
    Present joints get score 1 (``keypoint_score`` is written); missing joints stay 0 with score 0.
    ``results['img_shape']`` (for the 2D flip) becomes ``img_shape``.

    Args:
        focal (float): Focal length in pixels. Default: 525 (Kinect v1's colour camera, approximately).
        img_shape (tuple[int]): (height, width) of the image; the principal point is its centre.
            Default: (480, 640).
        angle (float): Training: first turn each clip about the vertical axis through its centre (the mean of its
            present joints) by one uniform draw from ``[-angle, angle]`` radians, as a camera moved around the
            person at the same distance would see it. Default: 0.
        level (bool): Before that, turn each sample about the horizontal x axis through its centre until its mean
            torso axis (the layout's ``upper`` minus ``center`` joints, over all frames and persons) has no depth
            component: a level camera at the person's height, so a camera placed higher or lower, looking down or
            up at the person, gives the same 2D skeletons. In every split (it is part of what the stream sees).
            Default: False.
        layout (str | dict | Layout): Joint layout of the torso joints (``level`` only; a config's ``layout``
            fills it in). Default: ``'coco'``.
    """

    def __init__(self, focal=FOCAL, img_shape=IMAGE_SHAPE, angle=0., level=False, layout='coco'):
        if not focal > 0 or len(img_shape) != 2 or not min(img_shape) > 0 or not angle >= 0:
            raise ValueError(f'need focal > 0, img_shape (height, width) > 0 and angle >= 0, got focal={focal}, '
                             f'img_shape={img_shape}, angle={angle}')
        self.focal, self.img_shape, self.angle, self.level = float(focal), tuple(img_shape), float(angle), level
        self.layout = get_layout(layout)
        if level:  # only then do the joints have to be the layout's
            self.num_joints = self.layout.num_joints

    def apply(self, skeleton, results):
        keypoint, present = skeleton.keypoint, skeleton.present
        if keypoint.shape[-1] != 3:
            raise ValueError(f"KeypointProject needs 3D keypoints, got results['keypoint'] of shape {keypoint.shape}")
        if (self.level or self.angle) and present.any():
            turn = np.eye(3, dtype=np.float32)
            if self.level:
                # The batched normalization's rotation (align='level'), with the sample as one clip.
                turn = body_rotation(torch.from_numpy(keypoint)[None, None], torch.from_numpy(present)[None, None],
                                     (), list(self.layout.center), list(self.layout.upper), 'level')[0, 0].numpy()
            if self.angle:
                # RandomKeypointAffine's rotation about y (the vertical), without scaling.
                theta = np.random.uniform(-self.angle, self.angle, size=1)
                turn = affine_matrices(theta, np.ones((1, 3)))[0].astype(np.float32) @ turn
            centre = keypoint[present].mean(0)
            keypoint = (keypoint - centre) @ turn.T + centre
        depth = keypoint[..., 2][present]
        if (depth <= 0).any():
            raise ValueError(f'KeypointProject: {(depth <= 0).sum()} present joints at depth z <= 0 (min '
                             f'{depth.min():.3g}) cannot be seen by the camera: camera-space metres are expected'
                             + (f', and angle={self.angle} may turn joints behind it' if self.angle else ''))
        # Missing joints are projected from depth 1 (not 0) and then cleared.
        visible = keypoint.copy()
        visible[..., 2][~present] = 1
        projected = project(visible, self.focal, self.img_shape)
        skeleton.keypoint = zero_missing(projected.astype(np.float32), present)
        skeleton.scored = True  # 1 for present joints, as read without scores
        results['img_shape'] = self.img_shape

    def __repr__(self):
        return (f'{self.__class__.__name__}(focal={self.focal}, img_shape={self.img_shape}, '
                f'angle={self.angle}, level={self.level}, layout={self.layout.name!r})')
