"""The least of RFC 6455 both ends need: Chromium's DevTools client and the Twilio stand-in."""
import base64
import hashlib
import os
import struct

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TEXT, CLOSE, PING, PONG = 0x1, 0x8, 0x9, 0xA


def accept_key(key):
    """``Sec-WebSocket-Accept`` for a client's ``Sec-WebSocket-Key``."""
    return base64.b64encode(hashlib.sha1(key.encode("ascii") + GUID).digest()).decode("ascii")


def read_exactly(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise EOFError("the WebSocket peer closed the connection")
        data += chunk
    return data


def send(sock, data, opcode=TEXT, mask=False):
    """One final frame; clients mask (``mask=True``), servers do not."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    head = bytearray([0x80 | opcode])
    flag = 0x80 if mask else 0
    if len(data) < 126:
        head.append(flag | len(data))
    elif len(data) < 1 << 16:
        head.append(flag | 126)
        head += struct.pack("!H", len(data))
    else:
        head.append(flag | 127)
        head += struct.pack("!Q", len(data))
    if mask:
        key = os.urandom(4)
        head += key
        data = bytes(b ^ key[i % 4] for i, b in enumerate(data))
    sock.sendall(bytes(head) + data)


def receive(sock):
    """``(opcode, payload bytes)`` of the next whole message; answers pings itself."""
    pieces, first_opcode = [], None
    while True:
        b0, b1 = read_exactly(sock, 2)
        opcode, length = b0 & 0x0F, b1 & 0x7F
        if length == 126:
            length = struct.unpack("!H", read_exactly(sock, 2))[0]
        elif length == 127:
            length = struct.unpack("!Q", read_exactly(sock, 8))[0]
        key = read_exactly(sock, 4) if b1 & 0x80 else None
        data = read_exactly(sock, length)
        if key:
            data = bytes(b ^ key[i % 4] for i, b in enumerate(data))
        if opcode == PING:
            send(sock, data, PONG, mask=key is None)
            continue
        if opcode >= CLOSE:
            if opcode == CLOSE:
                return CLOSE, data
            continue
        if first_opcode is None:
            first_opcode = opcode
        pieces.append(data)
        if b0 & 0x80:
            return first_opcode, b"".join(pieces)
