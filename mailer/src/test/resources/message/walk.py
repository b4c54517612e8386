# Parses the message in argv[1] with Python's email module (the modern policy) and prints, one
# line each, tab-separated: the decoded Subject, From and To, then per part in walk order its
# content type, disposition, decoded filename, Content-ID, decoded payload size and sha256, and
# the number of defects Python found. Used by PythonEmailTest.
import email
import email.policy
import hashlib
import sys

with open(sys.argv[1], "rb") as f:
    msg = email.message_from_binary_file(f, policy=email.policy.default)

print("subject\t" + str(msg["subject"]))
for a in msg["from"].addresses:
    print("from\t" + a.display_name + "\t" + a.addr_spec)
for a in msg["to"].addresses:
    print("to\t" + a.display_name + "\t" + a.addr_spec)
print("bcc\t" + str(msg["bcc"]))
print("defects\t" + str(len(msg.defects)))
for part in msg.walk():
    fields = [
        "part",
        part.get_content_type(),
        str(part.get_content_disposition()),
        str(part.get_filename()),
        str(part["content-id"]),
    ]
    if part.is_multipart():
        fields += ["-", "-"]
    else:
        data = part.get_payload(decode=True)
        fields += [str(len(data)), hashlib.sha256(data).hexdigest()]
    fields.append(str(len(part.defects)))
    print("\t".join(fields))
