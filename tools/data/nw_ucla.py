"""Convert Northwestern-UCLA's skeleton files (the all_sqe folder or its zip) into a pyskl annotation pickle.

Splits: train (views 1 and 2) / test (view 3), view1, view2, view3 and train300 (a 300-clip training set);
joint layout 'kinect_v1'. With --dims 2 the joints are projected to 640x480 pixels (pinhole camera, f=525 px).

Example:
    python tools/data/nw_ucla.py ../shared/data/nw_ucla/all_sqe.zip data/nw_ucla/nw_ucla_3d.pkl
"""
import argparse
import time

from keypoint_plugin.data import convert_nw_ucla, describe_annotations, dump_annotations


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('source', help='the all_sqe folder of .json files, or a zip holding them')
    parser.add_argument('out', help='output .pkl file')
    parser.add_argument('--dims', type=int, choices=(2, 3), default=3,
                        help='3: camera-space metres (default); 2: projected pixels')
    return parser.parse_args()


def main():
    args = parse_args()
    start = time.perf_counter()
    data = convert_nw_ucla(args.source, dims=args.dims, progress=True)
    dump_annotations(data, args.out)
    print(describe_annotations(data))
    print(f'wrote {args.out} in {time.perf_counter() - start:.1f}s')


if __name__ == '__main__':
    main()
