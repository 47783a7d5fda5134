package io.roundtrip.path;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls a TUN device needs (open(2), ioctl(2), poll(2), read(2), write(2), close(2)), through JNA. */
interface Libc extends Library {

    Libc INSTANCE = Native.load("c", Libc.class);

    int O_RDWR = 2;
    short POLLIN = 0x0001;

    int open(String path, int flags) throws LastErrorException;

    int ioctl(int fd, long request, byte[] argument) throws LastErrorException;

    /** {@code fds} holds {@code struct pollfd} records: int fd, short events, short revents (8 bytes each). */
    int poll(byte[] fds, int count, int timeoutMillis) throws LastErrorException;

    int read(int fd, byte[] buffer, long count) throws LastErrorException;

    int write(int fd, byte[] buffer, long count) throws LastErrorException;

    int close(int fd) throws LastErrorException;
}
