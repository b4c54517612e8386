# Random JSON records, and what csv.DictWriter writes for them in each quoting mode.
# Usage: python3 dictwriter_cases.py SEED COUNT  ->  a JSON array of cases on stdout.
# A case: {"dialect": {...}, "columns": "first" | "given" | "sorted", "fields": [...], "restval": str,
#          "extras": "raise" | "ignore", "json": str (the input: JSON Lines or one array), "out": str,
#          "error": null or str}; on an error "out" holds what was written before the failing record.
import csv, io, json, random, sys

random.seed(int(sys.argv[1]))
count = int(sys.argv[2])
names = ['id', 'name', 'a b', 'x,y', 'q"t', "s'q", '\u00e9t\u00e9', '\U0001F600', 'n\nl', '', 'null', 'Amount', '1']
alphabet = ['a', 'b', ' ', ',', '"', '\\', '|', ';', '\r', '\n', '\r\n', '\u00e9', '1', '.', '\t', "'",
            '\U0001F600', '\0']

cases = []
while len(cases) < count:
    quoting = len(cases) % 4
    d = dict(delimiter=random.choice([',', ';', '\t', '|']), quotechar=random.choice(['"', "'"]),
             escapechar=random.choice([None, None, '\\']), doublequote=random.random() < 0.7, quoting=quoting,
             lineterminator=random.choice(['\r\n', '\n']))
    # Python quotes only the characters of its lineterminator; ours always quotes CR and LF (a
    # deliberate difference, tested on its own): no lone CR with a terminator of LF alone
    cr = '' if d['lineterminator'] == '\n' else '\r'
    # one column under QUOTE_NONE could make a record of one empty field, which ours fails on with an
    # IndexOutOfBoundsException (see JsonToCsvTest.aRecordOfOneEmptyFieldUnderQuotingNone)
    fields = random.sample(names, random.randint(2 if quoting == csv.QUOTE_NONE else 1, 5))
    restval = random.choice(['', '', 'NA'])
    extras = random.choice(['raise', 'ignore'])
    columns = random.choice(['first', 'first', 'given', 'sorted'])
    records = []
    for i in range(random.randint(1, 6)):
        keys = list(fields) if i == 0 and columns != 'given' else random.sample(fields, random.randint(0, len(fields)))
        if i > 0 or columns == 'given':
            random.shuffle(keys)
        rec = {}
        for k in keys:
            r = random.random()
            if r < 0.25:
                rec[k] = random.choice([0, 7, -12, 2.5, -0.25, 1e-7, 1e22, 10**15, 3.0])
            elif r < 0.3 and restval == '':
                rec[k] = None  # Python writes None as '', ours writes the rest value: equal only for ''
            else:
                rec[k] = ''.join(random.choice(alphabet) for _ in range(random.randint(0, 6))).replace('\r', cr)
        if i > 0 and random.random() < 0.1:
            rec['extra'] = 'x'
        records.append(rec)
    if columns == 'first':
        fieldnames = list(records[0])
    elif columns == 'sorted':
        fieldnames = sorted(records[0])
    else:
        fieldnames = fields
    if random.random() < 0.5:
        text = ''.join(json.dumps(r) + '\n' for r in records)
    else:
        text = json.dumps(records, indent=random.choice([None, 1]))
    buf = io.StringIO()
    error = None
    try:
        writer = csv.DictWriter(buf, fieldnames, restval=restval, extrasaction=extras, **d)
        writer.writeheader()
        for r in records:
            writer.writerow(r)
    except (csv.Error, ValueError) as e:
        error = str(e)
    cases.append({'dialect': d, 'columns': columns, 'fields': fields, 'restval': restval, 'extras': extras,
                  'json': text, 'out': buf.getvalue(), 'error': error})
json.dump(cases, sys.stdout)
