"""The client of the reference (shared/reference/sockets.txt, 7.4), with the port as argument and
the echo printed: it sends one message and reads until it has as many bytes back.

usage: reference_client.py PORT
"""
import socket
import sys

sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock.connect(("127.0.0.1", int(sys.argv[1])))
sock.settimeout(20)
try:
    message = b"This is the message. It will be repeated."
    sock.sendall(message)
    amount_received = 0
    amount_expected = len(message)
    received = b""
    while amount_received < amount_expected:
        data = sock.recv(16)
        if not data:
            break
        amount_received += len(data)
        received += data
    sys.stdout.write(received.decode("ascii"))
finally:
    sock.shutdown(2)
    sock.close()
