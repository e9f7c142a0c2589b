#!/usr/bin/env python3
"""Drop rows of bots.tsv/humans.tsv whose user_agent appears verbatim in held-out files.

usage: decontaminate.py HELDOUT_FILE... [--out DIR]
Held-out files may be YAML/JSON/TXT: every string scalar (YAML/JSON) or every non-empty line (other files)
is treated as a candidate UA (whitespace-stripped; leading '- ' and surrounding quotes removed for TXT).
Writes bots.decontam.tsv / humans.decontam.tsv next to the inputs and prints overlap counts.
This script was NOT run against isbot or Matomo fixtures while building this set (they were not read).
"""
import json, os, sys

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from strings(v)


def load(path):
    txt = open(path, encoding='utf-8', errors='replace').read()
    out = set()
    try:
        if path.endswith(('.yml', '.yaml')):
            import yaml
            out |= {s.strip() for s in strings(yaml.safe_load(txt))}
        elif path.endswith('.json'):
            out |= {s.strip() for s in strings(json.loads(txt))}
    except Exception:
        pass
    for line in txt.splitlines():
        line = line.strip()
        if line.startswith('- '):
            line = line[2:].strip()
        if len(line) >= 2 and line[0] == line[-1] and line[0] in '"\'':
            line = line[1:-1]
        if line:
            out.add(line)
    return out


def main(argv):
    outdir = HERE
    if '--out' in argv:
        i = argv.index('--out'); outdir = argv[i + 1]; argv = argv[:i] + argv[i + 2:]
    held = set()
    for p in argv:
        held |= load(p)
    for name in ('bots', 'humans'):
        src = os.path.join(outdir, name + '.tsv')
        rows = open(src, encoding='utf-8').read().splitlines()
        keep = [rows[0]] + [r for r in rows[1:] if r.split('\t', 1)[0] not in held]
        open(os.path.join(outdir, name + '.decontam.tsv'), 'w', encoding='utf-8').write('\n'.join(keep) + '\n')
        print('%s: %d rows, %d overlap with held-out, %d kept' % (name, len(rows) - 1, len(rows) - len(keep), len(keep) - 1))


if __name__ == '__main__':
    main(sys.argv[1:])
