"""An SMTP server with STARTTLS for the mailer tests, on aiosmtpd (Debian: python3-aiosmtpd).

Usage: starttls_server.py CERT KEY MAILDIR
Binds 127.0.0.1 on a free port, prints "PORT <n>" on stdout, requires STARTTLS before MAIL,
and writes each accepted message to MAILDIR/<n>.eml with the envelope in MAILDIR/<n>.rcpt.
Runs until stdin closes, so it never outlives the test that started it.
"""
import asyncio
import pathlib
import ssl
import sys

from aiosmtpd.smtp import SMTP


class Handler:
    def __init__(self, maildir):
        self.maildir = pathlib.Path(maildir)
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = self.maildir / str(self.count)
        base.with_suffix(".eml").write_bytes(envelope.original_content)
        base.with_suffix(".rcpt").write_text("\n".join([envelope.mail_from] + envelope.rcpt_tos) + "\n")
        return "250 2.0.0 Ok: queued as TLS%d" % self.count


async def main():
    cert, key, maildir = sys.argv[1:4]
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Handler(maildir)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, tls_context=context, require_starttls=True, hostname="starttls.test"),
        host="127.0.0.1",
        port=0,
    )
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


asyncio.run(main())
