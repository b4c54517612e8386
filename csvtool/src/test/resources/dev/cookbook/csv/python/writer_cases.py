# Random records and dialects, and what Python's csv.writer writes for them.
# Usage: python3 writer_cases.py SEED COUNT  ->  a JSON array of cases on stdout.
# A case: {"dialect": {...}, "rows": [[[kind, text], ...], ...], "out": str, "error": null or str};
# kind is "s" (a string), "n" (a number or bool: str(value)) or "z" (None). On an error "out" holds the
# records written before the one that failed.
import csv, io, json, random, sys

random.seed(int(sys.argv[1]))
count = int(sys.argv[2])
alphabet = ['a', 'b', ' ', ',', '"', '\\', '|', ';', '\r', '\n', '\u00e9', '1', '.', '\t', "'", '\U0001F600', '\0']
cases = []
while len(cases) < count:
    d = dict(delimiter=random.choice([',', ';', '|', ' ', '\t']), quotechar=random.choice(['"', "'", '|']),
             escapechar=random.choice([None, None, '\\']), doublequote=random.random() < 0.7,
             quoting=random.choice([0, 1, 2, 3]), lineterminator=random.choice(['\r\n', '\n', '\r']))
    if d['quotechar'] == d['delimiter'] or d['escapechar'] in (d['delimiter'], d['quotechar']):
        continue
    # Python quotes only the characters of its lineterminator; ours always quotes CR and LF (a
    # deliberate difference, tested on its own), so a lone '\n' or '\r' goes with a terminator holding it.
    other = {'\r\n': None, '\n': '\r', '\r': '\n'}[d['lineterminator']]
    rows = []
    for _ in range(random.randint(1, 3)):
        row = []
        for _ in range(random.randint(0, 4)):
            r = random.random()
            if r < 0.2:
                row.append(random.choice([1, 2.5, -3, 10**20, 1e-7, True, False]))
            elif r < 0.25:
                row.append(None)
            else:
                s = ''.join(random.choice(alphabet) for _ in range(random.randint(0, 6)))
                row.append(s.replace(other, '') if other else s)
        rows.append(row)
    buf = io.StringIO()
    writer = csv.writer(buf, **d)
    error = None
    try:
        for row in rows:
            writer.writerow(row)
    except csv.Error as e:
        error = str(e)
    enc = [[['n', str(v)] if isinstance(v, (int, float)) else ['z', ''] if v is None else ['s', v] for v in row]
           for row in rows]
    cases.append({'dialect': d, 'rows': enc, 'out': buf.getvalue(), 'error': error})
json.dump(cases, sys.stdout)
