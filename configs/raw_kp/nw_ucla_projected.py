# raw_kp/nw_ucla_projected -> raw_kp/nw_ucla_2d -> raw_kp/penn_action -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
# NW-UCLA's 3D skeletons as the camera saw them: the 2D recipe (nw_ucla_2d.py) on the 3D annotation file, each clip
# projected in the pipeline (KeypointProject: pinhole, f = 525 px, 640 x 480). A stream of the raw 3D model, fused
# with raw_kp/nw_ucla_distance.py's scores (tools/fuse_scores.py; configs/raw_kp/README.md).
from keypoint_plugin.config_utils import projected_data

_base_ = ['./nw_ucla_2d.py']
ann_file = 'data/nw_ucla/nw_ucla_3d.pkl'
dims = 3
# Training clips are seen from a camera turned about the person by up to +-1 rad (57 degrees), so the stream meets
# more views than the two it trains on: alone +1.8 top-1 on view 1 -> 2, +5.2 on view 2 -> 1 (configs/raw_kp/README.md).
# Every clip is seen from a level camera at the person's height (level=True), so a camera placed higher or lower
# changes nothing (the two training views share one height); NW-UCLA's clips hold one person, packed alone.
data = projected_data('{{ fileDirname }}/nw_ucla_2d.py', angle=1.0, level=True, num_person=1,
                      train=dict(ann_file=ann_file), val=dict(ann_file=ann_file), test=dict(ann_file=ann_file))
work_dir = './work_dirs/raw_kp/nw_ucla_projected'
