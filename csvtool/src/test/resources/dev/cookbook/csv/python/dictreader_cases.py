# Random records written with csv.writer in each quoting mode, and what csv.DictReader reads back.
# Usage: python3 dictreader_cases.py SEED COUNT  ->  a JSON array of cases on stdout.
# A case: {"dialect": {...}, "restkey": null or str, "restval": null or str, "text": str,
#          "records": [[[key, value], ...], ...]}: key null is DictReader's None restkey; a value is a
# string, null, {"f": repr(float)} or a list of those (the rest of a long row).
import csv, io, json, random, sys

random.seed(int(sys.argv[1]))
count = int(sys.argv[2])
# 'null' is left out: with restkey None, Python's dict holds both 'null' and None, which json writes
# as two "null" keys; ours writes one.
names = ['id', 'name', 'a b', 'x,y', 'q"t', "s'q", '\u00e9t\u00e9', '\U0001F600', 'n\nl', '', 'rest', 'Amount', '1']
alphabet = ['a', 'b', ' ', ',', '"', '\\', '|', ';', '\r', '\n', '\r\n', '\u00e9', '1', '.', '\t', "'",
            '\U0001F600', '\0']

def value(quoting):
    if quoting == csv.QUOTE_NONNUMERIC and random.random() < 0.4:
        return random.choice([0, 7, -12, 2.5, -0.25, 1e-7, 1e22, 10**15, 3.0])
    if random.random() < 0.1:
        return str(random.choice([1, 2.5, -3]))
    return ''.join(random.choice(alphabet) for _ in range(random.randint(0, 7)))

def as_json(v):
    if isinstance(v, float):
        return {'f': repr(v)}
    if isinstance(v, list):
        return [as_json(x) for x in v]
    return v

cases = []
while len(cases) < count:
    quoting = len(cases) % 4
    d = dict(delimiter=random.choice([',', ';', '\t', '|']), quotechar=random.choice(['"', "'"]),
             escapechar=random.choice([None, '\\']), doublequote=random.random() < 0.7, quoting=quoting,
             lineterminator=random.choice(['\r\n', '\n']))
    if quoting == csv.QUOTE_NONE or not d['doublequote']:
        d['escapechar'] = '\\'
    header = random.sample(names, random.randint(1, 5))
    if quoting == csv.QUOTE_NONE and header == ['']:
        continue
    buf = io.StringIO()
    writer = csv.writer(buf, **d)
    writer.writerow(header)
    for _ in range(random.randint(0, 6)):
        r = random.random()
        n = len(header) if r < 0.6 else 0 if r < 0.65 else random.randint(1, len(header) + 3)
        row = [value(quoting) for _ in range(n)]
        if quoting == csv.QUOTE_NONE and row == ['']:
            row = ['x']
        writer.writerow(row)
    text = buf.getvalue()
    restkey = random.choice([None, None, 'more', header[0]])
    restval = random.choice([None, None, '', 'NA'])
    reader = csv.DictReader(io.StringIO(text, newline=''), restkey=restkey, restval=restval,
                            **{k: v for k, v in d.items() if k != 'lineterminator'})
    records = [[[k, as_json(v)] for k, v in row.items()] for row in reader]
    cases.append({'dialect': d, 'restkey': restkey, 'restval': restval, 'text': text, 'records': records})
json.dump(cases, sys.stdout)
