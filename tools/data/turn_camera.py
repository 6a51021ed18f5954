"""Write a copy of a 3D annotation pickle as a camera moved around each person would have recorded it.

Each clip turns about its centre by --pitch radians about the horizontal x axis (> 0: the camera moved down,
looking up), then by --yaw about the vertical y axis (keypoint_plugin.data.turned_copy). Testing a trained model on
the copy (tools/test.py CONFIG CKPT --cfg-options data.test.ann_file=OUT) measures how much the camera's place
matters to it.

Example (NW-UCLA, the camera 0.3 rad higher):
    python tools/data/turn_camera.py data/nw_ucla/nw_ucla_3d.pkl data/nw_ucla/nw_ucla_3d_pitch-0.3.pkl --pitch -0.3
"""
import argparse

from keypoint_plugin.data import describe_annotations, dump_annotations, turned_copy
from keypoint_plugin.safe_load import add_unsafe_load_argument, load_data_file


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('annotations', help='input annotation pickle (3D camera-space skeletons)')
    parser.add_argument('out', help='output .pkl file')
    parser.add_argument('--pitch', type=float, default=0., help='radians about the horizontal x axis')
    parser.add_argument('--yaw', type=float, default=0., help='radians about the vertical y axis')
    add_unsafe_load_argument(parser)
    return parser.parse_args()


def main():
    args = parse_args()
    data = turned_copy(load_data_file(args.annotations), args.pitch, args.yaw)
    dump_annotations(data, args.out)
    print(describe_annotations(data))
    print(f'wrote {args.out}')


if __name__ == '__main__':
    main()
