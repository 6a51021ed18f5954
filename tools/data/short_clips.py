"""Write the short-clip, small-training-set proxy of an annotation pickle (keypoint_plugin.data.short_clip_subset).

Example (the generalization proxy of Penn Action):
    python tools/data/short_clips.py data/penn_action/penn_action.pkl data/penn_action/penn_action_short.pkl
"""
import argparse

from keypoint_plugin.data import describe_annotations, dump_annotations, short_clip_subset
from keypoint_plugin.safe_load import add_unsafe_load_argument, load_data_file


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('annotations', help='input annotation pickle (with train and test splits)')
    parser.add_argument('out', help='output .pkl file')
    parser.add_argument('--num-train', type=int, default=420, help='training ids to keep')
    parser.add_argument('--lengths', type=int, nargs=2, default=(15, 40), help='shortest and longest window')
    parser.add_argument('--seed', type=int, default=0)
    add_unsafe_load_argument(parser)
    return parser.parse_args()


def main():
    args = parse_args()
    data = short_clip_subset(load_data_file(args.annotations), args.num_train, tuple(args.lengths), args.seed)
    dump_annotations(data, args.out)
    print(describe_annotations(data))
    print(f'wrote {args.out}')


if __name__ == '__main__':
    main()
