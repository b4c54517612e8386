"""An echo client in plain Python: sends SIZE seeded random bytes from one thread while the main
thread reads the echo until EOF, then prints the lengths and SHA-256 digests of both.

usage: client.py PORT SIZE SEED
"""
import hashlib
import random
import socket
import sys
import threading

port, size, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
data = random.Random(seed).randbytes(size)
sock = socket.create_connection(("127.0.0.1", port), timeout=20)


def send():
    sock.sendall(data)
    sock.shutdown(socket.SHUT_WR)


sender = threading.Thread(target=send)
sender.start()
received = hashlib.sha256()
count = 0
while True:
    chunk = sock.recv(65536)
    if not chunk:
        break
    received.update(chunk)
    count += len(chunk)
sender.join()
sock.close()
print(size, hashlib.sha256(data).hexdigest())
print(count, received.hexdigest())
