# Random CSV texts and dialects, and what Python's csv.reader makes of them.
# Usage: python3 reader_cases.py SEED COUNT  ->  a JSON array of cases on stdout.
# A case: {"dialect": {...}, "text": str, "rows": [[cell, ...], ...], "error": null or {"kind", "message", "line"}};
# a cell is a string, or {"f": repr(float)} for the numbers QUOTE_NONNUMERIC makes.
import csv, io, json, random, sys

random.seed(int(sys.argv[1]))
count = int(sys.argv[2])
alphabet = ['a', 'b', ' ', ',', '"', '\\', '|', ';', '\r', '\n', '\r\n', '\u00e9', '1', '.', '\t', "'", '\0',
            '\U0001F600', '12', '3.5', '-1', '1e3', '1_0', '.5', '+2', ' 7 ']

def dialect():
    return dict(delimiter=random.choice([',', ';', '|', ' ', '\t']), quotechar=random.choice(['"', "'", '|']),
                escapechar=random.choice([None, None, '\\']), doublequote=random.random() < 0.7,
                skipinitialspace=random.random() < 0.3, quoting=random.choice([0, 1, 2, 3]),
                strict=random.random() < 0.2)

def random_text():
    return ''.join(random.choice(alphabet) for _ in range(random.randint(0, 40)))

def written_text(d):
    # records as Python writes them with this dialect, then one character changed, dropped or added
    w = dict(d, lineterminator=random.choice(['\r\n', '\n', '\r']))
    del w['strict'], w['skipinitialspace']
    if w['escapechar'] is None:
        w['escapechar'] = '\\'
    buf = io.StringIO()
    writer = csv.writer(buf, **w)
    for _ in range(random.randint(1, 4)):
        row = [random_text()[:8] for _ in range(random.randint(1, 4))]
        if row == ['']:
            row = ['x']
        writer.writerow(row)
    text = buf.getvalue()
    if text and random.random() < 0.7:
        i = random.randrange(len(text))
        op = random.choice(['drop', 'add', 'change'])
        c = random.choice(alphabet)
        text = text[:i] + ('' if op == 'drop' else c) + text[i + (0 if op == 'add' else 1):]
    return text

cases = []
while len(cases) < count:
    d = dialect()
    if d['quotechar'] == d['delimiter'] or d['escapechar'] in (d['delimiter'], d['quotechar']):
        continue
    text = random_text() if len(cases) % 3 else written_text(d)
    reader = csv.reader(io.StringIO(text, newline=''), **d)
    rows, error = [], None
    try:
        for row in reader:
            rows.append([{'f': repr(x)} if isinstance(x, float) else x for x in row])
    except csv.Error as e:
        error = {'kind': 'csv', 'message': str(e), 'line': reader.line_num}
    except ValueError as e:
        error = {'kind': 'value', 'message': str(e), 'line': reader.line_num}
    cases.append({'dialect': d, 'text': text, 'rows': rows, 'error': error})
json.dump(cases, sys.stdout)
