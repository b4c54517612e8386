# Writes to argv[1] a message built by Python's email module, with To, Cc and Bcc and neither Date
# nor Message-ID, as a program piping into `sendmail -t` would. Used by ReadyMessageTest.
import sys
from email.message import EmailMessage

msg = EmailMessage()
msg["From"] = "Zoë Ünïcode <zoe@example.org>"
msg["To"] = "Ada <ada@example.org>, bob@example.org"
msg["Cc"] = "\"Lovelace, Ada\" <lovelace@example.org>"
msg["Bcc"] = "secret@example.net, ada@example.org"
msg["Subject"] = "Grüße – 你好 ✓"
msg.set_content("Hello,\nthis came from Python.\n")
msg.add_attachment(bytes(range(256)) * 4, maintype="application", subtype="octet-stream", filename="résumé 2026.pdf")
with open(sys.argv[1], "wb") as f:
    f.write(bytes(msg))
