"""An SMTP server with TLS for the mailer and cli tests, on aiosmtpd (Debian: python3-aiosmtpd).

Usage: starttls_server.py CERT KEY MAILDIR [--implicit] [--auth USER:PASSWORD] [--mechanisms M,...]
                          [--auth-silent] [--smtputf8]
Binds 127.0.0.1 on a free port, prints "PORT <n>" on stdout, and writes each accepted message to
MAILDIR/<n>.eml with the envelope in MAILDIR/<n>.rcpt (sender, then recipients, one a line) and
MAIL FROM's parameters in MAILDIR/<n>.mailopts (one a line).
By default it requires STARTTLS before MAIL. --implicit speaks TLS from the first byte instead.
--auth requires a login as USER with PASSWORD before MAIL, offering the mechanisms --mechanisms
names (default: PLAIN,LOGIN); every attempt is appended to MAILDIR/auth.log as
"MECHANISM USER ok" or "MECHANISM USER failed". --auth-silent never answers a login.
--smtputf8 offers SMTPUTF8.
Runs until stdin closes, so it never outlives the test that started it.
"""
import argparse
import asyncio
import pathlib
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

MECHANISMS = ("PLAIN", "LOGIN")


class Handler:
    def __init__(self, maildir):
        self.maildir = pathlib.Path(maildir)
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = self.maildir / str(self.count)
        base.with_suffix(".eml").write_bytes(envelope.original_content)
        base.with_suffix(".rcpt").write_text(
            "\n".join([envelope.mail_from] + envelope.rcpt_tos) + "\n", encoding="utf-8")
        base.with_suffix(".mailopts").write_text(
            "".join(o + "\n" for o in envelope.mail_options), encoding="utf-8")
        return "250 2.0.0 Ok: queued as TLS%d" % self.count


class Authenticator:
    def __init__(self, maildir, user, password, silent):
        self.log = pathlib.Path(maildir) / "auth.log"
        self.silent = silent
        self.user = user.encode("utf-8")
        self.password = password.encode("utf-8")

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == self.user and auth_data.password == self.password)
        login = auth_data.login.decode("utf-8", "replace") if isinstance(auth_data, LoginPassword) else "?"
        with self.log.open("a", encoding="utf-8") as f:
            f.write("%s %s %s\n" % (mechanism, login, "ok" if ok else "failed"))
        if self.silent:
            # handled=True: the reply is "already sent", so none is
            return AuthResult(success=False, handled=True)
        # handled=False: aiosmtpd itself answers 235, or 535 to a refusal
        return AuthResult(success=ok, handled=False, auth_data=auth_data)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cert")
    parser.add_argument("key")
    parser.add_argument("maildir")
    parser.add_argument("--implicit", action="store_true")
    parser.add_argument("--auth")
    parser.add_argument("--mechanisms", default=",".join(MECHANISMS))
    parser.add_argument("--auth-silent", action="store_true")
    parser.add_argument("--smtputf8", action="store_true")
    args = parser.parse_args()

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    handler = Handler(args.maildir)
    options = dict(hostname="starttls.test", enable_SMTPUTF8=args.smtputf8)
    if args.implicit:
        # the whole connection is TLS: AUTH needs no STARTTLS first
        options.update(auth_require_tls=False)
    else:
        options.update(tls_context=context, require_starttls=True)
    if args.auth:
        user, password = args.auth.split(":", 1)
        offered = set(args.mechanisms.split(","))
        options.update(
            authenticator=Authenticator(args.maildir, user, password, args.auth_silent),
            auth_required=True,
            auth_exclude_mechanism=[m for m in MECHANISMS if m not in offered])
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, **options),
        host="127.0.0.1",
        port=0,
        ssl=context if args.implicit else None,
    )
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


asyncio.run(main())
