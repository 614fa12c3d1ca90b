"""A STARTTLS + AUTH SMTP server for the e-mail tests, built on Debian's python3-aiosmtpd.

Usage: starttls-smtp-server.py PORT CERT KEY OUTDIR USER PASSWORD [EXCLUDED_MECHANISM...]

Listens on 127.0.0.1:PORT, requires STARTTLS before MAIL and authentication before accepting mail,
accepts only USER/PASSWORD, and writes each accepted message to OUTDIR/<n>.eml preceded by a small
envelope header block (TLS, AUTH mechanism and user, MAIL FROM, RCPT TO). Prints "ready" when listening.
"""
import asyncio
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

port, cert, key, outdir, user, password = sys.argv[1:7]
excluded = sys.argv[7:]
context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
count = 0


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
    if ok:
        session.argus_auth = f"{mechanism} {user}"
    return AuthResult(success=ok, handled=False)


class Handler:
    async def handle_DATA(self, server, session, envelope):
        global count
        count += 1
        with open(f"{outdir}/{count}.eml", "wb") as f:
            f.write(f"X-Test-TLS: {'yes' if session.ssl is not None else 'no'}\r\n".encode())
            f.write(f"X-Test-Auth: {getattr(session, 'argus_auth', 'none')}\r\n".encode())
            f.write(f"X-Test-Mail-From: {envelope.mail_from}\r\n".encode())
            f.write(f"X-Test-Rcpt-To: {' '.join(envelope.rcpt_tos)}\r\n".encode())
            f.write(envelope.original_content)
        return "250 OK"


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(Handler(), hostname="test-smtp", tls_context=context, require_starttls=True,
                     auth_required=True, auth_require_tls=True, authenticator=authenticate,
                     auth_exclude_mechanism=excluded),
        "127.0.0.1", int(port))
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
