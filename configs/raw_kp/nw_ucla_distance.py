# raw_kp/nw_ucla_distance -> raw_kp/nw_ucla -> raw_kp/synthetic_3d -> _base_/raw_kp_3d -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
# NW-UCLA's 3D skeletons as joint-to-joint distances: each joint's distance to the 20 joints in every frame, which
# no camera position changes. A stream of the raw 3D model, fused with raw_kp/nw_ucla_projected.py's scores
# (tools/fuse_scores.py; configs/raw_kp/README.md).
from keypoint_plugin.config_utils import stream_data

_base_ = ['./nw_ucla.py']
model = dict(backbone=dict(in_channels=20))
# NW-UCLA's clips hold one person: packing one keeps the stream at half the cost of the base's two.
data = stream_data('{{ fileDirname }}/nw_ucla.py', ('distance', ), num_person=1)
work_dir = './work_dirs/raw_kp/nw_ucla_distance'
