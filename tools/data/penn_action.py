"""Convert Penn Action's label files (.mat) into a pyskl annotation pickle with COCO-17 keypoints.

Example:
    python tools/data/penn_action.py ../shared/data/penn_action/labels data/penn_action/penn_action_coco.pkl
"""
import argparse
import time

from keypoint_plugin.data import convert_penn_action, describe_annotations, dump_annotations


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('labels_dir', help='directory of the dataset\'s NNNN.mat label files')
    parser.add_argument('out', help='output .pkl file')
    return parser.parse_args()


def main():
    args = parse_args()
    start = time.perf_counter()
    data = convert_penn_action(args.labels_dir, progress=True)
    dump_annotations(data, args.out)
    print(describe_annotations(data))
    print(f'wrote {args.out} in {time.perf_counter() - start:.1f}s')


if __name__ == '__main__':
    main()
