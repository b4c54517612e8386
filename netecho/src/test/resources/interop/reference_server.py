"""The server of the reference (shared/reference/sockets.txt, 7.4): blocking, one client at a
time, recv(16) and sendall. Binds 127.0.0.1 on a free port and prints the port first; serves one
connection, then exits.
"""
import socket
import sys

sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock.bind(("127.0.0.1", 0))
sock.listen(1)
print(sock.getsockname()[1], flush=True)
connection, client_address = sock.accept()
try:
    while True:
        data = connection.recv(16)
        if data:
            connection.sendall(data)
        else:
            break
finally:
    connection.shutdown(2)
    connection.close()
    sock.close()
